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
    options->generate = DATA_GENERATE_IN_PROJECT;
}

/* Options that take a value (parse_valued), and those that do not (parse_flag). */
static const char *const valued[] = {"--data", "--out", "--show", "--rss-trace", "--repeat",
                                     "--warmup", "--threads", "--chunk-size"};
enum flag {
    FLAG_HELP, FLAG_VERSION, FLAG_JSON, FLAG_TSV, FLAG_SIZES, FLAG_NO_HUGEPAGES, FLAG_SPIN,
    FLAG_COLD, FLAG_GENERATE, FLAG_NO_GENERATE, FLAG_COUNT
};
static const char *const flags[FLAG_COUNT] = {
    [FLAG_HELP] = "--help", [FLAG_VERSION] = "--version", [FLAG_JSON] = "--json",
    [FLAG_TSV] = "--tsv", [FLAG_SIZES] = "--sizes", [FLAG_NO_HUGEPAGES] = "--no-hugepages",
    [FLAG_SPIN] = "--spin", [FLAG_COLD] = "--cold", [FLAG_GENERATE] = "--generate",
    [FLAG_NO_GENERATE] = "--no-generate"};

/* Sets what the flag `name` sets; 1 if it is one, 0 if not. */
static int parse_flag(struct options *options, const char *name)
{
    size_t flag = 0;
    while (flag < FLAG_COUNT && strcmp(name, flags[flag]) != 0)
        flag++;
    if (strcmp(name, "-h") == 0)
        flag = FLAG_HELP;
    switch (flag) {
    case FLAG_HELP: options->command = COMMAND_HELP; break;
    case FLAG_VERSION: options->command = COMMAND_VERSION; break;
    case FLAG_JSON: options->json = true; break;
    case FLAG_TSV: options->tsv = true; break;
    case FLAG_SIZES: options->sizes = true; break;
    case FLAG_NO_HUGEPAGES: options->hugepages = false; break;
    case FLAG_SPIN: options->spin = true; break;
    case FLAG_COLD: options->cold = true; break;
    case FLAG_GENERATE: options->generate = DATA_GENERATE_ANYWHERE; break;
    case FLAG_NO_GENERATE: options->generate = DATA_GENERATE_NEVER; break;
    default: return 0;
    }
    return 1;
}

/* Edits (insert, delete, replace a character) that turn `a` into `b`; names are short. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(b), row[64];
    if (n >= sizeof row / sizeof row[0])
        return (size_t)-1;
    for (size_t j = 0; j <= n; j++)
        row[j] = j;
    for (size_t i = 1; a[i - 1]; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= n; j++) {
            size_t above = row[j], best = diagonal + (a[i - 1] != b[j - 1]);
            best = row[j] + 1 < best ? row[j] + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            diagonal = above;
            row[j] = best;
        }
    }
    return row[n];
}

/* The known option nearest to `name` (at most 2 edits, a third of its length), or NULL. */
static const char *nearest_option(const char *name)
{
    const char *best = NULL;
    size_t best_distance = strlen(name) / 3 < 2 ? strlen(name) / 3 : 2;
    const char *const *lists[] = {valued, flags};
    const size_t counts[] = {sizeof valued / sizeof valued[0], sizeof flags / sizeof flags[0]};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            size_t distance = edit_distance(name, lists[l][i]);
            if (distance <= best_distance && (best == NULL || distance < best_distance))
                best = lists[l][i], best_distance = distance;
        }
    return best;
}

/* Options that take a value; returns 1 if `name` is one of them, 0 if not, -1 on a bad value. */
static int parse_valued(struct options *options, const char *name, const char *value)
{
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
        if (parse_flag(options, arg)) {
            if (options->command == COMMAND_HELP || options->command == COMMAND_VERSION)
                return 0;   /* nothing after them matters */
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0') {
            int used = parse_valued(options, arg, i + 1 < argc ? argv[i + 1] : NULL);
            if (used < 0)
                return -1;
            const char *near = used == 0 ? nearest_option(arg) : NULL;
            if (near)
                return error_set("unknown option \"%s\": did you mean %s? (see --help)", arg, near);
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
           "                    missing standard size of the project's data/ (data/s, m, l,\n"
           "                    xl: `list --sizes`) is generated on first use, after saying\n"
           "                    how much disk it takes and checking it is free\n"
           "  --generate        generate a missing standard size wherever DIR is (DIR/..\n"
           "                    is then the data root you chose), not only in data/\n"
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
           "/proc/self/clear_refs).  Exit codes: 0 ok, 1 bad data or I/O, 2 usage (and a\n"
           "missing size outside data/ without --generate).\n",
           program, program, program, program, program);
}
