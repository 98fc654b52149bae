/*
 * progress.h — what generate_data tells its user while it runs, and the
 * summary at the end.
 *
 * A step that may take more than a second (features, training, prediction,
 * writing a size) is bracketed by progress_begin()/progress_end().  A step
 * that knows its amount of work (bytes to write) announces it with
 * progress_expect(), and the writers report what they did with
 * progress_advance(), from any thread.  On a terminal the step's line is
 * rewritten in place ("\r") with a percentage; when stderr is a file or a
 * pipe, a step prints one line when it ends, plus a percentage line at most
 * every few seconds, so logs stay short.  Once the rate means something, a
 * percentage says how long is left at that rate.  Each finished file gets
 * its own line (progress_record).
 *
 * progress_advance() is also where an interrupt (SIGINT, SIGTERM) is noticed,
 * so a long write stops cleanly and the caller removes its temporary
 * directory.
 *
 * The summary (stdout) lists every step's time and every file written, with
 * its size.  One run is one report, so the state is a file-level singleton,
 * guarded by a mutex.
 */
#ifndef GEN_PROGRESS_H
#define GEN_PROGRESS_H

#include <stdio.h>

/* Detects whether stderr is a terminal and installs the SIGINT/SIGTERM handler. */
void progress_init(void);

void progress_begin(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* The current step's total amount of work, in the units progress_advance counts. */
void progress_expect(double total);

/* Adds done units to the current step (any thread); 0, or -1 with an error
 * once the run was interrupted. */
int progress_advance(double done);

/* The percentage line of step `name` with `done` of `total` (> 0) after
 * `seconds`, without "\r" or newline, and the time left at the rate so far
 * once at least 3 % and 1 s are done: "generate_data: writing xxl 23 % (about
 * 38 s left)".  padded: the percentage in 3 columns, for a line rewritten in place. */
void progress_format(char *out, size_t size, const char *name, double done, double total,
                     double seconds, int padded);

/* Ends the current step; records its time for the summary; returns the seconds. */
double progress_end(void);

/* Records a part of the current step that took `seconds` (e.g. one file, on
 * any thread) and prints its line. */
void progress_record(double seconds, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Records a file for the summary. */
void progress_file(const char *path, unsigned long long bytes);

/* Records a measure for the summary, e.g. the accuracy. */
void progress_note(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* 1 once SIGINT or SIGTERM arrived. */
int progress_interrupted(void);

void progress_summary(FILE *out, double total_seconds);

#endif
