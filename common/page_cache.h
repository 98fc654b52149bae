/*
 * page_cache.h — data cold on disk: evict a step's input files from the kernel's
 * page cache before a run (./main --cold), and measure how much of a file is
 * resident, so that a run that could not be made cold says so.
 *
 * Eviction needs no root: fdatasync, then posix_fadvise(POSIX_FADV_DONTNEED),
 * which drops the file's clean pages.  It does not work everywhere (tmpfs keeps
 * every page in memory; a page another process has mapped stays), hence the check.
 */
#ifndef POR_PAGE_CACHE_H
#define POR_PAGE_CACHE_H

#include <stdbool.h>

/* The share (0–1) of `path`'s pages in the page cache; -1 with the error set. */
double page_cache_resident(const char *path);
/* The same for a file already open (`name` for the error message). */
double page_cache_resident_fd(int fd, const char *name);

/* Evicts the input files of a step reading `data_dir` (the four CSVs when `csv`,
 * else data.hdf5).  *resident: the largest share of a file still resident after. */
int page_cache_evict_inputs(const char *data_dir, bool csv, double *resident);

#endif
