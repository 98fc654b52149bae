/*
 * test_row_sink.c — Check tests of common/row_sink.c and image.h's band
 * interface: bands in any order give the same digest and the same PNG, byte
 * for byte, as the whole image written at once; threads handing over bands at
 * once (the reorder buffer, and its wait when full) too; a missing row leaves
 * no file behind; the digest depends on where a row is; without a sink the
 * rows land in the whole image.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "image.h"
#include "png_write.h"
#include "row_sink.h"
#include "testdata.h"
#include "../support/check_run.h"

enum { HEIGHT = 37, WIDTH = 5, BAND = 4, BANDS = (HEIGHT + BAND - 1) / BAND, THREADS = 3 };

static uint8_t pixels[HEIGHT * WIDTH * 3];

static void fill_pixels(void)
{
    for (size_t i = 0; i < sizeof pixels; i++)
        pixels[i] = (uint8_t)(i * 131 % 251);
}

static size_t band_rows(size_t band)
{
    return band == BANDS - 1 ? HEIGHT - band * BAND : BAND;
}

static int put_band(struct rgb_image *image, size_t band)
{
    return rgb_image_put_rows(image, band * BAND, band_rows(band),
                              pixels + band * BAND * WIDTH * 3);
}

/* Hands the bands over in `order` through a sink writing `png`; returns the digest. */
static uint64_t through_sink(const char *png, const size_t *order, size_t count)
{
    struct row_sink sink;
    row_sink_init(&sink, png, NULL, NULL, THREADS);
    struct rgb_image image = {.sink = &sink};
    ck_assert_int_eq(rgb_image_begin(&image, HEIGHT, WIDTH), 0);
    ck_assert_ptr_null(image.pixels);
    for (size_t i = 0; i < count; i++)
        ck_assert_int_eq(put_band(&image, order[i]), 0);
    ck_assert_msg(row_sink_end(&sink, true) == 0, "%s", error_message());
    uint64_t digest = sink.digest;
    row_sink_destroy(&sink);
    return digest;
}

static void assert_same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    ck_assert_ptr_nonnull(fa);
    ck_assert_ptr_nonnull(fb);
    int ca, cb;
    do {
        ca = fgetc(fa);
        cb = fgetc(fb);
        ck_assert_msg(ca == cb, "%s and %s differ", a, b);
    } while (ca != EOF);
    fclose(fa);
    fclose(fb);
}

START_TEST(any_order_same_digest_and_png)
{
    fill_pixels();
    char *dir = td_make_dir("sink");
    char *whole = td_path(dir, "whole.png"), *ordered = td_path(dir, "ordered.png"),
         *shuffled = td_path(dir, "shuffled.png");
    ck_assert_int_eq(png_write_rgb(whole, pixels, HEIGHT, WIDTH), 0);
    size_t in_order[BANDS], out_of_order[BANDS];
    for (size_t i = 0; i < BANDS; i++)
        in_order[i] = i;
    /* 2 1 0 5 4 3 8 7 6 9: two bands wait at a time, fewer than THREADS */
    for (size_t i = 0; i < BANDS; i++)
        out_of_order[i] = i / 3 * 3 + 2 - i % 3 < BANDS ? i / 3 * 3 + 2 - i % 3 : i;
    uint64_t a = through_sink(ordered, in_order, BANDS);
    uint64_t b = through_sink(shuffled, out_of_order, BANDS);
    ck_assert_uint_eq(a, b);
    assert_same_file(whole, ordered);
    assert_same_file(whole, shuffled);
    /* row_sink_image, the whole-image steps' way, digests the same */
    struct row_sink sink;
    row_sink_init(&sink, NULL, NULL, NULL, 1);
    ck_assert_int_eq(row_sink_image(&sink, pixels, HEIGHT, WIDTH), 0);
    ck_assert_int_eq(row_sink_end(&sink, true), 0);
    ck_assert_uint_eq(sink.digest, a);
    row_sink_destroy(&sink);
    free(whole);
    free(ordered);
    free(shuffled);
    td_remove_dir(dir);
}
END_TEST

struct worker {
    struct rgb_image *image;
    pthread_mutex_t *lock;
    size_t *next_band;
    int failed;   /* under lock: Check's assertions belong to the main thread */
};

/* Takes bands in order, as schedule(dynamic, 1) hands them out, and sleeps a
 * little on some so that later bands overtake them. */
static void *work(void *argument)
{
    struct worker *w = argument;
    for (;;) {
        pthread_mutex_lock(w->lock);
        size_t band = (*w->next_band)++;
        pthread_mutex_unlock(w->lock);
        if (band >= BANDS)
            return NULL;
        if (band % 4 == 0)
            usleep(2000);
        if (put_band(w->image, band) != 0) {
            pthread_mutex_lock(w->lock);
            w->failed = 1;
            pthread_mutex_unlock(w->lock);
        }
    }
}

START_TEST(threads_at_once_same_png)
{
    fill_pixels();
    char *dir = td_make_dir("sink");
    char *whole = td_path(dir, "whole.png"), *threaded = td_path(dir, "threaded.png");
    ck_assert_int_eq(png_write_rgb(whole, pixels, HEIGHT, WIDTH), 0);
    for (int round = 0; round < 20; round++) {
        struct row_sink sink;
        row_sink_init(&sink, threaded, NULL, NULL, 1);  /* one waiting band: the wait runs too */
        struct rgb_image image = {.sink = &sink};
        ck_assert_int_eq(rgb_image_begin(&image, HEIGHT, WIDTH), 0);
        pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
        size_t next_band = 0;
        struct worker w = {&image, &lock, &next_band, 0};
        pthread_t threads[THREADS];
        for (int t = 0; t < THREADS; t++)
            ck_assert_int_eq(pthread_create(&threads[t], NULL, work, &w), 0);
        for (int t = 0; t < THREADS; t++)
            pthread_join(threads[t], NULL);
        ck_assert_int_eq(w.failed, 0);
        ck_assert_int_eq(row_sink_end(&sink, true), 0);
        ck_assert_uint_eq(sink.waiting, 0);
        row_sink_destroy(&sink);
        assert_same_file(whole, threaded);
    }
    free(whole);
    free(threaded);
    td_remove_dir(dir);
}
END_TEST

START_TEST(missing_rows_leave_no_file)
{
    fill_pixels();
    char *dir = td_make_dir("sink");
    char *path = td_path(dir, "out.png");
    size_t order[BANDS - 1];
    for (size_t i = 0; i < BANDS - 1; i++)
        order[i] = i;
    struct row_sink sink;
    row_sink_init(&sink, path, NULL, NULL, THREADS);
    struct rgb_image image = {.sink = &sink};
    ck_assert_int_eq(rgb_image_begin(&image, HEIGHT, WIDTH), 0);
    for (size_t i = 0; i < BANDS - 1; i++)
        ck_assert_int_eq(put_band(&image, order[i]), 0);
    ck_assert_int_eq(row_sink_end(&sink, true), -1);
    ck_assert_str_eq(error_message(), "the step handed over 36 rows of 37");
    error_clear();
    ck_assert_int_eq(td_count_entries(dir), 0);   /* no PNG, no temporary file */
    /* a row beyond the image is refused before it reaches the sink */
    ck_assert_int_eq(rgb_image_put_rows(&image, HEIGHT - 1, 2, pixels), -1);
    error_clear();
    row_sink_destroy(&sink);
    free(path);
    td_remove_dir(dir);
}
END_TEST

START_TEST(digest_depends_on_the_row)
{
    uint8_t a[WIDTH * 3], b[WIDTH * 3];
    memset(a, 7, sizeof a);
    memset(b, 9, sizeof b);
    /* the same two rows, swapped: a plain sum of row hashes without the row
     * number would not see it */
    uint64_t ab = row_digest(0, a, sizeof a) + row_digest(1, b, sizeof b);
    uint64_t ba = row_digest(0, b, sizeof b) + row_digest(1, a, sizeof a);
    ck_assert_uint_ne(ab, ba);
    ck_assert_uint_ne(row_digest(0, a, sizeof a), row_digest(0, a, sizeof a - 1));
}
END_TEST

START_TEST(without_a_sink_the_whole_image)
{
    fill_pixels();
    struct rgb_image image = {0};
    ck_assert_int_eq(rgb_image_begin(&image, HEIGHT, WIDTH), 0);
    ck_assert_ptr_nonnull(image.pixels);
    for (size_t band = BANDS; band-- > 0;)
        ck_assert_int_eq(put_band(&image, band), 0);
    ck_assert_mem_eq(image.pixels, pixels, sizeof pixels);
    rgb_image_free(&image);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("row sink");
    TCase *rows = tcase_create("rows");
    tcase_add_test(rows, any_order_same_digest_and_png);
    tcase_add_test(rows, threads_at_once_same_png);
    tcase_add_test(rows, missing_rows_leave_no_file);
    tcase_add_test(rows, digest_depends_on_the_row);
    tcase_add_test(rows, without_a_sink_the_whole_image);
    suite_add_tcase(suite, rows);
    return check_run(suite);
}
