#!/usr/bin/env bash
# scripts/sweep-chunk's least-squares fits recover known coefficients from
# synthetic points (and the three-coefficient model, gnuplot's fit, finds no
# per-pixel term): time = 20 + 0.5 · tiles and memory = 5 MB + 40 bytes per
# tile pixel for "v4", time = 30 + 2000 / chunk and memory = 8 + 0.01 · chunk
# for "v7", memory = 17 MB + 32 bytes per pixel of a tile capped at 131072
# pixels for "v9"; and the chart is drawn from them.
source "$(dirname "$0")/lib.sh"
export BENCH_DIR="$TMP/records"
H=960 W=1280
points="$TMP/points.tsv"
{
    echo "# size s height $H width $W"
    for c in 64 128 256 512 1024 2048 4096; do
        awk -v c="$c" -v H="$H" -v W="$W" 'function ceil(x) { return x == int(x) ? x : int(x) + 1 }
            function min(a, b) { return a < b ? a : b }
            # v4'"'"'s times ± 1 µs: gnuplot'"'"'s fit stops on a residual of exactly 0 (no real bench has one)
            BEGIN { printf "v4 %d %.9f %.9f\n", c, 20 + 0.5 * ceil(H / c) * ceil(W / c) + 0.001 * (c % 3 - 1), 5 + 40e-6 * min(c, H) * min(c, W)
                    printf "v7 %d %.9f %.9f\n", c, 30 + 2000 / c, 8 + 0.01 * c
                    printf "v9 %d %.9f %.9f\n", c, 25 + 1000 / c, 17 + 32e-6 * min(min(c, H) * min(c, W), 131072) }'
    done
} >"$points"

out="$TMP/out"
chart=1
command -v gnuplot >/dev/null || chart=0
# shellcheck disable=SC2046  # empty or one word
"$SRC/scripts/sweep-chunk" --from "$points" $([ "$chart" -eq 1 ] || echo --no-chart) >"$out" 2>&1
assert_eq "$?" 0 "sweep-chunk --from exits 0"
coef() { # VERSION LABEL FIELD: the number after "FIELD =" on the line "VERSION LABEL"
    grep -F "$1 $2" "$out" | head -1 | sed -E "s/.* $3 = +([-0-9.e+]+).*/\1/"
}
r2() { grep -F "$1 $2" "$out" | head -1 | sed -E 's/.*R² = ([0-9.]+).*/\1/'; }
assert_near "$(coef v4 'time   = t0 + t1 · tiles' t0)" 20 0.001 "v4 t0 of t0 + t1·tiles"
assert_near "$(coef v4 'time   = t0 + t1 · tiles' t1)" 0.5 0.0001 "v4 t1 of t0 + t1·tiles"
assert_near "$(r2 v4 'time   = t0 + t1 · tiles')" 1 0.0005 "v4 tiles model fits exactly"
full=$(grep -F "v4 time   = t0 + t1 · tiles + t2 · tile pixels" "$out" | head -1)
assert_near "$(sed -E 's/.* t0 = ([-0-9.e+]+) ms.*/\1/' <<<"$full")" 20 0.005 "v4 t0 of the three-coefficient model"
assert_near "$(sed -E 's/.* t1 = ([-0-9.e+]+) ms\/tile.*/\1/' <<<"$full")" 0.5 0.0001 "v4 t1 of the three-coefficient model"
assert_near "$(sed -E 's/.* t2 = ([-0-9.e+]+) ns\/px.*/\1/' <<<"$full")" 0 0.001 "v4 t2 = 0: no per-pixel term in the data"
assert_near "$(coef v4 'memory = m0 + m1 · tile pixels' m0)" 5 0.001 "v4 m0 of m0 + m1·tile pixels"
assert_near "$(coef v4 'memory = m0 + m1 · tile pixels' m1)" 40 0.001 "v4 m1 = 40 bytes per pixel"
assert_near "$(coef v7 'time   = t0 + t1 / chunk' t0)" 30 0.001 "v7 t0 of t0 + t1/chunk"
assert_near "$(coef v7 'time   = t0 + t1 / chunk' t1)" 2000 0.01 "v7 t1 of t0 + t1/chunk"
assert_near "$(coef v7 'memory = m0 + m1 · chunk' m0)" 8 0.001 "v7 m0 of m0 + m1·chunk"
assert_near "$(coef v7 'memory = m0 + m1 · chunk' m1)" 0.01 0.000001 "v7 m1 of m0 + m1·chunk"
assert_line "$out" '^v9 memory = m0 \+ m1 · tile pixels +m0 = +17\.000 MB +m1 = +32 bytes\/px +R² = 1\.000 +tile capped at 131072 pixels' \
    "a cap on the tile's pixels (v7's 2 × 2 MiB buffers) is found"
assert_no_line "$out" '^v4 memory.*capped' "no cap where there is none"
r=$(r2 v4 'time   = t0 + t1 / chunk')
if awk -v r="$r" 'BEGIN { exit !(r < 0.999) }'; then pass "the wrong model does not fit exactly (R² $r)"
else fail "t0 + t1/chunk fits the tiles data too well (R² $r): the R² is not computed"; fi
if [ "$chart" -eq 1 ]; then
    if [ "$(head -c 4 "$BENCH_DIR/charts/sweep-chunk.png" 2>/dev/null | od -An -c | tr -d ' ')" = '211PNG' ]; then
        pass "the chart is a PNG"
    else fail "no PNG at $BENCH_DIR/charts/sweep-chunk.png"; fi
fi
printf '# size s height 960 width 1280\nv4 64 10 5\n' >"$TMP/one.tsv"
"$SRC/scripts/sweep-chunk" --from "$TMP/one.tsv" --no-chart >"$out" 2>&1
assert_no_line "$out" '^v4 time' "one point gives no fit"
finish
