#!/usr/bin/env bash
# scripts/bench-compare.sh — `scripts/bench compare A B`: the ratio new / base
# of the median time and of the median peak memory for every (version, size)
# the two records share, with each one more than 10 % worse flagged as a
# regression (pytest-benchmark's --benchmark-compare).  A and B are record
# numbers (1 or 0001), name prefixes or files; B defaults to the latest record.
# Exit 0 even with regressions, unless --strict (then 1), so CI can choose.
set -uo pipefail
source "$(dirname "$0")/bench-lib.sh"

threshold=10 strict=0 names=()
while [ $# -gt 0 ]; do
    case $1 in
        --strict) strict=1 ;;
        --threshold) threshold=${2:?}; shift ;;
        -h|--help)
            echo "Usage: scripts/bench compare BASE [NEW] [--threshold PERCENT] [--strict]"
            exit 0 ;;
        *) names+=("$1") ;;
    esac
    shift
done
[ ${#names[@]} -ge 1 ] && [ ${#names[@]} -le 2 ] ||
    bench_die "compare takes one or two records (scripts/bench compare 0001 0002)"
base=$(record_path "${names[0]}") || exit 2
if [ ${#names[@]} -eq 2 ]; then new=$(record_path "${names[1]}") || exit 2
else new=$(latest_record) || bench_die "no records in $BENCH_DIR"; fi

printf 'base %s\nnew  %s\n' "$(basename "$base" .json)" "$(basename "$new" .json)"
printf 'ratio = new / base; a ratio above %s is flagged (more than %s %% slower or bigger)\n\n' \
    "$(awk -v t="$threshold" 'BEGIN { printf "%.2f", 1 + t / 100 }')" "$threshold"

jq -rn --slurpfile a "$base" --slurpfile b "$new" '
    def key: "\(.size) \(.version)";
    def order: . as $r | (["s","m","l","xl"] | index($r.size)) * 10
               + (["floor","v0","v1","v2","v3","v4","v5","v6","v7"] | index($r.version));
    ($a[0].results | map(select(.status == "ok")) | map({(key): .}) | add // {}) as $A
    | $b[0].results | map(select(.status == "ok" and $A[key] != null)) | sort_by(order) | .[]
    | [.size, .version, $A[key].wall_ms, .wall_ms, $A[key].peak_rss_mb, .peak_rss_mb] | @tsv' |
awk -F'\t' -v limit="$threshold" '
    function wd(s,  t, n) { t = s; n = gsub(/[\200-\277]/, "", t); return length(s) - n }
    function lp(s, n) { while (wd(s) < n) s = " " s; return s }
    function rp(s, n) { while (wd(s) < n) s = s " "; return s }
    BEGIN {
        print rp("size", 5) rp("version", 8) lp("base ms", 10) lp("new ms", 10) lp("time", 8) \
              lp("base MB", 10) lp("new MB", 10) lp("memory", 8)
        n = 0; bad = 0
    }
    {
        n++
        rt = ($3 > 0) ? $4 / $3 : 0; rm = ($5 > 0) ? $6 / $5 : 0
        flag = ""
        if (rt > 1 + limit / 100) flag = flag sprintf("  REGRESSION time +%.0f %%", (rt - 1) * 100)
        if (rm > 1 + limit / 100) flag = flag sprintf("  REGRESSION memory +%.0f %%", (rm - 1) * 100)
        if (flag != "") bad++
        print rp($1, 5) rp($2, 8) lp(sprintf("%.1f", $3), 10) lp(sprintf("%.1f", $4), 10) \
              lp(sprintf("%.2f×", rt), 8) lp(sprintf("%.1f", $5), 10) lp(sprintf("%.1f", $6), 10) \
              lp(sprintf("%.2f×", rm), 8) flag
    }
    END {
        if (n == 0) { print "no (version, size) in common"; exit 3 }
        printf "\n%d compared, %d regression%s over %s %%\n", n, bad, (bad == 1 ? "" : "s"), limit
        exit (bad > 0 ? 1 : 0)
    }'
status=$?
if [ "$status" -eq 3 ]; then exit 2; fi
if [ "$status" -eq 1 ] && [ "$strict" -eq 1 ]; then exit 1; fi
exit 0
