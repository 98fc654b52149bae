# shellcheck shell=bash disable=SC2034  # sourced: the programs, $status and the helpers are for the tests
# tests/mpi/lib.sh — sourced by the 'mpi' tests after tests/scripts/lib.sh:
# the programs (meson passes them as arguments), a data folder maker, and
# run_job and run_ranks, which run main-mpi under scripts/mpirun with a time limit,
# the second recording every rank's own exit status.
MAIN_MPI=$1 TINY_DATA=$2 MPI_DATA=$3
shift 3
MAIN=$BLD/main
MPIRUN=$SRC/scripts/mpirun
export OMP_WAIT_POLICY=passive
# Under AddressSanitizer (scripts/test-sanitize): Open MPI's leaks are matched by
# its libraries' frames (suppressions/lsan.supp), which the fast unwinder loses
# in its components' code; the slow one walks the whole stack.
[ -n "${ASAN_OPTIONS:-}" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
# Long enough for 4 oversubscribed ranks on a busy 2-core machine; a hang ends here.
LIMIT=${POR_MPI_TIMEOUT:-120}

# tiny NAME H W: a tiny_data folder (valid data, ties and all-zero pixels).
tiny() { mkdir -p "$TMP/$1" && "$TINY_DATA" "$TMP/$1" "$2" "$3"; }

# run_ranks NP [MPIRUN OPTIONS --] MAIN-MPI ARGS: stdout, stderr and every rank's
# own exit status ("RANK STATUS" lines) in $TMP/out, $TMP/err, $TMP/ranks; the
# status of mpirun (124: killed by the time limit) in $status.  By default
# mpirun kills the other ranks as soon as one exits non-zero, racing with their
# own exit; to see every rank's status, here it lets each rank end by itself
# (orte_abort_on_non_zero_status=0 — and then exits 0 itself: see run_job).
run_ranks() {
    local np=$1 options=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
    [ "${1:-}" = -- ] && shift
    : >"$TMP/ranks"
    RANKS=$TMP/ranks OMPI_MCA_orte_abort_on_non_zero_status=0 \
        timeout "$LIMIT" "$MPIRUN" "${options[@]}" -np "$np" \
        bash -c '"$@"; code=$?; echo "$OMPI_COMM_WORLD_RANK $code" >>"$RANKS"; exit $code' \
        rank "$MAIN_MPI" "$@" >"$TMP/out" 2>"$TMP/err"
    status=$?
}

# run_job NP [MPIRUN OPTIONS --] MAIN-MPI ARGS: main-mpi as a user runs it, through
# scripts/mpirun with Open MPI's defaults; $TMP/out, $TMP/err, $status as above.
run_job() {
    local np=$1 options=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
    [ "${1:-}" = -- ] && shift
    timeout "$LIMIT" "$MPIRUN" "${options[@]}" -np "$np" "$MAIN_MPI" "$@" \
        >"$TMP/out" 2>"$TMP/err"
    status=$?
}
