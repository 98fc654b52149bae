/* v4 — Change: HDF5 hyperslab reads of chunk × chunk tiles, each through v3's passes.
 *
 * v3 read the whole dataset before computing anything, so its peak memory
 * grows with the image: at size xl the input alone is 1.5 GB.  Here the image
 * is cut into tiles of input->chunk_size × chunk_size pixels (1024 by default;
 * tiles at the right and bottom edges are smaller).  Each tile is read on its
 * own with an HDF5 hyperslab selection, colour-coded by exactly v3's passes,
 * and pasted into the output, and its buffers are freed before the next tile.
 * Peak memory is bounded by one tile plus the output, whatever the image size.
 *
 * The price: each tile's buffers are fresh memory, allocated and touched anew
 * (as numpy allocates a new array per chunk), and a tile's rows are separate
 * pieces of the file, so HDF5 does more work per byte than in one whole read.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "step.h"

enum { CLASSES = 4, CHANNELS = 3 };

/* Class 0 blue, 1 green, 2 red, 3 cyan (SPEC §2). */
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
    big_free(t->classes, t->pixels * sizeof *t->classes);
    big_free(t->maximum, t->pixels * sizeof *t->maximum);
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

/* Copies a tile's colours (tile height × width × 3) to its place in the output. */
static void paste_tile(const uint8_t *restrict rgb, const struct tile *tile,
                       struct rgb_image *out)
{
    size_t row_bytes = tile->width * CHANNELS;
    for (size_t y = 0; y < tile->height; y++) {
        uint8_t *destination =
            out->pixels + ((tile->row + y) * out->width + tile->column) * CHANNELS;
        memcpy(destination, rgb + y * row_bytes, row_bytes);
    }
}

/* Reads one tile into fresh buffers, colour-codes it and pastes it into `out`. */
static int process_tile(const struct hdf5_input *hdf5, const struct tile *tile,
                        struct rgb_image *out)
{
    size_t pixels = tile->height * tile->width;  /* a part of the image: cannot overflow */
    size_t values_bytes = pixels * CLASSES * sizeof(double);
    double *values = big_alloc(values_bytes);
    uint8_t *rgb = big_alloc(pixels * CHANNELS);
    int status = -1;
    if (!values || !rgb)
        goto end;

    phase_begin(PHASE_LOAD);
    if (read_tile(hdf5, tile, values) != 0)
        goto end;
    phase_begin(PHASE_COMPUTE);

    if (colorcode(values, pixels, rgb) != 0)
        goto end;
    paste_tile(rgb, tile, out);
    status = 0;
end:
    big_free(values, values_bytes);
    big_free(rgb, pixels * CHANNELS);
    return status;
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
    if (rgb_image_alloc(out, hdf5.height, hdf5.width) != 0)
        goto end;
    for (size_t row = 0; row < hdf5.height; row += chunk) {
        for (size_t column = 0; column < hdf5.width; column += chunk) {
            struct tile tile = {row, column, min_size(chunk, hdf5.height - row),
                                min_size(chunk, hdf5.width - column)};
            if (process_tile(&hdf5, &tile, out) != 0) {
                rgb_image_free(out);
                goto end;
            }
        }
    }
    status = 0;
end:
    hdf5_input_close(&hdf5);
    return status;
}
