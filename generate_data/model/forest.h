/*
 * forest.h — a random forest classifier like scikit-learn's
 * RandomForestClassifier(n_estimators=50, max_depth=10, max_samples=0.05)
 * (docs/spec.md §4.3): each tree grows on a bootstrap sample, tries sqrt(features)
 * random candidate features per split, picks the threshold with the lowest Gini
 * impurity; predicted class probabilities are the mean over trees of the leaf's
 * class fractions.
 *
 * Deterministic: tree t draws from its own generator seeded by (seed, t), and
 * predictions sum trees in index order, so the result is byte-identical
 * whatever the number of OpenMP threads.
 */
#ifndef GEN_FOREST_H
#define GEN_FOREST_H

#include <stddef.h>
#include <stdint.h>

struct forest_params {
    int trees;                /* 50 */
    int max_depth;            /* 10 */
    double max_samples;       /* 0.05: bootstrap sample size as a fraction of the samples */
    int features_per_split;   /* 0 means floor(sqrt(feature_count)) */
    uint64_t seed;
};

struct forest;

/* samples: count × feature_count floats, sample-major; labels: count classes in [0, classes). */
int forest_train(const float *samples, const uint8_t *labels, size_t count, int feature_count,
                 int classes, const struct forest_params *params, struct forest **forest);

/* probabilities: count × classes doubles.  Uses OpenMP over samples. */
void forest_predict(const struct forest *forest, const float *samples, size_t count,
                    double *probabilities);

void forest_free(struct forest *forest);

#endif
