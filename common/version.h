/*
 * version.h — the one entry point every version implements, and the ladder.
 *
 * Each vN/ directory implements vN_load_and_colorcode() and nothing else that
 * is visible: load the probability map of args->data_dir, colour-code the
 * winning class of every pixel (SPEC §2), return the image.  It adds the time
 * it spends reading to times->load_ms and the time it spends computing to
 * times->compute_ms, so the harness can print the split.  OpenMP thread count
 * is set by the harness before the call.
 */
#ifndef POR_VERSION_H
#define POR_VERSION_H

#include <stdbool.h>
#include <stddef.h>

#include "image.h"

struct version_args {
    const char *data_dir;   /* folder holding data.hdf5 and 0.csv … 3.csv */
    size_t chunk_size;      /* tile edge in pixels, for the chunked versions */
};

struct phase_times {
    double load_ms;
    double compute_ms;
    double cpu_ms;   /* only for the self-timed floor: CPU time of its timed read */
};

typedef int version_fn(const struct version_args *args, struct rgb_image *out,
                       struct phase_times *times);

version_fn v0_load_and_colorcode, v1_load_and_colorcode, v2_load_and_colorcode,
    v3_load_and_colorcode, v4_load_and_colorcode, v5_load_and_colorcode,
    v6_load_and_colorcode, v7_load_and_colorcode;

struct version_info {
    const char *name;       /* "v0" … "v7" */
    version_fn *run;
    const char *change;     /* the step's idea in one line */
    const char *input;      /* "csv" or "hdf5" */
    bool chunked;           /* honours --chunk-size */
    bool threaded;          /* honours --threads */
    int max_difference;     /* allowed per-channel difference from the reference (SPEC §2) */
    bool self_timed;        /* the floor: times only its second read, reported as load */
};

extern const struct version_info ladder[];
extern const size_t ladder_length;

/* The version called `name`, or NULL. */
const struct version_info *ladder_find(const char *name);

#endif
