#!/usr/bin/env bash
# The bench's table, targets and record, on a fake ./main whose figures are
# known: medians ± MAD (not means), the ratios to the floor and to each
# parent, a skipped v0 (no CSV), a failed v5, the ✓/✗ lines, and the record
# name, numbering and content; the floors, the one-thread table, the rounds and
# the later targets (v4 against v3, v9 against the floor and v8, one core).
source "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/data/s"
: >"$TMP/data/s/data.hdf5"          # the bench only checks that the file is there
export BENCH_MAIN="$SRC/tests/scripts/fake-main" BENCH_DATA="$TMP/data" BENCH_DIR="$TMP/records"
out="$TMP/out"

"$SRC/scripts/bench" --runs 3 --rounds 1 --versions v0,v2,v3,v4,v7 --no-charts s >"$out" 2>&1
assert_eq "$?" 0 "bench exits 0 even with missed targets"

assert_line "$out" '^size s: 960 × 1280 pixels · median of 3 runs' "the size block's header"
assert_line "$out" '^floor +10\.0 ± 1\.0 ms – +4\.00 MB +1\.00× +– +–' "the floor row, median ± MAD of 10 12 9"
assert_line "$out" '^v0 +skipped: no CSV' "v0 skipped without CSV"
assert_line "$out" '^v3 +100 ± 10 ms – +55\.00 MB +10\.0× +– +v2 – +60\.0 \+ +40\.0 ms +100 ms +100$' \
    "the v3 row: median 100 ± 10 of 100 300 90 (mean would be 163), its parent v2 failed, load/compute split, faults"
assert_line "$out" '^v4 +60\.0 ± 1\.0 ms – +44\.00 MB +6\.00× +– +v3 1\.67×' "v4: × floor and vs its parent (v3)"
assert_line "$out" '^v2 +failed: main: v2 is not written yet' "a failing version is a row, not an abort"
assert_line "$out" '^v7 +15\.0 ± 1\.0 ms – +45\.00 MB +1\.50× +– +v4 4\.00× · v6 – ' "v7: vs each of its parents (v6 not measured)"

assert_line "$out" '^h5dread +20\.0 ± 1\.0 ms – +40\.00 MB +2\.00× +– +–' "the h5dread row beside the floor"
assert_line "$out" "^targets \(the ladder.s story, the floor, memory, one core, Python;" "the targets say what they check"
assert_no_line "$out" "[Ii]ssues? [0-9]" "the output cites no issue number"
assert_line "$out" '^– s +floor +v8 time ≤ 2 × h5dread +–' "the floor target, v8 against h5dread (v8 not run here)"
assert_line "$out" '^✓ s +story +v4 time ≤ 1\.2 × v3 time +0\.60×' "v4 against v3"
assert_line "$out" '^✓ s +floor +no step below the floor beyond the noise +1\.50×' "nothing beats the floor"
assert_line "$out" '^✓ s +story +v7 at least 1\.5× faster than v4 +4\.00× +\(needs ≥ 1\.50×\)' "the story check v7 vs v4, its limit from targets.tsv"
assert_line "$out" '^✓ s +story +v7 peak within 10 % of v4 peak +102 %' "v7 peak vs v4 peak"
assert_line "$out" '^– s +story +v1 faster than v0' "unmeasured checks are –"
assert_line "$out" '^✗ s +memory v7 peak ≤ 35c² \+ 3cW bytes \+ 8 MB +45\.0 MB +\(needs ≤ 43\.9 MB\)$' "v7 over its stated bound (c = 960, the height)"
assert_line "$out" '^7 met, 1 missed, 8 not measured$' "the totals (no Python target without --python)"

shopt -s nullglob
records=("$TMP/records"/*.json)
assert_eq "${#records[@]}" 1 "one record written"
name=$(basename "${records[0]:-none}" .json)
if [[ $name =~ ^0001_[0-9a-f]{4,}_[0-9]{8}-[0-9]{6}$ || $name =~ ^0001_unknown_[0-9]{8}-[0-9]{6}$ ]]; then
    pass "record name $name"
else
    fail "record name $name is not NNNN_<commit>_<YYYYmmdd-HHMMSS>"
fi
r=${records[0]:-/dev/null}
assert_jq "$r" '.number == 1 and (.machine.cores > 0) and (.machine.kernel | length > 0)
                and (.machine | has("thp_enabled") and has("hdf5_version") and has("compiler"))' \
    "the record holds the machine context"
[ ! -f "$SRC/build/meson-info/intro-dependencies.json" ] ||
    assert_jq "$r" '.machine.hdf5_version | test("^[0-9]+[.][0-9]+")' "the HDF5 version is recorded (meson names it hdf5-serial)"
assert_jq "$r" '[.results[] | select(.version == "v3")][0] | .wall_ms == 100 and .wall_mad_ms == 10
                and .peak_mad_mb == 0 and (.runs | length) == 3 and .status == "ok" and .size == "s"' \
    "v3's result: median 100 ± 10 of 3 runs, the spread stored in the record"
assert_jq "$r" '[.results[] | .status] == ["ok", "ok", "skipped", "failed", "ok", "ok", "ok"]' \
    "every (version, size) is in the record, with its status"
assert_jq "$r" 'any(.targets[]; .name == "v8 time ≤ 2 × h5dread" and .ok == null)' \
    "the targets are in the record"

assert_line "$out" '^close calls \(within 10 % of the limit: may flip' "close calls are listed"
assert_line "$out" '^  s: v7 peak within 10 % of v4 peak: 102 % against 110 %$' "v7's peak at 102 % of v4's is within 10 % of 110 %"
assert_no_line "$out" '^  s: v7 time ≤ 2 × floor' "1.5× against 2 is not close"

"$SRC/scripts/bench" show 1 >"$out" 2>&1
assert_line "$out" '^v3 +100 ± 10 ms – +55\.00 MB +10\.0× +– +v2 – +60\.0 \+ +40\.0 ms +100 ms +100$' "bench show prints a saved record's row again"
assert_line "$out" '^✓ s +story +v4 time ≤ 1\.2 × v3 time +0\.60×' "and its targets"

"$SRC/scripts/bench" --runs 3 --fresh --versions v3 --no-charts s >"$out" 2>&1
records=("$TMP/records"/*.json)
assert_eq "${#records[@]}" 2 "a second run writes a second record"
assert_eq "$(basename "${records[1]:-none}" | cut -c1-5)" "0002_" "numbered one above the last"
assert_line "$out" 'in fresh processes' "--fresh says so"
assert_line "$out" '^v3 +100 ± 0 ms' "--fresh pools one run from each of 3 processes (each its first: 100)"

# Rounds: every version once per round, in ladder order, the runs pooled.
export FAKE_MAIN_LOG="$TMP/calls"
"$SRC/scripts/bench" --runs 7 --rounds 3 --versions v3,v4 --no-record s >"$out" 2>&1
calls=$(sed -E 's/ --data [^ ]+//; s/ --json//; s/ --warmup 1//' "$FAKE_MAIN_LOG" | tr '\n' '|')
assert_eq "$calls" "probe|floor --repeat 1|floor --repeat 3|h5dread --repeat 3|v3 --repeat 3|v4 --repeat 3|floor --repeat 2|h5dread --repeat 2|v3 --repeat 2|v4 --repeat 2|floor --repeat 2|h5dread --repeat 2|v3 --repeat 2|v4 --repeat 2|" \
    "3 rounds through the ladder, 7 runs split 3 + 2 + 2"
assert_line "$out" '^size s: .* median of 7 runs in 3 rounds, each after 1 warm-up · 2 threads' "the header says so"
assert_line "$out" '^v3 +100 ± ' "the pooled median of v3 (100 300 90 | 100 300 | 100 300)"
unset FAKE_MAIN_LOG

"$SRC/scripts/bench" --runs 1 --threads 1 --versions v3 --no-record s >"$out" 2>&1
assert_line "$out" '^size s: .* · 1 thread · huge pages on$' "one thread is \"1 thread\""

# The ladder comes from ./main list: a step the table has, the bench knows (v8).
"$SRC/scripts/bench" --runs 1 --rounds 1 --versions v8 --no-record s >"$out" 2>&1
assert_line "$out" '^v8 +7\.00 ± ' "v8, from main list --tsv, is run"
# The versions come from `main list --tsv` (v8, v9 are known); a
# one-thread table beside the default one; runs pooled over rounds; a step
# faster than the floor beyond noise is flagged (v8: 7 7 8 against 9 10 12),
# one within it is not (v9: 8 9 9); the xl targets.
mkdir -p "$TMP/data/xl"
: >"$TMP/data/xl/data.hdf5"
"$SRC/scripts/bench" --runs 6 --rounds 2 --one-thread --versions v8,v9 --no-record xl >"$out" 2>&1
assert_eq "$?" 0 "bench --one-thread --rounds 2 exits 0"
assert_line "$out" '^size xl: .* median of 6 runs in 2 rounds, each after 1 warm-up · 2 threads' "runs pooled over rounds"
assert_line "$out" '^size xl: .* · 1 thread · ' "the one-thread table"
assert_line "$out" '^floor +20\.0 ± 2\.0 ms – +4\.00 MB +1\.00×' "the one-thread floor (twice the time)"
assert_line "$out" '^v8 +7\.00 ± 0\.00 ms .* 0\.70× .*⚠ below the floor$' "a step below the floor beyond noise is flagged"
assert_no_line "$out" '^v9 .*below the floor' "one within the noise is not"
assert_line "$out" '^v9 +9\.00 ± 0\.00 ms – +9\.00 MB +0\.90× +– +v8 0\.78×' "vs parent: v9's parent in the ladder (v8)"
assert_line "$out" '^✗ xl floor +no step below the floor beyond the noise: v8 +0\.70×' "the floor target names v8"
assert_line "$out" '^✓ xl floor +v9 time ≤ 1\.5 × floor +0\.90×' "v9 against the floor"
assert_line "$out" '^✗ xl story +v9 faster than v8, beyond the noise +0\.78× +\(needs > 1\.00×, beyond the noise\)' "v9 against v8, by the noise rule"
assert_line "$out" '^✓ xl memory v9 peak ≤ 32 MB +9\.0 MB +\(needs ≤ 32\.0 MB\)' "v9's peak"
assert_line "$out" '^✓ xl 1-core v9, 1 thread, ≤ 1\.5 × floor, 1 thread +0\.90×' "v9 with one thread"
assert_line "$out" '^✓ xl 1-core fastest, 1 thread \(v8\), ≤ 1\.5 × floor, 1 thread +0\.70×' "the fastest with one thread"

# xl without the one-thread table: the one-core targets are "not measured", not a jq
# error that empties the targets while the bench exits 0.
"$SRC/scripts/bench" --runs 3 --versions v8,v9 --no-record xl >"$out" 2>&1
assert_eq "$?" 0 "a bench at xl without --one-thread exits 0"
assert_no_line "$out" 'jq: error' "and no jq error"
assert_line "$out" '^– xl 1-core fastest, 1 thread \(–\), ≤ 1\.5 × floor, 1 thread +–' "the fastest one-thread step: not measured"
assert_line "$out" '^✓ xl memory v9 peak ≤ 32 MB' "the other xl targets are printed"

# A jq error is a bug, never a report: the bench exits 1 and says so.
FAKE_MAIN_PEAK='"big"' "$SRC/scripts/bench" --runs 3 --versions v8,v9 --no-record xl >"$out" 2>&1
assert_eq "$?" 1 "a jq error ends the bench with exit 1"
assert_line "$out" '^scripts/bench: jq failed [0-9]+ time\(s\)' "naming what failed"

"$SRC/scripts/bench" --versions v99 s >"$out" 2>&1
assert_eq "$?" 2 "an unknown version is a usage error"
finish
