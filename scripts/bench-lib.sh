# shellcheck shell=bash disable=SC2034  # sourced: the BENCH_* are for the scripts that source it
# scripts/bench-lib.sh — sourced by scripts/bench, scripts/sweep-chunk and
# scripts/charts: where things are, the jq helpers every script shares (medians of a run list), the
# least-squares fit, and the machine context written into every record.
#
# Everything can be redirected through the environment, which is how the tests
# run the scripts on a tiny dataset and a fake ./main without touching the
# real .benchmarks/:
#   BENCH_MAIN  the program to time          (default ./main)
#   BENCH_DATA  the folder holding s/ m/ …   (default data)
#   BENCH_DIR   where records and charts go  (default .benchmarks)

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_MAIN=${BENCH_MAIN:-$BENCH_ROOT/main}
BENCH_DATA=${BENCH_DATA:-$BENCH_ROOT/data}
BENCH_DIR=${BENCH_DIR:-$BENCH_ROOT/.benchmarks}
BENCH_GNUPLOT_DIR="$BENCH_ROOT/scripts/gnuplot"

# The ladder as `./main list --tsv` prints it (scripts/ladder.sh): the steps in
# order, and the floor rows, which are run first (every row is a multiple of them).
source "$BENCH_ROOT/scripts/ladder.sh"
BENCH_VERSIONS=$(ladder_names steps)
BENCH_FLOORS=$(ladder_names floor)
BENCH_SIZES="s m l xl"

# Pixels of a size, for estimates and per-pixel figures (docs/spec.md §3).
size_pixels() {
    case $1 in
        s) echo $((960 * 1280)) ;; m) echo $((1920 * 2560)) ;;
        l) echo $((3840 * 5120)) ;; xl) echo $((5760 * 7680)) ;;
        *) echo 0 ;;
    esac
}

bench_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
bench_die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# jq definitions shared by the scripts.  `summarize` adds the medians of a
# result's runs (the same figures ./main prints, recomputed so that runs from
# several processes can be pooled).
BENCH_JQ='
def median: map(select(. != null)) | sort | length as $n
    | if $n == 0 then null elif $n % 2 == 1 then .[($n - 1) / 2]
      else (.[$n / 2 - 1] + .[$n / 2]) / 2 end;
def summarize: . + (if (.runs // []) | length > 0 then {
    wall_ms: ([.runs[].wall_ms] | median),
    cpu_ms: ([.runs[].cpu_ms] | median),
    load_ms: ([.runs[].load_ms] | median),
    compute_ms: ([.runs[].compute_ms] | median),
    peak_rss_mb: ([.runs[].peak_rss_mb] | median),
    process_peak_mb: ([.runs[].process_peak_mb] | median),
    faults: ([.runs[] | (.minor_faults // 0) + (.major_faults // 0)] | median),
    wall_stats: ([.runs[].wall_ms] | {min: min, max: max, mean: (add / length),
        stddev: ((add / length) as $m | map((. - $m) * (. - $m)) | add / length | sqrt)})
  } else {} end);
'

# print_close_calls TARGETS_JSON: the targets whose figure is within
# BENCH_MARGIN % (default 10) of its limit, met or not.  Two benches of one
# commit on this machine differ by up to about that much in a ratio of two
# medians (measured at s: each median moves up to 7 % between two benches a
# minute apart), so such a ✓ or ✗ may flip from one bench to the next.
BENCH_MARGIN=${BENCH_MARGIN:-10}
print_close_calls() {
    jq -r --argjson m "$BENCH_MARGIN" '.[] | select(.value != null and .limit != null and .limit != 0
            and ((.value - .limit) / .limit | fabs) * 100 < $m)
        | "  \(.size): \(.name): \(.value * 100 | round / 100)\(if .unit == "x" then "×" elif .unit == "%" then " %" else " " + .unit end) against \(.limit)"' \
        "$1" >"$1.close" 2>/dev/null || return 0
    [ -s "$1.close" ] || return 0
    printf '\nclose calls (within %s %% of the limit: may flip between two benches on this machine):\n' "$BENCH_MARGIN"
    cat "$1.close"
}

# Least squares of y = a + b·x over "x y" lines on stdin; prints "a b r2 n".
# r2 is the coefficient of determination (1 for a perfect fit).
bench_fit() {
    awk '
        NF >= 2 { n++; x[n] = $1; y[n] = $2; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2 }
        END {
            if (n < 2) { print "error: a fit needs at least 2 points" > "/dev/stderr"; exit 1 }
            d = n * sxx - sx * sx
            if (d == 0) { print "error: all x are equal, no fit" > "/dev/stderr"; exit 1 }
            b = (n * sxy - sx * sy) / d; a = (sy - b * sx) / n
            my = sy / n
            for (i = 1; i <= n; i++) { r = y[i] - a - b * x[i]; ssr += r * r; sst += (y[i] - my) ^ 2 }
            r2 = sst > 0 ? 1 - ssr / sst : 1
            printf "%.10g %.10g %.6f %d\n", a, b, r2, n
        }'
}

# The machine's context as one JSON object: what a figure depends on.
machine_json() {
    local info="$BENCH_ROOT/build/meson-info" cpu cores mem kernel thp defrag compiler hdf5
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
    cores=$(nproc 2>/dev/null || echo 0)
    mem=$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
    kernel=$(uname -sr)
    thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)
    defrag=$(cat /sys/kernel/mm/transparent_hugepage/defrag 2>/dev/null || echo unknown)
    compiler='null' hdf5='null'
    local buildopts='null' flags='null'
    local cc_cmd
    cc_cmd=$(jq -r ".[0].command | split(\" \")[0]" "$BENCH_ROOT/build/compile_commands.json" 2>/dev/null || echo cc)
    compiler=$(jq -n --arg cmd "$cc_cmd" --arg v "$($cc_cmd --version 2>/dev/null | head -1)" "{command: \$cmd, version: \$v}")
    if [ -f "$info/intro-dependencies.json" ]; then
        hdf5=$(jq -c 'map(select(.name == "hdf5")) | .[0].version // null' \
            "$info/intro-dependencies.json" 2>/dev/null || echo null)
    fi
    if [ -f "$info/intro-buildoptions.json" ]; then
        buildopts=$(jq -c 'map(select(.name | IN("buildtype", "optimization", "debug",
            "c_std", "c_args", "b_ndebug", "b_lto", "b_sanitize")) | {(.name): .value}) | add' \
            "$info/intro-buildoptions.json" 2>/dev/null || echo null)
    fi
    # The flags each version's sources were really compiled with (from the
    # compile database), without include paths, defines and file names.
    if [ -f "$BENCH_ROOT/build/compile_commands.json" ]; then
        flags=$(jq -c '
            [ .[] | select(.file | test("^(\\.\\./)?(v[0-9]+|floor)/"))
              | { key: (.file | capture("(?<v>v[0-9]+|floor)/").v),
                  value: (.command | split(" ")
                          | map(select(test("^-(O|m|f|g|W|std)") and (test("^-(MD|MQ|MF|fdiagnostics|Winvalid-pch)") | not)))
                          | join(" ")) } ]
            | unique_by(.key) | from_entries' "$BENCH_ROOT/build/compile_commands.json" \
            2>/dev/null || echo null)
    fi
    jq -n --arg cpu "$cpu" --argjson cores "${cores:-0}" --arg mem "$mem" --arg kernel "$kernel" \
        --arg thp "$thp" --arg defrag "$defrag" --argjson compiler "$compiler" \
        --argjson hdf5 "$hdf5" --argjson buildopts "$buildopts" --argjson flags "$flags" \
        --arg load "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" '{
            cpu_model: $cpu, cores: $cores, memory_gib: ($mem | tonumber? // null),
            kernel: $kernel,
            thp_enabled: ($thp | capture("\\[(?<m>[^]]*)\\]").m? // $thp),
            thp_defrag: ($defrag | capture("\\[(?<m>[^]]*)\\]").m? // $defrag),
            compiler: $compiler, build_options: $buildopts, version_flags: $flags,
            hdf5_version: $hdf5, load_average_at_start: $load }'
}

# The record whose number (1, 0001) or name prefix is $1, or $1 itself when it
# is a file.  Prints the path; fails when none or several match.
record_path() {
    local want=$1 matches=()
    if [ -f "$want" ]; then printf '%s\n' "$want"; return 0; fi
    if [[ $want =~ ^[0-9]+$ ]]; then want=$(printf '%04d' "$((10#$want))"); fi
    shopt -s nullglob
    matches=("$BENCH_DIR/$want"*.json)
    shopt -u nullglob
    case ${#matches[@]} in
        1) printf '%s\n' "${matches[0]}" ;;
        0) echo "error: no record $1 in $BENCH_DIR" >&2; return 1 ;;
        *) echo "error: record $1 is ambiguous: ${matches[*]}" >&2; return 1 ;;
    esac
}

# The newest record (highest number), or nothing.
latest_record() {
    local last=""
    shopt -s nullglob
    for f in "$BENCH_DIR"/[0-9][0-9][0-9][0-9]_*.json; do last=$f; done
    shopt -u nullglob
    [ -n "$last" ] && printf '%s\n' "$last"
}

# bench_run ERRFILE COMMAND…: runs COMMAND with stderr into ERRFILE; when it
# fails because ninja is relinking ./main under us (the tree is shared by
# people building), waits and retries, twice at most.
bench_run() {
    local err=$1 attempt
    shift
    for attempt in 1 2 3; do
        "$@" 2>"$err" && return 0
        grep -qiE "permission denied|text file busy|no such file|cannot execute" "$err" || return 1
        sleep 3
    done
    return 1
}

# Least squares of y = a + b·x1 + c·x2 over "x1 x2 y" lines on stdin (the
# normal equations, solved by Cramer's rule); prints "a b c r2 n".
bench_fit2() {
    awk '
        function det3(a11, a12, a13, a21, a22, a23, a31, a32, a33) {
            return a11 * (a22 * a33 - a23 * a32) - a12 * (a21 * a33 - a23 * a31) + a13 * (a21 * a32 - a22 * a31)
        }
        NF >= 3 { n++; u[n] = $1; v[n] = $2; y[n] = $3
                  s1 += $1; s2 += $2; s11 += $1 * $1; s12 += $1 * $2; s22 += $2 * $2
                  sy += $3; s1y += $1 * $3; s2y += $2 * $3 }
        END {
            if (n < 3) { print "error: a fit of 3 coefficients needs at least 3 points" > "/dev/stderr"; exit 1 }
            d = det3(n, s1, s2, s1, s11, s12, s2, s12, s22)
            if (d == 0 || (d < 0 ? -d : d) < 1e-12 * (s11 * s22 + 1)) {
                print "error: the regressors are collinear, no fit" > "/dev/stderr"; exit 1 }
            a = det3(sy, s1, s2, s1y, s11, s12, s2y, s12, s22) / d
            b = det3(n, sy, s2, s1, s1y, s12, s2, s2y, s22) / d
            c = det3(n, s1, sy, s1, s11, s1y, s2, s12, s2y) / d
            my = sy / n
            for (i = 1; i <= n; i++) { r = y[i] - a - b * u[i] - c * v[i]; ssr += r * r; sst += (y[i] - my) ^ 2 }
            printf "%.10g %.10g %.10g %.6f %d\n", a, b, c, (sst > 0 ? 1 - ssr / sst : 1), n
        }'
}
