/*
 * image.h — the result every version returns: an H × W RGB image, uint8,
 * row-major, channel innermost (docs/spec.md §2).
 *
 * Two ways to return it:
 *   - the whole image: rgb_image_alloc(), fill out->pixels (v0–v3, v5, v6);
 *   - band by band: rgb_image_begin() with the size, then rgb_image_put_rows()
 *     for each band of whole rows as it is computed (v4, v7, v8, v9).  The step
 *     then holds one band of output rows, never the image.
 * A band step does not know where its rows go: when the caller set out->sink
 * (./main: a digest, the --out PNG, `main verify`'s comparison), the rows go
 * there and out->pixels stays NULL; without a sink (the tests, --show),
 * rgb_image_begin allocates the whole image and the rows are copied into it.
 * The pixels come from big_alloc and belong to the caller (rgb_image_free()).
 */
#ifndef POR_IMAGE_H
#define POR_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct row_sink;   /* the driver's: common/row_sink.h */

struct rgb_image {
    size_t height;
    size_t width;
    uint8_t *pixels;          /* height * width * 3 bytes, or NULL: the rows went to sink */
    struct row_sink *sink;    /* set by the caller before the step runs, or NULL */
};

/* The whole image: allocates the pixels (uninitialised); -1 with an error on failure. */
int rgb_image_alloc(struct rgb_image *image, size_t height, size_t width);
void rgb_image_free(struct rgb_image *image);
size_t rgb_image_bytes(const struct rgb_image *image);

/* Band by band: the image is height × width; -1 with an error on failure. */
int rgb_image_begin(struct rgb_image *image, size_t height, size_t width);

/* Rows first_row … first_row + rows - 1, rows × width × 3 bytes.  Thread-safe:
 * callable from a parallel region, bands in any order, each row exactly once.
 * -1 with an error (e.g. the --out file could not be written): stop the step. */
int rgb_image_put_rows(struct rgb_image *image, size_t first_row, size_t rows,
                       const uint8_t *rgb);

#endif
