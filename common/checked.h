/*
 * checked.h — overflow-checked size arithmetic.  Every size that comes from a
 * file (H, W, K) goes through here before it reaches an allocator, so a header
 * that declares a huge shape is an error message, not a wrapped-around malloc.
 */
#ifndef POR_CHECKED_H
#define POR_CHECKED_H

#include <stddef.h>

/* *out = a * b * c; returns -1 with an error naming `what` when it overflows size_t. */
int checked_size3(size_t a, size_t b, size_t c, const char *what, size_t *out);

#endif
