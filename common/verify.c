/*
 * verify.c — computes the reference image once (common/reference.c on one
 * H5Dread of the probabilities), then runs each version and compares pixel by
 * pixel: how many pixels are identical, and the largest channel difference,
 * against the difference the version is allowed (docs/spec.md §2); for a
 * mismatch, the first wrong pixel and both of its colours.  `verify STEP`
 * checks that one step (scripts/lab check verifies the learner's this way).
 */
#include "verify.h"

#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "checked.h"
#include "error.h"
#include "harness.h"
#include "hdf5_input.h"
#include "reference.h"

static int reference_image(const char *data_dir, struct rgb_image *image)
{
    struct hdf5_input input;
    if (hdf5_open_probabilities(data_dir, &input) < 0)
        return -1;
    size_t count = 0;
    double *probabilities = NULL;
    int status = -1;
    if (checked_size3(input.height, input.width, 4, input.path, &count) < 0)
        goto end;
    probabilities = big_alloc_array(count, sizeof(double), "the probabilities");
    if (probabilities == NULL || rgb_image_alloc(image, input.height, input.width) < 0)
        goto end;
    if (H5Dread(input.dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                probabilities) < 0) {
        hdf5_read_error(&input);
        goto end;
    }
    reference_colorcode(probabilities, input.height * input.width, image->pixels);
    status = 0;
end:
    if (status < 0)
        rgb_image_free(image);
    big_free(probabilities);
    hdf5_input_close(&input);
    return status;
}

struct comparison {
    size_t identical_pixels;
    int max_difference;
    size_t first_wrong;      /* the first pixel beyond the allowed difference; pixels if none */
};

static struct comparison compare(const struct rgb_image *expected, const struct rgb_image *got,
                                 int allowed)
{
    size_t pixels = expected->height * expected->width;
    struct comparison result = {0, 0, pixels};
    for (size_t i = 0; i < pixels; i++) {
        int same = 1;
        for (int c = 0; c < 3; c++) {
            int difference = abs(expected->pixels[3 * i + c] - got->pixels[3 * i + c]);
            if (difference > result.max_difference)
                result.max_difference = difference;
            if (difference > allowed && result.first_wrong == pixels)
                result.first_wrong = i;
            same &= difference == 0;
        }
        result.identical_pixels += same;
    }
    return result;
}

/* Where a learner starts debugging: the first wrong pixel, both colours. */
static void print_first_wrong(const struct rgb_image *expected, const struct rgb_image *got,
                              size_t i, const char *data_dir)
{
    const uint8_t *e = expected->pixels + 3 * i, *g = got->pixels + 3 * i;
    printf("        first differing pixel: row %zu, column %zu of %s: expected (%d, %d, %d), "
           "found (%d, %d, %d)\n", i / expected->width, i % expected->width, data_dir,
           e[0], e[1], e[2], g[0], g[1], g[2]);
}

/* One row of the table; returns 0 when the version passes. */
static int verify_one(const struct version_info *version, const struct step_input *input,
                      const struct rgb_image *expected)
{
    struct rgb_image got;
    struct run_result run;
    if (harness_run(version, input, &got, &run) < 0) {
        printf("%-7s %-28s %-8s %8s   FAILED: %s\n", version->name, "-", "-", "-",
               error_message());
        error_clear();
        return -1;
    }
    if (got.height != expected->height || got.width != expected->width) {
        printf("%-7s FAILED: output is %zu × %zu, expected %zu × %zu\n", version->name,
               got.height, got.width, expected->height, expected->width);
        rgb_image_free(&got);
        return -1;
    }
    struct comparison result = compare(expected, &got, version->max_difference);
    size_t pixels = expected->height * expected->width;
    int ok = result.first_wrong == pixels;
    char identical[64];
    snprintf(identical, sizeof identical, "%zu / %zu (%.2f%%)", result.identical_pixels,
             pixels, 100.0 * result.identical_pixels / pixels);
    printf("%-7s %-28s %-8d %6.0f ms   %s\n", version->name, identical, result.max_difference,
           run.wall_ms, ok ? "ok" : "MISMATCH");
    if (!ok)
        print_first_wrong(expected, &got, result.first_wrong, input->data_dir);
    rgb_image_free(&got);
    return ok ? 0 : -1;
}

int verify_ladder(const struct options *options)
{
    struct rgb_image expected = {0, 0, NULL};
    if (reference_image(options->data_dir, &expected) < 0)
        return -1;
    struct step_input input = {options->data_dir, options->chunk_size};
    printf("verify on %s (%zu × %zu), chunk size %zu\n", options->data_dir, expected.height,
           expected.width, options->chunk_size);
    printf("%-7s %-28s %-8s %9s   %s\n", "version", "identical pixels", "max diff", "time",
           "result");
    int steps = 0, failures = 0;
    for (size_t i = 0; i < ladder_length; i++) {
        if (!ladder_is_step(&ladder[i]) ||
            (options->version != NULL && strcmp(ladder[i].name, options->version) != 0))
            continue;
        steps++;
        failures += verify_one(&ladder[i], &input, &expected) < 0;
    }
    rgb_image_free(&expected);
    printf("%d passed, %d failed\n", steps - failures, failures);
    return failures ? error_set("%d version%s failed or did not match the reference",
                                failures, failures == 1 ? "" : "s") : 0;
}
