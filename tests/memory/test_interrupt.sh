#!/usr/bin/env bash
# tests/memory/test_interrupt.sh — generate_data interrupted leaves no data set
# that a later run would take for a whole one: SIGINT during the model and
# during the writing (the files are in DIR/.scale3.tmp-PID) ends with exit 1,
# "interrupted" and nothing in DIR; after a SIGKILL, which cannot be caught,
# the hidden folder is all that is left, and the next run removes it.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
GEN=$BLD/generate_data/generate_data
[ -x "$GEN" ] || { echo "skipped: $GEN not built"; exit 77; }

# start OUT: generate_data --scale 3 into OUT in the background (pid in $gen)
start() { mkdir -p "$1"; "$GEN" --scale 3 --no-csv --out "$1" >/dev/null 2>"$1.err" & gen=$!; }
# wait_for_temp OUT: until OUT/.scale3.tmp-PID/data.hdf5 exists (the writing has begun)
wait_for_temp() {
    for _ in $(seq 3000); do
        [ -e "$1/.scale3.tmp-$gen/data.hdf5" ] && return 0
        kill -0 "$gen" 2>/dev/null || return 1
        sleep 0.01
    done
    return 1
}

# during the model: the first seconds segment the image
start "$TMP/model"
sleep 1
kill -INT "$gen"
wait "$gen"
assert_eq "$?" 1 "SIGINT during the model: exit 1"
assert_line "$TMP/model.err" "^generate_data: interrupted$" "it says interrupted"
assert_eq "$(ls -A "$TMP/model")" "" "nothing left in the folder"

# during the writing
start "$TMP/write"
if wait_for_temp "$TMP/write"; then
    kill -INT "$gen"
    wait "$gen"
    status=$?
    if [ -d "$TMP/write/scale3" ] && [ "$status" -eq 0 ]; then
        fail "the writing ended before the interrupt arrived (a faster disk than expected?)"
    else
        assert_eq "$status" 1 "SIGINT while writing: exit 1"
        assert_line "$TMP/write.err" "^generate_data: interrupted$" "it says interrupted"
        assert_eq "$(ls -A "$TMP/write")" "" "no scale3, no temporary folder left"
    fi
else
    wait "$gen"; fail "the temporary folder never appeared"; cat "$TMP/write.err" >&2
fi

# SIGKILL: the hidden folder stays, never named like a size; the next run removes it
start "$TMP/kill"
if wait_for_temp "$TMP/kill"; then
    kill -KILL "$gen"
    wait "$gen" 2>/dev/null
    assert_eq "$(ls -A "$TMP/kill")" ".scale3.tmp-$gen" "after SIGKILL: only the hidden temporary folder"
    "$GEN" --scale 1 --no-csv --out "$TMP/kill" >/dev/null 2>"$TMP/again.err" || fail "the next run"
    assert_eq "$(ls -A "$TMP/kill")" "scale1" "the next run removed it"
else
    wait "$gen"; fail "the temporary folder never appeared"
fi
finish
