/*
 * test_page_cache.c — Check tests of common/page_cache.c, what `./main --cold`
 * relies on: a file just written and read is resident; evicted, it is not (or,
 * on tmpfs, where eviction cannot work, the residency says that it stayed); a
 * missing file is an error naming it.
 */
#include <check.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "error.h"
#include "page_cache.h"
#include "../support/check_run.h"

enum { FILE_BYTES = 8 << 20 };

/* A folder under the working directory (the build folder, on the disk the
 * project lives on) holding data.hdf5 of FILE_BYTES, written and read back. */
static void make_cached_file(char *dir, size_t size, char *path, size_t path_size)
{
    snprintf(dir, size, "page-cache-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, path_size, "%s/data.hdf5", dir);
    char *bytes = malloc(FILE_BYTES);
    ck_assert_ptr_nonnull(bytes);
    memset(bytes, 7, FILE_BYTES);
    FILE *file = fopen(path, "wb");
    ck_assert_ptr_nonnull(file);
    ck_assert_uint_eq(fwrite(bytes, 1, FILE_BYTES, file), FILE_BYTES);
    ck_assert_int_eq(fclose(file), 0);
    file = fopen(path, "rb");
    ck_assert_uint_eq(fread(bytes, 1, FILE_BYTES, file), FILE_BYTES);
    fclose(file);
    free(bytes);
}

START_TEST(evicted_file_leaves_the_page_cache)
{
    char dir[64], path[128];
    make_cached_file(dir, sizeof dir, path, sizeof path);
    ck_assert_double_gt(page_cache_resident(path), 0.9);

    double left = -1;
    ck_assert_int_eq(page_cache_evict_inputs(dir, false, &left), 0);
    struct statfs fs;
    ck_assert_int_eq(statfs(dir, &fs), 0);
    if (fs.f_type == TMPFS_MAGIC) {
        /* tmpfs holds its files in the page cache: --cold must say it stayed */
        ck_assert_double_gt(left, 0.9);
    } else {
        ck_assert_double_lt(left, 0.05);
        ck_assert_double_lt(page_cache_resident(path), 0.05);
    }
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(missing_file_is_named)
{
    double left;
    ck_assert_int_eq(page_cache_evict_inputs("no-such-folder", true, &left), -1);
    ck_assert_ptr_nonnull(strstr(error_message(), "no-such-folder/0.csv"));
    error_clear();
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("page_cache");
    TCase *cases = tcase_create("page_cache");
    tcase_add_test(cases, evicted_file_leaves_the_page_cache);
    tcase_add_test(cases, missing_file_is_named);
    suite_add_tcase(suite, cases);
    return check_run(suite);
}
