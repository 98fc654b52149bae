/*
 * bands.c — the image split into row bands across MPI ranks (see bands.h).
 *
 * The H rows are shared out in contiguous blocks that differ by at most one row
 * (the first H mod N ranks get one more), so a rank's rows are one contiguous
 * stretch of the file: the dataset is row-major H × W × 4 doubles.  Each rank
 * reads its stretch in bands of about 2 MiB into one buffer, reused, and runs
 * the kernel over each band while it is still in the cache; its output rows go
 * straight into its slice of the image.  Rank 0's slice is the top of the whole
 * image, so the gather (MPI_Gatherv, one row per element) copies only the
 * other ranks' rows.
 *
 * The file is read through parallel HDF5: the MPI-IO driver (H5Pset_fapl_mpio),
 * metadata read once by rank 0 and broadcast (H5Pset_all_coll_metadata_ops),
 * and each band one H5Dread of a hyperslab of whole rows, which for a
 * contiguous dataset is one MPI-IO read at one offset.  Independent transfer is
 * the default, collective an option; mpi/README.md has the measurements behind
 * that choice.  In collective mode every rank makes the same number of H5Dread
 * calls, a rank whose rows are done reading an empty selection.
 *
 * Before any of that, rank 0 alone opens the file with common/hdf5_input.c, so
 * that a wrong folder, file, shape or type gets ./main's own one-line message,
 * and broadcasts the shape.  Every point where one rank may fail is followed by
 * agree(), so all ranks leave together.  Only the main thread calls HDF5 (the
 * MPI build of HDF5 is not thread-safe); OpenMP threads only run the kernel.
 */
#include "bands.h"

#include <hdf5.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "agree.h"
#include "clock.h"
#include "kernel.h"

enum { CLASSES = 4, CHANNELS = 3 };

static struct bands_config config;
static struct bands_stats stats;
static char io_mode[128];

void bands_configure(const struct bands_config *new_config)
{
    config = *new_config;
}

struct bands_stats bands_last_stats(void)
{
    return stats;
}

/* This rank's rows: blocks that differ by at most one row, in rank order. */
static void share_rows(size_t height, int rank, int size, size_t *first, size_t *rows)
{
    size_t base = height / (size_t)size, extra = height % (size_t)size, r = (size_t)rank;
    *first = r * base + (r < extra ? r : extra);
    *rows = base + (r < extra ? 1 : 0);
}

/* ---- the file: checked on rank 0, then opened by all ---------------------- */

struct parallel_input {
    char path[4096];
    size_t height, width;
    hid_t file, dataset, transfer;
};

/* Rank 0 runs ./main's checks (common/hdf5_input.c) and broadcasts the shape;
 * the other ranks learn of a failure from the broadcast, rank 0 has the message. */
static int check_on_rank0(const char *data_dir, int rank, struct parallel_input *input)
{
    unsigned long long shape[3] = {0, 0, 0};   /* ok, height, width */
    if (rank == 0) {
        struct hdf5_input checked;
        if (hdf5_open_probabilities(data_dir, &checked) == 0) {
            shape[0] = 1;
            shape[1] = checked.height;
            shape[2] = checked.width;
        }
        hdf5_input_close(&checked);
    }
    MPI_Bcast(shape, 3, MPI_UNSIGNED_LONG_LONG, 0, config.comm);
    if (!shape[0])
        return -1;
    /* Rank 0's check built the same path, so it fits. */
    snprintf(input->path, sizeof input->path, "%s/data.hdf5", data_dir);
    input->height = shape[1];
    input->width = shape[2];
    /* The gather counts rows in an int, one row of W × 3 bytes per element. */
    if (input->height > INT_MAX || input->width > INT_MAX / CHANNELS)
        return error_set("%s: dataset \"probabilities\": %zu × %zu pixels, more than one "
                         "MPI_Gatherv can assemble (%d rows of at most %d pixels)",
                         input->path, input->height, input->width, INT_MAX,
                         INT_MAX / CHANNELS);
    return 0;
}

static int open_parallel(struct parallel_input *input)
{
    hid_t access = H5Pcreate(H5P_FILE_ACCESS);
    int status = -1;
    if (access < 0 || H5Pset_fapl_mpio(access, config.comm, MPI_INFO_NULL) < 0 ||
        H5Pset_all_coll_metadata_ops(access, 1) < 0 || H5Pset_sieve_buf_size(access, 0) < 0) {
        error_set("%s: cannot set up parallel HDF5 (H5Pset_fapl_mpio)", input->path);
        goto end;
    }
    input->file = H5Fopen(input->path, H5F_ACC_RDONLY, access);
    if (input->file < 0) {
        error_set("%s: cannot open with parallel HDF5 (MPI-IO)", input->path);
        goto end;
    }
    input->dataset = H5Dopen2(input->file, "probabilities", H5P_DEFAULT);
    if (input->dataset < 0) {
        error_set("%s: dataset \"probabilities\" cannot be opened", input->path);
        goto end;
    }
    input->transfer = H5Pcreate(H5P_DATASET_XFER);
    if (input->transfer < 0 ||
        H5Pset_dxpl_mpio(input->transfer, config.collective ? H5FD_MPIO_COLLECTIVE
                                                            : H5FD_MPIO_INDEPENDENT) < 0) {
        error_set("%s: cannot set the MPI-IO transfer mode", input->path);
        goto end;
    }
    status = 0;
end:
    if (access >= 0)
        H5Pclose(access);
    return status;
}

/* Collective when the file is open (H5Fclose through MPI-IO closes on all ranks):
 * after a failed open it is only reached when every rank failed at the same
 * place, which is what happens when the file is the same for all of them.  A
 * file that opens on some ranks only (a folder not shared between nodes) is
 * beyond what this can agree on without a hang risk in MPI_File_close. */
static void close_parallel(struct parallel_input *input)
{
    if (input->transfer >= 0)
        H5Pclose(input->transfer);
    if (input->dataset >= 0)
        H5Dclose(input->dataset);
    if (input->file >= 0)
        H5Fclose(input->file);
    input->transfer = input->dataset = input->file = H5I_INVALID_HID;
}

/* What HDF5 did with the last read: collective, or independent and why. */
static void note_io_mode(hid_t transfer)
{
    H5D_mpio_actual_io_mode_t mode = H5D_MPIO_NO_COLLECTIVE;
    uint32_t local = 0, global = 0;
    if (H5Pget_mpio_actual_io_mode(transfer, &mode) < 0) {
        snprintf(io_mode, sizeof io_mode, "unknown (HDF5 did not say)");
        return;
    }
    if (mode != H5D_MPIO_NO_COLLECTIVE) {
        snprintf(io_mode, sizeof io_mode, "collective%s",
                 mode == H5D_MPIO_CONTIGUOUS_COLLECTIVE ? "" : " (chunked)");
        return;
    }
    if (!config.collective) {
        snprintf(io_mode, sizeof io_mode, "independent");
        return;
    }
    if (H5Pget_mpio_no_collective_cause(transfer, &local, &global) < 0)
        global = 0;  /* the cause unknown: the note names none */
    snprintf(io_mode, sizeof io_mode, "independent, not collective as asked (HDF5's cause "
             "bits 0x%x%s)", (unsigned)global,
             global & H5D_MPIO_DATATYPE_CONVERSION ? ": type conversion" :
             global & H5D_MPIO_DATA_TRANSFORMS ? ": data transform" : "");
}

/* Rows [row, row + rows) into `values`; rows == 0 reads nothing but still takes
 * part in a collective transfer. */
static int read_band(const struct parallel_input *input, size_t row, size_t rows, double *values)
{
    hsize_t start[3] = {row, 0, 0}, count[3] = {rows, input->width, CLASSES};
    hsize_t memory_dims[3] = {rows > 0 ? rows : 1, input->width, CLASSES};
    double nothing[CLASSES];
    hid_t file_space = H5Dget_space(input->dataset);
    hid_t memory_space = H5Screate_simple(3, memory_dims, NULL);
    int status = -1;
    if (file_space < 0 || memory_space < 0)
        goto end;
    if (rows == 0 ? H5Sselect_none(file_space) < 0 || H5Sselect_none(memory_space) < 0
                  : H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count,
                                        NULL) < 0)
        goto end;
    if (H5Dread(input->dataset, H5T_NATIVE_DOUBLE, memory_space, file_space, input->transfer,
                rows > 0 ? values : nothing) < 0)
        goto end;
    if (rows > 0 && stats.reads++ == 0)
        note_io_mode(input->transfer);
    status = 0;
end:
    if (memory_space >= 0)
        H5Sclose(memory_space);
    if (file_space >= 0)
        H5Sclose(file_space);
    if (status < 0)
        error_set("%s: dataset \"probabilities\": read of rows %zu to %zu failed (file "
                  "truncated or damaged?)", input->path, row, row + rows);
    return status;
}

/* ---- reading and colour-coding this rank's rows --------------------------- */

/* Every band of this rank's rows: read, then the kernel into `slice`. */
static int colorcode_bands(const struct parallel_input *input, int size, double *band,
                           uint8_t *slice)
{
    size_t band_rows = stats.band_rows, rows = stats.rows;
    size_t bands = (rows + band_rows - 1) / band_rows;
    /* Collective: as many calls as the rank with the most rows makes. */
    size_t most_rows = input->height / (size_t)size + (input->height % (size_t)size != 0);
    size_t calls = config.collective ? (most_rows + band_rows - 1) / band_rows : bands;
    for (size_t b = 0; b < calls; b++) {
        size_t row = b * band_rows;
        size_t count = b < bands ? (rows - row < band_rows ? rows - row : band_rows) : 0;
        phase_begin(PHASE_LOAD);
        int status = read_band(input, stats.first_row + row, count, band);
        /* A rank that failed must not leave the others in the next collective read. */
        if (config.collective ? agree(config.comm, status) < 0 : status < 0)
            return -1;
        if (count > 0) {
            phase_begin(PHASE_COMPUTE);
            kernel_colorcode(band, count, input->width,
                             slice + row * input->width * CHANNELS);
        }
    }
    phase_end();
    return 0;
}

/* Rank 0 receives every rank's rows into the image below its own. */
static void assemble(const struct parallel_input *input, int rank, const int *counts, const int *offsets, uint8_t *slice, uint8_t *image)
{
    double start = clock_wall_ms();
    MPI_Datatype row_type;
    MPI_Type_contiguous((int)(input->width * CHANNELS), MPI_BYTE, &row_type);
    MPI_Type_commit(&row_type);
    MPI_Gatherv(rank == 0 ? MPI_IN_PLACE : slice, (int)stats.rows, row_type, image, counts,
                offsets, row_type, 0, config.comm);
    MPI_Type_free(&row_type);
    stats.assemble_ms = clock_wall_ms() - start;
}

int bands_load_and_colorcode(const struct step_input *step, struct rgb_image *out)
{
    struct parallel_input input = {.file = H5I_INVALID_HID, .dataset = H5I_INVALID_HID,
                                   .transfer = H5I_INVALID_HID};
    int rank = 0, size = 1, status = -1;
    MPI_Comm_rank(config.comm, &rank);
    MPI_Comm_size(config.comm, &size);
    double *band = NULL;
    uint8_t *slice = NULL;
    size_t slice_bytes = 0;
    int *counts = NULL, *offsets = NULL;
    stats = (struct bands_stats){0};
    snprintf(io_mode, sizeof io_mode, "no read");
    stats.io_mode = io_mode;

    phase_begin(PHASE_LOAD);
    if (check_on_rank0(step->data_dir, rank, &input) < 0)
        return -1;   /* every rank: the broadcast said so */
    share_rows(input.height, rank, size, &stats.first_row, &stats.rows);
    stats.band_rows = config.band_rows > 0 ? config.band_rows
                      : BAND_BYTES / (input.width * CLASSES * sizeof(double));
    if (stats.band_rows == 0)
        stats.band_rows = 1;

    /* Buffers before the file, so that a rank out of memory fails before any
     * collective HDF5 call.  The shape check bounds H × W × 4 × 8 bytes. */
    int local = 0;
    size_t band_count = (stats.rows < stats.band_rows ? stats.rows : stats.band_rows) *
                        input.width * CLASSES;
    if (band_count > 0) {
        band = big_alloc_array(band_count, sizeof *band, "a band of probabilities");
        local = band ? 0 : -1;
    }
    if (local == 0 && rank == 0) {
        local = rgb_image_alloc(out, input.height, input.width);
        slice = out->pixels;
        counts = malloc(size * sizeof *counts);
        offsets = malloc(size * sizeof *offsets);
        if (local == 0 && (counts == NULL || offsets == NULL))
            local = error_set("out of memory");
        for (int r = 0; local == 0 && r < size; r++) {
            size_t first, rows;
            share_rows(input.height, r, size, &first, &rows);
            counts[r] = (int)rows;
            offsets[r] = (int)first;
        }
    } else if (local == 0 && stats.rows > 0) {
        slice_bytes = stats.rows * input.width * CHANNELS;
        slice = big_alloc_array(slice_bytes, 1, "this rank's rows of the image");
        local = slice ? 0 : -1;
    }
    if (agree(config.comm, local) < 0)
        goto end;
    if (agree(config.comm, open_parallel(&input)) < 0)
        goto end;
    local = colorcode_bands(&input, size, band, slice);
    if (!config.collective && agree(config.comm, local) < 0)
        goto end;
    if (local < 0)
        goto end;   /* collective: colorcode_bands agreed already */
    assemble(&input, rank, counts, offsets, slice, out->pixels);
    status = 0;
end:
    phase_end();
    close_parallel(&input);
    big_free(band);
    if (rank != 0)
        big_free(slice);
    else if (status < 0)
        rgb_image_free(out);
    free(counts);
    free(offsets);
    return status;
}
