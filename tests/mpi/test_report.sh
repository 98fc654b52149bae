#!/usr/bin/env bash
# tests/mpi/test_report.sh MAIN-MPI TINY-DATA MPI-DATA — main-mpi's report: --help,
# --version, the text table with --repeat (one line per run, the median), --show
# and --json (report.c's object plus the ranks' own figures), on 2 ranks; and
# mpi/measure.sh, one round on the same tiny set.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
# shellcheck source=tests/mpi/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
tiny data 50 40 || { fail "tiny_data failed"; finish; }

run_job 2 -- --help
assert_eq "$status" 0 "--help exits 0"
assert_eq "$(grep -c '^Usage: mpirun -np N main-mpi' "$TMP/out")" 1 "--help: printed once, by rank 0"
run_job 2 -- --version
assert_line "$TMP/out" "^main-mpi \\(Profile, Optimize, Repeat — in C\\) " "--version"

run_job 2 -- --data "$TMP/data" --repeat 3 --warmup 1 --threads 1
assert_eq "$status" 0 "--repeat 3: exit 0"
assert_line "$TMP/out" "^main-mpi on .*data: 50 × 40 pixels, 2 ranks × 1 OpenMP thread, huge pages on$" \
    "header: size, ranks and threads"
assert_eq "$(grep -c '^mpi ' "$TMP/out")" 3 "one line per timed run"
assert_line "$TMP/out" "^  OpenMP wait policy passive \\(" "the wait policy, as ./main reports it"
assert_line "$TMP/out" "^median of 3: [0-9]+ ms – [0-9.]+ MB   load [0-9]+ ms · compute [0-9]+ ms$" \
    "the median line"

run_job 2 -- --data "$TMP/data" --show "$TMP/side-mpi.png"
"$MAIN" v7 --data "$TMP/data" --show "$TMP/side-v7.png" >/dev/null 2>&1
assert_eq "$status" 0 "--show: exit 0"
cmp -s "$TMP/side-mpi.png" "$TMP/side-v7.png" && pass "--show: ./main v7's picture" ||
    fail "--show: differs from ./main v7's picture"

run_job 2 -- --data "$TMP/data" --repeat 2 --json --transfer collective --band-rows 4
assert_eq "$status" 0 "--json: exit 0"
cp "$TMP/out" "$TMP/json"
assert_jq "$TMP/json" '.version == "mpi" and .program == "main-mpi" and .ranks == 2' "--json: who"
assert_jq "$TMP/json" '.height == 50 and .width == 40 and .band_rows == 4 and .chunk_size == 4' \
    "--json: shape and bands"
assert_jq "$TMP/json" '(.runs | length) == 2 and (.median_rank_peak_mb | length) == 2' \
    "--json: runs and per-rank peaks"
assert_jq "$TMP/json" '.median_rank_rows == [25, 25] and .transfer == "collective" and .io_mode == "collective"' \
    "--json: rows per rank, collective transfer done collectively"
assert_jq "$TMP/json" '.median_peak_rss_mb > 0 and ((.median_rank_peak_mb | add) - .median_peak_rss_mb | fabs) < 0.01' \
    "--json: the job's peak is the ranks' peaks added up"

# mpi/measure.sh, the README's table, once round on the tiny set: a header and
# one row of numbers per configuration.
BUILD=$BLD ROUNDS=1 REPEAT=1 "$SRC/mpi/measure.sh" "$TMP/data" >"$TMP/table" 2>"$TMP/table.err"
assert_eq "$?" 0 "mpi/measure.sh: exit 0"
assert_eq "$(grep -cE '^data +(main|mpi) .* [0-9.]+$' "$TMP/table")" 9 "mpi/measure.sh: nine rows"
assert_line "$TMP/table" "^data +mpi 4 × 1 collective +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+  [0-9.]+ · [0-9.]+ · [0-9.]+ · [0-9.]+ +[0-9.]+$" \
    "mpi/measure.sh: a row with every column and four ranks' peaks"
finish
