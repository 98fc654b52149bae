/*
 * step.h — everything a step of the ladder may use.  Read this first.
 *
 * A step is one file, vN/step.c, defining one function:
 *
 *     int step_load_and_colorcode(const struct step_input *input, struct rgb_image *out);
 *
 * It loads the probability map of input->data_dir and colour-codes the winning
 * class of every pixel into *out (docs/spec.md §2), as the Python original's
 * load_and_colorcode_probabilities(folder) does, in one of two ways (image.h):
 *   - the whole image: rgb_image_alloc(out, H, W), then fill out->pixels;
 *   - band by band: rgb_image_begin(out, H, W), then rgb_image_put_rows(out,
 *     first_row, rows, rgb) for each band of whole rows the step computed into
 *     its own small buffer — from any thread, in any order.  The driver
 *     digests the rows, writes them to --out or checks them as they come, so
 *     the step's memory need not grow with the image (v4, v7, v8, v9).
 * It returns 0, or -1 after
 * error_set() said what went wrong (which file, which dataset, what was expected,
 * what was found); ./main prints that message once.
 *
 * The driver (common/) owns everything else: the command line and its checks,
 * timing, memory, the report, verification.  A step only marks its phases,
 * phase_begin(PHASE_LOAD) before it reads and phase_begin(PHASE_COMPUTE) before it
 * computes, so the report can split the time; a thread that marked a phase
 * ends with phase_end().
 *
 * The build compiles each step with its own name for the function
 * (v3_load_and_colorcode, ...), so a profiler shows which step it is looking at.
 */
#ifndef POR_STEP_H
#define POR_STEP_H

#include <stddef.h>

#include "bigalloc.h"     /* big_alloc, big_free: large arrays, as numpy allocates them */
#include "error.h"        /* error_set: the one message of a failure */
#include "hdf5_input.h"   /* hdf5_open_probabilities: the dataset opened and checked */
#include "image.h"        /* struct rgb_image: the result, whole or band by band */
#include "kernel.h"       /* kernel_chosen: which kernel ran, for the report */
#include "phase.h"        /* phase_begin, phase_end: where the time goes */

struct step_input {
    const char *data_dir;   /* folder holding data.hdf5 and 0.csv … 3.csv */
    size_t chunk_size;      /* tile edge in pixels (>= 1), for the chunked steps */
};

typedef int step_fn(const struct step_input *input, struct rgb_image *out);

step_fn step_load_and_colorcode;

#endif
