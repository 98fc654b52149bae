#!/usr/bin/env bash
# tests/first_use/test_free_space.sh — ./main checks the free space before it
# generates: on a 1 MiB file system (a tmpfs in a private mount namespace, so
# nothing outside this test sees it) `./main v3 --data DIR/s --generate`
# refuses in one line naming what it needs, what is free and the command, exits
# 1 and writes nothing.  Skipped where a mount namespace cannot be made (not root).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
MAIN=$BLD/main
[ -x "$MAIN" ] || { echo "skipped: $MAIN not built"; exit 77; }
mkdir -p "$TMP/small"
unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs "$1"' sh "$TMP/small" 2>/dev/null ||
    { echo "skipped: cannot mount a tmpfs in a private mount namespace here (needs root)"; exit 77; }
# inside the namespace: run ./main, then list what is on the tmpfs before it goes
unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs "$1" || exit 99
    "$2" v3 --data "$1/s" --generate; status=$?; ls -A "$1" >"$3"; exit $status' \
    sh "$TMP/small" "$MAIN" "$TMP/listing" >"$TMP/out" 2>"$TMP/err"
status=$?
assert_eq "$status" 1 "exit 1 when the disk is short"
assert_eq "$(wc -l <"$TMP/err")" 1 "one line"
assert_line "$TMP/err" "^main: $TMP/small/s: data directory not found, and generating size s needs about [0-9]+ MB \\([0-9]+ bytes and a tenth to spare\\) but only [0-9.]+ [MG]B \\([0-9]+ bytes\\) is free in $TMP/small \\(free some, or generate it elsewhere with: .*generate_data --sizes s --out $TMP/small\\)$" \
    "it says what it needs, what is free, and the command"
assert_eq "$(cat "$TMP/listing" 2>/dev/null || echo "(no listing)")" "" "nothing written on the small file system"
finish
