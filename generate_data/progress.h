/*
 * progress.h — what generate_data tells its user while it runs, and the
 * summary at the end.
 *
 * A step that may take more than a second (features, training, prediction,
 * each file) is bracketed by progress_begin()/progress_end().  On a terminal
 * the step's line is rewritten in place ("\r") with a percentage; when stderr
 * is a file or a pipe, a step prints one line when it ends, plus a percentage
 * line at most every few seconds, so logs stay short.
 *
 * The writers' loops call progress_update() often; it is also where an
 * interrupt (SIGINT, SIGTERM) is noticed, so a long write stops cleanly and
 * the caller removes its temporary directory.
 *
 * The summary (stdout) lists every step's time and every file written, with
 * its size.  One run is one report, so the state is a file-level singleton.
 */
#ifndef GEN_PROGRESS_H
#define GEN_PROGRESS_H

#include <stdio.h>

/* Detects whether stderr is a terminal and installs the SIGINT/SIGTERM handler. */
void progress_init(void);

void progress_begin(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* done of total units; 0, or -1 with an error when the run was interrupted. */
int progress_update(double done, double total);

/* Ends the current step; records its time for the summary; returns the seconds. */
double progress_end(void);

/* Records a step that ran outside begin/end (e.g. on another thread) and prints its line. */
void progress_record(double seconds, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Records a file for the summary. */
void progress_file(const char *path, unsigned long long bytes);

/* Records a measure for the summary, e.g. the accuracy. */
void progress_note(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* 1 once SIGINT or SIGTERM arrived. */
int progress_interrupted(void);

void progress_summary(FILE *out, double total_seconds);

#endif
