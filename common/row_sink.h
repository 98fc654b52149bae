/*
 * row_sink.h — where ./main sends the image's rows (image.h's out->sink).
 *
 * Every row is digested: FNV-1a 64 of its bytes (over 8-byte words in four
 * lanes: row_digest), seeded by its row number, the rows' hashes summed, so bands may arrive in any order and the digest is the
 * same for every step on one data set.  With a PNG path the rows are also
 * written, top to bottom, as they arrive (a band that comes early waits in a
 * small reorder buffer); with a check the rows are handed to it (`main verify`
 * compares them with the reference band by band).  A whole-image step's image
 * goes through the same sink after the step returns (row_sink_image).
 */
#ifndef POR_ROW_SINK_H
#define POR_ROW_SINK_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Called under the sink's lock for every band, in any order; -1 with an error stops the run. */
typedef int row_check(void *context, size_t first_row, size_t rows, size_t width,
                      const uint8_t *rgb);

struct band;   /* a band waiting for its turn in the PNG (row_sink.c) */

struct row_sink {
    /* set by the caller */
    const char *png_path;     /* NULL: no PNG */
    row_check *check;         /* NULL: no check */
    void *check_context;
    /* the sink's own */
    pthread_mutex_t lock;
    pthread_cond_t turn;
    size_t threads;           /* at most this many bands wait for their turn */
    size_t height, width, rows_seen, next_row, waiting;
    uint64_t digest;
    struct png_rows *png;
    struct band *early;       /* bands that arrived before next_row, sorted by row */
    int failed;
};

/* Prepares a sink (png_path, check and check_context as given). */
void row_sink_init(struct row_sink *sink, const char *png_path, row_check *check,
                   void *context, size_t threads);
/* A new image: resets the digest and opens the PNG. */
int row_sink_begin(struct row_sink *sink, size_t height, size_t width);
int row_sink_rows(struct row_sink *sink, size_t first_row, size_t rows, const uint8_t *rgb);
/* A whole image: begin, then its rows in bands. */
int row_sink_image(struct row_sink *sink, const uint8_t *pixels, size_t height, size_t width);
/* The end of an image: checks every row came, commits the PNG (ok) or removes it. */
int row_sink_end(struct row_sink *sink, bool ok);
void row_sink_destroy(struct row_sink *sink);

/* The digest of one row (exposed for the tests). */
uint64_t row_digest(size_t row, const uint8_t *rgb, size_t bytes);

#endif
