/*
 * ladder.c — looking rows up in the ladder table (ladder[] is generated from
 * ladder.tsv by the build).
 */
#include "ladder.h"

#include <string.h>

const struct version_info *ladder_find(const char *name)
{
    for (size_t i = 0; i < ladder_length; i++)
        if (strcmp(ladder[i].name, name) == 0)
            return &ladder[i];
    return NULL;
}

bool ladder_is_step(const struct version_info *version)
{
    return strcmp(version->kind, "floor") != 0;
}
