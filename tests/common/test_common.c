/*
 * test_common.c — Check tests of common/: the reference kernel (docs/spec.md §2 on
 * crafted pixels), the command line, overflow checks, the big allocator,
 * atomic writes, PNG output and which HDF5 files
 * can be read directly (hdf5_input_direct).
 */
#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "bigalloc.h"
#include "checked.h"
#include "error.h"
#include "hdf5_input.h"
#include "options.h"
#include "reference.h"
#include "report.h"
#include "testdata.h"
#include "../support/check_run.h"

/* Colour-codes one pixel with the reference and returns its three channels. */
static void reference_pixel(double p0, double p1, double p2, double p3, uint8_t rgb[3])
{
    double p[4] = {p0, p1, p2, p3};
    reference_colorcode(p, 1, rgb);
}

static void assert_rgb(const uint8_t rgb[3], int r, int g, int b)
{
    ck_assert_int_eq(rgb[0], r);
    ck_assert_int_eq(rgb[1], g);
    ck_assert_int_eq(rgb[2], b);
}

START_TEST(reference_picks_strict_maximum)
{
    uint8_t rgb[3];
    reference_pixel(0.1, 0.2, 0.6, 0.1, rgb);
    assert_rgb(rgb, 153, 0, 0);               /* class 2 red, 255 × 0.6 = 153 */
    reference_pixel(0.5, 0.5, 0.0, 0.0, rgb);  /* tie keeps the first: blue */
    assert_rgb(rgb, 0, 0, 127);
    reference_pixel(0.1, 0.1, 0.1, 0.7, rgb);  /* cyan */
    assert_rgb(rgb, 0, 178, 178);
}
END_TEST

START_TEST(reference_black_for_zero_negative_nan)
{
    uint8_t rgb[3];
    reference_pixel(0, 0, 0, 0, rgb);
    assert_rgb(rgb, 0, 0, 0);
    reference_pixel(-1, -0.5, -2, -3, rgb);
    assert_rgb(rgb, 0, 0, 0);
    reference_pixel(NAN, NAN, NAN, NAN, rgb);
    assert_rgb(rgb, 0, 0, 0);
    reference_pixel(NAN, 0.25, NAN, -1, rgb);  /* NaN never wins */
    assert_rgb(rgb, 0, 63, 0);
}
END_TEST

START_TEST(reference_clamps_above_one)
{
    uint8_t rgb[3];
    reference_pixel(0, 1.5, 0, 0, rgb);
    assert_rgb(rgb, 0, 255, 0);
    reference_pixel(0, 0, 0, INFINITY, rgb);   /* 0 × inf is NaN: counts as 0 */
    assert_rgb(rgb, 0, 255, 255);
    reference_pixel(1e308, 0, 0, 0, rgb);
    assert_rgb(rgb, 0, 0, 255);
    reference_pixel(1.0, 0, 0, 0, rgb);
    assert_rgb(rgb, 0, 0, 255);
}
END_TEST

START_TEST(reference_truncates)
{
    uint8_t rgb[3];
    reference_pixel(0, 0.999999, 0, 0, rgb);    /* 254.99974… truncates to 254 */
    assert_rgb(rgb, 0, 254, 0);
    reference_pixel(4.9e-324, 0, 0, 0, rgb);    /* subnormal: positive, tiny */
    assert_rgb(rgb, 0, 0, 0);
}
END_TEST

static int parse(struct options *options, int argc, const char **argv)
{
    error_clear();
    return options_parse(argc, (char **)argv, options);
}

START_TEST(options_defaults_and_values)
{
    struct options o;
    const char *plain[] = {"main", "v3"};
    ck_assert_int_eq(parse(&o, 2, plain), 0);
    ck_assert_str_eq(o.version, "v3");
    ck_assert_str_eq(o.data_dir, "data/s");
    ck_assert_int_eq(o.repeat, 1);
    ck_assert_uint_eq(o.chunk_size, 1024);
    ck_assert(o.hugepages);
    const char *full[] = {"main", "v7", "--data", "d", "--repeat", "5", "--warmup", "2",
                          "--threads", "2", "--chunk-size", "64", "--json", "--no-hugepages",
                          "--out", "a.png", "--show", "b.png", "--rss-trace", "t.dat"};
    ck_assert_int_eq(parse(&o, 20, full), 0);
    ck_assert_str_eq(o.data_dir, "d");
    ck_assert_int_eq(o.repeat, 5);
    ck_assert_int_eq(o.warmup, 2);
    ck_assert_int_eq(o.threads, 2);
    ck_assert_uint_eq(o.chunk_size, 64);
    ck_assert(o.json && !o.hugepages);
    ck_assert_str_eq(o.out_png, "a.png");
    ck_assert_str_eq(o.show_png, "b.png");
    ck_assert_str_eq(o.rss_trace, "t.dat");
    const char *verify[] = {"main", "verify", "--data", "x"};
    ck_assert_int_eq(parse(&o, 4, verify), 0);
    ck_assert_int_eq(o.command, COMMAND_VERIFY);
    ck_assert_ptr_null(o.version);
    const char *verify_one[] = {"main", "verify", "v3", "--data", "x"};
    ck_assert_int_eq(parse(&o, 5, verify_one), 0);
    ck_assert_int_eq(o.command, COMMAND_VERIFY);
    ck_assert_str_eq(o.version, "v3");
    const char *verify_two[] = {"main", "verify", "v3", "v4"};
    ck_assert_int_eq(parse(&o, 4, verify_two), -1);
    ck_assert_ptr_nonnull(strstr(error_message(), "\"v4\""));
}
END_TEST

START_TEST(options_refuse_bad_numbers)
{
    struct options o;
    const char *zero[] = {"main", "v4", "--chunk-size", "0"};
    ck_assert_int_eq(parse(&o, 4, zero), -1);
    ck_assert_ptr_nonnull(strstr(error_message(), "--chunk-size"));
    ck_assert_ptr_nonnull(strstr(error_message(), "\"0\""));
    const char *negative[] = {"main", "v4", "--chunk-size", "-5"};
    ck_assert_int_eq(parse(&o, 4, negative), -1);
    const char *words[] = {"main", "v4", "--chunk-size", "1k"};
    ck_assert_int_eq(parse(&o, 4, words), -1);
    const char *threads[] = {"main", "v5", "--threads", "0"};
    ck_assert_int_eq(parse(&o, 4, threads), -1);
    ck_assert_ptr_nonnull(strstr(error_message(), "--threads"));
    const char *missing[] = {"main", "v5", "--data"};
    ck_assert_int_eq(parse(&o, 3, missing), -1);
    ck_assert_ptr_nonnull(strstr(error_message(), "needs a value"));
    const char *unknown[] = {"main", "v5", "--fast"};
    ck_assert_int_eq(parse(&o, 3, unknown), -1);
    ck_assert_ptr_nonnull(strstr(error_message(), "--fast"));
    ck_assert_ptr_null(strstr(error_message(), "did you mean"));   /* nothing near it */
    /* a mistyped option: the nearest one is suggested */
    const char *typos[][2] = {{"--thread", "--threads"}, {"--chunksize", "--chunk-size"},
                              {"--jsno", "--json"}, {"--no-hugepage", "--no-hugepages"}};
    for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
        const char *typo[] = {"main", "v5", typos[i][0], "2"};
        char expected[64];
        snprintf(expected, sizeof expected, "did you mean %s?", typos[i][1]);
        ck_assert_int_eq(parse(&o, 4, typo), -1);
        ck_assert_msg(strstr(error_message(), expected), "%s: %s", typos[i][0], error_message());
    }
    const char *none[] = {"main"};
    ck_assert_int_eq(parse(&o, 1, none), -1);
    const char *two[] = {"main", "v1", "v2"};
    ck_assert_int_eq(parse(&o, 3, two), -1);
}
END_TEST

START_TEST(checked_size_overflow_names_sizes)
{
    size_t out = 0;
    error_clear();
    ck_assert_int_eq(checked_size3(960, 1280, 4, "x", &out), 0);
    ck_assert_uint_eq(out, 960u * 1280u * 4u);
    ck_assert_int_eq(checked_size3((size_t)1 << 40, (size_t)1 << 30, 4, "probabilities", &out), -1);
    ck_assert_ptr_nonnull(strstr(error_message(), "probabilities"));
    ck_assert_ptr_nonnull(strstr(error_message(), "overflows"));
    error_clear();
}
END_TEST

START_TEST(big_alloc_small_large_and_failing)
{
    error_clear();
    size_t small = 1000, large = 64u << 20;
    unsigned char *a = big_alloc(small), *b = big_alloc(large);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq((uintptr_t)b % (2u << 20), 0);   /* huge-page aligned */
    memset(a, 1, small);
    memset(b, 2, large);
    ck_assert_int_eq(b[large - 1], 2);
    big_free(a);
    big_free(b);
    /* the block knew its size: all of it is unmapped, the header's page too
     * (msync fails with ENOMEM on an address that is not mapped) */
    ck_assert_int_eq(msync(b + large - 4096, 4096, MS_ASYNC), -1);
    ck_assert_int_eq(msync(b - 4096, 4096, MS_ASYNC), -1);
    big_free(NULL);
    for (size_t bytes = (1u << 20) - 1; bytes <= (1u << 20) + 1; bytes++) {  /* the threshold */
        unsigned char *c = big_alloc(bytes);
        ck_assert_ptr_nonnull(c);
        memset(c, 3, bytes);
        big_free(c);
    }
    ck_assert_ptr_null(big_alloc_array(SIZE_MAX / 2, 4, "the probabilities"));
    ck_assert_ptr_nonnull(strstr(error_message(), "the probabilities"));
    error_clear();
    ck_assert_ptr_null(big_alloc((size_t)1 << 62));   /* 4 EiB: mmap refuses */
    ck_assert_ptr_nonnull(strstr(error_message(), "4611686018427387904 bytes"));
    error_clear();
}
END_TEST

START_TEST(atomic_commit_and_abandon)
{
    char dir[] = "/tmp/por-test-XXXXXX", path[256], temp[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/out.png", dir);
    ck_assert_int_eq(atomic_temp_name(path, temp, sizeof temp), 0);
    ck_assert_ptr_nonnull(strstr(temp, "/.out.png.tmp-"));
    FILE *f = fopen(temp, "w");
    fputs("x", f);
    fclose(f);
    ck_assert_int_eq(access(path, F_OK), -1);   /* nothing under the real name yet */
    ck_assert_int_eq(atomic_commit(temp, path), 0);
    ck_assert_int_eq(access(path, F_OK), 0);
    ck_assert_int_eq(access(temp, F_OK), -1);
    f = fopen(temp, "w");
    fclose(f);
    atomic_abandon(temp);
    ck_assert_int_eq(access(temp, F_OK), -1);
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(median_of_odd_and_even)
{
    double odd[] = {5, 1, 3}, even[] = {4, 1, 3, 2};
    ck_assert_double_eq(median_of(odd, 3), 3);
    ck_assert_double_eq(median_of(even, 4), 2.5);
    ck_assert(isnan(median_of(odd, 0)));   /* nothing to take a median of: no figure */
}
END_TEST

/* ---- hdf5_input_direct: which files can be read without HDF5 --------------- */

/* Opens dir's probabilities and asks hdf5_input_direct; on yes, checks with
 * pread that the values really start at the offset it gave. */
static int direct_verdict(const char *dir, const double *values, size_t count, off_t *offset)
{
    struct hdf5_input input;
    ck_assert_msg(hdf5_open_probabilities(dir, &input) == 0, "%s", error_message());
    *offset = -1;
    int direct = hdf5_input_direct(&input, offset);
    ck_assert(!error_pending());
    if (direct) {
        double *read = malloc(count * sizeof *read);
        ck_assert_ptr_nonnull(read);
        int fd = open(input.path, O_RDONLY);
        ck_assert_int_ge(fd, 0);
        ssize_t got = pread(fd, read, count * sizeof *read, *offset);
        close(fd);
        ck_assert_int_eq(got, (ssize_t)(count * sizeof *read));
        ck_assert_msg(memcmp(read, values, count * sizeof *read) == 0,
                      "the bytes at offset %lld are not the values", (long long)*offset);
        free(read);
    } else {
        hdf5_input_direct_error(&input);
    }
    hdf5_input_close(&input);
    return direct;
}

/* docs/spec.md §3's layout can be read directly, with or without a userblock; every
 * other way of storing the values cannot, and the message says what was found.
 * The userblock case checks, rather than assumes, that HDF5 1.10's
 * H5Dget_offset counts from the start of the file, userblock included. */
START_TEST(direct_read_only_where_the_bytes_lie_plainly)
{
    enum { HH = 6, WW = 5, COUNT = HH * WW * 4 };
    double values[COUNT];
    for (size_t i = 0; i < COUNT; i++)
        values[i] = (double)i * 0.125 - 1.0;
    static const char *const found[] = {
        [TD_CHUNKED] = "found chunked layout", [TD_DEFLATED] = "found chunked layout",
        [TD_BIG_ENDIAN] = "found float64, big-endian",
        [TD_EXTERNAL] = "found its values in 1 external file",
    };
    off_t plain_offset = -1;
    for (enum td_storage storage = TD_CONTIGUOUS; storage <= TD_USERBLOCK; storage++) {
        char *dir = td_make_dir("direct");
        ck_assert_int_eq(td_write_stored_hdf5(dir, values, HH, WW, storage, 4), 0);
        off_t offset;
        int direct = direct_verdict(dir, values, COUNT, &offset);
        char *file = td_path(dir, "data.hdf5");
        if (storage == TD_CONTIGUOUS || storage == TD_USERBLOCK) {
            ck_assert_msg(direct == 1, "%s: not direct: %s", td_storage_name(storage),
                          error_message());
            if (storage == TD_CONTIGUOUS)
                plain_offset = offset;
            else
                ck_assert_int_eq(offset, plain_offset + 4096);
        } else {
            ck_assert_msg(direct == 0, "%s: direct", td_storage_name(storage));
            char expected[4096];
            snprintf(expected, sizeof expected, "%s: dataset \"probabilities\": cannot be read "
                     "directly: expected contiguous, unfiltered little-endian float64 stored "
                     "in this file, %s", file, found[storage]);
            ck_assert_str_eq(error_message(), expected);
            error_clear();
        }
        free(file);
        td_remove_dir(dir);
    }
}
END_TEST

/* Neither a float32 map nor a contiguous one never written (read as fill values). */
START_TEST(direct_read_refuses_float32_and_unwritten)
{
    float single[2 * 3 * 4] = {0.5f};
    const struct td_dataset sets[] = {
        {"probabilities", H5T_IEEE_F32LE, 3, {2, 3, 4}, false, single},
        {"probabilities", H5T_IEEE_F64LE, 3, {2, 3, 4}, false, NULL},
    };
    const char *found[] = {"found float32, little-endian", "found no values stored"};
    for (size_t i = 0; i < 2; i++) {
        char *dir = td_make_dir("direct");
        ck_assert_int_eq(td_write_hdf5(dir, &sets[i], 1), 0);
        off_t offset;
        ck_assert_int_eq(direct_verdict(dir, NULL, 0, &offset), 0);
        ck_assert_msg(strstr(error_message(), found[i]) != NULL, "%s", error_message());
        error_clear();
        td_remove_dir(dir);
    }
}
END_TEST


Suite *common_suite(void)
{
    Suite *suite = suite_create("common");
    TCase *reference = tcase_create("reference");
    tcase_add_test(reference, reference_picks_strict_maximum);
    tcase_add_test(reference, reference_black_for_zero_negative_nan);
    tcase_add_test(reference, reference_clamps_above_one);
    tcase_add_test(reference, reference_truncates);
    suite_add_tcase(suite, reference);
    TCase *options = tcase_create("options");
    tcase_add_test(options, options_defaults_and_values);
    tcase_add_test(options, options_refuse_bad_numbers);
    suite_add_tcase(suite, options);
    TCase *memory = tcase_create("memory");
    tcase_add_test(memory, checked_size_overflow_names_sizes);
    tcase_add_test(memory, big_alloc_small_large_and_failing);
    suite_add_tcase(suite, memory);
    TCase *files = tcase_create("files");
    tcase_add_test(files, atomic_commit_and_abandon);
    tcase_add_test(files, median_of_odd_and_even);
    suite_add_tcase(suite, files);
    TCase *hdf5 = tcase_create("hdf5");
    tcase_add_test(hdf5, direct_read_only_where_the_bytes_lie_plainly);
    tcase_add_test(hdf5, direct_read_refuses_float32_and_unwritten);
    suite_add_tcase(suite, hdf5);
    return suite;
}

int main(void)
{
    hdf5_input_quiet();
    return check_run(common_suite());
}
