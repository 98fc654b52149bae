/*
 * wait_policy.c — OMP_WAIT_POLICY arranged by ./main itself (see wait_policy.h).
 *
 * The one re-execution is guarded by POR_WAIT_POLICY_SET: the new image finds
 * it, removes it (so nothing ./main starts inherits it) and goes on without
 * executing again, whatever the environment says.  What libgomp read is what
 * getenv() says on entry, before anything here changes the environment.
 */
#include "wait_policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const MARKER = "POR_WAIT_POLICY_SET";

static char in_force[32] = "unset";
static const char *origin = "libgomp's default: idle workers spin";

/* A tool that injects itself into the process through the dynamic loader. */
static bool under_preloading_tool(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload != NULL && preload[0] != '\0';
}

void wait_policy_arrange(char **argv, bool spin)
{
    const char *seen = getenv("OMP_WAIT_POLICY");
    if (seen != NULL)
        snprintf(in_force, sizeof in_force, "%s", seen);
    const char *marker = getenv(MARKER);
    if (marker != NULL) {
        if (seen == NULL)
            origin = "libgomp's default: idle workers spin; POR_WAIT_POLICY_SET was set, so "
                     "./main did not execute itself again";
        else
            origin = strcmp(marker, "spin") == 0 ? "--spin" : "set by ./main";
        unsetenv(MARKER);
        return;
    }
    if (seen != NULL && !spin) {
        origin = "from OMP_WAIT_POLICY";
        return;
    }
    const char *wanted = spin ? "active" : "passive";
    if (seen != NULL && strcasecmp(seen, wanted) == 0) {
        origin = "--spin";
        return;
    }
    if (under_preloading_tool()) {
        origin = seen ? "from OMP_WAIT_POLICY; --spin ignored under LD_PRELOAD (valgrind, "
                        "heaptrack): set OMP_WAIT_POLICY=active"
                      : "libgomp's default: idle workers spin; not changed under LD_PRELOAD "
                        "(valgrind, heaptrack): set OMP_WAIT_POLICY=passive";
        return;
    }
    setenv("OMP_WAIT_POLICY", wanted, 1);
    setenv(MARKER, spin ? "spin" : "main", 1);
    fflush(NULL);
    execv("/proc/self/exe", argv);
    /* Still here: libgomp keeps what it read, so the environment must say so too. */
    if (seen != NULL)
        setenv("OMP_WAIT_POLICY", seen, 1);
    else
        unsetenv("OMP_WAIT_POLICY");
    unsetenv(MARKER);
    origin = seen ? "from OMP_WAIT_POLICY (re-executing with --spin failed)"
                  : "libgomp's default: idle workers spin (re-executing ./main failed)";
}

const char *wait_policy_in_force(void)
{
    return in_force;
}

const char *wait_policy_origin(void)
{
    return origin;
}
