/*
 * h5dread.c — the pseudo-version "h5dread": one H5Dread of the whole dataset
 * into memory that is already mapped, the cost of HDF5's own whole read.  It
 * was the floor until v9 read the file directly, and stays as a reference row: v7 and later beat
 * it, because it writes all 1.4 GB of xl to DRAM while they compute each band
 * while it is still in the cache.  The floor (floor.c) is the warm page-cache read.
 *
 * It reads `probabilities` with one H5Dread into a buffer, untimed (that maps
 * and touches every page), then reads it again into the same, now mapped,
 * buffer and times only that second read (self-timed in ladder.tsv: its load
 * phase is its figure).  No image is produced.
 */
#include "step.h"

int step_load_and_colorcode(const struct step_input *input, struct rgb_image *out)
{
    struct hdf5_input hdf5;
    if (hdf5_open_probabilities(input->data_dir, &hdf5) < 0)
        return -1;
    size_t count = hdf5.height * hdf5.width * 4;
    int status = -1;
    double *buffer = big_alloc_array(count, sizeof *buffer, "the probabilities");
    if (buffer == NULL)
        goto end;
    if (H5Dread(hdf5.dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) < 0) {
        hdf5_read_error(&hdf5);
        goto end;
    }
    phase_begin(PHASE_LOAD);
    if (H5Dread(hdf5.dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) < 0) {
        hdf5_read_error(&hdf5);
        goto end;
    }
    phase_end();
    out->height = hdf5.height;
    out->width = hdf5.width;
    out->pixels = NULL;
    status = 0;
end:
    big_free(buffer);
    hdf5_input_close(&hdf5);
    return status;
}
