/*
 * test_csv.c — the CSV writer against printf("%.18e") and numpy.savetxt's
 * layout, on values where a formatter goes wrong: zero, negative zero,
 * subnormals, 1, and the doubles just below powers of ten (which must round
 * up to the next power in 19 significant digits, or not).
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "io_helpers.h"

static const double tricky[] = {
    0.0, -0.0, 1.0, 0.5, 0.1, 1.0 / 3.0, 2.0 / 3.0,
    4.9406564584124654e-324,    /* smallest subnormal */
    2.2250738585072009e-308,    /* largest subnormal */
    2.2250738585072014e-308,    /* smallest normal */
    0.99999999999999989,        /* nextafter(1, 0) */
    9.9999999999999982,         /* nextafter(10, 0) */
    0.099999999999999992,       /* nextafter(0.1, 0) */
    0.0099999999999999985,
    1e-5, 0.25, 0.75, 0.02, 0.98,
};
enum { TRICKY_COUNT = sizeof tricky / sizeof tricky[0] };

START_TEST(test_value_matches_printf)
{
    char ours[CSV_VALUE_MAX + 1], theirs[64];
    for (size_t i = 0; i < TRICKY_COUNT; i++) {
        size_t n = csv_format_value(ours, tricky[i]);
        int m = snprintf(theirs, sizeof theirs, "%.18e", tricky[i]);
        ck_assert_str_eq(ours, theirs);
        ck_assert_uint_eq(n, (size_t)m);
    }
    double below_powers[] = {nextafter(1.0, 0.0), nextafter(10.0, 0.0), nextafter(1e-3, 0.0),
                             nextafter(100.0, 0.0), DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MIN};
    for (size_t i = 0; i < sizeof below_powers / sizeof below_powers[0]; i++) {
        csv_format_value(ours, below_powers[i]);
        snprintf(theirs, sizeof theirs, "%.18e", below_powers[i]);
        ck_assert_str_eq(ours, theirs);
    }
}
END_TEST

/* A few exact strings, so the test does not only compare printf with itself. */
START_TEST(test_value_known_strings)
{
    char out[CSV_VALUE_MAX + 1];
    csv_format_value(out, 0.0);
    ck_assert_str_eq(out, "0.000000000000000000e+00");
    csv_format_value(out, -0.0);
    ck_assert_str_eq(out, "-0.000000000000000000e+00");
    csv_format_value(out, 1.0);
    ck_assert_str_eq(out, "1.000000000000000000e+00");
    csv_format_value(out, 4.9406564584124654e-324);
    ck_assert_str_eq(out, "4.940656458412465442e-324");
    csv_format_value(out, 0.99999999999999989);
    ck_assert_str_eq(out, "9.999999999999998890e-01");
    csv_format_value(out, 0.1);
    ck_assert_str_eq(out, "1.000000000000000056e-01");
}
END_TEST

/* probabilities (rows × cols × 4) holding the tricky values in class 1. */
static double *tricky_matrix(size_t rows, size_t cols)
{
    double *p = calloc(rows * cols * 4, sizeof *p);
    for (size_t i = 0; i < rows * cols; i++)
        p[i * 4 + 1] = tricky[i % TRICKY_COUNT];
    return p;
}

/* What numpy.savetxt writes for class 1 tiled factor × factor. */
static char *expected_text(const double *p, size_t rows, size_t cols, size_t factor)
{
    size_t capacity = rows * factor * cols * factor * 32 + 1, used = 0;
    char *text = malloc(capacity);
    for (size_t out_row = 0; out_row < rows * factor; out_row++)
        for (size_t out_col = 0; out_col < cols * factor; out_col++)
            used += (size_t)snprintf(text + used, capacity - used, "%.18e%s",
                                     p[((out_row % rows) * cols + out_col % cols) * 4 + 1],
                                     out_col + 1 < cols * factor ? " " : "\n");
    return text;
}

static void check_tiled(size_t rows, size_t cols, size_t factor)
{
    char *dir = temp_dir_make();
    ck_assert_ptr_nonnull(dir);
    const char *path = path_join(dir, "1.csv", NULL);
    double *p = tricky_matrix(rows, cols);
    struct csv_text text;
    ck_assert_int_eq(csv_text_format(p, rows, cols, 4, 1, &text), 0);
    unsigned long long written = 0;
    ck_assert_int_eq(csv_write_tiled(path, &text, factor, &written), 0);
    size_t length;
    char *got = file_read(path, &length);
    char *want = expected_text(p, rows, cols, factor);
    ck_assert_ptr_nonnull(got);
    ck_assert_uint_eq(length, strlen(want));
    ck_assert_uint_eq(written, length);
    ck_assert_str_eq(got, want);
    free(got);
    free(want);
    free(p);
    csv_text_free(&text);
    temp_dir_remove(dir);
    free(dir);
}

START_TEST(test_tiled_lines_factor_1)
{
    check_tiled(4, 5, 1);
}
END_TEST

START_TEST(test_tiled_lines_factor_3)
{
    check_tiled(4, 5, 3);
}
END_TEST

START_TEST(test_single_value)
{
    check_tiled(1, 1, 1);
    check_tiled(1, 1, 2);
}
END_TEST

/* Rows longer than the write buffer's flush point are split across writes correctly. */
START_TEST(test_many_rows)
{
    check_tiled(300, 257, 2);
}
END_TEST

START_TEST(test_unwritable_path_fails)
{
    double p[4] = {0};
    struct csv_text text;
    ck_assert_int_eq(csv_text_format(p, 1, 1, 4, 0, &text), 0);
    ck_assert_int_eq(csv_write_tiled("/nonexistent-dir/0.csv", &text, 1, NULL), -1);
    csv_text_free(&text);
}
END_TEST

TCase *csv_tcase(void)
{
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, test_value_matches_printf);
    tcase_add_test(tc, test_value_known_strings);
    tcase_add_test(tc, test_tiled_lines_factor_1);
    tcase_add_test(tc, test_tiled_lines_factor_3);
    tcase_add_test(tc, test_single_value);
    tcase_add_test(tc, test_many_rows);
    tcase_add_test(tc, test_unwritable_path_fails);
    return tc;
}
