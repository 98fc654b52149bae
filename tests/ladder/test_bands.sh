#!/usr/bin/env bash
# tests/ladder/test_bands.sh — the band steps' memory does not grow with the
# image's height, the whole-image steps' does.
#
# Two tall, narrow images of the same width (tests/valgrind/tiny_data,
# HDF5 only): H rows and 4H rows.  At 4H the whole output is 9 MiB larger and
# the probabilities 96 MiB larger.  v4, v7, v8 and v9 hand their output to the
# driver band by band, so their peak (./main --json) must stay within
# TOLERANCE_MB between H and 4H; a step that held the whole output would grow
# by 9 MiB.  v3 holds the whole map and must grow by most of the 96 MiB.  Every
# step's digest is the same on one image.  Under an address-space limit
# (prlimit --as) smaller than v3's need at 4H, v3 fails with one line and exit
# 1, and the band steps still run, with the same digest.  On data/s every step
# of the ladder prints the same digest, and --out gives the same PNG file from
# v0 (whole image) as from each band step.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

TINY=$BLD/tests/valgrind/tiny_data MAIN=${MAIN:-$BLD/main}
if [ ! -x "$TINY" ] || [ ! -x "$MAIN" ]; then echo "skipped: build $TINY and $MAIN first"; exit 77; fi
WIDTH=512 HEIGHT=2048 TOLERANCE_MB=2 LIMIT_KB=150000
BANDS=(v4 v7 v8 v9)

mkdir "$TMP/h" "$TMP/4h" && "$TINY" "$TMP/h" "$HEIGHT" "$WIDTH" --hdf5-only &&
    "$TINY" "$TMP/4h" $((4 * HEIGHT)) "$WIDTH" --hdf5-only || exit 1

# run STEP DATA [prlimit args…]: ./main's JSON in $TMP/STEP-DATA.json
run() {
    local step=$1 data=$2
    shift 2
    "$@" "$MAIN" "$step" --data "$TMP/$data" --json --threads 2 --chunk-size 256 \
        >"$TMP/$step-$data.json" 2>"$TMP/$step-$data.err"
}
field() { jq -r ".$2" "$TMP/$1.json"; }

for step in v3 "${BANDS[@]}"; do
    for data in h 4h; do
        run "$step" "$data" || fail "$step on $data: exit $?: $(cat "$TMP/$step-$data.err")"
    done
done
if [ "$(field v3-h peak_is_region)" != true ]; then
    echo "skipped: /proc/self/clear_refs is not writable here, the peak is not the run's own"
    exit 77
fi

# AddressSanitizer's quarantine keeps freed memory: a peak means nothing there.
if ldd "$MAIN" 2>/dev/null | grep -q libasan; then
    echo "skipped: the peaks, under AddressSanitizer (its quarantine keeps freed memory)"
else
    growth() { awk -v a="$(field "$1-h" median_peak_rss_mb)" -v b="$(field "$1-4h" median_peak_rss_mb)" 'BEGIN { printf "%.3f", b - a }'; }
    for step in "${BANDS[@]}"; do
        assert_near "$(growth "$step")" 0 "$TOLERANCE_MB" "$step: peak growth from $HEIGHT to $((4 * HEIGHT)) rows, MB"
    done
    input_growth_mb=$((3 * HEIGHT * WIDTH * 32 / 1000000))
    if awk -v g="$(growth v3)" -v i="$input_growth_mb" 'BEGIN { exit !(g > 0.75 * i) }'; then
        pass "v3: peak grows with the height ($(growth v3) MB for $input_growth_mb MB more input)"
    else
        fail "v3: peak grew $(growth v3) MB, expected most of the input's $input_growth_mb MB"
    fi
fi

for data in h 4h; do
    digest=$(field "v3-$data" digest)
    if [[ $digest =~ ^[0-9a-f]{16}$ ]]; then pass "v3 on $data: digest $digest"
    else fail "v3 on $data: digest '$digest' is not 16 hex digits"; fi
    for step in "${BANDS[@]}"; do
        assert_eq "$(field "$step-$data" digest)" "$digest" "$step on $data: v3's digest"
    done
done
if [ "$(field v3-h digest)" != "$(field v3-4h digest)" ]; then pass "the two images' digests differ"
else fail "the two images have the same digest"; fi

# ---- data/s: the whole ladder --------------------------------------------------
S=${POR_TEST_DATA:-$SRC/data/s}
if [ ! -f "$S/data.hdf5" ] || [ ! -f "$S/0.csv" ]; then
    echo "skipped: the ladder on data/s: $S is not there (scripts/run makes it)"
else
    steps=$("$MAIN" list --tsv | awk -F'\t' '$3 != "floor" { print $1 }')
    for step in $steps; do
        "$MAIN" "$step" --data "$S" --json --threads 2 --out "$TMP/$step.png" >"$TMP/$step-s.json" ||
            fail "$step on $S: exit $?"
    done
    for step in $steps; do
        assert_eq "$(field "$step-s" digest)" "$(field v0-s digest)" "$step on $S: v0's digest"
    done
    for step in "${BANDS[@]}"; do
        if cmp -s "$TMP/v0.png" "$TMP/$step.png"; then pass "$step --out on $S: v0's PNG, byte for byte"
        else fail "$step --out on $S: the PNG differs from v0's"; fi
    done
fi

# ---- under an address-space limit ------------------------------------------------
# Under the limit: v3's map (96 MiB at 4H, with its temporaries and output more)
# does not fit.  A sanitizer build maps terabytes of shadow memory and cannot
# start under any such limit: v3 on the small image tells.
if ! run v3 h prlimit --as=$((LIMIT_KB * 1024)); then
    echo "skipped: ./main does not run under prlimit --as=${LIMIT_KB}K even on $HEIGHT rows (sanitizer build?)"
    finish
    exit 0
fi
run v3 4h prlimit --as=$((LIMIT_KB * 1024))
status=$?
assert_eq "$status" 1 "v3 under prlimit --as=${LIMIT_KB}K: exit status"
assert_eq "$(wc -l <"$TMP/v3-4h.err")" 1 "v3 under the limit: one line"
for step in "${BANDS[@]}"; do
    cp "$TMP/$step-4h.json" "$TMP/$step-free.json"
    if run "$step" 4h prlimit --as=$((LIMIT_KB * 1024)); then
        assert_eq "$(field "$step-4h" digest)" "$(field "$step-free" digest)" \
            "$step under prlimit --as=${LIMIT_KB}K: runs, the same digest"
    else
        fail "$step under prlimit --as=${LIMIT_KB}K: exit $?: $(cat "$TMP/$step-4h.err")"
    fi
done
finish
