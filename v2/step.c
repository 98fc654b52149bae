/* v2 — Change: flat contiguous arrays and whole-array passes, one loop per numpy operation.
 *
 * The probabilities stay in the flat buffer H5Dread fills (H × W × 4 doubles,
 * class innermost) and the result is written straight into the flat image.  In
 * between, the computation is spelled the way numpy spells it: one simple loop
 * per whole-array operation, each writing a full-size temporary:
 *
 *     classes = argmax(P, axis=-1)            int64, H × W
 *     maximum = max(0, max(P, axis=-1))       double, H × W
 *     colors  = COLORS[classes]               uint8, H × W × 3
 *     product = colors * maximum[..., None]   double, H × W × 3
 *     out     = clip(product, 0, 255) as uint8
 *
 * No per-pixel allocations and no pointer chasing any more: every loop walks
 * memory front to back, which is what caches and prefetchers like.  The price
 * is the temporaries: memory traffic and peak memory well above the input.
 * Large arrays come from big_alloc, which asks for huge pages as numpy does.
 */
#include <stdint.h>
#include <stdlib.h>

#include "step.h"

enum { CLASSES = 4, CHANNELS = 3 };

/* Class 0 blue, 1 green, 2 red, 3 cyan (docs/spec.md §2). */
static const uint8_t COLORS[CLASSES][CHANNELS] = {
    {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {0, 255, 255},
};

/* The input: the whole dataset, H × W × 4 doubles in one buffer. */
struct probabilities {
    size_t height;
    size_t width;
    double *values;
};

/* The full-size temporaries of the numpy-style passes, one per operation. */
struct temporaries {
    int64_t *classes;   /* pixels */
    double *maximum;    /* pixels */
    uint8_t *colors;    /* pixels × 3 */
    double *product;    /* pixels × 3 */
    size_t pixels;
};

/* ---- reading the HDF5 dataset -------------------------------------------- */

/* One H5Dread of the whole dataset into one big buffer. */
static int read_probabilities(const char *data_dir, struct probabilities *map)
{
    struct hdf5_input hdf5;
    int status = -1;
    if (hdf5_open_probabilities(data_dir, &hdf5) != 0)
        return -1;
    size_t count = hdf5.height * hdf5.width * CLASSES;  /* the shape check bounds it */
    map->values = big_alloc_array(count, sizeof *map->values, "probabilities");
    if (!map->values)
        goto end;
    if (H5Dread(hdf5.dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                map->values) < 0) {
        hdf5_read_error(&hdf5);
        goto end;
    }
    map->height = hdf5.height;
    map->width = hdf5.width;
    status = 0;
end:
    hdf5_input_close(&hdf5);
    return status;
}

static void free_probabilities(struct probabilities *map)
{
    big_free(map->values);
    *map = (struct probabilities){0};
}

/* ---- the numpy-style passes ----------------------------------------------- */

static void free_temporaries(struct temporaries *t)
{
    big_free(t->classes);
    big_free(t->maximum);
    big_free(t->colors);
    big_free(t->product);
    *t = (struct temporaries){0};
}

static int alloc_temporaries(struct temporaries *t, size_t pixels)
{
    *t = (struct temporaries){.pixels = pixels};
    t->classes = big_alloc_array(pixels, sizeof *t->classes, "classes");
    t->maximum = big_alloc_array(pixels, sizeof *t->maximum, "maximum");
    t->colors = big_alloc_array(pixels, CHANNELS * sizeof *t->colors, "colors");
    t->product = big_alloc_array(pixels, CHANNELS * sizeof *t->product, "product");
    if (t->classes && t->maximum && t->colors && t->product)
        return 0;
    free_temporaries(t);
    return -1;
}

/* classes = argmax(P, axis=-1), with docs/spec.md §2's rule: strict >, starting from 0. */
static void argmax_pass(const double *restrict probabilities, size_t pixels,
                        int64_t *restrict classes)
{
    for (size_t i = 0; i < pixels; i++) {
        const double *p = probabilities + i * CLASSES;
        double best = 0.0;
        int64_t winner = 0;
        for (int c = 0; c < CLASSES; c++) {
            if (p[c] > best) {
                best = p[c];
                winner = c;
            }
        }
        classes[i] = winner;
    }
}

/* maximum = max(0, max(P, axis=-1)); NaN and negative values never count. */
static void max_pass(const double *restrict probabilities, size_t pixels,
                     double *restrict maximum)
{
    for (size_t i = 0; i < pixels; i++) {
        const double *p = probabilities + i * CLASSES;
        double best = 0.0;
        for (int c = 0; c < CLASSES; c++) {
            if (p[c] > best)
                best = p[c];
        }
        maximum[i] = best;
    }
}

/* colors = COLORS[classes] */
static void gather_colors_pass(const int64_t *restrict classes, size_t pixels,
                               uint8_t *restrict colors)
{
    for (size_t i = 0; i < pixels; i++)
        for (int channel = 0; channel < CHANNELS; channel++)
            colors[i * CHANNELS + channel] = COLORS[classes[i]][channel];
}

/* product = colors * maximum[..., None] */
static void multiply_pass(const uint8_t *restrict colors, const double *restrict maximum,
                          size_t pixels, double *restrict product)
{
    for (size_t i = 0; i < pixels; i++)
        for (int channel = 0; channel < CHANNELS; channel++)
            product[i * CHANNELS + channel] = colors[i * CHANNELS + channel] * maximum[i];
}

/* rgb = clip(product, 0, 255).astype(uint8); never converts an out-of-range double. */
static void cast_pass(const double *restrict product, size_t count, uint8_t *restrict rgb)
{
    for (size_t i = 0; i < count; i++) {
        double value = product[i];
        rgb[i] = !(value > 0.0) ? 0 : value >= 255.0 ? 255 : (uint8_t)value;
    }
}

/* Colour-codes `pixels` pixels of `probabilities` into `rgb`, pass after pass. */
static int colorcode(const double *probabilities, size_t pixels, uint8_t *rgb)
{
    struct temporaries t;
    if (alloc_temporaries(&t, pixels) != 0)
        return -1;
    argmax_pass(probabilities, pixels, t.classes);
    max_pass(probabilities, pixels, t.maximum);
    gather_colors_pass(t.classes, pixels, t.colors);
    multiply_pass(t.colors, t.maximum, pixels, t.product);
    cast_pass(t.product, pixels * CHANNELS, rgb);
    free_temporaries(&t);
    return 0;
}

int step_load_and_colorcode(const struct step_input *input, struct rgb_image *out)
{
    struct probabilities map = {0};
    int status = -1;

    phase_begin(PHASE_LOAD);
    if (read_probabilities(input->data_dir, &map) != 0)
        goto end;
    phase_begin(PHASE_COMPUTE);

    if (rgb_image_alloc(out, map.height, map.width) != 0)
        goto end;
    if (colorcode(map.values, map.height * map.width, out->pixels) != 0) {
        rgb_image_free(out);
        goto end;
    }
    status = 0;
end:
    free_probabilities(&map);
    return status;
}
