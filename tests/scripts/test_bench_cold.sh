#!/usr/bin/env bash
# The bench's cold table on a fake ./main: h5dread (self-timed: it times a second,
# warm read) is skipped with its reason, a run ended by SIGKILL is a row naming the
# signal and fails "no step killed by the kernel", the cold targets are checked and
# the warm story is not; the stated bound of v4 is computed from its chunk and width.
source "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/data/s"
: >"$TMP/data/s/data.hdf5"
export BENCH_MAIN="$SRC/tests/scripts/fake-main" BENCH_DATA="$TMP/data" BENCH_DIR="$TMP/records"
out="$TMP/out"

FAKE_MAIN_KILL=v5 "$SRC/scripts/bench" --cold --runs 3 --rounds 1 --versions v4,v5,v9 --no-charts s >"$out" 2>&1
assert_eq "$?" 0 "bench --cold exits 0 with a missed target"
assert_line "$out" '^size s: .* · cold: the data evicted from the page cache before every run$' "the size's header says cold"
assert_line "$out" '^h5dread skipped: it times its second read of the same bytes, from the page cache: never cold$' \
    "h5dread is skipped cold, with the reason"
assert_line "$out" '^v5 +failed: killed by signal 9 \(SIGKILL: the out-of-memory killer\?\)$' "a killed run names its signal"
assert_line "$out" '^✗ s +memory no step killed by the kernel: v5 +1 +\(needs ≤ 0\)$' "and fails the target, naming the step"
assert_line "$out" '^✓ s +cold +v9 cold ≤ 1\.3 × the cold floor +0\.90×' "v9 against the cold floor (9 / 10)"
# c = 960 (the image's height, below the chunk): 44 × 960² + 3 × 960 × 1280 bytes + 8 MB
assert_line "$out" '^✓ s +memory v4 peak ≤ 44c² \+ 3cW bytes \+ 8 MB +44\.0 MB +\(needs ≤ 52\.2 MB\)$' "v4's bound at s"
assert_no_line "$out" '^. s +story ' "a cold bench checks no warm story target"
record=$(ls "$TMP"/records/*.json 2>/dev/null | head -n 1)
assert_eq "$(jq -r '[.results[] | select(.version == "v5") | .signal] | .[0]' "${record:-/dev/null}")" 9 "the record keeps the signal"

"$SRC/scripts/bench" --runs 3 --rounds 1 --versions v4,v9 --no-charts --no-record s >"$out" 2>&1
assert_eq "$?" 0 "a warm bench exits 0"
assert_no_line "$out" '^. s +cold ' "a warm bench checks no cold target"
assert_line "$out" '^h5dread +20\.0' "and runs h5dread"
finish
