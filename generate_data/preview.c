/*
 * preview.c — see preview.h.  The colour coding is computed once; the PNG is
 * compressed once and then copied byte for byte.
 */
#include "preview.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buffer[1 << 16];
    int status = in && out ? 0 : error_set("copying %s to %s: %s", from, to, strerror(errno));
    for (size_t n; status == 0 && (n = fread(buffer, 1, sizeof buffer, in)) > 0;)
        if (fwrite(buffer, 1, n, out) != n)
            status = error_set("%s: write failed: %s", to, strerror(errno));
    if (status == 0 && ferror(in))
        status = error_set("%s: read failed", from);
    if (out && fclose(out) != 0 && status == 0)
        status = error_set("%s: write failed: %s", to, strerror(errno));
    if (in)
        fclose(in);
    return status;
}

int preview_write(const struct preview *preview, const char *path)
{
    if (preview->written[0] != '\0')
        return copy_file(preview->written, path);
    return png_write_side_by_side(path, preview->image, preview->segmentation, preview->height,
                                  preview->width);
}

void preview_remember(struct preview *preview, const char *path)
{
    if (snprintf(preview->written, sizeof preview->written, "%s", path)
        >= (int)sizeof preview->written)
        preview->written[0] = '\0';   /* too long to remember: encode again next time */
}

void preview_free(struct preview *preview)
{
    free(preview->segmentation);
    preview->segmentation = NULL;
}
