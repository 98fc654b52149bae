/*
 * options.c — parsing generate_data's command line by hand.
 *
 * Six options do not justify getopt_long's global state; a plain loop also
 * makes every message name the option it is about.  Both "--opt value" and
 * "--opt=value" are accepted, as GNU tools do.
 */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

const char gen_usage[] =
    "usage: generate_data [--sizes LIST] [--scale N] [--out DIR] [--seed N] [--no-csv] [--help]\n"
    "\n"
    "Synthesizes a stained-tissue image, segments it with a random forest and writes\n"
    "each size as DIR/<size>/data.hdf5, 0.csv ... 3.csv and preview.png, tile by\n"
    "tile: its memory does not grow with the size.  Before it starts it checks\n"
    "that the disk has room for every size (and a tenth to spare), else refuses.\n"
    "Each size is written into a hidden DIR/.<size>.tmp-<pid>, renamed to\n"
    "DIR/<size> only when complete: Ctrl-C or a failure leaves nothing behind.\n"
    "\n"
    "  --sizes LIST  comma-separated sizes, as `main list --sizes` prints them with\n"
    "                their pixels (s is 960 x 1280, the others tile it: m 2 x 2,\n"
    "                l 4 x 4, xl 6 x 6, xxl 30 x 30); default s.  xxl is HDF5 only\n"
    "                (38.7 GB, more than the memory of most machines; no CSVs)\n"
    "  --scale N     also (or, without --sizes, only) N x N base images, 1 to 100,\n"
    "                as DIR/scaleN: 960N x 1280N pixels, 43 N^2 MB of HDF5\n"
    "  --out DIR     output directory; default data\n"
    "  --seed N      seed of the image and the forest (unsigned integer); default 20240710\n"
    "  --no-csv      write data.hdf5 and preview.png only (an existing DIR/<size> is\n"
    "                replaced as a whole, so its CSVs go too)\n"
    "  --help        print this help and exit\n";

/* "s,m,xl" → the sizes in that order; each at most once. */
static int parse_sizes(const char *list, struct gen_options *options)
{
    char copy[64];
    if (strlen(list) >= sizeof copy)
        return error_set("--sizes: list too long: '%s'", list);
    strcpy(copy, list);
    options->size_count = 0;
    char *save = NULL;
    for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        const struct data_size *size = data_size_find(name);
        if (!size) {
            char names[64];
            data_size_names(names, sizeof names);
            return error_set("--sizes: unknown size '%s' (the sizes: %s)", name, names);
        }
        for (size_t i = 0; i < options->size_count; i++)
            if (options->sizes[i] == size)
                return error_set("--sizes: size '%s' given twice", name);
        options->sizes[options->size_count++] = size;
    }
    if (options->size_count == 0)
        return error_set("--sizes: empty list (expected e.g. s or s,m)");
    return 0;
}

/* --scale N: a size of its own, "scaleN", after those of --sizes. */
static int parse_scale(const char *text, struct gen_options *options)
{
    char *end;
    long value = text[0] >= '0' && text[0] <= '9' ? strtol(text, &end, 10) : 0;
    if (value < 1 || value > GEN_MAX_SCALE || *end != '\0')
        return error_set("--scale: expected an integer from 1 to %d, got '%s'", GEN_MAX_SCALE,
                         text);
    snprintf(options->scaled_name, sizeof options->scaled_name, "scale%ld", value);
    options->scaled = (struct data_size){options->scaled_name, (size_t)value, false, false};
    return 0;
}

static int parse_seed(const char *text, uint64_t *seed)
{
    char *end;
    errno = 0;
    /* strtoull accepts a leading '-' and wraps it; a seed is never negative. */
    if (text[0] < '0' || text[0] > '9')
        return error_set("--seed: expected an unsigned integer, got '%s'", text);
    unsigned long long value = strtoull(text, &end, 10);
    if (errno == ERANGE || *end != '\0')
        return error_set("--seed: expected an unsigned integer below 2^64, got '%s'", text);
    *seed = value;
    return 0;
}

/* Matches argv[*i] against "--name" or "--name=value"; sets *value from the
 * "=" part or the next argument.  1 on a match, 0 if not this option, -1 on error. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return error_set("%s: missing value", name);
    *value = argv[++*i];
    return 1;
}

int gen_options_parse(int argc, char **argv, struct gen_options *options)
{
    *options = (struct gen_options){
        .sizes = {&data_sizes[0]}, .size_count = 1, .out = "data",
        .seed = GEN_DEFAULT_SEED, .csv = true,
    };
    bool sizes_given = false;
    for (int i = 1; i < argc; i++) {
        const char *value;
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            options->help = true;
        } else if (strcmp(argv[i], "--no-csv") == 0) {
            options->csv = false;
        } else if ((r = option_value(argc, argv, &i, "--sizes", &value)) != 0) {
            if (r < 0 || parse_sizes(value, options) < 0)
                return -1;
            sizes_given = true;
        } else if ((r = option_value(argc, argv, &i, "--scale", &value)) != 0) {
            if (r < 0 || parse_scale(value, options) < 0)
                return -1;
        } else if ((r = option_value(argc, argv, &i, "--out", &value)) != 0) {
            if (r < 0)
                return -1;
            if (value[0] == '\0')
                return error_set("--out: empty directory name");
            options->out = value;
        } else if ((r = option_value(argc, argv, &i, "--seed", &value)) != 0) {
            if (r < 0 || parse_seed(value, &options->seed) < 0)
                return -1;
        } else {
            return error_set("unknown argument '%s' (try --help)", argv[i]);
        }
    }
    if (options->scaled.name != NULL) {
        if (!sizes_given)
            options->size_count = 0;
        options->sizes[options->size_count++] = &options->scaled;
    }
    return 0;
}
