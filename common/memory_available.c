/*
 * memory_available.c — the least of MemAvailable, the cgroup's room and
 * RLIMIT_AS's room (see memory_available.h).
 *
 * Every figure is read from /proc or /sys as text: a file that is missing or
 * says "max" is no limit, so a machine without cgroups or /proc still runs.
 */
#include "memory_available.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "error.h"

static const char *refusal_hint;

void memory_set_hint(const char *hint)
{
    refusal_hint = hint;
}

/* The first number in `path` (after `key` when given) times `unit`; 0 when absent. */
static int read_number(const char *path, const char *key, size_t unit, size_t *value)
{
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return 0;
    char line[256];
    int found = 0;
    unsigned long long number;
    while (!found && fgets(line, sizeof line, file) != NULL) {
        const char *text = line;
        if (key != NULL) {
            if (strncmp(line, key, strlen(key)) != 0)
                continue;
            text += strlen(key);
        }
        found = sscanf(text, " %llu", &number) == 1;
        if (key == NULL)
            break;   /* "max" is no limit */
    }
    fclose(file);
    if (found)
        *value = number > SIZE_MAX / unit ? SIZE_MAX : (size_t)number * unit;
    return found;
}

/* This process's cgroup path for `controller` ("" for v2's "0::" line) into path. */
static int cgroup_path(const char *controller, char *path, size_t size)
{
    FILE *file = fopen("/proc/self/cgroup", "r");
    if (file == NULL)
        return 0;
    char line[512];
    int found = 0;
    while (!found && fgets(line, sizeof line, file) != NULL) {
        char *first = strchr(line, ':'), *second = first ? strchr(first + 1, ':') : NULL;
        if (second == NULL)
            continue;
        *second = '\0';
        const char *controllers = first + 1;
        found = controller[0] == '\0' ? controllers[0] == '\0' && line[0] == '0'
                                      : strstr(controllers, controller) != NULL;
        if (found) {
            second[1 + strcspn(second + 1, "\n")] = '\0';
            snprintf(path, size, "%s", second + 1);
        }
    }
    fclose(file);
    return found;
}

/* limit − usage of the cgroup this process is in.  Inside a container the
 * mount shows the process's own cgroup at a shorter path than /proc/self/cgroup
 * names (its leading components are the host's), so the path is tried whole,
 * then without its first component, and so on down to the mount's root. */
static size_t cgroup_room(const char *mount, const char *controller, const char *limit_file,
                          const char *usage_file)
{
    char own[512] = "", path[1024];
    cgroup_path(controller, own, sizeof own);
    for (const char *dir = own;; dir = strchr(dir + 1, '/')) {
        const char *suffix = dir != NULL && strcmp(dir, "/") != 0 ? dir : "";
        size_t limit, usage;
        snprintf(path, sizeof path, "%s%s/%s", mount, suffix, limit_file);
        if (read_number(path, NULL, 1, &limit)) {
            snprintf(path, sizeof path, "%s%s/%s", mount, suffix, usage_file);
            if (read_number(path, NULL, 1, &usage))
                return usage < limit ? limit - usage : 0;
        }
        if (suffix[0] == '\0')
            return SIZE_MAX;
    }
}

static size_t least(size_t a, size_t b)
{
    return a < b ? a : b;
}

size_t memory_available(void)
{
    size_t available = SIZE_MAX, value;
    if (read_number("/proc/meminfo", "MemAvailable:", 1024, &value))
        available = value;
    available = least(available, cgroup_room("/sys/fs/cgroup", "", "memory.max",
                                             "memory.current"));
    available = least(available, cgroup_room("/sys/fs/cgroup/memory", "memory",
                                             "memory.limit_in_bytes", "memory.usage_in_bytes"));
    struct rlimit limit;
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        size_t mapped = 0;
        read_number("/proc/self/status", "VmSize:", 1024, &mapped);
        available = least(available, mapped < limit.rlim_cur ? limit.rlim_cur - mapped : 0);
    }
    return available;
}

/* "157.3 MB", "38.71 GB" */
static void format_bytes(char *out, size_t size, size_t bytes)
{
    if (bytes < 1000000000)
        snprintf(out, size, "%.1f MB", bytes / 1e6);
    else
        snprintf(out, size, "%.2f GB", bytes / 1e9);
}

int memory_refuse(const char *what, size_t needed, size_t available)
{
    char needed_text[32], available_text[32];
    format_bytes(needed_text, sizeof needed_text, needed);
    format_bytes(available_text, sizeof available_text, available);
    return error_set("out of memory: %s needs %zu bytes (%s) but %zu bytes (%s) are available "
                     "(the least of MemAvailable, the cgroup's limit and ulimit -v)%s%s",
                     what, needed, needed_text, available, available_text,
                     refusal_hint ? "; " : "", refusal_hint ? refusal_hint : "");
}
