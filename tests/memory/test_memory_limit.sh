#!/usr/bin/env bash
# tests/memory/test_memory_limit.sh — size m (generated with --scale 2 into a
# scratch folder) under `prlimit --as` of 150 MB: m's probabilities alone are
# 157 MB, so no step that holds the whole map can fit, whatever ./main maps
# first.  Every whole-image step of the ladder (a step without `bounded`)
# refuses in one line, exit 1, naming the bytes needed, the bytes available and
# the bounded steps, and leaves no --out file (v3 on a missing xxl too, before
# generating anything); every bounded step runs under the
# same limit and writes the same PNG, byte for byte, as v3 without a limit.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
MAIN=$BLD/main GEN=$BLD/generate_data/generate_data
for exe in "$MAIN" "$GEN"; do [ -x "$exe" ] || { echo "skipped: $exe not built"; exit 77; }; done
command -v prlimit >/dev/null || { echo "skipped: prlimit (util-linux) is missing"; exit 77; }
LIMIT=150000000
# The limit is on address space, and glibc reserves 64 MB of it for each
# thread's malloc arena, used or not: with the OpenMP workers that made the
# bounded steps fail now and then at this limit.  One arena keeps the address
# space what the steps allocate.
export MALLOC_ARENA_MAX=1
# a sanitizer build maps terabytes of shadow memory and cannot start under any limit
prlimit --as=$LIMIT "$MAIN" list >/dev/null 2>&1 ||
    { echo "skipped: ./main does not start under prlimit --as=$LIMIT here (sanitizer build?)"; exit 77; }
"$GEN" --scale 2 --no-csv --out "$TMP" >/dev/null 2>"$TMP/gen.err" ||
    { fail "generate_data --scale 2"; cat "$TMP/gen.err" >&2; finish; }
DATA=$TMP/scale2
# v0 reads the CSVs; it is refused before it opens them, so empty ones do
touch "$DATA"/{0,1,2,3}.csv
steps=$("$MAIN" list --tsv | awk -F'\t' '$3 != "floor" { print $1 "\t" $4 }')
bounded=$(awk -F'\t' 'index("," $2 ",", ",bounded,") { printf "%s%s", (n++ ? ", " : ""), $1 }' <<<"$steps")
whole=$(awk -F'\t' '!index("," $2 ",", ",bounded,") { print $1 }' <<<"$steps")
if [ -z "$bounded" ] || [ -z "$whole" ]; then fail "the ladder has bounded and whole-image steps: '$bounded' / '$whole'"; fi
echo "bounded: $bounded; whole-image: $(xargs <<<"$whole")"

"$MAIN" v3 --data "$DATA" --out "$TMP/expected.png" >/dev/null || fail "v3 without a limit"
for v in $whole; do
    prlimit --as=$LIMIT "$MAIN" "$v" --data "$DATA" --out "$TMP/$v.png" >"$TMP/$v.out" 2>"$TMP/$v.err"
    assert_eq "$?" 1 "$v: exit 1 under the limit"
    assert_eq "$(wc -l <"$TMP/$v.err")" 1 "$v: one line"
    assert_line "$TMP/$v.err" "^main: out of memory: .*needs [0-9]+ bytes \([0-9.]+ [MG]B\) but [0-9]+ bytes \([0-9.]+ [MG]B\) are available .*can do it: $bounded$" \
        "$v: the bytes needed, the bytes available and the bounded steps"
    if [ -e "$TMP/$v.png" ]; then fail "$v: left $TMP/$v.png"; else pass "$v: no --out file"; fi
done
# a standard size not generated yet is judged by its size, before first use would
# write it (xxl: 38.7 GB of disk for v3 to refuse); under the limit, so that no
# machine's memory can let it through and start writing
prlimit --as=$LIMIT "$MAIN" v3 --data "$TMP/xxl" --generate >"$TMP/xxl.out" 2>"$TMP/xxl.err"
assert_eq "$?" 1 "v3 on a missing xxl: exit 1"
assert_line "$TMP/xxl.err" "^main: out of memory: v3 \(the whole 28800 × 38400 map and its image\) needs 38707200000 bytes" \
    "v3 on a missing xxl: refused by its size"
if [ -e "$TMP/xxl" ]; then fail "v3 on a missing xxl: $TMP/xxl was made"; else pass "v3 on a missing xxl: nothing generated"; fi

for v in $(tr -d , <<<"$bounded"); do
    prlimit --as=$LIMIT "$MAIN" "$v" --data "$DATA" --out "$TMP/$v.png" >"$TMP/$v.out" 2>"$TMP/$v.err"
    assert_eq "$?" 0 "$v: runs under the limit"; [ -s "$TMP/$v.err" ] && sed "s/^/    | /" "$TMP/$v.err" >&2
    if cmp -s "$TMP/$v.png" "$TMP/expected.png"; then pass "$v: the same image as v3, byte for byte"
    else fail "$v: its image differs from v3's"; fi
done
finish
