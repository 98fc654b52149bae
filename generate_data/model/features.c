/*
 * features.c — the 45 per-pixel features of SPEC §4.2, in the order of
 * skimage.feature.multiscale_basic_features (scikit-image ≥ 0.19):
 *
 *   index = channel · 15 + sigma_index · 3 + { 0: smoothed intensity,
 *                                             1: larger Hessian eigenvalue,
 *                                             2: smaller Hessian eigenvalue }
 *
 * with sigma_index 0 … 4 for sigma 1, 2, 4, 8, 16 (skimage's
 * _singlescale_basic_features_singlechannel returns intensity then the
 * eigenvalues for one sigma; the sigmas are chained, then the channels).
 * (The very first skimage draft listed all intensities before all textures; we
 * follow the released order.)
 *
 * Shape: the 15 (channel, sigma) pairs are independent, so they are the unit
 * of OpenMP work, largest sigma first so that two threads finish together.
 * Each thread keeps three full-size double images (smoothed, two eigenvalue
 * planes) for all its pairs and writes its three features into the
 * pixel-major output.  Large buffers come from big_alloc (huge pages), because
 * first-touching fresh 4 KiB pages costs more than the arithmetic here.
 */
#include "features.h"

#include <omp.h>
#include <stdbool.h>

#include "bigalloc.h"
#include "checked.h"
#include "error.h"

static const double feature_sigmas[FEATURE_SIGMAS] = {1, 2, 4, 8, 16};

enum { CHANNELS = 3, PER_SIGMA = 3, PER_CHANNEL = FEATURE_SIGMAS * PER_SIGMA };

/* One channel of the RGB image, scaled to [0, 1] as skimage's img_as_float does. */
static void extract_channel(const uint8_t *restrict rgb, size_t pixels, int channel,
                            double *restrict out)
{
    for (size_t p = 0; p < pixels; p++)
        out[p] = rgb[p * CHANNELS + (size_t)channel] / 255.0;
}

static void store_features(const double *restrict smoothed, const double *restrict first,
                           const double *restrict second, size_t pixels, size_t offset,
                           float *restrict features)
{
    for (size_t p = 0; p < pixels; p++) {
        float *f = features + p * FEATURE_COUNT + offset;
        f[0] = (float)smoothed[p];
        f[1] = (float)first[p];
        f[2] = (float)second[p];
    }
}

struct thread_planes {
    double *smoothed, *first, *second;
};

static bool planes_alloc(struct thread_planes *t, size_t pixels)
{
    t->smoothed = big_alloc_array(pixels, sizeof(double), "smoothed feature plane");
    t->first = big_alloc_array(pixels, sizeof(double), "Hessian eigenvalue plane");
    t->second = big_alloc_array(pixels, sizeof(double), "Hessian eigenvalue plane");
    return t->smoothed != NULL && t->first != NULL && t->second != NULL;
}

static void planes_free(struct thread_planes *t, size_t pixels)
{
    if (t->smoothed != NULL)
        big_free(t->smoothed, pixels * sizeof(double));
    if (t->first != NULL)
        big_free(t->first, pixels * sizeof(double));
    if (t->second != NULL)
        big_free(t->second, pixels * sizeof(double));
}

/* Work item t of the 15: largest sigma first, channels within a sigma. */
static int item_channel(int t)
{
    return t % CHANNELS;
}

static int item_sigma(int t)
{
    return FEATURE_SIGMAS - 1 - t / CHANNELS;
}

static int one_item(const double *channel_image, size_t height, size_t width, int channel,
                    int sigma_index, const struct thread_planes *t, float *features)
{
    size_t pixels = height * width;
    if (gaussian_smooth(channel_image, t->smoothed, height, width,
                        feature_sigmas[sigma_index]) != 0)
        return -1;
    if (hessian_eigenvalues(t->smoothed, height, width, t->first, t->second) != 0)
        return -1;
    size_t offset = (size_t)channel * PER_CHANNEL + (size_t)sigma_index * PER_SIGMA;
    store_features(t->smoothed, t->first, t->second, pixels, offset, features);
    return 0;
}

int features_compute(const uint8_t *rgb, size_t height, size_t width, float *features)
{
    size_t pixels;
    if (checked_size3(height, width, CHANNELS, "feature channels", &pixels) != 0)
        return -1;
    pixels /= CHANNELS;
    if (pixels == 0)
        return 0;
    double *channels = big_alloc_array(pixels, CHANNELS * sizeof(double), "feature channels");
    if (channels == NULL)
        return -1;
    for (int c = 0; c < CHANNELS; c++)
        extract_channel(rgb, pixels, c, channels + (size_t)c * pixels);

    bool ok = true;
#pragma omp parallel
    {
        struct thread_planes t = {0};
        bool mine = true;
#pragma omp critical(features_alloc)
        mine = planes_alloc(&t, pixels);
#pragma omp for schedule(dynamic, 1)
        for (int item = 0; item < CHANNELS * FEATURE_SIGMAS; item++) {
            int c = item_channel(item);
            if (mine && one_item(channels + (size_t)c * pixels, height, width, c,
                                 item_sigma(item), &t, features) != 0)
                mine = false;
        }
        if (!mine) {
#pragma omp atomic write
            ok = false;
        }
        planes_free(&t, pixels);
    }
    big_free(channels, pixels * CHANNELS * sizeof(double));
    return ok ? 0 : -1;
}
