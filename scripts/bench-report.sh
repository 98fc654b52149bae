# shellcheck shell=bash
# scripts/bench-report.sh — sourced by scripts/bench: its tables (live, and again by `bench
# show`), the targets with ✓/✗, the close calls, the "below the floor" mark, in jq (scripts/lib.jq).

# Colour the marks only on a terminal; the record and the tests see plain text.
if [ -t 1 ]; then BENCH_RED=$'\033[31;1m' BENCH_GREEN=$'\033[32m' BENCH_OFF=$'\033[0m'
else BENCH_RED="" BENCH_GREEN="" BENCH_OFF=""; fi

# The ladder as JSON (./main list --tsv), for jq: names, kinds, parents.
BENCH_LADDER=$(ladder_json)

# print_size_header SIZE SETTINGS <RESULTS: the size's line — pixels, threads and huge pages
# from the first result at SIZE that ran, how the runs were taken (lib.jq: size_note) — and
# the column names; nothing when no result is at SIZE.
print_size_header() {
    bench_jq -rs --arg s "$1" --argjson t "$2" --arg py "${BENCH_PYTHON_COLUMNS:-0}" "$BENCH_JQ"'
        map(select(.size == $s)) as $rs | select($rs != []) | ($rs | map(select(.status == "ok")) | .[0] // {}) as $x
        | "\nsize \($s): \($x.height // "?") × \($x.width // "?") pixels · \(size_note($t; $s; $rs))",
          "                 time          peak     × floor    vs v0  vs parent               load + compute        cpu      faults"
          + if $py == "1" then "     Python    × Python" else "" end'
}

# print_probe PROBE_JSON: the machine probe (./main probe --json, plus the
# page-cache read rate a record adds from its floor row), or nothing.
print_probe() {
    [ -n "$1" ] && [ "$1" != null ] || return 0
    bench_jq -r "$BENCH_JQ"'"machine probe (\(.mebibytes) MiB, median of \(.passes) after a warm-up, one thread): first touch of fresh memory \(.first_touch_4k_gbps | fixed(2)) GB/s in 4 KiB pages, \(.first_touch_huge_gbps | fixed(2)) GB/s in huge pages; copy within mapped memory \(.copy_gbps | fixed(2)) GB/s"
           + (if .page_cache_read_gbps then "; page cache read (the floor at \(.page_cache_read_size)) \(.page_cache_read_gbps | fixed(2)) GB/s" else "" end)' <<<"$1"
}

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

# print_rows RESULTS SIZE: the table's rows at SIZE, the floors first, then the steps in
# ladder order: the original's "v3    49 ms –   48.43 MB" (with the spread: median ± MAD)
# followed by the ratios, each parent's time over this one (the ladder is a tree), and the
# split; a step below the floor beyond noise (BENCH_JQ_BELOW) is marked.
print_rows() {
    bench_jq -rs --arg s "$2" --argjson ladder "$BENCH_LADDER" --arg red "$BENCH_RED" --arg off "$BENCH_OFF" \
        --slurpfile py "${BENCH_PYTHON_RESULTS:-/dev/null}" --arg cols "${BENCH_PYTHON_COLUMNS:-0}" "$BENCH_JQ$BENCH_JQ_BELOW"'
        map(select(.size == $s)) as $all
        | def ok($w): $all | map(select(.version == $w and .status == "ok")) | .[0];
          ok("floor") as $f | [$ladder[] | select(.kind == "floor") | .name] as $floors
        | ($floors + [$ladder[] | select(.kind != "floor") | .name])[] as $v
        | ($all | map(select(.version == $v)) | .[0] // empty) as $r
        | ([$py[] | select(.size == $s and .version == $v and .status == "ok")][0].wall_ms // null) as $pyms
        | ($floors | index($v) != null) as $floor
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
    bench_jq -s --slurpfile one "${2:-/dev/null}" --slurpfile py "${3:-/dev/null}" \
        --argjson steps "$(jq -c 'map(select(.kind != "floor") | .name)' <<<"$BENCH_LADDER")" "$BENCH_JQ$BENCH_JQ_BELOW"'
        def by_size: reduce (.[] | select(.status == "ok")) as $r ({}; .[$r.size][$r.version] = $r);
        by_size as $m | ($one | by_size) as $m1 | ($py | by_size) as $mp
        | def check($s; $group; $name; $value; $unit; $rel; $limit): {size: $s, group: $group, name: $name,
              value: $value, unit: $unit, relation: $rel, limit: $limit, ok: (if $value == null then null else
              {">": ($value > $limit), ">=": ($value >= $limit), "<": ($value < $limit), "<=": ($value <= $limit)}[$rel] end)};
          def t($s; $v): $m[$s][$v].wall_ms;
          def p($s; $v): $m[$s][$v].peak_rss_mb;
          def pc($a; $b): ratio($a; $b) | if . then . * 100 else null end;
          def t1($s; $v): $m1[$s][$v].wall_ms;
          # the output image (3 bytes a pixel) and 40 MB; xl by its standard pixels when none ran
          def output_limit($s): [$m[$s][] | select(.height)][0] | if . then .height * .width * 3 / 1e6 + 40 else 172.7 end;
          def low($s): [$steps[] | select($m[$s][.] != null and below_floor($m[$s][.]; $m[$s].floor))];
        [ sizes_in[] as $s
          | ( check($s; "story"; "v1 faster than v0"; ratio(t($s;"v0"); t($s;"v1")); "x"; ">"; 1),
              check($s; "story"; "v2 at least 5× faster than v1"; ratio(t($s;"v1"); t($s;"v2")); "x"; ">="; 5),
              check($s; "story"; "v3 faster than v2"; ratio(t($s;"v2"); t($s;"v3")); "x"; ">"; 1),
              check($s; "story"; "v3 peak below v2 peak"; pc(p($s;"v3"); p($s;"v2")); "%"; "<"; 100),
              (select($s == "xl") | check($s; "story"; "v4 peak ≤ 25 % of v3 peak"; pc(p($s;"v4"); p($s;"v3")); "%"; "<="; 25)),
              check($s; "story"; "v4 time ≤ 1.2 × v3 time"; ratio(t($s;"v4"); t($s;"v3")); "x"; "<="; 1.2),
              check($s; "story"; "v5 faster than v3"; ratio(t($s;"v3"); t($s;"v5")); "x"; ">"; 1),
              check($s; "story"; "v6 compute faster than v5 compute"; ratio($m[$s].v5.compute_ms; $m[$s].v6.compute_ms); "x"; ">"; 1),
              check($s; "story"; "v7 peak within 10 % of v4 peak"; pc(p($s;"v7"); p($s;"v4")); "%"; "<="; 110),
              check($s; "story"; "v7 time ≤ half of v4 time"; ratio(t($s;"v4"); t($s;"v7")); "x"; ">="; 2),
              # the chunked, overlapped step (first v7, now v8) was first measured
              # against one whole H5Dread, which is now the row h5dread.
              (select($s == "s" or $s == "xl") | {s: 2, xl: 1.5}[$s] as $l
               | check($s; "floor"; "v8 time ≤ \($l) × h5dread"; ratio(t($s;"v8"); t($s;"h5dread")); "x"; "<="; $l)),
              (check($s; "floor"; "no version below 0.95 × floor (beyond noise)";
                     [$steps[] | ratio(t($s; .); t($s; "floor")) | values] | min; "x"; ">="; 0.95)
               | .ok = (if $m[$s].floor == null or .value == null then null else (low($s) | length == 0) end)
               | if (low($s) | length) > 0 then .name += ": " + (low($s) | join(", ")) else . end),
              (select($s == "xl")
               | check($s; "floor"; "v9 time ≤ 1.5 × floor"; ratio(t($s;"v9"); t($s;"floor")); "x"; "<="; 1.5),
                 check($s; "story"; "v9 time ≤ 0.6 × v8 time"; ratio(t($s;"v9"); t($s;"v8")); "x"; "<="; 0.6),
                 check($s; "memory"; "v9 peak ≤ output + 40 MB"; p($s;"v9"); "MB"; "<="; output_limit($s)),
                 check($s; "1-core"; "v9, 1 thread, ≤ 1.5 × floor, 1 thread"; ratio(t1($s;"v9"); t1($s;"floor")); "x"; "<="; 1.5),
                 ([$steps[] | select(t1($s; .) != null)] | min_by(t1($s; .)) as $v
                  | check($s; "1-core"; "fastest, 1 thread (\($v // "–")), ≤ 1.5 × floor"; ratio(t1($s;$v); t1($s;"floor")); "x"; "<="; 1.5)),
                 check($s; "memory"; "v8 peak ≤ output + 40 MB"; p($s;"v8"); "MB"; "<="; output_limit($s))),
              ($steps[] as $v | select($m[$s][$v] != null and $mp[$s][$v] != null)
               | check($s; "python"; "\($v) faster than Python \($v), same run"; ratio($mp[$s][$v].wall_ms; t($s;$v)); "x"; ">"; 1))
            ) ]' "$1"
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

# print_close_calls TARGETS_JSON: the targets whose figure is within
# BENCH_MARGIN % (default 10) of its limit, met or not.  Two benches of one
# commit on this machine differ by up to about that much in a ratio of two
# medians (measured at s: each median moves up to 7 % between two benches a
# minute apart), so such a ✓ or ✗ may flip from one bench to the next.
print_close_calls() {
    bench_jq -r --arg m "${BENCH_MARGIN:-10}" "$BENCH_JQ"'map(select(.value != null and .limit != null and .limit != 0
            and ((.value - .limit) / .limit | fabs) * 100 < ($m | tonumber))
        | .unit as $u | "  \(.size): \(.name): \(.value | in_unit($u)) against \(.limit | in_unit($u))")
        | select(. != []) | "\nclose calls (within \($m) % of the limit: may flip between two benches on this machine):", .[]' "$1" 2>/dev/null
    return 0
}
