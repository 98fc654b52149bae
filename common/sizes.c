/* sizes.c — the table of sizes.h. */
#include "sizes.h"

#include <stdio.h>
#include <string.h>

/* xxl's probabilities (28,800 × 38,400 × 4 float64, 35 GB) exceed the 24 GB of
 * the machine the documents were measured on: the size where the whole-image
 * steps refuse and only the bounded ones run. */
const struct data_size data_sizes[SIZE_COUNT] = {
    {"s", 1, true, false}, {"m", 2, true, false}, {"l", 4, false, false},
    {"xl", 6, false, false}, {"xxl", 30, false, true},
};

static const double HDF5_BYTES_PER_PIXEL = 4 * 8 + 3;
static const double CSV_BYTES_PER_PIXEL = 4 * 25;
static const double PREVIEW_BYTES = 2.6e6;

double data_size_disk_bytes(size_t tiles, bool csv)
{
    double pixels = (double)SIZE_BASE_HEIGHT * SIZE_BASE_WIDTH * (double)tiles * (double)tiles;
    return pixels * (HDF5_BYTES_PER_PIXEL + (csv ? CSV_BYTES_PER_PIXEL : 0)) + PREVIEW_BYTES;
}

const struct data_size *data_size_find(const char *name)
{
    for (size_t i = 0; i < SIZE_COUNT; i++)
        if (strcmp(data_sizes[i].name, name) == 0)
            return &data_sizes[i];
    return NULL;
}

void data_size_names(char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < SIZE_COUNT && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", data_sizes[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
}
