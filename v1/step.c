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

/* Copies class `class_index` of the flat map into nested per-row arrays. */
static int split_class(const struct probabilities *map, int class_index,
                       struct class_rows *matrix)
{
    matrix->rows = calloc(map->height, sizeof *matrix->rows);
    if (!matrix->rows)
        return error_set("out of memory: cannot allocate %zu bytes for %zu rows of class %d",
                         map->height * sizeof *matrix->rows, map->height, class_index);
    matrix->width = map->width;
    for (size_t y = 0; y < map->height; y++) {
        double *row = malloc(map->width * sizeof *row);
        if (!row)
            return error_set("out of memory: cannot allocate %zu bytes for row %zu of class %d",
                             map->width * sizeof *row, y, class_index);
        for (size_t x = 0; x < map->width; x++)
            row[x] = map->values[(y * map->width + x) * CLASSES + class_index];
        matrix->rows[matrix->height++] = row;
    }
    return 0;
}

static int load_probabilities(const char *data_dir, struct class_rows classes[CLASSES])
{
    struct probabilities map = {0};
    int status = read_probabilities(data_dir, &map);  /* on failure map may hold a buffer */
    for (int c = 0; c < CLASSES && status == 0; c++)
        status = split_class(&map, c, &classes[c]);
    free_probabilities(&map);
    return status;
}

/* ---- the colour coding ---------------------------------------------------- */

/* docs/spec.md §2 for one pixel, with a branch wherever one comes to mind. */
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

int step_load_and_colorcode(const struct step_input *input, struct rgb_image *out)
{
    struct class_rows classes[CLASSES] = {0};
    struct nested_image image = {0};
    int status = -1;

    phase_begin(PHASE_LOAD);
    if (load_probabilities(input->data_dir, classes) != 0)
        goto end;
    phase_begin(PHASE_COMPUTE);

    if (colorcode_nested(classes, &image) != 0 || flatten(&image, out) != 0)
        goto end;
    status = 0;
end:
    free_nested_image(&image);
    for (int c = 0; c < CLASSES; c++)
        free_class_rows(&classes[c]);
    return status;
}
