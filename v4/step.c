/* v4 — Change: HDF5 hyperslab reads of chunk × chunk tiles, each through v3's passes.
 *
 * v3 read the whole dataset before computing anything, so its peak memory
 * grows with the image: at size xl the input alone is 1.5 GB.  Here the image
 * is cut into tiles of input->chunk_size × chunk_size pixels (1024 by default;
 * tiles at the right and bottom edges are smaller).  Each tile is read on its
 * own with an HDF5 hyperslab selection into one tile buffer, colour-coded by
 * exactly v3's passes, and pasted into a band: one row of tiles, chunk rows ×
 * the image's width.  A full band goes to the driver (rgb_image_put_rows),
 * which digests it or writes it to --out's PNG; the output image is never
 * held whole.  The tile buffers are allocated once, for a whole tile, and
 * every tile reuses them (the band too, for every row of tiles): a fresh
 * 32 MiB buffer per tile, mapped and zeroed anew, cost 60–90 ms of load at
 * xl, a third of the whole read (v4/README.md).  Peak memory is bounded by
 * one tile, its temporaries and one band of output rows, whatever the image's
 * height: it grows with the width (the band), never with the height.
 *
 * The price: a tile's rows are separate pieces of the file — 1024 reads per
 * tile where v3 made one — so HDF5 and the kernel do more work per byte than
 * in one whole read, and the tile, 32 MiB, is written to memory and read back
 * rather than computed while it is in the cache.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "step.h"

enum { CLASSES = 4, CHANNELS = 3 };

/* Class 0 blue, 1 green, 2 red, 3 cyan (docs/spec.md §2). */
static const uint8_t COLORS[CLASSES][CHANNELS] = {
    {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {0, 255, 255},
};

/* One tile of the image: its top-left pixel and its size. */
struct tile {
    size_t row;
    size_t column;
    size_t height;
    size_t width;
};

/* The temporaries of the passes: two, and the class array a byte per pixel. */
struct temporaries {
    uint8_t *classes;   /* pixels */
    double *maximum;    /* pixels */
    size_t pixels;
};

/* ---- reading the HDF5 dataset -------------------------------------------- */

/* One H5Dread of the tile's hyperslab into `values` (tile height × width × 4 doubles). */
static int read_tile(const struct hdf5_input *hdf5, const struct tile *tile, double *values)
{
    hsize_t start[3] = {tile->row, tile->column, 0};
    hsize_t count[3] = {tile->height, tile->width, CLASSES};
    hid_t file_space = H5Dget_space(hdf5->dataset);
    hid_t memory_space = H5Screate_simple(3, count, NULL);
    int status = -1;
    if (file_space < 0 || memory_space < 0)
        goto end;
    if (H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL) < 0)
        goto end;
    if (H5Dread(hdf5->dataset, H5T_NATIVE_DOUBLE, memory_space, file_space, H5P_DEFAULT,
                values) < 0)
        goto end;
    status = 0;
end:
    if (memory_space >= 0)
        H5Sclose(memory_space);
    if (file_space >= 0)
        H5Sclose(file_space);
    return status != 0 ? hdf5_read_error(hdf5) : 0;
}

/* ---- the numpy-style passes ----------------------------------------------- */

static void free_temporaries(struct temporaries *t)
{
    big_free(t->classes);
    big_free(t->maximum);
    *t = (struct temporaries){0};
}

static int alloc_temporaries(struct temporaries *t, size_t pixels)
{
    *t = (struct temporaries){.pixels = pixels};
    t->classes = big_alloc_array(pixels, sizeof *t->classes, "classes");
    t->maximum = big_alloc_array(pixels, sizeof *t->maximum, "maximum");
    if (t->classes && t->maximum)
        return 0;
    free_temporaries(t);
    return -1;
}

/* classes = argmax(P, axis=-1) and maximum = max(0, max(P, axis=-1)) in one pass:
 * the maximum is the value the argmax found (strict >, starting from 0). */
static void argmax_max_pass(const double *restrict probabilities, size_t pixels,
                            uint8_t *restrict classes, double *restrict maximum)
{
    for (size_t i = 0; i < pixels; i++) {
        const double *p = probabilities + i * CLASSES;
        double best = 0.0;
        uint8_t winner = 0;
        for (int c = 0; c < CLASSES; c++) {
            if (p[c] > best) {
                best = p[c];
                winner = (uint8_t)c;
            }
        }
        classes[i] = winner;
        maximum[i] = best;
    }
}

/* rgb = COLORS[classes], straight into the output */
static void gather_colors_pass(const uint8_t *restrict classes, size_t pixels,
                               uint8_t *restrict rgb)
{
    for (size_t i = 0; i < pixels; i++)
        for (int channel = 0; channel < CHANNELS; channel++)
            rgb[i * CHANNELS + channel] = COLORS[classes[i]][channel];
}

/* rgb = clip(rgb * maximum[..., None], 0, 255) in place; never converts an
 * out-of-range double (the colour is 0 or 255, the maximum may be above 1 or inf). */
static void multiply_in_place_pass(uint8_t *restrict rgb, const double *restrict maximum,
                                   size_t pixels)
{
    for (size_t i = 0; i < pixels; i++) {
        for (int channel = 0; channel < CHANNELS; channel++) {
            uint8_t *component = &rgb[i * CHANNELS + channel];
            double value = *component * maximum[i];
            *component = !(value > 0.0) ? 0 : value >= 255.0 ? 255 : (uint8_t)value;
        }
    }
}

/* Colour-codes `pixels` pixels of `probabilities` into `rgb`, pass after pass. */
static int colorcode(const double *probabilities, size_t pixels, uint8_t *rgb)
{
    struct temporaries t;
    if (alloc_temporaries(&t, pixels) != 0)
        return -1;
    argmax_max_pass(probabilities, pixels, t.classes, t.maximum);
    gather_colors_pass(t.classes, pixels, rgb);
    multiply_in_place_pass(rgb, t.maximum, pixels);
    free_temporaries(&t);
    return 0;
}

/* Copies a tile's colours (tile height × width × 3) to its place in the band,
 * a row of tiles `width` pixels wide. */
static void paste_tile(const uint8_t *restrict rgb, const struct tile *tile,
                       uint8_t *restrict band, size_t width)
{
    size_t row_bytes = tile->width * CHANNELS;
    for (size_t y = 0; y < tile->height; y++)
        memcpy(band + (y * width + tile->column) * CHANNELS, rgb + y * row_bytes, row_bytes);
}

/* The buffers of a tile, allocated once for a whole tile and reused by every
 * tile; the band, once for a row of tiles. */
struct tile_buffers {
    double *values;   /* pixels × 4: the tile's probabilities */
    uint8_t *rgb;     /* pixels × 3: its colours */
    size_t pixels;
    uint8_t *band;    /* chunk × image width × 3: a row of tiles' colours */
};

/* Reads one tile into the buffers, colour-codes it and pastes it into the band. */
static int process_tile(const struct hdf5_input *hdf5, const struct tile *tile,
                        const struct tile_buffers *buffers, size_t width)
{
    phase_begin(PHASE_LOAD);
    if (read_tile(hdf5, tile, buffers->values) != 0)
        return -1;
    phase_begin(PHASE_COMPUTE);

    if (colorcode(buffers->values, tile->height * tile->width, buffers->rgb) != 0)
        return -1;
    paste_tile(buffers->rgb, tile, buffers->band, width);
    return 0;
}

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

int step_load_and_colorcode(const struct step_input *input, struct rgb_image *out)
{
    struct hdf5_input hdf5;
    size_t chunk = input->chunk_size;
    phase_begin(PHASE_LOAD);
    if (hdf5_open_probabilities(input->data_dir, &hdf5) != 0)
        return -1;

    int status = -1;
    size_t pixels = min_size(chunk, hdf5.height) * min_size(chunk, hdf5.width);
    struct tile_buffers buffers = {
        big_alloc_array(pixels, CLASSES * sizeof(double), "a tile"),
        big_alloc_array(pixels, CHANNELS, "a tile's colours"), pixels,
        big_alloc_array(min_size(chunk, hdf5.height) * hdf5.width, CHANNELS, "a row of tiles")};
    if (!buffers.values || !buffers.rgb || !buffers.band ||
        rgb_image_begin(out, hdf5.height, hdf5.width) != 0)
        goto end;
    for (size_t row = 0; row < hdf5.height; row += chunk) {
        size_t rows = min_size(chunk, hdf5.height - row);
        for (size_t column = 0; column < hdf5.width; column += chunk) {
            struct tile tile = {row, column, rows, min_size(chunk, hdf5.width - column)};
            if (process_tile(&hdf5, &tile, &buffers, hdf5.width) != 0)
                goto end;
        }
        if (rgb_image_put_rows(out, row, rows, buffers.band) != 0)
            goto end;
    }
    status = 0;
end:
    if (status != 0)
        rgb_image_free(out);
    big_free(buffers.values);
    big_free(buffers.rgb);
    big_free(buffers.band);
    hdf5_input_close(&hdf5);
    return status;
}
