/*
 * probe.h — `./main probe`: the machine's traits that decide how fast the
 * ladder's steps (and the Python original) can be on this host, measured in a
 * second or two: what touching fresh memory costs, with and without huge
 * pages, and how fast memory already mapped is copied.
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
};

/* Measures; -1 with an error message when memory cannot be mapped. */
int probe_machine(struct probe_result *result);

void probe_print(FILE *out, const struct probe_result *result, bool json);

#endif
