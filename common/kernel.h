/*
 * kernel.h — which kernel a step ran, for the report.
 *
 * A step with a hand-written kernel (v6 … v9) chooses it at run time: AVX2 or
 * NEON where the CPU has it, v5's portable loop elsewhere or when
 * POR_NO_AVX2 / POR_NO_NEON asks for it.  The step names its choice where it
 * makes it, `return kernel_chosen("AVX2", colorcode_row_avx2);`, and ./main
 * prints it beside the time and in --json, so a run says which code it timed.
 */
#ifndef POR_KERNEL_H
#define POR_KERNEL_H

/* Notes `name` ("AVX2", "NEON" or "portable") and is `kernel`. */
#define kernel_chosen(name, kernel) (kernel_note(name), (kernel))

/* Safe from any thread; the last note of a run wins (every thread chooses alike). */
void kernel_note(const char *name);

/* For the harness: forget the note before a run, read it after (NULL: none). */
void kernel_reset(void);
const char *kernel_noted(void);

#endif
