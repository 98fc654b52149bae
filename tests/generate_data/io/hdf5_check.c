/* hdf5_check.c — see hdf5_check.h. */
#include "hdf5_check.h"

#include <check.h>
#include <stdlib.h>

void assert_dataset_layout(hid_t file, const char *name, hid_t type, size_t h, size_t w,
                           size_t depth)
{
    hid_t dataset = H5Dopen2(file, name, H5P_DEFAULT);
    ck_assert_int_ge(dataset, 0);
    hid_t file_type = H5Dget_type(dataset);
    ck_assert_int_gt(H5Tequal(file_type, type), 0);
    hid_t space = H5Dget_space(dataset);
    hsize_t dims[3];
    ck_assert_int_eq(H5Sget_simple_extent_ndims(space), 3);
    ck_assert_int_eq(H5Sget_simple_extent_dims(space, dims, NULL), 3);
    ck_assert_uint_eq(dims[0], h);
    ck_assert_uint_eq(dims[1], w);
    ck_assert_uint_eq(dims[2], depth);
    hid_t dcpl = H5Dget_create_plist(dataset);
    ck_assert_int_eq(H5Pget_layout(dcpl), H5D_CONTIGUOUS);
    ck_assert_int_eq(H5Pget_nfilters(dcpl), 0);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Tclose(file_type);
    H5Dclose(dataset);
}

void *read_dataset(hid_t file, const char *name, hid_t type, size_t bytes)
{
    void *data = malloc(bytes);
    ck_assert_ptr_nonnull(data);
    hid_t dataset = H5Dopen2(file, name, H5P_DEFAULT);
    ck_assert_int_ge(dataset, 0);
    ck_assert_int_ge(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), 0);
    H5Dclose(dataset);
    return data;
}
