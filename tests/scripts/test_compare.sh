#!/usr/bin/env bash
# `scripts/bench compare`: a change is called only when the stored runs of the
# two records separate, there are at least 9 a side, and the medians differ by
# more than 10 %; everything else is `~`.  On fabricated records (runs chosen by hand) and on two real
# records of one commit taken a minute apart (records/, medians up to 3.7×
# apart): noise is never called, a clear change is, --alpha switches to the
# Mann–Whitney test, --strict turns slower/bigger into exit 1.
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

# base: floor, v3, v4, v5, v7 with 9 runs each, v1 with 5 (as scripts/bench takes them)
record "$BENCH_DIR/0001_aaaaaaa_20260101-000000.json" "[
  [\"floor\", $(list 10 11 9 10 12 10 11 9.5 10.5), $m40],
  [\"v1\",    $(list 100 101 99 100 102), $(list 90 90 90 90 90)],
  [\"v3\",    $(list 100 104 98 101 99 102 100 103 97), $m55],
  [\"v4\",    $(list 60 62 59 61 60 61 60 62 59), $m44],
  [\"v5\",    $(list 20 21 22 23 24 25 26 27 28), $m44],
  [\"v7\",    $(list 15 16 14 15 15 15 16 14 15), $m44]]"
# new: floor 20 % faster, runs apart (faster); v1 50 % slower, runs apart, but
# 5 a side (~); v3 20 % slower, runs apart (slower); v4 6 % slower, runs apart
# (~: under 10 %); v5 25 % slower, the runs overlap (~; p = 0.006);
# v7 20 % bigger, runs apart (bigger)
record "$BENCH_DIR/0002_bbbbbbb_20260102-000000.json" "[
  [\"floor\", $(list 8 8.5 7.5 8 8.2 8.1 7.9 8.3 7.8), $m40],
  [\"v1\",    $(list 150 151 149 150 152), $(list 90 90 90 90 90)],
  [\"v3\",    $(list 120 125 118 121 119 122 120 123 117), $m55],
  [\"v4\",    $(list 63.5 64 63 63.2 64 63.8 63.3 63.6 63.1), $m44],
  [\"v5\",    $(list 23 25 27 29 30 31 33 34 35), $m44],
  [\"v7\",    $(list 15 16 14 15 15 15 16 14 15), $(list 53 53 53 53 53 53 53 53 53)]]"

out="$TMP/out"
"$SRC/scripts/bench" compare 0001 0002 >"$out" 2>&1
assert_eq "$?" 0 "compare exits 0 without --strict"
assert_line "$out" '^s +v3 +100 ± 2 \[97\.0–104\] +120 ± 2 \[117–125\] +1\.20× +0\.000 +slower ' \
    "a 20 % slower v3 whose runs separate is slower (p = 2/48620, exact)"
assert_line "$out" '^s +v4 +60\.0 ± 1\.0 \[59\.0–62\.0\] +63\.5 ± 0\.3 \[63\.0–64\.0\] +1\.06× +0\.000 +~ ' \
    "a 6 % slower v4 is ~ although its runs separate"
assert_line "$out" '^s +v5 .* 1\.25× +0\.006 +~ ' "a 25 % slower v5 whose runs overlap is ~ (p = 0.006)"
assert_line "$out" '^s +v7 .* +~ +44\.00 +53\.00 +1\.20× +bigger$' "a 20 % bigger peak whose runs separate is bigger"
assert_line "$out" '^s +floor .* 0\.80× +0\.000 +faster ' "a 20 % faster floor is faster"
assert_line "$out" '^s +v1 +100 ± 1 \[99\.0–102\] +150 ± 1 \[149–152\] +1\.50× +0\.008 +~ ' \
    "5 runs a side, 50 % apart and separate: ~ (fewer than 9)"
assert_line "$out" 'fewer than 9 runs a side: never called' "and it says why"
assert_no_line "$out" '^s +v0' "a skipped version is not compared"
assert_line "$out" '^6 compared: time 1 slower, 1 faster; memory 1 bigger, 0 smaller; the rest ~$' "the totals"

"$SRC/scripts/bench" compare 1 2 --strict >/dev/null 2>&1
assert_eq "$?" 1 "--strict exits 1 when something got slower or bigger"

"$SRC/scripts/bench" compare 1 2 --min-runs 5 >"$out" 2>&1
assert_line "$out" '^s +v1 .* 1\.50× +0\.008 +slower ' "--min-runs 5: the 5-run v1 is called"

# --alpha: the Mann–Whitney test instead of separation
"$SRC/scripts/bench" compare 1 2 --alpha 0.05 >"$out" 2>&1
assert_line "$out" '^s +v5 .* 1\.25× +0\.006 +slower ' "with --alpha 0.05, v5 (p = 0.006, +25 %) is slower"
assert_line "$out" 'a change is called only when p < 0\.05' "--alpha says which rule it uses"

# Two real records of one commit a minute apart, on a busy machine: nothing called.
cp "$SRC/tests/scripts/records/same-commit-a.json" "$BENCH_DIR/0003_d4d9205_20261202-033011.json"
cp "$SRC/tests/scripts/records/same-commit-b.json" "$BENCH_DIR/0004_d4d9205_20261202-033048.json"
"$SRC/scripts/bench" compare 3 4 --strict >"$out" 2>&1
assert_eq "$?" 0 "the same commit twice: --strict exits 0"
assert_line "$out" '^s +v7 +15\.3 .* 3\.72× ' "the records' medians differ up to 3.7×"
assert_line "$out" '^10 compared: time 0 slower, 0 faster; memory 0 bigger, 0 smaller; the rest ~$' \
    "the same commit twice: every row ~"
assert_line "$out" '^note: 0004_d4d9205_.*load average 4\.11 on 2 cores: a busy machine' "a busy record is pointed out"

# 3 runs a side can never be called, even with --min-runs 3 (p = 0.1 at best).
record "$BENCH_DIR/0005_ccccccc_20260103-000000.json" '[["v3", [100, 101, 99], [55, 55, 55]]]'
record "$BENCH_DIR/0006_ddddddd_20260104-000000.json" '[["v3", [150, 151, 149], [55, 55, 55]]]'
"$SRC/scripts/bench" compare 5 6 --min-runs 3 >"$out" 2>&1
assert_line "$out" '^s +v3 .* 1\.50× +0\.100 +~ ' "3 runs a side, 50 % apart: ~ (p = 0.1 at best)"

# A record without stored runs (an old one): medians shown, never called.
jq 'del(.results[].runs)' "$BENCH_DIR/0002_bbbbbbb_20260102-000000.json" >"$BENCH_DIR/0007_eeeeeee_20260105-000000.json"
"$SRC/scripts/bench" compare 1 7 >"$out" 2>&1
assert_line "$out" '^s +v3 +100 ± 2 \[97\.0–104\] +120 ± – \[–\] +1\.20× +– +~ ' "no stored runs: ~"
assert_line "$out" 'without stored runs: never called' "and it says why"

"$SRC/scripts/bench" compare 1 >"$out" 2>&1
assert_line "$out" '^new +0007_' "the second record defaults to the latest"
"$SRC/scripts/bench" compare 1 9 >/dev/null 2>&1
assert_eq "$?" 2 "an unknown record is an error"
"$SRC/scripts/bench" compare 1 2 --threshold ten >/dev/null 2>&1
assert_eq "$?" 2 "a bad --threshold is a usage error"
finish
