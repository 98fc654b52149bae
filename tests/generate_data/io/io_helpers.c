/*
 * io_helpers.c — see io_helpers.h.  fork + execv rather than system(3): the
 * tests need the child's pid (to kill it mid-write) and its exact exit code.
 */
#include "io_helpers.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *generator_path(void)
{
    static char path[4096];
    const char *root = getenv("POR_BUILD_ROOT");
    snprintf(path, sizeof path, "%s/generate_data/generate_data", root ? root : ".");
    return path;
}

pid_t generator_start(const char *const *args, int omp_threads, const char *stderr_path)
{
    const char *argv[32] = {generator_path()};
    size_t n = 1;
    for (; args[n - 1] && n < 31; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    if (omp_threads > 0) {
        char value[16];
        snprintf(value, sizeof value, "%d", omp_threads);
        setenv("OMP_NUM_THREADS", value, 1);
    }
    int out = open(stderr_path ? stderr_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) {
        dup2(out, STDOUT_FILENO);
        dup2(out, STDERR_FILENO);
    }
    execv(argv[0], (char *const *)argv);
    _exit(127);
}

int generator_wait(pid_t pid)
{
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int generator_run(const char *const *args, int omp_threads, const char *stderr_path)
{
    return generator_wait(generator_start(args, omp_threads, stderr_path));
}

char *temp_dir_make(void)
{
    char *path = strdup("/tmp/gen-io-XXXXXX");
    if (path && !mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *ftw)
{
    (void)info, (void)type, (void)ftw;
    remove(path);
    return 0;
}

void temp_dir_remove(const char *path)
{
    if (path && strncmp(path, "/tmp/", 5) == 0)   /* never anything else */
        nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *path_join(const char *dir, const char *a, const char *b)
{
    static char buffers[8][4096];
    static int next;
    char *out = buffers[next++ % 8];
    snprintf(out, 4096, "%s/%s%s%s", dir, a, b ? "/" : "", b ? b : "");
    return out;
}

bool path_exists(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0;
}

char *file_read(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    char *data = NULL;
    long size = -1;
    if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0
        && (data = malloc((size_t)size + 1)) != NULL
        && fread(data, 1, (size_t)size, file) != (size_t)size) {
        free(data);
        data = NULL;
    }
    fclose(file);
    if (data) {
        data[size] = '\0';
        *length = (size_t)size;
    }
    return data;
}

bool files_equal(const char *a, const char *b)
{
    size_t la, lb;
    char *da = file_read(a, &la), *db = file_read(b, &lb);
    bool equal = da && db && la == lb && memcmp(da, db, la) == 0;
    free(da);
    free(db);
    return equal;
}

bool dir_holds_only(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool only = true;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            only = only && name && strcmp(e->d_name, name) == 0;
    closedir(d);
    return only;
}
