/*
 * bigalloc.h — large arrays allocated the way numpy allocates them.
 *
 * The first touch of fresh memory in 4 KiB pages costs several times what a
 * region advised with MADV_HUGEPAGE costs (`./main probe` measures both on the
 * machine at hand; on the hosts of this project 3 to 30 times).  numpy advises
 * huge pages for arrays of 4 MiB and more; so do we, in one place, so that no
 * version's lesson is clouded by it.  Our threshold is 1 MiB, lower than
 * numpy's, so that even the 3.7 MB output of size s is advised.  Below the
 * threshold, malloc.  `--no-hugepages` turns
 * the advice off for a whole run, to show the page-fault lesson.
 */
#ifndef POR_BIGALLOC_H
#define POR_BIGALLOC_H

#include <stdbool.h>
#include <stddef.h>

void big_alloc_use_hugepages(bool enabled);
bool big_alloc_hugepages_enabled(void);

/* Uninitialised memory of `bytes` bytes; NULL with an error naming the bytes on failure.
 * A request of 64 MiB or more is first compared with the memory available
 * (memory_available.h, less what big_alloc mapped since the run's first large
 * request), and refused in one line naming the bytes needed, the bytes
 * available and memory_set_hint's steps: never granted, then killed. */
void *big_alloc(size_t bytes);

/* count * size bytes, overflow-checked; `what` names the array in the error. */
void *big_alloc_array(size_t count, size_t size, const char *what);

/* Frees what big_alloc or big_alloc_array returned (NULL: nothing); the
 * block knows its own size. */
void big_free(void *memory);

#endif
