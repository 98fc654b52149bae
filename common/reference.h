/*
 * reference.h — docs/spec.md §2 written as plainly as possible: the definition every
 * version is checked against (by `./main verify` and by the tests).
 */
#ifndef POR_REFERENCE_H
#define POR_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t reference_colors[4][3];

/* probabilities: pixels × 4 doubles; rgb: pixels × 3 bytes. */
void reference_colorcode(const double *probabilities, size_t pixels, uint8_t *rgb);

#endif
