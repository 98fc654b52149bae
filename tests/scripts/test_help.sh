#!/usr/bin/env bash
# Every executable in scripts/ (and the subcommands bench show, bench compare)
# answers --help with its usage on stdout and exit 0, doing no work: run from a
# copy of scripts/ in a scratch tree with no build, no data and no ./main, with
# every tool a script could start (meson, ninja, apt-get, valgrind, perf, …)
# replaced by a stub that logs its call — the log must stay empty, and no
# build/, data/, profiles/ or .benchmarks/ may appear.  A wrong option gets one
# line naming the script and where to look next.  New scripts are picked up by
# themselves.
source "$(dirname "$0")/lib.sh"
tree="$TMP/tree"
mkdir -p "$tree" "$TMP/stubs"
cp -r "$SRC/scripts" "$tree/scripts"
cp "$SRC/ladder.tsv" "$tree/"
log="$TMP/work.log"
: >"$log"
for tool in meson ninja apt-get apt-cache sudo dpkg-query valgrind perf heaptrack gnuplot \
    pandoc chromium clang clang-14 cc gcc make callgrind_annotate ms_print generate_data \
    podman debootstrap; do
    printf '#!/bin/sh\necho "%s $*" >>"%s"\nexit 1\n' "$tool" "$log" >"$TMP/stubs/$tool"
    chmod +x "$TMP/stubs/$tool"
done
export PATH="$TMP/stubs:$PATH"
unset BENCH_MAIN BENCH_DATA BENCH_DIR LADDER_MAIN

commands=()
for script in "$SRC"/scripts/*; do
    [ -f "$script" ] && [ -x "$script" ] && commands+=("$(basename "$script")")
done
commands+=("bench show" "bench compare" "bench charts")
[ ${#commands[@]} -ge 12 ] && pass "${#commands[@]} commands to ask" ||
    fail "only ${#commands[@]} executables found in scripts/"

for command in "${commands[@]}"; do
    read -ra words <<<"$command"
    out="$TMP/out" err="$TMP/err"
    (cd "$tree" && timeout 20 "scripts/${words[0]}" "${words[@]:1}" --help >"$out" 2>"$err")
    status=$?
    assert_eq "$status" 0 "scripts/$command --help exits 0"
    if [ -s "$out" ] && grep -qiE "usage|scripts/${words[0]}" "$out"; then
        pass "scripts/$command --help prints its usage on stdout"
    else
        fail "scripts/$command --help printed no usage on stdout"; sed 's/^/    | /' "$out" "$err" >&2
    fi
    assert_no_line "$out" '^(set -|source |#!)' "scripts/$command --help prints no code"
    if [ -s "$log" ]; then
        fail "scripts/$command --help started: $(tr '\n' ';' <"$log")"
        : >"$log"
    else
        pass "scripts/$command --help started nothing"
    fi
    for made in build data profiles .benchmarks slides/out; do
        [ ! -e "$tree/$made" ] || { fail "scripts/$command --help made $made/"; rm -rf "${tree:?}/$made"; }
    done
done

# A wrong option: status 2, the first line names the script, and the error says
# where to go next (--help, the usage, or "see …"); nothing is started.  run,
# test-sanitize and mpirun hand their arguments to another tool; count-results'
# arguments are folders.
for command in "${commands[@]}"; do
    read -ra words <<<"$command"
    case ${words[0]} in run | test-sanitize | mpirun | count-results) continue ;; esac
    (cd "$tree" && timeout 20 "scripts/${words[0]}" "${words[@]:1}" --no-such-option >/dev/null 2>"$err")
    assert_eq "$?" 2 "scripts/$command --no-such-option exits 2"
    # (bench-compare.sh answers as "scripts/bench compare")
    if head -n 1 "$err" | grep -qE "^(usage: )?scripts/${words[0]%%[-.]*}" &&
        grep -qE -- '--help|[Uu]sage|see |scripts/[a-z]+ ' "$err"; then
        pass "scripts/$command --no-such-option: names the script and what to read next"
    else
        fail "scripts/$command --no-such-option said:"; sed 's/^/    | /' "$err" >&2
    fi
    [ ! -s "$log" ] && pass "scripts/$command --no-such-option started nothing" ||
        { fail "scripts/$command --no-such-option started: $(tr '\n' ';' <"$log")"; : >"$log"; }
done
finish
