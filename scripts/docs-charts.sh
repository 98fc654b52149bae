# shellcheck shell=bash disable=SC2016 # jq programs are single-quoted on purpose
# scripts/docs-charts.sh — sourced by scripts/docs: the documents' charts,
# drawn by gnuplot (pngcairo) from one committed record, nothing measured:
#
#   time.png        time per step and size, log scale; the floor and the Python original marked
#   memory.png      the region's peak per step and size, log scale; the floor's peak marked
#   python.png      how many times faster each step is than the Python original, both
#                   measured in the record's run, one line per size
#   rss.png         resident memory over time, one panel per step, ONE y scale for all
#                   panels (a small step looks small next to a big one)
#   one-thread.png  the threaded steps and the floor with one thread and with all
#   step-vN.png     one step against its parent(s) at every measured size: time and peak
#   preview.png     data/s/preview.png (the input beside its segmentation), scaled down
#
# The set of charts a record yields is charts() in scripts/docs-render.jq; the
# image blocks link only those.  Steps and sizes come from the record.

DOCS_GP="$DOCS_ROOT/scripts/gnuplot"
DOCS_COLORS="#1f77b4 #ff7f0e #2ca02c #d62728"

# docs_chart_jq RECORD FILTER [JQ OPTIONS…]: FILTER run on $r, the record, with
# the renderer's definitions.
docs_chart_jq() {
    local record=$1 filter=$2
    shift 2
    jq -r -n -L "$DOCS_ROOT/scripts" --slurpfile rr "$record" "$@" "include \"docs-render\"; \$rr[0] as \$r | $filter"
}

# docs_draw_charts RECORD OUTDIR: every chart of the record, into OUTDIR.
docs_draw_charts() {
    local record=$1 out=$2 work status=0 name
    work=$(mktemp -d)
    mkdir -p "$out" && out=$(cd "$out" && pwd) || return 1
    local subtitle sizes steps
    subtitle=$(docs_chart_jq "$record" '"record \($r.name[0:4]) · commit \($r.commit[0:7]) · \(when($r)) · \(machine_short($r)) · OMP_WAIT_POLICY=\(policy($r))"')
    sizes=$(docs_chart_jq "$record" 'measured_sizes($r) | join(" ")')
    steps=$(docs_chart_jq "$record" 'steps($r) | join(" ")')
    local charts
    charts=$(docs_chart_jq "$record" 'charts($r) | join(" ")')
    # enhanced text reads _ as a subscript
    subtitle=${subtitle//_/\\_}
    gp() { # SCRIPT OUTFILE ASSIGNMENTS
        if (cd "$DOCS_GP" && gnuplot -e "outfile='$2'; subtitle='$subtitle'; colors='$DOCS_COLORS'; $3" "$1") 2>"$work/gp.err"; then
            echo "drew ${2#"$DOCS_TREE"/}"
        else
            echo "scripts/docs: gnuplot $1 failed:" >&2
            cat "$work/gp.err" >&2
            status=1
        fi
    }

    # time.png, memory.png: one block per size, rows "x step ms python_ms peak_mb",
    # and the first floor row's time and peak per size.
    if [[ " $charts " == *" time.png "* ]]; then
        docs_chart_jq "$record" '
            measured_sizes($r)[] as $s | first_floor($r; $s) as $f
            | (steps($r) | to_entries[] | ok($r; $s; .value) as $x
               | [.key, .value, ($x.wall_ms // "NaN"), (py($r; $s; .value).wall_ms // "NaN"),
                  ($x.peak_rss_mb // "NaN"), ($f.wall_ms // "NaN"), ($f.peak_rss_mb // "NaN")] | @tsv), "", ""' \
            >"$work/ladder.dat"
        local n
        n=$(wc -w <<<"$steps")
        gp docs-time.gp "$out/time.png" "datafile='$work/ladder.dat'; sizes='$sizes'; n=$n"
        gp docs-memory.gp "$out/memory.png" "datafile='$work/ladder.dat'; sizes='$sizes'; n=$n"
    fi

    # python.png: per size with Python figures, rows "x step ratio".
    if [[ " $charts " == *" python.png "* ]]; then
        local psizes
        psizes=$(docs_chart_jq "$record" '[measured_sizes($r)[] as $s | $s
            | select(any(steps($r)[]; ok($r; $s; .) != null and py($r; $s; .) != null))] | join(" ")')
        docs_chart_jq "$record" '
            ($sizes | split(" "))[] as $s
            | ([steps($r)[] | select(py($r; "s"; .) != null or py($r; $s; .) != null)]
               | to_entries[] | ok($r; $s; .value) as $x | py($r; $s; .value) as $p
               | [.key, .value, (if $x and $p then $p.wall_ms / $x.wall_ms else "NaN" end)] | @tsv), "", ""' \
            --arg sizes "$psizes" >"$work/python.dat"
        gp docs-python.gp "$out/python.png" "datafile='$work/python.dat'; sizes='$psizes'"
    fi

    # rss.png: one file per traced step ("t mb"), its runs shaded; one y range for all.
    if [[ " $charts " == *" rss.png "* ]]; then
        local traced="" v ymax rsize
        rsize=$(jq -r '.rss.size' "$record")
        for v in $(jq -r '.rss.versions[].version' "$record"); do
            jq -r --arg v "$v" '.rss.versions[] | select(.version == $v) | .points[] | @tsv' "$record" >"$work/rss-$v.dat"
            jq -r --arg v "$v" '.rss.versions[] | select(.version == $v) | .marks as $m
                | [range(0; $m | length; 2) as $i | [$m[$i].t, ($m[$i + 1].t // $m[$i].t)]] as $runs
                | $runs | to_entries[] | "set object \(.key + 1) rect from \(.value[0]), graph 0 to \(.value[1]), graph 1 fc rgb \"\(if .key == ($runs | length) - 1 then "#d9ead3" else "#eeeeee" end)\" fs solid 1.0 noborder behind"' \
                "$record" >"$work/rss-$v.gp"
            traced+="$v "
        done
        ymax=$(jq '[.rss.versions[].points[][1]] | max' "$record")
        gp docs-rss.gp "$out/rss.png" "dir='$work'; versions='${traced% }'; ymax=$ymax; size='$rsize'"
    fi

    # one-thread.png: per size, rows "x step one_ms all_ms".
    if [[ " $charts " == *" one-thread.png "* ]]; then
        local osizes threads
        osizes=$(docs_chart_jq "$record" '{results: $r.one_thread.results} as $o | measured_sizes($o) | join(" ")')
        threads=$(docs_chart_jq "$record" '[ok_results($r)[] | .threads] | max')
        docs_chart_jq "$record" '
            {results: $r.one_thread.results} as $o
            | measured_sizes($o)[] as $s
            | ([table_order($r)[] | select(ok($o; $s; .) != null)] | to_entries[]
               | [.key, .value, ok($o; $s; .value).wall_ms, (ok($r; $s; .value).wall_ms // "NaN")] | @tsv), "", ""' \
            >"$work/one.dat"
        gp docs-onethread.gp "$out/one-thread.png" "datafile='$work/one.dat'; sizes='$osizes'; threads=$threads"
    fi

    # step-vN.png: the step and its parents, rows "x size step ms peak" per version.
    for name in $charts; do
        [[ $name == step-*.png ]] || continue
        local v=${name#step-} versions
        v=${v%.png}
        versions=$(docs_chart_jq "$record" "(parents(\$r; \"$v\") + [\"$v\"]) | join(\" \")")
        docs_chart_jq "$record" "
            (parents(\$r; \"$v\") + [\"$v\"])[] as \$w
            | (measured_sizes(\$r) | to_entries[] | ok(\$r; .value; \$w) as \$x
               | [.key, .value, (\$x.wall_ms // \"NaN\"), (\$x.peak_rss_mb // \"NaN\")] | @tsv), \"\", \"\"" \
            >"$work/step-$v.dat"
        gp docs-step.gp "$out/$name" "datafile='$work/step-$v.dat'; versions='$versions'; sizes='$sizes'"
    done

    # sweep-chunk.png: scripts/sweep-chunk fits and draws the record's points again.
    if [[ " $charts " == *" sweep-chunk.png "* ]]; then
        mkdir -p "$work/sweep"
        jq -r '.sweep.points' "$record" >"$work/sweep/points.tsv"
        if BENCH_DIR="$work/sweep" "$DOCS_ROOT/scripts/sweep-chunk" --from "$work/sweep/points.tsv" >"$work/sweep/out" 2>&1 &&
            cp "$work/sweep/charts/sweep-chunk.png" "$out/sweep-chunk.png"; then
            echo "drew ${out#"$DOCS_TREE"/}/sweep-chunk.png"
        else
            echo "scripts/docs: scripts/sweep-chunk --from failed: $(tail -n 2 "$work/sweep/out")" >&2
            status=1
        fi
    fi

    # preview.png: the input and its segmentation, from the generator's own picture.
    if [ -f "$BENCH_DATA/s/preview.png" ]; then
        gp docs-preview.gp "$out/preview.png" "infile='$BENCH_DATA/s/preview.png'"
    fi
    rm -rf "$work"
    return $status
}
