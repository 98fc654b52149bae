/* v3 — Change: fewer and smaller temporaries: uint8 classes, max from the argmax pass, multiply in place.
 *
 * v2's passes, with the temporaries cut down the way the optimised numpy
 * version cuts them:
 *
 *     classes, maximum = argmax and max in one pass     uint8 and double, H × W
 *     out  = COLORS[classes]                            straight into the output
 *     out *= maximum[..., None], clipped, in place      no H × W × 3 double product
 *
 * The class index fits a byte, so the class array is an eighth of v2's; the
 * maximum is the value the argmax pass already found, so a second pass over
 * the input is gone; and the multiply reads and writes the output bytes, so
 * the largest temporary of v2 (H × W × 3 doubles) is gone.  Less memory to
 * touch means less time and a lower peak.  The maximum stays double, so the
 * output is bit-exact (storing it as float32, as the Python v3 did, would not be).
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

/* The temporaries of the passes: two, and the class array a byte per pixel. */
struct temporaries {
    uint8_t *classes;   /* pixels */
    double *maximum;    /* pixels */
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
