/*
 * main.c — generate_data: make the data every version reads (SPEC §3, §4).
 *
 *   generate_data [--sizes s,m,l,xl] [--out DIR] [--seed N] [--no-csv]
 *
 * Segments the synthesized image once (segment.c), formats the CSV text once
 * (csv_format.c), then writes each size from those base arrays, tiling on the
 * fly (hdf5_tiled.c, csv_write.c), each size into a temporary directory that
 * becomes OUT/<size> only when complete (outdir.c).
 *
 * Exit codes: 0 done, 1 data or I/O failure, 2 bad command line.  The one
 * error message is printed here, nowhere else.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "clock.h"
#include "csv.h"
#include "error.h"
#include "hdf5_tiled.h"
#include "options.h"
#include "outdir.h"
#include "preview.h"
#include "progress.h"
#include "segment.h"

enum { PATH_SIZE = 4096 };

/* What every size is made from. */
struct base {
    struct segmentation segmentation;
    struct csv_text csv[SYNTH_CLASSES];
    struct preview preview;
    int with_csv;
};

static const char *const csv_names[SYNTH_CLASSES] = {"0.csv", "1.csv", "2.csv", "3.csv"};

/* One file of a size directory. */
struct job {
    enum { JOB_PREVIEW, JOB_HDF5, JOB_CSV } kind;
    int class_index;
    const char *name;
};

static int run_job(const struct base *base, const struct gen_size *size, const char *dir,
                   const struct job *job)
{
    char path[PATH_SIZE];
    if (error_pending() || outdir_join(path, sizeof path, dir, job->name) < 0)
        return -1;   /* the other thread failed already: the directory is lost anyway */
    const struct segmentation *seg = &base->segmentation;
    double start = clock_wall_ms();
    int status;
    switch (job->kind) {
    case JOB_PREVIEW:
        status = preview_write(&base->preview, path);
        break;
    case JOB_HDF5:
        status = hdf5_write_tiled(path, seg->image.rgb, seg->probabilities, seg->image.height,
                                  seg->image.width, size->factor);
        break;
    default:
        status = csv_write_tiled(path, &base->csv[job->class_index], size->factor, NULL);
        break;
    }
    if (status == 0)
        progress_record((clock_wall_ms() - start) / 1000.0, "%s/%s", size->name, job->name);
    return status;
}

/* The bytes the data files of a size will take, for the percentage. */
static double expected_bytes(const struct base *base, const struct gen_size *size)
{
    const struct segmentation *seg = &base->segmentation;
    size_t total = 0, part;
    if (hdf5_tiled_bytes(seg->image.height, seg->image.width, size->factor, &part) == 0)
        total += part;
    for (int c = 0; base->with_csv && c < SYNTH_CLASSES; c++)
        if (csv_tiled_bytes(&base->csv[c], size->factor, &part) == 0)
            total += part;
    return (double)total;
}

/* The files of a size are independent, so two threads write them.  Writing is
 * bound by the kernel copying into fresh page-cache pages, which happens on the
 * CPU that calls write(2): two writers copy twice as fast until the disk is the
 * limit.  The preview goes first because at size s its compression is the
 * longest job; which thread writes which file does not change any byte. */
static int write_files(const struct base *base, const struct gen_size *size, const char *dir)
{
    struct job jobs[2 + SYNTH_CLASSES];
    int count = 0, failed = 0;
    jobs[count++] = (struct job){JOB_PREVIEW, 0, "preview.png"};
    jobs[count++] = (struct job){JOB_HDF5, 0, "data.hdf5"};
    for (int c = 0; base->with_csv && c < SYNTH_CLASSES; c++)
        jobs[count++] = (struct job){JOB_CSV, c, csv_names[c]};
    progress_begin("writing %s", size->name);
    progress_expect(expected_bytes(base, size));
    #pragma omp parallel for schedule(dynamic, 1) num_threads(2) reduction(|| : failed)
    for (int j = 0; j < count; j++)
        failed = failed || run_job(base, size, dir, &jobs[j]) < 0;
    progress_end();
    return failed ? -1 : 0;
}

/* Lists one file of the finished OUT/<size> in the summary, with its size. */
static void record_file(const char *final, const char *name)
{
    char path[PATH_SIZE];
    struct stat info;
    if (outdir_join(path, sizeof path, final, name) == 0 && stat(path, &info) == 0)
        progress_file(path, (unsigned long long)info.st_size);
}

static void record_files(const char *final, int with_csv)
{
    record_file(final, "data.hdf5");
    for (int c = 0; with_csv && c < SYNTH_CLASSES; c++)
        record_file(final, csv_names[c]);
    record_file(final, "preview.png");
}

static int write_size(struct base *base, const struct gen_size *size, const char *out)
{
    char temp[PATH_SIZE], final[PATH_SIZE], preview[PATH_SIZE];
    double start = clock_wall_ms();
    if (outdir_join(final, sizeof final, out, size->name) < 0
        || outdir_begin(out, size->name, temp, sizeof temp) < 0)
        return -1;
    if (write_files(base, size, temp) < 0 || outdir_commit(temp, out, size->name) < 0) {
        outdir_abandon(temp);
        return -1;
    }
    record_files(final, base->with_csv);
    if (outdir_join(preview, sizeof preview, final, "preview.png") == 0)
        preview_remember(&base->preview, preview);
    progress_note("size %-2s written in %.2f s (%zux%zu pixels)", size->name,
                  (clock_wall_ms() - start) / 1000.0, base->segmentation.image.height * size->factor,
                  base->segmentation.image.width * size->factor);
    return 0;
}

static int prepare_csv(struct base *base)
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

static int prepare_base(struct base *base, const struct gen_options *options)
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

static void base_free(struct base *base)
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
    struct base base = {.with_csv = options->csv};
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
