/*
 * test_first_use.c — ./main as typed on a fresh clone: no
 * environment to export, no data to prepare by hand.
 *
 * Runs build/main as a child with a chosen environment and reads both its
 * stdout and its stderr:
 *  - the OpenMP wait policy: passive and "set by ./main" when OMP_WAIT_POLICY is
 *    unset (one re-execution), the user's when set, active with --spin, in the
 *    text header of every version and in --json; the re-execution guard and the
 *    LD_PRELOAD case (valgrind, heaptrack) never execute again;
 *  - the data folder: a missing standard size is generated on first use (size s
 *    into a temporary folder named with --generate: never l or xl here), after
 *    one line naming the command and the disk; outside the project's data/
 *    without --generate, or with --no-generate, one line naming the exact
 *    command and nothing written; a folder that is not a size is told the sizes;
 *    a step that reads CSVs on a size generated without them is told how to add them;
 *  - `main list --tsv`: five tab-separated fields, options as ladder.tsv spells them.
 */
#include <check.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testdata.h"
#include "../support/check_run.h"

struct run {
    int exit_code;
    char out[16384];
    char err[16384];
};

/* Reads a whole temporary file into buffer (NUL-terminated, cut to size). */
static void slurp(FILE *file, char *buffer, size_t size)
{
    rewind(file);
    size_t used = fread(buffer, 1, size - 1, file);
    buffer[used] = '\0';
    fclose(file);
}

/* Runs main with args (NULL-ended); env holds "NAME=value" to set and "NAME"
 * to unset, NULL-ended (NULL for none). */
static struct run run_main(const char *const *env, const char *const *args)
{
    static struct run result;
    memset(&result, 0, sizeof result);
    FILE *out = tmpfile(), *err = tmpfile();
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    const char *argv[32] = {td_main_path()};
    size_t argc = 1;
    for (size_t i = 0; args[i] && argc < 31; i++)
        argv[argc++] = args[i];
    argv[argc] = NULL;
    fflush(NULL);
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) {
        for (size_t i = 0; env && env[i]; i++) {
            const char *equals = strchr(env[i], '=');
            if (equals == NULL) {
                unsetenv(env[i]);
            } else {
                char name[128];
                snprintf(name, sizeof name, "%.*s", (int)(equals - env[i]), env[i]);
                setenv(name, equals + 1, 1);
            }
        }
        dup2(fileno(out), STDOUT_FILENO);
        dup2(fileno(err), STDERR_FILENO);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    slurp(out, result.out, sizeof result.out);
    slurp(err, result.err, sizeof result.err);
    return result;
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define ENV(...) ((const char *const[]){__VA_ARGS__, NULL})

static void assert_contains(const char *text, const char *part, const char *context)
{
    ck_assert_msg(strstr(text, part) != NULL, "%s: expected \"%s\" in:\n%s", context, part, text);
}

/* A tiny valid data folder, so the policy tests do not depend on data/s. */
static char *tiny_dir(char **root)
{
    *root = td_make_dir("first-use");
    ck_assert_ptr_nonnull(*root);
    char *dir = td_path(*root, "tiny");
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    double values[3 * 4 * 4];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        values[i] = (double)(i % 7) / 7.0;
    ck_assert_int_eq(td_write_probabilities_hdf5(dir, values, 3, 4), 0);
    ck_assert_int_eq(td_write_csv(dir, values, 3, 4), 0);
    return dir;
}

/* The generator as ./main names it: next to ./main, relative to the working
 * directory when below it. */
static void generator_as_shown(char *out, size_t size)
{
    char path[PATH_MAX + 64], cwd[PATH_MAX];
    ck_assert_ptr_nonnull(realpath(td_main_path(), path));
    strcpy(strrchr(path, '/'), "/generate_data/generate_data");
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    size_t n = strlen(cwd);
    snprintf(out, size, "%s", strncmp(path, cwd, n) == 0 && path[n] == '/' ? path + n + 1 : path);
}

/* ---- the OpenMP wait policy ------------------------------------------------- */

START_TEST(policy_passive_when_unset)
{
    char *root, *dir = tiny_dir(&root);
    /* every version prints it, threaded or not */
    const char *versions[] = {"v3", "v5"};
    for (size_t i = 0; i < 2; i++) {
        struct run r = run_main(ENV("OMP_WAIT_POLICY", "POR_WAIT_POLICY_SET"),
                                ARGS(versions[i], "--data", dir));
        ck_assert_msg(r.exit_code == 0, "%s: %s", versions[i], r.err);
        assert_contains(r.out, "\n  OpenMP wait policy passive (set by ./main; --spin to let "
                               "idle workers spin)\n", versions[i]);
    }
    free(dir);
    td_remove_dir(root);
}
END_TEST

START_TEST(policy_from_the_environment)
{
    char *root, *dir = tiny_dir(&root);
    struct run r = run_main(ENV("OMP_WAIT_POLICY=active"), ARGS("v5", "--data", dir));
    ck_assert_msg(r.exit_code == 0, "%s", r.err);
    assert_contains(r.out, "  OpenMP wait policy active (from OMP_WAIT_POLICY)\n", "env active");
    r = run_main(ENV("OMP_WAIT_POLICY=passive"), ARGS("v3", "--data", dir));
    assert_contains(r.out, "  OpenMP wait policy passive (from OMP_WAIT_POLICY)\n", "env passive");
    free(dir);
    td_remove_dir(root);
}
END_TEST

START_TEST(policy_spin_on_purpose)
{
    char *root, *dir = tiny_dir(&root);
    struct run r = run_main(ENV("OMP_WAIT_POLICY"), ARGS("v5", "--data", dir, "--spin"));
    ck_assert_msg(r.exit_code == 0, "%s", r.err);
    assert_contains(r.out, "  OpenMP wait policy active (--spin)\n", "--spin, unset");
    /* --spin wins over an exported passive policy */
    r = run_main(ENV("OMP_WAIT_POLICY=passive"), ARGS("v5", "--data", dir, "--spin"));
    assert_contains(r.out, "  OpenMP wait policy active (--spin)\n", "--spin, passive exported");
    free(dir);
    td_remove_dir(root);
}
END_TEST

START_TEST(policy_in_json)
{
    char *root, *dir = tiny_dir(&root);
    struct run r = run_main(ENV("OMP_WAIT_POLICY"), ARGS("v3", "--data", dir, "--json"));
    ck_assert_msg(r.exit_code == 0, "%s", r.err);
    assert_contains(r.out, "\"omp_wait_policy\": \"passive\", \"omp_wait_policy_origin\": "
                           "\"set by ./main\"", "--json");
    r = run_main(ENV("OMP_WAIT_POLICY"), ARGS("v3", "--data", dir, "--json", "--spin"));
    assert_contains(r.out, "\"omp_wait_policy\": \"active\", \"omp_wait_policy_origin\": "
                           "\"--spin\"", "--json --spin");
    free(dir);
    td_remove_dir(root);
}
END_TEST

/* The marker says ./main already executed itself: it must not do so again,
 * even with the policy unset (no loop), and must not pass the marker on. */
START_TEST(policy_reexecutes_at_most_once)
{
    char *root, *dir = tiny_dir(&root);
    struct run r = run_main(ENV("OMP_WAIT_POLICY", "POR_WAIT_POLICY_SET=main"),
                            ARGS("v3", "--data", dir));
    ck_assert_msg(r.exit_code == 0, "%s", r.err);
    assert_contains(r.out, "  OpenMP wait policy unset (", "marker, policy unset");
    free(dir);
    td_remove_dir(root);
}
END_TEST

/* Under a preloading tool the new image would escape it: no re-execution. */
START_TEST(policy_not_changed_under_ld_preload)
{
    char *root, *dir = tiny_dir(&root);
    /* A sanitized ./main (scripts/test-sanitize) refuses to start when another
     * library is preloaded before its runtime, unless told not to check. */
    char asan[1024];
    const char *given = getenv("ASAN_OPTIONS");
    snprintf(asan, sizeof asan, "ASAN_OPTIONS=%s%sverify_asan_link_order=0", given ? given : "",
             given && *given ? ":" : "");
    struct run r = run_main(ENV("OMP_WAIT_POLICY", "LD_PRELOAD=libm.so.6", asan),
                            ARGS("v3", "--data", dir));
    ck_assert_msg(r.exit_code == 0, "%s", r.err);
    assert_contains(r.out, "  OpenMP wait policy unset (libgomp's default: idle workers spin; "
                           "not changed under LD_PRELOAD", "LD_PRELOAD");
    free(dir);
    td_remove_dir(root);
}
END_TEST

/* ---- the data folder -------------------------------------------------------- */

/* Not a size (xxxl, medium): said so, with the sizes there are; never a copy of
 * size s offered under the name, nothing written. */
START_TEST(missing_folder_not_a_standard_size)
{
    char *root = td_make_dir("first-use"), expected[4 * PATH_MAX];
    const char *names[] = {"xxxl", "medium"};
    for (size_t i = 0; i < 2; i++) {
        char *missing = td_path(root, names[i]);
        struct run r = run_main(NULL, ARGS("v3", "--data", missing, "--generate"));
        snprintf(expected, sizeof expected, "main: %s: data directory not found, and \"%s\" is "
                 "not a size (the sizes: s, m, l, xl, xxl; `main list --sizes`): point --data at one "
                 "of them, e.g. --data %s/s\n", missing, names[i], root);
        ck_assert_int_eq(r.exit_code, 1);
        ck_assert_str_eq(r.err, expected);
        free(missing);
    }
    ck_assert_int_eq(td_count_entries(root), 0);
    td_remove_dir(root);
}
END_TEST

/* A standard size outside the project's data/, not asked for with --generate:
 * the command, exit 2, and nothing written — not even the missing parent. */
START_TEST(missing_size_outside_data_not_generated)
{
    char *root = td_make_dir("first-use"), generator[PATH_MAX + 64], expected[4 * PATH_MAX];
    char *parent = td_path(root, "nowhere"), *missing = td_path(parent, "s");
    char project[PATH_MAX];
    ck_assert_ptr_nonnull(realpath(getenv("POR_SOURCE_ROOT"), project));
    generator_as_shown(generator, sizeof generator);
    struct run r = run_main(NULL, ARGS("v3", "--data", missing));
    snprintf(expected, sizeof expected, "main: %s: data directory not found; ./main generates a "
             "size only in %s/data unless told to with --generate (generate it with: %s --sizes "
             "s --out %s)\n", missing, project, generator, parent);
    ck_assert_int_eq(r.exit_code, 2);
    ck_assert_str_eq(r.err, expected);
    ck_assert_str_eq(r.out, "");
    ck_assert_int_eq(td_count_entries(root), 0);
    free(missing);
    free(parent);
    td_remove_dir(root);
}
END_TEST

START_TEST(missing_standard_size_with_no_generate)
{
    char *root = td_make_dir("first-use"), generator[PATH_MAX + 64], expected[4 * PATH_MAX];
    generator_as_shown(generator, sizeof generator);
    /* l and xl without the CSVs (4.4 GB at xl), s and m with them */
    const char *sizes[] = {"xl", "l", "m", "s"};
    const char *csv[] = {" --no-csv", " --no-csv", "", ""};
    for (size_t i = 0; i < 4; i++) {
        char *missing = td_path(root, sizes[i]);
        struct run r = run_main(NULL, ARGS("v3", "--data", missing, "--no-generate"));
        snprintf(expected, sizeof expected, "main: %s: data directory not found (generate it "
                 "with: %s --sizes %s%s --out %s)\n", missing, generator, sizes[i], csv[i], root);
        ck_assert_int_eq(r.exit_code, 1);
        ck_assert_str_eq(r.err, expected);
        free(missing);
    }
    /* v0 reads the CSVs: for it, xl is generated with them */
    char *missing = td_path(root, "xl");
    struct run r = run_main(NULL, ARGS("v0", "--data", missing, "--no-generate"));
    snprintf(expected, sizeof expected, "main: %s: data directory not found (generate it with: "
             "%s --sizes xl --out %s)\n", missing, generator, root);
    ck_assert_str_eq(r.err, expected);
    ck_assert_int_eq(td_count_entries(root), 0);
    free(missing);
    td_remove_dir(root);
}
END_TEST

/* Size s into a temporary folder named with --generate: said first, generated,
 * then run as asked. */
START_TEST(missing_size_s_is_generated)
{
    char *root = td_make_dir("first-use"), generator[PATH_MAX + 64], expected[4 * PATH_MAX];
    char *parent = td_path(root, "fresh-clone/data");
    char *dir = td_path(parent, "s");
    generator_as_shown(generator, sizeof generator);
    struct run r = run_main(ENV("OMP_WAIT_POLICY"),
                            ARGS("v3", "--data", dir, "--json", "--generate"));
    ck_assert_msg(r.exit_code == 0, "exit %d: %s", r.exit_code, r.err);
    snprintf(expected, sizeof expected, "main: %s is missing: generating size s once (960 × "
             "1280 pixels, about 168 MB on disk) with: %s --sizes s --out %s; the time left is "
             "shown as it goes\n", dir, generator, parent);
    ck_assert_msg(strncmp(r.err, expected, strlen(expected)) == 0,
                  "first line:\n  got      %.300s\n  expected %s", r.err, expected);
    assert_contains(r.err, "generate_data: ", "the generator's progress");
    char done[PATH_MAX + 64];
    snprintf(done, sizeof done, "\nmain: %s generated in ", dir);
    assert_contains(r.err, done, "the closing line");
    /* stdout is the report only: one JSON object of the run on the new data */
    ck_assert_msg(r.out[0] == '{' && strchr(r.out, '\n') == r.out + strlen(r.out) - 1,
                  "stdout is not one JSON line: %s", r.out);
    assert_contains(r.out, "\"height\": 960, \"width\": 1280", "the run used the new size s");
    const char *files[] = {"data.hdf5", "0.csv", "1.csv", "2.csv", "3.csv"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_msg(td_file_size(dir, files[i]) > 0, "%s/%s missing", dir, files[i]);
    /* second time: nothing to generate, nothing said */
    r = run_main(NULL, ARGS("v3", "--data", dir));
    ck_assert_int_eq(r.exit_code, 0);
    ck_assert_str_eq(r.err, "");
    free(dir);
    free(parent);
    td_remove_dir(root);
}
END_TEST

/* xl generated with --no-csv, then v0: the line says how to add the CSVs. */
START_TEST(csv_step_on_a_size_without_csv)
{
    char *root = td_make_dir("first-use"), generator[PATH_MAX + 64], expected[4 * PATH_MAX];
    char *dir = td_path(root, "xl");
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    double values[2 * 2 * 4] = {0.5};
    ck_assert_int_eq(td_write_probabilities_hdf5(dir, values, 2, 2), 0);
    generator_as_shown(generator, sizeof generator);
    struct run r = run_main(NULL, ARGS("v0", "--data", dir));
    snprintf(expected, sizeof expected, "main: %s/0.csv: not found: %s was generated without "
             "CSVs (--no-csv) and this step reads them; add them with: %s --sizes xl --out %s "
             "(4.42 GB more)\n", dir, dir, generator, root);
    ck_assert_int_eq(r.exit_code, 1);
    ck_assert_str_eq(r.err, expected);
    /* the HDF5 steps are not concerned */
    r = run_main(NULL, ARGS("v3", "--data", dir));
    ck_assert_msg(r.exit_code == 0, "%s", r.err);
    free(dir);
    td_remove_dir(root);
}
END_TEST

/* ---- main list --sizes: the sizes of docs/spec.md §3, the one table scripts read */

START_TEST(list_sizes)
{
    struct run r = run_main(NULL, ARGS("list", "--sizes"));
    ck_assert_int_eq(r.exit_code, 0);
    ck_assert_str_eq(r.out, "s\t960\t1280\tcsv\nm\t1920\t2560\tcsv\n"
                            "l\t3840\t5120\tno-csv\nxl\t5760\t7680\tno-csv\n"
                            "xxl\t28800\t38400\tno-csv\n");
}
END_TEST

/* ---- main list --tsv -------------------------------------------------------- */

START_TEST(list_tsv_fields)
{
    struct run r = run_main(NULL, ARGS("list", "--tsv"));
    ck_assert_int_eq(r.exit_code, 0);
    int rows = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"), rows++) {
        int tabs = 0;
        for (char *c = line; *c; c++)
            tabs += *c == '\t';
        ck_assert_msg(tabs == 4, "not five fields: %s", line);
        char name[32], parents[64], kind[16], options[64];
        ck_assert_int_eq(sscanf(line, "%31[^\t]\t%63[^\t]\t%15[^\t]\t%63[^\t]", name, parents,
                                kind, options), 4);
        size_t n = strlen(options);
        ck_assert_msg(options[n - 1] != ',' && options[0] != ',', "options \"%s\"", options);
        if (strcmp(name, "v7") == 0)
            ck_assert_str_eq(options, "chunked,threaded,bounded");
        if (strcmp(name, "v3") == 0)
            ck_assert_str_eq(options, "-");
    }
    ck_assert_int_ge(rows, 9);
}
END_TEST

static Suite *first_use_suite(void)
{
    Suite *suite = suite_create("first-use");
    TCase *policy = tcase_create("wait policy");
    tcase_add_test(policy, policy_passive_when_unset);
    tcase_add_test(policy, policy_from_the_environment);
    tcase_add_test(policy, policy_spin_on_purpose);
    tcase_add_test(policy, policy_in_json);
    tcase_add_test(policy, policy_reexecutes_at_most_once);
    tcase_add_test(policy, policy_not_changed_under_ld_preload);
    suite_add_tcase(suite, policy);
    TCase *data = tcase_create("data folder");
    tcase_set_timeout(data, 120);
    tcase_add_test(data, missing_folder_not_a_standard_size);
    tcase_add_test(data, missing_standard_size_with_no_generate);
    tcase_add_test(data, missing_size_outside_data_not_generated);
    tcase_add_test(data, missing_size_s_is_generated);
    tcase_add_test(data, csv_step_on_a_size_without_csv);
    suite_add_tcase(suite, data);
    TCase *list = tcase_create("list");
    tcase_add_test(list, list_tsv_fields);
    tcase_add_test(list, list_sizes);
    suite_add_tcase(suite, list);
    return suite;
}

int main(void)
{
    return check_run(first_use_suite());
}
