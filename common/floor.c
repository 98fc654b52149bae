/*
 * floor.c — the pseudo-version "floor": the cost of moving the data, which no
 * version can beat by much.  It reads `probabilities` with one H5Dread into a
 * buffer, untimed (that maps and touches every page), then reads it again into
 * the same, now mapped, buffer and times only that second read.  No image is
 * produced: the floor is a row of the table, not a lesson.
 */
#include <hdf5.h>

#include "bigalloc.h"
#include "checked.h"
#include "clock.h"
#include "hdf5_input.h"
#include "version.h"

int floor_load_only(const struct version_args *args, struct rgb_image *out,
                    struct phase_times *times);

int floor_load_only(const struct version_args *args, struct rgb_image *out,
                    struct phase_times *times)
{
    struct hdf5_input input;
    if (hdf5_open_probabilities(args->data_dir, &input) < 0)
        return -1;
    size_t count = 0;
    double *buffer = NULL;
    int status = -1;
    if (checked_size3(input.height, input.width, 4, input.path, &count) < 0)
        goto end;
    buffer = big_alloc_array(count, sizeof *buffer, "the probabilities");
    if (buffer == NULL)
        goto end;
    if (H5Dread(input.dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) < 0) {
        hdf5_read_error(&input);
        goto end;
    }
    double start = clock_wall_ms(), cpu_start = clock_cpu_ms();
    if (H5Dread(input.dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) < 0) {
        hdf5_read_error(&input);
        goto end;
    }
    times->load_ms += clock_wall_ms() - start;
    times->cpu_ms += clock_cpu_ms() - cpu_start;
    out->height = input.height;
    out->width = input.width;
    out->pixels = NULL;
    status = 0;
end:
    big_free(buffer, count * sizeof *buffer);
    hdf5_input_close(&input);
    return status;
}
