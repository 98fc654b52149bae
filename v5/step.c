/* v5 — Change: one fused branch-free pass, vectorised by the compiler and parallel over rows.
 *
 * v3 and v4 still walk memory several times per pixel: one pass for the
 * argmax, one to gather colours, one to multiply, each with its own temporary,
 * and each with branches the CPU mispredicts whenever neighbouring pixels
 * disagree.  Here the whole of docs/spec.md §2 is one loop body per pixel, written
 * with selects instead of branches, so that `#pragma omp simd` lets the
 * compiler process several pixels per instruction; `#pragma omp parallel for`
 * spreads the rows over the cores.  The input is read whole again (as in v3),
 * in one H5Dread into one buffer; there are no image-sized temporaries.
 *
 * What the vectoriser needs (gcc 12, see README): only selects, each on one
 * comparison; the colour carried along as three selects of constants instead
 * of a class index compared afterwards; the product clamped rather than the
 * factor; and four output bytes per pixel.  Three-byte RGB stores next to
 * four-double loads have no vector type at the SSE2 baseline, so the vector
 * loop writes RGBX into a small block on the stack (in L1) and a plain loop
 * packs it to RGB.
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

/* ---- the fused kernel ---------------------------------------------------- */

/* Pixels per block of the vector loop: the block's RGBX bytes stay in L1. */
enum { BLOCK_PIXELS = 256, RGBX = 4 };

/* docs/spec.md §2 for `count` pixels, branch-free so that it vectorises; writes RGBX.
 * Clamping the product 255 × best to 255 before the conversion is the clamp
 * of docs/spec.md §2: best is never NaN (it only takes values > best) and never below
 * 0, and a colour component that is 0 selects 0 instead of computing 0 × inf. */
static void colorcode_block(const double *restrict probabilities, size_t count,
                            uint8_t *restrict rgbx)
{
#pragma omp simd
    for (size_t x = 0; x < count; x++) {
        const double *p = probabilities + x * CLASSES;
        double best = 0.0;
        double red = COLORS[0][0], green = COLORS[0][1], blue = COLORS[0][2];
#pragma GCC unroll 4
        for (int c = 0; c < CLASSES; c++) {
            double value = p[c];
            int better = value > best;  /* strict: ties keep the first; NaN never wins */
            red = better ? COLORS[c][0] : red;
            green = better ? COLORS[c][1] : green;
            blue = better ? COLORS[c][2] : blue;
            best = better ? value : best;
        }
        double product = 255.0 * best;
        double level = product < 255.0 ? product : 255.0;
        rgbx[x * RGBX + 0] = (uint8_t)(red != 0.0 ? level : 0.0);
        rgbx[x * RGBX + 1] = (uint8_t)(green != 0.0 ? level : 0.0);
        rgbx[x * RGBX + 2] = (uint8_t)(blue != 0.0 ? level : 0.0);
        rgbx[x * RGBX + 3] = 0;
    }
}

/* Drops the fourth byte of every pixel. */
static void pack_rgb(const uint8_t *restrict rgbx, size_t count, uint8_t *restrict rgb)
{
    for (size_t x = 0; x < count; x++)
        for (int channel = 0; channel < CHANNELS; channel++)
            rgb[x * CHANNELS + channel] = rgbx[x * RGBX + channel];
}

/* One row, block by block, through the vector loop and the packing loop. */
static void colorcode_row(const double *restrict probabilities, size_t width,
                          uint8_t *restrict rgb)
{
    uint8_t rgbx[BLOCK_PIXELS * RGBX];
    for (size_t x = 0; x < width; x += BLOCK_PIXELS) {
        size_t count = width - x < BLOCK_PIXELS ? width - x : BLOCK_PIXELS;
        colorcode_block(probabilities + x * CLASSES, count, rgbx);
        pack_rgb(rgbx, count, rgb + x * CHANNELS);
    }
}

/* Colour-codes the whole image, the rows shared out among the OpenMP threads. */
static void colorcode(const double *probabilities, size_t height, size_t width, uint8_t *rgb)
{
#pragma omp parallel for schedule(static)
    for (size_t y = 0; y < height; y++)
        colorcode_row(probabilities + y * width * CLASSES, width, rgb + y * width * CHANNELS);
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
    colorcode(map.values, map.height, map.width, out->pixels);
    status = 0;
end:
    free_probabilities(&map);
    return status;
}
