/*
 * mpi_data.c — the inputs of the 'mpi' tests that tiny_data (tests/valgrind)
 * does not write, through tests/support's writers:
 *
 *   mpi_data DIR wrong-shape        "probabilities" of shape (5, 7, 3): one class short
 *   mpi_data DIR deflated H W       valid, but chunked 16 × 16 × 4 and deflated, as h5py
 *                                   writes with compression="gzip"
 *   mpi_data DIR float32 H W        valid, stored as float32 (HDF5 converts on reading,
 *                                   which makes parallel HDF5 fall back to independent I/O)
 *
 * The valid ones hold pseudo-random probabilities with ties and all-zero pixels,
 * as tiny_data's.  A test helper: exits 1 with a line on stderr on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdata.h"

enum { CLASSES = 4 };

static double *make_values(size_t height, size_t width)
{
    double *values = malloc(height * width * CLASSES * sizeof *values);
    unsigned long long state = 0x2545f4914f6cdd1dull;
    for (size_t i = 0; values && i < height * width; i++) {
        double *p = values + i * CLASSES;
        for (int c = 0; c < CLASSES; c++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            p[c] = (double)(state >> 11) / 9007199254740992.0;
        }
        if (i % 7 == 3)
            p[1] = p[2] = 0.75;          /* a tie: class 1 wins */
        if (i % 11 == 5)
            p[0] = p[1] = p[2] = p[3] = 0.0;
    }
    return values;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: mpi_data DIR wrong-shape | deflated H W | float32 H W\n");
        return 1;
    }
    const char *dir = argv[1], *kind = argv[2];
    if (strcmp(kind, "wrong-shape") == 0) {
        static const double values[5 * 7 * 3];
        struct td_dataset set = {"probabilities", H5T_IEEE_F64LE, 3, {5, 7, 3}, false, values};
        return td_write_hdf5(dir, &set, 1) == 0 ? 0 : 1;
    }
    size_t height = argc == 5 ? strtoul(argv[3], NULL, 10) : 0;
    size_t width = argc == 5 ? strtoul(argv[4], NULL, 10) : 0;
    if (height < 1 || width < 1 || height > 4096 || width > 4096) {
        fprintf(stderr, "mpi_data: H and W must be 1 … 4096\n");
        return 1;
    }
    double *values = make_values(height, width);
    float *narrow = malloc(height * width * CLASSES * sizeof *narrow);
    int status = -1;
    if (values == NULL || narrow == NULL)
        fprintf(stderr, "mpi_data: out of memory\n");
    else if (strcmp(kind, "deflated") == 0)
        status = td_write_stored_hdf5(dir, values, height, width, TD_DEFLATED, 16);
    else if (strcmp(kind, "float32") == 0) {
        for (size_t i = 0; i < height * width * CLASSES; i++)
            narrow[i] = (float)values[i];
        struct td_dataset set = {"probabilities", H5T_IEEE_F32LE, 3, {height, width, CLASSES},
                                 false, narrow};
        status = td_write_hdf5(dir, &set, 1);
    } else
        fprintf(stderr, "mpi_data: unknown kind \"%s\"\n", kind);
    free(values);
    free(narrow);
    return status == 0 ? 0 : 1;
}
