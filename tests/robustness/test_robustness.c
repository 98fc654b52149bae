/*
 * test_robustness.c — every bad input (a broken data folder, a bad command line), run through ./main.
 *
 * Each test builds a broken data folder (or a bad command line), runs
 * build/main as a child process for every version that reads that input, and
 * asserts the exit code (0 ok, 1 data or I/O, 2 usage) and the one line on
 * stderr: it starts with "main: ", names the file and the dataset, and says
 * what was expected and what was found.  Where the exact wording is the
 * contract (HDF5 checks in common/, v0's CSV messages) the whole line is
 * compared; elsewhere the parts that must be there.
 *
 * Inputs that must be accepted (CRLF, no final newline, nan/inf tokens, a
 * 10 MB line, a chunk larger than the image) are run in-process through the
 * version itself and compared with reference_colorcode().  After every failed
 * --out/--show the output folder is checked for leftovers: nothing half-written.
 */
#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "hdf5_input.h"
#include "reference.h"
#include "testdata.h"
#include "ladder.h"
#include "../support/check_run.h"

enum { EXIT_OK_ = 0, EXIT_DATA_ = 1, EXIT_USAGE_ = 2 };

/* A small valid map: 5 × 7 pixels of ordinary probabilities. */
enum { H = 5, W = 7 };

static double *small_values(size_t height, size_t width)
{
    double *values = malloc(height * width * 4 * sizeof *values);
    ck_assert_ptr_nonnull(values);
    for (size_t i = 0; i < height * width * 4; i++)
        values[i] = (double)((i * 37) % 101) / 100.0;
    return values;
}

/* A folder with a valid data.hdf5 and valid CSVs of H × W pixels. */
static char *valid_dir(const char *tag)
{
    char *dir = td_make_dir(tag);
    ck_assert_ptr_nonnull(dir);
    double *values = small_values(H, W);
    ck_assert_int_eq(td_write_probabilities_hdf5(dir, values, H, W), 0);
    ck_assert_int_eq(td_write_csv(dir, values, H, W), 0);
    free(values);
    return dir;
}

/* ---- running ./main and checking its answer -------------------------------- */

static struct td_result run_main(long vm_limit_kb, const char *first, ...)
{
    const char *args[32];
    size_t count = 0;
    va_list list;
    va_start(list, first);
    for (const char *arg = first; arg != NULL && count < 31; arg = va_arg(list, const char *))
        args[count++] = arg;
    va_end(list);
    args[count] = NULL;
    struct td_result result;
    ck_assert_int_eq(td_run_main(args, vm_limit_kb, &result), 0);
    return result;
}

/* One line, "main: " first, the exit code asked for. */
static void assert_one_line(const struct td_result *result, int exit_code, const char *context)
{
    ck_assert_msg(result->exit_code == exit_code, "%s: exit code %d, expected %d; stderr: %s",
                  context, result->exit_code, exit_code, result->err);
    ck_assert_msg(strncmp(result->err, "main: ", 6) == 0,
                  "%s: stderr does not start with \"main: \": %s", context, result->err);
    ck_assert_msg(result->err_lines == 1 && result->err[strlen(result->err) - 1] == '\n',
                  "%s: expected exactly one line on stderr, found %d: %s", context,
                  result->err_lines, result->err);
}

/* Exactly this line: "main: " + the formatted message + "\n". */
static void assert_message(const struct td_result *result, int exit_code, const char *context,
                           const char *format, ...) __attribute__((format(printf, 4, 5)));

static void assert_message(const struct td_result *result, int exit_code, const char *context,
                           const char *format, ...)
{
    assert_one_line(result, exit_code, context);
    char expected[4096];
    va_list list;
    va_start(list, format);
    vsnprintf(expected, sizeof expected, format, list);
    va_end(list);
    char line[4200];
    snprintf(line, sizeof line, "main: %s\n", expected);
    ck_assert_msg(strcmp(result->err, line) == 0, "%s:\n  got      %s  expected %s", context,
                  result->err, line);
}

/* The line contains every one of the NULL-terminated fragments. */
static void assert_mentions(const struct td_result *result, int exit_code, const char *context,
                            ...)
{
    assert_one_line(result, exit_code, context);
    va_list list;
    va_start(list, context);
    for (const char *part = va_arg(list, const char *); part; part = va_arg(list, const char *))
        ck_assert_msg(strstr(result->err, part) != NULL, "%s: message lacks \"%s\": %s",
                      context, part, result->err);
    va_end(list);
}

/* The versions (and the floor) that read data.hdf5. */
static const struct version_info *hdf5_reader(size_t i)
{
    return strcmp(ladder[i].kind, "csv") != 0 ? &ladder[i] : NULL;
}

/* Memory bounded by a tile or a band, the output handed over band by band:
 * `bounded` in ladder.tsv. */
static bool bounded(size_t i)
{
    return ladder[i].bounded;
}

/* The floor reads the bytes straight from the file (pread at their offset):
 * a dataset stored any other way gets one line saying why, never a read. */
static bool direct_only(size_t i)
{
    return strcmp(ladder[i].name, "floor") == 0;
}

/* The floor's line for a dataset that cannot be read directly, `found` what it is. */
static void assert_not_direct(const struct td_result *result, const char *file,
                              const char *found)
{
    assert_message(result, EXIT_DATA_, "floor", "%s: dataset \"probabilities\": cannot be "
                   "read directly: expected contiguous, unfiltered little-endian float64 "
                   "stored in this file, found %s", file, found);
}

/* Which versions a bad input concerns. */
enum which { HDF5_READERS, IMAGE_MAKERS, CHUNKED, WHOLE_IMAGE };

static bool selected(size_t i, enum which which)
{
    switch (which) {
    case HDF5_READERS: return hdf5_reader(i) != NULL;
    case IMAGE_MAKERS: return ladder_is_step(&ladder[i]);
    case WHOLE_IMAGE: return hdf5_reader(i) != NULL && !bounded(i);
    default: return ladder[i].chunked;
    }
}

/* Runs every step that reads data.hdf5 on `dir` in-process and lists, in
 * `failures`, each one that fails or differs from `expected`; returns the
 * length written (0: every step gave the expected image). */
static size_t steps_that_differ(const char *dir, size_t chunk, const uint8_t *expected,
                                size_t height, size_t width, char *failures, size_t size)
{
    size_t used = 0;
    for (size_t i = 0; i < ladder_length; i++) {
        if (!selected(i, HDF5_READERS) || !ladder_is_step(&ladder[i]))
            continue;
        struct step_input args = {dir, chunk};
        struct rgb_image image = {0};
        error_clear();
        int status = ladder[i].run(&args, &image);
        bool same = status == 0 && image.height == height && image.width == width &&
                    memcmp(image.pixels, expected, height * width * 3) == 0;
        if (!same && used < size)
            used += (size_t)snprintf(failures + used, size - used, " %s%s%s", ladder[i].name,
                                     status ? ": " : " (differs)", status ? error_message() : "");
        rgb_image_free(&image);
    }
    return used;
}

/* Runs `main VERSION --data dir [extra…]` for every selected version at once
 * (starting ./main takes a fifth of a second here, mostly waiting); results[i]
 * belongs to ladder[i].  `extra` holds up to four more arguments, NULL-ended. */
static void run_versions(enum which which, long vm_limit_kb, const char *dir,
                         const char *const *extra, struct td_result *results)
{
    struct td_child children[ladder_length];  /* one per row, however long the ladder */
    for (size_t i = 0; i < ladder_length; i++) {
        if (!selected(i, which))
            continue;
        const char *args[8] = {ladder[i].name, "--data", dir};
        for (size_t e = 0; extra && extra[e] && e < 4; e++)
            args[3 + e] = extra[e];
        ck_assert_int_eq(td_start_main(args, vm_limit_kb, &children[i]), 0);
    }
    for (size_t i = 0; i < ladder_length; i++)
        if (selected(i, which))
            ck_assert_int_eq(td_finish_main(&children[i], &results[i]), 0);
}

/* Every HDF5 reader on `dir` gets exactly `format`'s line and exit code 1. */
static void assert_hdf5_readers_say(const char *dir, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void assert_hdf5_readers_say(const char *dir, const char *format, ...)
{
    char expected[4096];
    va_list list;
    va_start(list, format);
    vsnprintf(expected, sizeof expected, format, list);
    va_end(list);
    struct td_result results[ladder_length];
    run_versions(HDF5_READERS, 0, dir, NULL, results);
    for (size_t i = 0; i < ladder_length; i++)
        if (selected(i, HDF5_READERS))
            assert_message(&results[i], EXIT_DATA_, ladder[i].name, "%s", expected);
}

/* The folder holds exactly `count` entries: no temporary file was left behind. */
static void assert_entries(const char *dir, int count)
{
    ck_assert_int_eq(td_count_entries(dir), count);
}

/* ---- the data folder and data.hdf5 ------------------------------------------ */

START_TEST(missing_data_directory)
{
    char *dir = td_make_dir("rob");
    char *missing = td_path(dir, "no-such-size");
    /* ./main answers before any step opens a file (common/data_dir.c): the
     * folder is not a standard size, so nothing is generated, and the line
     * names the sizes there are. */
    assert_hdf5_readers_say(missing, "%s: data directory not found, and \"no-such-size\" is not "
                            "a size (the sizes: s, m, l, xl, xxl; `main list --sizes`): point --data "
                            "at one of them, e.g. --data %s/s", missing, dir);
    struct td_result result = run_main(0, "v0", "--data", missing, NULL);
    assert_mentions(&result, EXIT_DATA_, "v0", missing, "data directory not found", NULL);
    ck_assert_int_eq(td_count_entries(dir), 0);
    free(missing);
    td_remove_dir(dir);
}
END_TEST

START_TEST(data_is_a_file_not_a_directory)
{
    char *dir = valid_dir("rob");
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(file, "%s: not a directory", file);
    struct td_result result = run_main(0, "v0", "--data", file, NULL);
    assert_mentions(&result, EXIT_DATA_, "v0", file, "Not a directory", NULL);
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(missing_hdf5_file)
{
    char *dir = valid_dir("rob");
    char *file = td_path(dir, "data.hdf5");
    remove(file);
    assert_hdf5_readers_say(dir, "%s: cannot open: No such file or directory", file);
    /* v0 reads only the CSVs: it does not need data.hdf5 */
    struct td_result result = run_main(0, "v0", "--data", dir, NULL);
    ck_assert_msg(result.exit_code == 0, "v0 without data.hdf5: %s", result.err);
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(missing_csv_file)
{
    char *dir = valid_dir("rob");
    char *file = td_path(dir, "2.csv");
    remove(file);
    struct td_result result = run_main(0, "v0", "--data", dir, NULL);
    assert_message(&result, EXIT_DATA_, "v0", "%s: cannot open: No such file or directory", file);
    /* the HDF5 readers do not need the CSVs */
    result = run_main(0, "v1", "--data", dir, NULL);
    ck_assert_msg(result.exit_code == 0, "v1 without 2.csv: %s", result.err);
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(not_an_hdf5_file)
{
    char *dir = valid_dir("rob");
    static const char text[] = "image,probabilities\n1,2\n";
    ck_assert_int_eq(td_write_file(dir, "data.hdf5", text, sizeof text - 1), 0);
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: not an HDF5 file", file);
    ck_assert_int_eq(td_write_file(dir, "data.hdf5", "", 0), 0);
    assert_hdf5_readers_say(dir, "%s: not an HDF5 file", file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(truncated_hdf5_file)
{
    char *dir = valid_dir("rob");
    char *file = td_path(dir, "data.hdf5");
    long size = td_file_size(dir, "data.hdf5");
    ck_assert_int_gt(size, 2000);
    /* cut inside the data, then inside the metadata, then inside the superblock */
    long cuts[] = {size - 100, size / 2, 1500, 40};
    for (size_t c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
        ck_assert_int_eq(td_truncate(dir, "data.hdf5", cuts[c]), 0);
        struct td_result results[ladder_length];
        run_versions(HDF5_READERS, 0, dir, NULL, results);
        for (size_t i = 0; i < ladder_length; i++) {
            if (!selected(i, HDF5_READERS))
                continue;
            char context[64];
            snprintf(context, sizeof context, "%s, cut at %ld bytes", ladder[i].name, cuts[c]);
            assert_mentions(&results[i], EXIT_DATA_, context, file, NULL);
            ck_assert_msg(strstr(results[i].err, "truncated") ||
                          strstr(results[i].err, "not an HDF5"),
                          "%s: message does not say truncated: %s", context, results[i].err);
        }
    }
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(missing_dataset)
{
    char *dir = valid_dir("rob");
    static const uint8_t pixel[3] = {1, 2, 3};
    struct td_dataset image_only = {"image", H5T_STD_U8LE, 3, {1, 1, 3}, false, pixel};
    ck_assert_int_eq(td_write_hdf5(dir, &image_only, 1), 0);
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\" not found", file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

/* probabilities written as `set` (its name is filled in). */
static char *dir_with_probabilities(struct td_dataset set)
{
    char *dir = td_make_dir("rob");
    ck_assert_ptr_nonnull(dir);
    set.name = "probabilities";
    ck_assert_int_eq(td_write_hdf5(dir, &set, 1), 0);
    return dir;
}

START_TEST(wrong_rank)
{
    double values[H * W * 4] = {0};
    char *dir = dir_with_probabilities(
        (struct td_dataset){NULL, H5T_IEEE_F64LE, 2, {H, W * 4}, false, values});
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\": expected 3 dimensions "
                            "(H, W, 4), found 2", file);
    free(file);
    td_remove_dir(dir);

    dir = dir_with_probabilities(
        (struct td_dataset){NULL, H5T_IEEE_F64LE, 4, {1, H, W, 4}, false, values});
    file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\": expected 3 dimensions "
                            "(H, W, 4), found 4", file);
    free(file);
    td_remove_dir(dir);

    dir = dir_with_probabilities(
        (struct td_dataset){NULL, H5T_IEEE_F64LE, 0, {0}, false, values});
    file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\": expected 3 dimensions "
                            "(H, W, 4), found 0", file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(three_classes_instead_of_four)
{
    double values[H * W * 3] = {0};
    char *dir = dir_with_probabilities(
        (struct td_dataset){NULL, H5T_IEEE_F64LE, 3, {H, W, 3}, false, values});
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\": expected shape (H, W, 4), "
                            "found (5, 7, 3)", file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(empty_shape)
{
    char *dir = dir_with_probabilities(
        (struct td_dataset){NULL, H5T_IEEE_F64LE, 3, {0, W, 4}, false, NULL});
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\": empty image, shape (0, 7, 4)",
                            file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(integer_dtype)
{
    int32_t values[H * W * 4] = {0};
    char *dir = dir_with_probabilities(
        (struct td_dataset){NULL, H5T_STD_I32LE, 3, {H, W, 4}, false, values});
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\": expected float64 values, "
                            "found integer (4 bytes)", file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

START_TEST(string_dtype)
{
    static char values[H * W * 4][8];
    for (size_t i = 0; i < H * W * 4; i++)
        strcpy(values[i], "0.5");
    char *dir = dir_with_probabilities(
        (struct td_dataset){NULL, 0, 3, {H, W, 4}, false, values});
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\": expected float64 values, "
                            "found string (8 bytes)", file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

/* Written by another tool: float32, or float64 big-endian.  The loaders let
 * HDF5 convert to native doubles; every version must give the reference image
 * of the converted values. */
static void assert_float_variant_accepted(hid_t file_type, const void *data,
                                          const double *as_double, const char *context)
{
    enum { HV = 7, WV = 9 };
    char *dir = dir_with_probabilities(
        (struct td_dataset){NULL, file_type, 3, {HV, WV, 4}, false, data});
    uint8_t expected[HV * WV * 3];
    reference_colorcode(as_double, HV * WV, expected);
    char failures[2048] = "";
    size_t used = steps_that_differ(dir, 4, expected, HV, WV, failures, sizeof failures);
    td_remove_dir(dir);
    ck_assert_msg(used == 0, "%s not read right by:%s", context, failures);
}

START_TEST(float32_and_big_endian_accepted)
{
    enum { N = 7 * 9 * 4 };
    float single[N];
    double converted[N];
    for (size_t i = 0; i < N; i++) {
        single[i] = (float)((i * 37) % 101) / 100.0f;
        converted[i] = single[i];
    }
    assert_float_variant_accepted(H5T_IEEE_F32LE, single, converted, "float32");
    double values[N];
    for (size_t i = 0; i < N; i++)
        values[i] = (double)((i * 53) % 103) / 102.0;
    assert_float_variant_accepted(H5T_IEEE_F64BE, values, values, "float64 big-endian");
}
END_TEST

/* The ways other tools store the map (tests/support: chunked, deflated,
 * big-endian, in an external file, behind a userblock): every step reads each
 * one bit for bit, in-process.  Then through ./main: every step and h5dread
 * exit 0 on each, and the floor, which reads the bytes straight from the file,
 * reads the plain and the userblock file and refuses the others with its one
 * line.  v9 reads the plain and the userblock file with pread and falls back to
 * H5Dread for the others (its README says why; tests/common checks which is which). */
START_TEST(every_storage_read_by_every_step)
{
    enum { HS = 23, WS = 29 };
    double *values = small_values(HS, WS);
    uint8_t expected[HS * WS * 3];
    reference_colorcode(values, HS * WS, expected);
    static const char *const found[] = {
        [TD_CHUNKED] = "chunked layout", [TD_DEFLATED] = "chunked layout",
        [TD_BIG_ENDIAN] = "float64, big-endian",
        [TD_EXTERNAL] = "its values in 1 external file",
    };
    for (enum td_storage storage = TD_CONTIGUOUS; storage <= TD_USERBLOCK; storage++) {
        char *dir = td_make_dir("rob");
        ck_assert_int_eq(td_write_stored_hdf5(dir, values, HS, WS, storage, 8), 0);
        char failures[2048] = "";
        size_t used = steps_that_differ(dir, 8, expected, HS, WS, failures, sizeof failures);
        error_clear();
        ck_assert_msg(used == 0, "%s file not read right by:%s", td_storage_name(storage),
                      failures);

        char *file = td_path(dir, "data.hdf5");
        struct td_result results[ladder_length];
        run_versions(HDF5_READERS, 0, dir, NULL, results);
        for (size_t i = 0; i < ladder_length; i++) {
            if (!selected(i, HDF5_READERS))
                continue;
            if (direct_only(i) && storage != TD_CONTIGUOUS && storage != TD_USERBLOCK) {
                assert_not_direct(&results[i], file, found[storage]);
                continue;
            }
            ck_assert_msg(results[i].exit_code == 0 && results[i].err[0] == '\0',
                          "main %s on the %s file: exit %d: %s", ladder[i].name,
                          td_storage_name(storage), results[i].exit_code, results[i].err);
        }
        free(file);
        td_remove_dir(dir);
    }
    free(values);
}
END_TEST

/* A deflate-compressed file whose last chunk is damaged: it opens and passes
 * every check, and the read fails in the middle — for the tiled versions at the
 * last tile, with v8's other threads' reads in flight.  First the intact file must
 * give the reference image, so the failure is the damage and nothing else. */
START_TEST(read_fails_in_the_middle)
{
    enum { SIDE = 40 };
    char *dir = td_make_dir("rob");
    double *values = small_values(SIDE, SIDE);
    ck_assert_int_eq(td_write_stored_hdf5(dir, values, SIDE, SIDE, TD_DEFLATED, 16), 0);
    uint8_t expected[SIDE * SIDE * 3];
    reference_colorcode(values, SIDE * SIDE, expected);
    free(values);
    for (size_t i = 0; i < ladder_length; i++) {
        if (!selected(i, HDF5_READERS) || !ladder_is_step(&ladder[i]))
            continue;
        struct step_input args = {dir, 16};
        struct rgb_image image = {0};
        error_clear();
        int status = ladder[i].run(&args, &image);
        bool same = status == 0 && memcmp(image.pixels, expected, sizeof expected) == 0;
        rgb_image_free(&image);
        ck_assert_msg(same, "%s on the intact deflated file: %s", ladder[i].name,
                      status ? error_message() : "image differs");
    }
    ck_assert_int_eq(td_corrupt_last_chunk(dir, "probabilities"), 0);
    char *file = td_path(dir, "data.hdf5");
    struct td_result results[ladder_length];
    run_versions(HDF5_READERS, 0, dir, (const char *const[]){"--chunk-size", "16", NULL},
                 results);
    for (size_t i = 0; i < ladder_length; i++) {
        if (direct_only(i))
            assert_not_direct(&results[i], file, "chunked layout");
        else if (selected(i, HDF5_READERS))
            assert_message(&results[i], EXIT_DATA_, ladder[i].name, "%s: dataset "
                           "\"probabilities\": read failed (file truncated or damaged?)", file);
    }
    /* The band steps wrote --out's first rows before the read failed: no PNG,
     * whole or half, and no temporary file may be left. */
    char *out = td_path(dir, "out.png");
    for (size_t i = 0; i < ladder_length; i++) {
        if (!bounded(i))
            continue;
        struct td_result result = run_main(0, ladder[i].name, "--data", dir, "--chunk-size",
                                           "16", "--out", out, NULL);
        ck_assert_msg(result.exit_code == EXIT_DATA_, "%s --out: exit %d", ladder[i].name,
                      result.exit_code);
        ck_assert_msg(td_count_entries(dir) == 1, "%s --out: %d entries in %s after a failed "
                      "read, expected data.hdf5 alone", ladder[i].name, td_count_entries(dir),
                      dir);
    }
    free(out);
    free(file);
    td_remove_dir(dir);
}
END_TEST

/* H × W × 4 × 8 bytes beyond size_t, declared by a chunked dataset that stores
 * nothing: (2^62, 2^62, 4), where even H × W overflows, and (2^30, 2^30, 4),
 * where H × W × 4 fits and only the bytes overflow (v1 once wrapped to a tiny
 * malloc there and crashed in H5Dread). */
static void assert_overflow_refused(hsize_t height, hsize_t width, const char *bytes,
                                    bool chunked)
{
    char *dir = dir_with_probabilities((struct td_dataset){
        NULL, H5T_IEEE_F64LE, 3, {height, width, 4}, chunked, NULL});
    char *file = td_path(dir, "data.hdf5");
    assert_hdf5_readers_say(dir, "%s: dataset \"probabilities\": shape (%llu, %llu, 4) needs %s "
                            "bytes as float64, more than size_t holds (18446744073709551615)",
                            file, (unsigned long long)height, (unsigned long long)width, bytes);
    free(file);
    td_remove_dir(dir);
}

START_TEST(shape_overflowing_size_t)
{
    assert_overflow_refused(1ull << 62, 1ull << 62, "6.81e+38", true);
    assert_overflow_refused(1ull << 30, 1ull << 30, "3.69e+19", true);
    assert_overflow_refused(3, 1ull << 59, "5.53e+19", true);
    /* HDF5 1.10 also creates this one contiguous: its own element count wraps to 0 */
    assert_overflow_refused(1ull << 62, 1ull << 62, "6.81e+38", false);
}
END_TEST

/* A shape whose bytes fit in size_t but not in any memory: 2^20 × 2^20 pixels.
 * Not the band steps: they need no memory that grows with the height, and
 * would go through all 2^40 pixels (tests/ladder/test_bands.sh runs them
 * under a memory limit). */
START_TEST(shape_too_large_to_allocate)
{
    char *dir = dir_with_probabilities((struct td_dataset){
        NULL, H5T_IEEE_F64LE, 3, {1ull << 20, 1ull << 20, 4}, true, NULL});
    struct td_result results[ladder_length];
    run_versions(WHOLE_IMAGE, 0, dir, NULL, results);
    for (size_t i = 0; i < ladder_length; i++) {
        if (!selected(i, WHOLE_IMAGE))
            continue;
        if (direct_only(i)) {
            char *file = td_path(dir, "data.hdf5");
            assert_not_direct(&results[i], file, "chunked layout");
            free(file);
            continue;
        }
        const struct version_info *version = &ladder[i];
        struct td_result result = results[i];
        assert_mentions(&result, EXIT_DATA_, version->name, "out of memory", "bytes", NULL);
        /* the bytes requested are named: the input (2^45), the output image (3 × 2^40),
         * or both, refused before the step starts (35 × 2^40) */
        ck_assert_msg(strstr(result.err, "35184372088832") ||
                      strstr(result.err, "3298534883328") || strstr(result.err, "38482906972160"),
                      "%s: message does not name the bytes requested: %s", version->name,
                      result.err);
    }
    td_remove_dir(dir);
}
END_TEST

/* Under `ulimit -v` (RLIMIT_AS) a sanitizer build cannot even start: it maps
 * terabytes of shadow memory.  A valid tiny run under the same limit tells
 * whether the limit leaves room for ./main itself; if not, the test says so
 * and checks nothing. */
static bool limit_leaves_room(long vm_limit_kb, const char *version)
{
    char *dir = valid_dir("rob");
    struct td_result result = run_main(vm_limit_kb, version, "--data", dir, NULL);
    td_remove_dir(dir);
    if (result.exit_code != 0)
        fprintf(stderr, "test_robustness: skipped: %s does not run under ulimit -v %ld "
                "(sanitizer build?), exit %d\n", version, vm_limit_kb, result.exit_code);
    return result.exit_code == 0;
}

/* A real run under `ulimit -v`: 4096 × 4096 pixels need 512 MiB of input and
 * 48 MiB of output; the address space is limited to 200 000 KiB. */
START_TEST(allocation_failure_under_ulimit)
{
    if (!limit_leaves_room(200000, "v1"))
        return;
    char *dir = dir_with_probabilities((struct td_dataset){
        NULL, H5T_IEEE_F64LE, 3, {4096, 4096, 4}, true, NULL});
    struct td_result results[ladder_length];
    run_versions(HDF5_READERS, 200000, dir, NULL, results);
    for (size_t i = 0; i < ladder_length; i++) {
        const struct version_info *version = &ladder[i];
        if (!selected(i, HDF5_READERS) || bounded(i) || direct_only(i))
            continue;  /* tiles and bands fit: see below; the floor reads no chunks */
        struct td_result result = results[i];
        assert_mentions(&result, EXIT_DATA_, version->name, "out of memory", "bytes", NULL);
        /* the input's 536870912 bytes, or with the output's (587202560) when the whole
         * image is refused before the step starts */
        ck_assert_msg(strstr(result.err, "536870912") || strstr(result.err, "587202560"),
                      "%s: message does not name the 536870912 bytes requested: %s",
                      version->name, result.err);
    }
    td_remove_dir(dir);
}
END_TEST

/* v0 has no declared shape to lie about: 600 × 1000 pixels of CSV (60 MB)
 * need about 45 MB of nested allocations beyond ./main's own, under a limit of
 * 50 000 KiB in which v0 runs fine on a tiny map.  Whichever allocation fails,
 * the message names its bytes. */
START_TEST(allocation_failure_under_ulimit_csv)
{
    if (!limit_leaves_room(50000, "v0"))
        return;
    size_t height = 600, width = 1000;
    double *values = small_values(height, width);
    char *dir = td_make_dir("rob-csv");
    ck_assert_int_eq(td_write_csv(dir, values, height, width), 0);
    free(values);
    struct td_result result = run_main(50000, "v0", "--data", dir, NULL);
    td_remove_dir(dir);
    assert_mentions(&result, EXIT_DATA_, "v0", "out of memory: cannot allocate ", " bytes",
                    NULL);
}
END_TEST

/* ---- --show: image and probabilities must agree --------------------------- */

START_TEST(show_with_different_image_size)
{
    char *dir = td_make_dir("rob");
    double *values = small_values(H, W);
    static uint8_t image[H * (W - 1) * 3];
    struct td_dataset sets[] = {
        {"image", H5T_STD_U8LE, 3, {H, W - 1, 3}, false, image},
        {"probabilities", H5T_IEEE_F64LE, 3, {H, W, 4}, false, values},
    };
    ck_assert_int_eq(td_write_hdf5(dir, sets, 2), 0);
    ck_assert_int_eq(td_write_csv(dir, values, H, W), 0);
    free(values);
    char *out = td_make_dir("rob-out");
    char *side = td_path(out, "side.png");
    char *file = td_path(dir, "data.hdf5");
    struct td_result results[ladder_length];
    run_versions(IMAGE_MAKERS, 0, dir, (const char *const[]){"--show", side, NULL}, results);
    for (size_t i = 0; i < ladder_length; i++) {
        if (!selected(i, IMAGE_MAKERS))
            continue;
        assert_message(&results[i], EXIT_DATA_, ladder[i].name, "%s: dataset \"image\" is 5 × 6 "
                       "but \"probabilities\" is 5 × 7: cannot show them side by side", file);
        assert_entries(out, 0);
    }
    free(file);
    free(side);
    td_remove_dir(out);
    td_remove_dir(dir);
}
END_TEST

START_TEST(show_without_image_dataset)
{
    char *dir = td_make_dir("rob");
    double *values = small_values(H, W);
    struct td_dataset set = {"probabilities", H5T_IEEE_F64LE, 3, {H, W, 4}, false, values};
    ck_assert_int_eq(td_write_hdf5(dir, &set, 1), 0);
    free(values);
    char *out = td_make_dir("rob-out");
    char *side = td_path(out, "side.png");
    char *file = td_path(dir, "data.hdf5");
    struct td_result result = run_main(0, "v2", "--data", dir, "--show", side, NULL);
    assert_message(&result, EXIT_DATA_, "v2", "%s: dataset \"image\" not found", file);
    assert_entries(out, 0);
    free(file);
    free(side);
    td_remove_dir(out);
    td_remove_dir(dir);
}
END_TEST

START_TEST(show_with_float_image)
{
    char *dir = td_make_dir("rob");
    double *values = small_values(H, W);
    struct td_dataset sets[] = {
        {"image", H5T_IEEE_F64LE, 3, {H, W, 3}, false, values},
        {"probabilities", H5T_IEEE_F64LE, 3, {H, W, 4}, false, values},
    };
    ck_assert_int_eq(td_write_hdf5(dir, sets, 2), 0);
    free(values);
    char *out = td_make_dir("rob-out");
    char *side = td_path(out, "side.png");
    char *file = td_path(dir, "data.hdf5");
    struct td_result result = run_main(0, "v5", "--data", dir, "--show", side, NULL);
    assert_message(&result, EXIT_DATA_, "v5", "%s: dataset \"image\": expected uint8 values, "
                   "found float (8 bytes)", file);
    assert_entries(out, 0);
    free(file);
    free(side);
    td_remove_dir(out);
    td_remove_dir(dir);
}
END_TEST

/* ---- verify on bad data: the table, then one line ------------------------- */

static void write_text(const char *dir, const char *name, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

START_TEST(verify_on_bad_data)
{
    char *dir = valid_dir("rob");
    char *file = td_path(dir, "data.hdf5");
    ck_assert_int_eq(td_truncate(dir, "data.hdf5", 1500), 0);
    struct td_result result = run_main(0, "verify", "--data", dir, NULL);
    assert_message(&result, EXIT_DATA_, "verify, truncated HDF5",
                   "%s: cannot open as HDF5 (truncated or damaged?)", file);
    free(file);
    td_remove_dir(dir);

    dir = valid_dir("rob");
    write_text(dir, "2.csv", "0.1 0.2\n");
    result = run_main(0, "verify", "--data", dir, NULL);
    assert_message(&result, EXIT_DATA_, "verify, bad CSV",
                   "1 version failed or did not match the reference");
    td_remove_dir(dir);
}
END_TEST

/* ---- --out and --show: unwritable, and nothing half-written --------------- */

START_TEST(unwritable_out)
{
    char *dir = valid_dir("rob");
    struct td_result results[ladder_length];
    run_versions(IMAGE_MAKERS, 0, dir, (const char *const[]){"--out", "/nonexistent-dir/x.png",
                 NULL}, results);
    for (size_t i = 0; i < ladder_length; i++) {
        if (!selected(i, IMAGE_MAKERS))
            continue;
        assert_message(&results[i], EXIT_DATA_, ladder[i].name,
                       "/nonexistent-dir/x.png: cannot write: No such file or directory");
    }
    struct td_result result = run_main(0, "v3", "--data", dir, "--show",
                                       "/nonexistent-dir/side.png", NULL);
    assert_message(&result, EXIT_DATA_, "v3 --show",
                   "/nonexistent-dir/side.png: cannot write: No such file or directory");
    td_remove_dir(dir);
}
END_TEST

/* --out naming a directory: the temporary file is written, the rename fails,
 * and the temporary file must be gone. */
START_TEST(out_is_a_directory_leaves_nothing)
{
    char *dir = valid_dir("rob");
    char *out = td_make_dir("rob-out");
    char *target = td_path(out, "taken.png");
    ck_assert_int_eq(mkdir(target, 0755), 0);
    struct td_result result = run_main(0, "v3", "--data", dir, "--out", target, NULL);
    assert_mentions(&result, EXIT_DATA_, "v3 --out DIR", target, "Is a directory", NULL);
    assert_entries(out, 1);
    result = run_main(0, "v3", "--data", dir, "--show", target, NULL);
    assert_mentions(&result, EXIT_DATA_, "v3 --show DIR", target, "Is a directory", NULL);
    assert_entries(out, 1);
    free(target);
    td_remove_dir(out);
    td_remove_dir(dir);
}
END_TEST

/* The disk fills up while the PNG is written (RLIMIT_FSIZE of 4 KiB, the
 * prediction of 256 × 256 pixels needs more): the message says so, and neither
 * the PNG nor its temporary file is left. */
START_TEST(disk_full_while_writing_leaves_nothing)
{
    enum { SIDE = 256 };
    char *dir = td_make_dir("rob");
    double *values = malloc(SIDE * SIDE * 4 * sizeof *values);
    ck_assert_ptr_nonnull(values);
    for (size_t i = 0; i < SIDE * SIDE * 4; i++)
        values[i] = (double)((i * 7919) % 1009) / 1008.0;
    ck_assert_int_eq(td_write_probabilities_hdf5(dir, values, SIDE, SIDE), 0);
    free(values);
    char *out = td_make_dir("rob-out");
    char *pred = td_path(out, "pred.png");
    char *side = td_path(out, "side.png");
    td_set_child_file_limit(4096);
    struct td_result on_out = run_main(0, "v3", "--data", dir, "--out", pred, NULL);
    struct td_result on_show = run_main(0, "v6", "--data", dir, "--show", side, NULL);
    /* the band steps write --out's rows while they compute, from their threads */
    const char *band_steps[] = {"v4", "v8", "v9"};
    struct td_result on_bands[3];
    for (int i = 0; i < 3; i++)
        on_bands[i] = run_main(0, band_steps[i], "--data", dir, "--chunk-size", "64",
                               "--threads", "2", "--out", pred, NULL);
    td_set_child_file_limit(0);
    assert_message(&on_out, EXIT_DATA_, "v3 --out, disk full",
                   "%s: writing the PNG failed (disk full?)", pred);
    for (int i = 0; i < 3; i++)
        assert_message(&on_bands[i], EXIT_DATA_, band_steps[i],
                       "%s: writing the PNG failed (disk full?)", pred);
    assert_message(&on_show, EXIT_DATA_, "v6 --show, disk full",
                   "%s: writing the PNG failed (disk full?)", side);
    assert_entries(out, 0);
    free(pred);
    free(side);
    td_remove_dir(out);
    td_remove_dir(dir);
}
END_TEST

/* A failed run (bad data) writes neither --out nor --show, and a good one writes both. */
START_TEST(failed_run_writes_nothing)
{
    char *dir = valid_dir("rob");
    char *out = td_make_dir("rob-out");
    char *pred = td_path(out, "pred.png");
    char *side = td_path(out, "side.png");
    ck_assert_int_eq(td_truncate(dir, "data.hdf5", td_file_size(dir, "data.hdf5") / 2), 0);
    ck_assert_int_eq(td_truncate(dir, "1.csv", 0), 0);
    struct td_result results[ladder_length];
    run_versions(IMAGE_MAKERS, 0, dir, (const char *const[]){"--out", pred, "--show", side,
                 NULL}, results);
    for (size_t i = 0; i < ladder_length; i++)
        if (selected(i, IMAGE_MAKERS))
            assert_one_line(&results[i], EXIT_DATA_, ladder[i].name);
    assert_entries(out, 0);
    td_remove_dir(dir);
    dir = valid_dir("rob");
    struct td_result result = run_main(0, "v1", "--data", dir, "--out", pred, "--show", side,
                                       NULL);
    ck_assert_msg(result.exit_code == 0, "good run failed: %s", result.err);
    ck_assert_int_gt(td_file_size(out, "pred.png"), 50);
    ck_assert_int_gt(td_file_size(out, "side.png"), 50);
    assert_entries(out, 2);
    free(pred);
    free(side);
    td_remove_dir(out);
    td_remove_dir(dir);
}
END_TEST

/* ---- CSV (v0) ------------------------------------------------------------------ */

/* Writes dir/name from a printf format. */
static void write_text(const char *dir, const char *name, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void write_text(const char *dir, const char *name, const char *format, ...)
{
    char *text = NULL;
    va_list list;
    va_start(list, format);
    int length = vasprintf(&text, format, list);
    va_end(list);
    ck_assert_int_ge(length, 0);
    ck_assert_int_eq(td_write_file(dir, name, text, (size_t)length), 0);
    free(text);
}

/* Four 2 × 3 CSVs of ordinary values; `broken` replaces class `which`. */
static char *csv_dir(int which, const char *broken)
{
    char *dir = td_make_dir("rob-csv");
    ck_assert_ptr_nonnull(dir);
    for (int c = 0; c < 4; c++) {
        char name[8];
        snprintf(name, sizeof name, "%d.csv", c);
        if (c == which)
            write_text(dir, name, "%s", broken);
        else
            write_text(dir, name, "0.1 0.2 0.3\n0.4 0.5 0.6\n");
    }
    return dir;
}

static void assert_v0_says(const char *broken, int which, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* v0 on CSVs where class `which` holds `broken` prints "main: DIR/which.csv" + format. */
static void assert_v0_says(const char *broken, int which, const char *format, ...)
{
    char *dir = csv_dir(which, broken);
    char expected[4096];
    va_list list;
    va_start(list, format);
    int used = snprintf(expected, sizeof expected, "%s/%d.csv", dir, which);
    vsnprintf(expected + used, sizeof expected - (size_t)used, format, list);
    va_end(list);
    struct td_result result = run_main(0, "v0", "--data", dir, NULL);
    assert_message(&result, EXIT_DATA_, "v0", "%s", expected);
    td_remove_dir(dir);
}

START_TEST(csv_ragged_rows)
{
    assert_v0_says("0.1 0.2 0.3\n0.4 0.5\n", 2, ": line 2: expected 3 values like line 1, found 2");
    assert_v0_says("0.1 0.2 0.3\n0.4 0.5 0.6 0.7\n", 1,
                   ": line 2: expected 3 values like line 1, found 4");
    assert_v0_says("0.1 0.2 0.3\n\n0.4 0.5 0.6\n", 3,
                   ": line 2: expected 3 values like line 1, found 0");
}
END_TEST

START_TEST(csv_non_numeric_token)
{
    assert_v0_says("0.1 0.2 0.3\n0.4 abc 0.6\n", 1,
                   ": line 2, column 5: expected a number, found \"abc\"");
    assert_v0_says("0.1,0.2,0.3\n0.4,0.5,0.6\n", 0,
                   ": line 1, column 1: expected a number, found \"0.1,0.2,0.3\"");
    assert_v0_says("0.1 0.2 0.3x\n0.4 0.5 0.6\n", 2,
                   ": line 1, column 9: expected a number, found \"0.3x\"");
}
END_TEST

START_TEST(csv_empty_file)
{
    assert_v0_says("", 3, ": empty file, expected one line of values per image row");
    assert_v0_says("\n", 0, ": line 1: expected values separated by spaces, found none");
}
END_TEST

START_TEST(csv_different_shapes)
{
    assert_v0_says("0.1 0.2 0.3\n0.4 0.5 0.6\n0.7 0.8 0.9\n", 3,
                   ": expected 2 lines of 3 values like 0.csv, found 3 lines of 3");
    assert_v0_says("0.1 0.2\n0.4 0.5\n", 1,
                   ": expected 2 lines of 3 values like 0.csv, found 2 lines of 2");
}
END_TEST

START_TEST(csv_nul_byte)
{
    char *dir = csv_dir(2, "");
    ck_assert_int_eq(td_write_file(dir, "2.csv", "0.1 0.2 0.3\n0.4\0 0.5 0.6\n", 24), 0);
    char *file = td_path(dir, "2.csv");
    struct td_result result = run_main(0, "v0", "--data", dir, NULL);
    assert_message(&result, EXIT_DATA_, "v0", "%s: line 2: contains a NUL byte, expected text",
                   file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

/* A 10 MB token is quoted in 40 characters, not 10 MB of stderr. */
START_TEST(csv_ten_megabyte_token)
{
    size_t length = 10u << 20;
    char *text = malloc(length + 1);
    ck_assert_ptr_nonnull(text);
    memset(text, 'x', length);
    text[length] = '\0';
    char *dir = csv_dir(1, text);
    free(text);
    char *file = td_path(dir, "1.csv");
    struct td_result result = run_main(0, "v0", "--data", dir, NULL);
    assert_message(&result, EXIT_DATA_, "v0", "%s: line 1, column 1: expected a number, found "
                   "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"...", file);
    free(file);
    td_remove_dir(dir);
}
END_TEST

/* Runs v0 in-process on `dir` and compares with the reference of `values`. */
static void assert_v0_matches(const char *dir, const double *values, size_t height,
                              size_t width, const char *context)
{
    struct step_input args = {dir, 1024};
    struct rgb_image image = {0};
    error_clear();
    int status = ladder_find("v0")->run(&args, &image);
    ck_assert_msg(status == 0, "%s: v0 failed: %s", context, error_message());
    ck_assert_uint_eq(image.height, height);
    ck_assert_uint_eq(image.width, width);
    uint8_t *expected = malloc(height * width * 3);
    ck_assert_ptr_nonnull(expected);
    reference_colorcode(values, height * width, expected);
    int same = memcmp(expected, image.pixels, height * width * 3) == 0;
    free(expected);
    rgb_image_free(&image);
    ck_assert_msg(same, "%s: v0's image differs from the reference", context);
}

/* The class-major text of four CSVs from pixel-major values, with a chosen line end. */
static void write_csv_variant(const char *dir, const double *values, size_t height,
                              size_t width, const char *line_end, bool final_newline,
                              const char *const *tokens)
{
    for (int c = 0; c < 4; c++) {
        size_t capacity = height * width * 32 + 64, used = 0;
        char *text = malloc(capacity);
        ck_assert_ptr_nonnull(text);
        for (size_t y = 0; y < height; y++) {
            for (size_t x = 0; x < width; x++) {
                size_t i = (y * width + x) * 4 + (size_t)c;
                used += (size_t)(tokens ? snprintf(text + used, capacity - used, "%s",
                                                   tokens[i])
                                        : snprintf(text + used, capacity - used, "%.18e",
                                                   values[i]));
                if (x + 1 < width)
                    text[used++] = ' ';
            }
            if (y + 1 < height || final_newline)
                used += (size_t)snprintf(text + used, capacity - used, "%s", line_end);
        }
        char name[8];
        snprintf(name, sizeof name, "%d.csv", c);
        ck_assert_int_eq(td_write_file(dir, name, text, used), 0);
        free(text);
    }
}

START_TEST(csv_crlf_accepted)
{
    double *values = small_values(H, W);
    char *dir = td_make_dir("rob-csv");
    write_csv_variant(dir, values, H, W, "\r\n", true, NULL);
    assert_v0_matches(dir, values, H, W, "CRLF");
    write_csv_variant(dir, values, H, W, "\r\n", false, NULL);
    assert_v0_matches(dir, values, H, W, "CRLF without final line end");
    td_remove_dir(dir);
    free(values);
}
END_TEST

START_TEST(csv_no_trailing_newline_accepted)
{
    double *values = small_values(H, W);
    char *dir = td_make_dir("rob-csv");
    write_csv_variant(dir, values, H, W, "\n", false, NULL);
    assert_v0_matches(dir, values, H, W, "no trailing newline");
    struct td_result result = run_main(0, "v0", "--data", dir, NULL);
    ck_assert_msg(result.exit_code == 0 && result.err[0] == '\0', "main v0: %d %s",
                  result.exit_code, result.err);
    td_remove_dir(dir);
    free(values);
}
END_TEST

START_TEST(csv_nan_and_inf_tokens_accepted)
{
    enum { PIXELS = 6 };
    static const char *const tokens[PIXELS * 4] = {
        "nan", "0.5", "nan", "0.1",     "inf", "0.2", "0.3", "0.4",
        "-inf", "-inf", "0.25", "-inf", "NaN", "Inf", "0", "0",
        "-nan", "1e999", "0.5", "0.5",  "0", "0", "0", "infinity",
    };
    double values[PIXELS * 4];
    for (size_t i = 0; i < PIXELS * 4; i++)
        values[i] = strtod(tokens[i], NULL);
    ck_assert(isnan(values[0]) && isinf(values[4]) && isinf(values[17]));
    char *dir = td_make_dir("rob-csv");
    write_csv_variant(dir, values, 2, 3, "\n", true, tokens);
    assert_v0_matches(dir, values, 2, 3, "nan/inf tokens");
    td_remove_dir(dir);
}
END_TEST

/* One row of 10 MB: 419 431 values of %.18e (25 bytes each with the space). */
START_TEST(csv_ten_megabyte_line_accepted)
{
    size_t width = (10u << 20) / 25 + 1;
    double *values = malloc(width * 4 * sizeof *values);
    ck_assert_ptr_nonnull(values);
    for (size_t i = 0; i < width * 4; i++)
        values[i] = (double)((i * 7919) % 1000) / 999.0;
    char *dir = td_make_dir("rob-csv");
    ck_assert_int_eq(td_write_csv(dir, values, 1, width), 0);
    ck_assert_int_ge(td_file_size(dir, "0.csv"), 10l << 20);
    assert_v0_matches(dir, values, 1, width, "10 MB line");
    td_remove_dir(dir);
    free(values);
}
END_TEST

/* ---- options ------------------------------------------------------------------ */

static void assert_usage(const char *context, const char *expected, const char *first, ...)
{
    const char *args[16];
    size_t count = 0;
    va_list list;
    va_start(list, first);
    for (const char *arg = first; arg && count < 15; arg = va_arg(list, const char *))
        args[count++] = arg;
    va_end(list);
    args[count] = NULL;
    struct td_result result;
    ck_assert_int_eq(td_run_main(args, 0, &result), 0);
    assert_message(&result, EXIT_USAGE_, context, "%s", expected);
}

START_TEST(chunk_size_refused)
{
    assert_usage("chunk 0", "--chunk-size: expected a whole number from 1 to 2147483647, "
                 "found \"0\"", "v4", "--chunk-size", "0", NULL);
    assert_usage("chunk -5", "--chunk-size: expected a whole number from 1 to 2147483647, "
                 "found \"-5\"", "v4", "--chunk-size", "-5", NULL);
    assert_usage("chunk abc", "--chunk-size: expected a whole number from 1 to 2147483647, "
                 "found \"abc\"", "v7", "--chunk-size", "abc", NULL);
    assert_usage("chunk 1k", "--chunk-size: expected a whole number from 1 to 2147483647, "
                 "found \"1k\"", "v4", "--chunk-size", "1k", NULL);
    assert_usage("chunk empty", "--chunk-size needs a value, found an empty string", "v4",
                 "--chunk-size", "", NULL);
    assert_usage("chunk huge", "--chunk-size: expected a whole number from 1 to 2147483647, "
                 "found \"99999999999999999999\"", "v4", "--chunk-size",
                 "99999999999999999999", NULL);
    assert_usage("chunk missing", "--chunk-size needs a value", "v4", "--chunk-size", NULL);
}
END_TEST

/* Larger than the image is accepted: one tile holds it all. */
START_TEST(chunk_size_larger_than_image_accepted)
{
    char *dir = valid_dir("rob");
    static const char *const sizes[] = {"8", "1000", "100000", "2147483647"};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        struct td_result results[ladder_length];
        run_versions(CHUNKED, 0, dir, (const char *const[]){"--chunk-size", sizes[s], NULL},
                     results);
        for (size_t i = 0; i < ladder_length; i++) {
            if (!selected(i, CHUNKED))
                continue;
            struct td_result result = results[i];
            ck_assert_msg(result.exit_code == 0, "%s --chunk-size %s on a %d × %d image: "
                          "exit %d: %s", ladder[i].name, sizes[s], H, W, result.exit_code,
                          result.err);
        }
    }
    td_remove_dir(dir);
}
END_TEST

START_TEST(threads_refused)
{
    assert_usage("threads 0", "--threads: expected a whole number from 1 to 1024, found \"0\"",
                 "v5", "--threads", "0", NULL);
    assert_usage("threads -1", "--threads: expected a whole number from 1 to 1024, "
                 "found \"-1\"", "v5", "--threads", "-1", NULL);
    assert_usage("threads two", "--threads: expected a whole number from 1 to 1024, "
                 "found \"two\"", "v6", "--threads", "two", NULL);
    assert_usage("repeat 0", "--repeat: expected a whole number from 1 to 10000, found \"0\"",
                 "v1", "--repeat", "0", NULL);
}
END_TEST

START_TEST(unknown_version_and_options)
{
    assert_usage("v99", "unknown version \"v99\" (the versions are those of `main list`)",
                 "v99", NULL);
    assert_usage("V1", "unknown version \"V1\" (the versions are those of `main list`)",
                 "V1", NULL);
    assert_usage("no version", "which version? e.g. `main v3` (see `main list` and --help)",
                 "--data", "data/s", NULL);
    assert_usage("unknown option", "unknown option \"--frobnicate\" (see --help)", "v1",
                 "--frobnicate", NULL);
    assert_usage("two versions", "unexpected argument \"v2\" (one command or version at a "
                 "time)", "v1", "v2", NULL);
    assert_usage("--data without value", "--data needs a value", "v1", "--data", NULL);
    assert_usage("--out without value", "--out needs a value", "v1", "--out", NULL);
    assert_usage("--out empty", "--out needs a value, found an empty string", "v1", "--out", "",
                 NULL);
    assert_usage("--show empty", "--show needs a value, found an empty string", "v1", "--show",
                 "", NULL);
    assert_usage("--data empty", "--data needs a value, found an empty string", "v1", "--data",
                 "", NULL);
    assert_usage("floor --out", "floor computes no image: --out and --show need a step (see "
                 "`main list`)", "floor", "--out", "x.png", NULL);
    assert_usage("floor --show", "floor computes no image: --out and --show need a step (see "
                 "`main list`)", "floor", "--show", "x.png", NULL);
    assert_usage("verify v99", "verify: no step \"v99\" (the steps are those of `main list`)",
                 "verify", "v99", NULL);
    assert_usage("verify floor", "verify: no step \"floor\" (the steps are those of `main list`)",
                 "verify", "floor", NULL);
}
END_TEST

/* ---- the suite ------------------------------------------------------------------ */

static Suite *robustness_suite(void)
{
    Suite *suite = suite_create("robustness");
    TCase *hdf5 = tcase_create("hdf5");
    tcase_set_timeout(hdf5, 60);
    tcase_add_test(hdf5, missing_data_directory);
    tcase_add_test(hdf5, data_is_a_file_not_a_directory);
    tcase_add_test(hdf5, missing_hdf5_file);
    tcase_add_test(hdf5, missing_csv_file);
    tcase_add_test(hdf5, not_an_hdf5_file);
    tcase_add_test(hdf5, truncated_hdf5_file);
    tcase_add_test(hdf5, missing_dataset);
    tcase_add_test(hdf5, wrong_rank);
    tcase_add_test(hdf5, three_classes_instead_of_four);
    tcase_add_test(hdf5, empty_shape);
    tcase_add_test(hdf5, integer_dtype);
    tcase_add_test(hdf5, string_dtype);
    tcase_add_test(hdf5, float32_and_big_endian_accepted);
    tcase_add_test(hdf5, every_storage_read_by_every_step);
    tcase_add_test(hdf5, read_fails_in_the_middle);
    tcase_add_test(hdf5, shape_overflowing_size_t);
    tcase_add_test(hdf5, shape_too_large_to_allocate);
    tcase_add_test(hdf5, allocation_failure_under_ulimit);
    tcase_add_test(hdf5, allocation_failure_under_ulimit_csv);
    suite_add_tcase(suite, hdf5);
    TCase *output = tcase_create("output");
    tcase_set_timeout(output, 60);
    tcase_add_test(output, show_with_different_image_size);
    tcase_add_test(output, show_without_image_dataset);
    tcase_add_test(output, show_with_float_image);
    tcase_add_test(output, verify_on_bad_data);
    tcase_add_test(output, unwritable_out);
    tcase_add_test(output, out_is_a_directory_leaves_nothing);
    tcase_add_test(output, failed_run_writes_nothing);
    tcase_add_test(output, disk_full_while_writing_leaves_nothing);
    suite_add_tcase(suite, output);
    TCase *csv = tcase_create("csv");
    tcase_set_timeout(csv, 60);
    tcase_add_test(csv, csv_ragged_rows);
    tcase_add_test(csv, csv_non_numeric_token);
    tcase_add_test(csv, csv_empty_file);
    tcase_add_test(csv, csv_different_shapes);
    tcase_add_test(csv, csv_nul_byte);
    tcase_add_test(csv, csv_ten_megabyte_token);
    tcase_add_test(csv, csv_crlf_accepted);
    tcase_add_test(csv, csv_no_trailing_newline_accepted);
    tcase_add_test(csv, csv_nan_and_inf_tokens_accepted);
    tcase_add_test(csv, csv_ten_megabyte_line_accepted);
    suite_add_tcase(suite, csv);
    TCase *options = tcase_create("options");
    tcase_set_timeout(options, 60);
    tcase_add_test(options, chunk_size_refused);
    tcase_add_test(options, chunk_size_larger_than_image_accepted);
    tcase_add_test(options, threads_refused);
    tcase_add_test(options, unknown_version_and_options);
    suite_add_tcase(suite, options);
    return suite;
}

int main(void)
{
    hdf5_input_quiet();
    return check_run(robustness_suite());
}
