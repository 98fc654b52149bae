/*
 * whole_image.h — ./main's answer to a map larger than memory, before a
 * whole-image step starts (memory_available.h holds the figures).
 *
 * A step without `bounded` in ladder.tsv holds at least the whole map as
 * float64 and the whole output image; when that is more than the memory
 * available, the run is refused in one line naming the bounded steps, read from
 * the ladder.  big_alloc checks each large request of the step again, with the
 * same line, so the temporaries a step adds after its input are covered too.
 */
#ifndef POR_WHOLE_IMAGE_H
#define POR_WHOLE_IMAGE_H

#include "ladder.h"

/* Gives big_alloc's refusal line the ladder's bounded steps (memory_set_hint). */
void whole_image_name_bounded_steps(void);

/* 0 when `version` is bounded, not a step, or its whole image fits (or the map
 * cannot be opened: the step then says why); -1 with the refusal line set.
 * A standard size not generated yet is judged by its size, before first use
 * would write it. */
int whole_image_check(const struct version_info *version, const char *data_dir);

#endif
