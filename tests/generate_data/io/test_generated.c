/*
 * test_generated.c — the real program on size s: run once with
 * OMP_NUM_THREADS=2 and once with 1 (into two directories under /tmp), then
 * check the files against docs/spec.md §3 and against each other.
 *
 * The two runs are shared by the tests of this case and by test_cli.c's
 * atomicity tests (generated_dir()), so size s is generated only twice.
 */
#include <check.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hdf5_check.h"
#include "io_helpers.h"
#include "io_tests.h"

enum { H = 960, W = 1280, K = 4 };

/* roots[i] holds log.txt and data/, the output directory dirs[i];
 * [0] made with OMP_NUM_THREADS=2, [1] with 1. */
static char *roots[2];
static char dirs[2][4096];
static int exit_codes[2];

static const char *const files[] = {"data.hdf5", "0.csv", "1.csv", "2.csv", "3.csv", "preview.png"};

const char *generated_dir(int which)
{
    return dirs[which];
}

/* dir/s/old.txt: what an earlier run, or a user, left in the size directory. */
static void plant_previous(const char *dir)
{
    mkdir(dir, 0755);
    mkdir(path_join(dir, "s", NULL), 0755);
    FILE *file = fopen(path_join(dir, "s", "old.txt"), "w");
    if (file)
        fclose(file);
}

void generated_setup(void)
{
    for (int i = 0; i < 2; i++) {
        if (roots[i])
            continue;
        roots[i] = temp_dir_make();
        snprintf(dirs[i], sizeof dirs[i], "%s/data", roots[i]);
        if (i == 1)   /* a previous s/ the run must replace as a whole */
            plant_previous(dirs[i]);
        const char *args[] = {"--sizes", "s", "--out", dirs[i], "--seed", "12345", NULL};
        exit_codes[i] = generator_run(args, i == 0 ? 2 : 1, path_join(roots[i], "log.txt", NULL));
    }
}

void generated_teardown(void)
{
    for (int i = 0; i < 2; i++) {
        temp_dir_remove(roots[i]);
        free(roots[i]);
        roots[i] = NULL;
    }
}

START_TEST(test_runs_succeed_with_all_files)
{
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(exit_codes[i], 0);
        for (size_t f = 0; f < sizeof files / sizeof files[0]; f++)
            ck_assert_msg(path_exists(path_join(dirs[i], "s", files[f])), "missing %s", files[f]);
        /* only s/: no temporary directory left behind */
        ck_assert(dir_holds_only(dirs[i], "s"));
        /* run 1 replaced a planted s/ as a whole */
        ck_assert(!path_exists(path_join(dirs[i], "s", "old.txt")));
    }
}
END_TEST

START_TEST(test_hdf5_layout)
{
    hid_t file = H5Fopen(path_join(dirs[0], "s", "data.hdf5"), H5F_ACC_RDONLY, H5P_DEFAULT);
    ck_assert_int_ge(file, 0);
    assert_dataset_layout(file, "image", H5T_STD_U8LE, H, W, 3);
    assert_dataset_layout(file, "probabilities", H5T_IEEE_F64LE, H, W, K);
    H5Fclose(file);
}
END_TEST

/* Probabilities in [0, 1] summing to 1: what a forest's mean of leaf fractions gives.
 * The loops count failures and assert once: every ck_assert records its
 * location, which over 1.2 million pixels costs minutes. */
START_TEST(test_probabilities_are_distributions)
{
    hid_t file = H5Fopen(path_join(dirs[0], "s", "data.hdf5"), H5F_ACC_RDONLY, H5P_DEFAULT);
    double *p = read_dataset(file, "probabilities", H5T_NATIVE_DOUBLE, (size_t)H * W * K * 8);
    H5Fclose(file);
    size_t bad = 0;
    for (size_t i = 0; i < (size_t)H * W; i++) {
        double sum = 0;
        for (int k = 0; k < K; k++) {
            bad += !(p[i * K + k] >= 0.0 && p[i * K + k] <= 1.0);
            sum += p[i * K + k];
        }
        bad += fabs(sum - 1.0) > 1e-9;
    }
    ck_assert_uint_eq(bad, 0);
    free(p);
}
END_TEST

/* Checks one value's text at *at against want: the exact "%.18e" text, strtod
 * giving back the same bits, then `separator`.  Advances *at; false on mismatch. */
static bool value_matches(const char **at, double want, char separator)
{
    char expected[64];
    int n = snprintf(expected, sizeof expected, "%.18e", want);
    if (strncmp(*at, expected, (size_t)n) != 0)
        return false;
    char *end;
    double got = strtod(*at, &end);
    if (memcmp(&got, &want, sizeof got) != 0 || end - *at != n || *end != separator)
        return false;
    *at = end + 1;
    return true;
}

/* One CSV against class k of the HDF5 probabilities: layout, text, value. */
static void check_csv_class(const double *p, int k)
{
    char name[8];
    snprintf(name, sizeof name, "%d.csv", k);
    size_t length;
    char *text = file_read(path_join(dirs[0], "s", name), &length);
    ck_assert_ptr_nonnull(text);
    const char *at = text;
    for (size_t r = 0; r < H; r++)
        for (size_t c = 0; c < W; c++)
            if (!value_matches(&at, p[(r * W + c) * K + k], c + 1 < W ? ' ' : '\n'))
                ck_abort_msg("%s: row %zu, column %zu: '%.30s'", name, r, c, at);
    ck_assert_uint_eq((size_t)(at - text), length);
    free(text);
}

START_TEST(test_csv_round_trips_to_hdf5)
{
    hid_t file = H5Fopen(path_join(dirs[0], "s", "data.hdf5"), H5F_ACC_RDONLY, H5P_DEFAULT);
    double *p = read_dataset(file, "probabilities", H5T_NATIVE_DOUBLE, (size_t)H * W * K * 8);
    H5Fclose(file);
    for (int k = 0; k < K; k++)
        check_csv_class(p, k);
    free(p);
}
END_TEST

START_TEST(test_deterministic_across_thread_counts)
{
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++)
        ck_assert_msg(files_equal(path_join(dirs[0], "s", files[f]),
                                  path_join(dirs[1], "s", files[f])),
                      "%s differs between OMP_NUM_THREADS=2 and 1", files[f]);
}
END_TEST

TCase *generated_tcase(void)
{
    TCase *tc = tcase_create("generated-s");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, generated_setup, NULL);
    tcase_add_test(tc, test_runs_succeed_with_all_files);
    tcase_add_test(tc, test_hdf5_layout);
    tcase_add_test(tc, test_probabilities_are_distributions);
    tcase_add_test(tc, test_csv_round_trips_to_hdf5);
    tcase_add_test(tc, test_deterministic_across_thread_counts);
    return tc;
}
