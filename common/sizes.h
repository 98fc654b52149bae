/*
 * sizes.h — the standard sizes of the data (docs/spec.md §3), declared once.
 *
 * generate_data writes them, ./main generates a missing one on first use and
 * prints them (`main list --sizes`: name, height, width, csv or no-csv), and
 * the scripts and documents read them from there.
 */
#ifndef POR_SIZES_H
#define POR_SIZES_H

#include <stdbool.h>
#include <stddef.h>

/* The base image every size tiles. */
enum { SIZE_BASE_HEIGHT = 960, SIZE_BASE_WIDTH = 1280, SIZE_COUNT = 4 };

struct data_size {
    const char *name;
    size_t tiles;        /* the base image tiled tiles × tiles */
    bool csv_default;    /* first use writes the CSVs: yes for s and m, no for l and xl */
};

extern const struct data_size data_sizes[SIZE_COUNT];

/* The size called `name`, or NULL. */
const struct data_size *data_size_find(const char *name);

/* "s, m, l, xl" into `out` (for messages). */
void data_size_names(char *out, size_t size);

#endif
