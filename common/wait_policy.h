/*
 * wait_policy.h — ./main runs its OpenMP workers passive unless told otherwise.
 *
 * libgomp reads OMP_WAIT_POLICY once, in a constructor that runs before main(),
 * and its default lets idle workers spin; on a 2-core machine a spinning worker
 * steals the core a reading thread needs (v7 at size s: 16 ms spinning, 10 ms
 * passive).  So when the user has not set OMP_WAIT_POLICY, ./main sets it and
 * executes itself once more (/proc/self/exe, the same arguments), guarded by a
 * marker variable so that it never loops.  --spin asks for the spinning policy
 * on purpose (OMP_WAIT_POLICY=active), for the lesson.
 *
 * Under a tool that preloads itself (valgrind, heaptrack: LD_PRELOAD) there is
 * no re-execution, because the new image would escape the tool; the policy is
 * then whatever the environment says, and the report says so.
 */
#ifndef POR_WAIT_POLICY_H
#define POR_WAIT_POLICY_H

#include <stdbool.h>

/* Call first in main(), before any OpenMP call.  Returns when no re-execution
 * is needed (or when it failed: then the policy stays what libgomp read). */
void wait_policy_arrange(char **argv, bool spin);

/* What libgomp read at start: "passive", "active", ... or "unset". */
const char *wait_policy_in_force(void);

/* Why that policy, in a few words: "set by ./main", "--spin", "from OMP_WAIT_POLICY", ... */
const char *wait_policy_origin(void);

#endif
