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
           + (if .page_cache_read_gbps then "; page cache read (the floor at \(.page_cache_read_size)) \(.page_cache_read_gbps | fixed(2)) GB/s" else "" end)
           + (if (.disk_read_gbps // 0) > 0 then "; disk read, cold \(.disk_read_gbps | fixed(2)) GB/s\(if .disk_read_cached then " (tmpfs: not a disk)" else "" end)" else "" end)' <<<"$1"
}

# jq: true when result $r is faster than the floor $f by the noise rule (lib.jq:
# separated).  A step that beats the floor so means the floor is not a floor.
BENCH_JQ_BELOW='
def below_floor($r; $f): $r.status == "ok" and $f != null and $r.wall_ms < $f.wall_ms
    and separated($r; $f);
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

# targets_json RESULTS [RESULTS_1_THREAD [RESULTS_PYTHON]]: every target of targets.tsv that
# the measured sizes allow (group cold only when BENCH_COLD is true, memory always, the rest
# only when it is not), as a JSON array of {size, group, name, value, unit, relation,
# limit, noise, why, ok}; ok is null when a figure it needs was not measured.
targets_json() {
    bench_jq -s --argjson cold "${BENCH_COLD:-false}" --slurpfile one "${2:-/dev/null}" --slurpfile py "${3:-/dev/null}" --rawfile table "$BENCH_ROOT/targets.tsv" \
        --argjson steps "$(jq -c 'map(select(.kind != "floor") | .name)' <<<"$BENCH_LADDER")" "$BENCH_JQ"'
        def by_size: reduce (.[] | select(.status == "ok")) as $r ({}; .[$r.size][$r.version] = $r);
        by_size as $m | ({"": $m, time1: ($one | by_size), py: ($py | by_size)}) as $tables
        # one side of a figure, "MEASURE OF", at size $s: {value, runs} or null
        | def side($s; $text): ($text | split(" ")) as [$measure, $of]
            | ($of | ltrimstr("py:")) as $v | (if $measure == "time1" then "time1" elif $of != $v then "py" else "" end) as $t
            | {time: "wall_ms", time1: "wall_ms", compute: "compute_ms", peak: "peak_rss_mb"}[$measure] as $f
            | $tables[$t][$s][$v] | if . == null or .[$f] == null then null else {value: .[$f], runs: [(.runs // [])[][$f]]} end;
          def t($s; $v): $m[$s][$v].wall_ms;
          def fastest1($s): [$steps[] | select($tables.time1[$s][.] != null)] | min_by($tables.time1[$s][.].wall_ms);
          # a bound in MB, "Ac²+BcW+N": A × c² + B × c × W bytes plus N MB, c the chunk (or the
          # side of the image, when smaller) and W the width of the run of step $v at $s
          def bound($s; $v; $text): ($text | capture("^(?<a>[0-9]+)c²\\+(?<b>[0-9]+)cW\\+(?<n>[0-9]+)$") | map_values(tonumber)) as $k
              | $m[$s][$v] | if . == null then null else ([.chunk_size // .height, .height, .width] | min) as $c
                | ($k.a * $c * $c + $k.b * $c * .width) / 1e6 + $k.n end;
          def low($s): [$steps[] | select($m[$s][.] != null and $m[$s].floor != null)
                        | select($m[$s][.].wall_ms < $m[$s].floor.wall_ms
                                 and separated($m[$s][.]; $m[$s].floor))];
          def verdict($rel; $limit): if .value == null or $limit == null then null
              else {">": (.value > $limit), ">=": (.value >= $limit), "<": (.value < $limit), "<=": (.value <= $limit)}[$rel] end;
        ($table | split("\n") | map(select(length > 0 and (startswith("#") | not)) | split("\t"))) as $rows
        | . as $all
        | [ sizes_in[] as $s | $rows[] as [$group, $sizes, $claim, $figure, $rel, $limit, $why]
            | select($sizes == "all" or ($sizes | split(",") | index($s)))
            | select($group == "memory" or ($group == "cold") == $cold)
            | (if ($figure | test("[*]")) then ($steps[] as $v | select(side($s; $figure | split(" / ") | .[1] | sub("[*]"; $v)) != null
                    and side($s; $figure | split(" / ") | .[0] | sub("[*]"; $v)) != null) | [$v])
               elif ($figure | test("fastest")) then [fastest1($s)] else [null] end) as [$v]
            | ($claim | gsub("[*]"; $v // "–")) as $name | ($figure | gsub("[*]|fastest"; $v // "none")) as $fig
            | {size: $s, group: $group, name: $name, relation: $rel, why: $why}
            + if $fig == "killed" then
                [$all[] | select(.size == $s and .signal != null)] as $k
                | {unit: "", limit: ($limit | tonumber), value: ($k | length),
                   name: ($name + if $k != [] then ": " + ($k | map(.version) | join(", ")) else "" end)}
                | .ok = verdict($rel; .limit)
              elif $fig == "below-floor" then
                low($s) as $low
                | {unit: "x", limit: 1, value: ([$steps[] | ratio(t($s; .); $m[$s].floor.wall_ms) | values] | min),
                   name: ($name + if $low != [] then ": " + ($low | join(", ")) else "" end)}
                | .ok = (if $m[$s].floor == null or .value == null then null else $low == [] end)
              elif ($fig | test(" / ")) then
                ($fig | split(" / ") | map(side($s; .))) as [$a, $b]
                | ($fig | startswith("peak")) as $pc
                | {unit: (if $pc then "%" else "x" end), noise: ($limit == "noise"),
                   limit: (if $limit == "noise" then 1 else $limit | tonumber end),
                   value: (ratio($a.value; $b.value) | if . != null and $pc then . * 100 else . end)}
                | .ok = verdict($rel; .limit)
                | if .noise and .ok then .ok = separated_runs($a.runs; $b.runs) else . end
              else
                side($s; $fig) as $a
                | {unit: "MB", value: $a.value,
                   limit: (if ($limit | test("c")) then bound($s; $fig | split(" ")[1]; $limit) else $limit | tonumber end)}
                  + if ($limit | test("c")) then {limit_text: $limit} else {} end
                | .ok = verdict($rel; .limit)
              end ]' "$1"
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
           + "\($shown[0] | lp(9))   (needs \(.relation | rel) \($shown[1])\(if .noise then ", beyond the noise" else "" end))"),
        "",
        "\(map(select(.ok == true)) | length) met, \(map(select(.ok == false)) | length) missed, \(map(select(.ok == null)) | length) not measured",
        (map(select(.ok == false)) | if length > 0 then "\($red)missed:\($off)", (.[] | "  ✗ \(.size): \(.name)") else empty end)' "$1"
}

# print_close_calls TARGETS_JSON: the targets whose figure is within the noise rule's
# margin (lib.jq: noise_margin) of its limit, met or not: a median moves about that much
# between two benches of one commit here, so such a ✓ or ✗ may flip from one to the next.
print_close_calls() {
    bench_jq -r "$BENCH_JQ"'map(select(.value != null and .limit != null and .limit != 0
            and ((.value - .limit) / .limit | fabs) < noise_margin)
        | .unit as $u | "  \(.size): \(.name): \(.value | in_unit($u)) against \(.limit | in_unit($u))")
        | select(. != []) | "\nclose calls (within \(noise_margin * 100) % of the limit: may flip between two benches on this machine):", .[]' "$1"
}
