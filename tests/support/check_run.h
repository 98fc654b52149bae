/*
 * check_run.h — how every Check program of tests/ runs its suite: in this
 * process (Check's default fork would hang a child whose parent already ran an
 * OpenMP region), reporting as CK_ENV asks (meson sets CK_VERBOSITY=silent and
 * reads the TAP log).  Returns the program's exit status.
 */
#ifndef POR_CHECK_RUN_H
#define POR_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int check_run(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_ENV);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
