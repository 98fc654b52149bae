#!/usr/bin/env bash
# scripts/bench-show.sh — `scripts/bench show [N]`: a saved record (the latest, or N from
# .benchmarks/ or docs/records/) printed as scripts/bench printed it, nothing run.
set -uo pipefail
source "$(dirname "$0")/bench-lib.sh"
source "$(dirname "$0")/bench-report.sh"

case "${1:-}" in
    -h|--help)
        echo "Usage: scripts/bench show [N|FILE]   print a saved record (default: the latest) as scripts/bench printed it"
        exit 0 ;;
    -*) echo "scripts/bench show: unknown option '$1' (see --help)" >&2; exit 2 ;;
esac
if [ $# -ge 1 ]; then record=$(record_path "$1") || exit 2
else record=$(latest_record) || bench_die "no records in $BENCH_DIR"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jq -c '.results[]' "$record" >"$work/results.jsonl"
jq -c '(.results_one_thread // .one_thread.results // [])[]' "$record" >"$work/results1.jsonl"
jq '.targets' "$record" >"$work/targets.json"
jq -c '(.results_python // .python.results // [])[]' "$record" >"$work/python.jsonl"
export BENCH_PYTHON_RESULTS="$work/python.jsonl" BENCH_PYTHON_COLUMNS=0
[ -s "$work/python.jsonl" ] && BENCH_PYTHON_COLUMNS=1

# show_rows RESULTS SIZE: the rows of one table, the floors first, in ladder order.
show_rows() {
    local version
    for version in $BENCH_FLOORS $BENCH_VERSIONS; do
        jq -e --arg s "$2" --arg v "$version" 'any(.size == $s and .version == $v)' -s "$1" \
            >/dev/null && print_row "$1" "$2" "$version"
    done
}

jq -r '"\(.name): \(.command)\ncommit \(.commit[0:7])\(if .dirty then " (tree dirty)" else "" end) · \(.started) · \(.machine.cpu_model), \(.machine.cores) cores · load average \(.machine.load_average_at_start) at the start, \(.machine.load_average_at_end // "?") at the end"' "$record"
print_probe "$(jq -c '.machine.probe // null' "$record")"
for size in $(bench_jq -r "$BENCH_JQ"'.results | sizes_in | .[]' "$record"); do
    jq -e --arg s "$size" 'any(.results[]; .size == $s)' "$record" >/dev/null || continue
    for table in results results1; do
        bench_jq -e --arg s "$size" 'any(.size == $s)' -s "$work/$table.jsonl" >/dev/null || continue
        bench_jq -r -s --arg s "$size" --slurpfile r "$record" "$BENCH_JQ"'map(select(.size == $s)) as $rs
            | ($rs | map(select(.status == "ok")) | .[0] // {}) as $x
            | "\($x.height // "?") \($x.width // "?") \(size_note($r[0].settings; $s; $rs))"' "$work/$table.jsonl" |
            { read -r height width note; print_size_header "$size" "$height" "$width" "$note"; }
        show_rows "$work/$table.jsonl" "$size"
    done
done
print_targets "$work/targets.json"
print_close_calls "$work/targets.json"
if jq -e '.instructions != null' "$record" >/dev/null; then
    printf '\ninstructions in the timed region at s (callgrind --toggle-collect=measured_region, 1 OpenMP thread)\n'
    jq -c '.instructions[]' "$record" | print_instructions
fi
