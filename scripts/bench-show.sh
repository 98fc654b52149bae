#!/usr/bin/env bash
# scripts/bench-show.sh — `scripts/bench show [N]`: prints a saved record (the
# latest by default) the way scripts/bench printed it — the table per size,
# the thread check, the targets and the instruction counts — without running
# anything.  This is how docs/benchmarks.md quotes a run.
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
jq -c '.results_one_thread[]?' "$record" >"$work/results1.jsonl"
jq '.targets' "$record" >"$work/targets.json"
jq -c '.results_python[]?' "$record" >"$work/python.jsonl"
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
for size in $BENCH_SIZES; do
    jq -e --arg s "$size" 'any(.results[]; .size == $s)' "$record" >/dev/null || continue
    read -r height width threads huge < <(jq -r --arg s "$size" '
        [.results[] | select(.size == $s and .status == "ok")][0] // {}
        | "\(.height // "?") \(.width // "?") \(.threads // "?") \(.hugepages // "?")"' "$record")
    note=$(jq -r --arg s "$size" '.settings as $t
        | ($t.per_size[$s].runs // $t.runs) as $runs | ($t.per_size[$s].slow_runs // $t.slow_runs) as $slow
        | ([$t.rounds // 1, $runs] | min) as $rounds
        | "median of \($runs) runs"
          + (if any(.results[]; .size == $s and (.version == "v0" or .version == "v1") and .status == "ok")
                and $slow < $runs then " (v0, v1: \($slow))" else "" end)
          + (if $t.mode == "fresh processes" then " in fresh processes"
             elif $rounds > 1 then " in \($rounds) rounds, each after 1 warm-up" else " after 1 warm-up" end)' "$record")
    huge="huge pages $([ "$huge" = true ] && echo on || echo off)"
    print_size_header "$size" "$height" "$width" "$note · $threads thread$([ "$threads" = 1 ] || echo s) · $huge"
    show_rows "$work/results.jsonl" "$size"
    if jq -e --arg s "$size" 'any(.size == $s)' -s "$work/results1.jsonl" >/dev/null; then
        print_size_header "$size" "$height" "$width" "$note · 1 thread · $huge"
        show_rows "$work/results1.jsonl" "$size"
    fi
done
if jq -e '.threads_check != null' "$record" >/dev/null; then
    jq -r '.threads_check | "\nOpenMP: compute phase with 1 and 2 threads at \(.size)",
           (.versions[] | [.version, .median, .at_least_1_6, (.ratios | length), (.ratios | map(. * 100 | round / 100 | tostring + "×") | join(" "))] | @tsv)' "$record" |
        awk -F'\t' 'NF < 5 { print; next }
                    { printf "  %s: median %.2f×, ≥ 1.6× in %d of %d pairs (%s)\n", $1, $2, $3, $4, $5 }'
fi
print_targets "$work/targets.json"
print_close_calls "$work/targets.json"
if jq -e '.instructions != null' "$record" >/dev/null; then
    printf '\ninstructions in the timed region at s (callgrind --toggle-collect=measured_region, 1 OpenMP thread)\n'
    jq -r '.instructions[] | [.version, .instructions, .per_pixel] | @tsv' "$record" |
        awk -F'\t' '{ printf "%-5s %14.0f instructions  %8.1f per pixel\n", $1, $2, $3 }'
fi
