# shellcheck shell=bash disable=SC2016 # jq programs are single-quoted on purpose
# scripts/docs-lib.sh — sourced by scripts/docs, scripts/slides and scripts/bench: the
# records, the documents holding generated blocks, their rendering (docs-render.jq: a pure
# function of one record, so --check and tests/docs render again and compare, measuring
# nothing) and the checks.  A generated block, on lines of their own:
#
#     <!-- generated: KIND ARG… record=NNNN -->
#     …what scripts/docs wrote…
#     <!-- end generated -->
#
# or inside a line: the input is <!-- generated: input xl record=NNNN -->1.416 GB<!-- end generated -->
#
# record=NNNN names the committed record (docs/records/NNNN_*.json) it was rendered from;
# the prose around is hand-written; markers inside ``` fences are left alone.

DOCS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The tree whose documents are read and written: this one, or a scratch copy
# (tests/docs plants faults in one to see that --check finds them).
DOCS_TREE=${DOCS_TREE:-$DOCS_ROOT}
DOCS_RECORDS="$DOCS_TREE/docs/records"
DOCS_IMG="$DOCS_TREE/docs/img"
export DOCS_ROOT DOCS_TREE DOCS_RECORDS DOCS_IMG

# A quote of the talk, not a measurement: docs/talk.tsv, "size:step" → ms (column 3)
# or MB (column 4), copied into every record, labelled as the talk's (the bench times
# Python here).
docs_talk_json() {
    grep -v '^#' "$DOCS_TREE/docs/talk.tsv" | jq -R -s -c --argjson col "$1" \
        'split("\n") | map(select(length > 0) | split("\t") | {(.[0] + ":" + .[1]): (.[$col] | tonumber)}) | add'
}

docs_die() { printf 'scripts/docs: %s\n' "$*" >&2; exit 2; }

# The documents that may hold generated blocks, relative to the root.
docs_documents() {
    local f
    for f in "$DOCS_TREE"/{README.md,v*/README.md,docs/*.md,mpi/README.md,slides/talk.md}; do
        [ -f "$f" ] && printf '%s\n' "${f#"$DOCS_TREE"/}"
    done
}

# The committed records, oldest first (their numbers order them).
docs_records() { ls -1 "$DOCS_RECORDS"/[0-9][0-9][0-9][0-9]_*.json 2>/dev/null; }
docs_latest_record() { docs_records | tail -n 1; }

# docs_record_file NNNN: the committed record of that number.
docs_record_file() {
    local found
    found=$(docs_records | grep "/$(printf '%04d' "$((10#$1))")_[^/]*\.json$")
    [ -n "$found" ] && [ "$(wc -l <<<"$found")" -eq 1 ] && printf '%s\n' "$found"
}

# docs_render_document DOC OUT [RECORD_FILE]: DOC with every generated block
# rendered again (one jq run: render_document), written to OUT; every block from
# RECORD_FILE if given, else each from the record it names.  Fails, saying where,
# on a block that names no record or one not committed (status 1); prints each
# claim that does not hold in its record (status 3, OUT written).  A `changes`
# block also reads every committed record up to this one.
docs_render_document() {
    local doc=$1 dest=$2 force=${3:-} src="$DOCS_TREE/$1" files=() forced=null number f history="[]" result
    if [ -n "$force" ]; then
        files=("$force")
        forced=$(jq -c '.name[0:4]' "$force")
    else
        while IFS= read -r number; do
            f=$(docs_record_file "$number") && files+=("$f")
        done < <(grep -oE 'record=[0-9]{4}' "$src" | cut -d= -f2 | sort -u)
    fi
    if grep -qE '<!-- generated: changes( |-->)' "$src"; then
        local upto=${force:-$(docs_latest_record)} hist=()
        while IFS= read -r f; do
            hist+=("$f")
            [ "$f" = "$upto" ] && break
        done < <(docs_records)
        [ -z "$upto" ] || history=$(jq -c -s 'map({number, name, date: (.started[0:10]), commit, dirty,
            change, settings: {environment: .settings.environment},
            results: [.results[] | select(.status == "ok") | {version, size, wall_ms, wall_mad_ms, peak_rss_mb, runs: [(.runs // [])[] | {wall_ms}]}]})' "${hist[@]}")
    fi
    result=$(jq -n -c -L "$DOCS_ROOT/scripts" --rawfile text "$src" --arg doc "$doc" \
        --argjson forced "$forced" --argjson hist "$history" \
        --slurpfile records <(if [ ${#files[@]} -gt 0 ]; then cat "${files[@]}"; fi) \
        --slurpfile mpi <(cat "$DOCS_TREE/mpi/record.json" 2>/dev/null) \
        'include "docs-render";
         render_document($text; ($records | map({(.name[0:4]): .}) | add // {}); $forced; $doc; $hist)') ||
        { echo "scripts/docs: $doc: cannot be rendered (jq's message above; scripts/docs --check)" >&2; return 1; }
    jq -j '.text' <<<"$result" >"$dest"
    jq -r '.errors[]' <<<"$result" >&2
    jq -r '.findings[]' <<<"$result"
    jq -e '.errors == []' <<<"$result" >/dev/null || return 1
    jq -e '.findings == []' <<<"$result" >/dev/null || return 3   # a claim that does not hold
}

# ---- the checks of `scripts/docs --check` and tests/docs ----------------------
# Each prints one line per finding, "FILE: what", and returns 1 when it found any.

# docs_rerender [RECORD_FILE]: every document rendered again, each block from the
# record it names and any difference reported (--check); or, given RECORD_FILE,
# every block from it and the document rewritten in place (--render).
docs_rerender() {
    local doc tmp status=0
    tmp=$(mktemp)
    while IFS= read -r doc; do
        docs_render_document "$doc" "$tmp" "${1:-}"
        case $? in 0) ;; 3) status=1 ;; *)
            [ -z "${1:-}" ] || echo "scripts/docs: $doc was not rewritten" >&2
            status=1; continue ;;
        esac
        if cmp -s "$tmp" "$DOCS_TREE/$doc"; then
            continue
        elif [ -n "${1:-}" ]; then
            cat "$tmp" >"$DOCS_TREE/$doc"
            echo "rewrote $doc"
        else
            echo "$doc: differs from its blocks rendered again from their records (scripts/docs --render rewrites it):"
            diff -u "$DOCS_TREE/$doc" "$tmp" | sed -n '3,40p' | sed 's/^/    /'
            status=1
        fi
    done < <(docs_documents)
    rm -f "$tmp"
    return $status
}

# docs_check_rows: a table row quoted anywhere (a markdown table whose first
# columns are "size" and "step") is in docs/benchmarks.md's generated tables,
# with the same figure in every column the two share; a row of a block with the
# word cold (the record's cold table) against benchmarks.md's cold tables.
docs_check_rows() {
    local canon="docs/benchmarks.md" others
    [ -f "$DOCS_TREE/$canon" ] || { echo "$canon: missing"; return 1; }
    mapfile -t others < <(docs_documents | grep -vxF -e "$canon" -e docs/changes.md)
    (cd "$DOCS_TREE" && awk '
        function cellsof(line, out,   n, i) {
            sub(/^\| ?/, "", line); sub(/ ?\|$/, "", line)
            n = split(line, out, / \| /)
            for (i = 1; i <= n; i++) gsub(/^ +| +$/, "", out[i])
            return n
        }
        FNR == 1 { canonical = (FILENAME == CANON); inblock = 0; intable = 0; cold = "" }
        /^<!-- generated: table / { inblock = 1 }
        /^<!-- generated: [^>]* cold( [^>]*)? -->$/ { cold = " (cold)" }
        /^<!-- end generated -->$/ { inblock = 0; cold = "" }
        !/^\|/ { intable = 0; next }
        !intable++ { cellsof($0, head); quoted = (head[1] == "size" && head[2] == "step"); next }   # a header
        intable == 2 || !quoted { next }                                     # the |:--|--:| line
        { nc = cellsof($0, cell); key = cell[1] SUBSEP cell[2] cold }
        canonical { if (inblock) { have[key] = 1; for (i = 3; i <= nc; i++) canon[key, head[i]] = cell[i] } next }
        !(key in have) {
            printf "%s:%d: the row of %s at %s%s is not in %s'"'"'s generated tables\n", FILENAME, FNR, cell[2], cell[1], cold, CANON
            bad++; next
        }
        { for (i = 3; i <= nc; i++)
            if ((key, head[i]) in canon && canon[key, head[i]] != cell[i]) {
                printf "%s:%d: %s at %s%s, %s: \"%s\" here, \"%s\" in %s\n", FILENAME, FNR, cell[2], cell[1], cold, head[i], cell[i], canon[key, head[i]], CANON
                bad++
            } }
        END { exit bad > 0 }' CANON="$canon" "$canon" "${others[@]}")
}

# docs_check_images: every picture a document shows (![…](path), outside code)
# is a file, relative to the document.
docs_check_images() {
    local doc status=0 path
    while IFS= read -r doc; do
        while IFS= read -r path; do
            [ -f "$DOCS_TREE/$(dirname "$doc")/$path" ] || { echo "$doc: shows $path, which does not exist"; status=1; }
        done < <(awk '/^```/ { fence = !fence; next } !fence' "$DOCS_TREE/$doc" |
                 grep -oE '!\[[^]]*\]\([^) ]+' | sed 's/.*](//' | grep -vE '^https?://')
    done < <(docs_documents)
    return $status
}

# docs_check_stale: hand-written text (outside generated blocks) quotes no
# figure once found stale, no source line number (they move with every edit;
# the generated profile excerpts carry their own), and no "physical limit" for
# the floor, which measures a read from the warm page cache.
DOCS_STALE='151[.,]3 ?M|151,30|21\.58?[ ]?%|53\.59?[ ]?%|1\.4[78] GB|1\.5 GB|[A-Za-z0-9_]\.c:[0-9]+|physical limit'
docs_check_stale() {
    local doc status=0
    while IFS= read -r doc; do
        awk '/^<!-- generated: .* -->$/ && !/<!-- end generated -->/ { skip = 1; next }
             skip { if ($0 == "<!-- end generated -->") skip = 0; next }
             { gsub(/<!-- generated: [^>]*-->[^<]*<!-- end generated -->/, ""); printf "%d:%s\n", NR, $0 }' \
            "$DOCS_TREE/$doc" | grep -E -- "$DOCS_STALE" | sed "s#^#$doc:#" | grep . && status=1
    done < <(docs_documents)
    return $status
}

# docs_check_missing: no rendered figure says "not in record": a block or an inline
# figure asking for what its record lacks (a size, a symbol that left a profile).
docs_check_missing() {
    (cd "$DOCS_TREE" && docs_documents | xargs -d '\n' grep -n -E "not in record [0-9]{4}" | cut -c1-200 | grep .) && return 1
    return 0
}

# docs_check_takeaways: the takeaway of a profile (the paragraph after one or more
# generated profile or flamegraph blocks, up to a "**Motivates" that proposes the
# next step) names in `code` only symbols the excerpts above it show.
docs_check_takeaways() {
    local doc status=0
    while IFS= read -r doc; do
        (cd "$DOCS_TREE" && awk '
            /^<!-- generated: (profile|flamegraph) .* -->$/ { if (!want) body = ""; inb = 1; next }
            inb { if ($0 == "<!-- end generated -->") { inb = 0; want = 1; para = 0; next }
                  body = body "\n" $0   # a flame graph: the SVG it shows is the excerpt
                  if (match($0, /\]\([^)]+\.svg\)/)) { svg = dir substr($0, RSTART + 2, RLENGTH - 3)
                      while ((getline l < svg) > 0) body = body "\n" l; close(svg) }
                  next }
            want && /^[ \t]*$/ { if (para) want = 0; next }
            want && /^(<!--|#|```|\|)/ { want = 0; next }
            want { para = 1; s = $0; if (sub(/\*\*Motivates.*/, "", s)) want = 0
                while (match(s, /`[^`]+`/)) {
                    t = substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH); sub(/\(\)$/, "", t)
                    if (t ~ /^[A-Za-z_][A-Za-z0-9_]*$/ && !index(body, t)) {
                        printf "%s:%d: the takeaway names `%s`, which the profile excerpt above it does not show\n", FILENAME, FNR, t; bad++ } } }
            END { exit bad > 0 }' dir="$(dirname "$doc")/" "$doc") || status=1
    done < <(docs_documents)
    return $status
}

# docs_excerpt FILE REGEX [N]: what a slide's <!-- code FILE 'REGEX' [N] --> shows:
# FILE from the first line matching REGEX (grep -E) to the closing "}" in column
# 0, at most N lines (12), the common indentation removed; fails when nothing matches.
docs_excerpt() {
    local start
    start=$(grep -nE -m1 -- "$2" "$DOCS_TREE/$1" 2>/dev/null | cut -d: -f1)
    [ -n "$start" ] || return 1
    awk -v s="$start" -v n="${3:-12}" 'NR >= s { l[++c] = $0; if ((NR > s && /^}/) || c >= n) exit }
        END { m = 99; for (i = 1; i <= c; i++) if (l[i] ~ /[^ ]/ && l[i] !~ /^[}#]/) { match(l[i], /^ */); if (RLENGTH < m) m = RLENGTH }
              for (i = 1; i <= c; i++) print (l[i] ~ /^#/ ? l[i] : substr(l[i], m + 1)); if (l[c] !~ /^}/) print "…" }' "$DOCS_TREE/$1"
}

# docs_check_slides [DECK]: every code excerpt and image of DECK (slides/talk.md,
# relative to the tree) is found (the build, scripts/slides, refuses the deck
# otherwise); each finding names the slide.
docs_check_slides() {
    local status=0 title="" line deck=${1:-slides/talk.md}
    while IFS= read -r line; do
        case $line in '# '*) title=${line#\# } title=${title%% \{*} ;; esac
        if [[ $line =~ ^\<!--\ code\ ([^ ]+)\ \'(.*)\'\ ?([0-9]*)\ --\>$ ]]; then
            docs_excerpt "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" >/dev/null && continue
            echo "$deck: slide \"$title\": no line of ${BASH_REMATCH[1]} matches '${BASH_REMATCH[2]}'"
        elif [[ $line == '<!-- code '* ]]; then echo "$deck: slide \"$title\": bad code directive: $line"
        elif [[ $line =~ \!\[[^]]*\]\(([^\)\ ]+) ]] && [ ! -f "$DOCS_TREE/$(dirname "$deck")/${BASH_REMATCH[1]}" ]; then
            echo "$deck: slide \"$title\": shows ${BASH_REMATCH[1]}, which does not exist"
        else continue; fi
        status=1
    done < <(awk '/^```/ { fence = !fence; next } !fence' "$DOCS_TREE/$deck" 2>/dev/null)
    return $status
}

# docs_check_all: every check; prints what it found, then a verdict.
docs_check_all() {
    local status=0 check
    for check in docs_rerender docs_check_rows docs_check_images docs_check_stale docs_check_missing docs_check_takeaways docs_check_slides; do
        "$check" || status=1
    done
    if [ $status -eq 0 ]; then echo "docs: every generated block matches its record; claims, rows, images, quotes and takeaways check out"
    else echo "docs: see the findings above (scripts/docs --render rewrites the blocks)"; fi
    return $status
}
