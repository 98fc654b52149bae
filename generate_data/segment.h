/*
 * segment.h — docs/spec.md §4.1–4.3, then §4.4's prediction: synthesize the tissue image,
 * compute its 45 features, train the forest on the pixels inside the training
 * rectangles, predict every pixel's class probabilities.  The algorithms live
 * in model/; this file only strings them together, times them, and measures
 * how well the forest did against the true classes we know because we made
 * the image.
 */
#ifndef GEN_SEGMENT_H
#define GEN_SEGMENT_H

#include <stdint.h>

#include "model/synth.h"

struct segmentation {
    struct synth_image image;     /* rgb and true classes */
    double *probabilities;        /* height × width × 4, from big_alloc */
    double accuracy_all;          /* fraction of pixels whose argmax is the true class */
    double accuracy_outside;      /* the same, over pixels outside the training rectangles */
    size_t training_samples;
};

int segment_run(uint64_t seed, struct segmentation *result);
void segment_free(struct segmentation *result);

#endif
