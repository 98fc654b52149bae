/*
 * harness.c — one measured run (see harness.h).
 *
 * Before the region: malloc_trim(0) hands freed heap back to the kernel, so a
 * previous run's lists do not make this run's growth look small; then the
 * high-water mark is reset.  The figures are taken right after the version
 * returns, before the caller touches the result.
 */
#include "harness.h"

#include <malloc.h>
#include <string.h>
#include <sys/resource.h>

#include "clock.h"
#include "phase.h"
#include "row_sink.h"
#include "rss.h"

static void page_faults(long *minor, long *major)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    *minor = usage.ru_minflt;
    *major = usage.ru_majflt;
}

/* The region itself, kept out of line under a fixed name so that callgrind can
 * count exactly it: valgrind --tool=callgrind --toggle-collect=measured_region */
__attribute__((noinline)) int measured_region(const struct version_info *version,
                                              const struct step_input *input,
                                              struct rgb_image *out);

int measured_region(const struct version_info *version, const struct step_input *input,
                    struct rgb_image *out)
{
    int status = version->run(input, out);
    phase_end();
    if (status == 0 && out->sink != NULL && out->pixels != NULL)
        status = row_sink_image(out->sink, out->pixels, out->height, out->width);
    return status;
}

/* The phases' wall times as shares of the region's wall time: when threads mark
 * phases at once their sum is thread-time and can exceed the wall time. */
static void split_wall_time(const struct phase_totals *totals, double wall_ms,
                            struct run_result *result)
{
    double load = totals->wall_ms[PHASE_LOAD], compute = totals->wall_ms[PHASE_COMPUTE];
    double scale = load + compute > wall_ms ? wall_ms / (load + compute) : 1.0;
    result->load_ms = load * scale;
    result->compute_ms = compute * scale;
}

int harness_run(const struct version_info *version, const struct step_input *input,
                struct rgb_image *out, struct run_result *result)
{
    memset(result, 0, sizeof *result);
    struct row_sink *sink = out->sink;
    memset(out, 0, sizeof *out);
    out->sink = sink;
    long minor_before, major_before, minor_after, major_after;

    malloc_trim(0);
    double baseline_mb = rss_current_mb();
    result->peak_is_region = rss_reset_peak();
    page_faults(&minor_before, &major_before);
    phase_reset();
    kernel_reset();
    double cpu_start = clock_cpu_ms();
    double wall_start = clock_wall_ms();

    int status = measured_region(version, input, out);

    double wall_end = clock_wall_ms();
    double cpu_end = clock_cpu_ms();
    page_faults(&minor_after, &major_after);
    result->process_peak_mb = result->peak_is_region ? rss_peak_mb() : rss_lifetime_peak_mb();
    result->peak_rss_mb = result->peak_is_region ? result->process_peak_mb - baseline_mb
                                                 : result->process_peak_mb;
    if (sink != NULL) {
        if (row_sink_end(sink, status == 0) < 0)
            return -1;
        result->has_digest = true;
        result->digest = sink->digest;
    }
    if (status < 0)
        return -1;

    struct phase_totals totals = phase_totals();
    result->wall_ms = version->self_timed ? totals.wall_ms[PHASE_LOAD] : wall_end - wall_start;
    result->cpu_ms = version->self_timed ? totals.cpu_ms[PHASE_LOAD] : cpu_end - cpu_start;
    split_wall_time(&totals, result->wall_ms, result);
    result->minor_faults = minor_after - minor_before;
    result->major_faults = major_after - major_before;
    result->kernel = kernel_noted();
    return 0;
}
