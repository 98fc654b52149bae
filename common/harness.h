/*
 * harness.h — measures one run of one version: the region "load + colour-code".
 * Wall time (monotonic), CPU time (user + system, all threads), the split the
 * version marks between reading and computing (phase.h), the region's own peak
 * resident memory and its minor page faults.
 */
#ifndef POR_HARNESS_H
#define POR_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "ladder.h"

struct run_result {
    double wall_ms;
    double cpu_ms;
    double load_ms;
    double compute_ms;
    double peak_rss_mb;     /* the region's growth over the RSS it started from */
    double process_peak_mb; /* the process's high-water mark at the end of the region */
    bool peak_is_region;    /* false: clear_refs unavailable, peak is the process lifetime's */
    long minor_faults;
    long major_faults;
    const char *kernel;     /* the kernel the step noted (kernel.h), NULL if none */
    double cache_resident;  /* --cold: the share of the input left in the page cache */
    bool has_digest;        /* the image went through a row sink (row_sink.h) */
    uint64_t digest;        /* its digest */
};

/* Runs `version` once.  With out->sink set, the image's rows go to the sink —
 * a band step's as it hands them over, a whole-image step's right after it
 * returns, inside the measured region, so every step pays for the same
 * hand-over — and out->pixels is NULL for a band step.  Without a sink, *out
 * holds the whole image on success (floor: no pixels). */
int harness_run(const struct version_info *version, const struct step_input *input,
                struct rgb_image *out, struct run_result *result);

#endif
