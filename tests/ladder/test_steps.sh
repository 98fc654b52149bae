#!/usr/bin/env bash
# tests/ladder/test_steps.sh — the ladder as a lesson: ladder.tsv and the step
# directories agree, ./main list prints the same table, every step starts with
# its one-line "Change:", adds at most the README's bound of lines of C against
# its closest parent (the bound read from README.md's `scripts/step --stat` line),
# the later steps' copies of v6/neon.c and of v6's AVX2 kernel are v6's, and
# every step-diff command the documents print works as typed.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$SRC" || exit 1

rows() { grep -v '^#' ladder.tsv; }

# ---- the table and the tree --------------------------------------------------
while IFS=$'\t' read -r name parents kind _options _difference _idea; do
    if [ "$kind" = floor ]; then file="floor/$name.c"; else file="$name/step.c"; fi
    if [ -f "$file" ]; then pass "$name: $file exists"; else fail "$name: $file missing"; fi
    for parent in ${parents//,/ }; do
        [ "$parent" = - ] && continue
        rows | cut -f1 | grep -qx "$parent" && pass "$name: parent $parent is a row" ||
            fail "$name: parent $parent is not a row of ladder.tsv"
    done
    if [ "$kind" != floor ]; then
        assert_line "$file" "^/\\* $name — Change: " "$name: first line states the change"
    fi
done < <(rows)
for dir in v[0-9]*/; do
    dir=${dir%/}
    rows | awk -F'\t' -v d="$dir" '$1 == d && $3 != "floor" { found = 1 } END { exit !found }' &&
        pass "$dir/ is a step of ladder.tsv" || fail "$dir/ is not a step of ladder.tsv"
done
for file in floor/*.c; do
    name=$(basename "$file" .c)
    rows | awk -F'\t' -v n="$name" '$1 == n && $3 == "floor" { found = 1 } END { exit !found }' &&
        pass "$file is a floor row" || fail "$file is not a floor row of ladder.tsv"
done
# (the learner's own step, scripts/lab, is a row of the build only)
assert_eq "$("$BLD/main" list --tsv | grep -v '^lab'$'\t' | cut -f1-3 | tr '\n' ' ')" \
          "$(rows | cut -f1-3 | tr '\n' ' ')" "./main list --tsv prints ladder.tsv's rows"

# ---- one idea per step: at most N added lines against the closest parent, N as the README states it
bound=$(grep -oE 'scripts/step --stat .*at most [0-9]+ added against the closest parent' README.md | grep -oE '[0-9]+' | tail -n 1)
[ -n "$bound" ] && pass "README.md states the bound of scripts/step --stat: $bound" ||
    fail "README.md's scripts/step --stat line states no 'at most N added against the closest parent'"
while read -r step _from parent added _removed; do
    added=${added#+}
    best_for_step=$(scripts/step --stat "$step" | awk '{ a = substr($4, 2) + 0; if (min == "" || a < min) min = a } END { print min }')
    [ "$added" -eq "$best_for_step" ] || continue   # only the closest parent counts
    if [ "$added" -le "${bound:-100}" ]; then pass "$step adds $added lines to $parent"
    else fail "$step adds $added lines to its closest parent $parent (README.md: at most ${bound:-100})"; fi
done < <(scripts/step --stat)

# ---- v6's NEON kernel (v6/neon.c) is carried unchanged by the steps that carry v6's kernel
for copy in v[0-9]*/neon.c; do
    [ "$copy" = v6/neon.c ] && continue
    cmp -s v6/neon.c "$copy" && pass "$copy is v6/neon.c" || fail "$copy differs from v6/neon.c"
done

# ---- v6's AVX2 kernel (its x86-64 block in v6/step.c) is carried unchanged the same way
avx2_block() { sed -n '/^#if defined(__x86_64__)$/,/^#elif defined(__aarch64__)$/p' "$1"; }
[ -n "$(avx2_block v6/step.c)" ] && pass "v6/step.c has an x86-64 block" ||
    fail "v6/step.c: no '#if defined(__x86_64__)' … '#elif defined(__aarch64__)' block"
for copy in v[0-9]*/step.c; do
    [ "$copy" = v6/step.c ] || [ ! -f "${copy%step.c}neon.c" ] && continue
    cmp -s <(avx2_block v6/step.c) <(avx2_block "$copy") && pass "$copy's AVX2 kernel is v6's" ||
        fail "$copy's AVX2 kernel (its x86-64 block) differs from v6/step.c's"
done

# ---- the diff path, as typed ------------------------------------------------
diff -u v3 v4 >"$TMP/typed" 2>&1
assert_line "$TMP/typed" '^\+\+\+ v4/step\.c' "diff -u v3 v4 as typed shows the code"
scripts/step v7 >"$TMP/v7" 2>&1
assert_line "$TMP/v7" '^\+\+\+ v7/step\.c' "scripts/step v7 prints a code diff"
assert_eq "$(grep -c '^--- ' "$TMP/v7")" 2 "scripts/step v7 diffs against both parents"

# Every such command the documents print, run as printed.
docs=(README.md v*/README.md docs/*.md slides/*.md)
grep -ohE '(scripts/step( --stat)?( v[0-9]+)?|diff -u v[0-9]+(/step\.c)? v[0-9]+(/step\.c)?)' \
    "${docs[@]}" 2>/dev/null | sort -u >"$TMP/commands"
[ -s "$TMP/commands" ] && pass "the documents print diff commands" ||
    fail "no document prints a scripts/step or diff -u command"
while read -r command; do
    $command >"$TMP/out" 2>&1
    status=$?
    if [ "$status" -le 1 ] && grep -qE '^\+\+\+ |^v[0-9]+ +from ' "$TMP/out"; then
        pass "as printed: $command"
    else
        fail "as printed: $command (exit $status)"; sed 's/^/    | /' "$TMP/out" | head -5 >&2
    fi
done <"$TMP/commands"

finish
