/*
 * testdata.h — tiny crafted data folders for the tests, and ./main as a child.
 *
 * generate_data writes real data; the tests also need arrays of a few pixels
 * chosen by hand (ties, NaN, inf, odd widths) and files broken on purpose
 * (wrong rank, K = 3, an integer dtype, a truncated file, a ragged CSV), so
 * this is a small writer with knobs to break what it writes.  Everything lands
 * in a fresh temporary directory that td_remove_dir() deletes again.
 *
 * Every function returns 0 on success and -1 on failure after printing why to
 * stderr: a test that cannot set up its input should fail loudly, not pass.
 */
#ifndef POR_TESTDATA_H
#define POR_TESTDATA_H

#include <hdf5.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A new empty directory under $TMPDIR (or /tmp); malloc'd path, NULL on failure. */
char *td_make_dir(const char *tag);

/* Removes the directory and everything in it; NULL is ignored. */
void td_remove_dir(char *dir);

/* dir/name as a malloc'd string. */
char *td_path(const char *dir, const char *name);

/* One dataset of data.hdf5, written as asked, right or wrong. */
struct td_dataset {
    const char *name;
    hid_t file_type;      /* e.g. H5T_IEEE_F64LE, H5T_STD_I32LE, H5T_STD_U8LE; 0: a string */
    int rank;             /* 0 … 4 */
    hsize_t dims[4];
    bool declared_only;   /* chunked (chunk 1 × … × 1) with unlimited maximum dims, no data */
    const void *data;     /* in the memory type matching file_type; NULL: nothing written */
};

/* How td_write_stored_hdf5 stores "probabilities": docs/spec.md §3's way, or one of
 * the ways other tools may (each still a valid file every step must read). */
enum td_storage {
    TD_CONTIGUOUS,   /* docs/spec.md §3: contiguous, unfiltered float64 little-endian */
    TD_CHUNKED,      /* chunked in edge × edge × 4 pieces, no filter */
    TD_DEFLATED,     /* chunked as above and deflate-compressed (h5py's compression="gzip") */
    TD_BIG_ENDIAN,   /* contiguous float64 big-endian */
    TD_EXTERNAL,     /* contiguous, its values in dir/external.bin (H5Pset_external) */
    TD_USERBLOCK,    /* contiguous, in a file that starts with a 4 KiB userblock */
};

/* Like td_write_probabilities_hdf5, "probabilities" stored as `storage` says
 * (`edge`: the chunk edge of TD_CHUNKED and TD_DEFLATED, else unused). */
int td_write_stored_hdf5(const char *dir, const double *values, size_t height, size_t width,
                         enum td_storage storage, unsigned edge);

/* A name for the storage, for messages: "chunked", "userblock", ... */
const char *td_storage_name(enum td_storage storage);

/* Overwrites the stored bytes of the last chunk of dataset `name` in
 * dir/data.hdf5 with garbage (for a deflated dataset: a read that fails in the
 * middle, after the file opened and checked fine). */
int td_corrupt_last_chunk(const char *dir, const char *name);

/* Writes dir/data.hdf5 holding exactly these datasets (replacing any old file). */
int td_write_hdf5(const char *dir, const struct td_dataset *sets, size_t count);

/* dir/data.hdf5 as docs/spec.md §3 says: probabilities (H, W, 4) float64 and an image
 * (H, W, 3) uint8 with a recognisable pattern. */
int td_write_probabilities_hdf5(const char *dir, const double *values, size_t height,
                                size_t width);

/* dir/0.csv … 3.csv as numpy.savetxt writes them (%.18e, single spaces, "\n"). */
int td_write_csv(const char *dir, const double *values, size_t height, size_t width);

/* Writes `length` bytes of `text` to dir/name (replacing it). */
int td_write_file(const char *dir, const char *name, const char *text, size_t length);

/* Cuts dir/name to `length` bytes. */
int td_truncate(const char *dir, const char *name, long length);

/* The size of dir/name, or -1. */
long td_file_size(const char *dir, const char *name);

/* The number of entries of a directory other than . and .., or -1. */
int td_count_entries(const char *dir);

/* The image pattern td_write_probabilities_hdf5 writes, pixel (y, x) channel c. */
uint8_t td_image_value(size_t y, size_t x, int c);

/* ---- ./main as a child process -------------------------------------------- */

struct td_result {
    int exit_code;        /* the child's exit status; 128 + signal if it was killed */
    char err[4096];       /* everything it wrote on stderr */
    int err_lines;        /* newline-terminated lines in err */
};

/* $POR_BUILD_ROOT/main (or build/main). */
const char *td_main_path(void);

/* Runs main with argv[1…] = args (NULL-terminated), stdout to /dev/null.  With a
 * positive `vm_limit_kb` the child first sets RLIMIT_AS (what `ulimit -v` sets). */
int td_run_main(const char *const *args, long vm_limit_kb, struct td_result *result);

/* The same in two halves, so that several children can run at once: start
 * returns at once; finish waits for that child and fills `result`. */
struct td_child {
    int pid;
    FILE *err;            /* the child's stderr, a temporary file */
};
/* From now on children may write files of at most `bytes` bytes (RLIMIT_FSIZE,
 * with SIGXFSZ ignored, so a write past it fails as on a full disk); 0: no limit. */
void td_set_child_file_limit(long bytes);
int td_start_main(const char *const *args, long vm_limit_kb, struct td_child *child);
int td_finish_main(struct td_child *child, struct td_result *result);

/* The probabilities of dir/data.hdf5 read back as doubles (malloc'd), or NULL. */
double *td_read_probabilities(const char *dir, size_t *height, size_t *width);

#endif
