/* v7 — Change: v4's tiles through v6's kernel, reading the next tile while this one is computed.
 *
 * v6 is fast but holds the whole input (1.5 GB at size xl); v4 held one tile
 * but spent its time on allocating fresh tile buffers and on slow hyperslab
 * reads.  Here:
 *   - each OpenMP thread has one tile buffer, allocated once and reused, so
 *     after its first tile every read lands in memory that is already mapped
 *     (SPEC §7: H5Dread into mapped memory is about 20 times faster than into
 *     fresh huge pages);
 *   - the tiles are shared out one at a time; a thread reads its tile with
 *     H5Dread, then colour-codes it with v6's kernel.  HDF5 is built
 *     thread-safe with one global lock, so reads happen one at a time: while
 *     one thread reads tile i + 1, another computes tile i.  With two threads
 *     that is double buffering; a thread waiting for the lock sleeps, it does
 *     not spin;
 *   - the tiles are runs of whole image rows (or, when the budget is smaller
 *     than a row, pieces of one row): each is one contiguous piece of the
 *     file, which HDF5 reads several times faster than a square hyperslab
 *     made of many short row segments;
 *   - the tiles are small: --chunk-size caps them (the buffers together never
 *     hold more than chunk × chunk pixels, v4's one tile), and so does
 *     TILE_BUFFER_MAX_BYTES (2 MiB a buffer), so that a tile is computed
 *     while it is still in the cache and the buffers' first touch costs
 *     little.  The peak is the output plus one small buffer per thread.
 * The load and compute times reported are sums over the threads, so with the
 * overlap their total exceeds the wall time.
 */
#include <immintrin.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bigalloc.h"
#include "checked.h"
#include "clock.h"
#include "error.h"
#include "hdf5_input.h"
#include "version.h"

enum { CLASSES = 4, CHANNELS = 3 };

/* Class 0 blue, 1 green, 2 red, 3 cyan (SPEC §2). */
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

/* How the image is cut: tiles of tile_rows whole rows, or, when a buffer
 * holds less than a row, of tile_columns pixels of one row. */
struct tiling {
    size_t image_height;
    size_t image_width;
    size_t tile_rows;
    size_t tile_columns;
    size_t tiles_per_row;  /* 1 when tiles are whole rows */
    size_t count;
};

/* ---- reading the HDF5 dataset -------------------------------------------- */

/* One H5Dread of the tile's hyperslab into `values` (tile height × width × 4 doubles). */
static int read_tile(const struct hdf5_input *hdf5, const struct tile *tile, double *values)
{
    hdf5_input_quiet();  /* HDF5's error printing is per thread: this may be a worker */
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
    if (status != 0)
        hdf5_read_error(hdf5);  /* error_set() takes a lock: safe from any thread */
    return status;
}

/* ---- the tiles ------------------------------------------------------------ */

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

static size_t ceil_div(size_t a, size_t b)
{
    return a / b + (a % b != 0);
}

/* A tile buffer never holds more than this, whatever the chunk size: small
 * enough that a tile is still in the cache when it is computed and that the
 * buffers' first touch is cheap, large enough that a tile's fixed costs (an
 * H5Dread, a turn of the loop) stay small next to its data. */
enum { TILE_BUFFER_MAX_BYTES = 2 << 20 };

/* Cuts a height × width image so that each of `buffers` tile buffers holds at
 * most chunk² / buffers pixels (at least 1, at most the image, at most
 * TILE_BUFFER_MAX_BYTES): together, never more than v4's one chunk × chunk tile. */
static int plan_tiles(size_t height, size_t width, size_t chunk, size_t buffers,
                      struct tiling *tiling)
{
    size_t bytes, square;
    if (chunk == 0)
        return error_set("chunk size must be at least 1 pixel, found 0");
    if (checked_size3(height, width, CLASSES * sizeof(double), "probabilities", &bytes) != 0)
        return -1;
    if (__builtin_mul_overflow(chunk, chunk, &square))
        square = SIZE_MAX;  /* a chunk that large is the whole image */
    size_t budget = min_size(square / buffers, height * width);
    budget = min_size(budget, TILE_BUFFER_MAX_BYTES / (CLASSES * sizeof(double)));
    if (budget == 0)
        budget = 1;
    *tiling = (struct tiling){.image_height = height, .image_width = width};
    if (budget >= width) {
        tiling->tile_rows = min_size(budget / width, height);
        tiling->tile_columns = width;
        tiling->tiles_per_row = 1;
        tiling->count = ceil_div(height, tiling->tile_rows);
    } else {
        tiling->tile_rows = 1;
        tiling->tile_columns = budget;
        tiling->tiles_per_row = ceil_div(width, budget);
        tiling->count = height * tiling->tiles_per_row;
    }
    return 0;
}

/* Tile number `index`, in row-major order; edge tiles are smaller. */
static struct tile tile_at(const struct tiling *tiling, size_t index)
{
    struct tile tile;
    tile.row = index / tiling->tiles_per_row * tiling->tile_rows;
    tile.column = index % tiling->tiles_per_row * tiling->tile_columns;
    tile.height = min_size(tiling->tile_rows, tiling->image_height - tile.row);
    tile.width = min_size(tiling->tile_columns, tiling->image_width - tile.column);
    return tile;
}

/* ---- the fused kernel ---------------------------------------------------- */

/* A row kernel: `count` pixels of probabilities in, `count` RGB pixels out. */
typedef void row_kernel(const double *restrict probabilities, size_t count,
                        uint8_t *restrict rgb);

/* SPEC §2, one pixel at a time: the portable fallback, and the tail of a row
 * that is not a multiple of the vector width.  best is never NaN and never
 * below 0, so clamping 255 × best to 255 is the only check the conversion needs. */
static void colorcode_row_scalar(const double *restrict probabilities, size_t count,
                                 uint8_t *restrict rgb)
{
    for (size_t x = 0; x < count; x++) {
        const double *p = probabilities + x * CLASSES;
        double best = 0.0;
        int winner = 0;
        for (int c = 0; c < CLASSES; c++) {
            if (p[c] > best) {  /* strict: ties keep the first; NaN never wins */
                best = p[c];
                winner = c;
            }
        }
        double product = 255.0 * best;
        uint8_t level = (uint8_t)(product < 255.0 ? product : 255.0);
        for (int channel = 0; channel < CHANNELS; channel++)
            rgb[x * CHANNELS + channel] = COLORS[winner][channel] != 0 ? level : 0;
    }
}

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

/* Four pixels: 16 doubles in, 12 bytes out. */
__attribute__((target("avx2"))) static void colorcode_4_avx2(
    const double *restrict p, const __m256d masks[CLASSES], uint8_t *restrict rgb)
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

    __m256d best = _mm256_setzero_pd();
    __m256d mask = masks[0];
#pragma GCC unroll 4
    for (int k = 0; k < CLASSES; k++) {
        /* _CMP_GT_OQ: ordered, so NaN compares false and never wins. */
        __m256d better = _mm256_cmp_pd(classes[k], best, _CMP_GT_OQ);
        best = _mm256_blendv_pd(best, classes[k], better);
        mask = _mm256_blendv_pd(mask, masks[k], better);
    }

    /* min(255 × best, 255): best is never NaN, so minpd's operand order is moot;
     * +inf becomes 255. */
    __m256d product = _mm256_mul_pd(best, _mm256_set1_pd(255.0));
    __m128i level = _mm256_cvttpd_epi32(_mm256_min_pd(product, _mm256_set1_pd(255.0)));
    __m128i level3 = _mm_mullo_epi32(level, _mm_set1_epi32(0x010101));  /* L, L, L, 0 */
    __m256i mask32 = _mm256_permutevar8x32_epi32(_mm256_castpd_si256(mask),
                                                 _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6));
    __m128i rgb0 = _mm_and_si128(level3, _mm256_castsi256_si128(mask32));

    /* R G B 0 ×4 → R G B ×4 in the low 12 bytes. */
    __m128i packed = _mm_shuffle_epi8(
        rgb0, _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    _mm_storel_epi64((__m128i *)rgb, packed);
    uint32_t last = (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(packed, 8));
    memcpy(rgb + 8, &last, sizeof last);
}

/* A row with AVX2, four pixels at a time; the scalar kernel does the rest. */
__attribute__((target("avx2"))) static void colorcode_row_avx2(
    const double *restrict probabilities, size_t count, uint8_t *restrict rgb)
{
    __m256d masks[CLASSES];
    for (int c = 0; c < CLASSES; c++)
        masks[c] = color_mask(c);
    size_t x = 0;
    for (; x + AVX2_PIXELS <= count; x += AVX2_PIXELS)
        colorcode_4_avx2(probabilities + x * CLASSES, masks, rgb + x * CHANNELS);
    colorcode_row_scalar(probabilities + x * CLASSES, count - x, rgb + x * CHANNELS);
}

/* The AVX2 kernel where the CPU has AVX2, the portable one elsewhere. */
static row_kernel *choose_kernel(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? colorcode_row_avx2 : colorcode_row_scalar;
}

/* Colour-codes one tile, row by row, into its place in the output. */
static void colorcode_tile(row_kernel *colorcode_row, const double *probabilities,
                           const struct tile *tile, struct rgb_image *out)
{
    for (size_t y = 0; y < tile->height; y++)
        colorcode_row(probabilities + y * tile->width * CLASSES, tile->width,
                      out->pixels + ((tile->row + y) * out->width + tile->column) * CHANNELS);
}

/* The tiles are shared out among the OpenMP threads one at a time; a thread
 * reads its tile into its own buffer, then computes it.  HDF5's global lock
 * lets one thread read at a time, so while one thread reads the next tile,
 * another computes the one it has just read: reading and computing overlap,
 * and a thread waiting for the lock sleeps instead of spinning.  There is one
 * buffer per thread: `team` of them. */
static int colorcode_tiles(const struct hdf5_input *hdf5, const struct tiling *tiling,
                           double *buffers[], size_t team, struct rgb_image *out,
                           struct phase_times *times)
{
    row_kernel *colorcode_row = choose_kernel();
    int failed = 0;
    double read_ms = 0.0, compute_ms = 0.0;
#pragma omp parallel num_threads((int)team) reduction(+ : read_ms, compute_ms)
    {
        double *values = buffers[omp_get_thread_num()];
#pragma omp for schedule(dynamic, 1)
        for (size_t i = 0; i < tiling->count; i++) {
            int stop;
#pragma omp atomic read
            stop = failed;
            if (stop)
                continue;  /* a read failed: skip the rest */
            struct tile tile = tile_at(tiling, i);
            double read_start = clock_wall_ms();
            if (read_tile(hdf5, &tile, values) != 0) {
#pragma omp atomic write
                failed = 1;
                continue;
            }
            double compute_start = clock_wall_ms();
            read_ms += compute_start - read_start;
            colorcode_tile(colorcode_row, values, &tile, out);
            compute_ms += clock_wall_ms() - compute_start;
        }
    }
    /* Summed over the threads, as for every chunked version: a thread waiting
     * for HDF5's lock counts as reading, and load + compute exceeds the wall
     * time by as much as the overlap hid. */
    times->load_ms += read_ms;
    times->compute_ms += compute_ms;
    return failed ? -1 : 0;  /* the failed read has set the error */
}

static void free_buffers(double *buffers[], size_t count, size_t bytes)
{
    if (!buffers)
        return;
    for (size_t b = 0; b < count; b++)
        big_free(buffers[b], bytes);
    free(buffers);
}

int v7_load_and_colorcode(const struct version_args *args, struct rgb_image *out,
                          struct phase_times *times)
{
    struct hdf5_input hdf5;
    struct tiling tiling = {0};
    size_t team = (size_t)omp_get_max_threads();  /* threads, and buffers */
    double **buffers = NULL;
    size_t buffer_bytes = 0;
    int status = -1;

    double start = clock_wall_ms();
    if (hdf5_open_probabilities(args->data_dir, &hdf5) != 0)
        return -1;
    times->load_ms += clock_wall_ms() - start;
    if (plan_tiles(hdf5.height, hdf5.width, args->chunk_size, team, &tiling) != 0)
        goto end;
    team = min_size(team, tiling.count);  /* no more threads than tiles */
    buffer_bytes = tiling.tile_rows * tiling.tile_columns * CLASSES * sizeof(double);
    buffers = calloc(team, sizeof *buffers);
    if (!buffers) {
        error_set("out of memory: cannot allocate %zu tile buffer pointers", team);
        goto end;
    }
    for (size_t b = 0; b < team; b++) {
        buffers[b] = big_alloc(buffer_bytes);
        if (!buffers[b])
            goto end;
    }
    if (rgb_image_alloc(out, hdf5.height, hdf5.width) != 0)
        goto end;
    if (colorcode_tiles(&hdf5, &tiling, buffers, team, out, times) != 0) {
        rgb_image_free(out);
        goto end;
    }
    status = 0;
end:
    free_buffers(buffers, team, buffer_bytes);
    hdf5_input_close(&hdf5);
    return status;
}
