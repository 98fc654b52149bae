#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# tests/docs/test_commands.sh — every command the documents show in a code block
# runs as typed on a fresh copy of the tree.
#
# The commands are the code lines of README.md, docs/*.md, vN/README.md,
# data/README.md and mpi/README.md that start like a command of this repository
# (scripts/…, ./main, build/…, mpi/…, diff, gcc, objdump, sysctl), comments
# stripped, continuation lines joined, outside generated blocks.  They run in
# order in a copy of the tracked files (no data, no records in .benchmarks/,
# no profiles/) whose build/ is this build; data/s and data/m come from the
# generator commands of data/README.md, which run first.  A command passes when
# it exits 0 (diff: 0 or 1, it shows a difference); a failure prints the command,
# where it is documented, and its output.  Commands too long or too heavy for a
# test are listed below, each with its reason: a new command is run unless it
# is added there.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$SRC" || exit 1

lab="the learner's step: reconfigures the build with a lab row (test lab-cycle runs the cycle in a scratch build)"
declare -A SKIP=(
    ["scripts/run"]="benches every step at s after building (minutes of timing)"
    ["scripts/test"]="the whole test suite (this test is part of it)"
    ["scripts/bench"]="a bench of every size present (minutes of timing)"
    ["scripts/bench s m"]="a bench (minutes of timing)"
    ["scripts/bench --runs 9 --versions v3,v7 m"]="a bench (timing)"
    ["scripts/bench --python ../profile-optimize-repeat s"]="a bench, and needs a checkout of the Python original"
    ["scripts/bench --instructions s"]="a bench plus callgrind of every step (minutes)"
    ["scripts/bench --threads 1 s"]="a bench (minutes of timing)"
    ["scripts/bench --one-thread xl"]="a bench at xl"
    ["scripts/bench --rss m"]="a bench (minutes of timing)"
    ["scripts/sweep-chunk m"]="times the chunked steps at seven chunk sizes (minutes)"
    ["scripts/slides"]="renders the deck with Chromium: suite slides does"
    ["scripts/bench-generate"]="generates every size, l and xl included"
    ["scripts/docs"]="measures s, m, l and xl (an hour)"
    ["scripts/docs --sizes s --partial"]="measures s and rewrites the documents (minutes)"
    ["scripts/docs --change \"v4: reuse the tile buffers\""]="measures s, m, l and xl (an hour)"
    ["scripts/docs --render"]="rewrites every document and chart in place"
    ["scripts/docs --check"]="test docs of this suite runs it"
    ["scripts/profile TOOL VERSION [main's options]"]="a synopsis, not a command"
    ["build/generate_data/generate_data --sizes s,m,l,xl"]="generates l and xl (6 GB at xl)"
    ["build/generate_data/generate_data --sizes l,xl --no-csv"]="generates l and xl"
    ["./main v3 --data data/xl"]="generates xl on first use (1.55 GB)"
    ["./main v9 --data data/xxl"]="generates xxl on first use (38.7 GB)"
    ["build/generate_data/generate_data --sizes xxl"]="generates xxl (38.7 GB)"
    ["build/generate_data/generate_data --scale 3 --no-csv"]="writes 387 MB (tests/memory generates --scale 2 and 3 in a scratch folder)"
    ["./main v9 --data data/xl --threads 1"]="needs data/xl"
    ["./main floor --data data/xl --threads 1"]="needs data/xl"
    ["ROUNDS=5 REPEAT=3 mpi/measure.sh data/s data/xl"]="a measurement, at xl too"
    ["sysctl kernel.perf_event_paranoid=1"]="changes a kernel setting"
    ["scripts/lab start v2"]="$lab"
    ["scripts/lab start v3"]="$lab"
    ["scripts/lab start v5"]="$lab"
    ["scripts/lab check"]="$lab"
    ["scripts/lab check --sizes s,m"]="$lab"
    ["scripts/lab diff"]="$lab"
    ["scripts/profile massif lab"]="$lab"
    ["scripts/profile perf-annotate lab"]="$lab"
    ["scripts/profile callgrind lab"]="$lab"
)

# doc:line <TAB> command, for every command line of every document.
commands() {
    local doc
    for doc in README.md docs/*.md v*/README.md data/README.md mpi/README.md; do
        awk -v doc="$doc" '
            /<!-- generated:/ { generated = 1 }
            /<!-- end generated -->/ { generated = 0; next }
            generated { next }
            {
                if (joined != "") { text = $0; sub(/^ +/, "", text); line = joined " " text }
                else if ($0 ~ /^    /) { start = FNR; line = $0 }
                else next
                if (line ~ /\\$/) { joined = substr(line, 1, length(line) - 1); next }
                joined = ""
                sub(/^ +/, "", line); sub(/[ \t]+#[ \t].*$/, "", line); sub(/[ \t]+$/, "", line)
            }
            line ~ /^([A-Z_]+=[^ ]+ )*(scripts\/|\.\/main|build\/|mpi\/|diff |gcc |objdump |sysctl )/ {
                printf "%s:%d\t%s\n", doc, start, line
            }' "$doc"
    done
}
commands >"$TMP/all"
[ "$(wc -l <"$TMP/all")" -ge 40 ] && pass "$(wc -l <"$TMP/all") command lines in the documents" ||
    fail "only $(wc -l <"$TMP/all") command lines found in the documents"
# Each command once, where it first appears; the generator's first: they make the data.
awk -F'\t' '!seen[$2]++' "$TMP/all" >"$TMP/unique"
{ grep -P '\tbuild/generate_data/' "$TMP/unique"; grep -vP '\tbuild/generate_data/' "$TMP/unique"; } >"$TMP/ordered"

# A fresh tree: the tracked files as they are now, this build.
tree="$TMP/tree"
mkdir -p "$tree"
git rev-parse --git-dir >/dev/null 2>&1 || { echo "not a git checkout: no tracked files to copy"; exit 77; }
git ls-files -z | tar --null -T - -cf - 2>/dev/null | tar -C "$tree" -xf - ||
    { fail "could not copy the tracked files"; finish; }
ln -s "$BLD" "$tree/build"

# scripts/profile installs its packages when one is missing: not in a test.
profile_ready=$(
    source scripts/setup.sh
    for package in $PACKAGES_profile; do
        found=0
        for choice in ${package//|/ }; do installed "$choice" && found=1 && break; done
        [ $found -eq 1 ] || { echo "$package"; exit 0; }
    done)

run=0
while IFS=$'\t' read -r where command; do
    if [ -n "${SKIP[$command]+set}" ]; then
        echo "skipped: $command ($where): ${SKIP[$command]}"
        continue
    fi
    case $command in
    scripts/profile*)
        if [ -n "$profile_ready" ]; then
            echo "skipped: $command ($where): $profile_ready is not installed (scripts/profile would install it)"
            continue
        fi ;;
    *main-mpi*)
        if [ ! -x "$BLD/mpi/main-mpi" ] || ! command -v mpirun >/dev/null; then
            echo "skipped: $command ($where): main-mpi or mpirun is not installed"
            continue
        fi ;;
    esac
    run=$((run + 1))
    started=$SECONDS
    (cd "$tree" && timeout 120 bash -c "$command") </dev/null >"$TMP/out" 2>&1
    status=$?
    if [ "$status" -eq 0 ] || { [ "$status" -eq 1 ] && [[ $command == diff\ * ]]; }; then
        pass "as typed: $command ($((SECONDS - started)) s)"
    else
        fail "as typed: $command ($where) exits $status:"
        tail -n 20 "$TMP/out" | sed 's/^/    | /' >&2
    fi
done <"$TMP/ordered"
[ "$run" -ge 30 ] && pass "$run documented commands run" || fail "only $run documented commands run"
finish
