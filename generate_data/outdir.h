/*
 * outdir.h — one size's output directory appears complete or not at all.
 *
 * Everything for OUT/<size> is written into OUT/.<size>.tmp-<pid>; only when
 * every file is complete does it take the place of OUT/<size>, with one
 * rename.  A previous OUT/<size> is untouched until then, and a killed run
 * leaves only a hidden temporary directory, which the next run removes.
 */
#ifndef GEN_OUTDIR_H
#define GEN_OUTDIR_H

#include <stddef.h>

/* mkdir -p dir.  -1 with an error on failure. */
int outdir_make(const char *dir);

/* dir + "/" + name into out; -1 with an error if it does not fit. */
int outdir_join(char *out, size_t out_size, const char *dir, const char *name);

/* Removes the temporary directories of any size that runs no longer alive
 * left in OUT (a SIGKILL cannot be caught; SIGINT and SIGTERM are, and clean up). */
void outdir_remove_stale(const char *out);

/* Creates the empty OUT/.<size>.tmp-<pid> (path into temp), after removing
 * temporary directories left by runs that are no longer alive. */
int outdir_begin(const char *out, const char *size, char *temp, size_t temp_size);

/* Puts the complete temp in place as OUT/<size>, replacing a previous one. */
int outdir_commit(const char *temp, const char *out, const char *size);

/* Removes temp and its files; errors ignored (this is cleanup after a failure). */
void outdir_abandon(const char *temp);

#endif
