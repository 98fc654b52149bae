/*
 * memory_available.h — how much memory this process may still take, and the
 * one refusal line when a request is larger (docs: README "When the image
 * outgrows memory").
 *
 * Linux grants a mapping larger than what it can back (overcommit) and kills
 * the process later, when the pages are touched; the only answer that names a
 * way out is to compare before allocating.  Three limits apply, the least wins:
 * MemAvailable (/proc/meminfo), the cgroup's limit minus its usage (v2
 * memory.max − memory.current, v1 memory.limit_in_bytes − memory.usage_in_bytes),
 * and RLIMIT_AS minus the address space already mapped (prlimit --as, ulimit -v).
 */
#ifndef POR_MEMORY_AVAILABLE_H
#define POR_MEMORY_AVAILABLE_H

#include <stddef.h>

/* The bytes available now; SIZE_MAX when no limit can be read. */
size_t memory_available(void);

/* What the refusal line adds after the figures: the steps that can do it,
 * e.g. "the steps whose memory does not grow with the image can: v4, v7".
 * ./main sets it from the ladder; NULL (the default) adds nothing. */
void memory_set_hint(const char *hint);

/* Sets the one error line: `what` needs `needed` bytes, `available` are
 * available, and the hint; returns -1. */
int memory_refuse(const char *what, size_t needed, size_t available);

#endif
