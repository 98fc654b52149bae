/* hdf5_threadsafe.c — the start-up check of hdf5_threadsafe.h: H5is_library_threadsafe. */
#include "hdf5_threadsafe.h"

#include <hdf5.h>

#include "error.h"

int hdf5_require_threadsafe(void)
{
    hbool_t threadsafe = 0;
    unsigned major = 0, minor = 0, release = 0;
    H5get_libversion(&major, &minor, &release);
    if (H5is_library_threadsafe(&threadsafe) >= 0 && threadsafe)
        return 0;
    return error_set("the HDF5 library in use (%u.%u.%u%s) is not thread-safe, and the "
                     "threaded steps call it from several threads: build against the serial, "
                     "thread-safe HDF5 (pkg-config hdf5-serial, Debian's libhdf5-dev)",
                     major, minor, release,
#ifdef H5_HAVE_PARALLEL
                     ", the MPI build"
#else
                     ""
#endif
    );
}
