/*
 * whole_image.c — the refusal before a whole-image step runs (see whole_image.h).
 */
#include "whole_image.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "hdf5_input.h"
#include "memory_available.h"

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

int whole_image_check(const struct version_info *version, const char *data_dir)
{
    if (version->bounded || !ladder_is_step(version))
        return 0;
    struct hdf5_input input;
    if (hdf5_open_probabilities(data_dir, &input) < 0) {
        error_clear();   /* the step opens it itself and says what is wrong */
        return 0;
    }
    size_t pixels = input.height * input.width;   /* checked to fit by the open */
    hdf5_input_close(&input);
    size_t available = memory_available();
    if (pixels > available / WHOLE_IMAGE_BYTES_PER_PIXEL) {
        char what[96];
        snprintf(what, sizeof what, "%s (the whole %zu × %zu map and its image)", version->name,
                 input.height, input.width);
        return memory_refuse(what, pixels * WHOLE_IMAGE_BYTES_PER_PIXEL, available);
    }
    return 0;
}
