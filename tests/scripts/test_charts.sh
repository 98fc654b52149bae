#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../../scripts disable=SC2016 # jq programs are single-quoted on purpose
# peak-size.png from a record whose cold table reaches xxl, beyond the warm one: made from
# the newest committed record with a fabricated .cold (chunked steps and the floor ran at
# xxl, the whole-image steps and h5dread refused it with main's note).  Its data: warm peaks
# where the warm table ran, cold ones beyond, each refusal from the step's last peak to the
# bytes its note needs; the chart is drawn; a record without .cold yields no such chart.
source "$(dirname "$0")/lib.sh"
source "$SRC/scripts/bench-lib.sh" && source "$SRC/scripts/docs-lib.sh" && source "$SRC/scripts/docs-charts.sh"
records=("$SRC"/docs/records/[0-9][0-9][0-9][0-9]_*.json)
plain=${records[-1]}
[ -f "$plain" ] || { echo "skipped: no record in docs/records/"; exit 77; }
# the other charts of the record are not this test's: without them it draws in a second
jq 'del(.rss, .one_thread, .sweep, .python) | .cold = {
    sizes: [{size: "xxl", height: 28800, width: 38400}],
    results: ([.results[] | select(.status == "ok") | {version, size, status, peak_rss_mb}]
      + [["floor", 5.2], ["v4", 169], ["v7", 158], ["v8", 5.0], ["v9", 5.3]
         | {version: .[0], size: "xxl", status: "ok", peak_rss_mb: .[1]}]
      + [("v1", "v2", "v3", "v5", "v6", "h5dread") | {version: ., size: "xxl", status: "failed",
         note: "main: out of memory: \(.) (the whole 28800 × 38400 map and its image) needs 38707200000 bytes (38.71 GB) but 24664219648 bytes (24.66 GB) are available"}]
      + [{version: "v0", size: "xxl", status: "skipped", note: "no CSV"}])}' "$plain" >"$TMP/cold.json"
jq 'del(.rss, .one_thread, .sweep, .python, .cold)' "$plain" >"$TMP/plain.json"

assert_eq "$(docs_chart_jq "$TMP/cold.json" 'charts($r) | index("peak-size.png") != null')" true \
    "a record whose cold table reaches xxl has peak-size.png"
assert_eq "$(docs_chart_jq "$TMP/plain.json" 'charts($r) | index("peak-size.png") != null')" false \
    "a record without .cold has none"

docs_peak_size_dat "$TMP/cold.json" >"$TMP/peak.dat"
# block STEP: STEP's rows (paragraph 1: the three header lines and the ticks, then one per step)
block() {
    awk -v RS= -v k="$(head -1 "$TMP/peak.dat" | tr ' ' '\n' | grep -nx "$1" | cut -d: -f1)" 'NR == k + 1' "$TMP/peak.dat"
}
xl=$(jq '[.results[] | select(.size == "xl" and .status == "ok")] | map({(.version): .peak_rss_mb}) | add' "$plain")
assert_eq "$(head -3 "$TMP/peak.dat" | tail -2 | tr '\n' ' ')" "w1 w2 w3 w4 w5 w6 b1 b2 b3 b4 f1 f2 6 " \
    "six whole-image steps (v0 v1 v2 v3 v5 v6), four bounded, two floors; six refusals"
assert_eq "$(block v9 | tail -1)" "$(printf '1105920000\t5.3')" "v9 at xxl: the cold table's peak"
assert_eq "$(block v9 | sed -n 4p)" "$(printf '44236800\t%s' "$(jq '.v9' <<<"$xl")")" "v9 at xl: the warm table's peak"
assert_eq "$(block v3 | wc -l)" 4 "v3: s to xl, nothing at xxl"
assert_line "$TMP/peak.dat" "^44236800	$(jq '.v3' <<<"$xl")	1105920000	38707.2	w4$" \
    "v3's refusal: from its xl peak to the 38707.2 MB its note needs"
assert_line "$TMP/peak.dat" '^1105920000	38707.2	refused: needs 38.7 GB$' "the refusal is labelled"
assert_no_line "$TMP/peak.dat" '	(w1|b[0-9]|f1)$' "no refusal for v0 (skipped), the bounded steps or the floor"

if command -v gnuplot >/dev/null; then
    docs_draw_charts "$TMP/cold.json" "$TMP/charts" >"$TMP/out" 2>&1
    assert_eq "$?" 0 "docs_draw_charts exits 0"
    if [ "$(head -c 4 "$TMP/charts/peak-size.png" 2>/dev/null | od -An -c | tr -d ' ')" = '211PNG' ]; then
        pass "peak-size.png is a PNG"
    else fail "peak-size.png is missing or not a PNG: $(cat "$TMP/out")"; fi
    docs_draw_charts "$TMP/plain.json" "$TMP/plain" >/dev/null 2>&1
    if [ -e "$TMP/plain/peak-size.png" ]; then fail "peak-size.png drawn from a record without .cold"
    else pass "no peak-size.png from a record without .cold"; fi
else
    echo "note: gnuplot is missing: the chart itself was not drawn"
fi
finish
