#!/usr/bin/env bash
# tests/mpi/test_errors.sh MAIN-MPI TINY-DATA MPI-DATA — bad input on 2 and on 4
# (oversubscribed) ranks: one clear line from rank 0, every rank exits non-zero
# (1 for data, 2 for usage), within the time limit (no hang), and no MPI_Abort
# banner.  Run with mpirun -q, whose own notice about a non-zero exit is the
# only other thing mpirun prints; once without -q as well.  Each case twice: as a
# user runs it (run_job), and on 4 ranks with every rank left to report its own
# status (run_ranks).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
# shellcheck source=tests/mpi/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$TMP/not-hdf5" "$TMP/wrong-shape"
echo "not an HDF5 file" >"$TMP/not-hdf5/data.hdf5"
"$MPI_DATA" "$TMP/wrong-shape" wrong-shape && tiny good 9 5 || { fail "setup failed"; finish; }

# expected exit | message pattern | main-mpi's arguments
cases=(
    "1|data directory not found|--data $TMP/missing"
    "1|not-hdf5/data.hdf5: not an HDF5 file|--data $TMP/not-hdf5"
    "1|\"probabilities\": expected shape \\(H, W, 4\\), found \\(5, 7, 3\\)|--data $TMP/wrong-shape"
    "1|no/such/folder/out.png: cannot write|--data $TMP/good --out $TMP/no/such/folder/out.png"
    "2|--transfer: expected independent or collective|--data $TMP/good --transfer sideways"
    "2|unknown option \"--bogus\"|--bogus"
    "2|--chunk-size is an option of ./main|--chunk-size 16"
)
for np in 2 4; do
    options=(-q)
    [ "$np" -gt 2 ] && options+=(--oversubscribe)
    for entry in "${cases[@]}"; do
        IFS='|' read -r code pattern arguments <<<"$entry"
        what="$np ranks, ${arguments#--data $TMP/}"
        # As a user runs it: mpirun fails, one line, nothing else.
        # shellcheck disable=SC2086  # the arguments hold no spaces
        run_job "$np" "${options[@]}" -- $arguments
        [ "$status" -ne 124 ] && pass "$what: no hang" || { fail "$what: hung"; continue; }
        [ "$status" -ne 0 ] && pass "$what: mpirun exits non-zero" || fail "$what: mpirun exit 0"
        assert_eq "$(wc -l <"$TMP/err")" 1 "$what: one line on stderr"
        assert_line "$TMP/err" "^main-mpi: .*$pattern" "$what: the line says what is wrong"
        assert_no_line "$TMP/out" "." "$what: nothing on stdout"
        # Each rank's own exit status, every rank left to end by itself (on 4
        # ranks: the 2-rank run takes the same paths).
        [ "$np" -eq 4 ] || continue
        # shellcheck disable=SC2086
        run_ranks "$np" "${options[@]}" -- $arguments
        [ "$status" -ne 124 ] || { fail "$what: hung"; continue; }
        assert_eq "$(sort -n "$TMP/ranks" | tr '\n' ' ')" \
            "$(for ((r = 0; r < np; r++)); do printf '%d %s ' "$r" "$code"; done)" \
            "$what: every rank exits $code"
        assert_eq "$(grep -c '^main-mpi: ' "$TMP/err")" 1 "$what: only rank 0 says it"
    done
done

# Without -q: mpirun adds its notice about the non-zero exit, but there is no
# MPI_Abort banner and the reason is said once.
run_job 2 -- --data "$TMP/not-hdf5"
[ "$status" -ne 0 ] && [ "$status" -ne 124 ] && pass "without -q: fails, no hang" ||
    fail "without -q: exit $status"
assert_eq "$(grep -c '^main-mpi: ' "$TMP/err")" 1 "without -q: the reason once"
assert_no_line "$TMP/err" "MPI_ABORT|MPI_Abort|abort\(\)" "without -q: no MPI_Abort banner"
finish
