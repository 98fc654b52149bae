/*
 * probe.c — the machine probe (probe.h).  Each figure is the median of a few
 * timed passes over PROBE_BYTES, after one untimed pass of the same size: a
 * virtual machine's very first touch of memory also pays the host for backing
 * it (measured: 0.6 GB/s the first time, 7–8 GB/s after), which is not what
 * a run of ./main pays once the host has the memory.
 *
 * Fresh memory is timed as a step pays for it: map, write every byte, unmap.
 * The 4 KiB figure asks for MADV_NOHUGEPAGE so that it means the same under
 * transparent huge pages "always" as under "madvise".
 *
 * The disk: a scratch file of PROBE_BYTES, unlinked as soon as it is created
 * (nothing is left behind, even if the probe is killed), written and synced,
 * then PROBE_PASSES times evicted from the page cache and read sequentially.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "page_cache.h"
#include "probe.h"
#include "report.h"  /* median_of */

enum { PROBE_BYTES = 256 << 20, PROBE_PASSES = 3 };

static void *map_fresh(int advice)
{
    void *memory = mmap(NULL, PROBE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                        -1, 0);
    if (memory == MAP_FAILED) {
        error_set("probe: cannot map %d MiB: %s", PROBE_BYTES >> 20, strerror(errno));
        return NULL;
    }
    madvise(memory, PROBE_BYTES, advice);  /* advice only: a refusal changes the figure, not the result */
    return memory;
}

/* GB/s of map + write + unmap with `advice`; 0 on failure (error set). */
static double first_touch_gbps(int advice)
{
    double ms[PROBE_PASSES + 1];
    for (int pass = 0; pass <= PROBE_PASSES; pass++) {
        double start = clock_wall_ms();
        char *memory = map_fresh(advice);
        if (memory == NULL)
            return 0;
        memset(memory, pass + 1, PROBE_BYTES);
        munmap(memory, PROBE_BYTES);
        ms[pass] = clock_wall_ms() - start;
    }
    /* ms[0] is the untimed warm-up pass */
    return PROBE_BYTES / 1e6 / median_of(ms + 1, PROBE_PASSES);
}

static double copy_gbps(void)
{
    char *from = map_fresh(MADV_HUGEPAGE), *to = map_fresh(MADV_HUGEPAGE);
    double ms[PROBE_PASSES + 1] = {0};
    if (from != NULL && to != NULL) {
        memset(from, 1, PROBE_BYTES);
        for (int pass = 0; pass <= PROBE_PASSES; pass++) {
            double start = clock_wall_ms();
            memcpy(to, from, PROBE_BYTES);
            ms[pass] = clock_wall_ms() - start;
            from[pass] = to[PROBE_BYTES - 1 - pass];  /* keeps the copy from being elided */
        }
    }
    if (from != NULL)
        munmap(from, PROBE_BYTES);
    if (to != NULL)
        munmap(to, PROBE_BYTES);
    return from && to ? PROBE_BYTES / 1e6 / median_of(ms + 1, PROBE_PASSES) : 0;
}

enum { DISK_PIECE = 8 << 20 };

static int write_scratch(int fd, char *piece)
{
    memset(piece, 0x5a, DISK_PIECE);
    for (size_t done = 0; done < PROBE_BYTES; done += DISK_PIECE)
        if (write(fd, piece, DISK_PIECE) != DISK_PIECE)
            return -1;
    return fdatasync(fd);
}

/* GB/s of reading the evicted scratch file; 0 when it cannot be made there.
 * *cached: the file stayed in the page cache after eviction (tmpfs). */
static double disk_read_gbps(const char *folder, bool *cached)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/.probe-disk-XXXXXX", folder);
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    unlink(path);
    char *piece = malloc(DISK_PIECE);
    double ms[PROBE_PASSES];
    int passes = 0;
    *cached = false;
    if (piece != NULL && write_scratch(fd, piece) == 0) {
        for (; passes < PROBE_PASSES; passes++) {
            if (posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0)
                break;
            *cached = *cached || page_cache_resident_fd(fd, path) > 0.5;
            double start = clock_wall_ms();
            ssize_t got = 1;
            for (off_t at = 0; at < PROBE_BYTES && got > 0; at += got)
                got = pread(fd, piece, DISK_PIECE, at);
            ms[passes] = clock_wall_ms() - start;
            if (got < 0)
                break;
        }
    }
    free(piece);
    close(fd);
    error_clear();  /* the disk figure is optional: a failure here leaves it 0 */
    return passes == PROBE_PASSES ? PROBE_BYTES / 1e6 / median_of(ms, passes) : 0;
}

int probe_machine(const char *folder, struct probe_result *result)
{
    result->mebibytes = PROBE_BYTES >> 20;
    result->first_touch_4k_gbps = first_touch_gbps(MADV_NOHUGEPAGE);
    result->first_touch_huge_gbps = first_touch_gbps(MADV_HUGEPAGE);
    result->copy_gbps = copy_gbps();
    result->disk_read_gbps = disk_read_gbps(folder, &result->disk_read_cached);
    return error_pending() ? -1 : 0;
}

void probe_print(FILE *out, const struct probe_result *r, bool json)
{
    if (json) {
        fprintf(out, "{\"mebibytes\": %d, \"passes\": %d, \"first_touch_4k_gbps\": %.3f, "
                     "\"first_touch_huge_gbps\": %.3f, \"copy_gbps\": %.3f, "
                     "\"disk_read_gbps\": %.3f, \"disk_read_cached\": %s}\n",
                r->mebibytes, PROBE_PASSES, r->first_touch_4k_gbps, r->first_touch_huge_gbps,
                r->copy_gbps, r->disk_read_gbps, r->disk_read_cached ? "true" : "false");
        return;
    }
    fprintf(out, "machine probe: %d MiB per pass, median of %d passes after one warm-up, one thread\n"
                 "  first touch of fresh memory, 4 KiB pages   %6.2f GB/s\n"
                 "  first touch of fresh memory, huge pages    %6.2f GB/s\n"
                 "  copy within memory already mapped          %6.2f GB/s\n"
                 "  sequential read of a file cold on disk     %6.2f GB/s%s\n",
            r->mebibytes, PROBE_PASSES, r->first_touch_4k_gbps, r->first_touch_huge_gbps,
            r->copy_gbps, r->disk_read_gbps,
            r->disk_read_gbps == 0 ? " (the data folder could not hold the scratch file)"
            : r->disk_read_cached ? " (the file stayed in the page cache: tmpfs?)" : "");
}
