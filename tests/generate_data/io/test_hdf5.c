/*
 * test_hdf5.c — the tiled HDF5 writer on small arrays: the tiling is right
 * element by element (across band boundaries too), the datasets have the
 * types and the layout of docs/spec.md §3, and the same input gives the same bytes.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "hdf5_check.h"
#include "hdf5_tiled.h"
#include "io_helpers.h"

struct small {
    size_t h, w;
    uint8_t *image;
    double *p;
};

/* Distinct values everywhere, so a misplaced tile shows. */
static struct small small_make(size_t h, size_t w)
{
    struct small s = {h, w, malloc(h * w * 3), malloc(h * w * 4 * sizeof(double))};
    for (size_t i = 0; i < h * w * 3; i++)
        s.image[i] = (uint8_t)(i * 7 + 1);
    for (size_t i = 0; i < h * w * 4; i++)
        s.p[i] = (double)i / (double)(h * w * 4) - 0.25;
    return s;
}

static void check_tiling(size_t h, size_t w, size_t factor)
{
    char *dir = temp_dir_make();
    const char *path = path_join(dir, "data.hdf5", NULL);
    struct small s = small_make(h, w);
    ck_assert_int_eq(hdf5_write_tiled(path, s.image, s.p, h, w, factor), 0);

    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    ck_assert_int_ge(file, 0);
    size_t H = h * factor, W = w * factor;
    assert_dataset_layout(file, "image", H5T_STD_U8LE, H, W, 3);
    assert_dataset_layout(file, "probabilities", H5T_IEEE_F64LE, H, W, 4);
    uint8_t *image = read_dataset(file, "image", H5T_NATIVE_UINT8, H * W * 3);
    double *p = read_dataset(file, "probabilities", H5T_NATIVE_DOUBLE, H * W * 4 * sizeof(double));
    H5Fclose(file);
    size_t wrong = 0;   /* counted, asserted once: a ck_assert per element is slow */
    for (size_t r = 0; r < H; r++)
        for (size_t c = 0; c < W; c++) {
            size_t out = r * W + c, in = (r % h) * w + c % w;
            for (size_t k = 0; k < 3; k++)
                wrong += image[out * 3 + k] != s.image[in * 3 + k];
            for (size_t k = 0; k < 4; k++)
                wrong += p[out * 4 + k] != s.p[in * 4 + k];
        }
    ck_assert_uint_eq(wrong, 0);
    free(image);
    free(p);
    free(s.image);
    free(s.p);
    temp_dir_remove(dir);
    free(dir);
}

START_TEST(test_tiling_factor_1)
{
    check_tiling(5, 7, 1);
}
END_TEST

START_TEST(test_tiling_factor_3)
{
    check_tiling(5, 7, 3);
}
END_TEST

/* More rows than one band (64), and a last band that is not full. */
START_TEST(test_tiling_across_bands)
{
    check_tiling(150, 9, 2);
}
END_TEST

START_TEST(test_same_input_same_bytes)
{
    char *dir = temp_dir_make();
    struct small s = small_make(20, 30);
    const char *a = path_join(dir, "a.hdf5", NULL), *b = path_join(dir, "b.hdf5", NULL);
    ck_assert_int_eq(hdf5_write_tiled(a, s.image, s.p, 20, 30, 2), 0);
    ck_assert_int_eq(hdf5_write_tiled(b, s.image, s.p, 20, 30, 2), 0);
    ck_assert(files_equal(a, b));
    free(s.image);
    free(s.p);
    temp_dir_remove(dir);
    free(dir);
}
END_TEST

START_TEST(test_unwritable_path_fails)
{
    struct small s = small_make(2, 2);
    ck_assert_int_eq(hdf5_write_tiled("/nonexistent-dir/data.hdf5", s.image, s.p, 2, 2, 1), -1);
    free(s.image);
    free(s.p);
}
END_TEST

TCase *hdf5_tcase(void)
{
    TCase *tc = tcase_create("hdf5");
    tcase_add_test(tc, test_tiling_factor_1);
    tcase_add_test(tc, test_tiling_factor_3);
    tcase_add_test(tc, test_tiling_across_bands);
    tcase_add_test(tc, test_same_input_same_bytes);
    tcase_add_test(tc, test_unwritable_path_fails);
    return tc;
}
