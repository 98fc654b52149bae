/*
 * disk_space.c — free space before generating (see disk_space.h).
 */
#include "disk_space.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "error.h"

void disk_format_bytes(char *out, unsigned long size, double bytes)
{
    if (bytes < 1e9)
        snprintf(out, size, "%.0f MB", bytes / 1e6);
    else
        snprintf(out, size, "%.2f GB", bytes / 1e9);
}

double disk_free_bytes(const char *path)
{
    char probe[PATH_MAX];
    snprintf(probe, sizeof probe, "%s", path);
    struct statvfs info;
    while (statvfs(probe, &info) != 0) {
        char *slash = strrchr(probe, '/');
        if (slash == NULL) {
            snprintf(probe, sizeof probe, ".");
            return statvfs(probe, &info) == 0 ? (double)info.f_bavail * info.f_frsize : -1;
        }
        if (slash == probe) {
            probe[1] = '\0';
            return statvfs(probe, &info) == 0 ? (double)info.f_bavail * info.f_frsize : -1;
        }
        *slash = '\0';
    }
    return (double)info.f_bavail * info.f_frsize;
}

int disk_space_check(const char *folder, double need, const char *what)
{
    double available = disk_free_bytes(folder);
    /* The generator writes into a temporary folder beside the final one: a
     * tenth more than the files, to leave the disk usable. */
    if (available < 0 || available >= need * 1.1)
        return 0;
    char need_text[32], free_text[32];
    disk_format_bytes(need_text, sizeof need_text, need);
    disk_format_bytes(free_text, sizeof free_text, available);
    return error_set("generating %s needs about %s (%.0f bytes and a tenth to spare) but only %s "
                     "(%.0f bytes) is free in %s", what, need_text, need * 1.1, free_text,
                     available, folder);
}
