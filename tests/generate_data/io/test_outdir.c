/*
 * test_outdir.c — the output directory protocol without the generator:
 * a size directory appears by one rename, replaces a previous one only when
 * committed, and a dead run's temporary directory is removed by the next.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io_helpers.h"
#include "outdir.h"

static void write_text(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    ck_assert_ptr_nonnull(file);
    fputs(text, file);
    ck_assert_int_eq(fclose(file), 0);
}

static bool file_is(const char *path, const char *text)
{
    size_t length;
    char *data = file_read(path, &length);
    bool same = data && strcmp(data, text) == 0;
    free(data);
    return same;
}

START_TEST(test_make_creates_parents)
{
    char *root = temp_dir_make();
    ck_assert_int_eq(outdir_make(path_join(root, "a/b/c", NULL)), 0);
    ck_assert(path_exists(path_join(root, "a/b/c", NULL)));
    ck_assert_int_eq(outdir_make(path_join(root, "a/b/c", NULL)), 0);   /* again: fine */
    write_text(path_join(root, "file", NULL), "x");
    ck_assert_int_eq(outdir_make(path_join(root, "file/sub", NULL)), -1);
    temp_dir_remove(root);
    free(root);
}
END_TEST

START_TEST(test_commit_new_and_replace)
{
    char *root = temp_dir_make();
    char temp[4096];
    ck_assert_int_eq(outdir_begin(root, "s", temp, sizeof temp), 0);
    write_text(path_join(temp, "a.txt", NULL), "first");
    ck_assert(!path_exists(path_join(root, "s", NULL)));   /* not before the commit */
    ck_assert_int_eq(outdir_commit(temp, root, "s"), 0);
    ck_assert(file_is(path_join(root, "s", "a.txt"), "first"));

    ck_assert_int_eq(outdir_begin(root, "s", temp, sizeof temp), 0);
    write_text(path_join(temp, "b.txt", NULL), "second");
    ck_assert(file_is(path_join(root, "s", "a.txt"), "first"));   /* untouched until commit */
    ck_assert_int_eq(outdir_commit(temp, root, "s"), 0);
    ck_assert(file_is(path_join(root, "s", "b.txt"), "second"));
    ck_assert(!path_exists(path_join(root, "s", "a.txt")));       /* the old directory is gone */
    ck_assert(dir_holds_only(root, "s"));                          /* and nothing is left over */
    temp_dir_remove(root);
    free(root);
}
END_TEST

START_TEST(test_abandon_removes_temp)
{
    char *root = temp_dir_make();
    char temp[4096];
    ck_assert_int_eq(outdir_begin(root, "m", temp, sizeof temp), 0);
    write_text(path_join(temp, "partial.csv", NULL), "1 2 3");
    outdir_abandon(temp);
    ck_assert(dir_holds_only(root, NULL));
    temp_dir_remove(root);
    free(root);
}
END_TEST

/* A pid that surely belongs to no process: a child that has been reaped. */
static pid_t dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    return pid;
}

START_TEST(test_stale_temp_of_dead_run_removed)
{
    char *root = temp_dir_make();
    char stale[64], temp[4096];
    snprintf(stale, sizeof stale, ".s.tmp-%ld", (long)dead_pid());
    ck_assert_int_eq(outdir_make(path_join(root, stale, NULL)), 0);
    write_text(path_join(root, stale, "data.hdf5"), "half");
    ck_assert_int_eq(outdir_make(path_join(root, ".m.tmp-1", NULL)), 0);   /* other size: kept */
    ck_assert_int_eq(outdir_begin(root, "s", temp, sizeof temp), 0);
    ck_assert(!path_exists(path_join(root, stale, NULL)));
    ck_assert(path_exists(path_join(root, ".m.tmp-1", NULL)));
    outdir_abandon(temp);
    temp_dir_remove(root);
    free(root);
}
END_TEST

TCase *outdir_tcase(void)
{
    TCase *tc = tcase_create("outdir");
    tcase_add_test(tc, test_make_creates_parents);
    tcase_add_test(tc, test_commit_new_and_replace);
    tcase_add_test(tc, test_abandon_removes_temp);
    tcase_add_test(tc, test_stale_temp_of_dead_run_removed);
    return tc;
}
