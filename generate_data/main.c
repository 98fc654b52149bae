/*
 * main.c — generate_data: make the data every version reads (docs/spec.md §3, §4).
 *
 *   generate_data [--sizes LIST] [--out DIR] [--seed N] [--no-csv]
 *
 * Segments the synthesized image once (segment.c), formats the CSV text once
 * (csv_format.c), then writes each size from those base arrays, tiling on the
 * fly (write_size.c, hdf5_tiled.c, csv_write.c), each size into a temporary
 * directory that becomes OUT/<size> only when complete (outdir.c).
 *
 * Exit codes: 0 done, 1 data or I/O failure, 2 bad command line.  The one
 * error message is printed here, nowhere else.
 */
#include <stdio.h>

#include "clock.h"
#include "error.h"
#include "options.h"
#include "outdir.h"
#include "progress.h"
#include "write_size.h"

static int prepare_csv(struct gen_base *base)
{
    const struct segmentation *seg = &base->segmentation;
    progress_begin("formatting the CSV text (%%.18e, once per base value)");
    int status = 0;
    for (int c = 0; status == 0 && c < SYNTH_CLASSES; c++)
        status = csv_text_format(seg->probabilities, seg->image.height, seg->image.width,
                                 SYNTH_CLASSES, (size_t)c, &base->csv[c]);
    progress_end();
    return status;
}

static int prepare_base(struct gen_base *base, const struct gen_options *options)
{
    if (segment_run(options->seed, &base->segmentation) < 0)
        return -1;
    const struct segmentation *seg = &base->segmentation;
    progress_note("accuracy against the true classes: %.2f %% of all pixels, %.2f %% outside "
                  "the training rectangles (%zu training pixels)",
                  100.0 * seg->accuracy_all, 100.0 * seg->accuracy_outside,
                  seg->training_samples);
    if (preview_prepare(&base->preview, seg->image.rgb, seg->probabilities, seg->image.height,
                        seg->image.width) < 0)
        return -1;
    return base->with_csv ? prepare_csv(base) : 0;
}

static void base_free(struct gen_base *base)
{
    for (int c = 0; c < SYNTH_CLASSES; c++)
        csv_text_free(&base->csv[c]);
    preview_free(&base->preview);
    segment_free(&base->segmentation);
}

static int run(const struct gen_options *options)
{
    /* Fail on an unusable --out before spending seconds on the model. */
    if (outdir_make(options->out) < 0)
        return -1;
    struct gen_base base = {.with_csv = options->csv};
    int status = prepare_base(&base, options);
    for (size_t i = 0; status == 0 && i < options->size_count; i++) {
        /* the writers notice an interrupt themselves; this catches one during the model */
        status = progress_interrupted() ? error_set("interrupted") : 0;
        if (status == 0)
            status = write_size(&base, options->sizes[i], options->out);
    }
    base_free(&base);
    return status;
}

int main(int argc, char **argv)
{
    double start = clock_wall_ms();
    struct gen_options options;
    if (gen_options_parse(argc, argv, &options) < 0) {
        fprintf(stderr, "generate_data: %s\n", error_message());
        return EXIT_USAGE;
    }
    if (options.help) {
        fputs(gen_usage, stdout);
        return EXIT_OK;
    }
    progress_init();
    if (run(&options) < 0) {
        fprintf(stderr, "generate_data: %s\n", error_message());
        return EXIT_DATA;
    }
    progress_note("seed %llu", (unsigned long long)options.seed);
    progress_summary(stdout, (clock_wall_ms() - start) / 1000.0);
    return EXIT_OK;
}
