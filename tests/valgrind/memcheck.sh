#!/usr/bin/env bash
# tests/valgrind/memcheck.sh — one memcheck case of the 'valgrind' suite.
#
# Usage: memcheck.sh VALGRIND MAIN TINY_DATA SUPPRESSIONS_DIR CASE EXPECTED_EXIT ARGS...
#
# Prepares a data folder for CASE in a fresh temporary directory, then runs
# `MAIN ARGS...` under memcheck, with every @DATA@ in ARGS replaced by that
# folder.  Passes when the program exits with EXPECTED_EXIT (0, or 1 for the
# error paths, which must also print one "main: ..." line) and memcheck found
# nothing: any error or any definite or indirect leak makes valgrind exit 99.
# "Possibly lost" and "still reachable" blocks are reported but do not fail:
# they are libgomp's and HDF5's process-lifetime allocations (suppressions/).
#
# CASE: tiny        a valid 45 × 61 data folder (tests/valgrind/tiny_data.c)
#       missing     a folder that does not exist
#       not-hdf5    tiny, with data.hdf5 replaced by text
#       truncated   tiny, with data.hdf5 cut to its first 3000 bytes
#       bad-csv     tiny, with a token in 2.csv that is not a number
#
# OpenMP runs with 2 threads and OMP_WAIT_POLICY=passive, so idle threads
# sleep instead of spinning under valgrind's serialised scheduler.
set -uo pipefail

valgrind=$1 main=$2 tiny_data=$3 suppressions=$4 case=$5 expected=$6
shift 6
main=$(realpath "$main") tiny_data=$(realpath "$tiny_data") || exit 1

work=$(mktemp -d "${TMPDIR:-/tmp}/memcheck.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
data="$work/data"

case $case in
missing) ;;
tiny | not-hdf5 | truncated | bad-csv)
    mkdir "$data" && "$tiny_data" "$data" 45 61 || exit 1 ;;
*) echo "memcheck.sh: unknown case $case" >&2; exit 1 ;;
esac
case $case in
not-hdf5) printf 'this is not an HDF5 file\n' >"$data/data.hdf5" ;;
truncated) truncate -s 3000 "$data/data.hdf5" ;;
bad-csv) sed -i '3s/ [^ ]* / 0.5x /' "$data/2.csv" ;;
esac

args=()
for arg in "$@"; do
    args+=("${arg//@DATA@/$data}")
done

supp_args=()
for file in "$suppressions"/valgrind*.supp; do   # not lsan.supp: another format
    [ -f "$file" ] && supp_args+=("--suppressions=$file")
done

export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=passive
cd "$work" || exit 1
"$valgrind" --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=99 --track-origins=yes --num-callers=30 --gen-suppressions=all \
    "${supp_args[@]}" --log-file="$work/memcheck.log" \
    "$main" "${args[@]}" >"$work/stdout" 2>"$work/stderr"
status=$?

echo "\$ OMP_NUM_THREADS=2 OMP_WAIT_POLICY=passive valgrind --tool=memcheck ... $(basename "$main") ${args[*]}"
echo "exit status $status (expected $expected; 99 means memcheck found errors or leaks)"
cat "$work/stdout"
cat "$work/stderr"
grep -E 'ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable' \
    "$work/memcheck.log" | sed 's/^==[0-9]*== //'

fail() {
    echo "FAIL: $*"
    echo "---- memcheck log ----"
    cat "$work/memcheck.log"
    exit 1
}
[ "$status" -eq "$expected" ] || fail "exit status $status, expected $expected"
if [ "$expected" -ne 0 ]; then
    [ "$(wc -l <"$work/stderr")" -eq 1 ] && grep -q '^main: ' "$work/stderr" ||
        fail "expected exactly one line \"main: ...\" on stderr"
fi
echo "ok"
