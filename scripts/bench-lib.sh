# shellcheck shell=bash disable=SC2034  # sourced: the BENCH_* are for the scripts that source it
# scripts/bench-lib.sh — sourced by the bench scripts, scripts/docs and sweep-chunk: where things
# are, the shared jq (scripts/lib.jq), records by number, the machine's context.
# The environment redirects it, as the tests do (a tiny dataset, a fake ./main, no real
# .benchmarks/): BENCH_MAIN (default ./main), BENCH_DATA (data), BENCH_DIR (.benchmarks).

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
# The same table as JSON, for the record (the documents' table of sizes reads it there).
bench_size_table_json() {
    jq -R -s -c 'split("\n") | map(select(length > 0) | split("\t")
        | {name: .[0], height: (.[1] | tonumber), width: (.[2] | tonumber), csv: (.[3] == "csv")})' \
        <<<"$BENCH_SIZE_TABLE"
}

bench_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
# the one error line: scripts/sweep-chunk's own, else the bench's (compare and show are its commands)
bench_die() { local who=scripts/bench; [ "${0##*/}" = sweep-chunk ] && who=scripts/sweep-chunk; echo "$who: $*" >&2; exit 2; }

# jq with the definitions every script shares (scripts/lib.jq: the median, the
# spread, the noise rule, the number formatter): bench_jq ARGS… "$BENCH_JQ"'PROGRAM'.
# A failure is a bug in these scripts, never a result: it is counted in the file
# BENCH_JQ_ERRORS (jq runs in subshells too), and bench_exit turns it into exit 1.
BENCH_JQ='include "lib"; '
bench_jq() { jq -L "$BENCH_ROOT/scripts" "$@" || { local rc=$?; echo "$rc" >>"${BENCH_JQ_ERRORS:-/dev/null}"; return "$rc"; }; }
bench_exit() {
    [ ! -s "${BENCH_JQ_ERRORS:-/dev/null}" ] && exit 0
    echo "scripts/bench: jq failed $(wc -l <"$BENCH_JQ_ERRORS") time(s) (its error is above): the report is incomplete; run the same command again, and report it if it repeats" >&2
    exit 1
}

# The machine's context as one JSON object: what a figure depends on, with the
# flags each version's sources were really compiled with (from the compile
# database, without include paths, defines and file names).
machine_json() {
    local b=$BENCH_ROOT/build cc
    cc=$(jq -r '.[0].command | split(" ")[0]' "$b/compile_commands.json" 2>/dev/null || echo cc)
    jq -n --arg cpu "$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)" \
        --argjson cores "$(nproc 2>/dev/null || echo 0)" --arg kernel "$(uname -sr)" \
        --arg mem "$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo 2>/dev/null)" \
        --arg thp "$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)" \
        --arg defrag "$(cat /sys/kernel/mm/transparent_hugepage/defrag 2>/dev/null || echo unknown)" \
        --arg cc "$cc" --arg ccv "$($cc --version 2>/dev/null | head -1)" \
        --slurpfile deps <(cat "$b/meson-info/intro-dependencies.json" 2>/dev/null || echo null) \
        --slurpfile opts <(cat "$b/meson-info/intro-buildoptions.json" 2>/dev/null || echo null) \
        --slurpfile cmds <(cat "$b/compile_commands.json" 2>/dev/null || echo null) \
        --arg load "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" '
        def chosen: capture("\\[(?<m>[^]]*)\\]").m? // .;
        {cpu_model: $cpu, cores: $cores, memory_gib: ($mem | tonumber? // null), kernel: $kernel,
         thp_enabled: ($thp | chosen), thp_defrag: ($defrag | chosen), compiler: {command: $cc, version: $ccv},
         build_options: (($opts[0] | values | map(select(.name | IN("buildtype", "optimization", "debug",
             "c_std", "c_args", "b_ndebug", "b_lto", "b_sanitize")) | {(.name): .value}) | add) // null),
         version_flags: (($cmds[0] | values | [.[] | select(.file | test("^(\\.\\./)?(v[0-9]+|floor)/"))
             | {key: (.file | capture("(?<v>v[0-9]+|floor)/").v), value: (.command | split(" ")
                | map(select(test("^-(O|m|f|g|W|std)") and (test("^-(MD|MQ|MF|fdiagnostics|Winvalid-pch)") | not)))
                | join(" "))}] | unique_by(.key) | from_entries) // null),
         hdf5_version: (($deps[0] | values | map(select(.name | startswith("hdf5"))) | .[0].version) // null),
         load_average_at_start: $load}'
}

# record_path [N|PREFIX|FILE]: the record whose number (1, 0001) or name prefix is N in
# .benchmarks/, else in docs/records/, or FILE; without N the latest.  Prints the path;
# fails when none or several match (exits 2 when there is no record at all).
record_path() {
    local want=${1:-} matches=()
    [ -n "$want" ] || { latest_record || bench_die "no records in $BENCH_DIR (scripts/bench makes one)"; return; }
    if [ -f "$want" ]; then printf '%s\n' "$want"; return 0; fi
    if [[ $want =~ ^[0-9]+$ ]]; then want=$(printf '%04d' "$((10#$want))"); fi
    shopt -s nullglob
    matches=("$BENCH_DIR/$want"*.json)
    # a fresh clone has no .benchmarks/: the committed records of scripts/docs
    [ ${#matches[@]} -gt 0 ] || matches=("$BENCH_ROOT/docs/records/$want"*.json)
    shopt -u nullglob
    case ${#matches[@]} in
        1) printf '%s\n' "${matches[0]}" ;;
        0) echo "scripts/bench: no record $1 in $BENCH_DIR (ls $BENCH_DIR; scripts/bench makes one)" >&2; return 1 ;;
        *) echo "scripts/bench: record $1 is ambiguous: ${matches[*]}" >&2; return 1 ;;
    esac
}

# The newest record (highest number), or failure.
latest_record() { local f=("$BENCH_DIR"/[0-9][0-9][0-9][0-9]_*.json); [ -f "${f[-1]}" ] && printf '%s\n' "${f[-1]}"; }

# bench_run ERRFILE COMMAND…: runs COMMAND with stderr into ERRFILE; when it
# fails because ninja is relinking ./main under us (the tree is shared by
# people building), waits and retries, twice at most.
bench_run() {
    local err=$1 attempt status
    shift
    for attempt in 1 2 3; do
        "$@" 2>"$err" && return 0
        status=$?
        grep -qiE "permission denied|text file busy|no such file|cannot execute" "$err" || return $status
        sleep 3
    done
    return $status
}
