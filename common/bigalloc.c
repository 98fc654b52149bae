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
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "error.h"
#include "memory_available.h"

enum { HUGE_PAGE = 2u << 20, MMAP_THRESHOLD = 1u << 20, PAGE = 4096, HEADER = 64 };

/* Requests of this size and more are compared with the memory available first
 * (memory_available.h).  Below it, nothing is read: at size s no step asks for
 * that much, so the check costs the timed region nothing there. */
static const size_t CHECKED_BYTES = (size_t)64 << 20;

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

/* The mapped blocks' bytes now, and the memory available when the last
 * snapshot was taken with `snapshot_held` of them held.  Memory the kernel has
 * granted but the step has not touched yet does not show in MemAvailable (v2
 * maps its four temporaries, then fills them), so each check subtracts what
 * was mapped since the snapshot instead of reading the figure again; a new
 * snapshot is taken when no block is held (a new run). */
static atomic_size_t held;
static pthread_mutex_t snapshot_lock = PTHREAD_MUTEX_INITIALIZER;
static size_t snapshot_available, snapshot_held;
static bool snapshot_taken;

/* What may still be mapped; SIZE_MAX when nothing limits it. */
static size_t available_now(void)
{
    pthread_mutex_lock(&snapshot_lock);
    size_t now = atomic_load(&held);
    if (!snapshot_taken || now == 0) {
        snapshot_available = memory_available();
        snapshot_held = now;
        snapshot_taken = true;
    }
    size_t available = snapshot_available, since = now > snapshot_held ? now - snapshot_held : 0;
    pthread_mutex_unlock(&snapshot_lock);
    if (available == SIZE_MAX)
        return SIZE_MAX;
    return since < available ? available - since : 0;
}

/* NULL on failure with the message set; `what` names the array ("" for none). */
static void *allocate(size_t bytes, const char *what)
{
    const char *named = what[0] ? what : "this step";
    if (bytes > SIZE_MAX - 3 * (size_t)HUGE_PAGE) {
        error_set("out of memory: %s needs %zu bytes, more than any address space", named, bytes);
        return NULL;
    }
    if (bytes < MMAP_THRESHOLD) {
        uint8_t *block = malloc(HEADER + bytes);
        if (block == NULL)
            error_set("out of memory: cannot allocate %zu bytes%s%s", bytes,
                      what[0] ? " for " : "", what);
        return block ? stamp(block + HEADER, bytes) : NULL;
    }
    /* The mapping asks for up to two huge pages more than `bytes` (map_aligned). */
    size_t mapped = bytes + 2 * (size_t)HUGE_PAGE + PAGE, available;
    if (bytes >= CHECKED_BYTES && (available = available_now()) < mapped) {
        memory_refuse(named, bytes, available);
        return NULL;
    }
    void *memory = map_aligned(bytes);
    if (memory == NULL) {
        memory_refuse(named, bytes, available_now());
        return NULL;
    }
    atomic_fetch_add(&held, round_up(bytes, HUGE_PAGE));
    return memory;
}

void *big_alloc(size_t bytes)
{
    return allocate(bytes, "");
}

void *big_alloc_array(size_t count, size_t size, const char *what)
{
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) {
        error_set("%s: %zu × %zu bytes overflows size_t", what, count, size);
        return NULL;
    }
    return allocate(bytes, what);
}

void big_free(void *memory)
{
    if (memory == NULL)
        return;
    struct header header = *header_of(memory);
    assert(header.check == (CHECK ^ header.bytes) && "big_free: not a block from big_alloc");
    if (header.bytes < MMAP_THRESHOLD)
        free((uint8_t *)memory - HEADER);
    else {
        munmap((uint8_t *)memory - PAGE, PAGE + round_up(header.bytes, HUGE_PAGE));
        atomic_fetch_sub(&held, round_up(header.bytes, HUGE_PAGE));
    }
}
