/*
 * atomic_file.h — write under a temporary name in the same directory, then
 * rename.  rename(2) within one file system is atomic: readers see either the
 * old file or the complete new one, never half of it.
 */
#ifndef POR_ATOMIC_FILE_H
#define POR_ATOMIC_FILE_H

#include <stddef.h>

/* Fills `temp` with "<dir>/.<base>.tmp-<pid>"; -1 with an error if it does not fit. */
int atomic_temp_name(const char *path, char *temp, size_t temp_size);

/* Renames temp to path; on failure removes temp and returns -1 with an error. */
int atomic_commit(const char *temp, const char *path);

/* Removes temp after a failed write (errors ignored: it is cleanup). */
void atomic_abandon(const char *temp);

#endif
