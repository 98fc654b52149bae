/*
 * progress.c — progress lines on stderr, the summary on stdout.
 *
 * Messages go to stderr so that stdout carries only the summary, which
 * scripts/bench-generate parses: "step <seconds> s <name>" and
 * "file <bytes> <path>" lines, aligned for a human reader too.
 */
#include "progress.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"

enum { MAX_STEPS = 64, MAX_FILES = 64, MAX_NOTES = 8, NAME_SIZE = 160 };

/* A non-terminal gets a percentage line at most this often. */
static const double QUIET_INTERVAL_MS = 5000.0;

/* The time left is extrapolated from the rate so far only once this much is
 * done: a rate over the first percent or the first fraction of a second is
 * mostly the writers' start-up, and would promise too much or too little. */
static const double ESTIMATE_MIN_FRACTION = 0.03;
static const double ESTIMATE_MIN_SECONDS = 1.0;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct {
    int tty;
    char name[NAME_SIZE];
    double start_ms, last_print_ms;
    double done, total;
    int last_percent;
    int active;
    size_t step_count, file_count, note_count;
    struct { char name[NAME_SIZE]; double seconds; } steps[MAX_STEPS];
    struct { char path[NAME_SIZE * 2]; unsigned long long bytes; } files[MAX_FILES];
    char notes[MAX_NOTES][NAME_SIZE];
} state;

static volatile sig_atomic_t interrupted;

static void on_signal(int signal_number)
{
    (void)signal_number;
    interrupted = 1;
}

void progress_init(void)
{
    state.tty = isatty(STDERR_FILENO);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

int progress_interrupted(void)
{
    return interrupted;
}

static void record_step(const char *name, double seconds)
{
    if (state.step_count < MAX_STEPS) {
        snprintf(state.steps[state.step_count].name, NAME_SIZE, "%s", name);
        state.steps[state.step_count++].seconds = seconds;
    }
}

void progress_begin(const char *format, ...)
{
    pthread_mutex_lock(&lock);
    va_list args;
    va_start(args, format);
    vsnprintf(state.name, sizeof state.name, format, args);
    va_end(args);
    state.start_ms = state.last_print_ms = clock_wall_ms();
    state.done = state.total = 0.0;
    state.last_percent = -1;
    state.active = 1;
    if (state.tty)
        fprintf(stderr, "generate_data: %s ...", state.name);
    pthread_mutex_unlock(&lock);
}

void progress_expect(double total)
{
    pthread_mutex_lock(&lock);
    state.total = total;
    pthread_mutex_unlock(&lock);
}

void progress_format(char *out, size_t size, const char *name, double done, double total,
                     double seconds, int padded)
{
    double fraction = done / total;
    int length = snprintf(out, size, "generate_data: %s %*d %%", name, padded ? 3 : 0,
                          (int)(100.0 * fraction));
    if (length < 0 || (size_t)length >= size || fraction < ESTIMATE_MIN_FRACTION ||
        seconds < ESTIMATE_MIN_SECONDS || fraction >= 1.0)
        return;
    double left = seconds * (1.0 - fraction) / fraction;
    /* At least 1: "about 0 s left" while work remains would read as done. */
    if (left < 119.5)
        snprintf(out + length, size - length, " (about %.0f s left)", fmax(1.0, round(left)));
    else
        snprintf(out + length, size - length, " (about %.0f min left)", round(left / 60.0));
}

/* The percentage, in place on a terminal, else every QUIET_INTERVAL_MS.  Locked. */
static void show_percent(void)
{
    int percent = (int)(100.0 * state.done / state.total);
    if (percent == state.last_percent || percent > 100)
        return;
    state.last_percent = percent;
    double now = clock_wall_ms();
    if (!state.tty && now - state.last_print_ms < QUIET_INTERVAL_MS)
        return;
    char line[2 * NAME_SIZE];
    progress_format(line, sizeof line, state.name, state.done, state.total,
                    (now - state.start_ms) / 1000.0, state.tty);
    if (state.tty) {
        /* "\033[K": the time left shortens the line as it counts down. */
        fprintf(stderr, "\r%s\033[K", line);
        return;
    }
    fprintf(stderr, "%s\n", line);
    state.last_print_ms = now;
}

int progress_advance(double done)
{
    if (interrupted)
        return error_set("interrupted");
    pthread_mutex_lock(&lock);
    state.done += done;
    if (state.active && state.total > 0)
        show_percent();
    pthread_mutex_unlock(&lock);
    return 0;
}

double progress_end(void)
{
    pthread_mutex_lock(&lock);
    double seconds = (clock_wall_ms() - state.start_ms) / 1000.0;
    if (state.active) {
        state.active = 0;
        /* "\033[K" clears what a longer percentage line left behind. */
        fprintf(stderr, "%sgenerate_data: %s %.2f s%s\n", state.tty ? "\r" : "", state.name,
                seconds, state.tty ? "\033[K" : "");
        record_step(state.name, seconds);
    }
    pthread_mutex_unlock(&lock);
    return seconds;
}

void progress_record(double seconds, const char *format, ...)
{
    char name[NAME_SIZE];
    va_list args;
    va_start(args, format);
    vsnprintf(name, sizeof name, format, args);
    va_end(args);
    pthread_mutex_lock(&lock);
    fprintf(stderr, "%sgenerate_data: %s %.2f s%s\n", state.tty ? "\r" : "", name, seconds,
            state.tty ? "\033[K" : "");
    state.last_percent = -1;   /* the percentage line is drawn again on the next advance */
    record_step(name, seconds);
    pthread_mutex_unlock(&lock);
}

void progress_file(const char *path, unsigned long long bytes)
{
    pthread_mutex_lock(&lock);
    if (state.file_count < MAX_FILES) {
        snprintf(state.files[state.file_count].path, sizeof state.files[0].path, "%s", path);
        state.files[state.file_count++].bytes = bytes;
    }
    pthread_mutex_unlock(&lock);
}

void progress_note(const char *format, ...)
{
    pthread_mutex_lock(&lock);
    if (state.note_count < MAX_NOTES) {
        va_list args;
        va_start(args, format);
        vsnprintf(state.notes[state.note_count++], NAME_SIZE, format, args);
        va_end(args);
    }
    pthread_mutex_unlock(&lock);
}

void progress_summary(FILE *out, double total_seconds)
{
    fprintf(out, "generate_data summary\n");
    for (size_t i = 0; i < state.step_count; i++)
        fprintf(out, "  step %8.3f s  %s\n", state.steps[i].seconds, state.steps[i].name);
    fprintf(out, "  step %8.3f s  total\n", total_seconds);
    for (size_t i = 0; i < state.file_count; i++)
        fprintf(out, "  file %13llu  %-28s (%.1f MB)\n", state.files[i].bytes,
                state.files[i].path, state.files[i].bytes / 1e6);
    for (size_t i = 0; i < state.note_count; i++)
        fprintf(out, "  %s\n", state.notes[i]);
}
