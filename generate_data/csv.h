/*
 * csv.h — the four class CSVs of docs/spec.md §3, as numpy.savetxt writes them:
 * one line per image row, values "%.18e" separated by single spaces, "\n".
 *
 * Formatting a double with "%.18e" costs about 0.3 µs, and xl has 177 million
 * values per class.  But a tiled matrix is the base matrix repeated, so each
 * base row is formatted once (csv_text_format, in parallel over rows) and the
 * writer only copies text: every size then costs what its bytes cost on disk.
 */
#ifndef GEN_CSV_H
#define GEN_CSV_H

#include <stddef.h>

/* The longest "%.18e" of a double: "-1.234567890123456789e-308" is 26 chars. */
enum { CSV_VALUE_MAX = 26 };

/* One class's base matrix as text: row i is text + i * stride, length[i] bytes,
 * values separated by single spaces, without a trailing separator or newline. */
struct csv_text {
    size_t rows, cols;
    size_t stride;
    char *text;
    size_t *length;
};

/* Formats value as printf("%.18e") into out (at least CSV_VALUE_MAX + 1 bytes); returns its length. */
size_t csv_format_value(char *out, double value);

/* probabilities: rows × cols × classes doubles; formats class `class_index`.
 * Uses OpenMP over rows.  -1 with an error on allocation failure. */
int csv_text_format(const double *probabilities, size_t rows, size_t cols, size_t classes,
                    size_t class_index, struct csv_text *text);
void csv_text_free(struct csv_text *text);

/* Writes the matrix tiled factor × factor to path; each output line is the base
 * line repeated factor times, joined by spaces.  Reports progress_advance() in
 * bytes.  -1 with an error naming path on failure (the partial file is left for
 * the caller's cleanup). */
int csv_write_tiled(const char *path, const struct csv_text *text, size_t factor,
                    unsigned long long *bytes_written);

/* The size of the file csv_write_tiled writes, for progress.  -1 with an error on overflow. */
int csv_tiled_bytes(const struct csv_text *text, size_t factor, size_t *bytes);

#endif
