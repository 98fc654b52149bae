/*
 * options.h — the command line of ./main, parsed into one struct.
 * Parsing never prints: a bad option is an error message and EXIT_USAGE.
 */
#ifndef POR_OPTIONS_H
#define POR_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum command { COMMAND_RUN, COMMAND_LIST, COMMAND_VERIFY, COMMAND_PROBE, COMMAND_HELP, COMMAND_VERSION };

struct options {
    enum command command;
    const char *version;      /* a name of ladder.tsv: the version to run, or the one
                                 step `verify STEP` checks (NULL: every step) */
    const char *data_dir;     /* --data, default data/s */
    int repeat;               /* --repeat, timed runs */
    int warmup;               /* --warmup, untimed runs before them */
    int threads;              /* --threads, 0 = OpenMP's default */
    size_t chunk_size;        /* --chunk-size */
    const char *out_png;      /* --out */
    const char *show_png;     /* --show */
    const char *rss_trace;    /* --rss-trace */
    bool json;                /* --json */
    bool tsv;                 /* --tsv, for list */
    bool sizes;               /* --sizes, for list: the standard sizes */
    bool hugepages;           /* cleared by --no-hugepages */
    bool spin;                /* --spin: OMP_WAIT_POLICY=active, idle workers spin */
    bool generate;            /* cleared by --no-generate: a missing size is an error */
    bool cold;                /* --cold: evict the input from the page cache before each run */
};

/* 0 on success; -1 with an error message for a usage error. */
int options_parse(int argc, char **argv, struct options *options);

void options_print_help(const char *program);

#endif
