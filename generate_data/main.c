/*
 * main.c — generate_data: make the data every version reads (docs/spec.md §3, §4).
 *
 *   generate_data [--sizes LIST] [--scale N] [--out DIR] [--seed N] [--no-csv]
 *
 * Segments the synthesized image once (segment.c), formats the CSV text once
 * (csv_format.c), then writes each size from those base arrays, tiling on the
 * fly (write_size.c, hdf5_tiled.c, csv_write.c), each size into a temporary
 * directory that becomes OUT/<size> only when complete (outdir.c), after
 * checking that the disk has room for all of them (common/disk_space.c, the
 * check ./main makes before it runs this program).
 *
 * Exit codes: 0 done, 1 data or I/O failure, 2 bad command line.  The one
 * error message is printed here, nowhere else.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "disk_space.h"
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

/* Room for every size asked for, before the model's seconds (and before an
 * hour of writing xxl).  Leftovers of killed runs are removed first: they
 * free room too. */
static int check_room(const struct gen_options *options, const struct gen_base *base)
{
    outdir_remove_stale(options->out);
    double need = 0;
    char what[128] = "";
    for (size_t i = 0; i < options->size_count; i++) {
        const struct data_size *size = options->sizes[i];
        need += data_size_disk_bytes(size->tiles, write_size_with_csv(base, size));
        snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s", i ? "," : "",
                 size->name);
    }
    char label[160];
    snprintf(label, sizeof label, "size%s %s", options->size_count > 1 ? "s" : "", what);
    return disk_space_check(options->out, need, label);
}

/* Whether any size asked for gets CSVs (xxl never does): the text is formatted once. */
static int any_csv(const struct gen_options *options)
{
    for (size_t i = 0; options->csv && i < options->size_count; i++)
        if (!options->sizes[i]->hdf5_only)
            return 1;
    return 0;
}

static int run(const struct gen_options *options)
{
    /* Fail on an unusable --out, or a disk too small, before spending seconds on the model. */
    struct gen_base base = {.with_csv = any_csv(options)};
    if (outdir_make(options->out) < 0 || check_room(options, &base) < 0)
        return -1;
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
