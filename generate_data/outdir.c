/*
 * outdir.c — temporary directories and the final rename (see outdir.h).
 *
 * Replacing a non-empty directory cannot be done by rename(2) alone, so
 * outdir_commit uses renameat2(RENAME_EXCHANGE): the new directory and the old
 * one swap names in one atomic step, and the old one, now under the temporary
 * name, is deleted afterwards.  On file systems without RENAME_EXCHANGE it
 * falls back to: old aside, new in, old removed — the only window where
 * OUT/<size> is missing is between two renames, and it is never incomplete.
 */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

int outdir_join(char *out, size_t out_size, const char *dir, const char *name)
{
    int n = snprintf(out, out_size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= out_size)
        return error_set("path too long: %s/%s", dir, name);
    return 0;
}

int outdir_make(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return error_set("path too long: %s", dir);
    /* Create each prefix ending before a '/', then the whole path. */
    for (char *p = path + 1; ; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST)
            return error_set("%s: cannot create directory: %s", path, strerror(errno));
        *p = saved;
        if (saved == '\0')
            break;
    }
    struct stat info;
    if (stat(dir, &info) < 0 || !S_ISDIR(info.st_mode))
        return error_set("%s: not a directory", dir);
    return 0;
}

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *ftw)
{
    (void)info, (void)type, (void)ftw;
    remove(path);
    return 0;
}

void outdir_abandon(const char *temp)
{
    nftw(temp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ".<size>.tmp-<pid>" or ".<size>.old-<pid>" of a process that no longer
 * exists: left by a killed run (SIGKILL, a power cut), of any size. */
static int is_stale_temp(const char *name)
{
    const char *mark = name[0] == '.' ? strstr(name + 1, ".tmp-") : NULL;
    if (mark == NULL)
        mark = name[0] == '.' ? strstr(name + 1, ".old-") : NULL;
    if (mark == NULL || mark == name + 1)
        return 0;
    char *end;
    long pid = strtol(mark + 5, &end, 10);
    if (*end != '\0' || pid <= 0 || pid == (long)getpid())
        return 0;
    return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

void outdir_remove_stale(const char *out)
{
    DIR *dir = opendir(out);
    if (!dir)
        return;
    char path[4096];
    for (struct dirent *entry; (entry = readdir(dir)) != NULL;)
        if (is_stale_temp(entry->d_name)
            && outdir_join(path, sizeof path, out, entry->d_name) == 0)
            outdir_abandon(path);
    closedir(dir);
}

int outdir_begin(const char *out, const char *size, char *temp, size_t temp_size)
{
    outdir_remove_stale(out);
    char name[64];
    snprintf(name, sizeof name, ".%s.tmp-%ld", size, (long)getpid());
    if (outdir_join(temp, temp_size, out, name) < 0)
        return -1;
    outdir_abandon(temp);   /* a leftover of this very pid, from an earlier run */
    if (mkdir(temp, 0755) < 0)
        return error_set("%s: cannot create directory: %s", temp, strerror(errno));
    return 0;
}

/* Without RENAME_EXCHANGE: old aside, new in, old removed. */
static int commit_by_two_renames(const char *temp, const char *final, const char *out,
                                 const char *size)
{
    char old[4096], name[64];
    snprintf(name, sizeof name, ".%s.old-%ld", size, (long)getpid());
    if (outdir_join(old, sizeof old, out, name) < 0)
        return -1;
    if (rename(final, old) < 0)
        return error_set("%s: cannot move the previous directory aside: %s", final,
                         strerror(errno));
    if (rename(temp, final) < 0) {
        int saved = errno;
        rename(old, final);   /* put the previous one back */
        return error_set("%s: cannot rename %s into place: %s", final, temp, strerror(saved));
    }
    outdir_abandon(old);
    return 0;
}

int outdir_commit(const char *temp, const char *out, const char *size)
{
    char final[4096];
    if (outdir_join(final, sizeof final, out, size) < 0)
        return -1;
    if (renameat2(AT_FDCWD, temp, AT_FDCWD, final, RENAME_EXCHANGE) == 0) {
        outdir_abandon(temp);   /* now holds the previous OUT/<size> */
        return 0;
    }
    if (errno == ENOENT) {      /* no previous OUT/<size> */
        if (rename(temp, final) < 0)
            return error_set("%s: cannot rename %s into place: %s", final, temp,
                             strerror(errno));
        return 0;
    }
    if (errno == EINVAL || errno == ENOSYS)
        return commit_by_two_renames(temp, final, out, size);
    return error_set("%s: cannot replace with %s: %s", final, temp, strerror(errno));
}
