#!/usr/bin/env bash
# scripts/bench-compare.sh — `scripts/bench compare A B`: per (version, size) of two
# records, median ± MAD [min–max] of each, new / base, and a verdict by the project's one
# noise rule (scripts/lib.jq: separated), for the time and for the peak.  Exit 2: usage.
set -uo pipefail
source "$(dirname "$0")/bench-lib.sh"

usage() {
    cat <<'EOF'
Usage: scripts/bench compare BASE [NEW] [--strict]

Compares two benchmark records (numbers, name prefixes or files; NEW defaults
to the latest).  A row is called slower/faster (time) or bigger/smaller (peak
memory) by the noise rule every table applies: each side has at least 3 runs,
the middle halves of their runs do not overlap, and the medians are more than
10 % apart; otherwise `~`.
  --strict    exit 1 when anything got slower or bigger
EOF
}

strict=0 names=()
while [ $# -gt 0 ]; do
    case $1 in
        --strict) strict=1 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "scripts/bench compare: unknown option '$1' (scripts/bench compare --help)" >&2; exit 2 ;;
        *) names+=("$1") ;;
    esac
    shift
done
[ ${#names[@]} -ge 1 ] && [ ${#names[@]} -le 2 ] ||
    bench_die "compare takes one or two records (scripts/bench compare 0001 0002)"
base=$(record_path "${names[0]}") || exit 2
new=$(record_path "${names[1]:-}") || exit 2

for which in base new; do
    printf '%-4s %s  %s\n' "$which" "$(basename "${!which}" .json)" "$(jq -r '"commit \((.commit // "?")[0:7])\(if .dirty then "+" else "" end) · load average \(.machine.load_average_at_start // "?") at the start"' "${!which}")"
done
printf 'median ± MAD [min–max] of the stored runs; ratio = new / base\n'
printf 'a change is called when the middle halves of the runs (3 or more a side) do not overlap and the medians differ by more than 10 %%, otherwise ~\n'
# the machine was busy during a record: say so, its wall times are inflated
jq -r --argjson cores "$(nproc)" '(.machine.load_average_at_start // "" | split(" ")[0] | tonumber? // 0) as $l
    | (.machine.cores // $cores) as $c | select($l >= $c)
    | "note: \(input_filename | split("/")[-1] | rtrimstr(".json")) started with load average \($l) on \($c) cores: a busy machine, its times are inflated"' "$base" "$new"
echo

# One TSV line per shared (size, version), in ladder order, then the totals line.
table=$(bench_jq -rn --slurpfile a "$base" --slurpfile b "$new" --arg versions "$BENCH_FLOORS $BENCH_VERSIONS" "$BENCH_JQ"'
    def key: "\(.size) \(.version)";
    ($b[0].results | sizes_in) as $sizes
    | def order: . as $r | ($versions | split(" ")) as $l
               | ($sizes | index($r.size) // 9) * 1000 + ($l | index($r.version) // 999);
    def runs($f): [(.runs // [])[][$f]] | sort;
    def cell: . as $x | "\(.wall_ms | pm($x.wall_mad_ms // ($x | runs("wall_ms") | if length > 0 then mad else null end))) "
              + (runs("wall_ms") | if length > 0 then "[\(.[0] | fms)–\(.[-1] | fms)]" else "[–]" end);
    def verdict($o; $f; $up; $down): if separated_in($f; $o; .) | not then "~"
        elif .[$f] > $o[$f] then $up else $down end;
    ($a[0].results | map(select(.status == "ok")) | map({(key): .}) | add // {}) as $A
    | [$b[0].results[] | select(.status == "ok" and $A[key] != null)] | sort_by(order)
    | map($A[key] as $o | {size, version, base: ($o | cell), new: cell, time: (ratio(.wall_ms; $o.wall_ms) | fx),
          t: verdict($o; "wall_ms"; "slower"; "faster"), base_mb: ($o.peak_rss_mb | fmb), new_mb: (.peak_rss_mb | fmb),
          memory: (ratio(.peak_rss_mb; $o.peak_rss_mb) | fx), m: verdict($o; "peak_rss_mb"; "bigger"; "smaller"),
          stored: ((.runs // [] | length) > 0 and ($o.runs // [] | length) > 0)})
    | if length == 0 then "scripts/bench compare: no (version, size) in common\n" | halt_error(3) else . end
    | (["size", "version", "base ms", "new ms", "time", "", "base MB", "new MB", "memory", "verdict"] | @tsv),
      (.[] | [.size, .version, .base, .new, .time, .t, .base_mb, .new_mb, .memory, .m] | @tsv),
      "", "\(length) compared: time \(map(select(.t == "slower")) | length) slower, \(map(select(.t == "faster")) | length) faster; memory \(map(select(.m == "bigger")) | length) bigger, \(map(select(.m == "smaller")) | length) smaller; the rest ~",
      (map(select(.stored | not)) | length | select(. > 0) | "(\(.) rows come from a record without stored runs: never called)"),
      (if any(.[]; .t == "slower" or .m == "bigger") then "worse" else empty end)')
case $? in 0) ;; 3) exit 2 ;; *) echo "scripts/bench compare: jq failed (above): a bug in scripts/; report it with the two records" >&2; exit 1 ;; esac
LC_ALL=C.UTF-8 column -t -s $'\t' -R 3,4,5,7,8,9 <(grep -P '\t' <<<"$table")
grep -v -P '\t' <<<"$table" | grep -vx worse
[ $strict -eq 1 ] && grep -qx worse <<<"$table" && exit 1
exit 0
