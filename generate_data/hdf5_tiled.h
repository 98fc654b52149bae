/*
 * hdf5_tiled.h — writing one size's data.hdf5 (docs/spec.md §3) from the base image.
 *
 * The tiled arrays are never built: xl's probabilities alone are 1.4 GB.  A
 * band of base rows is repeated horizontally into a small buffer and that band
 * is written once per vertical repeat, as a hyperslab spanning the full width,
 * so every H5Dwrite is one contiguous range of the file.
 */
#ifndef GEN_HDF5_TILED_H
#define GEN_HDF5_TILED_H

#include <stddef.h>
#include <stdint.h>

enum { HDF5_CLASSES = 4 };

/* image: height × width × 3 uint8; probabilities: height × width × 4 double.
 * Writes datasets "image" (uint8) and "probabilities" (H5T_IEEE_F64LE), both
 * contiguous and without timestamps, so the same input gives the same bytes.
 * Reports progress_advance() in bytes.  -1 with an error naming `path` on failure. */
int hdf5_write_tiled(const char *path, const uint8_t *image, const double *probabilities,
                     size_t height, size_t width, size_t factor);

/* The bytes of data (image and probabilities, without HDF5 metadata) that
 * hdf5_write_tiled writes: for progress.  -1 with an error on overflow. */
int hdf5_tiled_bytes(size_t height, size_t width, size_t factor, size_t *bytes);

#endif
