/* atomic_file.c — temporary name, then rename (see atomic_file.h). */
#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

int atomic_temp_name(const char *path, char *temp, size_t temp_size)
{
    const char *slash = strrchr(path, '/');
    int dir_length = slash ? (int)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    int written = snprintf(temp, temp_size, "%.*s.%s.tmp-%ld", dir_length, path, base,
                           (long)getpid());
    if (written < 0 || (size_t)written >= temp_size)
        return error_set("%s: path too long", path);
    return 0;
}

int atomic_commit(const char *temp, const char *path)
{
    if (rename(temp, path) == 0)
        return 0;
    int saved = errno;
    unlink(temp);
    return error_set("%s: cannot rename %s into place: %s", path, temp, strerror(saved));
}

void atomic_abandon(const char *temp)
{
    unlink(temp);
}
