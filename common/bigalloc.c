/*
 * bigalloc.c — mmap + MADV_HUGEPAGE for large arrays, malloc for small ones.
 *
 * Why mmap and not malloc + madvise: glibc already mmaps large blocks, but with
 * a 16-byte header in front, so the block is not 2 MiB aligned and the kernel
 * cannot back its first and last megabytes with huge pages.  Mapping 2 MiB more
 * than asked and trimming both ends gives an aligned region.
 *
 * Every block records its own size just before the pointer handed out (in
 * the HEADER bytes in front of a malloc'd block, at the end of one 4 KiB page
 * kept in front of a mapped one), so big_free needs only the pointer: a
 * caller cannot hand it a wrong size and unmap memory malloc owns.
 */
#include "bigalloc.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "error.h"

enum { HUGE_PAGE = 2u << 20, MMAP_THRESHOLD = 1u << 20, PAGE = 4096, HEADER = 64 };

/* What the bytes in front of a block hold; `check` tells a block of ours. */
struct header {
    size_t bytes;
    size_t check;
};

static const size_t CHECK = 0xb16a110cu;

static struct header *header_of(void *memory)
{
    return (struct header *)memory - 1;
}

/* Records `bytes` in front of `memory`, returned. */
static void *stamp(void *memory, size_t bytes)
{
    *header_of(memory) = (struct header){bytes, CHECK ^ bytes};
    return memory;
}

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

/* An aligned region of `bytes` bytes with one ordinary page in front (the header's). */
static void *map_aligned(size_t bytes)
{
    size_t length = round_up(bytes, HUGE_PAGE), total = PAGE + length + HUGE_PAGE;
    uint8_t *raw = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    uint8_t *aligned = (uint8_t *)round_up((uintptr_t)raw + PAGE, HUGE_PAGE);
    if (aligned - PAGE > raw)
        munmap(raw, (size_t)(aligned - PAGE - raw));
    uint8_t *end = raw + total;
    if (end > aligned + length)
        munmap(aligned + length, (size_t)(end - (aligned + length)));
    madvise(aligned, length, use_hugepages ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return stamp(aligned, bytes);
}

/* NULL on failure, without a message: the callers word it. */
static void *allocate(size_t bytes)
{
    if (bytes > SIZE_MAX - 3 * (size_t)HUGE_PAGE)
        return NULL;
    if (bytes >= MMAP_THRESHOLD)
        return map_aligned(bytes);
    uint8_t *block = malloc(HEADER + bytes);
    return block ? stamp(block + HEADER, bytes) : NULL;
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

void big_free(void *memory)
{
    if (memory == NULL)
        return;
    struct header header = *header_of(memory);
    assert(header.check == (CHECK ^ header.bytes) && "big_free: not a block from big_alloc");
    if (header.bytes < MMAP_THRESHOLD)
        free((uint8_t *)memory - HEADER);
    else
        munmap((uint8_t *)memory - PAGE, PAGE + round_up(header.bytes, HUGE_PAGE));
}
