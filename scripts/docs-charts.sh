# shellcheck shell=bash disable=SC2016 # jq programs are single-quoted on purpose
# scripts/docs-charts.sh — sourced by scripts/docs and scripts/bench: the charts,
# drawn by gnuplot (pngcairo) from one record, nothing measured.  What each chart shows:
# docs/benchmarks.md; which charts a record yields: charts() in scripts/docs-render.jq.

DOCS_GP="$DOCS_ROOT/scripts/gnuplot"

# docs_chart_jq RECORD FILTER [JQ OPTIONS…]: FILTER on $r, the record, with the renderer's definitions.
docs_chart_jq() {
    jq -r -n -L "$DOCS_ROOT/scripts" --slurpfile rr "$1" "${@:3}" "include \"lib\"; include \"docs-render\"; \$rr[0] as \$r | $2"
}

# docs_draw_charts RECORD OUTDIR: every chart of the record, into OUTDIR.
docs_draw_charts() {
    local record=$1 out=$2 work status=0 name subtitle sizes steps charts v n psizes osizes threads versions
    work=$(mktemp -d)
    mkdir -p "$out" && out=$(cd "$out" && pwd) || return 1
    { read -r subtitle; read -r sizes; read -r steps; read -r charts; } < <(docs_chart_jq "$record" '
        "record \($r.name[0:4]) · commit \($r.commit[0:7]) · \(when($r)) · \(machine_short($r)) · OMP_WAIT_POLICY=\(policy($r))",
        (measured_sizes($r), steps($r), charts($r) | join(" "))')
    # enhanced text reads _ as a subscript; '' is a quote in a gnuplot string
    subtitle=${subtitle//_/\\_}
    subtitle=${subtitle//\'/\'\'}
    gp() { # SCRIPT OUTFILE ASSIGNMENTS
        if (cd "$DOCS_GP" && gnuplot -e "outfile='$2'; subtitle='$subtitle'; $3" "$1") 2>"$work/gp.err"; then echo "drew ${2#"$DOCS_TREE"/}"
        else { echo "scripts/docs: gnuplot $1 failed:"; cat "$work/gp.err"; } >&2; status=1; fi
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
        n=$(wc -w <<<"$steps")
        gp docs-ladder.gp "$out/time.png" "datafile='$work/ladder.dat'; sizes='$sizes'; n=$n; col=3"
        gp docs-ladder.gp "$out/memory.png" "datafile='$work/ladder.dat'; sizes='$sizes'; n=$n; col=5"
    fi

    # python.png: the sizes with Python figures, then per size rows "x step ratio ratio_label".
    if [[ " $charts " == *" python.png "* ]]; then
        { read -r psizes; cat >"$work/python.dat"; } < <(docs_chart_jq "$record" '
            [measured_sizes($r)[] as $s | select(any(steps($r)[]; ok($r; $s; .) != null and py($r; $s; .) != null)) | $s]
            | join(" "), (.[] as $s
            | ([steps($r)[] | select(py($r; "s"; .) != null or py($r; $s; .) != null)]
               | to_entries[] | ok($r; $s; .value) as $x | py($r; $s; .value) as $p
               | ratio($p.wall_ms; $x.wall_ms) as $q | [.key, .value, ($q // "NaN"), ($q | fx)] | @tsv), "", "")')
        gp docs-python.gp "$out/python.png" "datafile='$work/python.dat'; sizes='$psizes'"
    fi

    # rss.png: each traced step's points ("t mb") in rss-STEP.dat, its runs' shading in
    # rss-STEP.gp; one y range for all.
    if [[ " $charts " == *" rss.png "* ]]; then
        jq -r '.rss.versions[] | .version as $v | "\($v).gp\t# the runs of \($v)", (.points[] | "\($v).dat\t\(@tsv)"),
            (.marks as $m | [range(0; $m | length; 2) as $i | [$m[$i].t, ($m[$i + 1].t // $m[$i].t)]] as $runs
             | $runs | to_entries[] | "\($v).gp\tset object \(.key + 1) rect from \(.value[0]), graph 0 to \(.value[1]), graph 1 fc rgb \"\(if .key == ($runs | length) - 1 then "#d9ead3" else "#eeeeee" end)\" fs solid 1.0 noborder behind")' \
            "$record" | awk -F'\t' -v dir="$work" '{ f = dir "/rss-" $1; sub(/^[^\t]*\t/, ""); print > f }'
        gp docs-rss.gp "$out/rss.png" "dir='$work'; versions='$(jq -r '[.rss.versions[].version] | join(" ")' "$record")'; \
ymax=$(jq '[.rss.versions[].points[][1]] | max' "$record"); size='$(jq -r .rss.size "$record")'"
    fi

    # one-thread.png: the smallest and the largest size (two panels stay readable on a
    # slide), the threads, then per size rows "x step one_ms all_ms" and those as labels.
    if [[ " $charts " == *" one-thread.png "* ]]; then
        { read -r osizes; read -r threads; cat >"$work/one.dat"; } < <(docs_chart_jq "$record" '
            {results: $r.one_thread.results, sizes: $r.sizes, size_table: $r.size_table} as $o
            | (measured_sizes($o) | [.[0], .[-1]] | if .[0] == .[1] then [.[0]] else . end) as $sizes
            | ($sizes | join(" ")), ([ok_results($r)[] | .threads] | max), ($sizes[] as $s
            | ([table_order($r)[] | select(ok($o; $s; .) != null)] | to_entries[]
               | ok($o; $s; .value).wall_ms as $a | ok($r; $s; .value).wall_ms as $b
               | [.key, .value, $a, ($b // "NaN"), ($a | fms), ($b | fms)] | @tsv), "", "")')
        gp docs-onethread.gp "$out/one-thread.png" "datafile='$work/one.dat'; sizes='$osizes'; threads=$threads"
    fi

    # step-vN.png: the step and its parents, then per version rows "x size ms peak ms_label peak_label".
    for name in $charts; do
        [[ $name == step-*.png ]] || continue
        v=${name#step-} && v=${v%.png}
        { read -r versions; cat >"$work/step-$v.dat"; } < <(docs_chart_jq "$record" '(parents($r; $v) + [$v])
            | join(" "), (.[] as $w | (measured_sizes($r) | to_entries[] | ok($r; .value; $w) as $x
               | [.key, .value, ($x.wall_ms // "NaN"), ($x.peak_rss_mb // "NaN"), ($x.wall_ms | fms), ($x.peak_rss_mb | fmb)] | @tsv), "", "")' \
            --arg v "$v")
        gp docs-step.gp "$out/$name" "datafile='$work/step-$v.dat'; versions='$versions'; sizes='$sizes'"
    done

    # sweep-chunk.png: scripts/sweep-chunk fits and draws the record's points again.
    if [[ " $charts " == *" sweep-chunk.png "* ]]; then
        mkdir -p "$work/sweep"
        jq -r '.sweep.points' "$record" >"$work/sweep/points.tsv"
        if BENCH_DIR="$work/sweep" "$DOCS_ROOT/scripts/sweep-chunk" --from "$work/sweep/points.tsv" >"$work/sweep/out" 2>&1 &&
            cp "$work/sweep/charts/sweep-chunk.png" "$out/sweep-chunk.png"; then echo "drew ${out#"$DOCS_TREE"/}/sweep-chunk.png"
        else echo "scripts/docs: scripts/sweep-chunk --from failed: $(tail -n 2 "$work/sweep/out")" >&2; status=1; fi
    fi

    # peak-size.png: see docs_peak_size_dat.
    if [[ " $charts " == *" peak-size.png "* ]]; then
        { read -r versions; read -r styles; read -r refused; cat >"$work/peak.dat"; } < <(docs_peak_size_dat "$record")
        gp docs-peak-size.gp "$out/peak-size.png" "datafile='$work/peak.dat'; versions='$versions'; styles='$styles'; \
refused=$refused; mem_gib=$(jq '.machine.memory_gib // 0' "$record")"
    fi

    # preview.png: the input and its segmentation, from the generator's own picture.
    [ ! -f "$BENCH_DATA/s/preview.png" ] || gp docs-preview.gp "$out/preview.png" "infile='$BENCH_DATA/s/preview.png'"
    rm -rf "$work"
    return $status
}

# docs_peak_size_dat RECORD: peak-size.png's data, each step's peak against the image's pixels,
# warm where it ran, else cold (the cold table reaches sizes the page cache cannot hold): the
# steps, their styles (w, b, f: whole-image, bounded, floor, and the rank in that group), the
# number of refusals, then blocks: the ticks "pixels name megapixels", one per step "pixels
# mb", and if any refused: each refusal "x0 y0 x1 y1 style" (from the last peak to the bytes
# its note says it needs), a label per distinct need "x y text" (last: gnuplot merges empty blocks).
docs_peak_size_dat() {
    docs_chart_jq "$1" '
        def px($s): (dims($r; $s) // dims($r.cold; $s)) | .[0] * .[1];
        {results: ($r.cold.results // [])} as $c
        | [size_order($r)[] as $s | select(any(($r.results + $c.results)[]; .size == $s and .status != "skipped")) | $s] as $sizes
        | [(steps($r) + floors($r))[] as $v | {v: $v,
             g: (if IN(floors($r)[]; $v) then "f" elif IN(ladder_row($r; $v).options[]; "bounded") then "b" else "w" end),
             pts: [$sizes[] as $s | (ok($r; $s; $v) // ok($c; $s; $v)) | select(. != null) | [px($s), .peak_rss_mb]]}
           | select(.pts | length > 0)
           | .pts[-1][0] as $last | .need = ([$sizes[] as $s | result($c; $s; $v), result($r; $s; $v) | select(. != null and .status == "failed")
               | (.note // "") | capture("needs (?<b>[0-9]+) bytes") | [px($s), (.b | tonumber)]]
               | map(select(.[0] > $last)) | .[0])] as $rows
        | [("w", "b", "f") as $g | [$rows[] | select(.g == $g)] | to_entries[] | .value + {s: "\($g)\(.key + 1)"}] as $rows
        | ($rows | map(.v) | join(" ")), ($rows | map(.s) | join(" ")), ([$rows[] | select(.need)] | length),
          ($sizes[] | px(.) as $x | [$x, ., "\($x / 1e6 | fixed(if $x < 1e7 then 1 else 0 end)) MP"] | @tsv), "", "",
          ($rows[] | (.pts[] | @tsv), "", ""),
          ($rows[] | select(.need) | [.pts[-1][], .need[0], .need[1] / 1e6, .s] | @tsv), "", "",
          ([$rows[] | .need | select(.)] | unique[] | [.[0], .[1] / 1e6, "refused: needs \(.[1] / 1e9 | fixed(1)) GB"] | @tsv)'
}

# docs_rss_traces SIZE OUT VERSION…: each version once more at SIZE with
# --rss-trace, one JSON line per trace into OUT, thinned to its outline.
docs_rss_traces() {
    local size=$1 out=$2 version trace
    shift 2
    : >"$out"
    [ -f "$BENCH_DATA/$size/data.hdf5" ] || return 0
    trace=$(mktemp)
    for version in "$@"; do
        bench_say "./main $version --data $size --rss-trace"
        if ! "$BENCH_MAIN" "$version" --data "$BENCH_DATA/$size" --warmup 1 --repeat 1 \
            --rss-trace "$trace" >/dev/null 2>"$trace.err"; then
            echo "scripts/docs: trace of $version failed: $(tail -n 1 "$trace.err")" >&2
            continue
        fi
        awk -v v="$version" '
            /^# [0-9.]+ (begin|end) / { marks = marks sprintf("%s{\"t\":%s,\"label\":\"%s %s\"}", (marks == "" ? "" : ","), $2, $3, $6); next }
            /^#/ { next }
            NF == 2 { n++; t[n] = $1; m[n] = $2 }
            END {
                # at most 200 points: the largest sample of each bucket, so peaks survive
                step = n / 200; if (step < 1) step = 1
                out = ""
                for (b = 0; b * step < n; b++) {
                    lo = int(b * step) + 1; hi = int((b + 1) * step); if (hi > n) hi = n; if (hi < lo) hi = lo
                    best = lo
                    for (i = lo; i <= hi; i++) if (m[i] > m[best]) best = i
                    out = out sprintf("%s[%s,%s]", (out == "" ? "" : ","), t[best], m[best])
                }
                printf "{\"version\":\"%s\",\"points\":[%s],\"marks\":[%s]}\n", v, out, marks
            }' "$trace" >>"$out"
    done
    rm -f "$trace" "$trace.err"
}

# bench_charts BENCH_RECORD OUTDIR: the charts of a bench record, through the
# same pipeline: the record is made a documents' record (docs-record.jq) first.
bench_charts() {
    local tmp status
    tmp=$(mktemp -d)
    ladder_json >"$tmp/ladder.json"
    jq -c '.rss.versions[]?' "$1" >"$tmp/rss.jsonl"
    jq -n --arg name "$(jq -r .name "$1")" --argjson number "$(jq .number "$1")" --arg change "" \
        --arg command "$(jq -r .command "$1")" --arg started "$(jq -r .started "$1")" \
        --arg finished "$(jq -r .finished "$1")" --arg bench_command "$(jq -r .command "$1")" \
        --slurpfile main "$1" --slurpfile ladder "$tmp/ladder.json" --argjson stats '[]' \
        --argjson profiles '[]' --argjson examples '[]' --argjson flames '[]' --argjson sweep '[]' --argjson cold '[]' --arg cold_command '' \
        --slurpfile rss "$tmp/rss.jsonl" --arg rss_size "$(jq -r '.rss.size // ""' "$1")" \
        --argjson talk_ms '{}' --argjson talk_mb '{}' \
        --arg load_end "$(jq -r '.machine.load_average_at_end // ""' "$1")" \
        -r -L "$DOCS_ROOT/scripts" -f "$DOCS_ROOT/scripts/docs-record.jq" >"$tmp/record.json" &&
        DOCS_TREE=$BENCH_ROOT docs_draw_charts "$tmp/record.json" "$2"
    status=$?
    rm -rf "$tmp"
    return $status
}
