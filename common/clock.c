/* clock.c — wall and CPU clocks in milliseconds (see clock.h). */
#include "clock.h"

#include <sys/resource.h>
#include <time.h>

double clock_wall_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static double timeval_ms(struct timeval t)
{
    return t.tv_sec * 1e3 + t.tv_usec / 1e3;
}

double clock_cpu_ms(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return timeval_ms(usage.ru_utime) + timeval_ms(usage.ru_stime);
}
