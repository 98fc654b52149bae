/*
 * hdf5_tiled.c — data.hdf5 written band by band (see hdf5_tiled.h).
 *
 * Layout choices and why:
 * - contiguous, no filters: what the versions' hyperslab reads are taught on;
 * - no fill value written (H5D_FILL_TIME_NEVER): every byte is written by us,
 *   so a fill pass would only double the I/O;
 * - no object timestamps (H5Pset_obj_track_times 0): otherwise two runs differ
 *   in a few bytes and determinism cannot be checked with cmp.
 * HDF5's own error printing is switched off while we write; failures become
 * one error_set() message.
 */
#include "hdf5_tiled.h"

#include <hdf5.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "checked.h"
#include "error.h"
#include "progress.h"

/* A band holds as many full-width rows as fit in BAND_BYTES (at least one):
 * 102 rows of probabilities at s, 17 at xl, 3 at xxl (a row of 38,400 pixels
 * is 1.2 MB), so the generator's memory does not grow with the size (the
 * model's arrays, at the base size, are the rest). */
enum { BAND_BYTES = 4 << 20 };

/* One dataset to write: base array of height × width × depth elements of `bytes` bytes. */
struct tiled_source {
    const char *name;
    const void *base;
    size_t depth, bytes;
    hid_t memory_type, file_type;
};

static hid_t create_dataset(hid_t file, const struct tiled_source *source, const hsize_t dims[3])
{
    hid_t space = H5Screate_simple(3, dims, NULL);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    hid_t dataset = H5I_INVALID_HID;
    if (space >= 0 && dcpl >= 0 && H5Pset_layout(dcpl, H5D_CONTIGUOUS) >= 0
        && H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER) >= 0
        && H5Pset_obj_track_times(dcpl, 0) >= 0)
        dataset = H5Dcreate2(file, source->name, source->file_type, space, H5P_DEFAULT, dcpl,
                             H5P_DEFAULT);
    if (dcpl >= 0)
        H5Pclose(dcpl);
    if (space >= 0)
        H5Sclose(space);
    return dataset;
}

/* Fills band with base rows [row0, row0 + rows), each repeated `factor` times across. */
static void fill_band(unsigned char *restrict band, const struct tiled_source *source,
                      size_t width, size_t factor, size_t row0, size_t rows)
{
    size_t base_row_bytes = width * source->depth * source->bytes;
    const unsigned char *base = (const unsigned char *)source->base + row0 * base_row_bytes;
    for (size_t r = 0; r < rows; r++)
        for (size_t f = 0; f < factor; f++)
            memcpy(band + (r * factor + f) * base_row_bytes, base + r * base_row_bytes,
                   base_row_bytes);
}

/* Writes `rows` rows of the full width at output row `out_row` from band. */
static int write_band(hid_t dataset, const void *band, hid_t memory_type, hsize_t out_row,
                      hsize_t rows, hsize_t out_width, hsize_t depth)
{
    hsize_t start[3] = {out_row, 0, 0}, count[3] = {rows, out_width, depth};
    hid_t file_space = H5Dget_space(dataset);
    hid_t memory_space = H5Screate_simple(3, count, NULL);
    herr_t status = -1;
    if (file_space >= 0 && memory_space >= 0
        && H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL) >= 0)
        status = H5Dwrite(dataset, memory_type, memory_space, file_space, H5P_DEFAULT, band);
    if (memory_space >= 0)
        H5Sclose(memory_space);
    if (file_space >= 0)
        H5Sclose(file_space);
    return status < 0 ? -1 : 0;
}

/* All bands of all vertical repeats, in file order. */
static int write_tiled_dataset(hid_t file, const char *path, const struct tiled_source *source,
                               size_t height, size_t width, size_t factor)
{
    size_t out_width, row_bytes;
    if (checked_size3(width, factor, 1, "output width", &out_width) < 0
        || checked_size3(1, out_width, source->depth * source->bytes, "band row",
                         &row_bytes) < 0)
        return -1;
    size_t band_rows = row_bytes < BAND_BYTES ? BAND_BYTES / row_bytes : 1;
    if (band_rows > height)
        band_rows = height;
    hsize_t dims[3] = {(hsize_t)height * factor, out_width, source->depth};
    hid_t dataset = create_dataset(file, source, dims);
    if (dataset < 0)
        return error_set("%s: cannot create dataset \"%s\"", path, source->name);
    unsigned char *band = big_alloc(band_rows * row_bytes);
    int status = band ? 0 : -1;
    for (size_t repeat = 0; status == 0 && repeat < factor; repeat++) {
        for (size_t row0 = 0; status == 0 && row0 < height; row0 += band_rows) {
            size_t rows = height - row0 < band_rows ? height - row0 : band_rows;
            fill_band(band, source, width, factor, row0, rows);
            if (write_band(dataset, band, source->memory_type, repeat * height + row0, rows,
                           out_width, source->depth) < 0) {
                status = error_set("%s: writing dataset \"%s\" failed (disk full?)", path,
                                   source->name);
                break;
            }
            status = progress_advance((double)(rows * out_width * source->depth * source->bytes));
        }
    }
    if (band)
        big_free(band);
    if (H5Dclose(dataset) < 0 && status == 0)
        status = error_set("%s: closing dataset \"%s\" failed", path, source->name);
    return status;
}

int hdf5_tiled_bytes(size_t height, size_t width, size_t factor, size_t *bytes)
{
    size_t out_height, pixels;
    if (checked_size3(height, factor, 1, "output height", &out_height) < 0
        || checked_size3(out_height, width, factor, "output pixels", &pixels) < 0
        || checked_size3(pixels, 3 + HDF5_CLASSES * sizeof(double), 1, "HDF5 data bytes",
                         bytes) < 0)
        return -1;
    return 0;
}

int hdf5_write_tiled(const char *path, const uint8_t *image, const double *probabilities,
                     size_t height, size_t width, size_t factor)
{
    size_t bytes;
    if (hdf5_tiled_bytes(height, width, factor, &bytes) < 0)
        return -1;
    const struct tiled_source sources[2] = {
        {"image", image, 3, 1, H5T_NATIVE_UINT8, H5T_STD_U8LE},
        {"probabilities", probabilities, HDF5_CLASSES, sizeof(double), H5T_NATIVE_DOUBLE,
         H5T_IEEE_F64LE},
    };
    H5E_auto2_t old_handler;
    void *old_data;
    if (H5Eget_auto2(H5E_DEFAULT, &old_handler, &old_data) < 0)
        old_handler = NULL, old_data = NULL;  /* restored as silence: this program reports */
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);

    int status = 0;
    hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        status = error_set("%s: cannot create HDF5 file", path);
    for (int i = 0; status == 0 && i < 2; i++)
        status = write_tiled_dataset(file, path, &sources[i], height, width, factor);
    if (file >= 0 && H5Fclose(file) < 0 && status == 0)
        status = error_set("%s: closing the HDF5 file failed (disk full?)", path);

    H5Eset_auto2(H5E_DEFAULT, old_handler, old_data);
    return status;
}
