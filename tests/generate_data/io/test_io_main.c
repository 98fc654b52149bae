/*
 * test_io_main.c — the generator io test program: the CSV and HDF5 writers
 * called directly, then the built generate_data run on size s, then the
 * progress lines.
 * Never forks per test (CK_NOFORK): the writers use OpenMP, and a child
 * forked after an OpenMP region hangs.
 */
#include <check.h>
#include <hdf5.h>
#include <stdlib.h>

#include "io_tests.h"

int main(void)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);   /* failures are asserted, not printed */
    Suite *suite = suite_create("generator-io");
    suite_add_tcase(suite, csv_tcase());
    suite_add_tcase(suite, hdf5_tcase());
    suite_add_tcase(suite, outdir_tcase());
    suite_add_tcase(suite, generated_tcase());
    suite_add_tcase(suite, cli_tcase());
    suite_add_tcase(suite, progress_tcase());
    SRunner *runner = srunner_create(suite);
    srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_ENV);   /* CK_VERBOSITY: silent under meson, whose TAP is the report */
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    generated_teardown();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
