/*
 * data_dir.c — a missing standard size generated on first use (see data_dir.h).
 *
 * The disk figures (sizes.c, docs/spec.md §3), per pixel: data.hdf5 holds 4 float64 and
 * 3 uint8 per pixel (35 B: 43 MB at s, 1.55 GB at xl), the CSVs 4 values of
 * 25 characters (100 B: 123 MB at s, 4.4 GB at xl), plus a 2.6 MB preview.
 * The generator is run as a child with its stdout (the summary) discarded, so
 * that ./main's stdout stays the report (--json) and the teacher sees only the
 * generator's progress lines on stderr.  How long it will take is not guessed
 * here: the time depends on the disk, so the generator's percentage lines say
 * it from the rate they measure, and the first line says to look there.
 */
#include "data_dir.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "disk_space.h"
#include "error.h"
#include "sizes.h"

enum { BASE_HEIGHT = SIZE_BASE_HEIGHT, BASE_WIDTH = SIZE_BASE_WIDTH };

void data_dir_print_sizes(void)
{
    for (size_t i = 0; i < SIZE_COUNT; i++)
        printf("%s\t%zu\t%zu\t%s\n", data_sizes[i].name, BASE_HEIGHT * data_sizes[i].tiles,
               BASE_WIDTH * data_sizes[i].tiles, data_sizes[i].csv_default ? "csv" : "no-csv");
}

/* The folder part of `path` (without trailing slashes) into parent, the last
 * component into name: "data/xl/" → "data", "xl"; "xl" → ".", "xl". */
static int split_path(const char *path, char *parent, size_t parent_size, char *name,
                      size_t name_size)
{
    char copy[PATH_MAX];
    if (snprintf(copy, sizeof copy, "%s", path) >= (int)sizeof copy)
        return error_set("%s: path too long", path);
    size_t length = strlen(copy);
    while (length > 1 && copy[length - 1] == '/')
        copy[--length] = '\0';
    char *slash = strrchr(copy, '/');
    const char *last = slash ? slash + 1 : copy;
    if (snprintf(name, name_size, "%s", last) >= (int)name_size)
        return error_set("%s: path too long", path);
    if (slash == NULL)
        snprintf(parent, parent_size, ".");
    else if (slash == copy)
        snprintf(parent, parent_size, "/");
    else {
        *slash = '\0';
        if (snprintf(parent, parent_size, "%s", copy) >= (int)parent_size)
            return error_set("%s: path too long", path);
    }
    return 0;
}

/* build/generate_data/generate_data next to this executable: the absolute path
 * into `path`, and into `shown` the same relative to the working directory
 * when it lies below it (what a person would type). */
static int find_generator(char *path, size_t path_size, char *shown, size_t shown_size)
{
    char exe[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (length <= 0)
        return error_set("/proc/self/exe: cannot read the link: %s", strerror(errno));
    exe[length] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    if (snprintf(path, path_size, "%s/generate_data/generate_data", exe) >= (int)path_size)
        return error_set("%s: path too long", exe);
    char cwd[PATH_MAX];
    size_t cwd_length = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
    if (cwd_length > 0 && strncmp(path, cwd, cwd_length) == 0 && path[cwd_length] == '/')
        snprintf(shown, shown_size, "%s", path + cwd_length + 1);
    else
        snprintf(shown, shown_size, "%s", path);
    return 0;
}

/* `path` made absolute without following it: realpath of the longest part that
 * exists, the rest appended ("data" on a fresh clone → /…/repo/data). */
static void resolve(const char *path, char *out, size_t size)
{
    char parent[PATH_MAX], name[256];
    if (realpath(path, out) != NULL)
        return;
    if (split_path(path, parent, sizeof parent, name, sizeof name) < 0 ||
        strcmp(parent, path) == 0) {
        snprintf(out, size, "%s", path);
        return;
    }
    char resolved[PATH_MAX];
    resolve(parent, resolved, sizeof resolved);
    if (snprintf(out, size, "%s/%s", strcmp(resolved, "/") == 0 ? "" : resolved, name) >=
        (int)size)
        snprintf(out, size, "%s", path);  /* too long to compare: left as given */
}

/* True when `parent` is the project's data/ folder (the one scripts/run fills). */
static bool is_project_data(const char *parent, char *project_data, size_t size)
{
    char here[PATH_MAX];
    resolve(POR_SOURCE_ROOT "/data", project_data, size);
    resolve(parent, here, sizeof here);
    return strcmp(here, project_data) == 0;
}

static bool exists(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat info;
    return snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path &&
           stat(path, &info) == 0;
}

/* Runs the generator; its progress goes to our stderr, its summary nowhere. */
static int run_generator(const char *generator, const char *size, bool csv, const char *parent)
{
    const char *argv[] = {generator, "--sizes", size, "--out", parent, csv ? NULL : "--no-csv",
                          NULL};
    fflush(NULL);
    pid_t child = fork();
    if (child < 0)
        return error_set("cannot start %s: %s", generator, strerror(errno));
    if (child == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDOUT_FILENO);
        execv(generator, (char *const *)argv);
        fprintf(stderr, "main: cannot run %s: %s\n", generator, strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return error_set("%s: cannot wait for it: %s", generator, strerror(errno));
    if (WIFSIGNALED(status))
        return error_set("%s: killed by signal %d while generating size %s", generator,
                         WTERMSIG(status), size);
    if (WEXITSTATUS(status) != 0)
        return error_set("%s exited with status %d while generating size %s (its message is "
                         "above)", generator, WEXITSTATUS(status), size);
    return 0;
}

int data_dir_prepare(const char *dir, bool csv_needed, enum data_generate generate)
{
    char parent[PATH_MAX], name[256], generator[PATH_MAX], shown[PATH_MAX];
    struct stat info;
    bool missing = stat(dir, &info) != 0 && errno == ENOENT;
    if (split_path(dir, parent, sizeof parent, name, sizeof name) < 0 ||
        find_generator(generator, sizeof generator, shown, sizeof shown) < 0)
        return -1;
    const struct data_size *size = data_size_find(name);

    if (!missing) {
        /* A standard size generated without CSVs, asked for by a step that reads them. */
        if (size && csv_needed && !size->hdf5_only && S_ISDIR(info.st_mode) &&
            exists(dir, "data.hdf5") &&
            !exists(dir, "0.csv") && !exists(dir, "1.csv") && !exists(dir, "2.csv") &&
            !exists(dir, "3.csv")) {
            char bytes[32];
            disk_format_bytes(bytes, sizeof bytes, data_size_disk_bytes(size->tiles, true) -
                                                       data_size_disk_bytes(size->tiles, false));
            return error_set("%s/0.csv: not found: %s was generated without CSVs (--no-csv) and "
                             "this step reads them; add them with: %s --sizes %s --out %s "
                             "(%s more)", dir, dir, shown, name, parent, bytes);
        }
        return 0;
    }

    if (size == NULL) {
        char names[64];
        data_size_names(names, sizeof names);
        return error_set("%s: data directory not found, and \"%s\" is not a size (the sizes: %s;"
                         " `main list --sizes`): point --data at one of them, e.g. --data %s/s",
                         dir, name, names, parent);
    }

    if (csv_needed && size->hdf5_only)
        return error_set("%s: size %s is HDF5 only (its CSVs would take %.0f GB) and this step "
                         "reads CSVs: run a step that reads data.hdf5 (`main list`)", dir, name,
                         (data_size_disk_bytes(size->tiles, true) -
                          data_size_disk_bytes(size->tiles, false)) / 1e9);
    bool csv = size->csv_default || csv_needed;
    char command[3 * PATH_MAX];
    snprintf(command, sizeof command, "%s --sizes %s%s --out %s", shown, name,
             csv ? "" : " --no-csv", parent);
    double need = data_size_disk_bytes(size->tiles, csv);
    char need_text[32];
    disk_format_bytes(need_text, sizeof need_text, need);

    if (generate == DATA_GENERATE_NEVER)
        return error_set("%s: data directory not found (generate it with: %s)", dir, command);
    char project_data[PATH_MAX];
    if (generate == DATA_GENERATE_IN_PROJECT &&
        !is_project_data(parent, project_data, sizeof project_data)) {
        error_set("%s: data directory not found; ./main generates a size only in %s unless "
                  "told to with --generate (generate it with: %s)", dir, project_data, command);
        return DATA_DIR_NOT_HERE;
    }
    if (access(generator, X_OK) != 0)
        return error_set("%s: data directory not found, and %s is not built (build it with "
                         "ninja -C build, then generate it with: %s)", dir, shown, command);
    char what[sizeof name + 8];
    snprintf(what, sizeof what, "size %s", name);
    if (disk_space_check(parent, need, what) < 0) {
        char reason[1024];
        snprintf(reason, sizeof reason, "%s", error_message());
        error_clear();
        return error_set("%s: data directory not found, and %s (free some, or generate it "
                         "elsewhere with: %s)", dir, reason, command);
    }

    char csv_text[96] = "";
    if (!csv) {
        char bytes[32];
        disk_format_bytes(bytes, sizeof bytes, data_size_disk_bytes(size->tiles, true) -
                                                   data_size_disk_bytes(size->tiles, false));
        snprintf(csv_text, sizeof csv_text, "; HDF5 only: the CSVs that v0 reads would add %s",
                 bytes);
    }
    fprintf(stderr, "main: %s is missing: generating size %s once (%d × %d pixels, about %s "
            "on disk%s) with: %s; the time left is shown as it goes\n", dir, name,
            (int)(BASE_HEIGHT * size->tiles), (int)(BASE_WIDTH * size->tiles), need_text,
            csv_text, command);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (run_generator(generator, name, csv, parent) < 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (stat(dir, &info) != 0 || !S_ISDIR(info.st_mode))
        return error_set("%s: still missing after %s", dir, command);
    fprintf(stderr, "main: %s generated in %.1f s\n", dir,
            (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
