/* image.c — the RGB result, whole or band by band (see image.h). */
#include "image.h"

#include <string.h>

#include "bigalloc.h"
#include "checked.h"
#include "error.h"
#include "row_sink.h"

size_t rgb_image_bytes(const struct rgb_image *image)
{
    return image->height * image->width * 3;
}

int rgb_image_alloc(struct rgb_image *image, size_t height, size_t width)
{
    size_t bytes;
    if (checked_size3(height, width, 3, "output image", &bytes) < 0)
        return -1;
    image->pixels = big_alloc_array(bytes, 1, "the output image");
    if (image->pixels == NULL)
        return -1;
    image->height = height;
    image->width = width;
    return 0;
}

void rgb_image_free(struct rgb_image *image)
{
    if (image->pixels)
        big_free(image->pixels);
    image->pixels = NULL;
    image->height = image->width = 0;
}

int rgb_image_begin(struct rgb_image *image, size_t height, size_t width)
{
    if (image->sink == NULL)
        return rgb_image_alloc(image, height, width);
    image->height = height;
    image->width = width;
    return row_sink_begin(image->sink, height, width);
}

int rgb_image_put_rows(struct rgb_image *image, size_t first_row, size_t rows,
                       const uint8_t *rgb)
{
    if (first_row > image->height || rows > image->height - first_row)
        return error_set("rows %zu … %zu handed over, but the image has %zu rows", first_row,
                         first_row + rows - 1, image->height);
    if (image->sink != NULL)
        return row_sink_rows(image->sink, first_row, rows, rgb);
    /* distinct rows: threads copy into disjoint parts, no lock needed */
    memcpy(image->pixels + first_row * image->width * 3, rgb, rows * image->width * 3);
    return 0;
}
