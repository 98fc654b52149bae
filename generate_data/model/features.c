/*
 * features.c — the 45 per-pixel features of docs/spec.md §4.2, in the order of
 * skimage.feature.multiscale_basic_features (scikit-image ≥ 0.19):
 *
 *   index = channel · 15 + sigma_index · 3 + { 0: smoothed intensity,
 *                                             1: larger Hessian eigenvalue,
 *                                             2: smaller Hessian eigenvalue }
 *
 * with sigma_index 0 … 4 for sigma 1, 2, 4, 8, 16 (skimage's
 * _singlescale_basic_features_singlechannel returns intensity then the
 * eigenvalues for one sigma; the sigmas are chained, then the channels).
 * The very first skimage draft listed all intensities before all textures; we
 * follow the released order.
 *
 * Shape: one channel at a time, one sigma at a time, each step (smoothing,
 * Hessian, conversion) parallel inside over rows or tiles, so two threads are
 * busy and balanced whatever the sigma.  A channel's 15 features go to float
 * planes first and are interleaved into the pixel-major output once per
 * channel: writing 3 floats per 180-byte pixel record straight from each step
 * would drag the whole 221 MB output through the cache 15 times instead of 3.
 * Large buffers come from big_alloc (huge pages), because first-touching
 * fresh 4 KiB pages costs more than the arithmetic here (docs/spec.md §7).
 */
#include "features.h"

#include "bigalloc.h"
#include "checked.h"
#include "error.h"

static const double feature_sigmas[FEATURE_SIGMAS] = {1, 2, 4, 8, 16};

enum { CHANNELS = 3, PER_SIGMA = 3, PER_CHANNEL = FEATURE_SIGMAS * PER_SIGMA };

struct buffers {
    size_t pixels;
    double *channel, *smoothed, *first, *second;    /* one image each */
    float *planes;                                  /* PER_CHANNEL images */
};

static void buffers_free(struct buffers *b)
{
    double *doubles[4] = {b->channel, b->smoothed, b->first, b->second};
    for (int i = 0; i < 4; i++)
        if (doubles[i] != NULL)
            big_free(doubles[i]);
    if (b->planes != NULL)
        big_free(b->planes);
}

static int buffers_alloc(struct buffers *b, size_t pixels)
{
    *b = (struct buffers){.pixels = pixels};
    b->channel = big_alloc_array(pixels, sizeof(double), "features: channel");
    b->smoothed = b->channel ? big_alloc_array(pixels, sizeof(double), "features: smoothed") : NULL;
    b->first = b->smoothed ? big_alloc_array(pixels, sizeof(double), "features: eigenvalues") : NULL;
    b->second = b->first ? big_alloc_array(pixels, sizeof(double), "features: eigenvalues") : NULL;
    b->planes = b->second ? big_alloc_array(pixels, PER_CHANNEL * sizeof(float),
                                            "features: one channel's planes") : NULL;
    if (b->planes == NULL) {
        buffers_free(b);
        return -1;
    }
    return 0;
}

/* One channel of the RGB image, scaled to [0, 1] as skimage's img_as_float does. */
static void extract_channel(const uint8_t *restrict rgb, size_t pixels, int channel,
                            double *restrict out)
{
#pragma omp parallel for schedule(dynamic, 16384)
    for (size_t p = 0; p < pixels; p++)
        out[p] = rgb[p * CHANNELS + (size_t)channel] / 255.0;
}

/* The three double images of one sigma into its three float planes. */
static void to_planes(const struct buffers *b, int sigma_index)
{
    float *restrict intensity = b->planes + (size_t)(sigma_index * PER_SIGMA) * b->pixels;
    float *restrict larger = intensity + b->pixels;
    float *restrict smaller = larger + b->pixels;
    const double *restrict s = b->smoothed, *restrict e1 = b->first, *restrict e2 = b->second;
#pragma omp parallel for simd schedule(dynamic, 16384)
    for (size_t p = 0; p < b->pixels; p++) {
        intensity[p] = (float)s[p];
        larger[p] = (float)e1[p];
        smaller[p] = (float)e2[p];
    }
}

/* The channel's 15 planes into features[p · 45 + channel · 15 + f]. */
static void interleave(const struct buffers *b, int channel, float *restrict features)
{
    const float *restrict planes = b->planes;
    size_t pixels = b->pixels;
#pragma omp parallel for schedule(dynamic, 8192)
    for (size_t p = 0; p < pixels; p++) {
        float *restrict out = features + p * FEATURE_COUNT + (size_t)channel * PER_CHANNEL;
        for (size_t f = 0; f < PER_CHANNEL; f++)
            out[f] = planes[f * pixels + p];
    }
}

static int one_channel(const uint8_t *rgb, size_t height, size_t width, int channel,
                       const struct buffers *b, float *features)
{
    extract_channel(rgb, b->pixels, channel, b->channel);
    for (int s = 0; s < FEATURE_SIGMAS; s++) {
        if (gaussian_smooth(b->channel, b->smoothed, height, width, feature_sigmas[s]) != 0 ||
            hessian_eigenvalues(b->smoothed, height, width, b->first, b->second) != 0)
            return -1;
        to_planes(b, s);
    }
    interleave(b, channel, features);
    return 0;
}

int features_compute(const uint8_t *rgb, size_t height, size_t width, float *features)
{
    size_t values;
    if (checked_size3(height, width, FEATURE_COUNT, "features", &values) != 0)
        return -1;
    size_t pixels = height * width;
    if (pixels == 0)
        return 0;
    struct buffers b;
    if (buffers_alloc(&b, pixels) != 0)
        return -1;
    int status = 0;
    for (int c = 0; c < CHANNELS && status == 0; c++)
        status = one_channel(rgb, height, width, c, &b, features);
    buffers_free(&b);
    return status;
}
