# docs-step.gp — one step against its parent(s) at every measured size: time
# (left) and the region's peak (right), bars on log scales; the step (red) is
# labelled with its figure, its parents (grey) are not.  Sized for a projector.
# datafile: one block per version (parents first, the step last), rows
#   x size ms peak_mb
# Set by the caller: outfile, subtitle (unused: the documents name the record), versions, sizes.
n = words(versions)
step = word(versions, n)
set terminal pngcairo size 1100, 440 enhanced font "DejaVu Sans,20"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "10^{%L}"
set grid ytics lc rgb "#dddddd"
set xrange [-0.5:words(sizes) - 0.5]
set offsets 0, 0, graph 0.2, 0
set key top left font ",18" samplen 1
set style fill solid 0.9 noborder
w = 0.8 / n
set boxwidth w * 0.95
off(i) = (i - (n + 1) / 2.0) * w
pcol(i) = (i == n) ? "#d62728" : (i == 1 ? "#666666" : "#aaaaaa")
# the figures rounded as the tables round them: ms with 2 decimals below 10, 1 below 100; MB with 2
ms(v) = sprintf(v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v)
mb(v) = sprintf("%.2f", v)
set multiplot layout 1, 2
set title "time (ms)"
plot datafile index 0 using 1:(NaN):xtic(2) notitle, \
     for [i=1:n] datafile index (i-1) using ($1 + off(i)):3 with boxes lc rgb pcol(i) title word(versions, i), \
     datafile index (n-1) using ($1 + off(n)):3:(ms($3)) with labels offset 0, 0.7 font ",16" notitle
set title "peak memory (MB)"
plot datafile index 0 using 1:(NaN):xtic(2) notitle, \
     for [i=1:n] datafile index (i-1) using ($1 + off(i)):4 with boxes lc rgb pcol(i) notitle, \
     datafile index (n-1) using ($1 + off(n)):4:(mb($4)) with labels offset 0, 0.7 font ",16" notitle
unset multiplot
