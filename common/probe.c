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
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "clock.h"
#include "error.h"
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

int probe_machine(struct probe_result *result)
{
    result->mebibytes = PROBE_BYTES >> 20;
    result->first_touch_4k_gbps = first_touch_gbps(MADV_NOHUGEPAGE);
    result->first_touch_huge_gbps = first_touch_gbps(MADV_HUGEPAGE);
    result->copy_gbps = copy_gbps();
    return error_pending() ? -1 : 0;
}

void probe_print(FILE *out, const struct probe_result *r, bool json)
{
    if (json) {
        fprintf(out, "{\"mebibytes\": %d, \"passes\": %d, \"first_touch_4k_gbps\": %.3f, "
                     "\"first_touch_huge_gbps\": %.3f, \"copy_gbps\": %.3f}\n",
                r->mebibytes, PROBE_PASSES, r->first_touch_4k_gbps, r->first_touch_huge_gbps,
                r->copy_gbps);
        return;
    }
    fprintf(out, "machine probe: %d MiB per pass, median of %d passes after one warm-up, one thread\n"
                 "  first touch of fresh memory, 4 KiB pages   %6.2f GB/s\n"
                 "  first touch of fresh memory, huge pages    %6.2f GB/s\n"
                 "  copy within memory already mapped          %6.2f GB/s\n",
            r->mebibytes, PROBE_PASSES, r->first_touch_4k_gbps, r->first_touch_huge_gbps,
            r->copy_gbps);
}
