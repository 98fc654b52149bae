# shellcheck shell=bash
# scripts/ladder.sh — sourced by the scripts that walk the ladder: its rows as
# `./main list --tsv` prints them, so a new step appears everywhere without an edit.

# ladder_rows: one tab-separated line per row, in ladder order: name, parents, kind,
# options, idea.  From $LADDER_MAIN, else $BENCH_MAIN (the tests' fake ./main), else
# ./main; before the first build, from ladder.tsv (less its max-diff column).
ladder_rows() {
    local root main
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    main=${LADDER_MAIN:-${BENCH_MAIN:-$root/main}}
    if [ -x "$main" ] && "$main" list --tsv 2>/dev/null; then
        return 0
    fi
    grep -v '^#' "$root/ladder.tsv" | awk -F'\t' 'NF >= 6 { print $1 "\t" $2 "\t" $3 "\t" $4 "\t" $6 }'
}

# ladder_names [KIND|steps|OPTION…]: the names, space-separated, in ladder order.
#   steps      every row that is not a floor (the versions)
#   floor      the floor rows
#   chunked, threaded, self-timed, bounded: the rows with that option
#   nothing    every row
ladder_names() {
    local want=${1:-all}
    ladder_rows | awk -F'\t' -v want="$want" '
        want == "all" || (want == "steps" && $3 != "floor") || $3 == want ||
        index("," $4 ",", "," want ",") { printf "%s%s", (n++ ? " " : ""), $1 }
        END { print "" }'
}

# ladder_json: the rows as one JSON array of {name, parents, kind, options, idea}.
ladder_json() {
    ladder_rows | jq -R -s -c 'split("\n") | map(select(length > 0) | split("\t")
        | {name: .[0], parents: (.[1] | if . == "-" then [] else split(",") end), kind: .[2],
           options: (.[3] | split(",") | map(select(. != "" and . != "-"))), idea: .[-1]})'
}
