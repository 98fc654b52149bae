/* kernel.c — the kernel a step noted (see kernel.h): one pointer, set atomically. */
#include "kernel.h"

#include <stddef.h>

static const char *noted;

void kernel_note(const char *name)
{
    __atomic_store_n(&noted, name, __ATOMIC_RELAXED);
}

void kernel_reset(void)
{
    __atomic_store_n(&noted, NULL, __ATOMIC_RELAXED);
}

const char *kernel_noted(void)
{
    return __atomic_load_n(&noted, __ATOMIC_RELAXED);
}
