/*
 * rss.h — resident memory of this process: the region's own peak, and a trace
 * sampled every millisecond (the C counterpart of memory_profiler's `mprof run`).
 *
 * The peak of a region is measured the way the kernel allows: writing 5 to
 * /proc/self/clear_refs resets VmHWM (the high-water mark) to the current RSS;
 * reading VmHWM after the region gives the highest RSS reached inside it.
 * Where clear_refs cannot be written (some containers, valgrind), the fallback
 * is getrusage's ru_maxrss, the peak of the whole process so far, and the
 * harness says so in its output.
 */
#ifndef POR_RSS_H
#define POR_RSS_H

#include <stdbool.h>

/* Resets the high-water mark; false when that is not possible here. */
bool rss_reset_peak(void);

/* Current and peak resident set in MB (10^6 bytes), from /proc/self/status. */
double rss_current_mb(void);
double rss_peak_mb(void);

/* Peak of the whole process so far, from getrusage (the fallback). */
double rss_lifetime_peak_mb(void);

/* Starts a thread that appends "time_ms rss_mb" lines every millisecond to a
 * temporary file renamed to `path` by rss_trace_stop(). */
int rss_trace_start(const char *path);
/* Marks an event ("begin v3 run 1") in the trace, as a gnuplot comment line. */
void rss_trace_mark(const char *label);
int rss_trace_stop(void);

#endif
