/*
 * options.c — ./main's command line.  Numbers are parsed strictly (the whole
 * token must be a number in range), because `--chunk-size 1k` silently read as
 * 1 would be a surprise on stage.
 */
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

static int parse_count(const char *option, const char *text, long min, long max, long *value)
{
    char *end;
    errno = 0;
    long parsed = text ? strtol(text, &end, 10) : 0;
    if (text == NULL)
        return error_set("%s needs a value", option);
    if (errno || end == text || *end != '\0' || parsed < min || parsed > max)
        return error_set("%s: expected a whole number from %ld to %ld, found \"%s\"", option,
                         min, max, text);
    *value = parsed;
    return 0;
}

static void set_defaults(struct options *options)
{
    memset(options, 0, sizeof *options);
    options->data_dir = "data/s";
    options->repeat = 1;
    options->chunk_size = 1024;
    options->hugepages = true;
    options->generate = true;
}

/* Options that take a value; returns 1 if `name` is one of them, 0 if not, -1 on a bad value. */
static int parse_valued(struct options *options, const char *name, const char *value)
{
    static const char *const valued[] = {"--data", "--out", "--show", "--rss-trace", "--repeat",
                                         "--warmup", "--threads", "--chunk-size"};
    size_t known = 0;
    while (known < sizeof valued / sizeof valued[0] && strcmp(name, valued[known]) != 0)
        known++;
    if (known == sizeof valued / sizeof valued[0])
        return 0;
    if (value == NULL)
        return error_set("%s needs a value", name);
    if (value[0] == '\0')
        return error_set("%s needs a value, found an empty string", name);

    long number = 0;
    if (strcmp(name, "--data") == 0)
        options->data_dir = value;
    else if (strcmp(name, "--out") == 0)
        options->out_png = value;
    else if (strcmp(name, "--show") == 0)
        options->show_png = value;
    else if (strcmp(name, "--rss-trace") == 0)
        options->rss_trace = value;
    else if (strcmp(name, "--repeat") == 0 && parse_count(name, value, 1, 10000, &number) == 0)
        options->repeat = (int)number;
    else if (strcmp(name, "--warmup") == 0 && parse_count(name, value, 0, 10000, &number) == 0)
        options->warmup = (int)number;
    else if (strcmp(name, "--threads") == 0 && parse_count(name, value, 1, 1024, &number) == 0)
        options->threads = (int)number;
    else if (strcmp(name, "--chunk-size") == 0 &&
             parse_count(name, value, 1, INT_MAX, &number) == 0)
        options->chunk_size = (size_t)number;
    return error_pending() ? -1 : 1;
}

static int parse_command(struct options *options, const char *word)
{
    /* `verify STEP`: one step instead of all of them */
    if (options->command == COMMAND_VERIFY && options->version == NULL) {
        options->version = word;
        return 0;
    }
    if (options->version || options->command != COMMAND_RUN)
        return error_set("unexpected argument \"%s\" (one command or version at a time)", word);
    if (strcmp(word, "list") == 0)
        options->command = COMMAND_LIST;
    else if (strcmp(word, "verify") == 0)
        options->command = COMMAND_VERIFY;
    else if (strcmp(word, "probe") == 0)
        options->command = COMMAND_PROBE;
    else
        options->version = word;
    return 0;
}

int options_parse(int argc, char **argv, struct options *options)
{
    set_defaults(options);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            options->command = COMMAND_HELP;
            return 0;
        }
        if (strcmp(arg, "--version") == 0) {
            options->command = COMMAND_VERSION;
            return 0;
        }
        if (strcmp(arg, "--json") == 0) {
            options->json = true;
            continue;
        }
        if (strcmp(arg, "--tsv") == 0) {
            options->tsv = true;
            continue;
        }
        if (strcmp(arg, "--sizes") == 0) {
            options->sizes = true;
            continue;
        }
        if (strcmp(arg, "--no-hugepages") == 0) {
            options->hugepages = false;
            continue;
        }
        if (strcmp(arg, "--cold") == 0) {
            options->cold = true;
            continue;
        }
        if (strcmp(arg, "--spin") == 0) {
            options->spin = true;
            continue;
        }
        if (strcmp(arg, "--no-generate") == 0) {
            options->generate = false;
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0') {
            int used = parse_valued(options, arg, i + 1 < argc ? argv[i + 1] : NULL);
            if (used < 0)
                return -1;
            if (used == 0)
                return error_set("unknown option \"%s\" (see --help)", arg);
            i++;
            continue;
        }
        if (parse_command(options, arg) < 0)
            return -1;
    }
    if (options->command == COMMAND_RUN && options->version == NULL)
        return error_set("which version? e.g. `main v3` (see `main list` and --help)");
    return 0;
}

void options_print_help(const char *program)
{
    printf("Usage: %s VERSION [options]     run one version and print time and peak memory\n"
           "       %s list [--tsv]          the ladder: each step, its parents and its idea\n"
           "       %s list --sizes          the sizes: name, height, width, csv or no-csv\n"
           "       %s verify [STEP] [--data DIR]  check every version (or one) against the\n"
           "                                reference, naming the first differing pixel\n"
           "       %s probe [--json]         this machine: fresh memory, copy bandwidth, and a\n"
           "                                cold read from the disk that holds --data's folder\n"
           "\n"
           "VERSION is a step of `main list` (v0, v1, ...), or floor (only reads the bytes\n"
           "of the data: the cost no version can beat), or h5dread (only HDF5's whole read).\n"
           "\n"
           "Options:\n"
           "  --data DIR        folder with data.hdf5 and 0.csv … 3.csv (default data/s); a\n"
           "                    missing standard size (DIR ending in s, m, l or xl) is\n"
           "                    generated on first use, after saying how much disk it takes\n"
           "  --no-generate     fail on a missing folder, naming the command that makes it\n"
           "  --repeat N        timed runs, each measured on its own (default 1)\n"
           "  --warmup N        untimed runs before them (default 0)\n"
           "  --threads N       OpenMP threads (default: OMP_NUM_THREADS or all cores)\n"
           "  --chunk-size N    tile edge in pixels for the chunked steps (default 1024)\n"
           "  --out PRED.png    write the computed H × W RGB image\n"
           "  --show SIDE.png   write the input image beside the prediction\n"
           "  --json            one JSON object on stdout instead of the table\n"
           "  --no-hugepages    allocate large arrays without MADV_HUGEPAGE (page-fault lesson)\n"
           "  --rss-trace FILE  sample resident memory every millisecond into FILE\n"
           "  --cold            evict the input files from the page cache before every run\n"
           "                    (data cold on disk, as on a first read; checked, and said so\n"
           "                    where it could not be done, e.g. on tmpfs)\n"
           "  --spin            let idle OpenMP workers spin (OMP_WAIT_POLICY=active), the\n"
           "                    lesson; by default ./main runs them passive unless\n"
           "                    OMP_WAIT_POLICY is set (it re-executes itself once to do so)\n"
           "  --help, --version\n"
           "\n"
           "Time is the region load + colour-code (wall clock, monotonic); memory is that\n"
           "region's own peak resident set (VmHWM after resetting it through\n"
           "/proc/self/clear_refs).  Exit codes: 0 ok, 1 bad data or I/O, 2 usage.\n",
           program, program, program, program, program);
}
