#!/usr/bin/env bash
# tests/memory/test_disk_space.sh — generate_data checks the free space before
# it writes, with the check ./main makes (common/disk_space.c): on a 1 MiB
# tmpfs (in a private mount namespace, so nothing outside this test sees it)
# `generate_data --scale 1` refuses in one line naming the bytes needed, the
# bytes free and the folder, exits 1 before the model's seconds and writes
# nothing.  Skipped where a mount namespace cannot be made (not root).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
GEN=$BLD/generate_data/generate_data
[ -x "$GEN" ] || { echo "skipped: $GEN not built"; exit 77; }
mkdir -p "$TMP/small"
unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs "$1"' sh "$TMP/small" 2>/dev/null ||
    { echo "skipped: cannot mount a tmpfs in a private mount namespace here (needs root)"; exit 77; }
start=$(date +%s%N)
unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs "$1" || exit 99
    "$2" --scale 1 --out "$1"; status=$?; ls -A "$1" >"$3"; exit $status' \
    sh "$TMP/small" "$GEN" "$TMP/listing" >"$TMP/out" 2>"$TMP/err"
status=$? ms=$((($(date +%s%N) - start) / 1000000))
assert_eq "$status" 1 "exit 1 when the disk is short"
assert_eq "$(wc -l <"$TMP/err")" 1 "one line"
assert_line "$TMP/err" "^generate_data: generating size scale1 needs about [0-9]+ MB \([0-9]+ bytes and a tenth to spare\) but only [0-9.]+ [MG]B \([0-9]+ bytes\) is free in $TMP/small$" \
    "it says what it needs, what is free, and where"
assert_eq "$(cat "$TMP/listing" 2>/dev/null || echo "(no listing)")" "" "nothing written on the small file system"
if [ "$ms" -lt 3000 ]; then pass "refused before the model (${ms} ms)"; else fail "refused after ${ms} ms: the model ran first"; fi
finish
