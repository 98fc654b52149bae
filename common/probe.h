/*
 * probe.h — `./main probe`: the machine's traits that decide how fast the
 * ladder's steps (and the Python original) can be on this host, measured in a
 * second or two: what touching fresh memory costs, with and without huge
 * pages, how fast memory already mapped is copied, and how fast the disk
 * reads a file that is not in the page cache (data cold on disk).
 */
#ifndef POR_PROBE_H
#define POR_PROBE_H

#include <stdbool.h>
#include <stdio.h>

struct probe_result {
    int mebibytes;               /* the size of every buffer touched or copied */
    double first_touch_4k_gbps;  /* mmap + write every byte + munmap, 4 KiB pages */
    double first_touch_huge_gbps; /* the same with MADV_HUGEPAGE */
    double copy_gbps;            /* memcpy between two buffers already mapped */
    double disk_read_gbps;       /* a scratch file in `folder`, evicted, read in 8 MiB pieces;
                                    0 when the folder cannot hold it */
    bool disk_read_cached;       /* eviction did not work there (tmpfs): not the disk's rate */
};

/* Measures; -1 with an error message when memory cannot be mapped.  The disk is
 * measured in `folder` (the data's), with a file deleted as soon as it is made. */
int probe_machine(const char *folder, struct probe_result *result);

void probe_print(FILE *out, const struct probe_result *result, bool json);

#endif
