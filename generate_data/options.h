/*
 * options.h — the command line of generate_data.
 *
 *   generate_data [--sizes s,m,l,xl,xxl] [--scale N] [--out DIR] [--seed N] [--no-csv] [--help]
 *
 * Parsing only records what was asked; nothing is created or checked on disk
 * here, so a bad command line fails before any work starts (exit 2).
 */
#ifndef GEN_OPTIONS_H
#define GEN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sizes.h"  /* the sizes of docs/spec.md §3, declared once in common/ */


/* Fixed so that `generate_data` with no options always writes the same bytes. */
#define GEN_DEFAULT_SEED UINT64_C(20240710)

/* --scale's largest N: 96,000 × 128,000 pixels, 430 GB of HDF5. */
enum { GEN_MAX_SCALE = 100 };

struct gen_options {
    const struct data_size *sizes[SIZE_COUNT + 1];   /* in the order given, --scale's last */
    size_t size_count;
    const char *out;          /* "data" by default */
    uint64_t seed;
    bool csv;                 /* false with --no-csv */
    bool help;                /* --help: print usage, do nothing else */
    struct data_size scaled;  /* --scale N: "scaleN", N × N base images */
    char scaled_name[16];
};

/* 0 on success; -1 with an error (a usage error: exit 2) otherwise. */
int gen_options_parse(int argc, char **argv, struct gen_options *options);

extern const char gen_usage[];

#endif
