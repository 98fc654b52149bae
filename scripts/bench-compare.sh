#!/usr/bin/env bash
# scripts/bench-compare.sh — `scripts/bench compare A B`: per (version, size) of two
# records, median ± MAD [min–max] of each, new / base, and a verdict only the runs support.
#
# Why runs must separate (U = 0) and not just medians differ: on this shared machine two
# records of one commit differ by >10 % in most rows (docs/benchmarks.md).  Exit 2: usage.
set -uo pipefail
source "$(dirname "$0")/bench-lib.sh"

usage() {
    cat <<'EOF'
Usage: scripts/bench compare BASE [NEW] [--threshold PERCENT] [--min-runs N] [--alpha P] [--strict]

Compares two benchmark records (numbers, name prefixes or files; NEW defaults
to the latest).  A row is called slower/faster (time) or bigger/smaller (peak
memory) only when the stored runs of the two records do not overlap at all and
the medians differ by more than PERCENT (default 10); otherwise `~`.  Rows
with fewer than N runs a side (default 9; scripts/bench takes 21 at s, 5 of
v0 and v1) are never called.
  --alpha P   call a change when the Mann–Whitney p < P instead of only when
              the runs separate (for independent runs on a quiet machine)
  --strict    exit 1 when anything got slower or bigger
EOF
}

threshold=10 alpha="" min_runs=9 strict=0 names=()
while [ $# -gt 0 ]; do
    [[ ! $1 =~ ^--(threshold|alpha|min-runs)$ || -n ${2:-} ]] || bench_die "compare: $1 needs a value (scripts/bench compare --help)"
    case $1 in
        --strict) strict=1 ;;
        --threshold) threshold=$2; shift ;;
        --alpha) alpha=$2; shift ;;
        --min-runs) min_runs=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "scripts/bench compare: unknown option '$1'" >&2; usage >&2; exit 2 ;;
        *) names+=("$1") ;;
    esac
    shift
done
[[ $threshold =~ ^[0-9]+([.][0-9]+)?$ ]] || bench_die "--threshold takes a percentage, e.g. 10"
[[ $min_runs =~ ^[1-9][0-9]*$ ]] || bench_die "--min-runs takes a positive number, e.g. 9"
[ -z "$alpha" ] || [[ $alpha =~ ^0?[.][0-9]+$ ]] || bench_die "--alpha takes a probability below 1, e.g. 0.05"
[ ${#names[@]} -ge 1 ] && [ ${#names[@]} -le 2 ] ||
    bench_die "compare takes one or two records (scripts/bench compare 0001 0002)"
base=$(record_path "${names[0]}") || exit 2
new=$(record_path "${names[1]:-}") || exit 2

for which in base new; do
    printf '%-4s %s  %s\n' "$which" "$(basename "${!which}" .json)" "$(jq -r '"commit \((.commit // "?")[0:7])\(if .dirty then "+" else "" end) · load average \(.machine.load_average_at_start // "?") at the start"' "${!which}")"
done
printf 'median ± MAD [min–max] of the stored runs; ratio = new / base; p: Mann–Whitney, two-sided\n'
printf 'a change is called only when %s and the medians differ by more than %s %%, otherwise ~\n' \
    "$([ -z "$alpha" ] && echo "the runs do not overlap" || echo "p < $alpha")" "$threshold"
# the machine was busy during a record: say so, its wall times are inflated
jq -r --argjson cores "$(nproc)" '(.machine.load_average_at_start // "" | split(" ")[0] | tonumber? // 0) as $l
    | (.machine.cores // $cores) as $c | select($l >= $c)
    | "note: \(input_filename | split("/")[-1] | rtrimstr(".json")) started with load average \($l) on \($c) cores: a busy machine, its times are inflated"' "$base" "$new"
echo

# jq: one TSV line per shared (size, version), in ladder order: the cells (lib.jq, as every
# table prints them), the sorted runs (comma-separated, "" when none were stored) and the
# medians of time and peak.  awk judges (the exact Mann–Whitney test has no tool here).
table=$(bench_jq -rn --slurpfile a "$base" --slurpfile b "$new" --arg versions "$BENCH_FLOORS $BENCH_VERSIONS" "$BENCH_JQ"'
    def key: "\(.size) \(.version)";
    ($b[0].results | sizes_in) as $sizes
    | def order: . as $r | ($versions | split(" ")) as $l
               | ($sizes | index($r.size) // 9) * 1000 + ($l | index($r.version) // 999);
    def runs($f): [(.runs // [])[][$f]] | sort;
    def cell: . as $x | "\(.wall_ms | pm($x.wall_mad_ms // ($x | runs("wall_ms") | if length > 0 then mad else null end))) "
              + (runs("wall_ms") | if length > 0 then "[\(.[0] | fms)–\(.[-1] | fms)]" else "[–]" end);
    ($a[0].results | map(select(.status == "ok")) | map({(key): .}) | add // {}) as $A
    | $b[0].results | map(select(.status == "ok" and $A[key] != null)) | sort_by(order) | .[] | $A[key] as $o
    | [.size, .version, ($o | cell), cell, (ratio(.wall_ms; $o.wall_ms) | fx),
       ($o | runs("wall_ms") | join(",")), (runs("wall_ms") | join(",")),
       ($o.peak_rss_mb | fmb), (.peak_rss_mb | fmb), (ratio(.peak_rss_mb; $o.peak_rss_mb) | fx),
       ($o | runs("peak_rss_mb") | join(",")), (runs("peak_rss_mb") | join(",")), $o.wall_ms, .wall_ms, $o.peak_rss_mb, .peak_rss_mb] | @tsv' |
awk -F'\t' -v OFS='\t' -v limit="$threshold" -v min_runs="$min_runs" -v alpha="${alpha:-0.05}" -v separate="$([ -z "$alpha" ] && echo 1 || echo 0)" '
    # P(U <= u) for samples of n and m without ties, exactly: the number of orderings
    # with at most u inversions over C(n+m, n), built up cell by cell (c[i, j, k]).
    function cdf(n, m, u,   i, j, k, key, total) {
        key = n SUBSEP m
        if (!(key in done)) {
            split("", c)
            for (i = 0; i <= n; i++) for (j = 0; j <= m; j++) for (k = 0; k <= i * j; k++)
                c[i, j, k] = (i == 0 || j == 0) ? (k == 0) : (k >= j ? c[i - 1, j, k - j] : 0) + (k <= i * (j - 1) ? c[i, j - 1, k] : 0)
            for (k = 0; k <= n * m; k++) { total += c[n, m, k]; cum[key, k] = total }
            for (k = 0; k <= n * m; k++) cum[key, k] /= total
            done[key] = 1
        }
        return u < 0 ? 0 : (u >= n * m ? 1 : cum[key, int(u)])
    }
    # two-sided p of the Mann–Whitney U test of a[1..n] against b[1..m]
    function mw_p(a, n, b, m,   i, j, u) {
        for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) u += (a[i] > b[j]) + 0.5 * (a[i] == b[j])
        u = 2 * cdf(n, m, u < n * m - u ? u : n * m - u)
        return u > 1 ? 1 : u
    }
    # the verdict of one measure (sorted runs a[1..n], b[1..m], medians ma, mb):
    # sets V (the word) and P (the p value or ""); the runs separate when the
    # last of one is below the first of the other
    function judge(a, n, b, m, ma, mb, up, down,   r, sure) {
        P = ""; V = "~"
        if (n == 0 || m == 0) return
        P = (n >= 2 && m >= 2) ? mw_p(a, n, b, m) : ""
        if (n < min_runs || m < min_runs || 2 * cdf(n, m, 0) >= alpha) { few++; return }
        sure = separate ? (a[n] < b[1] || b[m] < a[1]) : (P < alpha)
        r = mb / ma
        if (sure && r > 1 + limit / 100) V = up
        else if (sure && r < 1 / (1 + limit / 100)) V = down
    }
    BEGIN { print "size", "version", "base ms", "new ms", "time", "p", "", "base MB", "new MB", "memory", "verdict" }
    {
        rows++
        na = split($6, ta, ","); nb = split($7, tb, ","); ma = split($11, pa, ","); mb = split($12, pb, ",")
        judge(ta, na, tb, nb, $13, $14, "slower", "faster"); vt = V; pt = P
        judge(pa, ma, pb, mb, $15, $16, "bigger", "smaller"); vm = V
        called[vt]++; called[vm]++
        if (!na || !nb) nostored++
        print $1, $2, $3, $4, $5, (pt == "" ? "–" : sprintf("%.3f", pt)), vt, $8, $9, $10, vm
    }
    END {
        if (rows == 0) { print "no (version, size) in common" >"/dev/stderr"; exit 3 }
        printf "\n%d compared: time %d slower, %d faster; memory %d bigger, %d smaller; the rest ~\n",
               rows, called["slower"], called["faster"], called["bigger"], called["smaller"]
        if (few) printf "(%d measures had fewer than %d runs a side: never called; more with --slow-runs or --runs)\n", few, min_runs
        if (nostored) printf "(%d rows come from a record without stored runs: never called)\n", nostored
        exit (called["slower"] + called["bigger"] > 0 ? 1 : 0)
    }')
status=$?
LC_ALL=C.UTF-8 column -t -s $'\t' -R 3,4,5,6,8,9,10 <(grep -P '\t' <<<"$table")
grep -v -P '\t' <<<"$table"
if [ "$status" -eq 3 ]; then exit 2; fi
if [ "$status" -eq 1 ] && [ "$strict" -eq 1 ]; then exit 1; fi
exit 0
