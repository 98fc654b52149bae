/*
 * png_write.c — RGB buffers to PNG with libpng, through a temporary file that
 * is renamed into place only when complete.  libpng reports errors by
 * longjmp; that is confined to the small functions that call it, each with
 * its own setjmp, so the rest reads as plain C.
 */
#include "png_write.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "checked.h"
#include "error.h"

/* libpng's default handlers print "libpng error: ..." to stderr; ours stay
 * silent (the caller reports the failure in its one line) and jump back. */
static void quiet_error(png_structp png, png_const_charp message)
{
    (void)message;
    png_longjmp(png, 1);
}

static void quiet_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

struct png_rows {
    png_structp png;
    png_infop info;
    FILE *file;
    char temp[4096];
    const char *path;
    size_t rows_left;
};

/* libpng's longjmp lands in each function's setjmp branch: -1. */
static int start(struct png_rows *w, size_t height, size_t width)
{
    if (setjmp(png_jmpbuf(w->png)))
        return -1;
    png_init_io(w->png, w->file);
    png_set_compression_level(w->png, 1);  /* fast: these files are for looking, not archiving */
    png_set_IHDR(w->png, w->info, (png_uint_32)width, (png_uint_32)height, 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(w->png, w->info);
    return 0;
}

struct png_rows *png_rows_open(const char *path, size_t height, size_t width)
{
    if (height == 0 || width == 0 || height > 0x7fffffff || width > 0x7fffffff / 3) {
        error_set("%s: cannot write a %zu × %zu PNG", path, height, width);
        return NULL;
    }
    struct png_rows *w = calloc(1, sizeof *w);
    if (w == NULL) {
        error_set("out of memory: cannot write %s", path);
        return NULL;
    }
    w->path = path;
    w->rows_left = height;
    if (atomic_temp_name(path, w->temp, sizeof w->temp) < 0) {
        free(w);
        return NULL;
    }
    w->file = fopen(w->temp, "wb");
    if (w->file == NULL) {
        error_set("%s: cannot write: %s", path, strerror(errno));
        free(w);
        return NULL;
    }
    w->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, quiet_error, quiet_warning);
    w->info = w->png ? png_create_info_struct(w->png) : NULL;
    if (w->info == NULL || start(w, height, width) < 0) {
        png_rows_close(w, false);
        error_set("%s: writing the PNG failed", path);
        return NULL;
    }
    return w;
}

int png_rows_write(struct png_rows *w, const uint8_t *row)
{
    if (w->rows_left == 0)
        return error_set("%s: more rows than the PNG's height", w->path);
    if (setjmp(png_jmpbuf(w->png)))
        return error_set("%s: writing the PNG failed (disk full?)", w->path);
    png_write_row(w->png, row);
    w->rows_left--;
    return 0;
}

static int finish(struct png_rows *w)
{
    if (w->rows_left != 0 || setjmp(png_jmpbuf(w->png)))
        return -1;
    png_write_end(w->png, NULL);
    return 0;
}

int png_rows_close(struct png_rows *w, bool commit)
{
    bool failed = !commit || finish(w) < 0;
    png_destroy_write_struct(&w->png, &w->info);
    failed |= fclose(w->file) != 0;
    int status = 0;
    if (failed) {
        atomic_abandon(w->temp);
        status = commit ? error_set("%s: writing the PNG failed (disk full?)", w->path) : -1;
    } else {
        status = atomic_commit(w->temp, w->path);
    }
    free(w);
    return status;
}

int png_write_rgb(const char *path, const uint8_t *rgb, size_t height, size_t width)
{
    struct png_rows *w = png_rows_open(path, height, width);
    if (w == NULL)
        return -1;
    for (size_t row = 0; row < height; row++)
        if (png_rows_write(w, rgb + row * width * 3) < 0) {
            png_rows_close(w, false);
            return -1;
        }
    return png_rows_close(w, true);
}

int png_write_side_by_side(const char *path, const uint8_t *left, const uint8_t *right,
                           size_t height, size_t width)
{
    enum { GAP = 16 };
    size_t out_width = 2 * width + GAP, bytes;
    if (checked_size3(height, out_width, 3, path, &bytes) < 0)
        return -1;
    uint8_t *canvas = malloc(bytes);
    if (canvas == NULL)
        return error_set("out of memory: cannot allocate %zu bytes for %s", bytes, path);
    memset(canvas, 255, bytes);
    for (size_t row = 0; row < height; row++) {
        uint8_t *line = canvas + row * out_width * 3;
        memcpy(line, left + row * width * 3, width * 3);
        memcpy(line + (width + GAP) * 3, right + row * width * 3, width * 3);
    }
    int result = png_write_rgb(path, canvas, height, out_width);
    free(canvas);
    return result;
}
