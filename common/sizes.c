/* sizes.c — the table of sizes.h. */
#include "sizes.h"

#include <stdio.h>
#include <string.h>

const struct data_size data_sizes[SIZE_COUNT] = {
    {"s", 1, true}, {"m", 2, true}, {"l", 4, false}, {"xl", 6, false},
};

const struct data_size *data_size_find(const char *name)
{
    for (size_t i = 0; i < SIZE_COUNT; i++)
        if (strcmp(data_sizes[i].name, name) == 0)
            return &data_sizes[i];
    return NULL;
}

void data_size_names(char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < SIZE_COUNT && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", data_sizes[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
}
