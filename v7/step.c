/* v7 — Change: v4's tiles through v6's kernel.
 *
 * The talk's last step joins the two lines of the ladder: v4 bounded the
 * memory by reading the image tile by tile, v6 made the computing fast.  Here
 * every chunk × chunk tile is read with v4's hyperslab H5Dread into v4's tile
 * buffer, and colour-coded by v6's kernel, unchanged (AVX2, NEON or v5's kernel,
 * the tile's rows shared out among the OpenMP threads), then pasted into v4's
 * band, a row of tiles handed to the driver when it is full.  Peak memory is
 * v4's: one tile and one band of output rows (chunk × width × 3 bytes),
 * whatever the image's height.
 *
 * The price: v4's, now in plain sight.  The kernel takes a few milliseconds
 * per tile; what is left is reading (the tile's rows are many short pieces of
 * the file, and a 32 MiB tile goes to memory and back rather than staying in
 * the cache), and while a tile is read the other threads wait.  v8 goes after
 * exactly that.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "step.h"

enum { CLASSES = 4, CHANNELS = 3 };

/* Class 0 blue, 1 green, 2 red, 3 cyan (docs/spec.md §2). */
static const uint8_t COLORS[CLASSES][CHANNELS] = {
    {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {0, 255, 255},
};

/* One tile of the image: its top-left pixel and its size. */
struct tile {
    size_t row;
    size_t column;
    size_t height;
    size_t width;
};

/* ---- reading the HDF5 dataset -------------------------------------------- */

/* One H5Dread of the tile's hyperslab into `values` (tile height × width × 4 doubles). */
static int read_tile(const struct hdf5_input *hdf5, const struct tile *tile, double *values)
{
    hsize_t start[3] = {tile->row, tile->column, 0};
    hsize_t count[3] = {tile->height, tile->width, CLASSES};
    hid_t file_space = H5Dget_space(hdf5->dataset);
    hid_t memory_space = H5Screate_simple(3, count, NULL);
    int status = -1;
    if (file_space < 0 || memory_space < 0)
        goto end;
    if (H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL) < 0)
        goto end;
    if (H5Dread(hdf5->dataset, H5T_NATIVE_DOUBLE, memory_space, file_space, H5P_DEFAULT,
                values) < 0)
        goto end;
    status = 0;
end:
    if (memory_space >= 0)
        H5Sclose(memory_space);
    if (file_space >= 0)
        H5Sclose(file_space);
    return status != 0 ? hdf5_read_error(hdf5) : 0;
}

/* ---- the fused kernel ---------------------------------------------------- */

/* Pixels per block of the vector loop: the block's RGBX bytes stay in L1. */
enum { BLOCK_PIXELS = 256, RGBX = 4 };

/* docs/spec.md §2 for `count` pixels, branch-free so that it vectorises; writes RGBX.
 * Clamping the product 255 × best to 255 before the conversion is the clamp
 * of docs/spec.md §2: best is never NaN (it only takes values > best) and never below
 * 0, and a colour component that is 0 selects 0 instead of computing 0 × inf. */
static void colorcode_block(const double *restrict probabilities, size_t count,
                            uint8_t *restrict rgbx)
{
#pragma omp simd
    for (size_t x = 0; x < count; x++) {
        const double *p = probabilities + x * CLASSES;
        double best = 0.0;
        double red = COLORS[0][0], green = COLORS[0][1], blue = COLORS[0][2];
#pragma GCC unroll 4
        for (int c = 0; c < CLASSES; c++) {
            double value = p[c];
            int better = value > best;  /* strict: ties keep the first; NaN never wins */
            red = better ? COLORS[c][0] : red;
            green = better ? COLORS[c][1] : green;
            blue = better ? COLORS[c][2] : blue;
            best = better ? value : best;
        }
        double product = 255.0 * best;
        double level = product < 255.0 ? product : 255.0;
        rgbx[x * RGBX + 0] = (uint8_t)(red != 0.0 ? level : 0.0);
        rgbx[x * RGBX + 1] = (uint8_t)(green != 0.0 ? level : 0.0);
        rgbx[x * RGBX + 2] = (uint8_t)(blue != 0.0 ? level : 0.0);
        rgbx[x * RGBX + 3] = 0;
    }
}

/* Drops the fourth byte of every pixel. */
static void pack_rgb(const uint8_t *restrict rgbx, size_t count, uint8_t *restrict rgb)
{
    for (size_t x = 0; x < count; x++)
        for (int channel = 0; channel < CHANNELS; channel++)
            rgb[x * CHANNELS + channel] = rgbx[x * RGBX + channel];
}

/* One row, block by block, through the vector loop and the packing loop. */
static void colorcode_row(const double *restrict probabilities, size_t width,
                          uint8_t *restrict rgb)
{
    uint8_t rgbx[BLOCK_PIXELS * RGBX];
    for (size_t x = 0; x < width; x += BLOCK_PIXELS) {
        size_t count = width - x < BLOCK_PIXELS ? width - x : BLOCK_PIXELS;
        colorcode_block(probabilities + x * CLASSES, count, rgbx);
        pack_rgb(rgbx, count, rgb + x * CHANNELS);
    }
}

/* A row kernel: `count` pixels of probabilities in, `count` RGB pixels out. */
typedef void row_kernel(const double *restrict probabilities, size_t count,
                        uint8_t *restrict rgb);

#if defined(__x86_64__)
#include <immintrin.h>
enum { AVX2_PIXELS = 4 };  /* pixels per step: one __m256d holds 4 doubles */

/* COLORS[c] as a 32-bit mask R | G << 8 | B << 16 (0xff where the colour is 255),
 * in every 64-bit lane, so it can be blended with the double comparisons. */
__attribute__((target("avx2"))) static __m256d color_mask(int c)
{
    uint32_t mask = 0;
    for (int channel = 0; channel < CHANNELS; channel++)
        mask |= (uint32_t)(COLORS[c][channel] != 0 ? 0xff : 0) << (8 * channel);
    return _mm256_castsi256_pd(_mm256_set1_epi64x(mask));
}

/* Four pixels: 16 doubles in; their 12 bytes of RGB in the low bytes of the result. */
__attribute__((target("avx2"))) static __m128i colorcode_4_avx2(
    const double *restrict p, const __m256d masks[CLASSES])
{
    /* Rows are pixels, columns classes; transpose to one register per class. */
    __m256d a = _mm256_loadu_pd(p), b = _mm256_loadu_pd(p + 4);
    __m256d c = _mm256_loadu_pd(p + 8), d = _mm256_loadu_pd(p + 12);
    __m256d ab_even = _mm256_unpacklo_pd(a, b), ab_odd = _mm256_unpackhi_pd(a, b);
    __m256d cd_even = _mm256_unpacklo_pd(c, d), cd_odd = _mm256_unpackhi_pd(c, d);
    __m256d classes[CLASSES] = {
        _mm256_permute2f128_pd(ab_even, cd_even, 0x20),
        _mm256_permute2f128_pd(ab_odd, cd_odd, 0x20),
        _mm256_permute2f128_pd(ab_even, cd_even, 0x31),
        _mm256_permute2f128_pd(ab_odd, cd_odd, 0x31),
    };

    /* The maximum first: max_pd(x, best) is x > best ? x : best, so NaN never
     * wins; starting from 0 it is the reference's best (docs/spec.md §2). */
    __m256d best = _mm256_setzero_pd();
#pragma GCC unroll 4
    for (int k = 0; k < CLASSES; k++)
        best = _mm256_max_pd(classes[k], best);
    /* Then the class: the first one equal to the maximum (ties keep the first;
     * _CMP_EQ_OQ: NaN equals nothing).  Blending from the last class down lets
     * the first equal one win.  A pixel whose maximum is 0 is black whatever
     * class it gets. */
    __m256d mask = masks[CLASSES - 1];
#pragma GCC unroll 4
    for (int k = CLASSES - 2; k >= 0; k--)
        mask = _mm256_blendv_pd(mask, masks[k], _mm256_cmp_pd(classes[k], best, _CMP_EQ_OQ));

    /* min(255 × best, 255): best is never NaN, so minpd's operand order is moot;
     * +inf becomes 255. */
    __m256d product = _mm256_mul_pd(best, _mm256_set1_pd(255.0));
    __m128i level = _mm256_cvttpd_epi32(_mm256_min_pd(product, _mm256_set1_pd(255.0)));
    /* R G B ×4 in the low 12 bytes: each pixel's level three times, and the
     * three bytes of its colour mask (the low 32 bits of each 64-bit lane). */
    __m128i level3 = _mm_shuffle_epi8(
        level, _mm_setr_epi8(0, 0, 0, 4, 4, 4, 8, 8, 8, 12, 12, 12, -1, -1, -1, -1));
    __m256i mask32 = _mm256_permutevar8x32_epi32(_mm256_castpd_si256(mask),
                                                 _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6));
    __m128i mask3 = _mm_shuffle_epi8(
        _mm256_castsi256_si128(mask32),
        _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    return _mm_and_si128(level3, mask3);
}

/* A row with AVX2, eight pixels at a time (24 bytes: one 16-byte and one
 * 8-byte store); v5's kernel does the rest. */
__attribute__((target("avx2"))) static void colorcode_row_avx2(
    const double *restrict probabilities, size_t count, uint8_t *restrict rgb)
{
    __m256d masks[CLASSES];
    for (int c = 0; c < CLASSES; c++)
        masks[c] = color_mask(c);
    size_t x = 0;
    for (; x + 2 * AVX2_PIXELS <= count; x += 2 * AVX2_PIXELS) {
        __m128i low = colorcode_4_avx2(probabilities + x * CLASSES, masks);
        __m128i high = colorcode_4_avx2(probabilities + (x + AVX2_PIXELS) * CLASSES, masks);
        _mm_storeu_si128((__m128i *)(rgb + x * CHANNELS), _mm_or_si128(low, _mm_slli_si128(high, 12)));
        _mm_storel_epi64((__m128i *)(rgb + x * CHANNELS + 16), _mm_srli_si128(high, 4));
    }
    colorcode_row(probabilities + x * CLASSES, count - x, rgb + x * CHANNELS);
}

/* The AVX2 kernel where the CPU has AVX2, v5's elsewhere; POR_NO_AVX2=1 in
 * the environment picks v5's anyway, to compare the two on one machine. */
static row_kernel *choose_kernel(void)
{
    __builtin_cpu_init();
    if (getenv("POR_NO_AVX2") != NULL || !__builtin_cpu_supports("avx2"))
        return kernel_chosen("portable", colorcode_row);
    return kernel_chosen("AVX2", colorcode_row_avx2);
}
#elif defined(__aarch64__)
#include "neon.c"  /* the same kernel in NEON, and its choose_kernel */
#else
static row_kernel *choose_kernel(void) { return kernel_chosen("portable", colorcode_row); }
#endif

/* Colour-codes the whole image, the rows shared out among the OpenMP threads. */
static void colorcode(const double *probabilities, size_t height, size_t width, uint8_t *rgb)
{
    row_kernel *kernel = choose_kernel();
#pragma omp parallel for schedule(static)
    for (size_t y = 0; y < height; y++)
        kernel(probabilities + y * width * CLASSES, width, rgb + y * width * CHANNELS);
}

/* Copies a tile's colours (tile height × width × 3) to its place in the band,
 * a row of tiles `width` pixels wide. */
static void paste_tile(const uint8_t *restrict rgb, const struct tile *tile,
                       uint8_t *restrict band, size_t width)
{
    size_t row_bytes = tile->width * CHANNELS;
    for (size_t y = 0; y < tile->height; y++)
        memcpy(band + (y * width + tile->column) * CHANNELS, rgb + y * row_bytes, row_bytes);
}

/* The buffers of a tile, allocated once for a whole tile and reused by every
 * tile; the band, once for a row of tiles. */
struct tile_buffers {
    double *values;   /* pixels × 4: the tile's probabilities */
    uint8_t *rgb;     /* pixels × 3: its colours */
    size_t pixels;
    uint8_t *band;    /* chunk × image width × 3: a row of tiles' colours */
};

/* Reads one tile into the buffers, colour-codes it and pastes it into the band. */
static int process_tile(const struct hdf5_input *hdf5, const struct tile *tile,
                        const struct tile_buffers *buffers, size_t width)
{
    phase_begin(PHASE_LOAD);
    if (read_tile(hdf5, tile, buffers->values) != 0)
        return -1;
    phase_begin(PHASE_COMPUTE);

    colorcode(buffers->values, tile->height, tile->width, buffers->rgb);
    paste_tile(buffers->rgb, tile, buffers->band, width);
    return 0;
}

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

int step_load_and_colorcode(const struct step_input *input, struct rgb_image *out)
{
    struct hdf5_input hdf5;
    size_t chunk = input->chunk_size;
    phase_begin(PHASE_LOAD);
    if (hdf5_open_probabilities(input->data_dir, &hdf5) != 0)
        return -1;

    int status = -1;
    size_t pixels = min_size(chunk, hdf5.height) * min_size(chunk, hdf5.width);
    struct tile_buffers buffers = {
        big_alloc_array(pixels, CLASSES * sizeof(double), "a tile"),
        big_alloc_array(pixels, CHANNELS, "a tile's colours"), pixels,
        big_alloc_array(min_size(chunk, hdf5.height) * hdf5.width, CHANNELS, "a row of tiles")};
    if (!buffers.values || !buffers.rgb || !buffers.band ||
        rgb_image_begin(out, hdf5.height, hdf5.width) != 0)
        goto end;
    for (size_t row = 0; row < hdf5.height; row += chunk) {
        size_t rows = min_size(chunk, hdf5.height - row);
        for (size_t column = 0; column < hdf5.width; column += chunk) {
            struct tile tile = {row, column, rows, min_size(chunk, hdf5.width - column)};
            if (process_tile(&hdf5, &tile, &buffers, hdf5.width) != 0)
                goto end;
        }
        if (rgb_image_put_rows(out, row, rows, buffers.band) != 0)
            goto end;
    }
    status = 0;
end:
    if (status != 0)
        rgb_image_free(out);
    big_free(buffers.values);
    big_free(buffers.rgb);
    big_free(buffers.band);
    hdf5_input_close(&hdf5);
    return status;
}
