# scripts/bench-report.sh — sourced by scripts/bench: the table rows, the
# targets of issues 4 and 11 and their ✓/✗ lines, the "below the floor" mark.  Input is always the results
# file (one JSON object per line, one per (version, size)); jq picks the
# figures, awk formats them, so the arithmetic lives in one place each.

# awk helpers: times below 100 ms keep a decimal or two, ratios likewise;
# lp/rp pad to a width counted in characters (mawk counts bytes, and the
# table has ×, – and ≤ in it).
BENCH_AWK_FMT='
function fms(x) { if (x == "" || x == "null") return "–"; if (x < 10) return sprintf("%.2f", x);
                  if (x < 100) return sprintf("%.1f", x); return sprintf("%.0f", x) }
function fx(x)  { if (x == "" || x == "null") return "–"; if (x < 10) return sprintf("%.2f×", x);
                  if (x < 100) return sprintf("%.1f×", x); return sprintf("%.0f×", x) }
function fmb(x) { if (x == "" || x == "null") return "–"; return sprintf("%.2f", x) }
function wd(s,  t, n) { t = s; n = gsub(/[\200-\277]/, "", t); return length(s) - n }
function lp(s, n) { while (wd(s) < n) s = " " s; return s }
function rp(s, n) { while (wd(s) < n) s = s " "; return s }
'

# Colour the marks only on a terminal; the record and the tests see plain text.
if [ -t 1 ]; then BENCH_RED=$'\033[31;1m' BENCH_GREEN=$'\033[32m' BENCH_OFF=$'\033[0m'
else BENCH_RED="" BENCH_GREEN="" BENCH_OFF=""; fi

# print_size_header SIZE HEIGHT WIDTH NOTE
print_size_header() {
    printf '\nsize %s: %s × %s pixels · %s\n' "$1" "$2" "$3" "$4"
    awk "$BENCH_AWK_FMT"'BEGIN {
        print rp("", 7) lp("time", 6) "      " lp("peak", 8) "   " lp("× floor", 9) lp("vs v0", 9) \
              lp("vs prev", 9) "  " lp("load", 7) " + " lp("compute", 7) "   " lp("cpu", 8) "   " lp("faults", 9) \
              (ENVIRON["BENCH_PYTHON_COLUMNS"] == 1 ? lp("Python", 11) "   " lp("× Python", 9) : "") }'
}

# print_probe PROBE_JSON: the machine probe (./main probe --json, plus the
# page-cache read rate a record adds from its floor row), or nothing.
print_probe() {
    [ -n "$1" ] && [ "$1" != null ] || return 0
    jq -r '"machine probe (\(.mebibytes) MiB, median of \(.passes) after a warm-up, one thread): first touch of fresh memory \(.first_touch_4k_gbps * 100 | round / 100) GB/s in 4 KiB pages, \(.first_touch_huge_gbps * 100 | round / 100) GB/s in huge pages; copy within mapped memory \(.copy_gbps * 100 | round / 100) GB/s"
           + (if .page_cache_read_gbps then "; page cache read (the floor at \(.page_cache_read_size)) \(.page_cache_read_gbps * 100 | round / 100) GB/s" else "" end)' <<<"$1"
}

# The ladder's rows as JSON arrays, for jq: the steps in order, and the floors.
bench_steps_json() { printf '%s\n' $BENCH_VERSIONS | jq -R . | jq -sc .; }
bench_floors_json() { printf '%s\n' $BENCH_FLOORS | jq -R . | jq -sc .; }

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
# "v3    49 ms –   48.43 MB" followed by the ratios and the split; "vs prev"
# is the step before in ladder order.  A step below the floor beyond noise
# (BENCH_JQ_BELOW) is marked "⚠ below the floor".
print_row() {
    local results=$1 size=$2 version=$3
    local py=${BENCH_PYTHON_RESULTS:-}
    [ -n "$py" ] && [ -f "$py" ] || py=/dev/null
    jq -rs --arg s "$size" --arg v "$version" --argjson steps "$(bench_steps_json)" \
        --argjson floors "$(bench_floors_json)" --slurpfile py "$py" "$BENCH_JQ_BELOW"'
        map(select(.size == $s)) as $all
        | ([$py[] | select(.size == $s and .version == $v and .status == "ok")][0].wall_ms // null) as $pyms
        | ($steps | index($v)) as $i
        | def wall($w): ($all | map(select(.version == $w and .status == "ok")) | .[0].wall_ms) // null;
          ($all | map(select(.version == $v)) | .[0]) as $r
        | ($all | map(select(.version == "floor" and .status == "ok")) | .[0]) as $f
        | if $r.status != "ok" then [$v, $r.status, ($r.note // "")] | @tsv
          else [$v, "ok", $r.wall_ms, $r.peak_rss_mb, wall("floor"),
                (if $v == "v0" or ($floors | index($v)) != null then null else wall("v0") end),
                (if $i == null or $i == 0 then null else wall($steps[$i - 1]) end),
                $r.load_ms, $r.compute_ms, $r.cpu_ms, $r.faults,
                (if ($floors | index($v)) == null and below_floor($r; $f) then 1 else 0 end), $pyms]
               | map(. // "null") | @tsv end' \
        "$results" |
    awk -F'\t' -v red="$BENCH_RED" -v off="$BENCH_OFF" "$BENCH_AWK_FMT"'
        $2 != "ok" { print rp($1, 7) " " $2 ($3 != "" ? ": " $3 : ""); next }
        {
            floor = ($5 != "null" && $5 > 0) ? fx($3 / $5) : "–"
            v0 = ($6 != "null") ? fx($6 / $3) : "–"
            prev = ($7 != "null") ? fx($7 / $3) : "–"
            print rp($1, 7) lp(fms($3), 6) " ms – " lp(fmb($4), 8) " MB" lp(floor, 9) lp(v0, 9) lp(prev, 9) \
                  "  " lp(fms($8), 7) " + " lp(fms($9), 7) " ms" lp(fms($10), 8) " ms" lp(sprintf("%d", $11), 9) \
                  (ENVIRON["BENCH_PYTHON_COLUMNS"] == 1 ? lp($13 == "null" ? "–" : fms($13) " ms", 11) "   " \
                   lp($13 == "null" ? "–" : fx($13 / $3), 9) : "") \
                  ($12 == 1 ? "  " red "⚠ below the floor" off : "")
        }'
}

# targets_json RESULTS [THREADS_JSON [RESULTS_1_THREAD]]: every check of issue 4
# §3 and issue 11 that the measured sizes allow, as a JSON array of {size,
# group, name, value, unit, relation, limit, ok}; ok is null when a figure it
# needs was not measured.  RESULTS_1_THREAD: the --one-thread table.
targets_json() {
    local results=$1 threads=${2:-null} one=${3:-/dev/null} py=${4:-/dev/null}
    jq -s --slurpfile py "$py" --argjson threads "$threads" --slurpfile one "$one" \
        --argjson steps "$(bench_steps_json)" "$BENCH_JQ_BELOW"'
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
        [ (["s","m","l","xl"][] | select($m[.] != null)) as $s
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
              # issue 4 measured its chunked, overlapped step (then v7, now v8) against
              # that time, which is now the row h5dread.
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
            ) ]
        + ( if $threads == null then [] else
            [ $threads.versions[] | check($threads.size; "openmp";
                "\(.version) compute 1 → 2 threads (median of \(.ratios | length))"; .median; "x"; ">="; 1.6) ] end )' \
        "$results"
}

# print_targets TARGETS_JSON: one line per check, ✓ met, ✗ missed, – not measured;
# then the totals.  Returns nothing special: the bench is a report.
print_targets() {
    local targets=$1
    printf '\ntargets (issues 4 and 11; ✓ met, ✗ missed, – not measured)\n'
    jq -r '.[] | [.size, .group, .name, (.value // "null"), .unit, .relation, .limit,
                  (if .ok == null then "-" elif .ok then "1" else "0" end)] | @tsv' "$targets" |
    awk -F'\t' -v red="$BENCH_RED" -v green="$BENCH_GREEN" -v off="$BENCH_OFF" "$BENCH_AWK_FMT"'
        function show(x, unit) { if (x == "null") return "–"; if (unit == "x") return fx(x);
                                 if (unit == "%") return sprintf("%.0f %%", x); return sprintf("%.1f MB", x) }
        {
            mark = ($8 == "1") ? green "✓" off : ($8 == "0") ? red "✗" off : "–"
            if ($8 == "1") met++; else if ($8 == "0") { missed++; list = list "\n  ✗ " $1 ": " $3 } else open++
            rel = ($6 == ">=") ? "≥" : ($6 == "<=") ? "≤" : $6
            value = show($4, $5); limit = show($7, $5)
            # A miss by less than the last digit shown: more decimals, until it shows.
            for (d = 3; value == limit && $4 != $7 && $5 == "x" && d <= 6; d++) {
                value = sprintf("%." d "f×", $4); limit = sprintf("%." d "f×", $7) }
            print mark " " rp($1, 3) rp($2, 7) rp($3, 46) lp(value, 9) "   (needs " rel " " limit ")"
        }
        END {
            printf "\n%d met, %s%d missed%s, %d not measured\n", met, (missed ? red : ""), missed, (missed ? off : ""), open
            if (missed) printf "%smissed:%s%s\n", red, off, list
        }'
}
