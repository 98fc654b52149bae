/*
 * image.h — the result every version returns: an H × W RGB image, uint8,
 * row-major, channel innermost (docs/spec.md §2).  The pixels come from big_alloc and
 * belong to the caller, who releases them with rgb_image_free().
 */
#ifndef POR_IMAGE_H
#define POR_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct rgb_image {
    size_t height;
    size_t width;
    uint8_t *pixels;   /* height * width * 3 bytes */
};

/* Allocates the pixels (uninitialised); -1 with an error on failure. */
int rgb_image_alloc(struct rgb_image *image, size_t height, size_t width);
void rgb_image_free(struct rgb_image *image);
size_t rgb_image_bytes(const struct rgb_image *image);

#endif
