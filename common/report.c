/* report.c — the text and JSON forms of ./main's measurements (see report.h). */
#include "report.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "wait_policy.h"

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double median_of(const double *values, int count)
{
    if (count <= 0)
        return NAN;  /* an empty set has no median: a figure printed from it shows "nan" */
    double sorted[count];
    memcpy(sorted, values, count * sizeof *values);
    qsort(sorted, count, sizeof *sorted, compare_doubles);
    return count % 2 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
}

/* The median of one field of the runs, picked by its offset in struct run_result. */
static double median_field(const struct report *report, size_t offset)
{
    double values[report->run_count > 0 ? report->run_count : 1];
    for (int i = 0; i < report->run_count; i++)
        values[i] = *(const double *)((const char *)&report->runs[i] + offset);
    return median_of(values, report->run_count);
}

/* The largest value of one field of the runs. */
static double max_field(const struct report *report, size_t offset)
{
    double largest = 0;
    for (int i = 0; i < report->run_count; i++) {
        double value = *(const double *)((const char *)&report->runs[i] + offset);
        largest = value > largest ? value : largest;
    }
    return largest;
}

/* --cold: a run whose input kept more than this share in the page cache was not cold. */
#define COLD_ENOUGH 0.05

void report_header(FILE *out, const struct report *report)
{
    const struct options *options = report->options;
    fprintf(out, "%s on %s: %zu × %zu pixels, %d thread%s, huge pages %s\n",
            report->version->name, options->data_dir, report->height, report->width,
            report->threads, report->threads == 1 ? "" : "s",
            big_alloc_hugepages_enabled() ? "on" : "off");
    if (report->version->chunked)
        fprintf(out, "  chunk size %zu\n", options->chunk_size);
    /* Every version: the OpenMP runtime is in the process even where the step
     * runs no parallel region (HDF5 reads, the harness), and the line is the
     * same for all, so two runs can be compared by eye. */
    fprintf(out, "  OpenMP wait policy %s (%s%s)\n", wait_policy_in_force(), wait_policy_origin(),
            strcmp(wait_policy_origin(), "set by ./main") == 0 ? "; --spin to let idle workers spin"
                                                                : "");
    if (options->cold) {
        double resident = max_field(report, offsetof(struct run_result, cache_resident));
        fprintf(out, "  cold: the input evicted from the page cache before every run");
        if (resident > COLD_ENOUGH)
            fprintf(out, ", but %.0f %% of it stayed (tmpfs, or mapped by another process): "
                         "these runs read from memory, not from disk", resident * 100);
        else if (report->version->self_timed)
            fprintf(out, ", but %s times its second read of the same bytes, which the first "
                         "brought back into the cache: its figure is never cold",
                    report->version->name);
        fprintf(out, "\n");
    }
    if (report->run_count > 0 && !report->runs[0].peak_is_region)
        fprintf(out, "  note: /proc/self/clear_refs is not writable here: memory is the "
                     "process's lifetime peak (getrusage), not the region's own\n");
}

void report_run(FILE *out, const struct report *report, int index)
{
    const struct run_result *run = &report->runs[index];
    fprintf(out, "%-5s %6.0f ms – %8.2f MB   load %.0f ms · compute %.0f ms · cpu %.0f ms · "
            "%ld page faults%s%s%s", report->version->name, run->wall_ms, run->peak_rss_mb,
            run->load_ms, run->compute_ms, run->cpu_ms, run->minor_faults + run->major_faults,
            run->kernel ? " · " : "", run->kernel ? run->kernel : "", run->kernel ? " kernel" : "");
    if (run->has_digest)
        fprintf(out, " · digest %016" PRIx64, run->digest);
    fprintf(out, "\n");
}

void report_median(FILE *out, const struct report *report)
{
    fprintf(out, "median of %d: %.0f ms – %.2f MB   load %.0f ms · compute %.0f ms\n",
            report->run_count, median_field(report, offsetof(struct run_result, wall_ms)),
            median_field(report, offsetof(struct run_result, peak_rss_mb)),
            median_field(report, offsetof(struct run_result, load_ms)),
            median_field(report, offsetof(struct run_result, compute_ms)));
}

/* JSON strings: paths may hold quotes, backslashes or control characters. */
static void json_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '"' || *c == '\\')
            fprintf(out, "\\%c", *c);
        else if (*c < 0x20)
            fprintf(out, "\\u%04x", *c);
        else
            fputc(*c, out);
    }
    fputc('"', out);
}

static void json_run(FILE *out, const struct run_result *run)
{
    fprintf(out, "{\"wall_ms\": %.3f, \"cpu_ms\": %.3f, \"load_ms\": %.3f, "
            "\"compute_ms\": %.3f, \"peak_rss_mb\": %.3f, \"process_peak_mb\": %.3f, "
            "\"minor_faults\": %ld, \"major_faults\": %ld", run->wall_ms, run->cpu_ms,
            run->load_ms, run->compute_ms, run->peak_rss_mb, run->process_peak_mb,
            run->minor_faults, run->major_faults);
    if (run->has_digest)  /* a string: JSON numbers do not hold 64 bits */
        fprintf(out, ", \"digest\": \"%016" PRIx64 "\"", run->digest);
    fprintf(out, "}");
}

void report_json(FILE *out, const struct report *report)
{
    const struct options *options = report->options;
    fprintf(out, "{\"version\": ");
    json_string(out, report->version->name);
    fprintf(out, ", \"data\": ");
    json_string(out, options->data_dir);
    fprintf(out, ", \"height\": %zu, \"width\": %zu, \"threads\": %d, \"chunk_size\": %zu, "
            "\"hugepages\": %s, \"peak_is_region\": %s, \"omp_wait_policy\": ",
            report->height, report->width, report->threads, options->chunk_size,
            big_alloc_hugepages_enabled() ? "true" : "false",
            report->run_count > 0 && report->runs[0].peak_is_region ? "true" : "false");
    json_string(out, wait_policy_in_force());
    fprintf(out, ", \"omp_wait_policy_origin\": ");
    json_string(out, wait_policy_origin());
    fprintf(out, ", \"kernel\": ");  /* null: the step has one kernel only */
    if (report->run_count > 0 && report->runs[0].kernel)
        json_string(out, report->runs[0].kernel);
    else
        fprintf(out, "null");
    fprintf(out, ", \"cold\": %s, \"cache_resident_max\": %.4f, \"runs\": [",
            options->cold ? "true" : "false",
            max_field(report, offsetof(struct run_result, cache_resident)));
    for (int i = 0; i < report->run_count; i++) {
        fprintf(out, i ? ", " : "");
        json_run(out, &report->runs[i]);
    }
    fprintf(out, "], \"digest\": ");  /* the last run's; null: no image (a floor) */
    const struct run_result *last = report->run_count > 0 ? &report->runs[report->run_count - 1]
                                                          : NULL;
    if (last != NULL && last->has_digest)
        fprintf(out, "\"%016" PRIx64 "\"", last->digest);
    else
        fprintf(out, "null");
    fprintf(out, ", \"median_wall_ms\": %.3f, \"median_cpu_ms\": %.3f, "
            "\"median_load_ms\": %.3f, \"median_compute_ms\": %.3f, "
            "\"median_peak_rss_mb\": %.3f}\n",
            median_field(report, offsetof(struct run_result, wall_ms)),
            median_field(report, offsetof(struct run_result, cpu_ms)),
            median_field(report, offsetof(struct run_result, load_ms)),
            median_field(report, offsetof(struct run_result, compute_ms)),
            median_field(report, offsetof(struct run_result, peak_rss_mb)));
}
