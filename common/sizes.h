/*
 * sizes.h — the standard sizes of the data (docs/spec.md §3), declared once.
 *
 * generate_data writes them, ./main generates a missing one on first use and
 * prints them (`main list --sizes`: name, height, width, csv or no-csv), and
 * the scripts and documents read them from there.  generate_data --scale N
 * writes any other N (a size of its own, named scaleN).
 */
#ifndef POR_SIZES_H
#define POR_SIZES_H

#include <stdbool.h>
#include <stddef.h>

/* The base image every size tiles. */
enum { SIZE_BASE_HEIGHT = 960, SIZE_BASE_WIDTH = 1280, SIZE_COUNT = 5 };

struct data_size {
    const char *name;
    size_t tiles;        /* the base image tiled tiles × tiles */
    bool csv_default;    /* first use writes the CSVs: yes for s and m, no for l and xl */
    bool hdf5_only;      /* never CSVs (xxl: they would take 110 GB) */
};

extern const struct data_size data_sizes[SIZE_COUNT];

/* The size called `name`, or NULL. */
const struct data_size *data_size_find(const char *name);

/* "s, m, l, xl, xxl" into `out` (for messages). */
void data_size_names(char *out, size_t size);

/* The bytes a size takes on disk (docs/spec.md §3): data.hdf5's 4 float64 and
 * 3 uint8 per pixel, with `csv` the CSVs' 4 values of 25 characters per pixel,
 * and the preview. */
double data_size_disk_bytes(size_t tiles, bool csv);

#endif
