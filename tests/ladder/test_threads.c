/*
 * test_threads.c — one parallel region per step: no threaded row of the ladder
 * runs on more threads than --threads, even where OpenMP may nest teams.
 *
 * libgomp's default allows one active level, so a `parallel for` called from
 * inside a parallel region runs on one thread by luck.  Here the maximum is 2
 * (what OMP_MAX_ACTIVE_LEVELS=2 sets): a step that opens a region inside
 * another then starts a team per outer thread, and the count shows it.
 *
 * And a step that reads inside its region (v8, v9's fallback) silences HDF5's
 * error printing in every thread of it, rather than counting on ./main having
 * silenced a thread pool that libgomp happens to reuse.
 *
 * The count: this program defines pthread_create, so libgomp's calls reach it
 * (an executable's symbol comes first in the dynamic lookup); it starts the
 * thread through the real pthread_create and keeps how many are alive at
 * once, main thread included.
 */
#include <check.h>
#include <dlfcn.h>
#include <errno.h>
#include <omp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hdf5_input.h"
#include "ladder.h"
#include "testdata.h"
#include "../support/check_run.h"

static int live = 1, peak = 1;  /* threads alive (main's included), and the most at once */

struct start {
    void *(*routine)(void *);
    void *argument;
};

static void thread_ended(void *unused)
{
    (void)unused;
    __atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
}

static void *counted_start(void *pointer)
{
    struct start start = *(struct start *)pointer;
    free(pointer);
    int now = __atomic_add_fetch(&live, 1, __ATOMIC_SEQ_CST), seen;
    while ((seen = __atomic_load_n(&peak, __ATOMIC_SEQ_CST)) < now &&
           !__atomic_compare_exchange_n(&peak, &seen, now, false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST))
        ;
    void *result;
    pthread_cleanup_push(thread_ended, NULL);
    result = start.routine(start.argument);
    pthread_cleanup_pop(1);
    return result;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attributes,
                   void *(*routine)(void *), void *argument)
{
    static int (*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
    if (real == NULL)
        *(void **)&real = dlsym(RTLD_NEXT, "pthread_create");
    struct start *start = malloc(sizeof *start);
    if (real == NULL || start == NULL) {
        free(start);
        return real == NULL ? ENOSYS : ENOMEM;
    }
    *start = (struct start){routine, argument};
    int status = real(thread, attributes, counted_start, start);
    if (status != 0)
        free(start);
    return status;
}

enum { THREADS = 2, HEIGHT = 64, WIDTH = 64 };

/* A HEIGHT × WIDTH map of probabilities, all four classes winning somewhere. */
static double *small_map(void)
{
    double *values = malloc(HEIGHT * WIDTH * 4 * sizeof *values);
    ck_assert_ptr_nonnull(values);
    for (size_t i = 0; i < HEIGHT * WIDTH * 4; i++)
        values[i] = (double)(i * 7 % 11) / 10.0;
    return values;
}

/* Runs every threaded row on a small map with THREADS threads and two active
 * levels allowed; fails for each row that had more than THREADS threads alive. */
START_TEST(no_step_nests_a_team)
{
    double *values = small_map();
    char *dir = td_make_dir("threads");
    ck_assert_ptr_nonnull(dir);
    int written = td_write_probabilities_hdf5(dir, values, HEIGHT, WIDTH);
    free(values);
    ck_assert_msg(written == 0, "could not write the test data in %s", dir);

    omp_set_max_active_levels(2);
    omp_set_num_threads(THREADS);
    char failures[1024] = "";
    int checked = 0;
    for (size_t v = 0; v < ladder_length; v++) {
        const struct version_info *version = &ladder[v];
        if (!version->threaded || strcmp(version->name, "lab") == 0)
            continue;
        __atomic_store_n(&peak, __atomic_load_n(&live, __ATOMIC_SEQ_CST), __ATOMIC_SEQ_CST);
        struct step_input input = {dir, 8};  /* small tiles: many bands, every thread busy */
        struct rgb_image image = {0};
        error_clear();
        int status = version->run(&input, &image);
        phase_end();
        rgb_image_free(&image);
        int most = __atomic_load_n(&peak, __ATOMIC_SEQ_CST);
        if (status != 0 || most > THREADS)
            snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                     "\n  %s: %s%d threads alive at once with --threads %d",
                     version->name, status != 0 ? error_message() : "", most, THREADS);
        checked++;
    }
    td_remove_dir(dir);
    ck_assert_msg(checked >= 2, "only %d threaded rows in the ladder", checked);
    ck_assert_msg(failures[0] == '\0', "a step nested a parallel region:%s", failures);
}
END_TEST

/* The steps that call HDF5 from OpenMP workers (their bands' H5Dread). */
static const char *const WORKER_READERS[] = {"v8", "v9"};

/* Turns HDF5's error printing on (its default) in every thread of a team of
 * THREADS, or counts the threads where it is off. */
static int hdf5_printing(bool turn_on)
{
    int quiet = 0;
#pragma omp parallel num_threads(THREADS) reduction(+ : quiet)
    {
        H5E_auto2_t print = NULL;
        void *data = NULL;
        if (turn_on)
            H5Eset_auto2(H5E_DEFAULT, (H5E_auto2_t)H5Eprint2, stderr);
        else if (H5Eget_auto2(H5E_DEFAULT, &print, &data) >= 0 && print == NULL)
            quiet = 1;
    }
    return quiet;
}

/* A step that reads in a parallel region silences HDF5's error stack in each
 * of its threads itself (hdf5_input_quiet), not counting on ./main having
 * silenced a pool that libgomp happens to reuse: with printing turned back on
 * in every thread of the pool, after the step it is off in all of them
 * (libgomp gives the next team of the same size the same threads). */
START_TEST(worker_readers_silence_hdf5_per_thread)
{
    double *values = small_map();
    char *dir = td_make_dir("quiet");
    ck_assert_ptr_nonnull(dir);
    /* chunked: v9 reads it with H5Dread, its fallback, as v8 always does */
    int written = td_write_stored_hdf5(dir, values, HEIGHT, WIDTH, TD_CHUNKED, 16);
    free(values);
    ck_assert_msg(written == 0, "could not write the test data in %s", dir);
    omp_set_num_threads(THREADS);
    char failures[512] = "";
    for (size_t i = 0; i < sizeof WORKER_READERS / sizeof WORKER_READERS[0]; i++) {
        const struct version_info *version = ladder_find(WORKER_READERS[i]);
        ck_assert_ptr_nonnull(version);
        hdf5_printing(true);
        struct step_input input = {dir, 8};
        struct rgb_image image = {0};
        error_clear();
        int status = version->run(&input, &image);
        phase_end();
        rgb_image_free(&image);
        int quiet = hdf5_printing(false);
        if (status != 0 || quiet != THREADS)
            snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                     "\n  %s: %s%d of %d threads silenced", version->name,
                     status != 0 ? error_message() : "", quiet, THREADS);
    }
    td_remove_dir(dir);
    ck_assert_msg(failures[0] == '\0', "HDF5 left printing in a thread:%s", failures);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("threads");
    TCase *tcase = tcase_create("one parallel region per step");
    tcase_set_timeout(tcase, 120);
    tcase_add_test(tcase, worker_readers_silence_hdf5_per_thread);
    tcase_add_test(tcase, no_step_nests_a_team);
    suite_add_tcase(suite, tcase);
    return check_run(suite);
}
