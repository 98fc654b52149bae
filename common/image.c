/* image.c — allocation of the RGB result (see image.h). */
#include "image.h"

#include "bigalloc.h"
#include "checked.h"

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
