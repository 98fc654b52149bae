/* rss.c — region peak via clear_refs/VmHWM, and the millisecond RSS trace (see rss.h). */
#include "rss.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "clock.h"
#include "error.h"

bool rss_reset_peak(void)
{
    int fd = open("/proc/self/clear_refs", O_WRONLY);
    if (fd < 0)
        return false;
    bool ok = write(fd, "5", 1) == 1;
    close(fd);
    return ok;
}

/* Reads a "Name:   1234 kB" line of /proc/self/status. */
static double status_mb(const char *name)
{
    FILE *status = fopen("/proc/self/status", "r");
    if (status == NULL)
        return 0;
    char line[256];
    double kilobytes = 0;
    size_t length = strlen(name);
    while (fgets(line, sizeof line, status)) {
        if (strncmp(line, name, length) == 0 && line[length] == ':') {
            sscanf(line + length + 1, "%lf", &kilobytes);
            break;
        }
    }
    fclose(status);
    return kilobytes * 1024 / 1e6;
}

double rss_current_mb(void)
{
    return status_mb("VmRSS");
}

double rss_peak_mb(void)
{
    return status_mb("VmHWM");
}

double rss_lifetime_peak_mb(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss * 1024 / 1e6;
}

/* The trace: one sampling thread, the file it writes and the stop flag. */
static struct {
    pthread_t thread;
    FILE *file;
    char path[4096];
    char temp[4096];
    double start_ms;
    atomic_bool stop;
    pthread_mutex_t lock;
} trace = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* statm's second field is resident pages; one pread per sample keeps it cheap. */
static double statm_mb(int fd, long page_size)
{
    char text[128];
    ssize_t got = pread(fd, text, sizeof text - 1, 0);
    if (got <= 0)
        return 0;
    text[got] = '\0';
    unsigned long size_pages = 0, resident_pages = 0;
    sscanf(text, "%lu %lu", &size_pages, &resident_pages);
    return resident_pages * (double)page_size / 1e6;
}

static void *sample_loop(void *unused)
{
    (void)unused;
    int fd = open("/proc/self/statm", O_RDONLY);
    long page_size = sysconf(_SC_PAGESIZE);
    struct timespec period = {0, 1000000};
    while (!atomic_load(&trace.stop)) {
        double mb = fd >= 0 ? statm_mb(fd, page_size) : 0;
        pthread_mutex_lock(&trace.lock);
        fprintf(trace.file, "%.3f %.3f\n", clock_wall_ms() - trace.start_ms, mb);
        pthread_mutex_unlock(&trace.lock);
        nanosleep(&period, NULL);
    }
    if (fd >= 0)
        close(fd);
    return NULL;
}

int rss_trace_start(const char *path)
{
    snprintf(trace.path, sizeof trace.path, "%s", path);
    if (atomic_temp_name(path, trace.temp, sizeof trace.temp) < 0)
        return -1;
    trace.file = fopen(trace.temp, "w");
    if (trace.file == NULL)
        return error_set("%s: cannot write: %s", path, strerror(errno));
    fprintf(trace.file, "# time_ms rss_mb (sampled every millisecond)\n");
    trace.start_ms = clock_wall_ms();
    atomic_store(&trace.stop, false);
    if (pthread_create(&trace.thread, NULL, sample_loop, NULL) != 0) {
        fclose(trace.file);
        trace.file = NULL;
        atomic_abandon(trace.temp);
        return error_set("%s: cannot start the sampling thread", path);
    }
    return 0;
}

void rss_trace_mark(const char *label)
{
    if (trace.file == NULL)
        return;
    pthread_mutex_lock(&trace.lock);
    fprintf(trace.file, "# %.3f %s\n", clock_wall_ms() - trace.start_ms, label);
    pthread_mutex_unlock(&trace.lock);
}

int rss_trace_stop(void)
{
    if (trace.file == NULL)
        return 0;
    atomic_store(&trace.stop, true);
    pthread_join(trace.thread, NULL);
    int failed = fclose(trace.file) != 0;
    trace.file = NULL;
    if (failed) {
        atomic_abandon(trace.temp);
        return error_set("%s: writing the trace failed", trace.path);
    }
    return atomic_commit(trace.temp, trace.path);
}
