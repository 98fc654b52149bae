/*
 * write_size.c — one size directory (see write_size.h).
 *
 * The files of a size are independent jobs, written by two threads.  Writing
 * is bound by the kernel copying into fresh page-cache pages, which happens on
 * the CPU that calls write(2): two writers copy about twice as fast until the
 * disk is the limit.  Which thread writes which file changes no byte.
 */
#include "write_size.h"

#include <sys/stat.h>

#include "clock.h"
#include "error.h"
#include "hdf5_tiled.h"
#include "outdir.h"
#include "progress.h"

enum { PATH_SIZE = 4096 };

static const char *const csv_names[SYNTH_CLASSES] = {"0.csv", "1.csv", "2.csv", "3.csv"};

/* One file of a size directory. */
struct job {
    enum { JOB_PREVIEW, JOB_HDF5, JOB_CSV } kind;
    int class_index;
    const char *name;
};

static int run_job(const struct gen_base *base, const struct data_size *size, const char *dir,
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
                                  seg->image.width, size->tiles);
        break;
    default:
        status = csv_write_tiled(path, &base->csv[job->class_index], size->tiles, NULL);
        break;
    }
    if (status == 0)
        progress_record((clock_wall_ms() - start) / 1000.0, "%s/%s", size->name, job->name);
    return status;
}

/* The bytes the data files of a size will take, for the percentage. */
static double expected_bytes(const struct gen_base *base, const struct data_size *size,
                             int with_csv)
{
    const struct segmentation *seg = &base->segmentation;
    size_t total = 0, part;
    if (hdf5_tiled_bytes(seg->image.height, seg->image.width, size->tiles, &part) == 0)
        total += part;
    for (int c = 0; with_csv && c < SYNTH_CLASSES; c++)
        if (csv_tiled_bytes(&base->csv[c], size->tiles, &part) == 0)
            total += part;
    return (double)total;
}

/* Two threads take the jobs in order.  The preview goes first because at size
 * s its compression is the longest job; at the larger sizes it is a copy. */
static int write_files(const struct gen_base *base, const struct data_size *size, const char *dir,
                       int with_csv)
{
    struct job jobs[2 + SYNTH_CLASSES];
    int count = 0, failed = 0;
    jobs[count++] = (struct job){JOB_PREVIEW, 0, "preview.png"};
    jobs[count++] = (struct job){JOB_HDF5, 0, "data.hdf5"};
    for (int c = 0; with_csv && c < SYNTH_CLASSES; c++)
        jobs[count++] = (struct job){JOB_CSV, c, csv_names[c]};
    progress_begin("writing %s", size->name);
    progress_expect(expected_bytes(base, size, with_csv));
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

int write_size_with_csv(const struct gen_base *base, const struct data_size *size)
{
    return base->with_csv && !size->hdf5_only;
}

int write_size(struct gen_base *base, const struct data_size *size, const char *out)
{
    char temp[PATH_SIZE], final[PATH_SIZE], preview[PATH_SIZE];
    double start = clock_wall_ms();
    if (outdir_join(final, sizeof final, out, size->name) < 0
        || outdir_begin(out, size->name, temp, sizeof temp) < 0)
        return -1;
    int with_csv = write_size_with_csv(base, size);
    int status = write_files(base, size, temp, with_csv);
    if (status == 0 && progress_interrupted())
        status = error_set("interrupted");   /* after the writers' last look */
    if (status == 0)
        status = outdir_commit(temp, out, size->name);
    if (status < 0) {
        outdir_abandon(temp);
        return -1;
    }
    record_files(final, with_csv);
    if (outdir_join(preview, sizeof preview, final, "preview.png") == 0)
        preview_remember(&base->preview, preview);
    progress_note("size %-2s written in %.2f s (%zux%zu pixels)", size->name,
                  (clock_wall_ms() - start) / 1000.0, base->segmentation.image.height * size->tiles,
                  base->segmentation.image.width * size->tiles);
    return 0;
}
