#!/usr/bin/env bash
# scripts/profile's flame graph and line view, and PROFILE_CALL_GRAPH=fp, on a
# tiny input (480 × 640 pixels from tests/valgrind/tiny_data, --repeat 40):
# the SVG is drawn from perf's samples and holds the step's function; the line
# view lists vN/step.c line by line, the H5Dread line with a share; fp means
# frame pointers only.  Skipped (77) where perf cannot record (no perf, or
# perf_event_paranoid too strict for this user) or flamegraph.pl is missing.
source "$(dirname "$0")/lib.sh"
TINY=$BLD/tests/valgrind/tiny_data
[ -x "$TINY" ] || { echo "skipped: $TINY not built"; exit 77; }
command -v perf >/dev/null || { echo "skipped: no perf (scripts/setup.sh: PACKAGES_test)"; exit 77; }
perf record -o "$TMP/probe.data" -- true >/dev/null 2>&1 ||
    { echo "skipped: perf record is not allowed here (perf_event_paranoid $(cat /proc/sys/kernel/perf_event_paranoid))"; exit 77; }
command -v flamegraph.pl >/dev/null || [ -x /usr/share/perl5/Devel/NYTProf/flamegraph.pl ] ||
    { echo "skipped: no flamegraph.pl (libdevel-nytprof-perl)"; exit 77; }
mkdir -p "$TMP/data"
"$TINY" "$TMP/data" 480 640 >/dev/null || { fail "tiny_data failed"; finish; }
export PROFILE_NO_INSTALL=1 PROFILE_MAIN=$BLD/main PROFILE_DIR="$TMP/profiles"
out="$TMP/out"

"$SRC/scripts/profile" flamegraph v3 --data "$TMP/data" --repeat 40 >"$out" 2>&1
assert_eq "$?" 0 "profile flamegraph v3 exits 0"
svg=$(ls "$TMP"/profiles/flamegraph-v3-*/flame.svg 2>/dev/null | head -n 1)
if [ -n "$svg" ] && head -c 200 "$svg" | grep -q '<?xml' && grep -q '<svg' "$svg"; then
    pass "flame.svg is an SVG"
else
    fail "no flame.svg, or not an SVG"; sed 's/^/    | /' "$out" >&2
fi
if grep -q 'v3_load_and_colorcode' "${svg:-/dev/null}"; then pass "the flame graph holds v3's function"
else fail "v3_load_and_colorcode is not in the flame graph"; fi
assert_line "$out" '^flame graph: .*/flame\.svg \([0-9]+ samples' "the summary names the SVG and its samples"

"$SRC/scripts/profile" lines v3 --data "$TMP/data" --repeat 40 >"$out" 2>&1
assert_eq "$?" 0 "profile lines v3 exits 0"
listing=$(ls "$TMP"/profiles/lines-v3-*/lines.txt 2>/dev/null | head -n 1)
assert_eq "$(wc -l <"${listing:-/dev/null}")" "$(wc -l <"$SRC/v3/step.c")" "lines.txt has every line of v3/step.c"
read_line=$(grep -n 'H5Dread(' "$SRC/v3/step.c" | head -n 1 | cut -d: -f1)
assert_line "${listing:-/dev/null}" "^.? *[0-9.]+% +([0-9.]+%)? +$read_line  .*H5Dread\(" \
    "the H5Dread line (v3/step.c:$read_line) has its share of the samples"
assert_line "$out" '^v3/step\.c line by line: share of all [0-9]+ CPU samples' "the summary's header"
assert_line "$out" '^hottest lines:' "the hottest lines"
assert_line "$out" '^  +⋮$' "lines without samples are folded on screen"

PROFILE_CALL_GRAPH=fp "$SRC/scripts/profile" perf-record v3 --data "$TMP/data" --repeat 5 >"$out" 2>&1
assert_eq "$?" 0 "PROFILE_CALL_GRAPH=fp perf-record exits 0"
commands=$(ls "$TMP"/profiles/perf-record-v3-*/command.txt 2>/dev/null | head -n 1)
assert_line "${commands:-/dev/null}" '^perf record .* -g -o ' "fp: perf record -g"
assert_no_line "${commands:-/dev/null}" 'dwarf' "fp: never dwarf"
assert_line "$out" 'call graph by frame pointers \(-g, as PROFILE_CALL_GRAPH=fp asks' "and the summary says so"
finish
