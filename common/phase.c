/*
 * phase.c — phase marks (see phase.h).  A thread's open phase is thread-local;
 * the totals are shared and guarded by a mutex, which is cheap at the rate steps
 * mark phases (once per read or tile, never per pixel).
 */
#include "phase.h"

#include <pthread.h>
#include <time.h>

#include "clock.h"

static _Thread_local int open_phase = -1;
static _Thread_local double opened_wall_ms;
static _Thread_local double opened_cpu_ms;

static pthread_mutex_t totals_lock = PTHREAD_MUTEX_INITIALIZER;
static struct phase_totals totals;

static double thread_cpu_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

void phase_end(void)
{
    if (open_phase < 0)
        return;
    double wall = clock_wall_ms() - opened_wall_ms;
    double cpu = thread_cpu_ms() - opened_cpu_ms;
    pthread_mutex_lock(&totals_lock);
    totals.wall_ms[open_phase] += wall;
    totals.cpu_ms[open_phase] += cpu;
    pthread_mutex_unlock(&totals_lock);
    open_phase = -1;
}

void phase_begin(enum phase phase)
{
    phase_end();
    open_phase = (int)phase;
    opened_cpu_ms = thread_cpu_ms();
    opened_wall_ms = clock_wall_ms();
}

void phase_reset(void)
{
    pthread_mutex_lock(&totals_lock);
    totals = (struct phase_totals){{0}, {0}};
    pthread_mutex_unlock(&totals_lock);
}

struct phase_totals phase_totals(void)
{
    pthread_mutex_lock(&totals_lock);
    struct phase_totals copy = totals;
    pthread_mutex_unlock(&totals_lock);
    return copy;
}
