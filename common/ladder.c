/*
 * ladder.c — the table of versions: name, entry point and the one-line change,
 * in the order a learner reads them.  The floor comes last: it is a yardstick.
 */
#include <string.h>

#include "version.h"

version_fn floor_load_only;

const struct version_info ladder[] = {
    {"v0", v0_load_and_colorcode, "CSV parsed value by value, nested per-row and per-pixel "
     "allocations, branchy per-pixel loop", "csv", false, false, 0, false},
    {"v1", v1_load_and_colorcode, "input from HDF5: one H5Dread, the same naive structures "
     "and loop", "hdf5", false, false, 0, false},
    {"v2", v2_load_and_colorcode, "flat arrays and numpy-style whole-array passes with "
     "full-size temporaries", "hdf5", false, false, 0, false},
    {"v3", v3_load_and_colorcode, "fewer, smaller temporaries: uint8 classes, max from the "
     "argmax pass, in-place multiply", "hdf5", false, false, 0, false},
    {"v4", v4_load_and_colorcode, "chunked: hyperslab tiles through v3's passes, memory "
     "bounded by the tile", "hdf5", true, false, 0, false},
    {"v5", v5_load_and_colorcode, "one fused branch-free pass for the auto-vectorizer, "
     "OpenMP over rows", "hdf5", false, true, 0, false},
    {"v6", v6_load_and_colorcode, "hand-written SIMD (AVX2, portable fallback chosen at run "
     "time), OpenMP", "hdf5", false, true, 0, false},
    {"v7", v7_load_and_colorcode, "v4's tiles through v6's kernel, next tile read while "
     "this one is computed", "hdf5", true, true, 0, false},
    {"floor", floor_load_only, "not a version: only reads the data into mapped memory (the "
     "cost to beat)", "hdf5", false, false, 0, true},
};

const size_t ladder_length = sizeof ladder / sizeof ladder[0];

const struct version_info *ladder_find(const char *name)
{
    for (size_t i = 0; i < ladder_length; i++)
        if (strcmp(ladder[i].name, name) == 0)
            return &ladder[i];
    return NULL;
}
