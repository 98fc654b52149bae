/*
 * harness.h — measures one run of one version: the region "load + colour-code".
 * Wall time (monotonic), CPU time (user + system, all threads), the split the
 * version marks between reading and computing (phase.h), the region's own peak
 * resident memory and its minor page faults.
 */
#ifndef POR_HARNESS_H
#define POR_HARNESS_H

#include <stdbool.h>

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
    double cache_resident;  /* --cold: the share of the input left in the page cache */
};

/* Runs `version` once; on success *out holds the image (floor: no pixels). */
int harness_run(const struct version_info *version, const struct step_input *input,
                struct rgb_image *out, struct run_result *result);

#endif
