/*
 * png_write.c — RGB buffers to PNG with libpng, through a temporary file that
 * is renamed into place only when complete.  libpng reports errors by
 * longjmp; that is confined to write_rows() so the rest reads as plain C.
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

/* Returns 0 on success; libpng's longjmp lands in the setjmp branch. */
static int write_rows(FILE *file, const uint8_t *rgb, size_t height, size_t width)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, quiet_error,
                                              quiet_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_init_io(png, file);
    png_set_compression_level(png, 1);  /* fast: these files are for looking, not archiving */
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (size_t row = 0; row < height; row++)
        png_write_row(png, rgb + row * width * 3);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

int png_write_rgb(const char *path, const uint8_t *rgb, size_t height, size_t width)
{
    if (height == 0 || width == 0 || height > 0x7fffffff || width > 0x7fffffff / 3)
        return error_set("%s: cannot write a %zu × %zu PNG", path, height, width);
    char temp[4096];
    if (atomic_temp_name(path, temp, sizeof temp) < 0)
        return -1;
    FILE *file = fopen(temp, "wb");
    if (file == NULL)
        return error_set("%s: cannot write: %s", path, strerror(errno));
    int failed = write_rows(file, rgb, height, width);
    failed |= fclose(file) != 0;
    if (failed) {
        atomic_abandon(temp);
        return error_set("%s: writing the PNG failed (disk full?)", path);
    }
    return atomic_commit(temp, path);
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
