/*
 * row_sink.c — the digest, the PNG and the check of the image's rows (see
 * row_sink.h).
 *
 * The PNG needs its rows in order and the band steps' threads finish bands in
 * any order, so a band that arrives before its turn is copied aside.  At most
 * one band per thread waits so: when that many are waiting, the next early
 * thread blocks until its turn.  That cannot deadlock, because the bands are
 * handed out in order (schedule(dynamic) or a serial loop): every earlier
 * band is already being computed by a thread that will deliver it.
 */
#include "row_sink.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "png_write.h"

struct band {
    struct band *next;
    size_t first_row, rows;
    uint8_t rgb[];
};

uint64_t row_digest(size_t row, const uint8_t *rgb, size_t bytes)
{
    /* FNV-1a 64 over 8-byte words, in four interleaved lanes (word i goes to
     * lane i mod 4), then the last bytes one by one: a multiply per word, not
     * per byte, and four independent chains, so digesting every row costs
     * little beside the step that made it (it is inside the measured region). */
    enum { LANES = 4 };
    const uint64_t prime = 0x100000001b3u;
    uint64_t lane[LANES], word;
    for (int l = 0; l < LANES; l++)
        lane[l] = (0xcbf29ce484222325u ^ row ^ ((uint64_t)l << 56)) * prime;
    size_t i = 0;
    for (; i + 8 * LANES <= bytes; i += 8 * LANES) {
        for (int l = 0; l < LANES; l++) {
            memcpy(&word, rgb + i + 8 * l, 8);
            lane[l] = (lane[l] ^ word) * prime;
        }
    }
    uint64_t hash = lane[0];
    for (int l = 1; l < LANES; l++)
        hash = (hash ^ lane[l]) * prime;
    for (; i < bytes; i++)
        hash = (hash ^ rgb[i]) * prime;
    return hash;
}

void row_sink_init(struct row_sink *sink, const char *png_path, row_check *check, void *context,
                   size_t threads)
{
    memset(sink, 0, sizeof *sink);
    sink->threads = threads > 0 ? threads : 1;
    sink->png_path = png_path;
    sink->check = check;
    sink->check_context = context;
    pthread_mutex_init(&sink->lock, NULL);
    pthread_cond_init(&sink->turn, NULL);
}

static void drop_early(struct row_sink *sink)
{
    while (sink->early != NULL) {
        struct band *band = sink->early;
        sink->early = band->next;
        free(band);
    }
    sink->waiting = 0;
}

int row_sink_begin(struct row_sink *sink, size_t height, size_t width)
{
    if (sink->png != NULL)
        png_rows_close(sink->png, false);
    drop_early(sink);
    sink->png = NULL;
    sink->height = height;
    sink->width = width;
    sink->rows_seen = sink->next_row = 0;
    sink->digest = 0;
    sink->failed = 0;
    if (sink->png_path != NULL && (sink->png = png_rows_open(sink->png_path, height, width)) == NULL)
        return -1;
    return 0;
}

/* Writes a band's rows to the PNG; the caller holds the lock. */
static int write_band(struct row_sink *sink, size_t rows, const uint8_t *rgb)
{
    for (size_t y = 0; y < rows; y++)
        if (png_rows_write(sink->png, rgb + y * sink->width * 3) < 0)
            return -1;
    sink->next_row += rows;
    return 0;
}

/* Writes the band that is next and every waiting band that follows it. */
static int write_in_order(struct row_sink *sink, size_t rows, const uint8_t *rgb)
{
    if (write_band(sink, rows, rgb) < 0)
        return -1;
    while (sink->early != NULL && sink->early->first_row == sink->next_row) {
        struct band *band = sink->early;
        sink->early = band->next;
        sink->waiting--;
        int status = write_band(sink, band->rows, band->rgb);
        free(band);
        if (status < 0)
            return -1;
    }
    pthread_cond_broadcast(&sink->turn);
    return 0;
}

/* Copies an early band aside, in row order. */
static int keep_early(struct row_sink *sink, size_t first_row, size_t rows, const uint8_t *rgb)
{
    size_t bytes = rows * sink->width * 3;
    struct band *band = malloc(sizeof *band + bytes);
    if (band == NULL)
        return error_set("out of memory: cannot keep a band of %zu rows for %s", rows,
                         sink->png_path);
    band->first_row = first_row;
    band->rows = rows;
    memcpy(band->rgb, rgb, bytes);
    struct band **place = &sink->early;
    while (*place != NULL && (*place)->first_row < first_row)
        place = &(*place)->next;
    band->next = *place;
    *place = band;
    sink->waiting++;
    return 0;
}

static int to_png(struct row_sink *sink, size_t first_row, size_t rows, const uint8_t *rgb)
{
    while (first_row != sink->next_row && sink->waiting >= sink->threads && !sink->failed)
        pthread_cond_wait(&sink->turn, &sink->lock);
    if (sink->failed)
        return -1;
    if (first_row == sink->next_row)
        return write_in_order(sink, rows, rgb);
    return keep_early(sink, first_row, rows, rgb);
}

int row_sink_rows(struct row_sink *sink, size_t first_row, size_t rows, const uint8_t *rgb)
{
    uint64_t digest = 0;
    size_t row_bytes = sink->width * 3;
    for (size_t y = 0; y < rows; y++)
        digest += row_digest(first_row + y, rgb + y * row_bytes, row_bytes);
    pthread_mutex_lock(&sink->lock);
    sink->digest += digest;
    sink->rows_seen += rows;
    int status = sink->failed ? -1 : 0;
    if (status == 0 && sink->check != NULL)
        status = sink->check(sink->check_context, first_row, rows, sink->width, rgb);
    if (status == 0 && sink->png != NULL)
        status = to_png(sink, first_row, rows, rgb);
    if (status < 0) {
        sink->failed = 1;
        pthread_cond_broadcast(&sink->turn);  /* no thread waits for a turn that never comes */
    }
    pthread_mutex_unlock(&sink->lock);
    return status;
}

int row_sink_image(struct row_sink *sink, const uint8_t *pixels, size_t height, size_t width)
{
    enum { BAND_ROWS = 64 };
    if (row_sink_begin(sink, height, width) < 0)
        return -1;
    for (size_t row = 0; row < height; row += BAND_ROWS) {
        size_t rows = height - row < BAND_ROWS ? height - row : BAND_ROWS;
        if (row_sink_rows(sink, row, rows, pixels + row * width * 3) < 0)
            return -1;
    }
    return 0;
}

int row_sink_end(struct row_sink *sink, bool ok)
{
    int status = 0;
    if (ok && sink->rows_seen != sink->height)
        status = error_set("the step handed over %zu rows of %zu", sink->rows_seen,
                           sink->height);
    if (sink->png != NULL && png_rows_close(sink->png, ok && status == 0) < 0)
        status = -1;
    sink->png = NULL;
    drop_early(sink);
    return ok ? status : -1;
}

void row_sink_destroy(struct row_sink *sink)
{
    if (sink->png != NULL)
        png_rows_close(sink->png, false);
    sink->png = NULL;
    drop_early(sink);
    pthread_mutex_destroy(&sink->lock);
    pthread_cond_destroy(&sink->turn);
}
