# sweep-chunk.gp — the chunk-size models of scripts/sweep-chunk, fitted by gnuplot
# (stats for the lines, fit for the three-coefficient model) and drawn.
# Called with: points (rows "version chunk time_ms peak_mb"), H, W, and either
#   fitversion='v4': print that version's fits; its last line, "coef: …",
#     holds the coefficients as gnuplot assignments for the chart; or
#   outfile, versions ('v4 v7'), size and every version's coefficients: the chart.
# Solid, the tile-shaped models (t0 + t1·tiles + t2·tile pixels, m0 + m1·tile
# pixels); dashed, the simple ones (t0 + t1/chunk, m0 + m1·chunk).
min(a, b) = a < b ? a : b
# A tile's pixels and the number of tiles for chunk c under a cap P on a tile's
# pixels (v7 caps its buffers; 1e300: no cap).  Real division: ceil(960/128) is 8.
area_(c, P) = min(min(c, H) * min(c, W), P)
tiles_(c, P) = (min(c, H) * min(c, W) <= P) ? ceil(1.0 * H / c) * ceil(1.0 * W / c) : ceil(1.0 * H * W / P)
mine(x) = strcol(1) eq fitversion ? x : NaN

if (exists("fitversion")) {
    set print "-"
    v = fitversion
    # line FILTERED_X COLUMN: a least-squares line by stats; r2 = correlation²
    stats points using (mine(1.0 / $2)):3 nooutput
    if (STATS_records < 2) { exit }
    ta = STATS_intercept; tb = STATS_slope; tr = STATS_correlation**2
    stats points using (mine($2)):4 nooutput
    ma = STATS_intercept; mb = STATS_slope; mr = STATS_correlation**2
    # the cap on a tile's pixels that best explains the peaks (2^10 … 2^26), if any
    cap = 1e300
    stats points using (mine(area_($2, cap))):4 nooutput
    best = STATS_correlation**2
    do for [k = 10:26] {
        stats points using (mine(area_($2, 2**k))):4 nooutput
        if (STATS_correlation**2 > best + 0.001) { cap = 2**k; best = STATS_correlation**2 }
    }
    stats points using (mine(area_($2, cap))):4 nooutput
    pa = STATS_intercept; pb = STATS_slope; pr = STATS_correlation**2
    stats points using (mine(tiles_($2, cap))):3 nooutput
    na = STATS_intercept; nb = STATS_slope; nr = STATS_correlation**2
    print sprintf("%s time   = t0 + t1 / chunk         t0 = %9.3f ms   t1 = %12.4g ms·px       R² = %.3f", v, ta, tb, tr)
    print sprintf("%s time   = t0 + t1 · tiles         t0 = %9.3f ms   t1 = %12.4g ms/tile     R² = %.3f", v, na, nb, nr)
    print sprintf("%s memory = m0 + m1 · chunk         m0 = %9.3f MB   m1 = %12.4g MB/px       R² = %.3f", v, ma, mb, mr)
    print sprintf("%s memory = m0 + m1 · tile pixels   m0 = %9.3f MB   m1 = %12.4g bytes/px    R² = %.3f", v, pa, pb * 1e6, pr) \
          .(cap < 1e300 ? sprintf("   tile capped at %d pixels (%.1f MB)", cap, cap * pb) : "")
    coef = sprintf("%s_ta=%.10g; %s_tb=%.10g; %s_ma=%.10g; %s_mb=%.10g; %s_pa=%.10g; %s_pb=%.10g; %s_cap=%g; ", \
                   v, ta, v, tb, v, ma, v, mb, v, pa, v, pb, v, cap)
    # t0 + t1·tiles + t2·tile pixels: needs 3 points; the last line of this run
    # (gnuplot stops here on a singular fit, and the chart draws no such curve)
    print "coef: ".coef.v."_ba=NaN; ".v."_bb=0; ".v."_bc=0"
    if (STATS_records < 3) { exit }
    stats points using (mine($3)) nooutput
    sst = STATS_stddev**2 * STATS_records
    set fit quiet errorvariables
    set fit logfile "/dev/null"
    ba = 1; bb = 1; bc = 1e-6   # gnuplot needs non-zero starting values
    fit ba + bb * x + bc * y points using (mine(tiles_($2, cap))):(area_($2, cap)):3:(1) via ba, bb, bc
    # the best power of two within the measured chunks (beyond them the model is a guess)
    stats points using (mine($2)) nooutput
    bestc = 0; bt = 1e300
    do for [k = 5:13] {
        c = 2**k; t = ba + bb * tiles_(c, cap) + bc * area_(c, cap)
        if (c >= STATS_min && c <= STATS_max && t < bt) { bestc = c; bt = t }
    }
    print sprintf("%s time   = t0 + t1 · tiles + t2 · tile pixels   t0 = %.3f ms   t1 = %.4g ms/tile   t2 = %.4g ns/px   R² = %.3f   best power-of-two chunk %d (%.1f ms)", \
                  v, ba, bb, bc * 1e6, (sst > 0 ? 1 - FIT_WSSR / sst : 1), bestc, bt)
    print sprintf("coef: %s%s_ba=%.10g; %s_bb=%.10g; %s_bc=%.10g", coef, v, ba, v, bb, v, bc)
    exit
}

set terminal pngcairo size 1300,700 enhanced font "DejaVu Sans,15"
set output outfile
set logscale x 2
set xrange [48:5500]
set grid lc rgb "#dddddd"
set samples 400
set key box opaque samplen 2 spacing 1.1
# V(i, k): coefficient k of the i-th version, as the fit runs assigned it (v4_ta, …)
V(i, k) = value(word(versions, i)."_".k)
vt(i) = word(versions, i)
colors = "#1f77b4 #d62728 #2ca02c #ff7f0e"
n = words(versions)
# the key names the versions; the subtitle, which model each line is
set multiplot layout 1, 2 title sprintf("Chunk size trade-off at %s (%d × %d pixels): points, medians of 3;\n" \
    ."solid, the tile model (t0 + t1·tiles + t2·tile pixels; m0 + m1·tile pixels); dashed, the simple one (t0 + t1/chunk; m0 + m1·chunk)", \
    size, H, W) font ",13"
set title "time of load + colour-code"
set xlabel "chunk size (tile edge, pixels)"
set ylabel "ms"
set logscale y
set key top right
plot for [i=1:n] points using 2:(strcol(1) eq vt(i) ? $3 : NaN) with points pt 7 ps 1.5 lc rgb word(colors, i) title vt(i), \
     for [i=1:n] V(i, "ba") + V(i, "bb") * tiles_(x, V(i, "cap")) + V(i, "bc") * area_(x, V(i, "cap")) \
         with lines lw 2 lc rgb word(colors, i) notitle, \
     for [i=1:n] V(i, "ta") + V(i, "tb") / x with lines lw 1 dt 2 lc rgb word(colors, i) notitle
set title "peak memory of the region"
set ylabel "MB"
set key top left
plot for [i=1:n] points using 2:(strcol(1) eq vt(i) ? $4 : NaN) with points pt 7 ps 1.5 lc rgb word(colors, i) title vt(i), \
     for [i=1:n] V(i, "pa") + V(i, "pb") * area_(x, V(i, "cap")) with lines lw 2 lc rgb word(colors, i) notitle, \
     for [i=1:n] V(i, "ma") + V(i, "mb") * x with lines lw 1 dt 2 lc rgb word(colors, i) notitle
unset multiplot
