/*
 * io_helpers.h — what the generator io tests share: running the built
 * generate_data as a child process, temporary directories under /tmp, and
 * byte comparison of files.  The tests only ever generate size s.
 */
#ifndef IO_HELPERS_H
#define IO_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The built program: $POR_BUILD_ROOT/generate_data/generate_data. */
const char *generator_path(void);

/* Starts generate_data with args (NULL-terminated, without argv[0]), OMP_NUM_THREADS
 * set to omp_threads (0: inherited), stdout and stderr to stderr_path (NULL: /dev/null). */
pid_t generator_start(const char *const *args, int omp_threads, const char *stderr_path);

/* Waits for pid; its exit code, or 128 + signal. */
int generator_wait(pid_t pid);

/* Start and wait. */
int generator_run(const char *const *args, int omp_threads, const char *stderr_path);

/* mkdtemp("/tmp/gen-io-XXXXXX"); the path is malloc'd. */
char *temp_dir_make(void);

/* rm -r path (ignores errors). */
void temp_dir_remove(const char *path);

/* path is dir + "/" + a + ("/" + b if b), in a static rotating buffer. */
const char *path_join(const char *dir, const char *a, const char *b);

bool files_equal(const char *a, const char *b);

/* Every entry of dir (hidden ones too) is `name`; with name NULL, dir is empty. */
bool dir_holds_only(const char *dir, const char *name);
bool path_exists(const char *path);

/* The whole file, NUL-terminated, malloc'd; *length without the NUL.  NULL on failure. */
char *file_read(const char *path, size_t *length);

#endif
