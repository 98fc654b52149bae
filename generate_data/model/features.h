/*
 * features.h — skimage.feature.multiscale_basic_features(intensity=True,
 * edges=False, texture=True, sigma_min=1, sigma_max=16) in C (docs/spec.md §4.2).
 *
 * Per channel (scaled to [0, 1]) and per sigma in 1, 2, 4, 8, 16: the Gaussian
 * smoothed image (scipy.ndimage semantics: truncate 4.0, mode "reflect"), and
 * the two eigenvalues of its Hessian (numpy.gradient applied twice: central
 * differences inside, one-sided at the borders), larger first.
 * 3 channels × 5 sigmas × 3 = 45 features per pixel.
 *
 * Feature index, as skimage ≥ 0.19 orders them (see features.c):
 *   channel · 15 + sigma_index · 3 + { 0 intensity, 1 larger, 2 smaller eigenvalue }.
 */
#ifndef GEN_FEATURES_H
#define GEN_FEATURES_H

#include <stddef.h>
#include <stdint.h>

enum { FEATURE_SIGMAS = 5, FEATURE_COUNT = 45 };

/* 1-D-separable Gaussian smoothing of a height × width image, as
 * scipy.ndimage.gaussian_filter(in, sigma, mode="reflect", truncate=4.0).
 * out must not alias in.  -1 with an error on allocation failure. */
int gaussian_smooth(const double *in, double *out, size_t height, size_t width, double sigma);

/* Eigenvalues of the Hessian of `image`, per pixel: larger in `first`, smaller in `second`. */
int hessian_eigenvalues(const double *image, size_t height, size_t width,
                        double *first, double *second);

/* rgb: height × width × 3; features: height × width × FEATURE_COUNT floats, pixel-major.
 * Uses OpenMP.  -1 with an error on allocation failure. */
int features_compute(const uint8_t *rgb, size_t height, size_t width, float *features);

#endif
