#!/usr/bin/env bash
# tests/lab/test_lab.sh — "your turn" as a learner goes through it: scripts/lab
# start v3, a right change (v4's code copied in) that check passes with the table
# beside v3, v4 and v5; a flipped tie rule that check fails naming the pixel; a
# dropped free that fails under memcheck; a typo that shows the compiler's
# message; diff and stop, then diff with no lab.  All of it in a scratch folder and a scratch build
# (LAB_DIR, LAB_BUILD), on a 45 × 61 input with 3 runs: the developer's own lab/
# and build/ are never touched, and the table is checked for its shape only.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
command -v valgrind >/dev/null || { echo "valgrind is missing"; exit 77; }
export LAB_DIR="$TMP/lab" LAB_BUILD="$TMP/build"
lab() { "$SRC/scripts/lab" "$@" >"$TMP/out" 2>&1; }
own_lab() { [ -d "$SRC/lab" ] && find "$SRC/lab" -type f -exec md5sum {} + | sort; }
own_before=$(own_lab)
mkdir -p "$TMP/data/s" && "$BLD/tests/valgrind/tiny_data" "$TMP/data/s" 45 61 || exit 1
check() { lab check --data "$TMP/data" --sizes s --runs 3; }

# ---- start -----------------------------------------------------------------
lab start v3
assert_eq "$?" 0 "scripts/lab start v3 exits 0"
cmp -s "$SRC/v3/step.c" "$LAB_DIR/step.c" && pass "lab/step.c is v3/step.c" || fail "lab/step.c is not v3's copy"
assert_eq "$(cat "$LAB_DIR/START")" v3 "START records v3"
assert_line "$TMP/out" "v4: $(awk -F'\t' '$1 == "v4" { print $6 }' "$SRC/ladder.tsv" | cut -c1-30)" "start names v4's idea"
assert_line "$TMP/out" "v5: " "start names v5's idea (v3's other child)"
assert_no_line "$TMP/out" 'H5Sselect_hyperslab|#pragma' "start shows no code of the next steps"
"$LAB_BUILD/main" list --tsv >"$TMP/list"
assert_line "$TMP/list" $'^lab\tv3\thdf5\t-\t' "./main list has the row lab, parent v3, v3's kind and options"
lab start v4
assert_eq "$?" 2 "a second start refuses to overwrite the learner's step"

# ---- a right change: v4's tiles ---------------------------------------------
cp "$SRC/v4/step.c" "$LAB_DIR/step.c"
check
assert_eq "$?" 0 "check passes v4's code"
cp "$TMP/out" "$TMP/right"
assert_line "$TMP/right" '^lab: OK' "check says OK"
assert_eq "$(grep -c '^✓' "$TMP/right")" 4 "four checks passed: build, data/s, crafted inputs, memcheck"
assert_line "$TMP/right" '^size +step +time +peak +runs +lab vs it: time +peak$' "the table's header"
assert_line "$TMP/right" '^s +lab \(yours\) +[0-9.]+ ± +[0-9.]+ ms +[0-9.]+ MB +3 *$' "the table: lab's row"
for row in 'v3 \(start\)' 'v4 \(next\)' 'v5 \(next\)'; do
    assert_line "$TMP/right" "^s +$row +[0-9.]+ ± +[0-9.]+ ms +[0-9.]+ MB +3 +(~|[0-9.]+× (faster|slower)) +(~|[0-9.]+× (more|less))$" \
        "the table: $row against lab, ~ or a ratio"
done
"$LAB_BUILD/main" lab --data "$TMP/data/s" --chunk-size 16 --threads 2 --repeat 2 >"$TMP/run" 2>&1
assert_eq "$?" 0 "./main lab runs like a step (--chunk-size, --threads, --repeat)"
assert_line "$TMP/run" '^median of 2' "./main lab prints the harness's report"
lab diff
assert_line "$TMP/out" '^--- v3/step\.c' "diff is against v3"
assert_line "$TMP/out" '^\+\+\+ .*lab/step\.c' "diff shows lab/step.c"
assert_line "$TMP/out" '^lab +from v3 +\+[0-9]+ +-[0-9]+$' "diff counts the lines, as scripts/step --stat"

# ---- a wrong change: ties go to the last class --------------------------------
cp "$SRC/v3/step.c" "$LAB_DIR/step.c"
sed -i 's/if (p\[c\] > best)/if (p[c] >= best)/' "$LAB_DIR/step.c"
grep -q 'p\[c\] >= best' "$LAB_DIR/step.c" || fail "could not flip v3's tie rule (the test needs a new edit)"
check
assert_eq "$?" 1 "check fails a flipped tie rule"
assert_line "$TMP/out" '^✗ the same image as the reference' "the data check fails"
assert_line "$TMP/out" 'first differing pixel: row [0-9]+, column [0-9]+ of .*/s: expected \([0-9]+, [0-9]+, [0-9]+\), found \([0-9]+, [0-9]+, [0-9]+\)' \
    "it names the first wrong pixel, both colours and the input"
assert_line "$TMP/out" '^ +ties lab .*first at row [0-9]+, column [0-9]+: expected \(' "the crafted ties input is named with its pixel"
assert_line "$TMP/out" '^lab: NOT OK' "the verdict"
assert_no_line "$TMP/out" '^size ' "no table for a wrong step"

# ---- a leak: one free dropped -------------------------------------------------
cp "$SRC/v3/step.c" "$LAB_DIR/step.c"
sed -i '/^    free_temporaries(&t);$/d' "$LAB_DIR/step.c"
cmp -s "$SRC/v3/step.c" "$LAB_DIR/step.c" && fail "could not drop v3's free (the test needs a new edit)"
check
assert_eq "$?" 1 "check fails a leak"
assert_line "$TMP/out" '^✓ the same image on the crafted' "the image is still right"
assert_line "$TMP/out" '^✗ memcheck' "memcheck fails"
assert_line "$TMP/out" '^    definitely lost: [0-9,]+ bytes' "one line says what leaked"
assert_line "$TMP/out" 'are definitely lost in loss record' "then valgrind's own report"

# ---- a typo ----------------------------------------------------------------------
printf 'this is not C;\n' >>"$LAB_DIR/step.c"
check
assert_eq "$?" 1 "check fails a file that does not compile"
assert_line "$TMP/out" 'lab/step\.c:[0-9]+:[0-9]+: error: ' "the compiler's own message, with the file"

# ---- stop ----------------------------------------------------------------------
lab stop
assert_eq "$?" 0 "stop exits 0"
[ ! -e "$LAB_DIR" ] && pass "stop removes the lab folder" || fail "stop left $LAB_DIR"
"$LAB_BUILD/main" list --tsv >"$TMP/list"
assert_no_line "$TMP/list" '^lab' "./main list no longer has lab"
lab diff
assert_eq "$?" 2 "diff with no lab started exits 2"
assert_line "$TMP/out" '^scripts/lab: no lab started \(.*lab/step\.c does not exist\): scripts/lab start vN first$' \
    "diff with no lab started says so itself, with the next command"
assert_eq "$(own_lab)" "$own_before" "the developer's own lab/ is untouched"
finish
