/*
 * disk_space.h — is there room for a size before it is generated?
 *
 * One check for both callers: ./main before it runs the generator on first
 * use (data_dir.c), and generate_data itself before it writes (a 35 GB xxl
 * must not fill the disk and fail an hour later).
 */
#ifndef POR_DISK_SPACE_H
#define POR_DISK_SPACE_H

/* Free bytes on the file system that will hold `path` (the nearest existing
 * ancestor's); -1 when it cannot be told. */
double disk_free_bytes(const char *path);

/* 0 when `need` bytes and a tenth more are free where `folder` is (or the free
 * space cannot be told); -1 with "generating WHAT needs N bytes (…) but only
 * M bytes (…) are free in FOLDER" otherwise. */
int disk_space_check(const char *folder, double need, const char *what);

/* "43 MB", "1.55 GB": decimal units, as docs/spec.md §3 states the sizes. */
void disk_format_bytes(char *out, unsigned long size, double bytes);

#endif
