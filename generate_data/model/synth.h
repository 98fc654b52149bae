/*
 * synth.h — the synthesized 960 × 1280 RGB "stained tissue" image with four
 * textures (docs/spec.md §4.1), its true class map, and the six training rectangles.
 *
 * The original used a microscopy image and hand-placed rectangles; we make the
 * image so that the same rectangles fall on the matching texture, and because
 * we made it, we know the true class of every pixel.
 */
#ifndef GEN_SYNTH_H
#define GEN_SYNTH_H

#include <stddef.h>
#include <stdint.h>

enum { SYNTH_HEIGHT = 960, SYNTH_WIDTH = 1280, SYNTH_CLASSES = 4, TRAINING_RECT_COUNT = 6 };

/* Half-open row and column ranges, as the original's numpy slices: rows [row0, row1). */
struct training_rect {
    int row0, row1, col0, col1;
    int label;           /* class 0 … 3 */
};

/* In the original's order; later rectangles overwrite earlier ones where they overlap. */
extern const struct training_rect training_rects[TRAINING_RECT_COUNT];

struct synth_image {
    size_t height, width;
    uint8_t *rgb;        /* height × width × 3, malloc'd */
    uint8_t *truth;      /* height × width true class 0 … 3, malloc'd */
};

/* Deterministic for a given seed.  -1 with an error on allocation failure. */
int synth_tissue(uint64_t seed, struct synth_image *image);
void synth_free(struct synth_image *image);

/* labels: height × width, set to the rectangle's class inside a rectangle, -1 elsewhere. */
void training_labels(int8_t *labels, size_t height, size_t width);

#endif
