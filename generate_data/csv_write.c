/*
 * csv_write.c — writing a tiled CSV from text formatted once (see csv.h).
 *
 * Output row (repeat × rows + r) is base row r repeated `factor` times across.
 * The lines are gathered in a 4 MiB buffer and handed to write(2) in large
 * pieces: with the formatting done beforehand, this loop is a memcpy and the
 * kernel's copy into the page cache, nothing else.
 */
#include "csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checked.h"
#include "error.h"
#include "progress.h"

enum { BUFFER_BYTES = 4 << 20 };

struct out_file {
    const char *path;
    int fd;
    char *buffer;
    size_t used;
    unsigned long long written;
};

static int out_flush(struct out_file *out)
{
    size_t done = 0;
    while (done < out->used) {
        ssize_t n = write(out->fd, out->buffer + done, out->used - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return error_set("%s: write failed: %s", out->path, strerror(errno));
        done += (size_t)n;
    }
    out->written += out->used;
    out->used = 0;
    return 0;
}

/* Appends bytes, flushing first when they do not fit; a piece larger than the
 * buffer cannot occur (a row is at most cols × 27 bytes). */
static int out_append(struct out_file *out, const char *bytes, size_t length)
{
    if (out->used + length > BUFFER_BYTES && out_flush(out) < 0)
        return -1;
    memcpy(out->buffer + out->used, bytes, length);
    out->used += length;
    return 0;
}

/* One output line: the base row `factor` times, separated by ' ', ended by '\n'. */
static int write_line(struct out_file *out, const char *row, size_t length, size_t factor)
{
    for (size_t f = 0; f < factor; f++) {
        if (out_append(out, row, length) < 0 || out_append(out, f + 1 < factor ? " " : "\n", 1) < 0)
            return -1;
    }
    return 0;
}

static int write_all_lines(struct out_file *out, const struct csv_text *text, size_t factor)
{
    unsigned long long reported = 0;
    for (size_t repeat = 0; repeat < factor; repeat++) {
        for (size_t r = 0; r < text->rows; r++) {
            if (write_line(out, text->text + r * text->stride, text->length[r], factor) < 0)
                return -1;
            /* every 64 lines: often enough for a smooth percentage, cheap enough to ignore */
            if (r % 64 == 63) {
                unsigned long long now = out->written + out->used;
                if (progress_advance((double)(now - reported)) < 0)
                    return -1;
                reported = now;
            }
        }
    }
    if (out_flush(out) < 0)
        return -1;
    return progress_advance((double)(out->written - reported));
}

int csv_tiled_bytes(const struct csv_text *text, size_t factor, size_t *bytes)
{
    size_t base = 0;   /* cannot overflow: at most rows × stride, checked when formatted */
    for (size_t r = 0; r < text->rows; r++)
        base += text->length[r] + 1;   /* + the space or newline after each copy */
    /* each base row's text appears factor × factor times in the file */
    return checked_size3(base, factor, factor, "CSV bytes", bytes);
}

int csv_write_tiled(const char *path, const struct csv_text *text, size_t factor,
                    unsigned long long *bytes_written)
{
    if (text->stride + 1 > BUFFER_BYTES)
        return error_set("%s: a CSV row of %zu bytes does not fit the write buffer", path,
                         text->stride);
    struct out_file out = {.path = path, .fd = -1};
    out.buffer = malloc(BUFFER_BYTES);
    if (!out.buffer)
        return error_set("%s: out of memory for the write buffer", path);
    out.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int status = out.fd < 0 ? error_set("%s: cannot create: %s", path, strerror(errno))
                            : write_all_lines(&out, text, factor);
    if (out.fd >= 0 && close(out.fd) < 0 && status == 0)
        status = error_set("%s: close failed: %s", path, strerror(errno));
    free(out.buffer);
    if (bytes_written)
        *bytes_written = out.written;
    return status;
}
