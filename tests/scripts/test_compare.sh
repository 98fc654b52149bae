#!/usr/bin/env bash
# `scripts/bench compare`: on two fabricated records, a 20 % slower version
# and a 20 % bigger one are flagged, a 5 % slower one is not; --strict turns
# a regression into exit 1; records are found by number.
source "$(dirname "$0")/lib.sh"
export BENCH_DIR="$TMP/records"
mkdir -p "$BENCH_DIR"

record() { # FILE NUMBER V3_MS V4_MS V7_MS V7_MB
    jq -n --argjson n "$2" --argjson a "$3" --argjson b "$4" --argjson c "$5" --argjson m "$6" '
        {name: "x", number: $n, results: [
          {size: "s", version: "floor", status: "ok", wall_ms: 10, peak_rss_mb: 40},
          {size: "s", version: "v3", status: "ok", wall_ms: $a, peak_rss_mb: 55},
          {size: "s", version: "v4", status: "ok", wall_ms: $b, peak_rss_mb: 44},
          {size: "s", version: "v7", status: "ok", wall_ms: $c, peak_rss_mb: $m},
          {size: "s", version: "v0", status: "skipped", note: "no CSV"} ]}' >"$1"
}
record "$BENCH_DIR/0001_aaaaaaa_20260101-000000.json" 1 100 60 15 45
record "$BENCH_DIR/0002_bbbbbbb_20260102-000000.json" 2 120 63 15 54   # v3 +20 %, v4 +5 %, v7 memory +20 %

out="$TMP/out"
"$SRC/scripts/bench" compare 0001 0002 >"$out" 2>&1
assert_eq "$?" 0 "compare exits 0 without --strict"
assert_line "$out" '^s +v3 +100\.0 +120\.0 +1\.20× .*REGRESSION time \+20 %' "a 20 % slower v3 is flagged"
assert_no_line "$out" '^s +v4 .*REGRESSION' "a 5 % slower v4 is not"
assert_line "$out" '^s +v4 +60\.0 +63\.0 +1\.05×' "v4's ratio is printed"
assert_line "$out" '^s +v7 .*REGRESSION memory \+20 %' "a 20 % bigger peak is flagged"
assert_no_line "$out" '^s +floor .*REGRESSION' "an unchanged floor is not"
assert_no_line "$out" '^s +v0' "a skipped version is not compared"
assert_line "$out" '^4 compared, 2 regressions over 10 %' "the totals"

"$SRC/scripts/bench" compare 1 2 --strict >/dev/null 2>&1
assert_eq "$?" 1 "--strict exits 1 on a regression"

record "$BENCH_DIR/0003_ccccccc_20260103-000000.json" 3 105 61 15.5 46   # all within 10 %
"$SRC/scripts/bench" compare 1 3 --strict >"$out" 2>&1
assert_eq "$?" 0 "--strict exits 0 when all is within 10 %"
assert_no_line "$out" 'REGRESSION' "nothing flagged within 10 %"
"$SRC/scripts/bench" compare 1 >"$out" 2>&1
assert_line "$out" '^new +0003_' "the second record defaults to the latest"
"$SRC/scripts/bench" compare 1 9 >/dev/null 2>&1
assert_eq "$?" 2 "an unknown record is an error"
finish
