/*
 * options.h — the command line of generate_data and the table of sizes.
 *
 *   generate_data [--sizes s,m,l,xl] [--out DIR] [--seed N] [--no-csv] [--help]
 *
 * Parsing only records what was asked; nothing is created or checked on disk
 * here, so a bad command line fails before any work starts (exit 2).
 */
#ifndef GEN_OPTIONS_H
#define GEN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The sizes of docs/spec.md §3: the base image tiled `factor` times in both directions. */
struct gen_size {
    const char *name;
    size_t factor;
};

enum { GEN_SIZE_COUNT = 4 };
extern const struct gen_size gen_sizes[GEN_SIZE_COUNT];

/* Fixed so that `generate_data` with no options always writes the same bytes. */
#define GEN_DEFAULT_SEED UINT64_C(20240710)

struct gen_options {
    const struct gen_size *sizes[GEN_SIZE_COUNT];   /* in the order given */
    size_t size_count;
    const char *out;          /* "data" by default */
    uint64_t seed;
    bool csv;                 /* false with --no-csv */
    bool help;                /* --help: print usage, do nothing else */
};

/* 0 on success; -1 with an error (a usage error: exit 2) otherwise. */
int gen_options_parse(int argc, char **argv, struct gen_options *options);

/* The size called `name`, or NULL. */
const struct gen_size *gen_size_find(const char *name);

extern const char gen_usage[];

#endif
