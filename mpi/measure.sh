#!/usr/bin/env bash
# mpi/measure.sh DATA-DIR... — the table of mpi/README.md: main-mpi on 1, 2 and 4
# ranks with independent and collective transfers, beside the serial ladder's
# fastest step and the floor, from the programs' own --json reports.
#
#   ROUNDS=5 REPEAT=3 mpi/measure.sh data/s data/xl
#
# DATA-DIR is any data folder (relative to the current directory or absolute);
# data/xl is generated first by `./main v9 --data data/xl` if it is missing.
#
# The host is shared and its load comes and goes, so the configurations are
# interleaved: ROUNDS rounds (odd), each running every configuration once with
# one warm-up and REPEAT timed runs; a figure is the median over the rounds of
# each round's median.  With BENCH_LOCK=FILE set (any file every benchmarking
# program on the host agrees on), every command runs under `flock FILE`, so
# that two measurements never overlap.  BUILD is the build folder (default
# build/ of this repository).  SERIAL names the serial step (default: the last step of
# `main list`).  Columns: wall time; the slowest rank's load and compute; rank
# 0's assembly (the gather); the ranks' peaks added up, and each rank's; the
# read rate per rank, its share of the bytes over the slowest rank's load time
# (for ./main: all bytes over the load time).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
ROUNDS=${ROUNDS:-5}
REPEAT=${REPEAT:-3}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
lock=()
[ -n "${BENCH_LOCK:-}" ] && lock=(flock "$BENCH_LOCK")
SERIAL=${SERIAL:-$("$BUILD/main" list --tsv | awk -F'\t' '$3 != "floor" { last = $1 } END { print last }')}
[ $# -gt 0 ] || { echo "usage: mpi/measure.sh DATA-DIR..." >&2; exit 2; }
command -v jq >/dev/null || { echo "mpi/measure.sh needs jq" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# name | command (main's or main-mpi's arguments after --data DIR)
configs=(
    "main floor, 2 threads|main floor --threads 2"
    "main $SERIAL, 2 threads|main $SERIAL --threads 2"
    "mpi 1 × 1 independent|mpi -np 1 --bind-to core -- --threads 1 --transfer independent"
    "mpi 1 × 1 collective|mpi -np 1 --bind-to core -- --threads 1 --transfer collective"
    "mpi 1 × 2 independent|mpi -np 1 --bind-to none -- --threads 2 --transfer independent"
    "mpi 2 × 1 independent|mpi -np 2 --bind-to core -- --threads 1 --transfer independent"
    "mpi 2 × 1 collective|mpi -np 2 --bind-to core -- --threads 1 --transfer collective"
    "mpi 4 × 1 independent|mpi -np 4 --oversubscribe -- --threads 1 --transfer independent"
    "mpi 4 × 1 collective|mpi -np 4 --oversubscribe -- --threads 1 --transfer collective"
)

run() {   # DATA COMMAND... > JSON
    local data=$1 kind=$2
    shift 2
    if [ "$kind" = main ]; then
        "${lock[@]}" "$BUILD/main" "$@" --data "$data" --repeat "$REPEAT" --warmup 1 --json
        return
    fi
    local options=()
    while [ "$1" != -- ]; do options+=("$1"); shift; done
    shift
    "${lock[@]}" "$ROOT/scripts/mpirun" "${options[@]}" "$BUILD/mpi/main-mpi" --data "$data" \
        "$@" --repeat "$REPEAT" --warmup 1 --json
}

printf '%-5s %-30s %7s %7s %7s %8s %8s  %-23s %s\n' size program ms load compute assemble \
    "peak MB" "per rank MB" "GB/s/rank"
for data in "$@"; do
    size=$(basename "$data")
    for ((round = 0; round < ROUNDS; round++)); do
        for i in "${!configs[@]}"; do
            # shellcheck disable=SC2086  # the command: words without spaces
            run "$data" ${configs[$i]#*|} >"$OUT/$size.$i.$round.json"
        done
    done
    for i in "${!configs[@]}"; do
        jq -s -r --arg size "$size" --arg name "${configs[$i]%%|*}" '
            def median: sort | .[length / 2 | floor];
            def rankwise(f): [.[] | f] | transpose | map(median);
            (.[0].height * .[0].width * 32 / 1e9 / (.[0].ranks // 1)) as $share |
            [$size, $name, (map(.median_wall_ms) | median), (map(.median_load_ms) | median),
             (map(.median_compute_ms) | median), (map(.median_assemble_ms // 0) | median),
             (map(.median_peak_rss_mb) | median),
             (rankwise(.median_rank_peak_mb // [.median_peak_rss_mb])
              | map(. * 10 | round / 10 | tostring) | join(" · ")),
             $share / ((map(.median_load_ms) | median) / 1e3)] | @tsv' \
            "$OUT/$size.$i".*.json |
        awk -F'\t' '{ printf "%-5s %-30s %7.1f %7.1f %7.1f %8.1f %8.1f  %-23s %.1f\n",
                       $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
    done
done
