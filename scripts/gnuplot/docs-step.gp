# docs-step.gp — one step against its parent(s) at every measured size: time
# (left) and the region's peak (right), bars on log scales, each labelled with
# its figure.  The step is the red bar, its parents grey.
# datafile: one block per version (parents first, the step last), rows
#   x size ms peak_mb
# Set by the caller: outfile, subtitle, versions ('v3 v4'), sizes.
n = words(versions)
step = word(versions, n)
set terminal pngcairo size 900, 310 enhanced font "DejaVu Sans,12"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%g"
set grid ytics lc rgb "#dddddd"
set xrange [-0.5:words(sizes) - 0.5]
set offsets 0, 0, graph 0.15, 0
set key top left font ",11"
set style fill solid 0.9 noborder
w = 0.8 / n
set boxwidth w * 0.95
off(i) = (i - (n + 1) / 2.0) * w
pcol(i) = (i == n) ? "#d62728" : (i == 1 ? "#666666" : "#aaaaaa")
set multiplot layout 1, 2 title step." against ".(n == 2 ? word(versions, 1) : word(versions, 1)." and ".word(versions, 2))." at every measured size\n{/*0.85 ".subtitle."}"
set title "time of load + colour-code (ms, log scale)"
plot datafile index 0 using 1:(NaN):xtic(2) notitle, \
     for [i=1:n] datafile index (i-1) using ($1 + off(i)):3 with boxes lc rgb pcol(i) title word(versions, i), \
     for [i=1:n] datafile index (i-1) using ($1 + off(i)):3:(sprintf($3 >= 100 ? "%.0f" : "%.3g", $3)) with labels offset 0, 0.6 font ",9" notitle
set title "peak resident memory of the region (MB, log scale)"
plot datafile index 0 using 1:(NaN):xtic(2) notitle, \
     for [i=1:n] datafile index (i-1) using ($1 + off(i)):4 with boxes lc rgb pcol(i) title word(versions, i), \
     for [i=1:n] datafile index (i-1) using ($1 + off(i)):4:(sprintf($4 >= 100 ? "%.0f" : "%.3g", $4)) with labels offset 0, 0.6 font ",9" notitle
unset multiplot
