/*
 * error.h — one error message per failure, reported once, near main.
 *
 * Library code never prints and never exits: a function that fails records one
 * line with error_set() and returns -1 (or NULL); the caller passes the failure
 * up unchanged, and main prints "main: <message>" once.  The message names the
 * file, the dataset and what was expected and found, e.g.
 *   data/s/data.hdf5: dataset "probabilities": expected 3 dimensions (H, W, 4), found 2
 * The first message wins: a later error_set() while one is pending is ignored,
 * because the first failure is the cause and the rest are consequences.
 */
#ifndef POR_ERROR_H
#define POR_ERROR_H

/* Exit codes of every program in the project. */
enum {
    EXIT_OK = 0,
    EXIT_DATA = 1,   /* bad data, I/O failure, out of memory */
    EXIT_USAGE = 2,  /* bad command line */
};

/* Records a printf-style message; returns -1 so callers can `return error_set(...)`. */
int error_set(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* The pending message, or "" when there is none. */
const char *error_message(void);

int error_pending(void);
void error_clear(void);

#endif
