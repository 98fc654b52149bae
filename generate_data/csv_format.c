/*
 * csv_format.c — turning one class's base matrix into text, once.
 *
 * Each row gets a fixed slot of cols × (CSV_VALUE_MAX + 1) bytes, so rows can
 * be formatted in parallel without knowing each other's lengths; the slots are
 * never compacted because the writer copies row by row anyway.  The text is
 * byte-identical whatever the number of threads: each row is a pure function
 * of its values.  "%.18e" goes through the C library's printf, which rounds
 * correctly; no hand-made float formatting.
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>

#include "bigalloc.h"
#include "checked.h"
#include "error.h"

size_t csv_format_value(char *out, double value)
{
    int n = snprintf(out, CSV_VALUE_MAX + 1, "%.18e", value);
    return (size_t)n;
}

static size_t format_row(char *restrict out, const double *restrict row, size_t cols,
                         size_t classes)
{
    size_t used = 0;
    for (size_t c = 0; c < cols; c++) {
        if (c > 0)
            out[used++] = ' ';
        used += csv_format_value(out + used, row[c * classes]);
    }
    return used;
}

int csv_text_format(const double *probabilities, size_t rows, size_t cols, size_t classes,
                    size_t class_index, struct csv_text *text)
{
    *text = (struct csv_text){.rows = rows, .cols = cols};
    size_t total;
    if (checked_size3(cols, CSV_VALUE_MAX + 1, 1, "CSV row text", &text->stride) < 0
        || checked_size3(rows, text->stride, 1, "CSV text", &total) < 0)
        return -1;
    size_t length_bytes;
    if (checked_size3(rows, sizeof *text->length, 1, "CSV row lengths", &length_bytes) < 0)
        return -1;
    text->text = big_alloc(total);
    text->length = malloc(length_bytes);
    if (!text->text || !text->length) {
        csv_text_free(text);
        return error_pending() ? -1 : error_set("out of memory for the CSV row lengths");
    }
    long long row_count = (long long)rows;
    #pragma omp parallel for schedule(static)
    for (long long r = 0; r < row_count; r++) {
        const double *row = probabilities + (size_t)r * cols * classes + class_index;
        text->length[r] = format_row(text->text + (size_t)r * text->stride, row, cols, classes);
    }
    return 0;
}

void csv_text_free(struct csv_text *text)
{
    if (text->text)
        big_free(text->text, text->rows * text->stride);
    free(text->length);
    *text = (struct csv_text){0};
}
