/*
 * test_ladder.c — every version of the ladder against reference_colorcode().
 *
 * Each test crafts a probability map (ties, zeros, NaN, values above 1 and
 * infinities, negatives, odd shapes), writes it both as data.hdf5 and as
 * 0.csv … 3.csv into a fresh folder, runs every version of ladder[] on that
 * folder through its own loader (v0 the CSVs, the others HDF5) and compares the
 * image with the reference byte by byte (or within the version's documented
 * max_difference).  Chunked versions run with several tile sizes, from 1 pixel
 * to far larger than the image; threaded versions with 1 and 2 OpenMP threads.
 * The last test does the same on a dataset made by generate_data --sizes s
 * (in a cross build, whose tests run under an emulator, the one POR_TEST_DATA names).
 *
 * Mismatches are collected over all versions before the test fails, so one
 * failure lists every version that disagrees, with the first differing pixel.
 * `test_ladder STEP` runs the crafted maps through that step alone.
 */
#include <check.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "hdf5_input.h"
#include "reference.h"
#include "testdata.h"
#include "ladder.h"
#include "../support/check_run.h"

/* The folder generate_data wrote (…/s), made once in main(). */
static char *generated_root;
static char *generated_dir;

/* ---- running every version on one folder ---------------------------------- */

struct report {
    char text[8192];
    size_t used;
    int failures;
};

static void note(struct report *report, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void note(struct report *report, const char *format, ...)
{
    report->failures++;
    if (report->used >= sizeof report->text - 1)
        return;
    va_list args;
    va_start(args, format);
    int written = vsnprintf(report->text + report->used, sizeof report->text - report->used,
                            format, args);
    va_end(args);
    if (written > 0)
        report->used += (size_t)written;
    if (report->used > sizeof report->text - 1)
        report->used = sizeof report->text - 1;
}

/* Compares one version's image with the expected one; notes the first difference. */
static void compare(struct report *report, const char *label, const char *what,
                    const struct rgb_image *image, const uint8_t *expected, size_t height,
                    size_t width, int allowed)
{
    if (image->height != height || image->width != width || image->pixels == NULL) {
        note(report, "\n  %s %s: image %zu × %zu, expected %zu × %zu", label, what,
             image->height, image->width, height, width);
        return;
    }
    size_t differing = 0, first = 0;
    for (size_t i = 0; i < height * width * 3; i++) {
        int difference = abs((int)image->pixels[i] - (int)expected[i]);
        if (difference > allowed && differing++ == 0)
            first = i;
    }
    const uint8_t *e = expected + first / 3 * 3, *g = image->pixels + first / 3 * 3;
    if (differing)
        note(report, "\n  %s %s: %zu channels differ; first at row %zu, column %zu: "
             "expected (%d, %d, %d), found (%d, %d, %d)", label, what, differing,
             first / 3 / width, first / 3 % width, e[0], e[1], e[2], g[0], g[1], g[2]);
}

/* ---- which kernel ran ------------------------------------------------------ */

/* The steps with a hand-written kernel beside v5's, chosen at run time. */
static const char *const KERNEL_STEPS[] = {"v6", "v7", "v8", "v9"};

/* True when /proc/cpuinfo's flags list `flag` (the kernel's word, not the compiler's). */
static bool cpu_has(const char *flag)
{
    FILE *info = fopen("/proc/cpuinfo", "r");
    char line[8192];
    bool found = false;
    while (info && !found && fgets(line, sizeof line, info))
        if (strncmp(line, "flags", 5) == 0)
            for (char *word = strtok(line + 5, " \t\n:"); word && !found;
                 word = strtok(NULL, " \t\n"))
                found = strcmp(word, flag) == 0;
    if (info)
        fclose(info);
    return found;
}

/* The kernel `name` must report on this machine: NULL for a step with one
 * kernel; for v6 … v9 AVX2 or NEON where the CPU has it and the environment
 * does not switch it off (POR_NO_AVX2, POR_NO_NEON), else the portable one. */
static const char *expected_kernel(const char *name)
{
    bool hand_written = false;
    for (size_t i = 0; i < sizeof KERNEL_STEPS / sizeof KERNEL_STEPS[0]; i++)
        hand_written |= strcmp(name, KERNEL_STEPS[i]) == 0;
    if (!hand_written)
        return NULL;
#if defined(__x86_64__)
    return getenv("POR_NO_AVX2") == NULL && cpu_has("avx2") ? "AVX2" : "portable";
#elif defined(__aarch64__)
    return getenv("POR_NO_NEON") == NULL ? "NEON" : "portable";
#else
    return "portable";
#endif
}

/* `test_ladder STEP` checks that one step alone (scripts/lab check: the learner's),
 * with every tile size and thread count, whatever its options say. */
static const char *only_step;

/* Runs every version of the ladder on `dir`, in every configuration it has. */
static void run_ladder(struct report *report, const char *label, const char *dir,
                       const uint8_t *expected, size_t height, size_t width,
                       const size_t *chunks, size_t chunk_count)
{
    static const size_t default_chunk[] = {1024};
    static const int thread_counts[] = {1, 2};
    for (size_t v = 0; v < ladder_length; v++) {
        const struct version_info *version = &ladder[v];
        /* without a name, the project's steps: lab is the learner's (scripts/lab) */
        bool wanted = only_step ? strcmp(version->name, only_step) == 0
                                : strcmp(version->name, "lab") != 0;
        if (!ladder_is_step(version) || !wanted)
            continue;
        bool chunked = version->chunked || only_step, threaded = version->threaded || only_step;
        const size_t *sizes = chunked ? chunks : default_chunk;
        size_t size_count = chunked ? chunk_count : 1;
        int thread_runs = threaded ? 2 : 1;
        for (size_t s = 0; s < size_count; s++) {
            for (int t = 0; t < thread_runs; t++) {
                omp_set_num_threads(thread_counts[t]);
                struct step_input args = {dir, sizes[s]};
                struct rgb_image image = {0};
                char what[96];
                snprintf(what, sizeof what, "%s (%s, chunk %zu, %d thread%s)", version->name,
                         version->kind, sizes[s], thread_counts[t], t ? "s" : "");
                error_clear();
                phase_reset();
                kernel_reset();
                int status = version->run(&args, &image);
                phase_end();
                const char *kernel = kernel_noted(), *wanted = expected_kernel(version->name);
                if (status == 0 && !only_step &&
                    (kernel && wanted ? strcmp(kernel, wanted) != 0 : kernel != wanted))
                    note(report, "\n  %s %s: noted the %s kernel, expected %s", label, what,
                         kernel ? kernel : "(none)", wanted ? wanted : "none");
                if (status != 0)
                    note(report, "\n  %s %s: failed: %s", label, what, error_message());
                else
                    compare(report, label, what, &image, expected, height, width,
                            version->max_difference);
                rgb_image_free(&image);
                error_clear();
            }
        }
    }
    omp_set_num_threads(1);
}

/* Writes `values` as HDF5 and CSV, runs the ladder on it and fails on any
 * difference.  Takes `values` and frees it before any assertion can fail (a
 * failing check longjmps out of the test: nothing after it runs). */
static void check_ladder_with_chunks(const char *label, double *values, size_t height,
                                     size_t width, const size_t *chunks, size_t chunk_count)
{
    uint8_t *expected = malloc(height * width * 3);
    ck_assert_ptr_nonnull(expected);
    reference_colorcode(values, height * width, expected);
    char *dir = td_make_dir("ladder");
    ck_assert_ptr_nonnull(dir);
    int written = td_write_probabilities_hdf5(dir, values, height, width) == 0 &&
                  td_write_csv(dir, values, height, width) == 0;
    struct report report = {.used = 0, .failures = 0};
    if (written)
        run_ladder(&report, label, dir, expected, height, width, chunks, chunk_count);
    td_remove_dir(dir);
    free(expected);
    free(values);
    ck_assert_msg(written, "%s: could not write the test data", label);
    ck_assert_msg(report.failures == 0, "%s: %d mismatches:%s", label, report.failures,
                  report.text);
}

/* The tile sizes every crafted input is cut with: a pixel, sizes that do not
 * divide the shapes, the default, and far more than any image (the option's max). */
static const size_t crafted_chunks[] = {1, 2, 3, 5, 1024, INT_MAX};

static void check_ladder(const char *label, double *values, size_t height, size_t width)
{
    check_ladder_with_chunks(label, values, height, width, crafted_chunks,
                             sizeof crafted_chunks / sizeof crafted_chunks[0]);
}

/* ---- crafted maps ---------------------------------------------------------- */

/* Fills height × width pixels by repeating `patterns` (count pixels of 4 values). */
static double *tile_patterns(const double (*patterns)[4], size_t count, size_t height,
                             size_t width)
{
    double *values = malloc(height * width * 4 * sizeof *values);
    ck_assert_ptr_nonnull(values);
    for (size_t i = 0; i < height * width; i++)
        memcpy(values + 4 * i, patterns[i % count], sizeof patterns[0]);
    return values;
}

static void check_patterns(const char *label, const double (*patterns)[4], size_t count,
                           size_t height, size_t width)
{
    double *values = tile_patterns(patterns, count, height, width);
    check_ladder(label, values, height, width);
}

/* A reproducible mixture of everything docs/spec.md §2 defines: ordinary
 * probabilities, exact ties, zeros, negatives, NaN, values above 1, ±inf. */
static double *mixed_values(size_t height, size_t width, unsigned seed)
{
    double *values = malloc(height * width * 4 * sizeof *values);
    ck_assert_ptr_nonnull(values);
    unsigned long long state = 0x9e3779b97f4a7c15ull ^ seed;
    for (size_t i = 0; i < height * width * 4; i++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        unsigned r = (unsigned)(state >> 33);
        double uniform = (r >> 4) / (double)(1u << 27);
        switch (r % 16) {
        case 8: values[i] = (r >> 4) % 5 * 0.25; break;        /* ties are likely */
        case 9: values[i] = 0.0; break;
        case 10: values[i] = -uniform; break;
        case 11: values[i] = NAN; break;
        case 12: values[i] = 1.0 + 10 * uniform; break;
        case 13: values[i] = (r >> 4) & 1 ? INFINITY : -INFINITY; break;
        case 14: values[i] = (r >> 4) % 256 / 255.0; break;    /* 255 × p near integers */
        case 15: values[i] = 1.0; break;
        default: values[i] = uniform; break;                    /* most: in [0, 1) */
        }
    }
    return values;
}

static void check_mixed(const char *label, size_t height, size_t width)
{
    double *values = mixed_values(height, width, (unsigned)(height * 1000 + width));
    check_ladder(label, values, height, width);
}

START_TEST(ties_keep_the_first_class)
{
    static const double patterns[][4] = {
        {0.5, 0.5, 0, 0}, {0, 0.25, 0.25, 0}, {0.3, 0.3, 0.3, 0.3}, {0, 0, 0.9, 0.9},
        {1, 1, 1, 1}, {0.2, 0.1, 0.2, 0.1}, {0, 0.7, 0, 0.7}, {0.1, 0.6, 0.6, 0.6},
        {0.4, 0, 0, 0.4}, {0.25, 0.25, 0.25, 0.25}, {0, 0, 0, 0.5},
    };
    check_patterns("ties", patterns, sizeof patterns / sizeof patterns[0], 7, 13);
}
END_TEST

START_TEST(all_zeros_are_black)
{
    static const double patterns[][4] = {{0, 0, 0, 0}, {-0.0, 0, -0.0, 0}, {0, -0.0, 0, -0.0}};
    check_patterns("all zeros", patterns, 3, 7, 13);
}
END_TEST

START_TEST(nan_never_wins)
{
    static const double patterns[][4] = {
        {NAN, NAN, NAN, NAN}, {NAN, 0.25, NAN, -1}, {0.6, NAN, 0.7, NAN}, {NAN, 0, 0, 0.9},
        {0.8, 0.1, 0.1, NAN}, {-NAN, -NAN, 0.5, -NAN}, {NAN, INFINITY, NAN, 2.0},
        {NAN, 0.5, 0.5, 0}, {0.5, NAN, 0.5, 0.5}, {0, 0, NAN, 0},  /* ties after a NaN */
    };
    check_patterns("NaN", patterns, sizeof patterns / sizeof patterns[0], 7, 13);
}
END_TEST

START_TEST(nan_everywhere_is_black)
{
    static const double patterns[][4] = {{NAN, NAN, NAN, NAN}};
    check_patterns("all NaN", patterns, 1, 5, 17);
}
END_TEST

START_TEST(above_one_and_infinity_clamp)
{
    static const double patterns[][4] = {
        {1.5, 0, 0, 0}, {0, 2.0, 0, 0}, {0, 0, 1e308, 0}, {0, 0, 0, INFINITY},
        {INFINITY, INFINITY, 0, 0}, {DBL_MAX, 1, 0, 0}, {0, 1.0000000001, 0, 0},
        {0.2, 0.3, 255.0 / 255.0, 0}, {0, 0, 0, 1.0039215686274510}, {1.0, 0.5, 0, 0},
        {0, -INFINITY, INFINITY, 1.0}, {0, 0, 0, 256.0 / 255.0}, {3, 4, 5, 6},
    };
    check_patterns("above 1 and inf", patterns, sizeof patterns / sizeof patterns[0], 7, 13);
}
END_TEST

START_TEST(negatives_never_win)
{
    static const double patterns[][4] = {
        {-1, -0.5, -2, -3}, {-1, 0.25, -1, -1}, {-INFINITY, -INFINITY, -INFINITY, -INFINITY},
        {-0.1, -0.2, 0.01, -0.3}, {-DBL_MAX, 0, 0, 0}, {-1e-300, 1e-300, 0, 0},
    };
    check_patterns("negatives", patterns, sizeof patterns / sizeof patterns[0], 7, 13);
}
END_TEST

/* 255 × p lands on or just beside an integer: truncation must match exactly. */
START_TEST(truncation_at_integer_boundaries)
{
    size_t height = 16, width = 48;
    double *values = malloc(height * width * 4 * sizeof *values);
    ck_assert_ptr_nonnull(values);
    for (size_t i = 0; i < height * width; i++) {
        double exact = (double)(i % 256) / 255.0;
        double p = i / 256 == 0 ? exact : i / 256 == 1 ? nextafter(exact, 0.0)
                                                      : nextafter(exact, 2.0);
        double q[4] = {p / 2, 0, 0, 0};
        q[i % 4] = p;  /* the winner moves through every class */
        memcpy(values + 4 * i, q, sizeof q);
    }
    check_ladder("truncation", values, height, width);
}
END_TEST

START_TEST(one_by_one)
{
    static const double patterns[][4] = {{0.1, 0.2, 0.6, 0.1}};
    check_patterns("1 × 1", patterns, 1, 1, 1);
    check_mixed("1 × 1 mixed", 1, 1);
}
END_TEST

START_TEST(one_row)
{
    check_mixed("1 × 37", 1, 37);
    check_mixed("1 × 3", 1, 3);
}
END_TEST

START_TEST(one_column)
{
    check_mixed("41 × 1", 41, 1);
}
END_TEST

/* Widths that leave tails for 2-, 4- and 8-wide vector loops. */
START_TEST(odd_widths_for_simd_tails)
{
    check_mixed("7 × 13", 7, 13);
    check_mixed("33 × 65", 33, 65);
    check_mixed("2 × 31", 2, 31);
    check_mixed("3 × 9", 3, 9);
}
END_TEST

/* Every tail an 8-pixel step (AVX2's and NEON's) can leave, and none: widths 1 … 17. */
START_TEST(every_tail_of_an_8_pixel_step)
{
    for (size_t width = 1; width <= 17; width++) {
        char label[32];
        snprintf(label, sizeof label, "2 × %zu", width);
        check_mixed(label, 2, width);
    }
}
END_TEST

/* The default tile of 1024 does not divide these: a full tile plus a sliver. */
START_TEST(not_a_multiple_of_the_default_chunk)
{
    static const size_t chunks[] = {1024, 1000};
    double *values = mixed_values(1027, 3, 11);
    check_ladder_with_chunks("1027 × 3", values, 1027, 3, chunks, 2);
    values = mixed_values(2, 1030, 12);
    check_ladder_with_chunks("2 × 1030", values, 2, 1030, chunks, 2);
}
END_TEST

/* A row longer than a band (v9's fixed 2 MiB bands hold 65,536 pixels; v8's
 * with the default chunk and 2 threads 32,768): a band is then one whole row,
 * longer than the budget (the driver takes whole rows), and the next row is
 * the next band. */
START_TEST(row_longer_than_a_band)
{
    static const size_t chunks[] = {1024, INT_MAX};
    double *values = mixed_values(2, 70001, 13);
    check_ladder_with_chunks("2 × 70001", values, 2, 70001, chunks, 2);
}
END_TEST

/* ---- the generated dataset ------------------------------------------------- */

START_TEST(generated_dataset_bit_exact)
{
    ck_assert_msg(generated_dir != NULL, "generate_data --sizes s did not run");
    ck_assert_msg(access(generated_dir, R_OK) == 0, "no dataset in %s", generated_dir);
    size_t height, width;
    double *values = td_read_probabilities(generated_dir, &height, &width);
    ck_assert_ptr_nonnull(values);
    ck_assert_uint_eq(height, 960);
    ck_assert_uint_eq(width, 1280);
    uint8_t *expected = malloc(height * width * 3);
    ck_assert_ptr_nonnull(expected);
    reference_colorcode(values, height * width, expected);
    free(values);
    /* the data is not trivial: several classes win somewhere */
    size_t lit[3] = {0, 0, 0};
    for (size_t i = 0; i < height * width * 3; i++)
        lit[i % 3] += expected[i] != 0;
    ck_assert_uint_gt(lit[0], 1000);
    ck_assert_uint_gt(lit[1], 1000);
    ck_assert_uint_gt(lit[2], 1000);

    static const size_t chunks[] = {1024, 300};
    struct report report = {.used = 0, .failures = 0};
    run_ladder(&report, "size s", generated_dir, expected, height, width, chunks, 2);
    free(expected);
    ck_assert_msg(report.failures == 0, "%d mismatches:%s", report.failures, report.text);
}
END_TEST

static int generate_dataset(void)
{
    /* Under an emulator (the arm64 cross build) a test cannot start generate_data,
     * a program of the emulated machine, as a child: there the data comes made. */
    const char *made = getenv("POR_TEST_DATA");
    if (made != NULL && *made != '\0')
        return (generated_dir = strdup(made)) != NULL ? 0 : -1;
    const char *build = getenv("POR_BUILD_ROOT");
    generated_root = td_make_dir("ladder-data");
    if (generated_root == NULL)
        return -1;
    char command[8192];
    snprintf(command, sizeof command,
             "'%s/generate_data/generate_data' --sizes s --out '%s' >/dev/null 2>&1",
             build && *build ? build : "build", generated_root);
    if (system(command) != 0) {
        fprintf(stderr, "test_ladder: failed: %s\n", command);
        return -1;
    }
    generated_dir = td_path(generated_root, "s");
    return 0;
}

static Suite *ladder_suite(void)
{
    Suite *suite = suite_create("ladder");
    TCase *crafted = tcase_create("crafted");
    tcase_set_timeout(crafted, 60);
    tcase_add_test(crafted, ties_keep_the_first_class);
    tcase_add_test(crafted, all_zeros_are_black);
    tcase_add_test(crafted, nan_never_wins);
    tcase_add_test(crafted, nan_everywhere_is_black);
    tcase_add_test(crafted, above_one_and_infinity_clamp);
    tcase_add_test(crafted, negatives_never_win);
    tcase_add_test(crafted, truncation_at_integer_boundaries);
    tcase_add_test(crafted, one_by_one);
    tcase_add_test(crafted, one_row);
    tcase_add_test(crafted, one_column);
    tcase_add_test(crafted, odd_widths_for_simd_tails);
    tcase_add_test(crafted, every_tail_of_an_8_pixel_step);
    tcase_add_test(crafted, not_a_multiple_of_the_default_chunk);
    tcase_add_test(crafted, row_longer_than_a_band);
    suite_add_tcase(suite, crafted);
    if (only_step)
        return suite;   /* the caller verifies a single step on real data itself */
    TCase *generated = tcase_create("generated");
    tcase_set_timeout(generated, 60);
    tcase_add_test(generated, generated_dataset_bit_exact);
    suite_add_tcase(suite, generated);
    return suite;
}

int main(int argc, char **argv)
{
    only_step = argc > 1 ? argv[1] : NULL;
    if (only_step && (ladder_find(only_step) == NULL || !ladder_is_step(ladder_find(only_step)))) {
        fprintf(stderr, "test_ladder: no step \"%s\" in the ladder\n", only_step);
        return 2;
    }
    hdf5_input_quiet();
    if (!only_step)
        generate_dataset();
    int status = check_run(ladder_suite());
    free(generated_dir);
    td_remove_dir(generated_root);
    return status;
}
