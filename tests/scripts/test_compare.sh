#!/usr/bin/env bash
# `scripts/bench compare`: a change is called only when the stored runs of the
# two records separate and the medians differ by more than 10 %; everything
# else is `~`.  On fabricated records (runs chosen by hand) and on two real
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
five() { printf '[%s,%s,%s,%s,%s]' "$@"; }
m40=$(five 40 40 40 40 40) m44=$(five 44 44 44 44 44) m55=$(five 55 55 55 55 55)

# base: floor, v3, v4, v5, v7 with 5 runs each
record "$BENCH_DIR/0001_aaaaaaa_20260101-000000.json" "[
  [\"floor\", $(five 10 11 9 10 12), $m40],
  [\"v3\",    $(five 100 104 98 101 99), $m55],
  [\"v4\",    $(five 60 62 59 61 60), $m44],
  [\"v5\",    $(five 20 30 25 22 28), $m44],
  [\"v7\",    $(five 15 16 14 15 15), $m44]]"
# new: v3 20 % slower, runs apart (slower); v4 5 % slower, runs apart (~: under 10 %);
# v5 40 % slower but the runs overlap by one (~; p = 0.016); v7 20 % bigger, runs apart (bigger);
# floor 20 % faster, runs apart (faster)
record "$BENCH_DIR/0002_bbbbbbb_20260102-000000.json" "[
  [\"floor\", $(five 8 8.5 7.5 8 8.2), $m40],
  [\"v3\",    $(five 120 125 118 121 119), $m55],
  [\"v4\",    $(five 63 64 63.5 63.2 64), $m44],
  [\"v5\",    $(five 35 29 36 34 38), $m44],
  [\"v7\",    $(five 15 16 14 15 15), $(five 53 53 53 53 53)]]"

out="$TMP/out"
"$SRC/scripts/bench" compare 0001 0002 >"$out" 2>&1
assert_eq "$?" 0 "compare exits 0 without --strict"
assert_line "$out" '^s +v3 +100 \[98\.0–104\] +120 \[118–125\] +1\.20× +0\.008 +slower ' \
    "a 20 % slower v3 whose runs separate is slower (p = 2/252, exact)"
assert_line "$out" '^s +v4 +60\.0 \[59\.0–62\.0\] +63\.5 \[63\.0–64\.0\] +1\.06× +0\.008 +~ ' \
    "a 6 % slower v4 is ~ although its runs separate"
assert_line "$out" '^s +v5 .* 1\.40× +[0-9.]+ +~ ' "a 40 % slower v5 whose runs overlap is ~"
assert_line "$out" '^s +v7 .* +~ +44\.00 +53\.00 +1\.20× +bigger$' "a 20 % bigger peak whose runs separate is bigger"
assert_line "$out" '^s +floor .* 0\.80× +0\.008 +faster ' "a 20 % faster floor is faster"
assert_no_line "$out" '^s +v0' "a skipped version is not compared"
assert_line "$out" '^5 compared: time 1 slower, 1 faster; memory 1 bigger, 0 smaller; the rest ~$' "the totals"

"$SRC/scripts/bench" compare 1 2 --strict >/dev/null 2>&1
assert_eq "$?" 1 "--strict exits 1 when something got slower or bigger"

# --alpha: the Mann–Whitney test instead of separation
"$SRC/scripts/bench" compare 1 2 --alpha 0.05 >"$out" 2>&1
assert_line "$out" '^s +v5 .* 1\.40× +0\.016 +slower ' "with --alpha 0.05, v5 (p = 4/252 < 0.05, +40 %) is slower"
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

# Too few runs: 3 a side can never be called, even 50 % apart and separated.
record "$BENCH_DIR/0005_ccccccc_20260103-000000.json" '[["v3", [100, 101, 99], [55, 55, 55]]]'
record "$BENCH_DIR/0006_ddddddd_20260104-000000.json" '[["v3", [150, 151, 149], [55, 55, 55]]]'
"$SRC/scripts/bench" compare 5 6 >"$out" 2>&1
assert_line "$out" '^s +v3 .* 1\.50× +0\.100 +~ ' "3 runs a side, 50 % apart: ~ (p = 0.1 at best)"
assert_line "$out" 'too few runs to call a change' "and it says why"

# A record without stored runs (an old one): medians shown, never called.
jq 'del(.results[].runs)' "$BENCH_DIR/0002_bbbbbbb_20260102-000000.json" >"$BENCH_DIR/0007_eeeeeee_20260105-000000.json"
"$SRC/scripts/bench" compare 1 7 >"$out" 2>&1
assert_line "$out" '^s +v3 +100 \[98\.0–104\] +120 \[–\] +1\.20× +– +~ ' "no stored runs: ~"
assert_line "$out" 'without stored runs: never called' "and it says why"

"$SRC/scripts/bench" compare 1 >"$out" 2>&1
assert_line "$out" '^new +0007_' "the second record defaults to the latest"
"$SRC/scripts/bench" compare 1 9 >/dev/null 2>&1
assert_eq "$?" 2 "an unknown record is an error"
"$SRC/scripts/bench" compare 1 2 --threshold ten >/dev/null 2>&1
assert_eq "$?" 2 "a bad --threshold is a usage error"
finish
