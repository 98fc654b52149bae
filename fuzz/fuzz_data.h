/*
 * fuzz_data.h — turning one fuzzer input into a data folder, the way ./main
 * reads it.  Shared by the libFuzzer targets (fuzz_csv.c, fuzz_hdf5.c, built
 * by scripts/fuzz with clang) and by the replay of fuzz/regressions/ in the
 * normal test suite (replay.c, built by meson with gcc), so that a saved input
 * means exactly the same files in both.
 *
 * CSV: the input is split at form feeds ('\f') into 0.csv, 1.csv, 2.csv and
 * 3.csv: no form feed gives the same bytes to all four; with fewer than three,
 * the files after the last part repeat it; the fourth part keeps any further
 * form feeds.  So one input can hold four files of different shapes.
 * HDF5: the input is data.hdf5, byte for byte.
 */
#ifndef POR_FUZZ_DATA_H
#define POR_FUZZ_DATA_H

#include <stddef.h>
#include <stdint.h>

enum fuzz_kind { FUZZ_CSV, FUZZ_HDF5 };

/* The largest probability map (H × W × 4 doubles, in bytes) the HDF5 target
 * and the replay read.  A file may declare any shape without storing it (an
 * unallocated or chunked dataset reads as fill values), and reading 30 GB of
 * fill values is correct, slow, and no test of the parser. */
#define FUZZ_MAX_MAP_BYTES ((size_t)64 << 20)

/* Writes the input as files in `dir` (which exists).  0, or -1 with errno. */
int fuzz_write_data(const char *dir, enum fuzz_kind kind, const uint8_t *data, size_t size);

/* Removes what fuzz_write_data wrote (and any pictures) from `dir`, then `dir`. */
void fuzz_remove_data(const char *dir);

/* Makes the fuzz target's temporary folder "$TMPDIR/fuzz-<name>-XXXXXX" in
 * `folder` (which must outlive the process) and removes it at exit; aborts if
 * it cannot, since a target without its folder can test nothing. */
void fuzz_make_folder(char *folder, size_t size, const char *name);

#endif
