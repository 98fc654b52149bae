/*
 * bigalloc.c — mmap + MADV_HUGEPAGE for large arrays, malloc for small ones.
 *
 * Why mmap and not malloc + madvise: glibc already mmaps large blocks, but with
 * a 16-byte header in front, so the block is not 2 MiB aligned and the kernel
 * cannot back its first and last megabytes with huge pages.  Mapping 2 MiB more
 * than asked and trimming both ends gives an aligned region.
 */
#include "bigalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "error.h"

enum { HUGE_PAGE = 2u << 20, MMAP_THRESHOLD = 1u << 20 };

static bool use_hugepages = true;

void big_alloc_use_hugepages(bool enabled)
{
    use_hugepages = enabled;
}

bool big_alloc_hugepages_enabled(void)
{
    return use_hugepages;
}

static size_t round_up(size_t bytes, size_t unit)
{
    return (bytes + unit - 1) / unit * unit;
}

static void *map_aligned(size_t bytes)
{
    size_t length = round_up(bytes, HUGE_PAGE);
    uint8_t *raw = mmap(NULL, length + HUGE_PAGE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    uint8_t *aligned = (uint8_t *)round_up((uintptr_t)raw, HUGE_PAGE);
    if (aligned > raw)
        munmap(raw, (size_t)(aligned - raw));
    uint8_t *end = raw + length + HUGE_PAGE;
    if (end > aligned + length)
        munmap(aligned + length, (size_t)(end - (aligned + length)));
    madvise(aligned, length, use_hugepages ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return aligned;
}

/* NULL on failure, without a message: the callers word it. */
static void *allocate(size_t bytes)
{
    if (bytes > SIZE_MAX - 2 * (size_t)HUGE_PAGE)
        return NULL;
    return bytes < MMAP_THRESHOLD ? malloc(bytes ? bytes : 1) : map_aligned(bytes);
}

void *big_alloc(size_t bytes)
{
    void *memory = allocate(bytes);
    if (memory == NULL)
        error_set("out of memory: cannot allocate %zu bytes (%.1f MB)", bytes, bytes / 1e6);
    return memory;
}

void *big_alloc_array(size_t count, size_t size, const char *what)
{
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) {
        error_set("%s: %zu × %zu bytes overflows size_t", what, count, size);
        return NULL;
    }
    void *memory = allocate(bytes);
    if (memory == NULL) {
        error_set("out of memory: cannot allocate %zu bytes (%.1f MB) for %s", bytes,
                  bytes / 1e6, what);
    }
    return memory;
}

void big_free(void *memory, size_t bytes)
{
    if (memory == NULL)
        return;
    if (bytes < MMAP_THRESHOLD)
        free(memory);
    else
        munmap(memory, round_up(bytes, HUGE_PAGE));
}
