# shellcheck shell=bash disable=SC2034  # sourced: the BENCH_* are for the scripts that source it
# scripts/bench-lib.sh — sourced by the bench scripts and scripts/docs: where things
# are, the shared jq (scripts/lib.jq), records by number, the machine's context.
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
# The standard sizes as ./main defines them (`main list --sizes`: name, height,
# width, csv or no-csv); empty before the first build.
BENCH_SIZE_TABLE=$("$BENCH_MAIN" list --sizes 2>/dev/null)
BENCH_SIZES=$(cut -f1 <<<"$BENCH_SIZE_TABLE" | xargs)

# Pixels of a size, for estimates and per-pixel figures.
size_pixels() { awk -F'\t' -v s="$1" '$1 == s { p = $2 * $3 } END { print p + 0 }' <<<"$BENCH_SIZE_TABLE"; }

bench_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
bench_die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# jq with the definitions every script shares (scripts/lib.jq: the median, the
# spread, the number formatter): bench_jq ARGS… "$BENCH_JQ"'PROGRAM'.
BENCH_JQ='include "lib"; '
bench_jq() { jq -L "$BENCH_ROOT/scripts" "$@"; }

# print_close_calls TARGETS_JSON: the targets whose figure is within
# BENCH_MARGIN % (default 10) of its limit, met or not.  Two benches of one
# commit on this machine differ by up to about that much in a ratio of two
# medians (measured at s: each median moves up to 7 % between two benches a
# minute apart), so such a ✓ or ✗ may flip from one bench to the next.
BENCH_MARGIN=${BENCH_MARGIN:-10}
print_close_calls() {
    bench_jq -r --argjson m "$BENCH_MARGIN" "$BENCH_JQ"'.[] | select(.value != null and .limit != null and .limit != 0
            and ((.value - .limit) / .limit | fabs) * 100 < $m)
        | .unit as $u | "  \(.size): \(.name): \(.value | in_unit($u)) against \(.limit | in_unit($u))"' \
        "$1" >"$1.close" 2>/dev/null || return 0
    [ -s "$1.close" ] || return 0
    printf '\nclose calls (within %s %% of the limit: may flip between two benches on this machine):\n' "$BENCH_MARGIN"
    cat "$1.close"
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
        hdf5=$(jq -c 'map(select(.name | startswith("hdf5"))) | .[0].version // null' \
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

# The record whose number (1, 0001) or name prefix is $1 in .benchmarks/, else
# in docs/records/, or $1 itself when it is a file.  Prints the path; fails when none or several match.
record_path() {
    local want=$1 matches=()
    if [ -f "$want" ]; then printf '%s\n' "$want"; return 0; fi
    if [[ $want =~ ^[0-9]+$ ]]; then want=$(printf '%04d' "$((10#$want))"); fi
    shopt -s nullglob
    matches=("$BENCH_DIR/$want"*.json)
    # a fresh clone has no .benchmarks/: the committed records of scripts/docs
    [ ${#matches[@]} -gt 0 ] || matches=("$BENCH_ROOT/docs/records/$want"*.json)
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
