/*
 * seeds.c — writes the HDF5 seed corpus in fuzz/corpus/hdf5/ (run by hand;
 * the files are committed, each well under 10 KB).
 *
 *   cc -std=c17 fuzz/seeds.c $(pkg-config --cflags --libs hdf5-serial) -o /tmp/seeds
 *   /tmp/seeds fuzz/corpus/hdf5
 *
 * Valid files of the real layout (tiny), and one file for each way a file can
 * be wrong that hdf5_input.c checks, so the fuzzer starts next to every branch:
 * wrong rank, K = 3, integer and string types, float32 and big-endian (valid),
 * chunked and compact layouts, a huge declared but unwritten shape, different
 * H × W for image and probabilities, a group where a dataset should be, and
 * the newest file format (other superblock and object-header versions).
 */
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *folder;

static hid_t create(const char *name, int latest)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.hdf5", folder, name);
    hid_t access = H5Pcreate(H5P_FILE_ACCESS);
    hid_t file = access < 0 || (latest && H5Pset_libver_bounds(access, H5F_LIBVER_LATEST,
                                                               H5F_LIBVER_LATEST) < 0)
                     ? -1 : H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, access);
    if (access >= 0)
        H5Pclose(access);
    if (file < 0) {
        fprintf(stderr, "seeds: cannot create %s\n", path);
        exit(1);
    }
    return file;
}

/* A dataset of `rank` dims; `data` NULL leaves it unwritten.  `layout`: 0
 * contiguous, 1 chunked (chunk = dims halved, at least 1), 2 compact. */
static void dataset(hid_t file, const char *name, hid_t type, int rank, const hsize_t *dims,
                    int layout, const void *data, hid_t memory_type)
{
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t create_list = H5Pcreate(H5P_DATASET_CREATE);
    int made = space >= 0 && create_list >= 0;
    if (made && layout == 1) {
        hsize_t chunk[8];
        for (int i = 0; i < rank; i++)
            chunk[i] = dims[i] > 1 ? (dims[i] > 1000 ? 64 : dims[i] / 2) : 1;
        made = H5Pset_chunk(create_list, rank, chunk) >= 0;
    } else if (made && layout == 2) {
        made = H5Pset_layout(create_list, H5D_COMPACT) >= 0;
    }
    hid_t set = made ? H5Dcreate2(file, name, type, space, H5P_DEFAULT, create_list, H5P_DEFAULT)
                     : -1;
    if (set < 0 || (data && H5Dwrite(set, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)) {
        fprintf(stderr, "seeds: cannot write %s\n", name);
        exit(1);
    }
    H5Dclose(set);
    H5Pclose(create_list);
    H5Sclose(space);
}

static double probabilities[4 * 4 * 4];
static unsigned char image[4 * 4 * 3];

static void valid(hid_t file, hsize_t height, hsize_t width, hid_t type, int layout)
{
    hsize_t pdims[3] = {height, width, 4}, idims[3] = {height, width, 3};
    dataset(file, "image", H5T_STD_U8LE, 3, idims, layout, image, H5T_NATIVE_UINT8);
    dataset(file, "probabilities", type, 3, pdims, layout, probabilities, H5T_NATIVE_DOUBLE);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: seeds FOLDER\n");
        return 2;
    }
    folder = argv[1];
    for (int i = 0; i < 4 * 4 * 4; i++)
        probabilities[i] = (i * 37 % 17) / 16.0;
    probabilities[5] = -1.0, probabilities[9] = 2.5;
    for (int i = 0; i < 4 * 4 * 3; i++)
        image[i] = (unsigned char)(i * 53);

    hid_t f;
    f = create("valid-2x3", 0); valid(f, 2, 3, H5T_IEEE_F64LE, 0); H5Fclose(f);
    f = create("valid-1x1-latest-format", 1); valid(f, 1, 1, H5T_IEEE_F64LE, 0); H5Fclose(f);
    f = create("valid-4x4-chunked", 0); valid(f, 4, 4, H5T_IEEE_F64LE, 1); H5Fclose(f);
    f = create("valid-2x2-compact", 0); valid(f, 2, 2, H5T_IEEE_F64LE, 2); H5Fclose(f);
    f = create("float32", 0); valid(f, 2, 3, H5T_IEEE_F32LE, 0); H5Fclose(f);
    f = create("float64-big-endian", 0); valid(f, 2, 3, H5T_IEEE_F64BE, 0); H5Fclose(f);

    hsize_t rank2[2] = {4, 4}, k3[3] = {2, 2, 3}, small[3] = {2, 2, 4}, huge[3] = {1000000, 1000000, 4};
    f = create("rank-2", 0);
    dataset(f, "probabilities", H5T_IEEE_F64LE, 2, rank2, 0, probabilities, H5T_NATIVE_DOUBLE);
    H5Fclose(f);
    f = create("three-classes", 0);
    dataset(f, "probabilities", H5T_IEEE_F64LE, 3, k3, 0, probabilities, H5T_NATIVE_DOUBLE);
    H5Fclose(f);
    f = create("integer-type", 0);
    dataset(f, "probabilities", H5T_STD_I32LE, 3, small, 0, probabilities, H5T_NATIVE_DOUBLE);
    H5Fclose(f);
    f = create("string-type", 0);
    hid_t string = H5Tcopy(H5T_C_S1);
    if (string < 0 || H5Tset_size(string, 8) < 0) {
        fprintf(stderr, "seeds: cannot make an 8-byte string type\n");
        exit(1);
    }
    dataset(f, "probabilities", string, 3, small, 0, NULL, string);
    H5Tclose(string);
    H5Fclose(f);
    f = create("huge-unwritten-shape", 0);
    dataset(f, "probabilities", H5T_IEEE_F64LE, 3, huge, 1, NULL, H5T_NATIVE_DOUBLE);
    H5Fclose(f);
    f = create("image-other-shape", 0);
    hsize_t idims[3] = {3, 2, 3};
    dataset(f, "image", H5T_STD_U8LE, 3, idims, 0, image, H5T_NATIVE_UINT8);
    dataset(f, "probabilities", H5T_IEEE_F64LE, 3, small, 0, probabilities, H5T_NATIVE_DOUBLE);
    H5Fclose(f);
    f = create("group-not-dataset", 0);
    H5Gclose(H5Gcreate2(f, "probabilities", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    H5Fclose(f);
    f = create("empty-file", 0);
    H5Fclose(f);
    return 0;
}
