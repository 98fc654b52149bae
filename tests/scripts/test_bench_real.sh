#!/usr/bin/env bash
# The bench, its charts (the documents' pipeline) and --instructions end to end with the real ./main,
# on generate_data's size s (HDF5 only, in a scratch folder): the table rows
# have the original's layout, the record holds real figures, the three kinds
# of chart are PNGs, and callgrind counts the timed region.
source "$(dirname "$0")/lib.sh"
MAIN=$BLD/main GEN=$BLD/generate_data/generate_data
[ -x "$MAIN" ] && [ -x "$GEN" ] || { echo "skipped: $MAIN or $GEN not built"; exit 77; }
"$GEN" --sizes s --no-csv --out "$TMP/data" >/dev/null 2>&1 || { fail "generate_data --sizes s failed"; finish; }
export BENCH_MAIN=$MAIN BENCH_DATA="$TMP/data" BENCH_DIR="$TMP/records"
out="$TMP/out"
# shellcheck disable=SC2054  # v0,v3 is one argument
args=(--runs 2 --versions v0,v3 --no-charts)
command -v valgrind >/dev/null && args+=(--instructions)
OMP_NUM_THREADS=2 "$SRC/scripts/bench" "${args[@]}" >"$out" 2>&1
assert_eq "$?" 0 "bench exits 0"
assert_line "$out" '^floor +[0-9.]+ ± [0-9.]+ ms – +[0-9.]+ MB +1\.00×' "the floor row"
assert_line "$out" '^v3 +[0-9.]+ ± [0-9.]+ ms – +[0-9.]+ MB +[0-9.]+×' "the v3 row in the original's layout"
assert_line "$out" '^v0 +skipped: no CSV' "v0 needs the CSVs"
r=$(ls "$TMP/records"/0001_*.json 2>/dev/null | head -1)
assert_jq "${r:-/dev/null}" '[.results[] | select(.version == "v3")][0]
    | .status == "ok" and .height == 960 and .width == 1280 and (.runs | length) == 2
      and .wall_ms > 0 and .peak_rss_mb > 10' "the record holds v3's real figures"
if command -v valgrind >/dev/null; then
    assert_line "$out" '^v3 +[0-9]+ instructions +[0-9.]+ per pixel' "callgrind counts v3's region"
    assert_jq "${r:-/dev/null}" '[.instructions[] | select(.version == "v3")][0]
        | .instructions > 1000000 and .per_pixel > 1 and .per_pixel < 10000' "the count is in the record"
fi
if command -v gnuplot >/dev/null; then
    "$SRC/scripts/bench" charts 1 --rss s >"$out" 2>&1
    assert_eq "$?" 0 "bench charts exits 0"
    for png in time.png memory.png rss.png step-v3.png; do
        if [ "$(head -c 4 "$TMP/records/charts/$png" 2>/dev/null | od -An -c | tr -d ' ')" = '211PNG' ]; then
            pass "$png is a PNG"
        else fail "$png is missing or not a PNG"; fi
    done
fi
# --cold: every run starts with the data evicted from the page cache, checked with
# mincore; on tmpfs, where eviction cannot work, the run says that the data stayed.
"$MAIN" v3 --data "$TMP/data/s" --cold --repeat 2 --json >"$out" 2>&1
if [ "$(stat -f -c %T "$TMP/data/s")" = tmpfs ]; then
    assert_jq "$out" '.cold and .cache_resident_max > 0.9' "--cold on tmpfs: the data stayed, and the JSON says so"
else
    assert_jq "$out" '.cold and .cache_resident_max < 0.05 and (.runs | length) == 2' "--cold: the data left the page cache before each run"
fi
"$SRC/scripts/bench" --cold --runs 3 --versions v3 --no-record --no-charts s >"$out" 2>&1
assert_eq "$?" 0 "bench --cold exits 0"
assert_line "$out" '^size s: .* · cold: the data evicted from the page cache before every run$' "the table says cold"
assert_line "$out" '^floor +[0-9.]+ ± ' "the floor is measured cold too"

# The probe's cold disk read: measured beside the data, nothing left behind.
"$MAIN" probe --json --data "$TMP/data/s" >"$out" 2>&1
assert_jq "$out" '.disk_read_gbps > 0' "the probe reads a file cold from the data's disk"
assert_eq "$(ls -A "$TMP/data" | grep -c probe)" 0 "and leaves no scratch file"

finish
