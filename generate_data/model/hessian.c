/*
 * hessian.c — the Hessian's eigenvalues as skimage's multiscale_basic_features
 * computes them: numpy.gradient applied twice (central differences
 * (f[i+1] - f[i-1]) / 2 inside, one-sided f[1] - f[0] and f[n-1] - f[n-2] at
 * the borders, 0 along an axis of length 1), giving
 *   Hrr = d/drow (d/drow f),  Hrc = d/dcol (d/drow f),  Hcc = d/dcol (d/dcol f),
 * then the eigenvalues of [[Hrr, Hrc], [Hrc, Hcc]], larger first
 * (skimage.feature.hessian_matrix_eigvals order).
 *
 * Shape: row by row with four row buffers instead of full-size temporaries,
 * because fresh memory is expensive on this machine (docs/spec.md §7) and the row
 * derivative of a row is cheap to recompute.  Rows go over OpenMP threads
 * unless we are already inside a parallel region.
 */
#include "features.h"

#include <math.h>
#include <omp.h>
#include <stdbool.h>
#include <stdlib.h>

#include "error.h"

/* out = (b - a) · scale: one numpy.gradient step across two lines, scale ½ for
 * a central difference and 1 for a one-sided one ((b - a) / 2 and (b - a) · 0.5
 * are the same double). */
static void difference(const double *restrict a, const double *restrict b, double scale,
                       size_t n, double *restrict out)
{
#pragma omp simd
    for (size_t j = 0; j < n; j++)
        out[j] = (b[j] - a[j]) * scale;
}

/* numpy.gradient along a contiguous line of n values. */
static void gradient_line(const double *restrict f, size_t n, double *restrict out)
{
    if (n < 2) {
        for (size_t j = 0; j < n; j++)
            out[j] = 0;
        return;
    }
    out[0] = f[1] - f[0];
#pragma omp simd
    for (size_t j = 1; j < n - 1; j++)
        out[j] = (f[j + 1] - f[j - 1]) * 0.5;
    out[n - 1] = f[n - 1] - f[n - 2];
}

/* The neighbours numpy.gradient uses at index i of an axis of length n (n ≥ 2),
 * and the step between them: 2 inside, 1 at the borders. */
static void neighbours(size_t i, size_t n, size_t *before, size_t *after, double *scale)
{
    *before = i == 0 ? 0 : i - 1;
    *after = i + 1 == n ? i : i + 1;
    *scale = *after - *before == 2 ? 0.5 : 1.0;
}

/* numpy.gradient along axis 0 (down the columns), evaluated at row i only. */
static void gradient_down(const double *image, size_t height, size_t width, size_t i,
                          double *restrict out)
{
    size_t up, down;
    double scale;
    neighbours(i, height, &up, &down, &scale);
    difference(image + up * width, image + down * width, scale, width, out);
}

/* The same gradient along axis 0, applied to the row-derivative image g, at
 * row i; g's two rows are produced on demand into the buffers ga and gb. */
static void second_down(const double *image, size_t height, size_t width, size_t i,
                        double *restrict ga, double *restrict gb, double *restrict out)
{
    size_t up, down;
    double scale;
    neighbours(i, height, &up, &down, &scale);
    gradient_down(image, height, width, up, ga);
    gradient_down(image, height, width, down, gb);
    difference(ga, gb, scale, width, out);
}

/* Eigenvalues of [[a, b], [b, c]]: mean ± sqrt(((a - c) / 2)² + b²). */
static void eigenvalues_row(const double *restrict hrr, const double *restrict hrc,
                            const double *restrict hcc, size_t width, double *restrict first,
                            double *restrict second)
{
#pragma omp simd
    for (size_t j = 0; j < width; j++) {
        double mean = (hrr[j] + hcc[j]) * 0.5;
        double half = (hrr[j] - hcc[j]) * 0.5;
        double radius = sqrt(half * half + hrc[j] * hrc[j]);
        first[j] = mean + radius;
        second[j] = mean - radius;
    }
}

struct row_buffers {
    double *g, *ga, *gb, *hrr, *hrc, *hcc;
};

static void zero_row(double *restrict row, size_t n)
{
    for (size_t j = 0; j < n; j++)
        row[j] = 0;
}

static void hessian_row(const double *image, size_t height, size_t width, size_t i,
                        const struct row_buffers *b, double *first, double *second)
{
    if (height < 2) {
        /* No rows to differentiate across: numpy refuses, we call it flat. */
        zero_row(b->hrr, width);
        zero_row(b->hrc, width);
    } else {
        gradient_down(image, height, width, i, b->g);
        gradient_line(b->g, width, b->hrc);
        second_down(image, height, width, i, b->ga, b->gb, b->hrr);
    }
    gradient_line(image + i * width, width, b->ga);
    gradient_line(b->ga, width, b->hcc);
    eigenvalues_row(b->hrr, b->hrc, b->hcc, width, first + i * width, second + i * width);
}

int hessian_eigenvalues(const double *image, size_t height, size_t width, double *first,
                        double *second)
{
    bool ok = true;
#pragma omp parallel if (!omp_in_parallel())
    {
        double *block = malloc(6 * width * sizeof *block);
        struct row_buffers b = {0};
        if (block == NULL) {
#pragma omp atomic write
            ok = false;
        } else {
            b = (struct row_buffers){block, block + width, block + 2 * width,
                                     block + 3 * width, block + 4 * width, block + 5 * width};
        }
#pragma omp for schedule(dynamic, 8)
        for (size_t i = 0; i < height; i++)
            if (block != NULL)
                hessian_row(image, height, width, i, &b, first, second);
        free(block);
    }
    if (!ok)
        return error_set("out of memory: %zu bytes for Hessian row buffers",
                         6 * width * sizeof(double));
    return 0;
}
