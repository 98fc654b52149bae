/*
 * replay.c — replays saved fuzzer inputs through ./main, without the fuzzer.
 *
 * Usage: replay MAIN csv|hdf5 FOLDER...
 *
 * Every regular file in each FOLDER (fuzz/regressions/TARGET/ and the seed
 * corpus fuzz/corpus/TARGET/) becomes a data folder exactly as the fuzz target
 * saw it (fuzz_data.c), and ./main runs on it: v0 for csv; for hdf5 every row
 * of `main list --tsv` that reads HDF5, steps and floors alike (with
 * --chunk-size 16 for the chunked ones; v3 also with --show, which reads
 * "image").  Each run must end cleanly: exit 0, or exit 1 with exactly one line
 * "main: ..." on stderr.  A signal (a crash, or the 60 s alarm), a
 * sanitizer's exit code (86 in build-asan) or any other status fails.
 *
 * Built by meson with gcc (tests/valgrind/meson.build, suite 'fuzz'), so the
 * normal test suite and scripts/test-sanitize both replay every crash ever
 * found.  Inputs that declare a map larger than FUZZ_MAX_MAP_BYTES are only
 * opened and checked (by hdf5_open_probabilities), as in the fuzz target.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "fuzz_data.h"
#include "hdf5_input.h"

enum { ALARM_SECONDS = 60, MAX_ARGS = 12 };

static int failures, runs;

static int read_all(const char *path, uint8_t **data, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return -1;
    size_t capacity = 4096, length = 0;
    uint8_t *buffer = malloc(capacity);
    size_t got;
    while (buffer && (got = fread(buffer + length, 1, capacity - length, file)) > 0) {
        length += got;
        if (length == capacity) {
            uint8_t *grown = realloc(buffer, capacity *= 2);
            if (!grown)
                free(buffer);
            buffer = grown;
        }
    }
    int bad = ferror(file) || !buffer;
    fclose(file);
    if (bad) {
        free(buffer);
        return -1;
    }
    *data = buffer;
    *size = length;
    return 0;
}

/* Runs `argv` with stderr to `folder`/stderr; checks it ended cleanly. */
static void run_main(const char *input, const char *folder, char *const argv[])
{
    char err_path[4200];
    snprintf(err_path, sizeof err_path, "%s/stderr", folder);
    runs++;
    pid_t pid = fork();
    if (pid == 0) {
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int null = open("/dev/null", O_WRONLY);
        if (err < 0 || null < 0 || dup2(err, 2) < 0 || dup2(null, 1) < 0)
            _exit(127);
        alarm(ALARM_SECONDS);
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0) {
        printf("not ok: %s: cannot run %s: %s\n", input, argv[0], strerror(errno));
        failures++;
        return;
    }
    char message[4096] = "";
    int lines = 0;
    FILE *err = fopen(err_path, "r");
    if (err) {
        char line[4096];
        while (fgets(line, sizeof line, err)) {
            if (lines++ == 0)
                snprintf(message, sizeof message, "%s", line);
        }
        fclose(err);
        unlink(err_path);
    }
    message[strcspn(message, "\n")] = '\0';

    char command[512] = "";
    for (int i = 1; argv[i] && strlen(command) < 400; i++) {
        strcat(command, " ");
        strcat(command, strstr(argv[i], folder) == argv[i] ? "DIR" : argv[i]);
    }
    const char *why = NULL;
    if (WIFSIGNALED(status))
        why = WTERMSIG(status) == SIGALRM ? "hung (alarm)" : strsignal(WTERMSIG(status));
    else if (WEXITSTATUS(status) == 0 && lines != 0)
        why = "exit 0 but wrote to stderr";
    else if (WEXITSTATUS(status) == 1 && !(lines == 1 && strncmp(message, "main: ", 6) == 0))
        why = "exit 1 without exactly one line \"main: ...\"";
    else if (WEXITSTATUS(status) > 1)
        why = "unexpected exit status (86: a sanitizer report)";
    if (why) {
        printf("not ok: %s: main%s: %s (status %d, %d stderr lines; first: %s)\n", input,
               command, why, WIFEXITED(status) ? WEXITSTATUS(status) : -1, lines, message);
        failures++;
    } else {
        printf("ok: %s: main%s: exit %d%s%s\n", input, command, WEXITSTATUS(status),
               lines ? ": " : "", message);
    }
}

/* The rows of `main list --tsv` that read data.hdf5 (kind hdf5 or floor), so
 * that every step and floor of ladder.tsv is replayed, new ones included. */
static char hdf5_rows[32][32];
static size_t hdf5_row_count;

static int load_hdf5_rows(const char *main_path)
{
    char command[4200];
    snprintf(command, sizeof command, "'%s' list --tsv", main_path);
    FILE *list = popen(command, "r");
    if (!list)
        return -1;
    char line[1024];
    while (fgets(line, sizeof line, list) && hdf5_row_count < 32) {
        char *name = strtok(line, "\t"), *parents = strtok(NULL, "\t");
        char *kind = parents ? strtok(NULL, "\t") : NULL;
        if (kind && (strcmp(kind, "hdf5") == 0 || strcmp(kind, "floor") == 0))
            snprintf(hdf5_rows[hdf5_row_count++], sizeof hdf5_rows[0], "%s", name);
    }
    return pclose(list) == 0 && hdf5_row_count > 0 ? 0 : -1;
}

/* True when the map the input declares is readable within FUZZ_MAX_MAP_BYTES. */
static int map_is_small(const char *folder)
{
    struct hdf5_input input;
    if (hdf5_open_probabilities(folder, &input) != 0) {
        error_clear();
        return 1;   /* not even openable: every version stops at the checks */
    }
    int small = input.height <= FUZZ_MAX_MAP_BYTES / 32 / input.width;
    hdf5_input_close(&input);
    return small;
}

static void replay_one(const char *main_path, enum fuzz_kind kind, const char *path)
{
    uint8_t *data = NULL;
    size_t size = 0;
    if (read_all(path, &data, &size) != 0) {
        printf("not ok: %s: cannot read: %s\n", path, strerror(errno));
        failures++;
        return;
    }
    const char *tmp = getenv("TMPDIR");
    char folder[4096];
    snprintf(folder, sizeof folder, "%s/fuzz-replay-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(folder) || fuzz_write_data(folder, kind, data, size) != 0) {
        printf("not ok: %s: cannot write a data folder: %s\n", path, strerror(errno));
        failures++;
        free(data);
        return;
    }
    free(data);

    char main_arg[4096], data_arg[4096], show_arg[4200];
    snprintf(main_arg, sizeof main_arg, "%s", main_path);
    snprintf(data_arg, sizeof data_arg, "%s", folder);
    snprintf(show_arg, sizeof show_arg, "%s/side.png", folder);
    if (kind == FUZZ_CSV) {
        char *argv[] = {main_arg, "v0", "--data", data_arg, NULL};
        run_main(path, folder, argv);
    } else if (!map_is_small(folder)) {
        printf("ok: %s: declares a map over %zu MB: only opened and checked\n", path,
               FUZZ_MAX_MAP_BYTES >> 20);
    } else {
        for (size_t v = 0; v < hdf5_row_count; v++) {
            char *argv[MAX_ARGS] = {main_arg, hdf5_rows[v], "--data", data_arg,
                                    "--threads", "2", "--chunk-size", "16", NULL};
            run_main(path, folder, argv);
        }
        char *argv[] = {main_arg, "v3", "--data", data_arg, "--show", show_arg, NULL};
        run_main(path, folder, argv);
    }
    fuzz_remove_data(folder);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_folder(const char *main_path, enum fuzz_kind kind, const char *folder)
{
    DIR *dir = opendir(folder);
    if (!dir) {
        printf("not ok: %s: %s\n", folder, strerror(errno));
        failures++;
        return;
    }
    char *names[4096];
    size_t count = 0;
    for (struct dirent *entry; (entry = readdir(dir)) != NULL && count < 4096;) {
        if (entry->d_name[0] == '.' || strcmp(entry->d_name, "README.md") == 0)
            continue;
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, by_name);
    for (size_t i = 0; i < count; i++) {
        char path[8192];
        struct stat info;
        snprintf(path, sizeof path, "%s/%s", folder, names[i]);
        if (stat(path, &info) == 0 && S_ISREG(info.st_mode))
            replay_one(main_path, kind, path);
        free(names[i]);
    }
}

int main(int argc, char **argv)
{
    if (argc < 4 || (strcmp(argv[2], "csv") != 0 && strcmp(argv[2], "hdf5") != 0)) {
        fprintf(stderr, "usage: replay MAIN csv|hdf5 FOLDER...\n");
        return 2;
    }
    hdf5_input_quiet();
    if (load_hdf5_rows(argv[1]) != 0) {
        fprintf(stderr, "replay: cannot read the ladder from `%s list --tsv`\n", argv[1]);
        return 2;
    }
    enum fuzz_kind kind = strcmp(argv[2], "csv") == 0 ? FUZZ_CSV : FUZZ_HDF5;
    for (int i = 3; i < argc; i++)
        replay_folder(argv[1], kind, argv[i]);
    printf("%d runs, %d failed\n", runs, failures);
    return failures ? 1 : 0;
}
