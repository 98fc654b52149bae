# shellcheck shell=bash
# scripts/bench-report.sh — sourced by scripts/bench and bench-show.sh: the
# table rows, the targets and their ✓/✗ lines, the "below the floor" mark.
# Input is always the results file (one JSON object per line, one per (version,
# size)); jq picks and formats the figures with scripts/lib.jq, as the documents do.

# Colour the marks only on a terminal; the record and the tests see plain text.
if [ -t 1 ]; then BENCH_RED=$'\033[31;1m' BENCH_GREEN=$'\033[32m' BENCH_OFF=$'\033[0m'
else BENCH_RED="" BENCH_GREEN="" BENCH_OFF=""; fi

# print_size_header SIZE HEIGHT WIDTH NOTE
print_size_header() {
    printf '\nsize %s: %s × %s pixels · %s\n' "$1" "$2" "$3" "$4"
    bench_jq -nr --arg py "${BENCH_PYTHON_COLUMNS:-0}" "$BENCH_JQ"'"\("" | rp(7))\("time" | lp(14))      \("peak" | lp(8))   \("× floor" | lp(9))\("vs v0" | lp(9))  \("vs parent" | rp(19))  \("load" | lp(7)) + \("compute" | lp(7))   \("cpu" | lp(8))   \("faults" | lp(9))"
        + if $py == "1" then "\("Python" | lp(11))   \("× Python" | lp(9))" else "" end'
}

# print_probe PROBE_JSON: the machine probe (./main probe --json, plus the
# page-cache read rate a record adds from its floor row), or nothing.
print_probe() {
    [ -n "$1" ] && [ "$1" != null ] || return 0
    bench_jq -r "$BENCH_JQ"'"machine probe (\(.mebibytes) MiB, median of \(.passes) after a warm-up, one thread): first touch of fresh memory \(.first_touch_4k_gbps | fixed(2)) GB/s in 4 KiB pages, \(.first_touch_huge_gbps | fixed(2)) GB/s in huge pages; copy within mapped memory \(.copy_gbps | fixed(2)) GB/s"
           + (if .page_cache_read_gbps then "; page cache read (the floor at \(.page_cache_read_size)) \(.page_cache_read_gbps | fixed(2)) GB/s" else "" end)' <<<"$1"
}

# The ladder as JSON (./main list --tsv), for jq: names, kinds, parents.
BENCH_LADDER=$(ladder_json)

# jq: true when result $r is below 0.95 × the floor's time beyond noise — its
# median under 0.95 × the floor's, and its slower quarter of runs faster than
# the floor's faster quarter (the interquartile ranges do not touch).  A step
# that beats the floor so means the floor is not a floor.
BENCH_JQ_BELOW='
def quartile($p): sort | .[((length - 1) * $p) | floor];
def below_floor($r; $f): $r.status == "ok" and $f != null and $f.wall_ms > 0
    and $r.wall_ms / $f.wall_ms < 0.95
    and ([$r.runs[]?.wall_ms] | length > 0) and ([$f.runs[]?.wall_ms] | length > 0)
    and ([$r.runs[].wall_ms] | quartile(0.75)) < ([$f.runs[].wall_ms] | quartile(0.25));
'

# print_row RESULTS SIZE VERSION: one line of the table, the original's
# "v3    49 ms –   48.43 MB" (with the spread: median ± MAD) followed by the
# ratios, each parent's time over this one (the ladder is a tree), and the
# split.  A step below the floor beyond noise (BENCH_JQ_BELOW) is marked.
print_row() {
    local py=${BENCH_PYTHON_RESULTS:-}
    [ -n "$py" ] && [ -f "$py" ] || py=/dev/null
    bench_jq -rs --arg s "$2" --arg v "$3" --argjson ladder "$BENCH_LADDER" --arg red "$BENCH_RED" --arg off "$BENCH_OFF" \
        --slurpfile py "$py" --arg cols "${BENCH_PYTHON_COLUMNS:-0}" "$BENCH_JQ$BENCH_JQ_BELOW"'
        map(select(.size == $s)) as $all
        | def ok($w): $all | map(select(.version == $w and .status == "ok")) | .[0];
          ($all | map(select(.version == $v)) | .[0]) as $r | ok("floor") as $f
        | ([$py[] | select(.size == $s and .version == $v and .status == "ok")][0].wall_ms // null) as $pyms
        | ([$ladder[] | select(.kind == "floor") | .name] | index($v) != null) as $floor
        | if $r.status != "ok" then "\($v | rp(7)) \($r.status)\(if $r.note then ": " + $r.note else "" end)"
          else "\($v | rp(7))\($r.wall_ms | pm($r.wall_mad_ms) | lp(14)) ms – \($r.peak_rss_mb | fmb | lp(8)) MB"
            + "\(ratio($r.wall_ms; $f.wall_ms) | fx | lp(9))"
            + "\(if $v == "v0" or $floor then null else ratio(ok("v0").wall_ms; $r.wall_ms) end | fx | lp(9))  "
            + "\([$ladder[] | select(.name == $v) | .parents[] | [., ratio(ok(.).wall_ms; $r.wall_ms)]] | vs_parents | rp(19))"
            + "  \($r.load_ms | fms | lp(7)) + \($r.compute_ms | fms | lp(7)) ms\($r.cpu_ms | fms | lp(8)) ms\($r.faults | lp(9))"
            + (if $cols == "1" then "\(if $pyms then "\($pyms | fms) ms" else "–" end | lp(11))   \(ratio($pyms; $r.wall_ms) | fx | lp(9))" else "" end)
            + (if ($floor | not) and below_floor($r; $f) then "  \($red)⚠ below the floor\($off)" else "" end) end' "$1"
}

# targets_json RESULTS [RESULTS_1_THREAD [RESULTS_PYTHON]]: every target (story,
# floor, memory, one core, Python) that the measured sizes allow, as a JSON
# array of {size, group, name, value, unit, relation, limit, ok}; ok is null
# when a figure it needs was not measured.  RESULTS_1_THREAD: the --one-thread table.
targets_json() {
    local results=$1 one=${2:-/dev/null} py=${3:-/dev/null}
    bench_jq -s --slurpfile py "$py" --slurpfile one "$one" \
        --argjson steps "$(jq -c 'map(select(.kind != "floor") | .name)' <<<"$BENCH_LADDER")" "$BENCH_JQ$BENCH_JQ_BELOW"'
        (reduce (.[] | select(.status == "ok")) as $r ({}; .[$r.size][$r.version] = $r)) as $m
        | (reduce ($one[] | select(.status == "ok")) as $r ({}; .[$r.size][$r.version] = $r)) as $m1
        | (reduce ($py[] | select(.status == "ok")) as $r ({}; .[$r.size][$r.version] = $r)) as $mp
        | def fig($s; $v; $f): ($m[$s][$v][$f]) // null;
          def ratio($a; $b): if $a == null or $b == null or $b == 0 then null else $a / $b end;
          def judge($value; $rel; $limit): if $value == null then null
              elif $rel == ">" then $value > $limit elif $rel == ">=" then $value >= $limit
              elif $rel == "<" then $value < $limit else $value <= $limit end;
          def check($s; $group; $name; $value; $unit; $rel; $limit):
              {size: $s, group: $group, name: $name, value: $value, unit: $unit,
               relation: $rel, limit: $limit, ok: judge($value; $rel; $limit)};
          def t($s; $v): fig($s; $v; "wall_ms");
          def p($s; $v): fig($s; $v; "peak_rss_mb");
          def c($s; $v): fig($s; $v; "compute_ms");
          def t1($s; $v): ($m1[$s][$v].wall_ms) // null;
          def output_mb($s): ([$m[$s][] | select(.height)][0]) as $r
              | if $r then $r.height * $r.width * 3 / 1e6 else null end;
          def low($s): [$steps[] | select($m[$s][.] != null and below_floor($m[$s][.]; $m[$s].floor))];
          def fastest1($s): [$steps[] | select(t1($s; .) != null)] | min_by(t1($s; .));
        [ sizes_in[] as $s
          | ( check($s; "story"; "v1 faster than v0"; ratio(t($s;"v0"); t($s;"v1")); "x"; ">"; 1),
              check($s; "story"; "v2 at least 5× faster than v1"; ratio(t($s;"v1"); t($s;"v2")); "x"; ">="; 5),
              check($s; "story"; "v3 faster than v2"; ratio(t($s;"v2"); t($s;"v3")); "x"; ">"; 1),
              check($s; "story"; "v3 peak below v2 peak"; ratio(p($s;"v3"); p($s;"v2")) | if . then . * 100 else null end; "%"; "<"; 100),
              (if $s == "xl" then
                check($s; "story"; "v4 peak ≤ 25 % of v3 peak"; ratio(p($s;"v4"); p($s;"v3")) | if . then . * 100 else null end; "%"; "<="; 25)
               else empty end),
              check($s; "story"; "v4 time ≤ 1.2 × v3 time"; ratio(t($s;"v4"); t($s;"v3")); "x"; "<="; 1.2),
              check($s; "story"; "v5 faster than v3"; ratio(t($s;"v3"); t($s;"v5")); "x"; ">"; 1),
              check($s; "story"; "v6 compute faster than v5 compute"; ratio(c($s;"v5"); c($s;"v6")); "x"; ">"; 1),
              check($s; "story"; "v7 peak within 10 % of v4 peak"; ratio(p($s;"v7"); p($s;"v4")) | if . then . * 100 else null end; "%"; "<="; 110),
              check($s; "story"; "v7 time ≤ half of v4 time"; ratio(t($s;"v4"); t($s;"v7")); "x"; ">="; 2),
              # the chunked, overlapped step (first v7, now v8) was first measured
              # against one whole H5Dread, which is now the row h5dread.
              (if $s == "s" then check($s; "floor"; "v8 time ≤ 2 × h5dread"; ratio(t($s;"v8"); t($s;"h5dread")); "x"; "<="; 2)
               elif $s == "xl" then check($s; "floor"; "v8 time ≤ 1.5 × h5dread"; ratio(t($s;"v8"); t($s;"h5dread")); "x"; "<="; 1.5)
               else empty end),
              (check($s; "floor"; "no version below 0.95 × floor (beyond noise)";
                     [$steps[] | ratio(t($s; .); t($s; "floor"))] | map(select(. != null)) | min; "x"; ">="; 0.95)
               | .ok = (if $m[$s].floor == null or .value == null then null else (low($s) | length == 0) end)
               | if (low($s) | length) > 0 then .name += ": " + (low($s) | join(", ")) else . end),
              (if $s == "xl" then
                check($s; "floor"; "v9 time ≤ 1.5 × floor"; ratio(t($s;"v9"); t($s;"floor")); "x"; "<="; 1.5),
                check($s; "story"; "v9 time ≤ 0.6 × v8 time"; ratio(t($s;"v9"); t($s;"v8")); "x"; "<="; 0.6),
                check($s; "memory"; "v9 peak ≤ output + 40 MB"; p($s;"v9"); "MB"; "<=";
                      (if output_mb($s) then output_mb($s) + 40 else 172.7 end)),
                check($s; "1-core"; "v9, 1 thread, ≤ 1.5 × floor, 1 thread"; ratio(t1($s;"v9"); t1($s;"floor")); "x"; "<="; 1.5),
                (fastest1($s) as $v
                 | check($s; "1-core"; "fastest, 1 thread (\($v // "–")), ≤ 1.5 × floor"; ratio(t1($s;$v); t1($s;"floor")); "x"; "<="; 1.5))
               else empty end),
              (if $s == "xl" then
                ($m[$s]["v8"] // $m[$s]["floor"] // {}) as $r
                | check($s; "memory"; "v8 peak ≤ output + 40 MB"; p($s;"v8"); "MB"; "<=";
                        (if $r.height then ($r.height * $r.width * 3 / 1e6 + 40) else 172.7 end))
               else empty end),
              ( $steps[] as $v
                | select($m[$s][$v] != null and $mp[$s][$v] != null)
                | check($s; "python"; "\($v) faster than Python \($v), same run"; ratio($mp[$s][$v].wall_ms; t($s;$v)); "x"; ">"; 1) )
            ) ]' \
        "$results"
}

# print_instructions: one line per instruction count (JSON lines on stdin).
print_instructions() {
    bench_jq -r "$BENCH_JQ"'"\(.version | rp(5)) \(.instructions | tostring | lp(14)) instructions  \(.per_pixel | fixed(1) | lp(8)) per pixel"'
}

# print_targets TARGETS_JSON: one line per check, ✓ met, ✗ missed, – not measured;
# then the totals.  Returns nothing special: the bench is a report.
print_targets() {
    printf "\ntargets (the ladder's story, the floor, memory, one core, Python; ✓ met, ✗ missed, – not measured)\n"
    bench_jq -r --arg red "$BENCH_RED" --arg green "$BENCH_GREEN" --arg off "$BENCH_OFF" "$BENCH_JQ"'
        def rel: {">=": "≥", "<=": "≤"}[.] // .;
        (.[] | .unit as $u | .value as $v | .limit as $l
         # a miss by less than the last digit shown: more decimals, until it shows
         | ([[$v, $l] | map(in_unit($u))] + [range(3; 7) as $d | [$v, $l] | map(fixed($d) + "×")]
            | map(select(.[0] != .[1] or $v == $l or $u != "x")) | .[0] // [$v, $l]) as $shown
         | "\(if .ok == null then "–" elif .ok then $green + "✓" + $off else $red + "✗" + $off end) \(.size | rp(3))\(.group | rp(7))\(.name | rp(46))"
           + "\($shown[0] | lp(9))   (needs \(.relation | rel) \($shown[1]))"),
        "",
        "\(map(select(.ok == true)) | length) met, \(map(select(.ok == false)) | length) missed, \(map(select(.ok == null)) | length) not measured",
        (map(select(.ok == false)) | if length > 0 then "\($red)missed:\($off)", (.[] | "  ✗ \(.size): \(.name)") else empty end)' "$1"
}
