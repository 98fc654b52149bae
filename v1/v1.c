/* v1 — Change: the input comes from HDF5 with one H5Dread instead of four CSV files.
 *
 * Everything else stays as naive as v0: the flat buffer that H5Dread fills is
 * copied into the same nested per-class, per-row allocations, and the same
 * branchy loop allocates every output pixel on its own.  Parsing text was
 * v0's largest cost; this step removes it and nothing else, so the profile of
 * v1 shows what is left: fresh memory being touched, malloc and free.
 *
 * The dataset is opened and checked (rank, shape (H, W, 4), float type) by
 * hdf5_open_probabilities(); H5Dread converts to native doubles.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checked.h"
#include "clock.h"
#include "error.h"
#include "hdf5_input.h"
#include "version.h"

enum { CLASSES = 4, CHANNELS = 3 };

/* Class 0 blue, 1 green, 2 red, 3 cyan (SPEC §2). */
static const uint8_t COLORS[CLASSES][CHANNELS] = {
    {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {0, 255, 255},
};

/* One class's probabilities: `height` rows, each its own array of `width` doubles. */
struct class_rows {
    size_t height;
    size_t width;
    double **rows;
};

/* The result before it is flattened: per row an array of pixel pointers,
 * every pixel a separate allocation of CHANNELS bytes. */
struct nested_image {
    size_t height;
    size_t width;
    uint8_t ***rows;
};

static void free_class_rows(struct class_rows *matrix)
{
    for (size_t y = 0; y < matrix->height; y++)
        free(matrix->rows[y]);
    free(matrix->rows);
    *matrix = (struct class_rows){0};
}

/* ---- reading the HDF5 dataset -------------------------------------------- */

/* One H5Dread of the whole dataset into a flat malloc'd buffer of H × W × 4 doubles. */
static int read_flat(const char *data_dir, double **flat_out, size_t *height, size_t *width)
{
    struct hdf5_input input;
    double *flat = NULL;
    int status = -1;
    if (hdf5_open_probabilities(data_dir, &input) != 0)
        return -1;
    size_t count;
    if (checked_size3(input.height, input.width, CLASSES, "probabilities", &count) != 0)
        goto end;
    /* count * 8 cannot overflow: hdf5_open_probabilities checked H × W × 4 × 8 */
    flat = malloc(count * sizeof *flat);
    if (!flat) {
        error_set("%s: dataset \"%s\": out of memory: cannot allocate %zu bytes (%.1f MB)",
                  input.path, input.name, count * sizeof *flat, count * sizeof *flat / 1e6);
        goto end;
    }
    if (H5Dread(input.dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, flat) < 0) {
        hdf5_read_error(&input);
        goto end;
    }
    *height = input.height;
    *width = input.width;
    *flat_out = flat;
    flat = NULL;
    status = 0;
end:
    free(flat);
    hdf5_input_close(&input);
    return status;
}

/* Copies class `class_index` of the flat buffer into nested per-row arrays. */
static int split_class(const double *flat, size_t height, size_t width, int class_index,
                       struct class_rows *matrix)
{
    matrix->rows = calloc(height, sizeof *matrix->rows);
    if (!matrix->rows)
        return error_set("out of memory: cannot allocate %zu bytes for %zu rows of class %d",
                         height * sizeof *matrix->rows, height, class_index);
    matrix->width = width;
    for (size_t y = 0; y < height; y++) {
        double *row = malloc(width * sizeof *row);
        if (!row)
            return error_set("out of memory: cannot allocate %zu bytes for row %zu of class %d",
                             width * sizeof *row, y, class_index);
        for (size_t x = 0; x < width; x++)
            row[x] = flat[(y * width + x) * CLASSES + class_index];
        matrix->rows[matrix->height++] = row;
    }
    return 0;
}

static int load_probabilities(const char *data_dir, struct class_rows classes[CLASSES])
{
    double *flat = NULL;
    size_t height = 0, width = 0;
    if (read_flat(data_dir, &flat, &height, &width) != 0)
        return -1;
    int status = 0;
    for (int c = 0; c < CLASSES && status == 0; c++)
        status = split_class(flat, height, width, c, &classes[c]);
    free(flat);
    return status;
}

/* ---- the colour coding ---------------------------------------------------- */

/* SPEC §2 for one pixel, with a branch wherever one comes to mind. */
static void colorcode_pixel(const double probabilities[CLASSES], uint8_t rgb[CHANNELS])
{
    double best = 0.0;
    int winner = 0;
    for (int c = 0; c < CLASSES; c++) {
        if (probabilities[c] > best) {  /* strict: ties keep the first; NaN never wins */
            best = probabilities[c];
            winner = c;
        }
    }
    for (int channel = 0; channel < CHANNELS; channel++) {
        double value = COLORS[winner][channel] * best;
        if (!(value > 0.0))
            rgb[channel] = 0;       /* also 0 × inf, which is NaN */
        else if (value >= 255.0)
            rgb[channel] = 255;     /* never convert an out-of-range double */
        else
            rgb[channel] = (uint8_t)value;
    }
}

static void free_nested_image(struct nested_image *image)
{
    if (image->rows) {
        for (size_t y = 0; y < image->height; y++) {
            if (!image->rows[y])
                continue;
            for (size_t x = 0; x < image->width; x++)
                free(image->rows[y][x]);
            free(image->rows[y]);
        }
    }
    free(image->rows);
    *image = (struct nested_image){0};
}

/* The naive loop: one pixel at a time, one allocation per pixel. */
static int colorcode_nested(const struct class_rows classes[CLASSES], struct nested_image *image)
{
    image->height = classes[0].height;
    image->width = classes[0].width;
    image->rows = calloc(image->height, sizeof *image->rows);
    if (!image->rows)
        return error_set("out of memory: cannot allocate %zu bytes for %zu output rows",
                         image->height * sizeof *image->rows, image->height);
    for (size_t y = 0; y < image->height; y++) {
        image->rows[y] = calloc(image->width, sizeof *image->rows[y]);
        if (!image->rows[y])
            return error_set("out of memory: cannot allocate %zu bytes for output row %zu",
                             image->width * sizeof *image->rows[y], y);
        for (size_t x = 0; x < image->width; x++) {
            double probabilities[CLASSES];
            for (int c = 0; c < CLASSES; c++)
                probabilities[c] = classes[c].rows[y][x];
            uint8_t *pixel = malloc(CHANNELS);
            if (!pixel)
                return error_set("out of memory: cannot allocate %d bytes for output "
                                 "pixel (%zu, %zu)", CHANNELS, y, x);
            colorcode_pixel(probabilities, pixel);
            image->rows[y][x] = pixel;
        }
    }
    return 0;
}

/* Copies the nested result into the flat image the harness expects. */
static int flatten(const struct nested_image *image, struct rgb_image *out)
{
    if (rgb_image_alloc(out, image->height, image->width) != 0)
        return -1;
    for (size_t y = 0; y < image->height; y++)
        for (size_t x = 0; x < image->width; x++)
            memcpy(out->pixels + (y * image->width + x) * CHANNELS, image->rows[y][x], CHANNELS);
    return 0;
}

int v1_load_and_colorcode(const struct version_args *args, struct rgb_image *out,
                          struct phase_times *times)
{
    struct class_rows classes[CLASSES] = {0};
    struct nested_image image = {0};
    int status = -1;

    double start = clock_wall_ms();
    if (load_probabilities(args->data_dir, classes) != 0)
        goto end;
    double loaded = clock_wall_ms();
    times->load_ms += loaded - start;

    if (colorcode_nested(classes, &image) != 0 || flatten(&image, out) != 0)
        goto end;
    times->compute_ms += clock_wall_ms() - loaded;
    status = 0;
end:
    free_nested_image(&image);
    for (int c = 0; c < CLASSES; c++)
        free_class_rows(&classes[c]);
    return status;
}
