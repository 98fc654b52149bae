/*
 * hdf5_check.h — reading back a data.hdf5 and asserting the layout docs/spec.md §3
 * fixes: dataset type, shape, contiguous storage without filters.
 */
#ifndef HDF5_CHECK_H
#define HDF5_CHECK_H

#include <hdf5.h>
#include <stddef.h>

/* Asserts dataset `name` of file has file type `type`, shape (h, w, depth),
 * contiguous layout and no filters. */
void assert_dataset_layout(hid_t file, const char *name, hid_t type, size_t h, size_t w,
                           size_t depth);

/* Reads the whole dataset into a malloc'd buffer of memory type `type`. */
void *read_dataset(hid_t file, const char *name, hid_t type, size_t bytes);

#endif
