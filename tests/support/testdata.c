/* testdata.c — crafted data folders and ./main as a child (see testdata.h). */
#include "testdata.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

static int fail(const char *what, const char *path)
{
    fprintf(stderr, "testdata: %s: %s: %s\n", what, path ? path : "", strerror(errno));
    return -1;
}

char *td_make_dir(const char *tag)
{
    const char *base = getenv("TMPDIR");
    char *path = NULL;
    if (asprintf(&path, "%s/por-%s-XXXXXX", base && *base ? base : "/tmp", tag) < 0)
        return NULL;
    if (mkdtemp(path) == NULL) {
        fail("mkdtemp", path);
        free(path);
        return NULL;
    }
    return path;
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
    (void)info; (void)flag; (void)ftw;
    remove(path);
    return 0;
}

void td_remove_dir(char *dir)
{
    if (dir == NULL)
        return;
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

char *td_path(const char *dir, const char *name)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", dir, name) < 0)
        return NULL;
    return path;
}

/* ---- HDF5 ----------------------------------------------------------------- */

static hid_t memory_type(hid_t file_type)
{
    if (H5Tequal(file_type, H5T_IEEE_F64LE) > 0 || H5Tequal(file_type, H5T_IEEE_F64BE) > 0)
        return H5T_NATIVE_DOUBLE;
    if (H5Tequal(file_type, H5T_IEEE_F32LE) > 0 || H5Tequal(file_type, H5T_IEEE_F32BE) > 0)
        return H5T_NATIVE_FLOAT;
    if (H5Tequal(file_type, H5T_STD_U8LE) > 0)
        return H5T_NATIVE_UINT8;
    if (H5Tequal(file_type, H5T_STD_I32LE) > 0)
        return H5T_NATIVE_INT32;
    if (H5Tequal(file_type, H5T_STD_I64LE) > 0)
        return H5T_NATIVE_INT64;
    return file_type;
}

/* How the last dataset of a file is stored (td_write_stored_hdf5); NULL: plainly. */
struct layout {
    enum td_storage storage;
    unsigned edge;          /* chunk edge for TD_CHUNKED and TD_DEFLATED */
    const char *external;   /* TD_EXTERNAL: the absolute path of the values' own file */
};

/* Applies `layout` to a dataset's creation properties; negative when HDF5 refuses. */
static int apply_layout(hid_t plist, const struct td_dataset *set, hid_t type,
                        const struct layout *layout)
{
    hsize_t chunk[4];
    if (layout->storage == TD_CHUNKED || layout->storage == TD_DEFLATED) {
        for (int i = 0; i + 1 < set->rank; i++)
            chunk[i] = layout->edge < set->dims[i] ? layout->edge : set->dims[i];
        chunk[set->rank - 1] = set->dims[set->rank - 1];
        if (H5Pset_chunk(plist, set->rank, chunk) < 0)
            return -1;
    }
    if (layout->storage == TD_DEFLATED && H5Pset_deflate(plist, 1) < 0)
        return -1;
    if (layout->storage == TD_EXTERNAL) {
        hsize_t bytes = H5Tget_size(type);
        for (int i = 0; i < set->rank; i++)
            bytes *= set->dims[i];
        if (bytes == 0 || H5Pset_external(plist, layout->external, 0, bytes) < 0)
            return -1;
    }
    return 0;
}

static int write_dataset(hid_t file, const struct td_dataset *set, const struct layout *layout)
{
    hsize_t maxdims[4];
    hsize_t chunk[4];
    for (int i = 0; i < set->rank; i++) {
        maxdims[i] = set->declared_only ? H5S_UNLIMITED : set->dims[i];
        chunk[i] = 1;
    }
    hid_t space = set->rank == 0 ? H5Screate(H5S_SCALAR)
                                 : H5Screate_simple(set->rank, set->dims, maxdims);
    hid_t type = set->file_type;
    bool string = type == 0;
    int properties = space < 0 ? -1 : 0;
    if (string) {
        type = H5Tcopy(H5T_C_S1);
        if (type < 0 || H5Tset_size(type, 8) < 0)
            properties = -1;
    }
    hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
    if (plist < 0 || (set->declared_only && H5Pset_chunk(plist, set->rank, chunk) < 0) ||
        (layout != NULL && apply_layout(plist, set, type, layout) < 0))
        properties = -1;
    hid_t dataset = properties < 0 ? -1 : H5Dcreate2(file, set->name, type, space, H5P_DEFAULT,
                                                     plist, H5P_DEFAULT);
    int status = dataset < 0 ? -1 : 0;
    if (status == 0 && set->data != NULL &&
        H5Dwrite(dataset, string ? type : memory_type(type), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                 set->data) < 0)
        status = -1;
    if (dataset >= 0)
        H5Dclose(dataset);
    if (plist >= 0)
        H5Pclose(plist);
    if (space >= 0)
        H5Sclose(space);
    if (string && type >= 0)
        H5Tclose(type);
    if (status < 0)
        fprintf(stderr, "testdata: cannot write dataset \"%s\"\n", set->name);
    return status;
}

static int write_hdf5(const char *dir, const struct td_dataset *sets, size_t count,
                      const struct layout *layout)
{
    char *path = td_path(dir, "data.hdf5");
    hid_t create = H5Pcreate(H5P_FILE_CREATE);
    hid_t file = create < 0 || (layout != NULL && layout->storage == TD_USERBLOCK &&
                                H5Pset_userblock(create, 4096) < 0)
                     ? -1 : H5Fcreate(path, H5F_ACC_TRUNC, create, H5P_DEFAULT);
    if (create >= 0)
        H5Pclose(create);
    int status = file < 0 ? fail("H5Fcreate", path) : 0;
    for (size_t i = 0; status == 0 && i < count; i++)
        status = write_dataset(file, &sets[i], i + 1 == count ? layout : NULL);
    if (file >= 0 && H5Fclose(file) < 0)
        status = -1;
    free(path);
    return status;
}

int td_write_hdf5(const char *dir, const struct td_dataset *sets, size_t count)
{
    return write_hdf5(dir, sets, count, NULL);
}

uint8_t td_image_value(size_t y, size_t x, int c)
{
    return (uint8_t)(y * 7 + x * 13 + (size_t)c * 101);
}

static int write_probabilities(const char *dir, const double *values, size_t height,
                               size_t width, const struct layout *layout)
{
    uint8_t *image = malloc(height * width * 3);
    if (image == NULL)
        return -1;
    for (size_t y = 0; y < height; y++)
        for (size_t x = 0; x < width; x++)
            for (int c = 0; c < 3; c++)
                image[(y * width + x) * 3 + c] = td_image_value(y, x, c);
    bool big_endian = layout != NULL && layout->storage == TD_BIG_ENDIAN;
    struct td_dataset sets[] = {
        {"image", H5T_STD_U8LE, 3, {height, width, 3}, false, image},
        {"probabilities", big_endian ? H5T_IEEE_F64BE : H5T_IEEE_F64LE, 3, {height, width, 4},
         false, values},
    };
    int status = write_hdf5(dir, sets, 2, layout);
    free(image);
    return status;
}

int td_write_probabilities_hdf5(const char *dir, const double *values, size_t height,
                                size_t width)
{
    return write_probabilities(dir, values, height, width, NULL);
}

int td_write_stored_hdf5(const char *dir, const double *values, size_t height, size_t width,
                         enum td_storage storage, unsigned edge)
{
    char *external = NULL, *absolute = realpath(dir, NULL);
    if (absolute == NULL || (external = td_path(absolute, "external.bin")) == NULL) {
        free(absolute);
        return fail("realpath", dir);
    }
    struct layout layout = {storage, edge, external};
    int status = write_probabilities(dir, values, height, width, &layout);
    free(external);
    free(absolute);
    return status;
}

const char *td_storage_name(enum td_storage storage)
{
    static const char *const names[] = {"contiguous", "chunked", "deflated", "big-endian",
                                        "external", "userblock"};
    return names[storage];
}

double *td_read_probabilities(const char *dir, size_t *height, size_t *width)
{
    char *path = td_path(dir, "data.hdf5");
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    free(path);
    if (file < 0)
        return NULL;
    hid_t dataset = H5Dopen2(file, "probabilities", H5P_DEFAULT);
    hid_t space = dataset < 0 ? -1 : H5Dget_space(dataset);
    hsize_t dims[3] = {0, 0, 0};
    double *values = NULL;
    if (space >= 0 && H5Sget_simple_extent_ndims(space) == 3 &&
        H5Sget_simple_extent_dims(space, dims, NULL) == 3 && dims[2] == 4) {
        values = malloc(dims[0] * dims[1] * 4 * sizeof *values);
        if (values && H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                              values) < 0) {
            free(values);
            values = NULL;
        }
    }
    if (space >= 0)
        H5Sclose(space);
    if (dataset >= 0)
        H5Dclose(dataset);
    H5Fclose(file);
    *height = dims[0];
    *width = dims[1];
    return values;
}

/* ---- CSV and plain files -------------------------------------------------- */

int td_write_csv(const char *dir, const double *values, size_t height, size_t width)
{
    for (int c = 0; c < 4; c++) {
        char name[16];
        snprintf(name, sizeof name, "%d.csv", c);
        char *path = td_path(dir, name);
        FILE *file = fopen(path, "w");
        if (file == NULL) {
            fail("fopen", path);
            free(path);
            return -1;
        }
        for (size_t y = 0; y < height; y++)
            for (size_t x = 0; x < width; x++)
                fprintf(file, "%.18e%c", values[(y * width + x) * 4 + c],
                        x + 1 < width ? ' ' : '\n');
        int status = fclose(file) == 0 ? 0 : fail("fclose", path);
        free(path);
        if (status < 0)
            return -1;
    }
    return 0;
}

int td_write_file(const char *dir, const char *name, const char *text, size_t length)
{
    char *path = td_path(dir, name);
    FILE *file = fopen(path, "wb");
    int status = file ? 0 : fail("fopen", path);
    if (file && fwrite(text, 1, length, file) != length)
        status = fail("fwrite", path);
    if (file && fclose(file) != 0)
        status = fail("fclose", path);
    free(path);
    return status;
}

int td_truncate(const char *dir, const char *name, long length)
{
    char *path = td_path(dir, name);
    int status = truncate(path, length) == 0 ? 0 : fail("truncate", path);
    free(path);
    return status;
}

long td_file_size(const char *dir, const char *name)
{
    char *path = td_path(dir, name);
    struct stat info;
    long size = stat(path, &info) == 0 ? (long)info.st_size : -1;
    free(path);
    return size;
}

int td_count_entries(const char *dir)
{
    DIR *handle = opendir(dir);
    if (handle == NULL)
        return -1;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(handle)) != NULL)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            count++;
    closedir(handle);
    return count;
}

/* ---- ./main as a child ---------------------------------------------------- */

const char *td_main_path(void)
{
    static char path[4096];
    const char *root = getenv("POR_BUILD_ROOT");
    snprintf(path, sizeof path, "%s/main", root && *root ? root : "build");
    return path;
}

static long child_file_limit;

void td_set_child_file_limit(long bytes)
{
    child_file_limit = bytes;
}

int td_start_main(const char *const *args, long vm_limit_kb, struct td_child *child)
{
    const char *argv[64];
    size_t argc = 0;
    argv[argc++] = td_main_path();
    for (size_t i = 0; args[i] != NULL && argc < 63; i++)
        argv[argc++] = args[i];
    argv[argc] = NULL;

    child->err = tmpfile();
    if (child->err == NULL)
        return fail("tmpfile", NULL);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        fclose(child->err);
        return fail("fork", NULL);
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(fileno(child->err), STDERR_FILENO);
        /* Some tests ask for terabytes on purpose and expect the message a
         * failed malloc gets; under AddressSanitizer a failed malloc aborts
         * unless allocator_may_return_null is set. */
        const char *asan = getenv("ASAN_OPTIONS");
        char options[1024];
        snprintf(options, sizeof options, "%s%sallocator_may_return_null=1", asan ? asan : "",
                 asan && *asan ? ":" : "");
        setenv("ASAN_OPTIONS", options, 1);
        if (vm_limit_kb > 0) {
            struct rlimit limit = {(rlim_t)vm_limit_kb * 1024, (rlim_t)vm_limit_kb * 1024};
            setrlimit(RLIMIT_AS, &limit);
        }
        if (child_file_limit > 0) {
            struct rlimit limit = {(rlim_t)child_file_limit, (rlim_t)child_file_limit};
            signal(SIGXFSZ, SIG_IGN);
            setrlimit(RLIMIT_FSIZE, &limit);
        }
        execv(argv[0], (char *const *)argv);
        fprintf(stderr, "testdata: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    child->pid = pid;
    return 0;
}

int td_finish_main(struct td_child *child, struct td_result *result)
{
    memset(result, 0, sizeof *result);
    int status;
    while (waitpid(child->pid, &status, 0) < 0)
        if (errno != EINTR)
            return fail("waitpid", NULL);
    result->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    rewind(child->err);
    size_t used = fread(result->err, 1, sizeof result->err - 1, child->err);
    result->err[used] = '\0';
    fclose(child->err);
    child->err = NULL;
    /* Sanitizer runtimes write "==PID==WARNING: ..." lines of their own (for
     * example when a deliberately huge malloc fails): not ./main's output. */
    char *line = result->err, *kept = result->err;
    while (*line) {
        char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) + 1 : strlen(line);
        if (!(line[0] == '=' && line[1] == '=')) {
            memmove(kept, line, length);
            kept += length;
        }
        line += length;
    }
    *kept = '\0';
    for (const char *c = result->err; *c; c++)
        result->err_lines += *c == '\n';
    return 0;
}

int td_run_main(const char *const *args, long vm_limit_kb, struct td_result *result)
{
    struct td_child child;
    if (td_start_main(args, vm_limit_kb, &child) < 0)
        return -1;
    return td_finish_main(&child, result);
}

int td_corrupt_last_chunk(const char *dir, const char *name)
{
    char *path = td_path(dir, "data.hdf5");
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t dataset = file < 0 ? -1 : H5Dopen2(file, name, H5P_DEFAULT);
    hsize_t count = 0, size = 0;
    haddr_t address = HADDR_UNDEF;
    int status = -1;
    hid_t space = dataset < 0 ? -1 : H5Dget_space(dataset);
    if (space >= 0 && H5Dget_num_chunks(dataset, space, &count) >= 0 && count > 0 &&
        H5Dget_chunk_info(dataset, space, count - 1, NULL, NULL, &address, &size) >= 0)
        status = 0;
    if (space >= 0)
        H5Sclose(space);
    if (dataset >= 0)
        H5Dclose(dataset);
    if (file >= 0)
        H5Fclose(file);
    FILE *handle = status == 0 ? fopen(path, "r+b") : NULL;
    if (handle != NULL && fseek(handle, (long)address, SEEK_SET) == 0) {
        for (hsize_t i = 0; i < size; i++)
            fputc((int)((i * 151 + 7) & 0xff), handle);
        status = fclose(handle) == 0 ? 0 : -1;
    } else {
        if (handle)
            fclose(handle);
        status = -1;
    }
    if (status < 0)
        fprintf(stderr, "testdata: cannot corrupt the last chunk of \"%s\" in %s\n", name, path);
    free(path);
    return status;
}
