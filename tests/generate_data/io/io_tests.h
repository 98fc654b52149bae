/*
 * io_tests.h — the test cases of the generator io test program, one per
 * file, and the shared size-s runs of test_generated.c.
 */
#ifndef IO_TESTS_H
#define IO_TESTS_H

#include <check.h>

TCase *csv_tcase(void);
TCase *hdf5_tcase(void);
TCase *outdir_tcase(void);
TCase *generated_tcase(void);
TCase *cli_tcase(void);
TCase *progress_tcase(void);

/* Directory holding a good s/ from seed 12345: 0 made with 2 threads, 1 with 1. */
const char *generated_dir(int which);
void generated_setup(void);
void generated_teardown(void);

#endif
