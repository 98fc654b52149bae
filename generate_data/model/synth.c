/*
 * synth.c — the synthesized "stained tissue" image of docs/spec.md §4.1.
 *
 * Layout.  Every class owns some "sites": the six training rectangles and a
 * dozen points spread over the rest of the image.  A pixel belongs to the class
 * whose nearest site is closest (a Voronoi diagram where a rectangle counts as
 * one site, distance 0 inside it), after each class's distance is perturbed by
 * its own smooth noise so that boundaries wander like tissue does.  The noise
 * amplitude grows with the distance from the nearest rectangle (k · d, capped),
 * which guarantees by construction that every rectangle, plus a margin of
 * about a third of the gap to its neighbour, lies on its own class, while the
 * boundaries far from the rectangles are free to wiggle.  The points are
 * jittered by the seed.
 *
 * Colour.  Each texture is a map of stain densities pushed through
 * Beer–Lambert absorption, the way a bright-field microscope sees H&E:
 *   class 0  pale pink background, barely any stain, slow variation;
 *   class 1  fine purple grain (hematoxylin speckles of 2–3 px);
 *   class 2  coarse dark-red blobs (dense red cells of 7–15 px) on pink;
 *   class 3  cyan-ish and pink fibres (oriented stripes with a wandering angle).
 * All noise is a pure function of (seed, coordinates) — hashed lattice values,
 * no state — so the image is deterministic and the pixel loop is parallel.
 */
#include "synth.h"

#include <math.h>
#include <stdlib.h>

#include "error.h"
#include "rng.h"

const struct training_rect training_rects[TRAINING_RECT_COUNT] = {
    {0, 130, 0, SYNTH_WIDTH, 0},
    {0, 170, 0, 400, 0},
    {600, 900, 200, 650, 1},
    {330, 430, 210, 320, 2},
    {260, 340, 60, 170, 3},
    {150, 200, 720, 860, 3},
};

/* ---- stateless noise ------------------------------------------------------- */

/* 64 hashed bits for one lattice point of one noise layer: one splitmix64
 * round over the point's coordinates multiplied by odd constants. */
static uint64_t lattice_bits(uint64_t seed, uint64_t layer, int64_t x, int64_t y)
{
    uint64_t key = seed * 0xd1342543de82ef95u + layer * 0x9e3779b97f4a7c15u;
    return rng_hash(key ^ ((uint64_t)x * 0xc2b2ae3d27d4eb4fu) ^
                    ((uint64_t)y * 0x165667b19e3779f9u));
}

/* `bits` random bits (from the top of h, after `skip` bits) as a value in [0, 1). */
static double unit_from(uint64_t h, int skip, int bits)
{
    return (double)((h << skip) >> (64 - bits)) / (double)((uint64_t)1 << bits);
}

/* A uniform value in [0, 1) for one lattice point of one noise layer. */
static double lattice(uint64_t seed, uint64_t layer, int64_t x, int64_t y)
{
    return unit_from(lattice_bits(seed, layer, x, y), 0, 53);
}

static double smoothstep(double t)
{
    return t * t * (3 - 2 * t);
}

/* Value noise in [0, 1): lattice values `cell` pixels apart, smoothly interpolated. */
static double value_noise(uint64_t seed, uint64_t layer, double row, double col, double cell)
{
    double fy = row / cell, fx = col / cell;
    double iy = floor(fy), ix = floor(fx);
    double ty = smoothstep(fy - iy), tx = smoothstep(fx - ix);
    int64_t y = (int64_t)iy, x = (int64_t)ix;
    double a = lattice(seed, layer, x, y), b = lattice(seed, layer, x + 1, y);
    double c = lattice(seed, layer, x, y + 1), d = lattice(seed, layer, x + 1, y + 1);
    return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
}

/* Two octaves, still in [0, 1). */
static double fractal_noise(uint64_t seed, uint64_t layer, double row, double col, double cell)
{
    return (2 * value_noise(seed, layer, row, col, cell) +
            value_noise(seed, layer + 1000, row, col, cell / 2)) / 3;
}

/* ---- layout ------------------------------------------------------------------ */

enum {
    POINT_SITE_COUNT = 11,
    SITE_COUNT = TRAINING_RECT_COUNT + POINT_SITE_COUNT,
    POINT_JITTER = 24,        /* ± pixels the seed moves a point site */
};

/* How far boundaries may wander: k · (distance to the nearest rectangle), capped. */
static const double wander_slope = 0.45;
static const double wander_max = 48;
static const double wander_cell = 110;    /* size of the boundary noise's bumps */

struct site {
    double row0, row1, col0, col1;   /* a point has row0 == row1 and col0 == col1 */
    int label;
};

/* Point sites (row, col, class), chosen to give each class area away from the
 * rectangles and to keep at least 75 px (after jitter) from any rectangle of
 * another class.  Over seeds 0 … 39 no pixel of another class comes within 8 px
 * of a rectangle (tests/generate_data/model checks 5 px for seed 1). */
static const int point_sites[POINT_SITE_COUNT][3] = {
    {310, 520, 1},  {330, 1060, 2}, {470, 770, 0},  {560, 1140, 3},
    {500, 470, 3},  {610, 70, 2},   {880, 80, 0},   {800, 860, 2},
    {860, 1170, 1}, {230, 1190, 1}, {700, 1020, 0},
};

static void layout_sites(uint64_t seed, struct site *sites)
{
    for (int i = 0; i < TRAINING_RECT_COUNT; i++) {
        const struct training_rect *r = &training_rects[i];
        /* Half-open ranges: the last row inside is row1 - 1. */
        sites[i] = (struct site){r->row0, r->row1 - 1, r->col0, r->col1 - 1, r->label};
    }
    struct rng rng;
    rng_seed(&rng, seed, 0x5173);
    for (int i = 0; i < POINT_SITE_COUNT; i++) {
        double row = point_sites[i][0] + (2 * rng_uniform(&rng) - 1) * POINT_JITTER;
        double col = point_sites[i][1] + (2 * rng_uniform(&rng) - 1) * POINT_JITTER;
        sites[TRAINING_RECT_COUNT + i] = (struct site){row, row, col, col, point_sites[i][2]};
    }
}

/* Plain comparisons: fmax/fmin are library calls here (they must handle NaN). */
static double larger(double a, double b)
{
    return a > b ? a : b;
}

static double smaller(double a, double b)
{
    return a < b ? a : b;
}

static double distance_to_site(const struct site *s, double row, double col)
{
    double dr = larger(larger(s->row0 - row, row - s->row1), 0);
    double dc = larger(larger(s->col0 - col, col - s->col1), 0);
    return sqrt(dr * dr + dc * dc);
}

static int pixel_class(uint64_t seed, const struct site *sites, double row, double col)
{
    double nearest_rect = INFINITY;
    double per_class[SYNTH_CLASSES] = {INFINITY, INFINITY, INFINITY, INFINITY};
    for (int i = 0; i < SITE_COUNT; i++) {
        double d = distance_to_site(&sites[i], row, col);
        if (i < TRAINING_RECT_COUNT && d < nearest_rect)
            nearest_rect = d;
        if (d < per_class[sites[i].label])
            per_class[sites[i].label] = d;
    }
    double nearest = per_class[0];
    for (int c = 1; c < SYNTH_CLASSES; c++)
        nearest = per_class[c] < nearest ? per_class[c] : nearest;
    double amplitude = smaller(wander_slope * nearest_rect, wander_max);
    int best = 0;
    double best_score = INFINITY;
    for (int c = 0; c < SYNTH_CLASSES; c++) {
        /* The noise lies in (-amplitude, amplitude): a class 2 · amplitude
         * behind the nearest cannot win, so its noise need not be computed
         * (the result is the same, most pixels are far from a boundary). */
        if (per_class[c] - nearest >= 2 * amplitude && per_class[c] > nearest)
            continue;
        double wobble = amplitude > 0
            ? amplitude * (2 * fractal_noise(seed, 10 + (uint64_t)c, row, col, wander_cell) - 1)
            : 0;
        double score = per_class[c] + wobble;
        if (score < best_score) {
            best_score = score;
            best = c;
        }
    }
    return best;
}

/* ---- textures: stain densities -------------------------------------------------- */

struct stains {
    double hematoxylin, eosin, cyan, blood;
};

static struct stains background_texture(uint64_t seed, double row, double col)
{
    double slow = value_noise(seed, 20, row, col, 70);
    return (struct stains){0.03, 0.10 + 0.06 * slow, 0, 0};
}

static struct stains grain_texture(uint64_t seed, double row, double col)
{
    double grain = value_noise(seed, 21, row, col, 2.3);
    double speckle = smaller(larger((grain - 0.45) * 2.5, 0), 1);
    double slow = value_noise(seed, 22, row, col, 60);
    return (struct stains){0.55 + 0.8 * speckle + 0.1 * slow, 0.15, 0, 0};
}

/* 1 inside a nucleus, falling to 0 at its rim: nuclei sit one per 34-px cell,
 * jittered, with radii 7–15 px; the 3 × 3 neighbouring cells are searched. */
static double blob_field(uint64_t seed, double row, double col)
{
    const double cell = 34;
    int64_t cy = (int64_t)floor(row / cell), cx = (int64_t)floor(col / cell);
    double field = 0;
    for (int64_t y = cy - 1; y <= cy + 1; y++)
        for (int64_t x = cx - 1; x <= cx + 1; x++) {
            uint64_t h = lattice_bits(seed, 30, x, y);    /* three 21-bit draws */
            double centre_row = (y + 0.15 + 0.7 * unit_from(h, 0, 21)) * cell;
            double centre_col = (x + 0.15 + 0.7 * unit_from(h, 21, 21)) * cell;
            double radius = 7 + 8 * unit_from(h, 42, 21);
            double dr = row - centre_row, dc = col - centre_col;
            double d = sqrt(dr * dr + dc * dc) / radius;
            if (d < 1)
                field = larger(field, 1 - d * d * d * d);
        }
    return field;
}

static struct stains blob_texture(uint64_t seed, double row, double col)
{
    double blob = blob_field(seed, row, col);
    double slow = value_noise(seed, 33, row, col, 50);
    return (struct stains){0.08 + 0.1 * blob, 0.6 + 0.15 * slow + 0.3 * blob, 0, 1.5 * blob};
}

/* Stripes about 11 px apart along a fixed direction, bent by smooth noise
 * (a domain warp) so that they read as wavy fibres rather than a grating. */
static struct stains fibre_texture(uint64_t seed, double row, double col)
{
    const double angle = 0.6, period = 11;
    double along = row * cos(angle) + col * sin(angle) +
                   36 * value_noise(seed, 40, row, col, 90) +
                   8 * value_noise(seed, 41, row, col, 23);
    double stripe = 0.5 + 0.5 * sin(2 * 3.14159265358979 * along / period);
    return (struct stains){0.05, 0.08 + 0.15 * (1 - stripe), 0.35 + 0.5 * stripe, 0};
}

static struct stains texture_at(uint64_t seed, int label, double row, double col)
{
    switch (label) {
    case 0: return background_texture(seed, row, col);
    case 1: return grain_texture(seed, row, col);
    case 2: return blob_texture(seed, row, col);
    default: return fibre_texture(seed, row, col);
    }
}

/* Beer–Lambert: transmitted light = exp(-Σ density · absorption). */
static const double absorption[4][3] = {
    {0.65, 0.70, 0.29},   /* hematoxylin: absorbs red and green, purple-blue */
    {0.07, 0.99, 0.11},   /* eosin: absorbs green, pink */
    {0.90, 0.22, 0.25},   /* a counterstain absorbing red: cyan-ish */
    {0.10, 0.85, 0.80},   /* dense red cells: absorb green and blue, dark red */
};

static uint8_t to_byte(double v)
{
    v = floor(v + 0.5);
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

static void colour_pixel(uint64_t seed, int label, size_t row, size_t col, uint8_t *rgb)
{
    struct stains s = texture_at(seed, label, (double)row, (double)col);
    /* A little uneven staining over the whole slide. */
    double strength = 0.92 + 0.16 * value_noise(seed, 50, (double)row, (double)col, 300);
    /* Sensor noise: per channel a triangular ±3 levels, the difference of two
     * 10-bit uniforms, all six from one hash of the pixel. */
    uint64_t h = lattice_bits(seed, 60, (int64_t)col, (int64_t)row);
    for (int c = 0; c < 3; c++) {
        double density = strength * (s.hematoxylin * absorption[0][c] +
                                     s.eosin * absorption[1][c] + s.cyan * absorption[2][c] +
                                     s.blood * absorption[3][c]);
        double noise = 3 * (unit_from(h, 20 * c, 10) - unit_from(h, 20 * c + 10, 10));
        rgb[c] = to_byte(250 * exp(-density) + noise);
    }
}

int synth_tissue(uint64_t seed, struct synth_image *image)
{
    size_t height = SYNTH_HEIGHT, width = SYNTH_WIDTH;
    *image = (struct synth_image){height, width, malloc(height * width * 3),
                                  malloc(height * width)};
    if (image->rgb == NULL || image->truth == NULL) {
        synth_free(image);
        return error_set("out of memory: %zu bytes for the synthesized image",
                         height * width * 4);
    }
    struct site sites[SITE_COUNT];
    layout_sites(seed, sites);
#pragma omp parallel for schedule(dynamic, 4)
    for (size_t row = 0; row < height; row++)
        for (size_t col = 0; col < width; col++) {
            size_t p = row * width + col;
            int label = pixel_class(seed, sites, (double)row, (double)col);
            image->truth[p] = (uint8_t)label;
            colour_pixel(seed, label, row, col, image->rgb + 3 * p);
        }
    return 0;
}

void synth_free(struct synth_image *image)
{
    free(image->rgb);
    free(image->truth);
    image->rgb = NULL;
    image->truth = NULL;
}

void training_labels(int8_t *labels, size_t height, size_t width)
{
    for (size_t p = 0; p < height * width; p++)
        labels[p] = -1;
    for (int i = 0; i < TRAINING_RECT_COUNT; i++) {
        const struct training_rect *r = &training_rects[i];
        for (size_t row = (size_t)r->row0; row < (size_t)r->row1 && row < height; row++)
            for (size_t col = (size_t)r->col0; col < (size_t)r->col1 && col < width; col++)
                labels[row * width + col] = (int8_t)r->label;
    }
}
