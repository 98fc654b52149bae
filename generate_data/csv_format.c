/*
 * csv_format.c — turning one class's base matrix into text, once.
 *
 * Each row gets a fixed slot of cols × (CSV_VALUE_MAX + 1) bytes, so rows can
 * be formatted in parallel without knowing each other's lengths; the slots are
 * never compacted because the writer copies row by row anyway.  "%.18e" goes
 * through the C library's printf, which rounds correctly; no hand-made float
 * formatting.
 *
 * A forest's probabilities are means over 50 trees of leaf class fractions,
 * so they take few distinct values (51 with the default seed, out of 4.9
 * million).  Each thread therefore keeps a small cache from a double's bits
 * to its text: every distinct value goes through snprintf once per thread,
 * the rest is a table look-up and a copy.  When the cache fills up, values are
 * simply formatted directly, so any input works, only slower.  The text is
 * byte-identical whatever the number of threads: each row is a pure function
 * of its values.
 */
#include "csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "checked.h"
#include "error.h"

enum { CACHE_BITS = 12, CACHE_SLOTS = 1 << CACHE_BITS, CACHE_LIMIT = CACHE_SLOTS / 2 };

struct format_cache {
    size_t count;
    uint64_t key[CACHE_SLOTS];
    uint8_t length[CACHE_SLOTS];      /* 0: empty slot (a formatted value is never empty) */
    char text[CACHE_SLOTS][CSV_VALUE_MAX + 1];
};

size_t csv_format_value(char *out, double value)
{
    int n = snprintf(out, CSV_VALUE_MAX + 1, "%.18e", value);
    return (size_t)n;
}

/* Appends value's text at out, from the cache when it is there; returns its length. */
static size_t format_cached(struct format_cache *cache, char *out, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);   /* bits, not ==: 0.0 and -0.0 print differently */
    size_t slot = (size_t)((bits * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - CACHE_BITS));
    while (cache->length[slot] != 0 && cache->key[slot] != bits)
        slot = (slot + 1) & (CACHE_SLOTS - 1);
    if (cache->length[slot] != 0) {
        memcpy(out, cache->text[slot], cache->length[slot]);
        return cache->length[slot];
    }
    size_t length = csv_format_value(out, value);
    if (cache->count < CACHE_LIMIT) {   /* half full at most: probes stay short */
        cache->key[slot] = bits;
        cache->length[slot] = (uint8_t)length;
        memcpy(cache->text[slot], out, length);
        cache->count++;
    }
    return length;
}

static size_t format_row(struct format_cache *cache, char *restrict out,
                         const double *restrict row, size_t cols, size_t classes)
{
    size_t used = 0;
    for (size_t c = 0; c < cols; c++) {
        if (c > 0)
            out[used++] = ' ';
        used += format_cached(cache, out + used, row[c * classes]);
    }
    return used;
}

/* Every row into its slot; one cache per thread, so no locks and no sharing. */
static int format_rows(const double *probabilities, size_t classes, size_t class_index,
                       struct csv_text *text)
{
    int failed = 0;
    #pragma omp parallel reduction(|| : failed)
    {
        struct format_cache *cache = calloc(1, sizeof *cache);
        failed = cache == NULL;
        long long rows = (long long)text->rows;
        #pragma omp for schedule(static)
        for (long long r = 0; r < rows; r++) {
            if (!cache)
                continue;
            const double *row = probabilities + (size_t)r * text->cols * classes + class_index;
            text->length[r] = format_row(cache, text->text + (size_t)r * text->stride, row,
                                         text->cols, classes);
        }
        free(cache);
    }
    return failed ? error_set("out of memory for the CSV format cache") : 0;
}

int csv_text_format(const double *probabilities, size_t rows, size_t cols, size_t classes,
                    size_t class_index, struct csv_text *text)
{
    *text = (struct csv_text){.rows = rows, .cols = cols};
    size_t total, length_bytes;
    if (checked_size3(cols, CSV_VALUE_MAX + 1, 1, "CSV row text", &text->stride) < 0
        || checked_size3(rows, text->stride, 1, "CSV text", &total) < 0
        || checked_size3(rows, sizeof *text->length, 1, "CSV row lengths", &length_bytes) < 0)
        return -1;
    text->text = big_alloc(total);
    text->length = malloc(length_bytes);
    if (!text->text || !text->length) {
        csv_text_free(text);
        return error_pending() ? -1 : error_set("out of memory for the CSV row lengths");
    }
    if (format_rows(probabilities, classes, class_index, text) < 0) {
        csv_text_free(text);
        return -1;
    }
    return 0;
}

void csv_text_free(struct csv_text *text)
{
    if (text->text)
        big_free(text->text);
    free(text->length);
    *text = (struct csv_text){0};
}
