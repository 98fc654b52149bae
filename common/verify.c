/*
 * verify.c — runs each version and compares its image with the reference
 * (common/reference.c), band by band: every band of rows the step hands over
 * (image.h; a whole-image step's image in bands after it returns) is checked
 * against the reference computed from the same rows' probabilities, read for
 * that band.  So verify never holds a whole image for a band step, nor the
 * whole reference for any.  It reports how many pixels are identical, the
 * largest channel difference against the difference the version is allowed
 * (docs/spec.md §2), and, for a mismatch, the first wrong pixel and both of
 * its colours.  `verify STEP` checks that one step (scripts/lab check
 * verifies the learner's this way).
 */
#include "verify.h"

#include <hdf5.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "harness.h"
#include "hdf5_input.h"
#include "reference.h"
#include "row_sink.h"

/* The comparison so far; updated by check_band under the sink's lock. */
struct comparison {
    const struct hdf5_input *input;
    int allowed;
    size_t identical_pixels;
    int max_difference;
    size_t first_wrong;      /* the first pixel beyond the allowed difference; SIZE_MAX if none */
    uint8_t expected[3], found[3];
};

/* Rows first_row … + rows of the probabilities, one hyperslab read. */
static int read_rows(const struct hdf5_input *input, size_t first_row, size_t rows,
                     double *values)
{
    hsize_t start[3] = {first_row, 0, 0}, count[3] = {rows, input->width, 4};
    hid_t file_space = H5Dget_space(input->dataset);
    hid_t memory_space = H5Screate_simple(3, count, NULL);
    int ok = file_space >= 0 && memory_space >= 0 &&
             H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL) >= 0 &&
             H5Dread(input->dataset, H5T_NATIVE_DOUBLE, memory_space, file_space, H5P_DEFAULT,
                     values) >= 0;
    if (memory_space >= 0)
        H5Sclose(memory_space);
    if (file_space >= 0)
        H5Sclose(file_space);
    return ok ? 0 : hdf5_read_error(input);
}

static void compare_pixels(struct comparison *c, const uint8_t *expected, const uint8_t *got,
                           size_t first_pixel, size_t pixels)
{
    for (size_t i = 0; i < pixels; i++) {
        int same = 1;
        for (int channel = 0; channel < 3; channel++) {
            int difference = abs(expected[3 * i + channel] - got[3 * i + channel]);
            if (difference > c->max_difference)
                c->max_difference = difference;
            if (difference > c->allowed && first_pixel + i < c->first_wrong) {
                c->first_wrong = first_pixel + i;
                memcpy(c->expected, expected + 3 * i, 3);
                memcpy(c->found, got + 3 * i, 3);
            }
            same &= difference == 0;
        }
        c->identical_pixels += same;
    }
}

/* row_check: the band against the reference, a few rows at a time so that the
 * reference's buffers stay small whatever the band. */
static int check_band(void *context, size_t first_row, size_t rows, size_t width,
                      const uint8_t *rgb)
{
    enum { PIECE_ROWS = 16 };
    struct comparison *c = context;
    if (width != c->input->width || first_row + rows > c->input->height)
        return error_set("rows %zu … %zu of width %zu handed over, expected %zu × %zu",
                         first_row, first_row + rows - 1, width, c->input->height,
                         c->input->width);
    size_t piece = rows < PIECE_ROWS ? rows : PIECE_ROWS;
    double *values = malloc(piece * width * 4 * sizeof *values);
    uint8_t *expected = malloc(piece * width * 3);
    int status = values && expected ? 0 : error_set("out of memory: verify's reference band");
    for (size_t done = 0; status == 0 && done < rows; done += piece) {
        size_t n = rows - done < piece ? rows - done : piece;
        status = read_rows(c->input, first_row + done, n, values);
        if (status == 0) {
            reference_colorcode(values, n * width, expected);
            compare_pixels(c, expected, rgb + done * width * 3, (first_row + done) * width,
                           n * width);
        }
    }
    free(values);
    free(expected);
    return status;
}

/* One row of the table; returns 0 when the version passes. */
static int verify_one(const struct version_info *version, const struct step_input *input,
                      const struct hdf5_input *probabilities)
{
    struct comparison c = {probabilities, version->max_difference, 0, 0, SIZE_MAX, {0}, {0}};
    struct row_sink sink;
    row_sink_init(&sink, NULL, check_band, &c, (size_t)omp_get_max_threads());
    struct rgb_image got = {.sink = &sink};
    struct run_result run;
    int status = harness_run(version, input, &got, &run);
    if (status == 0 && (got.height != probabilities->height || got.width != probabilities->width))
        status = error_set("output is %zu × %zu, expected %zu × %zu", got.height, got.width,
                           probabilities->height, probabilities->width);
    row_sink_destroy(&sink);
    rgb_image_free(&got);
    if (status < 0) {
        printf("%-7s %-28s %-8s %8s   FAILED: %s\n", version->name, "-", "-", "-",
               error_message());
        error_clear();
        return -1;
    }
    size_t pixels = probabilities->height * probabilities->width;
    int ok = c.first_wrong == SIZE_MAX;
    char identical[64];
    snprintf(identical, sizeof identical, "%zu / %zu (%.2f%%)", c.identical_pixels, pixels,
             100.0 * c.identical_pixels / pixels);
    printf("%-7s %-28s %-8d %6.0f ms   %s\n", version->name, identical, c.max_difference,
           run.wall_ms, ok ? "ok" : "MISMATCH");
    /* Where a learner starts debugging: the first wrong pixel, both colours. */
    if (!ok)
        printf("        first differing pixel: row %zu, column %zu of %s: expected (%d, %d, %d), "
               "found (%d, %d, %d)\n", c.first_wrong / probabilities->width,
               c.first_wrong % probabilities->width, input->data_dir, c.expected[0],
               c.expected[1], c.expected[2], c.found[0], c.found[1], c.found[2]);
    return ok ? 0 : -1;
}

int verify_ladder(const struct options *options)
{
    struct hdf5_input probabilities;
    if (hdf5_open_probabilities(options->data_dir, &probabilities) < 0)
        return -1;
    struct step_input input = {options->data_dir, options->chunk_size};
    printf("verify on %s (%zu × %zu), chunk size %zu; time includes the comparison\n",
           options->data_dir, probabilities.height, probabilities.width, options->chunk_size);
    printf("%-7s %-28s %-8s %9s   %s\n", "version", "identical pixels", "max diff", "time",
           "result");
    int steps = 0, failures = 0;
    for (size_t i = 0; i < ladder_length; i++) {
        if (!ladder_is_step(&ladder[i]) ||
            (options->version != NULL && strcmp(ladder[i].name, options->version) != 0))
            continue;
        steps++;
        failures += verify_one(&ladder[i], &input, &probabilities) < 0;
    }
    hdf5_input_close(&probabilities);
    printf("%d passed, %d failed\n", steps - failures, failures);
    return failures ? error_set("%d version%s failed or did not match the reference",
                                failures, failures == 1 ? "" : "s") : 0;
}
