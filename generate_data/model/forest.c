/*
 * forest.c — the random forest of forest.h.
 *
 * Training, per tree (one tree per OpenMP work item, schedule by tree):
 *  - draw round(max_samples · n) sample indices with replacement from the
 *    tree's own generator (seed, tree index), and copy those rows into a
 *    column-major block, so that the thousands of feature reads per node hit
 *    one small column instead of wandering over the whole sample matrix;
 *  - grow depth first over one index array: a node owns a contiguous range of
 *    it, and a split partitions that range in place;
 *  - at a node, visit features in random order (drawn without replacement)
 *    until `features_per_split` non-constant ones were tried, like
 *    scikit-learn; for each, sort the node's (value, label) pairs and scan the
 *    thresholds midway between consecutive values more than 1e-7 apart (as
 *    scikit-learn does) for the lowest weighted Gini impurity;
 *  - stop at max_depth, at a pure node, or below 2 samples; a leaf stores its
 *    class fractions.
 * The sort key packs an order-preserving copy of the float's bits above the
 * label, so one radix sort of 64-bit integers sorts values and carries labels.
 *
 * Prediction walks blocks of samples through one tree at a time (the tree
 * stays in cache) and adds trees in index order, so the sums, and the
 * output bytes, do not depend on the number of threads.
 */
#include "forest.h"

#include <assert.h>
#include <math.h>
#include <omp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "checked.h"
#include "error.h"
#include "rng.h"

enum {
    FOREST_MAX_CLASSES = 16,    /* class counts live on the stack */
    INSERTION_SORT_LIMIT = 48,  /* below this a radix sort's passes cost more */
    PREDICT_BLOCK = 256,        /* samples walked through one tree at a time */
};

struct node {
    int32_t feature;    /* -1 for a leaf */
    float threshold;    /* a sample goes left when x[feature] <= threshold */
    int32_t left, right;
};

struct tree {
    struct node *nodes;
    double *fractions;  /* node_count × classes; only the leaves' rows are used */
    int node_count;
};

struct forest {
    int tree_count, feature_count, classes;
    struct tree *trees;
};

/* ---- per-thread training workspace -------------------------------------- */

struct workspace {
    size_t sample_count;       /* bootstrap size m */
    int feature_count, classes, max_depth, features_per_split;
    float *columns;            /* feature_count × m, column-major bootstrap copy */
    uint8_t *labels;           /* m */
    uint32_t *index;           /* m: the node ranges */
    uint64_t *keys, *scratch;  /* m each: sort keys */
    int *feature_order;        /* feature_count */
    struct node *nodes;        /* capacity */
    double *fractions;         /* capacity × classes */
    int capacity, node_count;
    struct rng rng;
};

static void workspace_free(struct workspace *w)
{
    free(w->columns);
    free(w->labels);
    free(w->index);
    free(w->keys);
    free(w->scratch);
    free(w->feature_order);
    free(w->nodes);
    free(w->fractions);
}

/* A binary tree of depth d has at most 2^(d+1) - 1 nodes, and one with m samples
 * in leaves of at least one sample at most 2m - 1. */
static int node_capacity(int max_depth, size_t sample_count)
{
    size_t by_samples = 2 * sample_count - 1;
    size_t by_depth = max_depth >= 30 ? (size_t)INT32_MAX : ((size_t)2 << max_depth) - 1;
    size_t capacity = by_samples < by_depth ? by_samples : by_depth;
    return capacity > INT32_MAX ? INT32_MAX : (int)capacity;
}

static bool workspace_alloc(struct workspace *w, size_t m, int feature_count, int classes,
                            int max_depth, int features_per_split)
{
    *w = (struct workspace){.sample_count = m, .feature_count = feature_count,
                            .classes = classes, .max_depth = max_depth,
                            .features_per_split = features_per_split};
    w->capacity = node_capacity(max_depth, m);
    w->columns = malloc((size_t)feature_count * m * sizeof *w->columns);
    w->labels = malloc(m * sizeof *w->labels);
    w->index = malloc(m * sizeof *w->index);
    w->keys = malloc(m * sizeof *w->keys);
    w->scratch = malloc(m * sizeof *w->scratch);
    w->feature_order = malloc((size_t)feature_count * sizeof *w->feature_order);
    w->nodes = malloc((size_t)w->capacity * sizeof *w->nodes);
    w->fractions = malloc((size_t)w->capacity * (size_t)classes * sizeof *w->fractions);
    return w->columns && w->labels && w->index && w->keys && w->scratch && w->feature_order &&
           w->nodes && w->fractions;
}

/* ---- sorting (value, label) keys ----------------------------------------- */

/* The float's bits, flipped so that unsigned order is numeric order; -0 is
 * folded into +0 first, because they compare equal and must share a key. */
static uint32_t orderable_bits(float value)
{
    uint32_t bits;
    value += 0.0f;
    memcpy(&bits, &value, sizeof bits);
    return bits & 0x80000000u ? ~bits : bits | 0x80000000u;
}

static float float_from_orderable(uint32_t bits)
{
    bits = bits & 0x80000000u ? bits & 0x7fffffffu : ~bits;
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

static void insertion_sort(uint64_t *keys, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t key = keys[i];
        size_t j = i;
        for (; j > 0 && keys[j - 1] > key; j--)
            keys[j] = keys[j - 1];
        keys[j] = key;
    }
}

/* LSD radix sort on the value half (bits 32 … 63); the label bits below need no
 * order.  Passes whose byte is the same in every key are skipped.  The result
 * ends in `keys`. */
static void radix_sort(uint64_t *keys, uint64_t *scratch, size_t n)
{
    size_t counts[4][256] = {{0}};
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 4; b++)
            counts[b][(keys[i] >> (32 + 8 * b)) & 0xff]++;
    uint64_t *from = keys, *to = scratch;
    for (int b = 0; b < 4; b++) {
        size_t *count = counts[b];
        if (count[(from[0] >> (32 + 8 * b)) & 0xff] == n)
            continue;
        size_t offset = 0;
        for (int v = 0; v < 256; v++) {
            size_t c = count[v];
            count[v] = offset;
            offset += c;
        }
        for (size_t i = 0; i < n; i++)
            to[count[(from[i] >> (32 + 8 * b)) & 0xff]++] = from[i];
        uint64_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != keys)
        memcpy(keys, from, n * sizeof *keys);
}

static void sort_keys(uint64_t *keys, uint64_t *scratch, size_t n)
{
    if (n <= INSERTION_SORT_LIMIT)
        insertion_sort(keys, n);
    else
        radix_sort(keys, scratch, n);
}

/* ---- split search --------------------------------------------------------- */

struct split {
    int feature;          /* -1: none found */
    float threshold;
    double score;         /* Σ left²/nL + Σ right²/nR: larger is lower Gini */
};

/* Midway between two distinct consecutive values, as scikit-learn places it,
 * falling back to the lower value when the midpoint rounds up onto the upper. */
static float midway(float lower, float upper)
{
    float mid = (float)(lower / 2.0 + upper / 2.0);
    return mid >= upper ? lower : mid;
}

static float key_value(uint64_t key)
{
    return float_from_orderable((uint32_t)(key >> 32));
}

/* Values closer than this count as equal, as scikit-learn's FEATURE_THRESHOLD:
 * no threshold is placed between them, and a feature whose range on the node
 * is within it counts as constant. */
static const double feature_tolerance = 1e-7;

/* Scans the sorted keys of one feature; returns false when the feature is
 * constant on this node.  Keeps `best` when nothing beats it. */
static bool scan_feature(const uint64_t *keys, size_t n, const int *node_counts, int classes,
                         int feature, struct split *best)
{
    if ((double)key_value(keys[n - 1]) <= (double)key_value(keys[0]) + feature_tolerance)
        return false;
    int left[FOREST_MAX_CLASSES] = {0};
    int right[FOREST_MAX_CLASSES];
    double square_left = 0, square_right = 0;
    for (int c = 0; c < classes; c++) {
        right[c] = node_counts[c];
        square_right += (double)right[c] * right[c];
    }
    for (size_t i = 0; i + 1 < n; i++) {
        int c = (int)(keys[i] & 0xff);
        /* Moving one sample of class c across changes the sums of squares by 2k ± 1. */
        square_left += 2.0 * left[c] + 1;
        square_right -= 2.0 * right[c] - 1;
        left[c]++;
        right[c]--;
        if (keys[i] >> 32 == keys[i + 1] >> 32)
            continue;
        float lower = key_value(keys[i]), upper = key_value(keys[i + 1]);
        if ((double)upper <= (double)lower + feature_tolerance)
            continue;
        double score = square_left / (double)(i + 1) + square_right / (double)(n - i - 1);
        if (best->feature < 0 || score > best->score) {
            best->feature = feature;
            best->score = score;
            best->threshold = midway(lower, upper);
        }
    }
    return true;
}

static struct split best_split(struct workspace *w, const uint32_t *index, size_t n,
                               const int *node_counts)
{
    struct split best = {.feature = -1};
    int tried = 0;
    int features = w->feature_count;
    int *order = w->feature_order;
    /* Partial Fisher–Yates: each step draws one not yet visited feature. */
    for (int i = 0; i < features && tried < w->features_per_split; i++) {
        int j = i + (int)rng_below(&w->rng, (uint64_t)(features - i));
        int f = order[j];
        order[j] = order[i];
        order[i] = f;
        const float *column = w->columns + (size_t)f * w->sample_count;
        for (size_t k = 0; k < n; k++)
            w->keys[k] = (uint64_t)orderable_bits(column[index[k]]) << 32 | w->labels[index[k]];
        sort_keys(w->keys, w->scratch, n);
        if (scan_feature(w->keys, n, node_counts, w->classes, f, &best))
            tried++;
    }
    return best;
}

/* ---- growing one tree ----------------------------------------------------- */

static void count_classes(const struct workspace *w, const uint32_t *index, size_t n,
                          int *counts)
{
    for (int c = 0; c < w->classes; c++)
        counts[c] = 0;
    for (size_t k = 0; k < n; k++)
        counts[w->labels[index[k]]]++;
}

static bool is_pure(const int *counts, int classes, size_t n)
{
    for (int c = 0; c < classes; c++)
        if ((size_t)counts[c] == n)
            return true;
    return false;
}

static void make_leaf(struct workspace *w, int id, const int *counts, size_t n)
{
    w->nodes[id] = (struct node){.feature = -1, .left = -1, .right = -1};
    for (int c = 0; c < w->classes; c++)
        w->fractions[(size_t)id * w->classes + c] = (double)counts[c] / (double)n;
}

/* Moves the samples going left to the front of the range; returns how many. */
static size_t partition(const struct workspace *w, uint32_t *index, size_t n, int feature,
                        float threshold)
{
    const float *column = w->columns + (size_t)feature * w->sample_count;
    size_t left = 0;
    for (size_t k = 0; k < n; k++) {
        if (column[index[k]] <= threshold) {
            uint32_t t = index[left];
            index[left] = index[k];
            index[k] = t;
            left++;
        }
    }
    return left;
}

/* Grows the subtree over index[0 … n) at `depth`; returns its node id. */
static int grow(struct workspace *w, uint32_t *index, size_t n, int depth)
{
    assert(n > 0 && w->node_count < w->capacity);
    int id = w->node_count++;
    int counts[FOREST_MAX_CLASSES];
    count_classes(w, index, n, counts);
    if (depth >= w->max_depth || n < 2 || is_pure(counts, w->classes, n)) {
        make_leaf(w, id, counts, n);
        return id;
    }
    struct split split = best_split(w, index, n, counts);
    if (split.feature < 0) {
        make_leaf(w, id, counts, n);
        return id;
    }
    size_t n_left = partition(w, index, n, split.feature, split.threshold);
    /* The threshold lies strictly between two values present in the node. */
    assert(n_left > 0 && n_left < n);
    int left = grow(w, index, n_left, depth + 1);
    int right = grow(w, index + n_left, n - n_left, depth + 1);
    w->nodes[id] = (struct node){split.feature, split.threshold, left, right};
    return id;
}

/* Draws the bootstrap sample into the workspace's columns and labels. */
static void draw_bootstrap(struct workspace *w, const float *samples, const uint8_t *labels,
                           size_t count)
{
    size_t m = w->sample_count;
    for (size_t k = 0; k < m; k++) {
        size_t s = (size_t)rng_below(&w->rng, count);
        const float *row = samples + s * (size_t)w->feature_count;
        for (int f = 0; f < w->feature_count; f++)
            w->columns[(size_t)f * m + k] = row[f];
        w->labels[k] = labels[s];
        w->index[k] = (uint32_t)k;
    }
    for (int f = 0; f < w->feature_count; f++)
        w->feature_order[f] = f;
}

static int train_tree(struct workspace *w, const float *samples, const uint8_t *labels,
                      size_t count, uint64_t seed, int t, struct tree *tree)
{
    rng_seed(&w->rng, seed, (uint64_t)t);
    draw_bootstrap(w, samples, labels, count);
    w->node_count = 0;
    grow(w, w->index, w->sample_count, 0);
    size_t nodes = (size_t)w->node_count;
    tree->node_count = w->node_count;
    tree->nodes = malloc(nodes * sizeof *tree->nodes);
    tree->fractions = malloc(nodes * (size_t)w->classes * sizeof *tree->fractions);
    if (tree->nodes == NULL || tree->fractions == NULL)
        return -1;
    memcpy(tree->nodes, w->nodes, nodes * sizeof *tree->nodes);
    memcpy(tree->fractions, w->fractions, nodes * (size_t)w->classes * sizeof *tree->fractions);
    return 0;
}

/* ---- the public functions -------------------------------------------------- */

static int check_params(size_t count, int feature_count, int classes,
                        const struct forest_params *p)
{
    if (count == 0 || count > UINT32_MAX)
        return error_set("forest: %zu training samples (need 1 … %u)", count, UINT32_MAX);
    if (feature_count < 1)
        return error_set("forest: %d features", feature_count);
    if (classes < 1 || classes > FOREST_MAX_CLASSES)
        return error_set("forest: %d classes (need 1 … %d)", classes, FOREST_MAX_CLASSES);
    if (p->trees < 1 || p->max_depth < 0 || !(p->max_samples > 0 && p->max_samples <= 1) ||
        p->features_per_split < 0)
        return error_set("forest: bad parameters (trees %d, max_depth %d, max_samples %g, "
                         "features_per_split %d)",
                         p->trees, p->max_depth, p->max_samples, p->features_per_split);
    return 0;
}

static int check_labels(const uint8_t *labels, size_t count, int classes)
{
    for (size_t i = 0; i < count; i++)
        if (labels[i] >= classes)
            return error_set("forest: label %d of sample %zu is not below %d classes",
                             labels[i], i, classes);
    return 0;
}

/* round(max_samples · count) with ties to even, as Python's round(), at least 1. */
static size_t bootstrap_size(size_t count, double max_samples)
{
    double m = nearbyint(max_samples * (double)count);
    return m < 1 ? 1 : (size_t)m;
}

int forest_train(const float *samples, const uint8_t *labels, size_t count, int feature_count,
                 int classes, const struct forest_params *params, struct forest **forest)
{
    *forest = NULL;
    if (check_params(count, feature_count, classes, params) != 0 ||
        check_labels(labels, count, classes) != 0)
        return -1;
    int per_split = params->features_per_split;
    if (per_split == 0)
        per_split = (int)floor(sqrt((double)feature_count));
    if (per_split > feature_count)
        per_split = feature_count;
    size_t m = bootstrap_size(count, params->max_samples);
    size_t block_bytes;    /* the per-thread bootstrap copy, checked before any allocation */
    if (checked_size3(m, (size_t)feature_count, sizeof(float), "forest: bootstrap block",
                      &block_bytes) != 0)
        return -1;

    struct forest *f = calloc(1, sizeof *f);
    if (f == NULL)
        return error_set("out of memory: %zu bytes for the forest", sizeof *f);
    *f = (struct forest){params->trees, feature_count, classes,
                         calloc((size_t)params->trees, sizeof(struct tree))};
    if (f->trees == NULL) {
        free(f);
        return error_set("out of memory: %zu bytes for %d trees",
                         (size_t)params->trees * sizeof(struct tree), params->trees);
    }
    bool ok = true;
#pragma omp parallel
    {
        struct workspace w;
        bool mine = workspace_alloc(&w, m, feature_count, classes, params->max_depth, per_split);
#pragma omp for schedule(dynamic, 1)
        for (int t = 0; t < params->trees; t++)
            if (mine && train_tree(&w, samples, labels, count, params->seed, t, &f->trees[t]) != 0)
                mine = false;
        if (!mine) {
#pragma omp atomic write
            ok = false;
        }
        workspace_free(&w);
    }
    if (!ok) {
        forest_free(f);
        return error_set("out of memory: training workspace for %zu bootstrap samples × %d "
                         "features", m, feature_count);
    }
    *forest = f;
    return 0;
}

static const double *leaf_fractions(const struct tree *tree, const float *x, int classes)
{
    const struct node *nodes = tree->nodes;
    int id = 0;
    while (nodes[id].feature >= 0)
        id = x[nodes[id].feature] <= nodes[id].threshold ? nodes[id].left : nodes[id].right;
    return tree->fractions + (size_t)id * classes;
}

/* Samples [start, end) through every tree in index order, then divided by the count. */
static void predict_block(const struct forest *forest, const float *samples, size_t start,
                          size_t end, double *probabilities)
{
    int classes = forest->classes;
    size_t features = (size_t)forest->feature_count;
    double *out = probabilities + start * (size_t)classes;
    memset(out, 0, (end - start) * (size_t)classes * sizeof *out);
    for (int t = 0; t < forest->tree_count; t++) {
        const struct tree *tree = &forest->trees[t];
        for (size_t s = start; s < end; s++) {
            const double *leaf = leaf_fractions(tree, samples + s * features, classes);
            double *p = probabilities + s * (size_t)classes;
            for (int c = 0; c < classes; c++)
                p[c] += leaf[c];
        }
    }
    for (size_t i = 0; i < (end - start) * (size_t)classes; i++)
        out[i] /= forest->tree_count;
}

void forest_predict(const struct forest *forest, const float *samples, size_t count,
                    double *probabilities)
{
    size_t blocks = (count + PREDICT_BLOCK - 1) / PREDICT_BLOCK;
#pragma omp parallel for schedule(dynamic, 4)
    for (size_t b = 0; b < blocks; b++) {
        size_t start = b * PREDICT_BLOCK;
        size_t end = start + PREDICT_BLOCK < count ? start + PREDICT_BLOCK : count;
        predict_block(forest, samples, start, end, probabilities);
    }
}

void forest_free(struct forest *forest)
{
    if (forest == NULL)
        return;
    if (forest->trees != NULL)
        for (int t = 0; t < forest->tree_count; t++) {
            free(forest->trees[t].nodes);
            free(forest->trees[t].fractions);
        }
    free(forest->trees);
    free(forest);
}
