/*
 * gaussian.c — Gaussian smoothing with scipy.ndimage.gaussian_filter's
 * semantics: truncate 4.0 (radius = (int)(4σ + 0.5)), weights exp(-x²/2σ²)
 * normalised to sum 1, mode "reflect" (half-sample symmetric: d c b a | a b c d
 * | d c b a), applied along axis 0 (down the columns) and then along axis 1
 * (along the rows), as scipy does.
 *
 * Shape: the kernel is symmetric, so each tap pair shares one multiply.  Both
 * passes are written as "axpy" loops along a row (out += w · (left + right))
 * because those vectorise; the column pass reads input rows straight from the
 * image, tile by tile so the rows it reuses stay in cache; the row pass copies
 * each row into a reflected, padded buffer first.  Tiles and rows are spread
 * over OpenMP threads unless the caller is already inside a parallel region.
 * Each output value is summed in the same order whatever the thread count.
 */
#include "features.h"

#include <math.h>
#include <omp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Half-sample symmetric reflection of p into [0, n), also when p is far outside
 * (the pattern repeats with period 2n), so radii larger than the image work. */
static size_t reflect_index(ptrdiff_t p, size_t n)
{
    ptrdiff_t period = 2 * (ptrdiff_t)n;
    ptrdiff_t m = p % period;
    if (m < 0)
        m += period;
    if (m >= (ptrdiff_t)n)
        m = period - 1 - m;
    return (size_t)m;
}

/* weights[0 … radius], normalised so that w0 + 2 Σ w[k] = 1. */
static double *gaussian_weights(double sigma, int radius)
{
    double *weights = malloc(((size_t)radius + 1) * sizeof *weights);
    if (weights == NULL)
        return NULL;
    double sum = 0;
    for (int k = 0; k <= radius; k++) {
        weights[k] = exp(-0.5 * (double)k * k / (sigma * sigma));
        sum += k == 0 ? weights[k] : 2 * weights[k];
    }
    for (int k = 0; k <= radius; k++)
        weights[k] /= sum;
    return weights;
}

/* Output rows [row0, row1) of the column pass, columns [col0, col1) only:
 * out row i = Σ_k w[k] · (in row i-k + in row i+k), rows reflected at the borders. */
static void smooth_column_tile(const double *restrict in, double *restrict out, size_t height,
                               size_t width, const double *weights, int radius, size_t row0,
                               size_t row1, size_t col0, size_t col1)
{
    size_t n = col1 - col0;
    for (size_t i = row0; i < row1; i++) {
        double *restrict row = out + i * width + col0;
        const double *restrict centre = in + i * width + col0;
#pragma omp simd
        for (size_t j = 0; j < n; j++)
            row[j] = weights[0] * centre[j];
        for (int k = 1; k <= radius; k++) {
            const double *restrict above =
                in + reflect_index((ptrdiff_t)i - k, height) * width + col0;
            const double *restrict below =
                in + reflect_index((ptrdiff_t)i + k, height) * width + col0;
            double w = weights[k];
#pragma omp simd
            for (size_t j = 0; j < n; j++)
                row[j] += w * (above[j] + below[j]);
        }
    }
}

/* Tiles of TILE_ROWS × TILE_COLUMNS: a tile reads TILE_ROWS + 2·radius input
 * rows of TILE_COLUMNS values (≤ 400 KB for radius 64), which stay in the L2
 * cache while every output row of the tile reuses them.  Whole rows would need
 * 129 rows × 10 KB at sigma 16 and spill. */
enum { TILE_ROWS = 64, TILE_COLUMNS = 256 };

static void smooth_column_pass(const double *in, double *out, size_t height, size_t width,
                               const double *weights, int radius)
{
    size_t row_tiles = (height + TILE_ROWS - 1) / TILE_ROWS;
    size_t column_tiles = (width + TILE_COLUMNS - 1) / TILE_COLUMNS;
#pragma omp parallel for schedule(dynamic, 1) if (!omp_in_parallel())
    for (size_t t = 0; t < row_tiles * column_tiles; t++) {
        size_t row0 = t / column_tiles * TILE_ROWS, col0 = t % column_tiles * TILE_COLUMNS;
        size_t row1 = row0 + TILE_ROWS < height ? row0 + TILE_ROWS : height;
        size_t col1 = col0 + TILE_COLUMNS < width ? col0 + TILE_COLUMNS : width;
        smooth_column_tile(in, out, height, width, weights, radius, row0, row1, col0, col1);
    }
}

/* One row, in place: pad it by reflection, then the same pairwise axpy. */
static void smooth_row(double *restrict row, size_t width, const double *weights, int radius,
                       double *restrict padded, double *restrict sum)
{
    size_t r = (size_t)radius;
    /* Only the 2r border values need the (slow, modulo) reflection. */
    for (size_t t = 0; t < r; t++) {
        padded[t] = row[reflect_index((ptrdiff_t)t - radius, width)];
        padded[r + width + t] = row[reflect_index((ptrdiff_t)(width + t), width)];
    }
    memcpy(padded + r, row, width * sizeof *row);
    const double *restrict centre = padded + r;
#pragma omp simd
    for (size_t j = 0; j < width; j++)
        sum[j] = weights[0] * centre[j];
    for (size_t k = 1; k <= r; k++) {
        const double *restrict left = centre - k;
        const double *restrict right = centre + k;
        double w = weights[k];
#pragma omp simd
        for (size_t j = 0; j < width; j++)
            sum[j] += w * (left[j] + right[j]);
    }
    memcpy(row, sum, width * sizeof *row);
}

/* Returns false when a thread could not get its row buffers. */
static bool smooth_row_pass(double *image, size_t height, size_t width, const double *weights,
                            int radius)
{
    bool ok = true;
#pragma omp parallel if (!omp_in_parallel())
    {
        double *padded = malloc((width + 2 * (size_t)radius) * sizeof *padded);
        double *sum = malloc(width * sizeof *sum);
        if (padded == NULL || sum == NULL) {
#pragma omp atomic write
            ok = false;
        }
#pragma omp for schedule(dynamic, 8)
        for (size_t i = 0; i < height; i++)
            if (padded != NULL && sum != NULL)
                smooth_row(image + i * width, width, weights, radius, padded, sum);
        free(padded);
        free(sum);
    }
    return ok;
}

int gaussian_smooth(const double *in, double *out, size_t height, size_t width, double sigma)
{
    if (height == 0 || width == 0)
        return 0;
    if (!(sigma > 0)) {
        /* scipy treats sigma 0 as "leave this axis alone". */
        memcpy(out, in, height * width * sizeof *out);
        return 0;
    }
    int radius = (int)(4.0 * sigma + 0.5);
    double *weights = gaussian_weights(sigma, radius);
    if (weights == NULL)
        return error_set("out of memory: %zu bytes for Gaussian weights",
                         ((size_t)radius + 1) * sizeof *weights);
    smooth_column_pass(in, out, height, width, weights, radius);
    bool ok = smooth_row_pass(out, height, width, weights, radius);
    free(weights);
    if (!ok)
        return error_set("out of memory: %zu bytes for Gaussian row buffers",
                         (2 * width + 2 * (size_t)radius) * sizeof(double));
    return 0;
}
