/* v6/neon.c — v6's hand-written kernel on arm64: the AVX2 kernel's counterpart in
 * NEON (AdvSIMD), and the choice between it and v5's kernel.
 *
 * Not compiled on its own: step.c includes it on aarch64 only, where it takes
 * the place of the AVX2 part, and it uses step.c's COLORS, row_kernel and
 * colorcode_row (v5's kernel).  It has a file of its own so that step.c's diff
 * against v5 stays one kernel long; v7, v8 and v9 carry an identical copy.
 *
 * A NEON register holds two doubles, not four, and NEON has what AVX2 lacks:
 * loads and stores that (de)interleave.  So, per pair of pixels, one vld4q_f64
 * loads their 8 doubles already split into one register per class (AVX2: four
 * loads, four unpacks, four permutes per 4 pixels); four compares `p > best`
 * (vcgtq_f64) and eight selects (vbslq) keep the best value and its class
 * exactly as docs/spec.md §2 says — strict, so ties keep the first class, and
 * false for NaN, so NaN never wins.  (AVX2 takes the maximum with maxpd, whose
 * NaN rule gives the same; NEON's fmax returns the NaN, so it is
 * compare and select here.)  One multiply, one min and one truncating convert
 * (vcvtq_u64_f64) give the level.  Per 8 pixels, two table lookups gather the
 * 8 levels and 8 classes into bytes, three lookups turn classes into colour
 * masks, three ANDs make R, G and B, and one vst3_u8 interleaves them into
 * 24 bytes of RGB (AVX2: byte shuffles pack 12 bytes per 4 pixels, and two
 * stores write 8 pixels).  The steps, instruction for instruction: v6/README.md.
 */
#include <arm_neon.h>

enum { NEON_PIXELS = 8 };  /* pixels per step: four pairs, one 24-byte vst3 */

/* A row with NEON, eight pixels at a time; v5's kernel does the rest. */
static void colorcode_row_neon(const double *restrict probabilities, size_t count,
                               uint8_t *restrict rgb)
{
    /* Per channel, byte c is 0xff where class c's colour is 255: a lookup by class. */
    uint8_t masks[CHANNELS][8] = {{0}};
    for (int c = 0; c < CLASSES; c++)
        for (int channel = 0; channel < CHANNELS; channel++)
            masks[channel][c] = COLORS[c][channel] != 0 ? 0xff : 0;
    uint8x8_t color[CHANNELS];
    for (int channel = 0; channel < CHANNELS; channel++)
        color[channel] = vld1_u8(masks[channel]);
    const uint8x8_t low_bytes = {0, 8, 16, 24, 32, 40, 48, 56};  /* byte 0 of 8 lanes */

    size_t x = 0;
    for (; x + NEON_PIXELS <= count; x += NEON_PIXELS) {
        uint8x16x4_t levels, classes;  /* a 64-bit lane per pixel */
#pragma GCC unroll 4
        for (int pair = 0; pair < NEON_PIXELS / 2; pair++) {
            float64x2x4_t p = vld4q_f64(probabilities + (x + 2 * pair) * CLASSES);
            float64x2_t best = vdupq_n_f64(0.0);
            uint64x2_t class = vdupq_n_u64(0);
#pragma GCC unroll 4
            for (int k = 0; k < CLASSES; k++) {
                uint64x2_t better = vcgtq_f64(p.val[k], best);
                best = vbslq_f64(better, p.val[k], best);
                class = vbslq_u64(better, vdupq_n_u64((uint64_t)k), class);
            }
            /* min(255 × best, 255), truncated: best is never NaN; +inf becomes 255 */
            float64x2_t level = vminq_f64(vmulq_n_f64(best, 255.0), vdupq_n_f64(255.0));
            levels.val[pair] = vreinterpretq_u8_u64(vcvtq_u64_f64(level));
            classes.val[pair] = vreinterpretq_u8_u64(class);
        }
        uint8x8_t level = vqtbl4_u8(levels, low_bytes), class = vqtbl4_u8(classes, low_bytes);
        uint8x8x3_t out;
#pragma GCC unroll 3
        for (int channel = 0; channel < CHANNELS; channel++)
            out.val[channel] = vand_u8(level, vtbl1_u8(color[channel], class));
        vst3_u8(rgb + x * CHANNELS, out);
    }
    colorcode_row(probabilities + x * CLASSES, count - x, rgb + x * CHANNELS);
}

/* NEON is part of every arm64 CPU, so there is nothing to ask at run time;
 * POR_NO_NEON=1 in the environment picks v5's kernel, to compare the two. */
static row_kernel *choose_kernel(void)
{
    return getenv("POR_NO_NEON") != NULL ? kernel_chosen("portable", colorcode_row)
                                         : kernel_chosen("NEON", colorcode_row_neon);
}
