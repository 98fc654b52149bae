/*
 * test_threadsafe.c — the start-up check of common/hdf5_threadsafe.h against
 * both of Debian's HDF5 builds.  Compiled twice (tests/mpi/meson.build): linked
 * with the serial library it must pass; linked with the MPI build, the library
 * the plain `hdf5` pkg-config name points at once libhdf5-openmpi-dev is
 * installed, it must refuse with one line naming what to build against.
 */
#include <check.h>
#include <hdf5.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hdf5_threadsafe.h"
#include "../support/check_run.h"

START_TEST(test_the_library_in_use)
{
    error_clear();
    int status = hdf5_require_threadsafe();
#ifdef H5_HAVE_PARALLEL
    ck_assert_int_eq(status, -1);
    ck_assert_ptr_nonnull(strstr(error_message(), "is not thread-safe"));
    ck_assert_ptr_nonnull(strstr(error_message(), "the MPI build"));
    ck_assert_ptr_nonnull(strstr(error_message(), "hdf5-serial"));
    ck_assert_ptr_null(strchr(error_message(), '\n'));
#else
    ck_assert_msg(status == 0, "serial HDF5 refused: %s", error_message());
    ck_assert_str_eq(error_message(), "");
#endif
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("hdf5_threadsafe");
    TCase *tcase = tcase_create("check");
    tcase_add_test(tcase, test_the_library_in_use);
    suite_add_tcase(suite, tcase);
    return check_run(suite);
}
