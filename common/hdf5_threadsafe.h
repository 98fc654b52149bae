/*
 * hdf5_threadsafe.h — is the HDF5 library this program runs on thread-safe?
 *
 * The threaded steps call HDF5 from several threads at once (v8 reads the next
 * tile while the other threads compute), which is only sound in a library built
 * thread-safe: Debian's serial one is (one global lock), its MPI build
 * (libhdf5-openmpi-dev) is not.  Installing the MPI build points the plain
 * `hdf5` pkg-config name at it, so a build that asked for `hdf5` would link
 * ./main against it and fail now and then at xl ("read failed").  meson.build
 * names hdf5-serial; this is the run-time guard for any build that does not.
 */
#ifndef POR_HDF5_THREADSAFE_H
#define POR_HDF5_THREADSAFE_H

/* 0 when the library in use is thread-safe; -1 with one error line saying which
 * library it is and what to build against when it is not. */
int hdf5_require_threadsafe(void);

#endif
