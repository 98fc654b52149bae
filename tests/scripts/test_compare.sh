#!/usr/bin/env bash
# `scripts/bench compare`: a change is called by the project's one noise rule
# (scripts/lib.jq: separated) — 3 or more runs a side, the middle halves of the
# runs apart, the medians more than 10 % apart; everything else is `~`.  On
# fabricated records (runs chosen by hand) and on two real records of one commit
# taken a minute apart on a busy machine (records/): noise is not called, a clear
# change is, a busy record is named, --strict turns slower/bigger into exit 1.
source "$(dirname "$0")/lib.sh"
export BENCH_DIR="$TMP/records"
mkdir -p "$BENCH_DIR"

# record FILE ROWS_JSON: ROWS_JSON is [[version, [walls…], [peaks…]], …] at size s
record() {
    jq -n --argjson rows "$2" '{name: "x", number: 1, commit: "abcdef0", results: ([
        $rows[] | {size: "s", version: .[0], status: "ok",
                   wall_ms: (.[1] | sort | .[length / 2 | floor]), peak_rss_mb: (.[2] | sort | .[length / 2 | floor]),
                   runs: [.[1] as $w | .[2] as $p | range($w | length) | {wall_ms: $w[.], peak_rss_mb: $p[.]}]}]
        + [{size: "s", version: "v0", status: "skipped", note: "no CSV"}])}' >"$1"
}
list() { local IFS=,; printf '[%s]' "$*"; }
m40=$(list 40 40 40 40 40 40 40 40 40) m44=$(list 44 44 44 44 44 44 44 44 44) m55=$(list 55 55 55 55 55 55 55 55 55)

# base: floor, v3, v4, v5, v7, v8 with 9 runs each, v1 with 5, v2 with 2
record "$BENCH_DIR/0001_aaaaaaa_20260101-000000.json" "[
  [\"floor\", $(list 10 11 9 10 12 10 11 9.5 10.5), $m40],
  [\"v1\",    $(list 100 101 99 100 102), $(list 90 90 90 90 90)],
  [\"v2\",    $(list 100 101), $(list 90 90)],
  [\"v3\",    $(list 100 104 98 101 99 102 100 103 97), $m55],
  [\"v4\",    $(list 60 62 59 61 60 61 60 62 59), $m44],
  [\"v5\",    $(list 20 21 22 23 24 25 26 27 28), $m44],
  [\"v7\",    $(list 15 16 14 15 15 15 16 14 15), $m44],
  [\"v8\",    $(list 10 10 10 10 10 10 10 10 30), $m44]]"
# new: floor 20 % faster (faster); v1 50 % slower with 5 runs a side (slower); v2 50 %
# slower with 2 runs a side (~: too few); v3 20 % slower (slower); v4 6 % slower, runs
# apart (~: under 10 %); v5 25 % slower, the middle halves overlap (~); v7 20 % bigger
# (bigger); v8 30 % slower, whole ranges overlapping through one outlier a side but the
# middle halves apart (slower: an outlier does not hide a change)
record "$BENCH_DIR/0002_bbbbbbb_20260102-000000.json" "[
  [\"floor\", $(list 8 8.5 7.5 8 8.2 8.1 7.9 8.3 7.8), $m40],
  [\"v1\",    $(list 150 151 149 150 152), $(list 90 90 90 90 90)],
  [\"v2\",    $(list 150 151), $(list 90 90)],
  [\"v3\",    $(list 120 125 118 121 119 122 120 123 117), $m55],
  [\"v4\",    $(list 63.5 64 63 63.2 64 63.8 63.3 63.6 63.1), $m44],
  [\"v5\",    $(list 22 24 26 28 30 32 34 36 38), $m44],
  [\"v7\",    $(list 15 16 14 15 15 15 16 14 15), $(list 53 53 53 53 53 53 53 53 53)],
  [\"v8\",    $(list 13 13 13 13 13 13 13 13 9), $m44]]"

out="$TMP/out"
"$SRC/scripts/bench" compare 0001 0002 >"$out" 2>&1
assert_eq "$?" 0 "compare exits 0 without --strict"
assert_line "$out" 'a change is called when the middle halves of the runs \(3 or more a side\) do not overlap and the medians differ by more than 10 %' \
    "it states the rule it applies"
assert_line "$out" '^s +v3 +100 ± 2 \[97\.0–104\] +120 ± 2 \[117–125\] +1\.20× +slower ' "a 20 % slower v3 is slower"
assert_line "$out" '^s +v4 +60\.0 ± 1\.0 \[59\.0–62\.0\] +63\.5 ± 0\.3 \[63\.0–64\.0\] +1\.06× +~ ' \
    "a 6 % slower v4 is ~ although its runs separate"
assert_line "$out" '^s +v5 .* 1\.25× +~ ' "a 25 % slower v5 whose middle halves overlap is ~"
assert_line "$out" '^s +v7 .* +~ +44\.00 +53\.00 +1\.20× +bigger$' "a 20 % bigger peak is bigger"
assert_line "$out" '^s +floor .* 0\.80× +faster ' "a 20 % faster floor is faster"
assert_line "$out" '^s +v1 +100 ± 1 \[99\.0–102\] +150 ± 1 \[149–152\] +1\.50× +slower ' "5 runs a side, 50 % apart: slower"
assert_line "$out" '^s +v2 .* 1\.50× +~ ' "2 runs a side are never called"
assert_line "$out" '^s +v8 .* \[9\.00–13\.0\] +1\.30× +slower ' "an outlier does not hide a change"
assert_no_line "$out" '^s +v0' "a skipped version is not compared"
assert_line "$out" '^8 compared: time 3 slower, 1 faster; memory 1 bigger, 0 smaller; the rest ~$' "the totals"

"$SRC/scripts/bench" compare 1 2 --strict >/dev/null 2>&1
assert_eq "$?" 1 "--strict exits 1 when something got slower or bigger"

# The rule is lib.jq's, the one the tables and the documents apply: a change in it shows here.
jq -nr -L "$SRC/scripts" 'include "lib"; [separated_runs([1,1,1]; [2,2,2]), separated_runs([1,1,1]; [1.05,1.05,1.05]),
    separated_runs([1,1]; [2,2]), separated_runs([1,1,1,1,9]; [2,2,2,2,0])] | map(tostring) | join(" ")' >"$out"
assert_eq "$(cat "$out")" "true false false true" "separated: apart and > 10 %; not within 10 %; not with 2 runs; not fooled by one outlier"

# Two real records of one commit a minute apart, the second on a busy machine: the
# rule cannot tell the machine's load from a change, so compare names the busy record.
cp "$SRC/tests/scripts/records/same-commit-a.json" "$BENCH_DIR/0003_d4d9205_20261202-033011.json"
cp "$SRC/tests/scripts/records/same-commit-b.json" "$BENCH_DIR/0004_d4d9205_20261202-033048.json"
"$SRC/scripts/bench" compare 3 4 >"$out" 2>&1
assert_line "$out" '^s +v7 +15\.3 .* 3\.72× +~ ' "a median 3.7× apart whose runs overlap is ~"
assert_line "$out" '^note: 0004_d4d9205_.*load average 4\.11 on 2 cores: a busy machine' "a busy record is pointed out"

# A record without stored runs (an old one): medians shown, never called.
jq 'del(.results[].runs)' "$BENCH_DIR/0002_bbbbbbb_20260102-000000.json" >"$BENCH_DIR/0007_eeeeeee_20260105-000000.json"
"$SRC/scripts/bench" compare 1 7 >"$out" 2>&1
assert_line "$out" '^s +v3 +100 ± 2 \[97\.0–104\] +120 ± – \[–\] +1\.20× +~ ' "no stored runs: ~"
assert_line "$out" 'without stored runs: never called' "and it says why"

"$SRC/scripts/bench" compare 1 >"$out" 2>&1
assert_line "$out" '^new +0007_' "the second record defaults to the latest"
"$SRC/scripts/bench" compare 1 9 >/dev/null 2>&1
assert_eq "$?" 2 "an unknown record is an error"
"$SRC/scripts/bench" compare 1 2 --threshold 5 >"$out" 2>&1
assert_eq "$?" 2 "an unknown option is a usage error"
assert_line "$out" "^scripts/bench compare: unknown option '--threshold'" "naming it"
finish
