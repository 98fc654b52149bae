/*
 * kernel.h — the ladder's fastest colour-coding kernel, for main-mpi.
 *
 * It is v6's colorcode() (AVX2 where the CPU has it, NEON on arm64, v5's
 * kernel elsewhere, OpenMP over rows), the kernel v7, v8 and v9 carry
 * unchanged.  kernel.c compiles v6/step.c itself, so main-mpi runs exactly the
 * code the ladder measures.
 */
#ifndef POR_MPI_KERNEL_H
#define POR_MPI_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/* docs/spec.md §2 for height × width pixels: probabilities (H × W × 4 doubles) in,
 * rgb (H × W × 3 bytes) out; the rows shared out among the OpenMP threads. */
void kernel_colorcode(const double *probabilities, size_t height, size_t width, uint8_t *rgb);

#endif
