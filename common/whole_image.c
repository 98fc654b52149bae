/*
 * whole_image.c — the refusal before a whole-image step runs (see whole_image.h).
 */
#include "whole_image.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "hdf5_input.h"
#include "memory_available.h"
#include "sizes.h"

/* The map as float64 plus the 3-byte output image, per pixel. */
enum { WHOLE_IMAGE_BYTES_PER_PIXEL = 4 * sizeof(double) + 3 };

static char hint[256];

void whole_image_name_bounded_steps(void)
{
    size_t used = (size_t)snprintf(hint, sizeof hint,
                                   "the steps whose memory does not grow with the image can do it:");
    for (size_t i = 0; i < ladder_length && used < sizeof hint; i++)
        if (ladder[i].bounded && ladder_is_step(&ladder[i]))
            used += (size_t)snprintf(hint + used, sizeof hint - used, "%s %s",
                                     hint[used - 1] == ':' ? "" : ",", ladder[i].name);
    memory_set_hint(hint);
}

/* The map's shape: from data.hdf5, else, for a standard size not generated yet,
 * from the table of sizes.  -1 when neither tells (the step then says why). */
static int map_shape(const char *data_dir, size_t *height, size_t *width)
{
    struct hdf5_input input;
    hdf5_input_quiet();   /* a damaged file is the step's to report, in its one line */
    if (hdf5_open_probabilities(data_dir, &input) == 0) {
        *height = input.height;   /* H × W × 4 × 8 checked to fit by the open */
        *width = input.width;
        hdf5_input_close(&input);
        return 0;
    }
    error_clear();
    size_t length = strlen(data_dir);
    while (length > 1 && data_dir[length - 1] == '/')
        length--;
    size_t start = length;
    while (start > 0 && data_dir[start - 1] != '/')
        start--;
    char name[16];
    if (length - start >= sizeof name)
        return -1;
    memcpy(name, data_dir + start, length - start);
    name[length - start] = '\0';
    const struct data_size *size = data_size_find(name);
    if (size == NULL)
        return -1;
    *height = SIZE_BASE_HEIGHT * size->tiles;
    *width = SIZE_BASE_WIDTH * size->tiles;
    return 0;
}

int whole_image_check(const struct version_info *version, const char *data_dir)
{
    if (version->bounded || !ladder_is_step(version))
        return 0;
    size_t height, width;
    if (map_shape(data_dir, &height, &width) < 0)
        return 0;
    size_t available = memory_available();
    if (height * width > available / WHOLE_IMAGE_BYTES_PER_PIXEL) {
        char what[96];
        snprintf(what, sizeof what, "%s (the whole %zu × %zu map and its image)", version->name,
                 height, width);
        return memory_refuse(what, height * width * WHOLE_IMAGE_BYTES_PER_PIXEL, available);
    }
    return 0;
}
