/*
 * test_progress.c — the generator's percentage lines say how long is left:
 * the wording of one line (progress_format), and one real step whose stderr
 * is a file, long enough (just over the 5 s between quiet lines) to print one.
 * Size s is written in about a second, too short for either, so a step is
 * driven here through the progress API with made-up amounts of work.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io_helpers.h"
#include "io_tests.h"
#include "progress.h"

static void format(char *out, double done, double total, double seconds, int padded)
{
    progress_format(out, 128, "writing xxl", done, total, seconds, padded);
}

START_TEST(test_time_left_from_the_rate_so_far)
{
    char line[128];
    format(line, 25, 100, 10.0, 0);   /* 10 s for a quarter: 30 s for the rest */
    ck_assert_str_eq(line, "generate_data: writing xxl 25 % (about 30 s left)");
    format(line, 23, 100, 10.0, 0);   /* 33.48 s */
    ck_assert_str_eq(line, "generate_data: writing xxl 23 % (about 33 s left)");
    format(line, 50, 100, 119.0, 0);   /* 119 s: still seconds */
    ck_assert_str_eq(line, "generate_data: writing xxl 50 % (about 119 s left)");
    format(line, 50, 100, 150.0, 0);   /* 150 s: 2.5 min */
    ck_assert_str_eq(line, "generate_data: writing xxl 50 % (about 3 min left)");
    format(line, 10, 100, 60.0, 0);   /* 540 s: 9 min */
    ck_assert_str_eq(line, "generate_data: writing xxl 10 % (about 9 min left)");
    format(line, 99.99, 100, 50.0, 0);   /* less than a second is still not none */
    ck_assert_str_eq(line, "generate_data: writing xxl 99 % (about 1 s left)");
    format(line, 5, 100, 2.0, 1);   /* padded, for a line rewritten in place */
    ck_assert_str_eq(line, "generate_data: writing xxl   5 % (about 38 s left)");
}
END_TEST

START_TEST(test_no_estimate_before_it_means_something)
{
    char line[128];
    format(line, 2, 100, 10.0, 0);   /* under 3 % */
    ck_assert_str_eq(line, "generate_data: writing xxl 2 %");
    format(line, 50, 100, 0.5, 0);   /* under 1 s */
    ck_assert_str_eq(line, "generate_data: writing xxl 50 %");
    format(line, 100, 100, 10.0, 0);   /* done: nothing left to estimate */
    ck_assert_str_eq(line, "generate_data: writing xxl 100 %");
    progress_format(line, 28, "writing xxl", 25, 100, 10.0, 0);   /* a short buffer is cut */
    ck_assert_str_eq(line, "generate_data: writing xxl ");
}
END_TEST

/* The step's stderr lines, from begin to end, with stderr sent to a file. */
START_TEST(test_quiet_line_says_time_left)
{
    char *dir = temp_dir_make();
    const char *log = path_join(dir, "stderr.txt", NULL);
    fflush(stderr);
    int saved = dup(STDERR_FILENO), file = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(saved, 0);
    ck_assert_int_ge(file, 0);
    dup2(file, STDERR_FILENO);
    close(file);
    progress_init();   /* stderr is now a file: the quiet lines */
    /* progress_init's handlers would keep SIGINT and meson's SIGTERM from ending the tests */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    progress_begin("writing test");
    progress_expect(100);
    int status = progress_advance(5);
    struct timespec wait = {5, 200 * 1000 * 1000};   /* past the 5 s between quiet lines */
    while (nanosleep(&wait, &wait) != 0)
        ;
    status |= progress_advance(5);   /* 10 % in about 5.2 s: about 47 s left */
    progress_end();
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    ck_assert_int_eq(status, 0);

    size_t length;
    char *text = file_read(log, &length);
    ck_assert_ptr_nonnull(text);
    const char *line = strstr(text, "generate_data: writing test 10 % (about ");
    ck_assert_msg(line != NULL, "no percentage line with the time left in:\n%s", text);
    int seconds = 0;
    ck_assert_msg(sscanf(line, "generate_data: writing test 10 %% (about %d s left)\n",
                         &seconds) == 1 && seconds >= 45 && seconds <= 60,
                  "not about 47 s left: %s", line);
    free(text);
    temp_dir_remove(dir);
    free(dir);
}
END_TEST

TCase *progress_tcase(void)
{
    TCase *tc = tcase_create("progress");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_time_left_from_the_rate_so_far);
    tcase_add_test(tc, test_no_estimate_before_it_means_something);
    tcase_add_test(tc, test_quiet_line_says_time_left);
    return tc;
}
