/*
 * preview.c — see preview.h.  The colour coding is computed once and reused
 * for every size; only the PNG encoding happens per size.
 */
#include "preview.h"

#include <stdlib.h>

#include "checked.h"
#include "error.h"
#include "png_write.h"
#include "reference.h"

int preview_prepare(struct preview *preview, const uint8_t *image, const double *probabilities,
                    size_t height, size_t width)
{
    *preview = (struct preview){.height = height, .width = width, .image = image};
    size_t bytes;
    if (checked_size3(height, width, 3, "preview", &bytes) < 0)
        return -1;
    preview->segmentation = malloc(bytes);
    if (!preview->segmentation)
        return error_set("out of memory for the preview (%zu bytes)", bytes);
    reference_colorcode(probabilities, height * width, preview->segmentation);
    return 0;
}

int preview_write(const struct preview *preview, const char *path)
{
    return png_write_side_by_side(path, preview->image, preview->segmentation, preview->height,
                                  preview->width);
}

void preview_free(struct preview *preview)
{
    free(preview->segmentation);
    preview->segmentation = NULL;
}
