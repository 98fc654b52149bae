/*
 * tiny_data.c — writes a tiny data folder for the memcheck suite.
 *
 * Usage: tiny_data DIR HEIGHT WIDTH [--hdf5-only]
 *
 * memcheck runs a program 20 to 50 times slower, and v0 parses text value by
 * value, so the suite cannot use data/s (v0 alone takes minutes there).  This
 * writes the same format as generate_data (docs/spec.md §3) at a size of our choosing:
 * DIR/data.hdf5 with "image" (H × W × 3 uint8) and "probabilities"
 * (H × W × 4 float64 little-endian), both contiguous, and DIR/0.csv … 3.csv
 * formatted "%.18e" with single spaces, as numpy.savetxt writes them.
 *
 * --hdf5-only skips the CSVs: tests/ladder/test_bands.sh writes tall images
 * (up to 65536 rows) for the HDF5 steps only, where the text would be slow.
 *
 * The probabilities are pseudo-random (a fixed LCG, so runs are repeatable)
 * and sum to 1 per pixel; every 7th pixel is a tie, every 11th all zero, so
 * the tie and the black-pixel branches of every version run too.
 * Not a lesson and not part of ./main: a test helper, so it exits on error.
 */
#include <hdf5.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CLASSES = 4, CHANNELS = 3 };

static uint64_t state = 0x9e3779b97f4a7c15u;

static double next_uniform(void)
{
    state = state * 6364136223846793005u + 1442695040888963407u;
    return (double)(state >> 11) / 9007199254740992.0;  /* [0, 1) */
}

static void fail(const char *what)
{
    fprintf(stderr, "tiny_data: %s\n", what);
    exit(1);
}

static void fill(double *probabilities, uint8_t *image, size_t height, size_t width)
{
    for (size_t i = 0; i < height * width; i++) {
        double *p = probabilities + i * CLASSES, sum = 0.0;
        for (int c = 0; c < CLASSES; c++)
            sum += p[c] = next_uniform() + 1e-3;
        for (int c = 0; c < CLASSES; c++)
            p[c] /= sum;
        if (i % 7 == 3)
            p[2] = p[1] = 0.5, p[0] = p[3] = 0.0;      /* a tie: class 1 wins */
        if (i % 11 == 5)
            p[0] = p[1] = p[2] = p[3] = 0.0;          /* all zero: black */
        for (int c = 0; c < CHANNELS; c++)
            image[i * CHANNELS + c] = (uint8_t)(next_uniform() * 256.0);
    }
}

static void write_dataset(hid_t file, const char *name, hid_t file_type, hid_t memory_type,
                          hsize_t depth, size_t height, size_t width, const void *data)
{
    hsize_t dims[3] = {height, width, depth};
    hid_t space = H5Screate_simple(3, dims, NULL);
    hid_t dataset = H5Dcreate2(file, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT,
                               H5P_DEFAULT);
    if (space < 0 || dataset < 0 ||
        H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
        fail("cannot write an HDF5 dataset");
    H5Dclose(dataset);
    H5Sclose(space);
}

static void write_csv(const char *dir, int class_index, const double *probabilities,
                      size_t height, size_t width)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%d.csv", dir, class_index);
    FILE *file = fopen(path, "w");
    if (!file)
        fail("cannot create a CSV file");
    for (size_t y = 0; y < height; y++)
        for (size_t x = 0; x < width; x++)
            fprintf(file, "%.18e%c", probabilities[(y * width + x) * CLASSES + class_index],
                    x + 1 < width ? ' ' : '\n');
    if (fclose(file) != 0)
        fail("cannot write a CSV file");
}

int main(int argc, char **argv)
{
    bool hdf5_only = argc == 5 && strcmp(argv[4], "--hdf5-only") == 0;
    if (argc != 4 && !hdf5_only)
        fail("usage: tiny_data DIR HEIGHT WIDTH [--hdf5-only]");
    size_t height = strtoul(argv[2], NULL, 10), width = strtoul(argv[3], NULL, 10);
    if (height < 1 || width < 1 || height > (hdf5_only ? 65536 : 4096) || width > 4096)
        fail("HEIGHT must be 1 … 4096 (65536 with --hdf5-only), WIDTH 1 … 4096");
    double *probabilities = malloc(height * width * CLASSES * sizeof *probabilities);
    uint8_t *image = malloc(height * width * CHANNELS);
    if (!probabilities || !image)
        fail("out of memory");
    fill(probabilities, image, height, width);

    char path[4096];
    snprintf(path, sizeof path, "%s/data.hdf5", argv[1]);
    hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        fail("cannot create data.hdf5");
    write_dataset(file, "image", H5T_STD_U8LE, H5T_NATIVE_UINT8, CHANNELS, height, width, image);
    write_dataset(file, "probabilities", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, CLASSES, height,
                  width, probabilities);
    if (H5Fclose(file) < 0)
        fail("cannot close data.hdf5");
    for (int c = 0; c < CLASSES && !hdf5_only; c++)
        write_csv(argv[1], c, probabilities, height, width);
    free(probabilities);
    free(image);
    return 0;
}
