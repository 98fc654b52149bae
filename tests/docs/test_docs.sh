#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# tests/docs/test_docs.sh — the documents never drift from their records.
#
# 1. The tree as committed: `scripts/docs --check` passes — every generated
#    block equals its rendering from the record it names, every table row
#    quoted in README.md, vN/README.md and the slides is in docs/benchmarks.md's
#    generated tables with the same figures, every image a document or a slide
#    shows exists, no hand-written stale quote or source line number is left.
# 2. The records: each committed record is valid, small, and names its commit,
#    machine and settings; the newest has every step of ladder.tsv and quotes
#    the talk's figures as docs/talk.tsv states them.
# 3. The checks catch what they claim to: faults planted in a scratch copy (a
#    figure edited inside a block, a quoted row with another figure, a slide
#    asking for a missing image, a stale quote, a block naming no record, a
#    record that is not committed) each make --check fail, with a message.
#    A comparative sentence's claim that holds, then fails once one figure of a
#    scratch copy of its record is edited; a takeaway naming a symbol its
#    profile excerpt does not show.
# 4. The renderer's arithmetic on a fabricated record: number formats, the
#    spread, "vs parent" on a tree, `~` in the changes log, compare's words.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$SRC" || exit 1

# ---- 1. the tree as committed ---------------------------------------------------
if scripts/docs --check >"$TMP/check.out" 2>&1; then
    pass "scripts/docs --check: the documents match their records"
else
    fail "scripts/docs --check found drift:"
    sed 's/^/    | /' "$TMP/check.out" | head -60 >&2
fi

# ---- 2. the records -----------------------------------------------------------------
records=(docs/records/[0-9][0-9][0-9][0-9]_*.json)
if [ -f "${records[0]}" ]; then pass "${#records[@]} committed record(s)"; else fail "no record in docs/records/"; fi
for record in "${records[@]}"; do
    [ -f "$record" ] || continue
    assert_jq "$record" '.name and .number and .commit and .started and .machine.cpu_model
        and .settings.environment and (.results | length > 0) and (.ladder | length > 0)' \
        "$(basename "$record"): names its commit, date, machine, settings and ladder"
    assert_jq "$record" '[.profiles[]? | .command and .header and .environment.OMP_WAIT_POLICY] | all' \
        "$(basename "$record"): every profile excerpt keeps its command and settings"
    size=$(wc -c <"$record")
    if [ "$size" -le 400000 ]; then pass "$(basename "$record") is small ($size bytes)"
    else fail "$(basename "$record") is $size bytes (keep records under 400 kB)"; fi
    number=$(jq -r '.name[0:4]' "$record")
    assert_eq "$number" "$(basename "$record" | cut -c1-4)" "$(basename "$record"): its name matches the file"
done
newest=${records[-1]}
if [ -f "$newest" ]; then
    while IFS= read -r step; do
        if jq -e --arg v "$step" 'any(.ladder[]; .name == $v)' "$newest" >/dev/null; then
            pass "the newest record knows $step"
        else
            # a step added after the record: the documents say "not in record" until scripts/docs runs
            echo "note: $step of ladder.tsv is not in $(basename "$newest") (run scripts/docs to measure it)"
        fi
    done < <(grep -v "^#" ladder.tsv | cut -f1)
fi

# the talk's figures, one table: the newest record quotes docs/talk.tsv as it stands
if [ -f "$newest" ]; then
    talk=$(grep -v '^#' docs/talk.tsv | jq -R -s -c 'split("\n") | map(select(length > 0) | split("\t")
        | {(.[0] + ":" + .[1]): [(.[2] | tonumber), (.[3] | tonumber)]}) | add')
    assert_jq "$newest" '(.python.talk_laptop_ms | keys) as $k | [$k[] as $x
        | [.python.talk_laptop_ms[$x], .python.talk_laptop_mb[$x]]] == [$k[] as $x | '"$talk"'[$x]]
        and ($k | length) == ('"$talk"' | length)' "the newest record quotes docs/talk.tsv, the talk's one table"
fi

# ---- 3. planted faults ------------------------------------------------------------------
# A scratch tree with a few documents, the records and the images; each fault
# is planted in a fresh copy and --check must fail on it.
scratch() {
    rm -rf "$TMP/tree"
    mkdir -p "$TMP/tree/docs" "$TMP/tree/slides" "$TMP/tree/v4"
    cp README.md "$TMP/tree/"
    cp v4/README.md "$TMP/tree/v4/"
    for d in v[0-9]*/; do mkdir -p "$TMP/tree/$d" && cp "$d/step.c" "$TMP/tree/$d"; done   # the slides quote them
    cp docs/benchmarks.md "$TMP/tree/docs/"
    cp -r docs/records docs/img "$TMP/tree/docs/"
    cp slides/talk.md "$TMP/tree/slides/"
    local step   # the slides' code excerpts are read from the steps
    for step in v[0-9]*/step.c; do mkdir -p "$TMP/tree/${step%/*}"; cp "$step" "$TMP/tree/$step"; done
}
check_scratch() { DOCS_TREE="$TMP/tree" scripts/docs --check >"$TMP/planted.out" 2>&1; }

scratch
if check_scratch; then pass "the scratch copy passes before anything is planted"
else fail "the scratch copy fails as copied:"; sed 's/^/    | /' "$TMP/planted.out" | head -20 >&2; fi

expect_fail() { # WHAT REGEX: --check fails and says REGEX
    if check_scratch; then fail "$1: --check passed"
    elif grep -qE -- "$2" "$TMP/planted.out"; then pass "$1: --check fails and says so"
    else fail "$1: --check failed without saying /$2/:"; sed 's/^/    | /' "$TMP/planted.out" | head -10 >&2; fi
}

# a figure edited inside a generated block
scratch
awk '/^<!-- generated: table s / { on = 1 } on && /^\| s \| v3 \|/ && !done { sub(/ ms \|/, "1 ms |"); done = 1 } { print }' \
    README.md >"$TMP/tree/README.md"
if cmp -s README.md "$TMP/tree/README.md"; then fail "could not plant an edited figure (no v3 row at s in README.md?)"
else expect_fail "a figure edited inside a block" "README.md: differs from its blocks"; fi

# a table row quoted by hand, with a figure docs/benchmarks.md does not have
scratch
row=$(grep -m1 -E '^\| s \| v3 \|' docs/benchmarks.md)
if [ -n "$row" ]; then
    bad=$(sed -E 's/\| ([0-9.]+) ± /| 9\1 ± /' <<<"$row")
    printf '\nQuoted by hand:\n\n| size | step | time | peak | × floor | vs parent | load + compute | cpu | faults |\n|:--|:--|--:|--:|--:|--:|--:|--:|--:|\n%s\n' \
        "$bad" >>"$TMP/tree/v4/README.md"
    expect_fail "a quoted row with another figure" "v4 at s|v3 at s"
    scratch
    printf '\n| size | step | time |\n|:--|:--|--:|\n| s | v99 | 1 ms |\n' >>"$TMP/tree/v4/README.md"
    expect_fail "a quoted row of a step the tables do not have" "not in docs/benchmarks.md"
else
    fail "docs/benchmarks.md has no v3 row at s to quote"
fi

# a slide asking for an image that does not exist
scratch
printf '\n# A slide with a missing chart\n\n![nothing](../docs/img/no-such-chart.png)\n' >>"$TMP/tree/slides/talk.md"
expect_fail "a slide showing a missing image" "no-such-chart.png, which does not exist"

# a stale quote typed by hand, and a source line number
scratch
printf '\nv4 executes 151.3 M instructions (v4/step.c:104).\n' >>"$TMP/tree/v4/README.md"
expect_fail "a stale quote and a line number typed by hand" "151.3 M"

# a figure its record lacks, rendered as such (the rendering itself matches)
scratch
N=$(ls docs/records | tail -n 1 | cut -c1-4)
printf '\nv99 takes <!-- generated: value s v99 time record=%s -->(v99 at s: not in record %s)<!-- end generated -->.\n' "$N" "$N" >>"$TMP/tree/v4/README.md"
expect_fail "a figure that says it is not in its record" "v4/README.md:[0-9]+:.*not in record $N"

# a block that names no record, and one that names a record not committed
scratch
printf '\n<!-- generated: table s -->\n<!-- end generated -->\n' >>"$TMP/tree/v4/README.md"
expect_fail "a block that names no record" "names no record"
scratch
printf '\n<!-- generated: table s record=9999 -->\n<!-- end generated -->\n' >>"$TMP/tree/v4/README.md"
expect_fail "a block naming an uncommitted record" "record 9999, which is not in docs/records/"

# a comparative sentence whose claim no longer holds: it holds in the record as
# committed; one figure edited in a scratch copy of the record (v8's time at s,
# doubled, runs and median) and --check fails, naming the claim
scratch
N=$(ls docs/records | tail -n 1 | cut -c1-4)   # the newest record: the documents' figures come from it
printf '\nv8 is <!-- generated: compare s v8 v7 record=%s -->?<!-- end generated --> v7, at least 1.5× <!-- claim: s v8 < v7 ratio>=1.5 record=%s -->\n' "$N" "$N" \
    >>"$TMP/tree/v4/README.md"
DOCS_TREE="$TMP/tree" scripts/docs --render --record "$N" >/dev/null 2>&1
if check_scratch; then pass "a comparative sentence and its claim check out against the record"
else fail "the claim planted to hold fails:"; sed 's/^/    | /' "$TMP/planted.out" | head -20 >&2; fi
assert_line "$TMP/tree/v4/README.md" '^v8 is <!-- generated: compare s v8 v7 record='"$N"' -->[0-9.]+× faster than<!-- end generated --> v7' \
    "the compare directive writes the comparison's words from the record"
rec=$(ls "$TMP"/tree/docs/records/"$N"_*.json)
jq '.results |= map(if .size == "s" and .version == "v8" then (.wall_ms *= 2 | .runs |= map(.wall_ms *= 2)) else . end)' \
    "$rec" >"$TMP/edited.json" && mv "$TMP/edited.json" "$rec"
expect_fail "a claim that no longer holds in its (edited) record" \
    "v4/README.md:[0-9]+: claim v8 < v7 ratio>=1.5 at s does not hold in record $N"

# a profiler takeaway that names a symbol its excerpt does not show
scratch
awk '{ print } /^<!-- generated: profile / { p = 1 } p && /^<!-- end generated -->$/ { print "\nThe time goes to `no_such_symbol`."; p = 0 }' \
    README.md >"$TMP/tree/README.md"
expect_fail "a takeaway naming a symbol not in its excerpt" "README.md:[0-9]+: the takeaway names .no_such_symbol."

# ---- 4. the renderer on a fabricated record -----------------------------------------------
# Two records of a three-step tree: a (start), b (from a), c (from a and b).
fake() { # NUMBER B_MS B_MAD
    jq -n --arg n "$1" --argjson b "$2" --argjson bm "$3" '{
        name: "\($n)_abcdef0_20260101-000000", number: ($n | tonumber), commit: "abcdef0123", dirty: false,
        started: "2026-01-01T00:00:00Z", finished: "2026-01-01T00:10:00Z", change: "change \($n)",
        command: "scripts/docs --sizes s", bench: {command: "scripts/bench s"},
        settings: {runs: 5, slow_runs: 3, warmup: 1, mode: "one process, --repeat", environment: {OMP_WAIT_POLICY: "passive"}},
        machine: {cpu_model: "Test CPU", cores: 2},
        ladder: [{name: "floor", parents: [], kind: "floor", options: [], idea: "only reads"},
                 {name: "a", parents: [], kind: "hdf5", options: [], idea: "start"},
                 {name: "b", parents: ["a"], kind: "hdf5", options: [], idea: "faster"},
                 {name: "c", parents: ["a", "b"], kind: "hdf5", options: [], idea: "joins"}],
        sizes: [{size: "s", height: 960, width: 1280, threads: 2, hugepages: true, note: "median of 5 runs"}],
        results: [
          {version: "floor", size: "s", status: "ok", wall_ms: 2, wall_mad_ms: 0.1, peak_rss_mb: 40, load_ms: 2, compute_ms: 0, cpu_ms: 2, faults: 10},
          {version: "a", size: "s", status: "ok", wall_ms: 123.456, wall_mad_ms: 1.2, peak_rss_mb: 100.123, load_ms: 100, compute_ms: 23.4, cpu_ms: 120, faults: 300},
          {version: "b", size: "s", status: "ok", wall_ms: $b, wall_mad_ms: $bm, peak_rss_mb: 50, load_ms: 5, compute_ms: 4.5, cpu_ms: 9, faults: 150},
          {version: "c", size: "s", status: "ok", wall_ms: 6, wall_mad_ms: 0.3, peak_rss_mb: 9.5, load_ms: 3, compute_ms: 1.5, cpu_ms: 4, faults: 100}],
        targets: [], profiles: [], examples: []}
      | .results |= map(. as $x | .runs = [-2, -1, 0, 1, 2 | {wall_ms: ($x.wall_ms + . * $x.wall_mad_ms), peak_rss_mb: $x.peak_rss_mb}])
      # the cold table: the same, with the floor ten times slower
      | .cold = {command: "scripts/bench --cold s", settings: .settings, sizes: .sizes, targets: [],
               results: (.results | map(if .version == "floor" then .wall_ms *= 10 | .runs |= map(.wall_ms *= 10) else . end))}'
}
mkdir -p "$TMP/fake/docs/records"
fake 0001 9.87 0.4 >"$TMP/fake/docs/records/0001_abcdef0_20260101-000000.json"
fake 0002 9.5 0.3 >"$TMP/fake/docs/records/0002_abcdef0_20260101-000000.json"
fake 0003 6.2 0.2 >"$TMP/fake/docs/records/0003_abcdef0_20260101-000000.json"
printf '<!-- generated: rows s all -->\n<!-- end generated -->\nx <!-- generated: input s -->?<!-- end generated --> y\n' >"$TMP/fake/README.md"
printf 'c is <!-- generated: compare s c b -->?<!-- end generated --> b, <!-- generated: compare s c a -->?<!-- end generated --> a; a is <!-- generated: compare s a c -->?<!-- end generated --> c.\n' >>"$TMP/fake/README.md"
printf 'b has <!-- generated: compare s b a peak -->?<!-- end generated --> a, c <!-- generated: compare s c c peak -->?<!-- end generated --> c.\n' >>"$TMP/fake/README.md"
printf 'Cold, a is <!-- generated: compare s a floor cold -->?<!-- end generated --> the floor <!-- claim: s a > floor cold -->(<!-- generated: value s floor time cold -->?<!-- end generated -->).\n' >>"$TMP/fake/README.md"
printf '<!-- generated: changes s -->\n<!-- end generated -->\n' >"$TMP/fake/docs/changes.md"
printf '<!-- generated: rows s floor cold -->\n<!-- end generated -->\n' >>"$TMP/fake/README.md"
printf '<!-- generated: table s -->\n<!-- end generated -->\n' >"$TMP/fake/docs/benchmarks.md"
printf '<!-- generated: table s cold -->\n<!-- end generated -->\n' >>"$TMP/fake/docs/benchmarks.md"
DOCS_TREE="$TMP/fake" scripts/docs --render >"$TMP/fake.out" 2>&1 || { fail "--render of the fabricated tree:"; sed 's/^/    | /' "$TMP/fake.out" >&2; }
f="$TMP/fake/README.md"
assert_line "$f" '^\| s \| a \| 123 ± 1 ms \| 100\.12 MB \| 61\.7× \| – \| 100 \+ 23\.4 ms \| 120 ms \| 300 \|$' \
    "a row: median ± MAD with the median's decimals, peak with two, × floor, no parent"
assert_line "$f" '^\| s \| b \| 6\.20 ± 0\.20 ms \| 50\.00 MB \| 3\.10× \| a 19\.9× \|' "b's row: vs its one parent"
assert_line "$f" '^\| s \| c \| 6\.00 ± 0\.30 ms .*\| a 20\.6× · b 1\.03× \|' "c's row: vs each of its two parents"
assert_line "$f" '^c is <!-- generated: compare s c b record=0003 -->within the noise of<!-- end generated --> b, <!-- generated: compare s c a record=0003 -->20\.6× faster than<!-- end generated --> a; a is <!-- generated: compare s a c record=0003 -->20\.6× slower than<!-- end generated --> c\.$' \
    "compare: within the noise when the runs do not separate, else faster or slower by the ratio"
assert_line "$f" '^b has <!-- generated: compare s b a peak record=0003 -->50 % of the peak of<!-- end generated --> a, c <!-- generated: compare s c c peak record=0003 -->the same peak as<!-- end generated --> c\.$' \
    "compare peak: the share of the other's peak, or the same peak"
assert_line "$f" '^Cold, a is <!-- generated: compare s a floor cold record=0003 -->6\.17× slower than<!-- end generated --> the floor <!-- claim: s a > floor cold record=0003 -->\(<!-- generated: value s floor time cold record=0003 -->20\.0 ms<!-- end generated -->\)\.$' \
    "the word cold: the figure from the cold table (the floor ten times slower there)"
assert_line "$f" '^x <!-- generated: input s record=0003 -->39\.3 MB<!-- end generated --> y$' \
    "an inline figure, rendered in its sentence and naming its record"
assert_line "$f" 'From record \[0003\]\(docs/records/0003_abcdef0_20260101-000000\.json\): commit abcdef0' \
    "every block names its record, with a link relative to the document"
# quoted rows: the floor's warm row and its cold row (ten times slower), each
# against benchmarks.md's table of the same kind; the cold row with the warm
# figure is named as a cold row that differs
check_rows() { (export DOCS_TREE="$TMP/fake"; source scripts/docs-lib.sh; docs_check_rows) >"$TMP/rows.out" 2>&1; }
if check_rows; then pass "a warm and a cold row of the same step and size: each checks out against its own table"
else fail "the warm and cold rows of the floor do not check out:"; sed 's/^/    | /' "$TMP/rows.out" >&2; fi
# (the cold block's floor row given the time of the warm block's floor row)
cp "$f" "$TMP/rendered.md"
awk '/^\| s \| floor \|/ && !c { split($0, w, / \| /); warm = w[3] }
     /^<!-- generated: rows s floor cold / { c = 1 }
     c && /^\| s \| floor \|/ { n = split($0, x, / \| /); x[3] = warm; $0 = x[1]
                                for (i = 2; i <= n; i++) $0 = $0 " | " x[i]; c = 0 } { print }' "$f" >"$TMP/warm-in-cold.md" &&
    cp "$TMP/warm-in-cold.md" "$f"
if check_rows; then fail "a cold row showing the warm time passed the rows check"
else assert_line "$TMP/rows.out" '^README\.md:[0-9]+: floor at s \(cold\), time: "[^"]+" here, "[^"]+" in docs/benchmarks\.md$' \
        "a cold row showing the warm time: named, as cold"; fi
cp "$TMP/rendered.md" "$f"
# a run for fewer sizes than the newest record is refused before it measures
# anything (its record would blank the other sizes in every document)
DOCS_TREE="$TMP/fake" timeout 20 scripts/docs --sizes m >"$TMP/partial.out" 2>&1
assert_eq "$?" 2 "scripts/docs --sizes m after a record of s is refused"
assert_line "$TMP/partial.out" 'record 0003 measured s too; --sizes m would leave their figures "not in record"' "and says why"
c="$TMP/fake/docs/changes.md"
assert_line "$c" '^\| \[0001\]\(records/0001_.*\| change 0001 \| passive \|.*\| s 9\.87 ± 0\.40 ms \|' "the first record has no comparison"
assert_line "$c" '^\| \[0002\]\(.*\| s 9\.50 ± 0\.30 ms ~ \|' "a change within the noise shows ~"
assert_line "$c" '^\| \[0003\]\(.*\| s 6\.20 ± 0\.20 ms 1\.53× faster \|' "a change beyond the noise shows what it bought"
if DOCS_TREE="$TMP/fake" scripts/docs --check >"$TMP/fake.out" 2>&1; then
    pass "the fabricated tree checks out after --render"
else
    fail "--check of the fabricated tree:"; sed 's/^/    | /' "$TMP/fake.out" >&2
fi

# ---- 5. a record measures only a committed tree ----------------------------------------
# A clone with one uncommitted edit: scripts/docs refuses before it measures anything.
if git clone -q "$SRC" "$TMP/clone" 2>/dev/null; then
    ln -s "$BLD" "$TMP/clone/build"
    echo "an edit" >>"$TMP/clone/v4/README.md"
    (cd "$TMP/clone" && timeout 60 scripts/docs --sizes s --partial) >"$TMP/dirty.out" 2>&1
    assert_eq "$?" 2 "scripts/docs on a tree with uncommitted changes is refused"
    assert_line "$TMP/dirty.out" '^scripts/docs: the tree has uncommitted changes' "and says so"
    assert_eq "$(ls "$TMP/clone/docs/records" | wc -l)" "$(ls "$SRC/docs/records" | wc -l)" "no record written"
else
    echo "skipped: a record measures only a committed tree: $SRC is not a git checkout"
fi

finish
