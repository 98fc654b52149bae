/*
 * verify.h — `./main verify`: every version against the reference kernel on
 * real data.  Validation is a program, not an eyeball (perf-ninja's rule).
 */
#ifndef POR_VERIFY_H
#define POR_VERIFY_H

#include "options.h"

/* Prints the table; returns EXIT_OK, or EXIT_DATA on any mismatch or failure. */
int verify_ladder(const struct options *options);

#endif
