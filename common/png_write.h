/*
 * png_write.h — RGB images to PNG files, written under a temporary name and
 * renamed into place, so a failed or interrupted write never leaves a partial
 * file under the real name.
 */
#ifndef POR_PNG_WRITE_H
#define POR_PNG_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Row by row (the band steps' --out): open, write the rows top to bottom,
 * close.  NULL or -1 with an error naming the path on failure. */
struct png_rows;
struct png_rows *png_rows_open(const char *path, size_t height, size_t width);
int png_rows_write(struct png_rows *png, const uint8_t *row);
/* commit: finish the file and rename it into place; otherwise remove it.
 * Frees `png` in both cases. */
int png_rows_close(struct png_rows *png, bool commit);

/* rgb: height × width × 3 bytes, row-major.  -1 with an error naming the path on failure. */
int png_write_rgb(const char *path, const uint8_t *rgb, size_t height, size_t width);

/* Writes `left` and `right` (both height × width RGB) side by side with a white gap. */
int png_write_side_by_side(const char *path, const uint8_t *left, const uint8_t *right,
                           size_t height, size_t width);

#endif
