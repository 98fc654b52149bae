/*
 * report.h — how ./main prints its measurements: one line per run in the
 * Python original's layout ("v3    49 ms –   48.43 MB") followed by the split,
 * or one JSON object for scripts (scripts/bench reads it).
 */
#ifndef POR_REPORT_H
#define POR_REPORT_H

#include <stdio.h>

#include "harness.h"
#include "options.h"

struct report {
    const struct version_info *version;
    const struct options *options;
    size_t height, width;
    int threads;
    const struct run_result *runs;
    int run_count;
};

void report_header(FILE *out, const struct report *report);
void report_run(FILE *out, const struct report *report, int index);
void report_median(FILE *out, const struct report *report);
void report_json(FILE *out, const struct report *report);

/* The median of `count` values (the mean of the middle two for an even count);
 * NaN for none. */
double median_of(const double *values, int count);

#endif
