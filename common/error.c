/*
 * error.c — the single pending error message (see error.h).
 * A mutex guards it because the steps' OpenMP threads read, and may fail, at
 * the same time (v8's reading threads, v9's); the first message wins.
 */
#include "error.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

static char pending[1024];
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;

int error_set(const char *format, ...)
{
    pthread_mutex_lock(&pending_lock);
    if (pending[0] == '\0') {
        va_list args;
        va_start(args, format);
        vsnprintf(pending, sizeof pending, format, args);
        va_end(args);
    }
    pthread_mutex_unlock(&pending_lock);
    return -1;
}

const char *error_message(void)
{
    return pending;
}

int error_pending(void)
{
    return pending[0] != '\0';
}

void error_clear(void)
{
    pthread_mutex_lock(&pending_lock);
    pending[0] = '\0';
    pthread_mutex_unlock(&pending_lock);
}
