#!/usr/bin/env bash
# The bench with size xl present, on a stand-in: a data folder whose xl is an
# empty data.hdf5 (the bench only checks that the file is there) and the fake
# ./main, so no l or xl is ever generated.  `scripts/bench` with data/xl once
# printed "jq: error … Cannot index null with null", no targets and exit 0 (the
# xl one-thread target took min_by of no one-thread results): the targets at xl
# must print, with no jq error.
source "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/data/xl"
: >"$TMP/data/xl/data.hdf5"
export BENCH_MAIN="$SRC/tests/scripts/fake-main" BENCH_DATA="$TMP/data" BENCH_DIR="$TMP/records"
out="$TMP/out"

"$SRC/scripts/bench" --runs 3 --rounds 1 --no-charts >"$out" 2>&1
assert_eq "$?" 0 "scripts/bench with data/xl present exits 0"
assert_line "$out" '^size xl: ' "it benches xl, the one size present"
assert_no_line "$out" 'jq: error' "no jq error"
assert_line "$out" '^[✓✗–] xl +[a-z]+ ' "the targets at xl are printed"
assert_line "$out" '^[0-9]+ met, [0-9]+ missed' "and their totals"
finish
