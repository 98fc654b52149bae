/*
 * test_model.c — Check tests of generate_data/model: the generator's
 * algorithms, one small case per property, then one end-to-end run.
 *
 *  - gaussian: impulse response against weights written out by hand, mass of an
 *    interior impulse kept, the reflect border on a 1 × 4 row and a 4 × 1
 *    column, constant images, radii larger than the image;
 *  - hessian: quadratic surfaces (exact curvature inside), the one-sided
 *    borders of numpy.gradient on cases small enough to work out on paper, and
 *    a whole-image numpy.gradient written the plain way, on noise;
 *  - features: the layout c·15 + s·3 + {intensity, larger, smaller}, and the
 *    same bytes for 1 and 2 threads;
 *  - rng: same (seed, stream) same numbers, other stream other numbers;
 *  - forest: separable → perfect, noisy → between chance and perfect, the same
 *    seed → the same bytes for 1 and 2 threads;
 *  - synth: determinism, rectangles on their class with a margin, coverage;
 *  - end to end: features + forest trained on the rectangles classify ≥ 95 %
 *    of the pixels outside them correctly (the requirement is 90 %).
 *
 * Check's fork mode is off (an OpenMP runtime does not survive fork), so a
 * crash ends the program: every test frees what it allocates.
 */
#include <check.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "error.h"
#include "model/features.h"
#include "model/forest.h"
#include "model/rng.h"
#include "model/synth.h"

/* ---- helpers ------------------------------------------------------------- */

static double *zeros(size_t n)
{
    double *a = calloc(n, sizeof *a);
    ck_assert_ptr_nonnull(a);
    return a;
}

static void assert_close(double got, double want, double tolerance, const char *what, size_t i)
{
    ck_assert_msg(fabs(got - want) <= tolerance, "%s[%zu]: got %.17g, want %.17g", what, i, got,
                  want);
}

/* The 1-D weights for sigma, computed the slow, obvious way (for cross-checks). */
static int reference_weights(double sigma, double *weights, int max_radius)
{
    int radius = (int)(4.0 * sigma + 0.5);
    ck_assert_int_le(radius, max_radius);
    double sum = 0;
    for (int k = -radius; k <= radius; k++)
        sum += exp(-0.5 * k * k / (sigma * sigma));
    for (int k = 0; k <= radius; k++)
        weights[k] = exp(-0.5 * k * k / (sigma * sigma)) / sum;
    return radius;
}

/* Mirror-extends a line by building the sequence a b c | c b a | a b c | …
 * literally, to check reflection independently of the library's modulo
 * arithmetic.  Returns x[p] for p in [-span, n + span). */
static double mirrored(const double *x, size_t n, long p)
{
    /* Walk outward one mirror at a time. */
    while (p < 0 || p >= (long)n) {
        if (p < 0)
            p = -p - 1;
        else
            p = 2 * (long)n - 1 - p;
    }
    return x[p];
}

/* ---- rng ------------------------------------------------------------------ */

START_TEST(rng_is_deterministic_and_bounded)
{
    struct rng a, b, c;
    rng_seed(&a, 42, 7);
    rng_seed(&b, 42, 7);
    rng_seed(&c, 42, 8);
    int same_as_other_stream = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = rng_next(&a);
        ck_assert_uint_eq(x, rng_next(&b));
        same_as_other_stream += x == rng_next(&c);
        ck_assert_uint_lt(rng_below(&a, 13), 13);
        rng_below(&b, 13);
        double u = rng_uniform(&a);
        rng_uniform(&b);
        ck_assert(u >= 0 && u < 1);
    }
    ck_assert_int_eq(same_as_other_stream, 0);
}
END_TEST

/* ---- gaussian --------------------------------------------------------------- */

/* sigma 1: radius 4, weights exp(-k²/2) / 2.5066208… written out by hand. */
START_TEST(gaussian_impulse_response)
{
    enum { N = 15, C = 7 };
    static const double w[5] = {0.398943469356, 0.241971445657, 0.053991127421, 0.004431861620,
                                0.000133830625};
    double *in = zeros(N * N), *out = zeros(N * N);
    in[C * N + C] = 1;
    ck_assert_int_eq(gaussian_smooth(in, out, N, N, 1.0), 0);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int di = abs(i - C), dj = abs(j - C);
            double want = di <= 4 && dj <= 4 ? w[di] * w[dj] : 0;
            assert_close(out[i * N + j], want, 1e-11, "impulse", (size_t)(i * N + j));
        }
    free(in);
    free(out);
}
END_TEST

START_TEST(gaussian_keeps_mass_of_interior_impulse)
{
    enum { N = 101 };
    double *in = zeros(N * N), *out = zeros(N * N);
    in[50 * N + 50] = 3;
    in[40 * N + 55] = -1;
    for (int s = 0; s < FEATURE_SIGMAS; s++) {
        double sigma = (double)(1 << s);
        if (4 * sigma + 0.5 > 40)
            break;    /* the kernel must stay inside the image for the mass to stay */
        ck_assert_int_eq(gaussian_smooth(in, out, N, N, sigma), 0);
        double sum = 0;
        for (size_t p = 0; p < N * N; p++)
            sum += out[p];
        assert_close(sum, 2, 1e-12, "mass", (size_t)s);
    }
    free(in);
    free(out);
}
END_TEST

/* sigma 0.5: radius 2, weights ∝ (e^-8, e^-2, 1, e^-2, e^-8).  The row
 * 1 2 3 4 reflects to 2 1 | 1 2 3 4 | 4 3. */
static void expect_reflected_row(const double *out, size_t stride)
{
    double e2 = exp(-2), e8 = exp(-8), norm = 1 + 2 * e2 + 2 * e8;
    const double want[4] = {
        (2 * e8 + 1 * e2 + 1 + 2 * e2 + 3 * e8) / norm,
        (1 * e8 + 1 * e2 + 2 + 3 * e2 + 4 * e8) / norm,
        (1 * e8 + 2 * e2 + 3 + 4 * e2 + 4 * e8) / norm,
        (2 * e8 + 3 * e2 + 4 + 4 * e2 + 3 * e8) / norm,
    };
    for (size_t j = 0; j < 4; j++)
        assert_close(out[j * stride], want[j], 1e-14, "reflect", j);
}

START_TEST(gaussian_reflect_border_by_hand)
{
    const double line[4] = {1, 2, 3, 4};
    double out[4];
    ck_assert_int_eq(gaussian_smooth(line, out, 1, 4, 0.5), 0);    /* a row */
    expect_reflected_row(out, 1);
    ck_assert_int_eq(gaussian_smooth(line, out, 4, 1, 0.5), 0);    /* a column */
    expect_reflected_row(out, 1);
}
END_TEST

START_TEST(gaussian_constant_stays_constant)
{
    enum { H = 7, W = 5 };
    double in[H * W], out[H * W];
    for (int p = 0; p < H * W; p++)
        in[p] = 0.3;
    for (int s = 0; s < FEATURE_SIGMAS; s++) {
        ck_assert_int_eq(gaussian_smooth(in, out, H, W, (double)(1 << s)), 0);
        for (int p = 0; p < H * W; p++)
            assert_close(out[p], 0.3, 1e-14, "constant", (size_t)p);
    }
}
END_TEST

/* Radius 8 and 64 on images of 3 × 2 and 5 × 3: the reflection wraps several
 * times; compared with a separable sum over the literally mirrored lines. */
START_TEST(gaussian_radius_larger_than_image)
{
    const size_t shapes[2][2] = {{3, 2}, {5, 3}};
    const double sigmas[2] = {2, 16};
    double weights[65];
    for (int t = 0; t < 2; t++) {
        size_t h = shapes[t][0], w = shapes[t][1];
        double in[15], out[15], column_pass[15];
        for (size_t p = 0; p < h * w; p++)
            in[p] = (double)((p * 7) % 5) - 1.5;
        int r = reference_weights(sigmas[t], weights, 64);
        /* Axis 0 first, as scipy. */
        for (size_t j = 0; j < w; j++) {
            double line[5];
            for (size_t i = 0; i < h; i++)
                line[i] = in[i * w + j];
            for (size_t i = 0; i < h; i++) {
                double sum = 0;
                for (int k = -r; k <= r; k++)
                    sum += weights[abs(k)] * mirrored(line, h, (long)i + k);
                column_pass[i * w + j] = sum;
            }
        }
        ck_assert_int_eq(gaussian_smooth(in, out, h, w, sigmas[t]), 0);
        for (size_t i = 0; i < h; i++)
            for (size_t j = 0; j < w; j++) {
                double sum = 0;
                for (int k = -r; k <= r; k++)
                    sum += weights[abs(k)] * mirrored(column_pass + i * w, w, (long)j + k);
                assert_close(out[i * w + j], sum, 1e-13, "wrapped", i * w + j);
            }
    }
}
END_TEST

/* ---- hessian ------------------------------------------------------------------ */

/* f = a r² + b c² + d r c: inside (two pixels from every border, where both
 * differences are central) the Hessian is [[2a, d], [d, 2b]] exactly. */
START_TEST(hessian_quadratic_surfaces)
{
    enum { H = 9, W = 11 };
    const double cases[4][3] = {{1, 1, 0}, {0.5, -2, 0}, {0.25, 0.75, 1.5}, {-1, 0.3, -0.8}};
    double f[H * W], first[H * W], second[H * W];
    for (int t = 0; t < 4; t++) {
        double a = cases[t][0], b = cases[t][1], d = cases[t][2];
        for (int r = 0; r < H; r++)
            for (int c = 0; c < W; c++)
                f[r * W + c] = a * r * r + b * c * c + d * r * c;
        ck_assert_int_eq(hessian_eigenvalues(f, H, W, first, second), 0);
        double mean = a + b, radius = sqrt((a - b) * (a - b) + d * d);
        for (int r = 2; r < H - 2; r++)
            for (int c = 2; c < W - 2; c++) {
                assert_close(first[r * W + c], mean + radius, 1e-9, "larger", (size_t)(r * W + c));
                assert_close(second[r * W + c], mean - radius, 1e-9, "smaller",
                             (size_t)(r * W + c));
            }
        for (int p = 0; p < H * W; p++)
            ck_assert(first[p] >= second[p]);
    }
}
END_TEST

/* f = r³ on 4 × 2: numpy.gradient down the rows gives 1 4 13 19, and again
 * 3 6 7.5 6; nothing varies along the columns, so the eigenvalues are
 * max(Hrr, 0) and min(Hrr, 0). */
START_TEST(hessian_borders_one_sided_rows)
{
    const double f[8] = {0, 0, 1, 1, 8, 8, 27, 27};
    const double hrr[4] = {3, 6, 7.5, 6};
    double first[8], second[8];
    ck_assert_int_eq(hessian_eigenvalues(f, 4, 2, first, second), 0);
    for (size_t p = 0; p < 8; p++) {
        assert_close(first[p], hrr[p / 2], 1e-15, "first", p);
        assert_close(second[p], 0, 1e-15, "second", p);
    }
}
END_TEST

/* f = r c² on 3 × 3 (rows 0 0 0 / 0 1 4 / 0 2 8):
 *   d/drow f = 0 1 4 on every row, so Hrr = 0 and Hrc = 1 2 3 on every row;
 *   d/dcol f = 0 0 0 / 1 2 3 / 2 4 6, so Hcc = 0 0 0 / 1 1 1 / 2 2 2.
 * The eigenvalues of [[0, x], [x, y]] are y/2 ± sqrt(y²/4 + x²). */
START_TEST(hessian_borders_mixed_by_hand)
{
    const double f[9] = {0, 0, 0, 0, 1, 4, 0, 2, 8};
    const double hrc[3] = {1, 2, 3}, hcc[3] = {0, 1, 2};
    double first[9], second[9];
    ck_assert_int_eq(hessian_eigenvalues(f, 3, 3, first, second), 0);
    for (size_t p = 0; p < 9; p++) {
        double x = hrc[p % 3], y = hcc[p / 3];
        double root = sqrt(y * y / 4 + x * x);
        assert_close(first[p], y / 2 + root, 1e-14, "first", p);
        assert_close(second[p], y / 2 - root, 1e-14, "second", p);
    }
    /* Row 1, column 0: [[0, 1], [1, 1]] has the golden ratio as larger eigenvalue. */
    assert_close(first[3], (1 + sqrt(5)) / 2, 1e-14, "golden", 3);
}
END_TEST

/* A single row: the row derivatives are 0 (our convention where numpy would
 * refuse); f = c² gives Hcc = gradient(gradient(0 1 4 9)) = 1 1.5 1.5 1. */
START_TEST(hessian_single_row)
{
    const double f[4] = {0, 1, 4, 9};
    const double hcc[4] = {1, 1.5, 1.5, 1};
    double first[4], second[4];
    ck_assert_int_eq(hessian_eigenvalues(f, 1, 4, first, second), 0);
    for (size_t p = 0; p < 4; p++) {
        assert_close(first[p], hcc[p], 1e-15, "first", p);
        assert_close(second[p], 0, 1e-15, "second", p);
    }
}
END_TEST

/* numpy.gradient of a whole h × w image along one axis, written the plain way. */
static void numpy_gradient(const double *f, size_t h, size_t w, int axis, double *out)
{
    size_t n = axis == 0 ? h : w, stride = axis == 0 ? w : 1;
    for (size_t i = 0; i < h; i++)
        for (size_t j = 0; j < w; j++) {
            size_t k = axis == 0 ? i : j;
            const double *p = f + i * w + j;
            double g;
            if (n < 2)
                g = 0;
            else if (k == 0)
                g = p[stride] - p[0];
            else if (k == n - 1)
                g = p[0] - p[-(ptrdiff_t)stride];
            else
                g = (p[stride] - p[-(ptrdiff_t)stride]) / 2.0;
            out[i * w + j] = g;
        }
}

/* The row-buffer implementation against whole-image numpy semantics, on noise. */
START_TEST(hessian_matches_whole_image_gradients)
{
    enum { H = 7, W = 6, N = H * W };
    double f[N], g[N], gc[N], hrr[N], hrc[N], hcc[N], first[N], second[N];
    struct rng rng;
    rng_seed(&rng, 6, 0);
    for (int p = 0; p < N; p++)
        f[p] = rng_uniform(&rng);
    numpy_gradient(f, H, W, 0, g);
    numpy_gradient(g, H, W, 0, hrr);
    numpy_gradient(g, H, W, 1, hrc);
    numpy_gradient(f, H, W, 1, gc);
    numpy_gradient(gc, H, W, 1, hcc);
    ck_assert_int_eq(hessian_eigenvalues(f, H, W, first, second), 0);
    for (size_t p = 0; p < N; p++) {
        double mean = (hrr[p] + hcc[p]) / 2, half = (hrr[p] - hcc[p]) / 2;
        double root = sqrt(half * half + hrc[p] * hrc[p]);
        assert_close(first[p], mean + root, 1e-15, "first", p);
        assert_close(second[p], mean - root, 1e-15, "second", p);
    }
}
END_TEST

/* ---- features ------------------------------------------------------------------- */

START_TEST(features_layout_matches_skimage_order)
{
    enum { H = 20, W = 24, N = H * W };
    uint8_t rgb[N * 3];
    for (int p = 0; p < N * 3; p++)
        rgb[p] = (uint8_t)((p * 37 + (p / 7) * 11) % 256);
    float *features = malloc(sizeof(float) * N * FEATURE_COUNT);
    ck_assert_ptr_nonnull(features);
    ck_assert_int_eq(features_compute(rgb, H, W, features), 0);
    double channel[N], smoothed[N], first[N], second[N];
    for (int c = 0; c < 3; c++) {
        for (int p = 0; p < N; p++)
            channel[p] = rgb[p * 3 + c] / 255.0;
        for (int s = 0; s < FEATURE_SIGMAS; s++) {
            ck_assert_int_eq(gaussian_smooth(channel, smoothed, H, W, (double)(1 << s)), 0);
            ck_assert_int_eq(hessian_eigenvalues(smoothed, H, W, first, second), 0);
            for (int p = 0; p < N; p++) {
                const float *f = features + (size_t)p * FEATURE_COUNT + c * 15 + s * 3;
                ck_assert_float_eq(f[0], (float)smoothed[p]);
                ck_assert_float_eq(f[1], (float)first[p]);
                ck_assert_float_eq(f[2], (float)second[p]);
            }
        }
    }
    free(features);
}
END_TEST

/* Smoothing is split over tiles and rows, so the thread count must not change a bit. */
START_TEST(features_same_bytes_for_any_thread_count)
{
    enum { H = 150, W = 170, N = H * W };
    uint8_t *rgb = malloc(N * 3);
    float *one = malloc(sizeof(float) * N * FEATURE_COUNT);
    float *two = malloc(sizeof(float) * N * FEATURE_COUNT);
    ck_assert(rgb != NULL && one != NULL && two != NULL);
    struct rng rng;
    rng_seed(&rng, 9, 0);
    for (int p = 0; p < N * 3; p++)
        rgb[p] = (uint8_t)rng_below(&rng, 256);
    int before = omp_get_max_threads();
    omp_set_num_threads(1);
    ck_assert_int_eq(features_compute(rgb, H, W, one), 0);
    omp_set_num_threads(2);
    ck_assert_int_eq(features_compute(rgb, H, W, two), 0);
    omp_set_num_threads(before);
    ck_assert_int_eq(memcmp(one, two, sizeof(float) * N * FEATURE_COUNT), 0);
    free(rgb);
    free(one);
    free(two);
}
END_TEST

/* ---- forest ------------------------------------------------------------------------ */

static size_t training_accuracy_count(const struct forest *forest, const float *x,
                                      const uint8_t *y, size_t n, int classes)
{
    double *p = malloc(n * (size_t)classes * sizeof *p);
    ck_assert_ptr_nonnull(p);
    forest_predict(forest, x, n, p);
    size_t right = 0;
    for (size_t i = 0; i < n; i++) {
        int best = 0;
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += p[i * classes + c];
            if (p[i * classes + c] > p[i * classes + best])
                best = c;
        }
        assert_close(sum, 1, 1e-12, "probability sum", i);
        right += best == y[i];
    }
    free(p);
    return right;
}

/* Four classes in the four quadrants of the unit square, with a gap of 0.2. */
START_TEST(forest_separable_is_perfect)
{
    enum { N = 400, F = 3 };
    float x[N * F];
    uint8_t y[N];
    struct rng rng;
    rng_seed(&rng, 1, 0);
    for (int i = 0; i < N; i++) {
        int qx = i % 2, qy = (i / 2) % 2;
        x[i * F + 0] = (float)(qx * 0.6 + 0.4 * rng_uniform(&rng));
        x[i * F + 1] = (float)(qy * 0.6 + 0.4 * rng_uniform(&rng));
        x[i * F + 2] = (float)rng_uniform(&rng);    /* an uninformative feature */
        y[i] = (uint8_t)(qx + 2 * qy);
    }
    struct forest_params params = {.trees = 20, .max_depth = 10, .max_samples = 1.0,
                                   .features_per_split = 0, .seed = 3};
    struct forest *forest;
    ck_assert_int_eq(forest_train(x, y, N, F, 4, &params, &forest), 0);
    ck_assert_uint_eq(training_accuracy_count(forest, x, y, N, 4), N);
    forest_free(forest);
}
END_TEST

/* Label = (x0 > 0.5), flipped for a fifth of the samples: the forest must find
 * the rule (far above the 50 % of chance) but cannot reproduce the noise with
 * 5 % bootstrap samples (below 100 %). */
START_TEST(forest_noisy_is_between_chance_and_perfect)
{
    enum { N = 5000, F = 4 };
    float *x = malloc(sizeof(float) * N * F);
    uint8_t *y = malloc(N);
    ck_assert(x != NULL && y != NULL);
    struct rng rng;
    rng_seed(&rng, 2, 0);
    for (int i = 0; i < N; i++) {
        for (int f = 0; f < F; f++)
            x[i * F + f] = (float)rng_uniform(&rng);
        y[i] = (uint8_t)((x[i * F] > 0.5f) ^ (rng_uniform(&rng) < 0.2));
    }
    struct forest_params params = {.trees = 50, .max_depth = 10, .max_samples = 0.05,
                                   .features_per_split = 0, .seed = 5};
    struct forest *forest;
    ck_assert_int_eq(forest_train(x, y, N, F, 2, &params, &forest), 0);
    double accuracy = (double)training_accuracy_count(forest, x, y, N, 2) / N;
    ck_assert_msg(accuracy > 0.75 && accuracy < 0.99, "accuracy %.4f", accuracy);
    forest_free(forest);
    free(x);
    free(y);
}
END_TEST

static double *train_and_predict(const float *x, const uint8_t *y, size_t n, int features,
                                 int threads)
{
    omp_set_num_threads(threads);
    struct forest_params params = {.trees = 16, .max_depth = 8, .max_samples = 0.3,
                                   .features_per_split = 0, .seed = 11};
    struct forest *forest;
    ck_assert_int_eq(forest_train(x, y, n, features, 3, &params, &forest), 0);
    double *p = malloc(n * 3 * sizeof *p);
    ck_assert_ptr_nonnull(p);
    forest_predict(forest, x, n, p);
    forest_free(forest);
    return p;
}

START_TEST(forest_same_bytes_for_any_thread_count)
{
    enum { N = 3000, F = 9 };
    float *x = malloc(sizeof(float) * N * F);
    uint8_t *y = malloc(N);
    ck_assert(x != NULL && y != NULL);
    struct rng rng;
    rng_seed(&rng, 4, 0);
    for (int i = 0; i < N; i++) {
        for (int f = 0; f < F; f++)
            x[i * F + f] = (float)rng_uniform(&rng);
        y[i] = (uint8_t)((x[i * F] + x[i * F + 1] + 0.3 * rng_uniform(&rng)) * 1.4) % 3;
    }
    int before = omp_get_max_threads();
    double *one = train_and_predict(x, y, N, F, 1);
    double *two = train_and_predict(x, y, N, F, 2);
    omp_set_num_threads(before);
    ck_assert_int_eq(memcmp(one, two, sizeof(double) * N * 3), 0);
    free(one);
    free(two);
    free(x);
    free(y);
}
END_TEST

START_TEST(forest_rejects_bad_input)
{
    const float x[4] = {0, 1, 2, 3};
    const uint8_t y[4] = {0, 1, 5, 0};
    struct forest_params params = {.trees = 2, .max_depth = 3, .max_samples = 0.5, .seed = 1};
    struct forest *forest = (struct forest *)&params;    /* must be reset to NULL */
    error_clear();
    ck_assert_int_eq(forest_train(x, y, 4, 1, 2, &params, &forest), -1);
    ck_assert_ptr_null(forest);
    ck_assert_ptr_nonnull(strstr(error_message(), "label 5"));
    error_clear();
}
END_TEST

/* ---- synth ----------------------------------------------------------------------------- */

static struct synth_image shared_image;
static int shared_ready;

/* One synthesized image (seed 1) for the synth tests; freed at exit. */
static const struct synth_image *image_seed1(void)
{
    if (!shared_ready) {
        ck_assert_int_eq(synth_tissue(1, &shared_image), 0);
        shared_ready = 1;
    }
    return &shared_image;
}

START_TEST(synth_is_deterministic)
{
    const struct synth_image *a = image_seed1();
    struct synth_image b, c;
    int before = omp_get_max_threads();
    omp_set_num_threads(1);    /* the shared image was made with all threads */
    ck_assert_int_eq(synth_tissue(1, &b), 0);
    omp_set_num_threads(before);
    ck_assert_int_eq(synth_tissue(2, &c), 0);
    ck_assert_uint_eq(a->height, SYNTH_HEIGHT);
    ck_assert_uint_eq(a->width, SYNTH_WIDTH);
    size_t n = a->height * a->width;
    ck_assert_int_eq(memcmp(a->rgb, b.rgb, n * 3), 0);
    ck_assert_int_eq(memcmp(a->truth, b.truth, n), 0);
    ck_assert_int_ne(memcmp(a->rgb, c.rgb, n * 3), 0);
    synth_free(&b);
    synth_free(&c);
}
END_TEST

/* Every rectangle grown by MARGIN pixels on each side lies on its class. */
START_TEST(synth_rectangles_on_their_class)
{
    enum { MARGIN = 5 };
    const struct synth_image *im = image_seed1();
    for (int i = 0; i < TRAINING_RECT_COUNT; i++) {
        const struct training_rect *r = &training_rects[i];
        int row0 = r->row0 - MARGIN < 0 ? 0 : r->row0 - MARGIN;
        int col0 = r->col0 - MARGIN < 0 ? 0 : r->col0 - MARGIN;
        int row1 = r->row1 + MARGIN > SYNTH_HEIGHT ? SYNTH_HEIGHT : r->row1 + MARGIN;
        int col1 = r->col1 + MARGIN > SYNTH_WIDTH ? SYNTH_WIDTH : r->col1 + MARGIN;
        for (int row = row0; row < row1; row++)
            for (int col = col0; col < col1; col++)
                ck_assert_msg(im->truth[row * SYNTH_WIDTH + col] == r->label,
                              "rectangle %d: pixel (%d, %d) is class %d, not %d", i, row, col,
                              im->truth[row * SYNTH_WIDTH + col], r->label);
    }
}
END_TEST

START_TEST(synth_classes_cover_the_rest)
{
    const struct synth_image *im = image_seed1();
    size_t n = im->height * im->width;
    int8_t *labels = malloc(n);
    ck_assert_ptr_nonnull(labels);
    training_labels(labels, im->height, im->width);
    size_t labelled = 0, outside = 0, per_class[SYNTH_CLASSES] = {0};
    for (size_t p = 0; p < n; p++) {
        ck_assert_uint_lt(im->truth[p], SYNTH_CLASSES);
        if (labels[p] >= 0) {
            labelled++;
            ck_assert_int_eq(labels[p], im->truth[p]);
        } else {
            outside++;
            per_class[im->truth[p]]++;
        }
    }
    /* 130·1280 + 40·400 + 300·450 + 100·110 + 80·110 + 50·140: the union of the six. */
    ck_assert_uint_eq(labelled, 344200);
    for (int c = 0; c < SYNTH_CLASSES; c++)
        ck_assert_msg(per_class[c] > outside / 8, "class %d covers %zu of %zu pixels", c,
                      per_class[c], outside);
    free(labels);
}
END_TEST

/* ---- end to end ------------------------------------------------------------------------------ */

/* The generator's pipeline on seed 1: features, train on the rectangles,
 * predict everything, compare the argmax with the truth outside them. */
START_TEST(end_to_end_accuracy)
{
    const struct synth_image *im = image_seed1();
    size_t n = im->height * im->width;
    /* big_alloc as the generator does: 221 MB of fresh 4 KiB pages would cost
     * more to fault in than the features cost to compute (docs/spec.md §7). */
    float *features = big_alloc_array(n, FEATURE_COUNT * sizeof *features, "features");
    int8_t *labels = malloc(n);
    double *probabilities = big_alloc_array(n, SYNTH_CLASSES * sizeof *probabilities, "p");
    ck_assert(features != NULL && labels != NULL && probabilities != NULL);
    double t0 = omp_get_wtime();
    ck_assert_int_eq(features_compute(im->rgb, im->height, im->width, features), 0);
    double t1 = omp_get_wtime();
    training_labels(labels, im->height, im->width);
    size_t count = 0;
    for (size_t p = 0; p < n; p++)
        count += labels[p] >= 0;
    float *x = malloc(count * FEATURE_COUNT * sizeof *x);
    uint8_t *y = malloc(count);
    ck_assert(x != NULL && y != NULL);
    for (size_t p = 0, k = 0; p < n; p++)
        if (labels[p] >= 0) {
            memcpy(x + k * FEATURE_COUNT, features + p * FEATURE_COUNT,
                   FEATURE_COUNT * sizeof *x);
            y[k++] = (uint8_t)labels[p];
        }
    struct forest_params params = {.trees = 50, .max_depth = 10, .max_samples = 0.05,
                                   .features_per_split = 0, .seed = 1};
    struct forest *forest;
    ck_assert_int_eq(forest_train(x, y, count, FEATURE_COUNT, SYNTH_CLASSES, &params, &forest),
                     0);
    double t2 = omp_get_wtime();
    forest_predict(forest, features, n, probabilities);
    double t3 = omp_get_wtime();
    size_t right = 0, outside = 0, right_outside = 0;
    for (size_t p = 0; p < n; p++) {
        const double *q = probabilities + p * SYNTH_CLASSES;
        int best = 0;
        for (int c = 1; c < SYNTH_CLASSES; c++)
            if (q[c] > q[best])
                best = c;
        right += best == im->truth[p];
        if (labels[p] < 0) {
            outside++;
            right_outside += best == im->truth[p];
        }
    }
    double all = (double)right / n, rest = (double)right_outside / outside;
    printf("end to end: %d threads, features %.3f s, training %.3f s, prediction %.3f s; "
           "accuracy %.4f on all pixels, %.4f outside the rectangles\n",
           omp_get_max_threads(), t1 - t0, t2 - t1, t3 - t2, all, rest);
    ck_assert_msg(rest >= 0.95, "accuracy outside the rectangles %.4f < 0.95", rest);
    forest_free(forest);
    free(x);
    free(y);
    big_free(features);
    free(labels);
    big_free(probabilities);
}
END_TEST

/* ---- runner ------------------------------------------------------------------------------------ */

static Suite *model_suite(void)
{
    Suite *s = suite_create("generate_data/model");
    TCase *rng = tcase_create("rng");
    tcase_add_test(rng, rng_is_deterministic_and_bounded);
    suite_add_tcase(s, rng);

    TCase *gaussian = tcase_create("gaussian");
    tcase_add_test(gaussian, gaussian_impulse_response);
    tcase_add_test(gaussian, gaussian_keeps_mass_of_interior_impulse);
    tcase_add_test(gaussian, gaussian_reflect_border_by_hand);
    tcase_add_test(gaussian, gaussian_constant_stays_constant);
    tcase_add_test(gaussian, gaussian_radius_larger_than_image);
    suite_add_tcase(s, gaussian);

    TCase *hessian = tcase_create("hessian");
    tcase_add_test(hessian, hessian_quadratic_surfaces);
    tcase_add_test(hessian, hessian_borders_one_sided_rows);
    tcase_add_test(hessian, hessian_borders_mixed_by_hand);
    tcase_add_test(hessian, hessian_single_row);
    tcase_add_test(hessian, hessian_matches_whole_image_gradients);
    suite_add_tcase(s, hessian);

    TCase *features = tcase_create("features");
    tcase_add_test(features, features_layout_matches_skimage_order);
    tcase_add_test(features, features_same_bytes_for_any_thread_count);
    suite_add_tcase(s, features);

    TCase *forest = tcase_create("forest");
    tcase_add_test(forest, forest_separable_is_perfect);
    tcase_add_test(forest, forest_noisy_is_between_chance_and_perfect);
    tcase_add_test(forest, forest_same_bytes_for_any_thread_count);
    tcase_add_test(forest, forest_rejects_bad_input);
    suite_add_tcase(s, forest);

    TCase *synth = tcase_create("synth");
    tcase_set_timeout(synth, 60);
    tcase_add_test(synth, synth_is_deterministic);
    tcase_add_test(synth, synth_rectangles_on_their_class);
    tcase_add_test(synth, synth_classes_cover_the_rest);
    tcase_add_test(synth, end_to_end_accuracy);
    suite_add_tcase(s, synth);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(model_suite());
    srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_ENV);   /* CK_VERBOSITY: silent under meson, whose TAP is the report */
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    if (shared_ready)
        synth_free(&shared_image);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
