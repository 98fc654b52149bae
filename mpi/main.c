/*
 * main.c — main-mpi: the pipeline across MPI ranks, measured like ./main.
 *
 *     mpirun -np N main-mpi --data DIR [--out PRED.png] [--json] ...
 *
 * Every rank runs the same region, bands_load_and_colorcode (bands.c), under
 * common/harness.c, the harness of ./main: wall and CPU time, the load/compute
 * split, the region's own peak resident memory, page faults.  The ranks start
 * together (a barrier before each run); afterwards rank 0 gathers every rank's
 * figures and prints them with common/report.c in ./main's line format: the
 * time and split of the slowest rank, the memory of all ranks added up, then
 * each rank's peak and the time of assembling the image on rank 0.
 *
 * The command line is ./main's (common/options.c parses it) less what does not
 * apply, plus --transfer and --band-rows.  Errors: one line from rank 0, and
 * every rank exits non-zero (2 for usage, 1 for data), never through MPI_Abort
 * (agree.h).
 */
#include <mpi.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

#include "agree.h"
#include "bands.h"
#include "bigalloc.h"
#include "error.h"
#include "harness.h"
#include "hdf5_input.h"
#include "options.h"
#include "output.h"
#include "report.h"
#include "wait_policy.h"

#define PROGRAM "main-mpi"

struct mpi_options {
    bool collective;    /* --transfer collective */
    size_t band_rows;   /* --band-rows, 0: about BAND_BYTES */
};

/* ---- the command line ------------------------------------------------------ */

static int parse_band_rows(const char *text, size_t *rows)
{
    char *end;
    errno = 0;
    long value = text ? strtol(text, &end, 10) : 0;
    if (text == NULL)
        return error_set("--band-rows needs a value");
    if (errno || end == text || *end != '\0' || value < 0 || value > INT_MAX)
        return error_set("--band-rows: expected a whole number from 0 to %d, found \"%s\"",
                         INT_MAX, text);
    *rows = (size_t)value;
    return 0;
}

/* Takes out main-mpi's own options and hands the rest to ./main's parser, as
 * the arguments of a version called "mpi". */
static int parse(int argc, char **argv, struct options *options, struct mpi_options *mpi)
{
    char **rest = calloc((size_t)argc + 2, sizeof *rest);
    int count = 0, status = -1;
    *mpi = (struct mpi_options){false, 0};
    if (rest == NULL)
        return error_set("out of memory");
    rest[count++] = argv[0];
    rest[count++] = "mpi";
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "--transfer") == 0) {
            if (value && strcmp(value, "independent") == 0)
                mpi->collective = false;
            else if (value && strcmp(value, "collective") == 0)
                mpi->collective = true;
            else {
                error_set("--transfer: expected independent or collective, found %s%s%s",
                          value ? "\"" : "nothing", value ? value : "", value ? "\"" : "");
                goto end;
            }
            i++;
        } else if (strcmp(arg, "--band-rows") == 0) {
            if (parse_band_rows(value, &mpi->band_rows) < 0)
                goto end;
            i++;
        } else if (strcmp(arg, "--chunk-size") == 0 || strcmp(arg, "--rss-trace") == 0 ||
                   strcmp(arg, "--tsv") == 0 || strcmp(arg, "--no-generate") == 0) {
            error_set("%s is an option of ./main, not of " PROGRAM " (see --help)", arg);
            goto end;
        } else {
            rest[count++] = argv[i];
        }
    }
    status = options_parse(count, rest, options);
end:
    free(rest);
    return status;
}

static void print_help(void)
{
    printf("Usage: mpirun -np N " PROGRAM " [options]\n"
           "\n"
           "The pipeline of ./main across N MPI ranks: each rank reads its own row bands of\n"
           "\"probabilities\" through parallel HDF5 (MPI-IO) and colour-codes them with the\n"
           "ladder's fastest kernel (v6's); rank 0 assembles the image and prints time and\n"
           "peak memory in ./main's format.  scripts/mpirun sets what Open MPI needs here.\n"
           "\n"
           "Options:\n"
           "  --data DIR            folder with data.hdf5 (default data/s)\n"
           "  --out PRED.png        write the computed H × W RGB image (rank 0)\n"
           "  --show SIDE.png       write the input image beside the prediction (rank 0)\n"
           "  --json                one JSON object on stdout instead of the table\n"
           "  --repeat N            timed runs (default 1)\n"
           "  --warmup N            untimed runs before them (default 0)\n"
           "  --threads N           OpenMP threads per rank (default: OMP_NUM_THREADS or the\n"
           "                        cores mpirun bound the rank to)\n"
           "  --transfer MODE       independent (default) or collective MPI-IO transfers\n"
           "  --band-rows N         rows per read (default 0: about %d MiB of probabilities)\n"
           "  --no-hugepages        large arrays without MADV_HUGEPAGE\n"
           "  --spin                let idle OpenMP workers spin (default: passive, as ./main)\n"
           "  --help, --version\n"
           "\n"
           "Time is the slowest rank's region (the ranks start together); memory each\n"
           "rank's own peak and their sum.  Exit codes on every rank: 0 ok, 1 bad data or\n"
           "I/O, 2 usage.\n", BAND_BYTES >> 20);
}

/* ---- one rank's figures, gathered on rank 0 -------------------------------- */

enum field {
    WALL, CPU, LOAD, COMPUTE, PEAK, PROCESS_PEAK, PEAK_IS_REGION, MINOR_FAULTS, MAJOR_FAULTS,
    ASSEMBLE, THREADS, ROWS, FIELDS
};

static void pack(const struct run_result *run, double *fields)
{
    struct bands_stats stats = bands_last_stats();
    fields[WALL] = run->wall_ms;
    fields[CPU] = run->cpu_ms;
    fields[LOAD] = run->load_ms;
    fields[COMPUTE] = run->compute_ms;
    fields[PEAK] = run->peak_rss_mb;
    fields[PROCESS_PEAK] = run->process_peak_mb;
    fields[PEAK_IS_REGION] = run->peak_is_region;
    fields[MINOR_FAULTS] = (double)run->minor_faults;
    fields[MAJOR_FAULTS] = (double)run->major_faults;
    fields[ASSEMBLE] = stats.assemble_ms;
    fields[THREADS] = omp_get_max_threads();
    fields[ROWS] = (double)stats.rows;
}

static double max_of(double a, double b)
{
    return a > b ? a : b;
}

/* The job as one run: the slowest rank's time and split, everything else summed. */
static struct run_result combine(const double *ranks, int size)
{
    struct run_result job = {.peak_is_region = true};
    for (int r = 0; r < size; r++) {
        const double *f = ranks + r * FIELDS;
        job.wall_ms = max_of(job.wall_ms, f[WALL]);
        job.load_ms = max_of(job.load_ms, f[LOAD]);
        job.compute_ms = max_of(job.compute_ms, f[COMPUTE]);
        job.cpu_ms += f[CPU];
        job.peak_rss_mb += f[PEAK];
        job.process_peak_mb += f[PROCESS_PEAK];
        job.peak_is_region = job.peak_is_region && f[PEAK_IS_REGION] != 0.0;
        job.minor_faults += (long)f[MINOR_FAULTS];
        job.major_faults += (long)f[MAJOR_FAULTS];
    }
    return job;
}

/* ---- the report (rank 0) ------------------------------------------------------ */

struct job {
    const struct options *options;
    const struct mpi_options *mpi;
    int size;
    int runs;
    const double *fields;          /* runs × size × FIELDS */
    const struct run_result *jobs; /* runs */
    struct report report;
};

static const double *rank_fields(const struct job *job, int run, int rank)
{
    return job->fields + ((size_t)run * job->size + rank) * FIELDS;
}

static double median_rank_field(const struct job *job, int rank, enum field field)
{
    double values[job->runs];
    for (int i = 0; i < job->runs; i++)
        values[i] = rank_fields(job, i, rank)[field];
    return median_of(values, job->runs);
}

static void print_header(const struct job *job)
{
    const struct bands_stats stats = bands_last_stats();
    int least = INT_MAX, most = 0;
    for (int r = 0; r < job->size; r++) {
        int threads = (int)rank_fields(job, 0, r)[THREADS];
        least = threads < least ? threads : least;
        most = threads > most ? threads : most;
    }
    char threads[32];
    snprintf(threads, sizeof threads, least == most ? "%d" : "%d to %d", least, most);
    printf(PROGRAM " on %s: %zu × %zu pixels, %d rank%s × %s OpenMP thread%s, huge pages %s\n",
           job->options->data_dir, job->report.height, job->report.width, job->size,
           job->size == 1 ? "" : "s", threads, most == 1 ? "" : "s",
           big_alloc_hugepages_enabled() ? "on" : "off");
    printf("  parallel HDF5 (MPI-IO), %s transfer asked, HDF5 did %s; bands of %zu rows "
           "(%.2f MB)\n", job->mpi->collective ? "collective" : "independent", stats.io_mode,
           stats.band_rows, stats.band_rows * job->report.width * 32 / 1e6);
    printf("  OpenMP wait policy %s (%s)\n", wait_policy_in_force(), wait_policy_origin());
    printf("  time, load, compute: the slowest rank's · MB: all ranks' peaks added up, each "
           "rank's below\n");
    if (job->runs > 0 && !job->jobs[0].peak_is_region)
        printf("  note: /proc/self/clear_refs is not writable here: memory is each process's "
               "lifetime peak (getrusage), not the region's own\n");
}

static void print_ranks(const struct job *job, int run)
{
    printf("      rank peaks");
    for (int r = 0; r < job->size; r++)
        printf("%s%.2f", r ? " · " : " ", rank_fields(job, run, r)[PEAK]);
    printf(" MB · assemble %.1f ms\n", rank_fields(job, run, 0)[ASSEMBLE]);
}

static void print_text(const struct job *job)
{
    print_header(job);
    for (int i = 0; i < job->runs; i++) {
        report_run(stdout, &job->report, i);
        print_ranks(job, i);
    }
    if (job->runs > 1) {
        report_median(stdout, &job->report);
        printf("      rank peaks");
        for (int r = 0; r < job->size; r++)
            printf("%s%.2f", r ? " · " : " ", median_rank_field(job, r, PEAK));
        printf(" MB · assemble %.1f ms (medians)\n", median_rank_field(job, 0, ASSEMBLE));
    }
}

/* report_json's object, with main-mpi's fields added before its closing brace. */
static int print_json(const struct job *job)
{
    char *text = NULL;
    size_t length = 0;
    FILE *memory = open_memstream(&text, &length);
    if (memory == NULL)
        return error_set("out of memory");
    report_json(memory, &job->report);
    fclose(memory);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '}'))
        text[--length] = '\0';
    printf("%s, \"program\": \"" PROGRAM "\", \"ranks\": %d, \"transfer\": \"%s\", "
           "\"io_mode\": \"%s\", \"band_rows\": %zu", text, job->size,
           job->mpi->collective ? "collective" : "independent", bands_last_stats().io_mode,
           bands_last_stats().band_rows);
    free(text);
    static const struct { const char *name; enum field field; } lists[] = {
        {"rank_threads", THREADS}, {"rank_rows", ROWS}, {"rank_peak_mb", PEAK},
        {"rank_wall_ms", WALL}, {"rank_load_ms", LOAD}, {"rank_compute_ms", COMPUTE},
    };
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        printf(", \"median_%s\": [", lists[l].name);
        for (int r = 0; r < job->size; r++)
            printf("%s%.3f", r ? ", " : "", median_rank_field(job, r, lists[l].field));
        printf("]");
    }
    printf(", \"assemble_ms\": [");
    for (int i = 0; i < job->runs; i++)
        printf("%s%.3f", i ? ", " : "", rank_fields(job, i, 0)[ASSEMBLE]);
    printf("], \"median_assemble_ms\": %.3f}\n", median_rank_field(job, 0, ASSEMBLE));
    return 0;
}

/* ---- the runs ---------------------------------------------------------------- */

static int write_pictures(const struct options *options, const struct rgb_image *image)
{
    if (options->show_png && output_side_by_side(options->show_png, options->data_dir, image) < 0)
        return -1;
    if (options->out_png && output_prediction(options->out_png, image) < 0)
        return -1;
    return 0;
}

static int run(const struct options *options, const struct mpi_options *mpi, int rank, int size)
{
    static const struct version_info version = {
        "mpi", bands_load_and_colorcode, "", "hdf5", false, true, false, false, 0,
        "row bands across MPI ranks through parallel HDF5, v6's kernel, gathered on rank 0",
    };
    struct step_input input = {options->data_dir, 1};
    struct rgb_image image = {0};
    double *fields = NULL;
    struct run_result *jobs = NULL;
    int status = -1, local = 0;

    if (rank == 0 && ((options->out_png && output_check_writable(options->out_png) < 0) ||
                      (options->show_png && output_check_writable(options->show_png) < 0)))
        local = -1;
    size_t all_fields = (size_t)options->repeat * (rank == 0 ? (size_t)size : 1) * FIELDS;
    fields = calloc(all_fields, sizeof *fields);
    jobs = calloc(options->repeat, sizeof *jobs);
    if (local == 0 && (fields == NULL || jobs == NULL))
        local = error_set("out of memory");
    if (agree(MPI_COMM_WORLD, local) < 0)
        goto end;

    for (int i = 0; i < options->warmup + options->repeat; i++) {
        int timed = i - options->warmup;
        struct run_result result;
        rgb_image_free(&image);
        MPI_Barrier(MPI_COMM_WORLD);   /* the ranks start together */
        if (harness_run(&version, &input, &image, &result) < 0)
            goto end;                  /* on every rank: the step agreed */
        if (timed < 0)
            continue;
        double mine[FIELDS];
        pack(&result, mine);
        MPI_Gather(mine, FIELDS, MPI_DOUBLE, fields + (size_t)timed * size * FIELDS, FIELDS,
                   MPI_DOUBLE, 0, MPI_COMM_WORLD);
        if (rank == 0)
            jobs[timed] = combine(fields + (size_t)timed * size * FIELDS, size);
    }

    local = 0;
    if (rank == 0) {
        struct options shown = *options;   /* the report's "chunk" is the band */
        shown.chunk_size = bands_last_stats().band_rows;
        struct job job = {options, mpi, size, options->repeat, fields, jobs,
                          {&version, &shown, image.height, image.width,
                           (int)fields[THREADS], jobs, options->repeat}};
        local = options->json ? print_json(&job) : (print_text(&job), 0);
        fflush(stdout);
        if (local == 0)
            local = write_pictures(options, &image);
    }
    status = agree(MPI_COMM_WORLD, local);
end:
    rgb_image_free(&image);
    free(fields);
    free(jobs);
    return status;
}

/* After MPI_Init, with the command line parsed (`parsed`: its status). */
static int program(int parsed, const struct options *options, const struct mpi_options *mpi,
                   int rank, int size)
{
    if (parsed < 0) {
        if (rank == 0)
            fprintf(stderr, PROGRAM ": %s\n", error_message());
        return EXIT_USAGE;
    }
    if (options->command == COMMAND_HELP || options->command == COMMAND_VERSION) {
        if (rank == 0 && options->command == COMMAND_HELP)
            print_help();
        else if (rank == 0)
            printf(PROGRAM " (Profile, Optimize, Repeat — in C) %s\n", POR_VERSION);
        return EXIT_OK;
    }
    big_alloc_use_hugepages(options->hugepages);
    if (options->threads > 0)
        omp_set_num_threads(options->threads);
    hdf5_input_quiet();
    bands_configure(&(struct bands_config){MPI_COMM_WORLD, mpi->collective, mpi->band_rows});
    if (run(options, mpi, rank, size) < 0) {
        fflush(stdout);
        if (rank == 0)
            fprintf(stderr, PROGRAM ": %s\n", error_message());
        return EXIT_DATA;
    }
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    struct options options;
    struct mpi_options mpi;
    int provided = 0, rank = 0, size = 1;
    int parsed = parse(argc, argv, &options, &mpi);
    /* As ./main does: OpenMP workers passive unless OMP_WAIT_POLICY or --spin says
     * otherwise, which may execute this program once more — so before MPI_Init
     * (the process keeps its id and its environment, and mpirun's with it). */
    if (parsed == 0 && options.command == COMMAND_RUN)
        wait_policy_arrange(argv, options.spin);
    /* Funneled: OpenMP threads run the kernel, only the main thread calls MPI and HDF5. */
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int code = program(parsed, &options, &mpi, rank, size);
    MPI_Finalize();
    return code;
}
