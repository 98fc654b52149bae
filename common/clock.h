/*
 * clock.h — the two clocks the harness and the versions measure with.
 * Wall time comes from CLOCK_MONOTONIC (never jumps); CPU time is user + system
 * of the whole process, so OpenMP threads are counted.
 */
#ifndef POR_CLOCK_H
#define POR_CLOCK_H

double clock_wall_ms(void);
double clock_cpu_ms(void);

#endif
