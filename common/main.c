/*
 * main.c — ./main: picks a version by name, runs it under the harness, prints
 * time and peak memory, writes the pictures asked for.  Errors from anywhere
 * below arrive here as -1 and are printed once, as "main: <message>".
 */
#include <assert.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "data_dir.h"
#include "error.h"
#include "harness.h"
#include "hdf5_input.h"
#include "hdf5_threadsafe.h"
#include "options.h"
#include "output.h"
#include "page_cache.h"
#include "probe.h"
#include "report.h"
#include "row_sink.h"
#include "rss.h"
#include "verify.h"
#include "whole_image.h"
#include "wait_policy.h"

/* The ladder as a table for people, or (--tsv) one tab-separated row per version
 * for scripts: name, parents, kind, options, idea. */
static void print_ladder(bool tsv)
{
    if (!tsv)
        printf("%-7s %-7s %-5s %s\n", "version", "parents", "kind", "the idea of the step");
    for (size_t i = 0; i < ladder_length; i++) {
        const struct version_info *v = &ladder[i];
        const char *parents = v->parents[0] ? v->parents : "-";
        if (!tsv) {
            printf("%-7s %-7s %-5s %s\n", v->name, parents, v->kind, v->idea);
            continue;
        }
        /* options as ladder.tsv spells them: comma-separated, - for none */
        char flags[64] = "";
        const char *names[] = {"chunked", "threaded", "self-timed", "bounded"};
        const bool set[] = {v->chunked, v->threaded, v->self_timed, v->bounded};
        for (size_t f = 0; f < sizeof names / sizeof names[0]; f++)
            if (set[f])
                snprintf(flags + strlen(flags), sizeof flags - strlen(flags), "%s%s",
                         flags[0] ? "," : "", names[f]);
        printf("%s\t%s\t%s\t%s\t%s\n", v->name, parents, v->kind, flags[0] ? flags : "-",
               v->idea);
    }
}

/* Warm-up runs first (untimed: they warm the page cache), then the timed runs;
 * with --cold every run starts with its input evicted from the page cache.
 * Every run's rows go through `sink` (row_sink.h: the digest), the last run's
 * also to --out's PNG.  With --show the step keeps its whole image instead
 * (the picture needs it), digested after the run; write_pictures writes it. */
static int run_timed(const struct version_info *version, const struct options *options,
                     struct run_result *runs, struct rgb_image *image, struct row_sink *sink)
{
    struct step_input input = {options->data_dir, options->chunk_size};
    char label[64];
    bool image_step = ladder_is_step(version);
    for (int i = 0; i < options->warmup + options->repeat; i++) {
        int timed = i - options->warmup;
        bool last = i == options->warmup + options->repeat - 1;
        sink->png_path = last && !options->show_png ? options->out_png : NULL;
        image->sink = image_step && !options->show_png ? sink : NULL;
        struct run_result warmup;
        double resident = 0;
        rgb_image_free(image);
        if (options->cold && page_cache_evict_inputs(options->data_dir,
                                                     strcmp(version->kind, "csv") == 0,
                                                     &resident) < 0)
            return -1;
        snprintf(label, sizeof label, "begin %s run %d", version->name, i + 1);
        rss_trace_mark(label);
        struct run_result *result = timed >= 0 ? &runs[timed] : &warmup;
        if (harness_run(version, &input, image, result) < 0)
            return -1;
        if (image_step && image->sink == NULL) {
            if (row_sink_image(sink, image->pixels, image->height, image->width) < 0 ||
                row_sink_end(sink, true) < 0)
                return -1;
            result->has_digest = true;
            result->digest = sink->digest;
        }
        result->cache_resident = resident;
        snprintf(label, sizeof label, "end %s run %d", version->name, i + 1);
        rss_trace_mark(label);
    }
    return 0;
}

static int write_pictures(const struct options *options, const struct rgb_image *image)
{
    /* Without --show the sink wrote --out as the rows came (run_timed). */
    if (!options->show_png)
        return 0;
    /* main() refused --out and --show for a floor, which computes no image. */
    assert(image->pixels != NULL);
    /* --show first: it can still find the image and probabilities mismatched,
     * and then nothing at all should have been written. */
    if (output_side_by_side(options->show_png, options->data_dir, image) < 0)
        return -1;
    if (options->out_png && output_prediction(options->out_png, image) < 0)
        return -1;
    return 0;
}

static int run_version(const struct version_info *version, const struct options *options)
{
    struct run_result *runs = calloc(options->repeat, sizeof *runs);
    struct rgb_image image = {0};
    if (runs == NULL)
        return error_set("out of memory");
    struct row_sink sink;
    row_sink_init(&sink, NULL, NULL, NULL, (size_t)omp_get_max_threads());
    if ((options->out_png && output_check_writable(options->out_png) < 0) ||
        (options->show_png && output_check_writable(options->show_png) < 0)) {
        free(runs);
        row_sink_destroy(&sink);
        return -1;
    }
    int status = -1;
    if (options->rss_trace && rss_trace_start(options->rss_trace) < 0)
        goto end;
    if (run_timed(version, options, runs, &image, &sink) < 0)
        goto end;
    struct report report = {version, options, image.height, image.width,
                            omp_get_max_threads(), runs, options->repeat};
    if (options->json) {
        report_json(stdout, &report);
    } else {
        report_header(stdout, &report);
        for (int i = 0; i < options->repeat; i++)
            report_run(stdout, &report, i);
        if (options->repeat > 1)
            report_median(stdout, &report);
    }
    status = write_pictures(options, &image);
end:
    if (rss_trace_stop() < 0)
        status = -1;
    rgb_image_free(&image);
    row_sink_destroy(&sink);
    free(runs);
    return status;
}

static int execute(const struct options *options)
{
    switch (options->command) {
    case COMMAND_LIST:
        if (options->sizes)
            data_dir_print_sizes();
        else
            print_ladder(options->tsv);
        return 0;
    case COMMAND_VERIFY:
        return verify_ladder(options);
    case COMMAND_PROBE: {
        /* the disk is measured where the data lives: the folder holding --data's */
        char folder[4096];
        snprintf(folder, sizeof folder, "%s", options->data_dir);
        char *slash = strrchr(folder, '/');
        if (slash != NULL)
            *slash = '\0';
        else
            strcpy(folder, ".");
        struct probe_result probe;
        if (probe_machine(folder, &probe) < 0)
            return -1;
        probe_print(stdout, &probe, options->json);
        return 0;
    }
    default:
        return run_version(ladder_find(options->version), options);
    }
}

int main(int argc, char **argv)
{
    struct options options;
    if (options_parse(argc, argv, &options) < 0) {
        fprintf(stderr, "main: %s\n", error_message());
        return EXIT_USAGE;
    }
    if (options.command == COMMAND_HELP) {
        options_print_help("main");
        return EXIT_OK;
    }
    if (options.command == COMMAND_VERSION) {
        printf("main (Profile, Optimize, Repeat — in C) %s\n", POR_VERSION);
        return EXIT_OK;
    }
    if (options.command == COMMAND_VERIFY && options.version != NULL &&
        (ladder_find(options.version) == NULL || !ladder_is_step(ladder_find(options.version)))) {
        fprintf(stderr, "main: verify: no step \"%s\" (the steps are those of `main list`)\n",
                options.version);
        return EXIT_USAGE;
    }
    if (options.command == COMMAND_RUN && ladder_find(options.version) == NULL) {
        fprintf(stderr, "main: unknown version \"%s\" (the versions are those of `main list`)\n",
                options.version);
        return EXIT_USAGE;
    }
    if (options.command == COMMAND_RUN && (options.out_png || options.show_png) &&
        !ladder_is_step(ladder_find(options.version))) {
        fprintf(stderr, "main: %s computes no image: --out and --show need a step (see "
                        "`main list`)\n", options.version);
        return EXIT_USAGE;
    }
    /* The threaded steps call HDF5 from several threads: refuse an HDF5 built
     * without thread safety (hdf5_threadsafe.h) instead of failing now and then. */
    if ((options.command == COMMAND_VERIFY ||
         (options.command == COMMAND_RUN && ladder_find(options.version)->threaded)) &&
        hdf5_require_threadsafe() < 0) {
        fprintf(stderr, "main: %s\n", error_message());
        return EXIT_DATA;
    }
    if (options.command == COMMAND_RUN || options.command == COMMAND_VERIFY) {
        /* Before any OpenMP call: may execute ./main once more with the policy set. */
        wait_policy_arrange(argv, options.spin);
        const struct version_info *version =
            options.command == COMMAND_RUN ? ladder_find(options.version) : NULL;
        bool csv_needed = version != NULL && strcmp(version->kind, "csv") == 0;
        /* Before a missing size is generated: xxl is not written for v3 to refuse it. */
        whole_image_name_bounded_steps();
        if (version != NULL && whole_image_check(version, options.data_dir) < 0) {
            fprintf(stderr, "main: %s\n", error_message());
            return EXIT_DATA;
        }
        int prepared = data_dir_prepare(options.data_dir, csv_needed, options.generate);
        if (prepared < 0) {
            fprintf(stderr, "main: %s\n", error_message());
            return prepared == DATA_DIR_NOT_HERE ? EXIT_USAGE : EXIT_DATA;
        }
    }
    big_alloc_use_hugepages(options.hugepages);
    whole_image_name_bounded_steps();   /* for big_alloc's refusals, in every command */
    if (options.threads > 0)
        omp_set_num_threads(options.threads);
    /* HDF5 keeps this setting per thread: quiet every OpenMP worker too, once
     * (libgomp reuses its workers), or a step that reads in a parallel region
     * (v8, v9) prints HDF5's error stack on a failed read. */
#pragma omp parallel
    hdf5_input_quiet();
    if (execute(&options) < 0) {
        fflush(stdout);
        fprintf(stderr, "main: %s\n", error_message());
        return EXIT_DATA;
    }
    return EXIT_OK;
}
