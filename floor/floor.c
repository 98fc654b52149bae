/*
 * floor.c — the pseudo-version "floor": reading the dataset's bytes from the
 * warm page cache into the CPU's cache, the cost no version can beat (the disk,
 * with a cold cache, is another floor, not measured here).
 *
 * HDF5 is asked only where the bytes are (hdf5_input_direct: a contiguous,
 * unfiltered little-endian float64 dataset and its offset in the file).  Then
 * every OpenMP thread reads its share of them — consecutive pieces of
 * FLOOR_BUFFER_BYTES — with pread into one buffer of its own, reused for every
 * piece, and computes nothing.  What is left is the kernel's copy from the page
 * cache into a buffer that stays in the cache: no HDF5 in the loop, no lock, no
 * fresh memory after the first piece, nothing written back to DRAM.  It is timed
 * as a normal region, opening the file included, because every step pays that.
 *
 * pread and not mmap, 1 MiB and not more or less: measured in v9/README.md.  A
 * dataset that cannot be read directly (chunked, compressed, external,
 * big-endian, float32) has no such floor: one line says why, exit 1.
 * h5dread.c is HDF5's own whole read, the floor before v9 read the file directly.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "step.h"

enum { FLOOR_BUFFER_BYTES = 1 << 20 };

/* pread until `bytes` are in or the file ends: a read may return fewer bytes
 * than asked, or be interrupted by a signal.  The bytes read, or -1 (errno). */
static ssize_t read_at(int fd, char *buffer, size_t bytes, off_t offset)
{
    size_t done = 0;
    while (done < bytes) {
        ssize_t got = pread(fd, buffer + done, bytes - done, offset + (off_t)done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        done += (size_t)got;
    }
    return (ssize_t)done;
}

/* Every thread reads its share of `bytes` at `offset`, piece by piece, into its buffer. */
static int read_shares(const struct hdf5_input *hdf5, int fd, off_t offset, size_t bytes)
{
    size_t pieces = bytes / FLOOR_BUFFER_BYTES + (bytes % FLOOR_BUFFER_BYTES != 0);
    int failed = 0;
#pragma omp parallel
    {
        char *buffer = big_alloc(FLOOR_BUFFER_BYTES);
#pragma omp for schedule(static)
        for (size_t i = 0; i < pieces; i++) {
            size_t at = i * FLOOR_BUFFER_BYTES;
            size_t length = bytes - at < FLOOR_BUFFER_BYTES ? bytes - at : FLOOR_BUFFER_BYTES;
            ssize_t got = buffer ? read_at(fd, buffer, length, offset + (off_t)at) : -1;
            if (got == (ssize_t)length)
                continue;
            if (got >= 0)
                hdf5_read_error(hdf5);  /* the file ends early: truncated */
            else if (buffer)
                error_set("%s: reading dataset \"%s\" failed: %s", hdf5->path, hdf5->name,
                          strerror(errno));
#pragma omp atomic write
            failed = 1;
        }
        big_free(buffer);
    }
    return failed ? -1 : 0;
}

int step_load_and_colorcode(const struct step_input *input, struct rgb_image *out)
{
    struct hdf5_input hdf5;
    phase_begin(PHASE_LOAD);
    if (hdf5_open_probabilities(input->data_dir, &hdf5) < 0)
        return -1;
    int status = -1, fd = -1;
    off_t offset = 0;
    if (hdf5_input_direct(&hdf5, &offset) != 1) {
        hdf5_input_direct_error(&hdf5);
        goto end;
    }
    fd = open(hdf5.path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error_set("%s: cannot open: %s", hdf5.path, strerror(errno));
        goto end;
    }
    if (read_shares(&hdf5, fd, offset, hdf5.height * hdf5.width * 4 * sizeof(double)) < 0)
        goto end;
    out->height = hdf5.height;
    out->width = hdf5.width;
    out->pixels = NULL;
    status = 0;
end:
    if (fd >= 0)
        close(fd);
    hdf5_input_close(&hdf5);
    return status;
}
