/*
 * test_cli.c — generate_data as a user meets it: exit codes and messages,
 * and the promise that OUT/<size> is complete or absent.  The atomicity tests
 * kill the program with SIGKILL while it writes, then look at what is left.
 */
#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io_helpers.h"
#include "io_tests.h"

static const char *const files[] = {"data.hdf5", "0.csv", "1.csv", "2.csv", "3.csv", "preview.png"};
enum { FILE_COUNT = sizeof files / sizeof files[0] };

/* Runs with args; asserts the exit code and, for failures, one "generate_data: " line. */
static void check_exit(const char *const *args, int code)
{
    char *dir = temp_dir_make();
    const char *log = path_join(dir, "log.txt", NULL);
    ck_assert_int_eq(generator_run(args, 0, log), code);
    if (code != 0) {
        size_t length;
        char *text = file_read(log, &length);
        ck_assert_ptr_nonnull(text);
        ck_assert_msg(strncmp(text, "generate_data: ", 15) == 0, "message: %s", text);
        ck_assert_msg(strchr(text, '\n') == text + length - 1, "not one line: %s", text);
        free(text);
    }
    temp_dir_remove(dir);
    free(dir);
}

START_TEST(test_usage_errors_exit_2)
{
    check_exit((const char *[]){"--sizes", "q", NULL}, 2);
    check_exit((const char *[]){"--sizes", "s,s", NULL}, 2);
    check_exit((const char *[]){"--sizes=", NULL}, 2);
    check_exit((const char *[]){"--seed", "-1", NULL}, 2);
    check_exit((const char *[]){"--seed", "12x", NULL}, 2);
    check_exit((const char *[]){"--seed", NULL}, 2);
    check_exit((const char *[]){"--frobnicate", NULL}, 2);
    check_exit((const char *[]){"--scale", "0", NULL}, 2);
    check_exit((const char *[]){"--scale", "101", NULL}, 2);
    check_exit((const char *[]){"--scale", "2x", NULL}, 2);
    check_exit((const char *[]){"--scale", "-3", NULL}, 2);
    check_exit((const char *[]){"--scale", NULL}, 2);
    check_exit((const char *[]){"--help", NULL}, 0);
}
END_TEST

START_TEST(test_unusable_out_exits_1)
{
    /* a regular file where a directory must go: fails before any model work */
    check_exit((const char *[]){"--out", "/proc/version/data", NULL}, 1);
}
END_TEST

/* Polls (up to 60 s) until path exists; false on timeout or if pid exited. */
static bool wait_for(const char *path)
{
    struct timespec nap = {0, 2 * 1000 * 1000};
    for (int i = 0; i < 30000; i++) {
        if (path_exists(path))
            return true;
        nanosleep(&nap, NULL);
    }
    return false;
}

/* Starts generate_data into out with `seed`, kills it with `signal_number` once
 * `inside` (a file in its temporary directory) exists; returns its exit code. */
static int run_and_kill(const char *out, const char *seed, const char *inside, int signal_number,
                        pid_t *pid_out)
{
    const char *args[] = {"--sizes", "s", "--out", out, "--seed", seed, NULL};
    pid_t pid = generator_start(args, 0, NULL);
    char temp[64];
    snprintf(temp, sizeof temp, ".s.tmp-%ld", (long)pid);
    bool seen = wait_for(path_join(out, temp, inside));
    kill(pid, signal_number);
    int code = generator_wait(pid);
    ck_assert_msg(seen, "never saw %s/%s/%s", out, temp, inside);
    *pid_out = pid;
    return code;
}

/* The only non-hidden entry of dir is `only` (or none when only is NULL). */
static void assert_visible_entries(const char *dir, const char *only)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (e->d_name[0] != '.')
            ck_assert_msg(only && strcmp(e->d_name, only) == 0, "unexpected %s", e->d_name);
    closedir(d);
}

static void assert_same_as_good(const char *good, const char *out)
{
    for (int f = 0; f < FILE_COUNT; f++)
        ck_assert_msg(files_equal(path_join(good, "s", files[f]), path_join(out, "s", files[f])),
                      "%s changed by an interrupted run", files[f]);
}

/* A good previous s/ (from test_generated.c) survives a run killed while it
 * writes, byte for byte, and nothing else visible appears.  Each generator run
 * costs the whole model, so these two tests share the directory: the next one
 * also checks that the killed run's leftover is removed. */
START_TEST(test_sigkill_keeps_previous)
{
    generated_setup();
    const char *good = generated_dir(0), *out = generated_dir(1);
    pid_t pid;
    ck_assert_int_eq(run_and_kill(out, "7", "0.csv", SIGKILL, &pid), 128 + SIGKILL);
    assert_visible_entries(out, "s");
    assert_same_as_good(good, out);
}
END_TEST

/* SIGTERM is handled: the run stops with exit code 1 and removes its temporary
 * directory; starting, it removed the temporary directory of a dead run. */
START_TEST(test_sigterm_cleans_up)
{
    generated_setup();
    const char *good = generated_dir(0), *out = generated_dir(1);
    pid_t pid;
    ck_assert_int_eq(run_and_kill(out, "7", "data.hdf5", SIGTERM, &pid), 1);
    ck_assert_msg(dir_holds_only(out, "s"), "a temporary directory was left in %s", out);
    assert_same_as_good(good, out);
}
END_TEST

TCase *cli_tcase(void)
{
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_usage_errors_exit_2);
    tcase_add_test(tc, test_unusable_out_exits_1);
    tcase_add_test(tc, test_sigkill_keeps_previous);
    tcase_add_test(tc, test_sigterm_cleans_up);
    return tc;
}
