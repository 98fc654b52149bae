/*
 * page_cache.c — eviction and residency of input files (see page_cache.h).
 *
 * Residency is read with mincore() over a read-only mapping of the file, which
 * touches no page: the mapping only asks the kernel which pages it already has.
 */
#include "page_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

double page_cache_resident_fd(int fd, const char *path)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return error_set("%s: cannot stat: %s", path, strerror(errno));
    if (st.st_size == 0)
        return 0;
    void *map = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED)
        return error_set("%s: cannot map to check the page cache: %s", path, strerror(errno));
    long page = sysconf(_SC_PAGESIZE);
    size_t pages = (st.st_size + page - 1) / page;
    unsigned char *in_core = malloc(pages);
    double share = -1;
    if (in_core == NULL) {
        error_set("out of memory checking %s's page cache", path);
    } else if (mincore(map, st.st_size, in_core) < 0) {
        error_set("%s: mincore failed: %s", path, strerror(errno));
    } else {
        size_t resident = 0;
        for (size_t i = 0; i < pages; i++)
            resident += in_core[i] & 1;
        share = (double)resident / pages;
    }
    free(in_core);
    munmap(map, st.st_size);
    return share;
}

double page_cache_resident(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return error_set("%s: cannot open: %s", path, strerror(errno));
    double share = page_cache_resident_fd(fd, path);
    close(fd);
    return share;
}

/* fdatasync first: dirty pages cannot be dropped, and a freshly generated file
 * may still have some. */
static double evict(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return error_set("%s: cannot open: %s", path, strerror(errno));
    double share = -1;
    int advice;
    if (fdatasync(fd) < 0 && errno != EINVAL)
        error_set("%s: cannot sync before evicting it: %s", path, strerror(errno));
    else if ((advice = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)) != 0)
        error_set("%s: cannot evict from the page cache: %s", path, strerror(advice));
    else
        share = page_cache_resident_fd(fd, path);
    close(fd);
    return share;
}

int page_cache_evict_inputs(const char *data_dir, bool csv, double *resident)
{
    const char *names[] = {"0.csv", "1.csv", "2.csv", "3.csv"};
    int count = csv ? 4 : 1;
    *resident = 0;
    for (int i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", data_dir, csv ? names[i] : "data.hdf5");
        double share = evict(path);
        if (share < 0)
            return -1;
        if (share > *resident)
            *resident = share;
    }
    return 0;
}
