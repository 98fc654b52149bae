/*
 * phase.h — phase marks: a step says where its time goes, the harness adds it up.
 *
 * phase_begin() closes the calling thread's open phase, if any, and opens a new
 * one; phase_end() closes it.  Each closed phase adds its wall and CPU time (of
 * the calling thread) to a process-wide total.  When several threads mark phases
 * at once, the totals are thread-time and may exceed the wall time; the harness
 * turns them into shares of the wall time.
 */
#ifndef POR_PHASE_H
#define POR_PHASE_H

enum phase { PHASE_LOAD, PHASE_COMPUTE, PHASE_COUNT };

void phase_begin(enum phase phase);
void phase_end(void);

struct phase_totals {
    double wall_ms[PHASE_COUNT];
    double cpu_ms[PHASE_COUNT];
};

/* For the harness: zero the totals before a run, read them after it. */
void phase_reset(void);
struct phase_totals phase_totals(void);

#endif
