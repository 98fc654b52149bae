#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR disable=SC2016 # awk programs are single-quoted on purpose
# tests/docs/test_commands.sh — every command of every Markdown file of the tree
# runs as typed on a fresh copy of it, or is skipped with its reason printed.
#
# The commands: in every tracked *.md, the lines of code blocks (indented or
# fenced, a "$ " prompt dropped) and the `code` spans that start like a command
# (scripts/…, ./main, build/…, mpi/…, diff, gcc, perf, valgrind, meson, …),
# comments stripped, continuation lines joined, outside generated blocks (their
# commands are run by scripts/docs, which records what they print).  Each runs
# once, in the order of the documents, in a copy of the tracked files (no data,
# no profiles/) whose build/ is this build, with the newest committed record in
# .benchmarks/ as a bench leaves one; data/s and data/m come from data/README.md's
# generator commands, which run first.  A
# command passes when it exits as documented: 0, diff 0 or 1, or the status in
# STATUS; an `example` block must show the lines its command prints today, and a
# callgrind or memcheck excerpt only lines its command prints (figures masked).  What is not run says why: a synopsis (placeholders), a path or a
# program named in prose, a profiler's options, or a reason of its own in SKIP
# (minutes of timing, l or xl, a host setting, the shared build).  Takes 1m37s
# to 3m15s on this project's 2-core shared machine, by the load of others; each
# command prints its time.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
# as a person types them: meson's MALLOC_PERTURB_ makes glibc fill every allocation,
# which adds memset calls to a callgrind excerpt that scripts/docs recorded without it
unset MALLOC_PERTURB_
cd "$SRC" || exit 1

lab="the learner's step: reconfigures the build with a lab row (test lab-cycle runs the cycle in a scratch build)"
bench="a bench: minutes of timing on a shared machine (the tests of suite scripts run the bench on a fake ./main)"
declare -A SKIP=(
    ["scripts/run"]="builds, then benches every step at s (minutes of timing)"
    ["APT_LOCK_TIMEOUT=1200 scripts/run"]="scripts/run, waiting longer for apt"
    ["scripts/test"]="the whole test suite (this test is part of it)"
    ["scripts/test-arm64"]="cross-builds build-arm64/ and runs the kernel tests under qemu (minutes; a stage of scripts/test)"
    ["scripts/test-sanitize"]="rebuilds with the sanitizers and runs the tests (minutes; a stage of scripts/test)"
    ["scripts/slides"]="renders the deck with Chromium: suite slides does"
    ["scripts/bench-generate"]="generates every size, l and xl included"
    ["scripts/docs --check"]="test docs of this suite runs it"
    ["scripts/docs --render"]="redraws every chart and rewrites every document (half a minute); test docs renders every block again from its record"
    ["build/generate_data/generate_data"]="without --sizes: every size, l and xl included"
    ["build/generate_data/generate_data --sizes s,m,l,xl"]="generates l and xl (6 GB at xl)"
    ["build/generate_data/generate_data --scale 3 --no-csv"]="writes 387 MB (tests/memory generates --scale 2 and 3 in a scratch folder)"
    ["sysctl kernel.perf_event_paranoid=1"]="changes a kernel setting of the host"
    ["sudo sysctl kernel.perf_event_paranoid=1"]="changes a kernel setting of the host"
    ["apt-get install"]="installs packages on the host"
    ["scripts/bench compare"]="names the subcommand; its command lines with two records run where documented"
    ["objdump -d"]="names the option; v5/README.md's command line is beside it"
    ["mpi/measure.sh"]="a measurement (minutes; mpi/README.md gives its command)"
)
# documented exits other than 0
declare -A STATUS=(
    ["./main v3 --data data/xl --no-generate"]=1   # prints the generator's command instead of generating
)

# why_not COMMAND KIND: why the command is not run, or nothing when it runs
why_not() {
    local c=$1 kind=$2 words first
    read -r -a words <<<"$c"
    first=${words[0]}
    if [ -n "${SKIP[$c]+set}" ]; then echo "${SKIP[$c]}"
    elif [ -n "${STATUS[$c]+set}" ]; then return
    elif [[ " $c " =~ \ ([A-Z][A-Z_]*|vN|\[.*)\  || $c == *[…≈\<]* ]]; then echo "a synopsis: placeholders, not a command line"
    elif [[ $first == */ || $first == *\** || -d "$tree/$first" ]] || { [ -e "$tree/$first" ] && [ ! -x "$tree/$first" ]; }; then
        echo "a path named in prose, not a command"
    elif [ "$kind" = inline ] && [ ${#words[@]} -eq 1 ]; then echo "a program named in prose; its command lines run where documented"
    elif [[ $kind == inline && $first =~ ^(perf|valgrind|heaptrack)$ && " $c " != *" ./main "* ]]; then
        echo "the profiler's options as scripts/profile passes them; the scripts/profile commands run"
    elif [[ $kind == inline && $first == scripts/profile && ${#words[@]} -eq 2 ]]; then
        echo "names the tool; its command lines with a step run where documented"
    elif [[ " $c " == *" lab "* || $c == *" lab" || $c == scripts/lab* ]]; then echo "$lab"
    elif [[ $c == *data/xl* || $c == *data/l\ * || $c == *data/l || $c =~ --sizes\ ([^ ]*,)?(l|xl)(,|\ |$) ]]; then
        echo "size l or xl, which a test never generates (test scripts-bench-xl covers the bench with xl present, on a stand-in)"
    elif [[ $c == *xxl* ]]; then
        echo "size xxl (38.7 GB), which a test never generates (tests/memory refuses it before generating)"
    elif [[ $first == scripts/bench && ! ${words[1]:-} =~ ^(show|compare|charts)$ ]]; then echo "$bench"
    elif [[ $first == scripts/docs && ! ${words[1]:-} =~ ^--(render|check)$ ]]; then echo "measures every size, or s, and rewrites the documents (an hour, or minutes)"
    elif [ "$first" = scripts/sweep-chunk ]; then echo "times the chunked steps at seven chunk sizes (minutes)"
    elif [ "$first" = scripts/fuzz ]; then echo "builds build-fuzz/ with clang and fuzzes for minutes (scripts/test's fuzz stage runs --ci)"
    elif [[ $first =~ ^(meson|ninja)$ ]]; then echo "acts on build/, the build this test and the others share"
    elif [[ $first =~ ^(srun|sbatch|lfs)$ ]]; then echo "needs a cluster (Slurm, Lustre): mpi/README.md's plan past one machine"
    elif [[ $first == scripts/profile && -n $profile_missing ]]; then
        echo "$profile_missing is not installed (scripts/profile would install it)"
    elif [[ $c == *main-mpi* ]] && { [ ! -x "$BLD/mpi/main-mpi" ] || ! command -v mpirun >/dev/null; }; then
        echo "main-mpi or mpirun is not installed"
    fi
}

# doc:line <TAB> block|inline <TAB> command, for every command of every document.
commands() {
    git ls-files -z '*.md' | xargs -0 awk '
        function emit(l, kind) {
            sub(/^ +/, "", l); sub(/^\$ /, "", l); sub(/[ \t]+#([ \t].*)?$/, "", l); sub(/[ \t]+$/, "", l)
            if (l ~ CMD) printf "%s:%d\t%s\t%s\n", FILENAME, start, kind, l
        }
        BEGIN { CMD = "^([A-Z_]+=[^ ]* )*(scripts/|\\./main|build/|mpi/|fuzz/|(diff|gcc|cc|objdump|sysctl|valgrind|perf|heaptrack|heaptrack_print|meson|ninja|git|less|jq|h5dump|python3|sudo|apt-get|du|make|env|time|ldd|srun|sbatch|lfs)( |$))" }
        FNR == 1 { generated = 0; fence = 0; joined = "" }
        /^<!-- generated:/ && !/<!-- end generated -->/ { generated = 1; next }
        generated { if ($0 == "<!-- end generated -->") generated = 0; next }
        /^ {0,3}```/ { fence = !fence; next }
        fence || /^    / || joined != "" {
            if (joined != "") { t = $0; sub(/^ +/, "", t); line = joined " " t } else { start = FNR; line = $0 }
            if (line ~ /\\$/) { joined = substr(line, 1, length(line) - 1); next }
            joined = ""; emit(line, "block"); next
        }
        { s = $0; start = FNR
          while (match(s, /`[^`]+`/)) { t = substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH); emit(t, "inline") } }'
}
commands >"$TMP/all"
docs=$(git ls-files '*.md' | wc -l)
[ "$(wc -l <"$TMP/all")" -ge 100 ] && pass "$(wc -l <"$TMP/all") command lines in $docs Markdown files" ||
    fail "only $(wc -l <"$TMP/all") command lines found in the documents"
# Each command once, where it first appears (a code block before a span); the generator's first: they make the data.
{ grep -P '\tblock\t' "$TMP/all"; grep -P '\tinline\t' "$TMP/all"; } | awk -F'\t' '!seen[$3]++' >"$TMP/unique"
{ grep -P '\tbuild/generate_data/' "$TMP/unique"; grep -vP '\tbuild/generate_data/' "$TMP/unique"; } >"$TMP/ordered"

# A fresh tree: the tracked files as they are now, this build.
tree="$TMP/tree"
mkdir -p "$tree"
git rev-parse --git-dir >/dev/null 2>&1 || { echo "not a git checkout: no tracked files to copy"; exit 77; }
git ls-files -z | tar --null -T - -cf - 2>/dev/null | tar -C "$tree" -xf - ||
    { fail "could not copy the tracked files"; finish; }
ln -s "$BLD" "$tree/build"
# The bench's records folder as a bench would leave it (`scripts/bench show` and
# `bench charts` without a number read its newest): the newest committed record.
mkdir -p "$tree/.benchmarks"
records=(docs/records/[0-9][0-9][0-9][0-9]_*.json)
cp "${records[-1]}" "$tree/.benchmarks/"

# scripts/profile installs its packages when one is missing: not in a test.
profile_missing=$(
    source scripts/setup.sh
    for package in $PACKAGES_profile; do
        found=0
        for choice in ${package//|/ }; do installed "$choice" && found=1 && break; done
        [ $found -eq 1 ] || { echo "$package"; exit 0; }
    done)

run=0 skipped=0
while IFS=$'\t' read -r where kind command; do
    reason=$(why_not "$command" "$kind")
    if [ -n "$reason" ]; then
        echo "skipped: $command ($where): $reason"
        skipped=$((skipped + 1))
        continue
    fi
    run=$((run + 1))
    started=$SECONDS
    (cd "$tree" && timeout 120 bash -c "$command") </dev/null >"$TMP/out" 2>&1
    status=$?
    if [ "$status" -eq "${STATUS[$command]:-0}" ] || { [ "$status" -eq 1 ] && [[ $command == diff\ * ]]; }; then
        pass "as typed: $command ($((SECONDS - started)) s)"
        # what valgrind's profiles print, kept for the excerpts below
        [[ ! $command =~ ^scripts/profile\ (callgrind|memcheck)\ v[0-9]+$ ]] || cp "$TMP/out" "$TMP/printed.${command//[^a-z0-9]/_}"
    else
        fail "as typed: $command ($where) exits $status:"
        tail -n 20 "$TMP/out" | sed 's/^/    | /' >&2
    fi
done <"$TMP/ordered"
echo "$(wc -l <"$TMP/ordered") distinct commands: $run run, $skipped skipped (each with its reason above)"

# The examples: what an `example` block shows is what its command prints today, the
# figures apart (they are the record's): the same lines, words and order.
mask() { sed -E 's/[0-9][0-9.,]*/N/g; s/ +/ /g'; }
git ls-files -z '*.md' | xargs -0 awk -v out="$TMP/example" '
    /^<!-- generated: example / { on = 1; next }
    on && /^<!-- end generated -->$/ { on = 0; next }
    on && /^```/ { fence = !fence; next }
    on && fence && /^\$ / { n++; printf "%s:%d\t%s\t%s.%d\n", FILENAME, FNR, substr($0, 3), out, n; next }
    on && fence { print > (out "." n) }' >"$TMP/examples"
while IFS=$'\t' read -r where command shown; do
    reason=$(why_not "$command" block)
    if [ -n "$reason" ]; then echo "skipped: the example of $command ($where): $reason"; continue; fi
    # an example that exits non-zero (a refusal) shows its status last, as scripts/docs records it
    (cd "$tree" && env -u OMP_WAIT_POLICY bash -c "$command"; s=$?; [ $s -eq 0 ] || echo "(exit $s)") </dev/null 2>&1 | mask >"$TMP/printed"
    if mask <"$shown" | cmp -s - "$TMP/printed"; then pass "the example of $command ($where) is what it prints"
    else fail "the example of $command ($where) is not what it prints now (scripts/docs records it again):"
         mask <"$shown" | diff - "$TMP/printed" | sed 's/^/    | /' >&2; fi
done <"$TMP/examples"

# The profile excerpts of callgrind and memcheck (repeatable: instruction counts and
# error summaries) whose command ran above: every line an excerpt shows is a line
# the command prints today, figures masked (an excerpt is a cut, so a subset).
git ls-files -z '*.md' | xargs -0 awk -v out="$TMP/excerpt" '
    /^<!-- generated: profile (callgrind|memcheck) v[0-9]+ / { on = 1; next }
    on && /^<!-- end generated -->$/ { on = 0; next }
    on && /^```/ { fence = !fence; next }
    on && fence && /^\$ / { n++; printf "%s:%d\t%s\t%s.%d\n", FILENAME, FNR, substr($0, 3), out, n; next }
    on && fence { print > (out "." n) }' >"$TMP/excerpts"
while IFS=$'\t' read -r where command shown; do
    printed="$TMP/printed.${command//[^a-z0-9]/_}"
    [ -f "$printed" ] || continue
    mask <"$printed" >"$TMP/printed"
    unprinted=$(mask <"$shown" | grep -vxF -f "$TMP/printed")
    if [ -z "$unprinted" ]; then pass "the excerpt of $command ($where) shows lines it prints"
    else fail "the excerpt of $command ($where) shows lines it no longer prints (scripts/docs records it again):"
         printf '%s\n' "$unprinted" | head -5 | sed 's/^/    | /' >&2; fi
done <"$TMP/excerpts"
[ "$run" -ge 60 ] && pass "$run documented commands run" || fail "only $run documented commands run"
finish
