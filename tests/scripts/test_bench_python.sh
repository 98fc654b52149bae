#!/usr/bin/env bash
# scripts/bench --python: the Python original timed in the same run as the C
# steps, on generate_data's size s in a scratch folder (CSVs included, so v0
# runs too; not tiny_data's folder, whose all-zero pixels make the original's
# v0 and v1 fail: their class index stays None).
# The original's checkout is POR_PYTHON_ORIGINAL (.ci/run and scripts/test set
# it to ../shared/python-original); skipped where there is none.  Also: a wrong
# folder is refused in one line, and the record holds the machine probe.
source "$(dirname "$0")/lib.sh"
PY=${POR_PYTHON_ORIGINAL:-$SRC/../shared/python-original}
GEN=$BLD/generate_data/generate_data
[ -f "$PY/v0.py" ] || { echo "skipped: no checkout of the Python original at $PY (set POR_PYTHON_ORIGINAL)"; exit 77; }
[ -x "$GEN" ] || { echo "skipped: $GEN not built"; exit 77; }
"$GEN" --sizes s --out "$TMP/data" >/dev/null 2>&1 || { fail "generate_data --sizes s failed"; finish; }
export BENCH_MAIN=$BLD/main BENCH_DATA="$TMP/data" BENCH_DIR="$TMP/records"

"$SRC/scripts/bench" --python "$TMP/no-such-checkout" s >"$TMP/out" 2>"$TMP/err"
assert_eq "$?" 2 "a wrong --python folder is a usage error"
assert_eq "$(wc -l <"$TMP/err")" 1 "refused in one line"
assert_line "$TMP/err" "no-such-checkout.*expected v0\.py" "the line names the folder and what was expected"
assert_eq "$(ls "$TMP/records" 2>/dev/null | wc -l)" 0 "nothing measured, no record"

versions=v0,v1,v2,v3,v4,v5,v6,v7
"$SRC/scripts/bench" --python "$PY" --versions $versions --runs 1 --rounds 1 --no-charts s >"$TMP/out" 2>"$TMP/err"
assert_eq "$?" 0 "bench --python exits 0"
assert_line "$TMP/out" '× Python' "the table has the Python columns"
assert_line "$TMP/out" '^v7 .* [0-9.]+ ms +[0-9.]+×( |$)' "v7's row ends with Python's time and the ratio"
assert_line "$TMP/out" '^machine probe .* GB/s in 4 KiB pages' "the probe is printed"
r=$(ls "$TMP/records"/0001_*.json 2>/dev/null | head -1)
for v in ${versions//,/ }; do
    assert_jq "${r:-/dev/null}" "\"$v\" as \$v"'
        | ([.results_python[] | select(.version == $v and .size == "s" and .status == "ok"
            and .wall_ms > 0 and .peak_rss_mb > 10 and (.runs | length) == 1)] | length) == 1
        and ([.results[] | select(.version == $v and .status == "ok")] | length) == 1' \
        "the record holds Python $v and C $v from the same run"
done
assert_jq "${r:-/dev/null}" '.python.numpy != null and .python.dir != null' "the record says which Python ran"
assert_jq "${r:-/dev/null}" '.machine.probe | .first_touch_4k_gbps > 0 and .first_touch_huge_gbps > 0
    and .copy_gbps > 0 and .page_cache_read_gbps > 0' "the record holds the machine probe"
"$SRC/scripts/bench" show 1 >"$TMP/show" 2>&1
assert_line "$TMP/show" '^v3 .* [0-9.]+ ms +[0-9.]+×( |$)' "bench show prints the Python columns again"
finish
