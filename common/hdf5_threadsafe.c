/* hdf5_threadsafe.c — the start-up check of hdf5_threadsafe.h: H5is_library_threadsafe. */
#include "hdf5_threadsafe.h"

#include <hdf5.h>
#include <stdio.h>

#include "error.h"

int hdf5_require_threadsafe(void)
{
    hbool_t threadsafe = 0;
    unsigned major = 0, minor = 0, release = 0;
    if (H5is_library_threadsafe(&threadsafe) >= 0 && threadsafe)
        return 0;
    char version[48] = "version unknown";
    if (H5get_libversion(&major, &minor, &release) >= 0)
        snprintf(version, sizeof version, "%u.%u.%u", major, minor, release);
    return error_set("the HDF5 library in use (%s%s) is not thread-safe, and the "
                     "threaded steps call it from several threads: build against the serial, "
                     "thread-safe HDF5 (pkg-config hdf5-serial, Debian's libhdf5-dev)",
                     version,
#ifdef H5_HAVE_PARALLEL
                     ", the MPI build"
#else
                     ""
#endif
    );
}
