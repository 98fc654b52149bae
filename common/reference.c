/*
 * reference.c — docs/spec.md §2, the definition every version is checked against.
 * Deliberately the plainest possible code: no speed, no cleverness.
 */
#include "reference.h"

const uint8_t reference_colors[4][3] = {
    {0, 0, 255},    /* class 0: blue */
    {0, 255, 0},    /* class 1: green */
    {255, 0, 0},    /* class 2: red */
    {0, 255, 255},  /* class 3: cyan */
};

/* The clamp keeps the double-to-uint8 conversion defined: values above 1 (or
 * +inf) saturate at 255, and 0 × inf (NaN) counts as 0. */
static uint8_t scale_channel(uint8_t color, double best)
{
    double value = color * best;
    if (!(value > 0.0))
        return 0;
    if (value >= 255.0)
        return 255;
    return (uint8_t)value;
}

void reference_colorcode(const double *probabilities, size_t pixels, uint8_t *rgb)
{
    for (size_t i = 0; i < pixels; i++) {
        const double *p = probabilities + 4 * i;
        double best = 0.0;
        int winner = 0;
        for (int k = 0; k < 4; k++) {
            if (p[k] > best) {  /* strict: ties keep the first; NaN never wins */
                best = p[k];
                winner = k;
            }
        }
        for (int c = 0; c < 3; c++)
            rgb[3 * i + c] = scale_channel(reference_colors[winner][c], best);
    }
}
