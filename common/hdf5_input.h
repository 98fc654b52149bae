/*
 * hdf5_input.h — opening data/<size>/data.hdf5 and checking a dataset before
 * any version reads it.  Not a lesson: every version that reads HDF5 opens its
 * dataset here, so that a wrong file, a missing dataset, a wrong rank, shape or
 * dtype gets one clear message naming the file and the dataset.  How the data is
 * then read (one H5Dread, hyperslab tiles, ...) is each version's own lesson.
 *
 * HDF5's own error stack is silenced by hdf5_input_quiet(); its failures are
 * translated into error_set() messages here.
 */
#ifndef POR_HDF5_INPUT_H
#define POR_HDF5_INPUT_H

#include <hdf5.h>
#include <stddef.h>
#include <sys/types.h>

struct hdf5_input {
    char path[4096];     /* data_dir/data.hdf5, for messages */
    const char *name;    /* dataset name, for messages */
    hid_t file;
    hid_t dataset;
    size_t height;
    size_t width;
    size_t depth;        /* 4 for probabilities, 3 for image */
};

/* Turns off HDF5's automatic error printing for the whole process. */
void hdf5_input_quiet(void);

/* Opens "probabilities": float (any IEEE width), rank 3, shape (H, W, 4), H, W >= 1.
 * H × W × 4 × sizeof(double) is checked to fit in a size_t, so a step can size
 * its buffers from height and width without checking again. */
int hdf5_open_probabilities(const char *data_dir, struct hdf5_input *input);

/* Opens "image": 8-bit unsigned integer, rank 3, shape (H, W, 3). */
int hdf5_open_image(const char *data_dir, struct hdf5_input *input);

/* The error for a failed H5Dread of this input; always returns -1. */
int hdf5_read_error(const struct hdf5_input *input);

/* Whether the dataset's bytes can be read straight from the file, without
 * HDF5 (pread or mmap at one offset), as v9 and the floor do: contiguous layout,
 * no filters, no external file, storage allocated and exactly H × W × depth
 * float64 values, the type IEEE float64 little-endian and the machine's own
 * double (so the bytes on disk are the bytes in memory).  Returns 1 and sets
 * *offset, the absolute file offset of element (0, 0, 0), when they can; 0 when
 * not; never sets an error.  The offset counts from the start of the file, a
 * userblock included (HDF5 1.10's H5Dget_offset does; tests/common checks it). */
int hdf5_input_direct(const struct hdf5_input *input, off_t *offset);

/* The one error line for a dataset hdf5_input_direct() refused: what a direct
 * read needs and what this dataset has instead; always returns -1. */
int hdf5_input_direct_error(const struct hdf5_input *input);

/* Closes what was opened; safe on a zeroed or already closed input. */
void hdf5_input_close(struct hdf5_input *input);

#endif
