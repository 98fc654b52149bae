/*
 * segment.c — see segment.h.  The forest's parameters are the original's:
 * RandomForestClassifier(n_estimators=50, max_depth=10, max_samples=0.05).
 *
 * The 960 × 1280 × 45 float features (221 MB) and the training samples are
 * freed as soon as prediction is done; only the image and the probabilities
 * stay for the writers.
 */
#include "segment.h"

#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "error.h"
#include "model/features.h"
#include "model/forest.h"
#include "progress.h"

enum { PIXELS = SYNTH_HEIGHT * SYNTH_WIDTH };

struct training_set {
    float *samples;       /* count × FEATURE_COUNT */
    uint8_t *labels;
    size_t count;
};

/* Copies the feature vectors of the labelled pixels (labels[i] >= 0), in pixel order. */
static int gather_training(const float *features, const int8_t *labels, struct training_set *set)
{
    set->count = 0;
    for (size_t i = 0; i < PIXELS; i++)
        set->count += labels[i] >= 0;
    if (set->count == 0)
        return error_set("no training pixels: the training rectangles are empty");
    set->labels = malloc(set->count);
    set->samples = big_alloc_array(set->count * FEATURE_COUNT, sizeof(float), "training samples");
    if (!set->labels || !set->samples)
        return error_pending() ? -1 : error_set("out of memory for the training labels");
    size_t n = 0;
    for (size_t i = 0; i < PIXELS; i++) {
        if (labels[i] < 0)
            continue;
        memcpy(set->samples + n * FEATURE_COUNT, features + i * FEATURE_COUNT,
               FEATURE_COUNT * sizeof(float));
        set->labels[n++] = (uint8_t)labels[i];
    }
    return 0;
}

static void training_free(struct training_set *set)
{
    if (set->samples)
        big_free(set->samples);
    free(set->labels);
}

/* The predicted class is the first maximum, as numpy.argmax (and docs/spec.md §2) take it. */
static int predicted_class(const double *p)
{
    int best = 0;
    for (int k = 1; k < SYNTH_CLASSES; k++)
        if (p[k] > p[best])
            best = k;
    return best;
}

static void measure_accuracy(struct segmentation *result, const int8_t *labels)
{
    size_t right = 0, outside = 0, right_outside = 0;
    for (size_t i = 0; i < PIXELS; i++) {
        int hit = predicted_class(result->probabilities + i * SYNTH_CLASSES)
                  == result->image.truth[i];
        right += hit;
        outside += labels[i] < 0;
        right_outside += hit && labels[i] < 0;
    }
    result->accuracy_all = (double)right / PIXELS;
    result->accuracy_outside = outside ? (double)right_outside / (double)outside : 0.0;
}

/* Features → training → prediction; the features are freed by the caller. */
static int train_and_predict(const float *features, const int8_t *labels, uint64_t seed,
                             struct segmentation *result)
{
    struct training_set set = {0};
    struct forest *forest = NULL;
    const struct forest_params params = {
        .trees = 50, .max_depth = 10, .max_samples = 0.05, .features_per_split = 0, .seed = seed,
    };
    int status = gather_training(features, labels, &set);
    if (status == 0) {
        result->training_samples = set.count;
        progress_begin("training (%zu samples, %d trees)", set.count, params.trees);
        status = forest_train(set.samples, set.labels, set.count, FEATURE_COUNT, SYNTH_CLASSES,
                              &params, &forest);
        progress_end();
    }
    training_free(&set);
    if (status == 0) {
        result->probabilities = big_alloc_array(PIXELS, SYNTH_CLASSES * sizeof(double),
                                                "probabilities");
        status = result->probabilities ? 0 : -1;
    }
    if (status == 0) {
        progress_begin("prediction (%d pixels)", PIXELS);
        forest_predict(forest, features, PIXELS, result->probabilities);
        progress_end();
    }
    forest_free(forest);
    return status;
}

int segment_run(uint64_t seed, struct segmentation *result)
{
    *result = (struct segmentation){0};
    float *features = NULL;
    int8_t *labels = malloc(PIXELS);
    if (!labels)
        return error_set("out of memory for the training labels");
    training_labels(labels, SYNTH_HEIGHT, SYNTH_WIDTH);

    progress_begin("synthesizing the %dx%d image", SYNTH_HEIGHT, SYNTH_WIDTH);
    int status = synth_tissue(seed, &result->image);
    progress_end();
    if (status == 0) {
        features = big_alloc_array((size_t)PIXELS * FEATURE_COUNT, sizeof(float), "features");
        status = features ? 0 : -1;
    }
    if (status == 0) {
        progress_begin("features (%d per pixel)", FEATURE_COUNT);
        status = features_compute(result->image.rgb, SYNTH_HEIGHT, SYNTH_WIDTH, features);
        progress_end();
    }
    if (status == 0)
        status = train_and_predict(features, labels, seed, result);
    if (status == 0)
        measure_accuracy(result, labels);
    if (features)
        big_free(features);
    free(labels);
    if (status < 0)
        segment_free(result);
    return status;
}

void segment_free(struct segmentation *result)
{
    if (result->probabilities)
        big_free(result->probabilities);
    synth_free(&result->image);
    *result = (struct segmentation){0};
}
