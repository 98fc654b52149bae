/*
 * png_ink.c — is a rendered page blank?  `png_ink FILE MIN_COLOURS MIN_INK`
 * reads FILE with libpng's simplified API, counts its distinct RGB colours and
 * the percentage of pixels that are not near-white ("ink"), prints both, and
 * exits 0 when there are at least MIN_COLOURS colours and MIN_INK percent ink,
 * 1 when the image looks blank, 2 when it cannot be read.
 *
 * Why both figures: a page that failed to render is one colour (white, or
 * black for a dzslides background); a page with only a stray line has colours
 * but almost no ink.
 */
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: png_ink FILE MIN_COLOURS MIN_INK_PERCENT\n");
        return 2;
    }
    long min_colours = strtol(argv[2], NULL, 10);
    double min_ink = strtod(argv[3], NULL);

    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, argv[1])) {
        fprintf(stderr, "png_ink: %s: %s\n", argv[1], image.message);
        return 2;
    }
    image.format = PNG_FORMAT_RGB;
    size_t pixels = (size_t)image.width * image.height;
    uint8_t *rgb = malloc(PNG_IMAGE_SIZE(image));
    uint8_t *seen = calloc((size_t)1 << 21, 1); /* one bit per 24-bit colour */
    if (!rgb || !seen || !png_image_finish_read(&image, NULL, rgb, 0, NULL)) {
        fprintf(stderr, "png_ink: %s: %s\n", argv[1], rgb && seen ? image.message : "out of memory");
        png_image_free(&image);
        free(rgb);
        free(seen);
        return 2;
    }

    long colours = 0;
    size_t ink = 0;
    for (size_t i = 0; i < pixels; i++) {
        const uint8_t *p = rgb + 3 * i;
        uint32_t colour = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
        if (!(seen[colour >> 3] & (1u << (colour & 7)))) {
            seen[colour >> 3] |= (uint8_t)(1u << (colour & 7));
            colours++;
        }
        if (p[0] < 240 || p[1] < 240 || p[2] < 240)
            ink++;
    }
    double ink_percent = pixels ? 100.0 * (double)ink / (double)pixels : 0.0;
    printf("%s: %ux%u, %ld colours, %.2f%% ink\n", argv[1], image.width, image.height, colours,
           ink_percent);
    free(rgb);
    free(seen);
    if (colours < min_colours || ink_percent < min_ink) {
        printf("%s looks blank (want at least %ld colours and %.2f%% ink)\n", argv[1], min_colours,
               min_ink);
        return 1;
    }
    return 0;
}
