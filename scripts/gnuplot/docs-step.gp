# docs-step.gp — one step against its parent(s) at every measured size: time
# (left) and the region's peak (right), log scales.  The step is the bold line.
# datafile: one block per version (parents first, the step last), rows
#   x size ms peak_mb
# Set by the caller: outfile, subtitle, versions ('v3 v4'), sizes.
n = words(versions)
step = word(versions, n)
set terminal pngcairo size 1000, 380 enhanced font "DejaVu Sans,10"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%g"
set grid ytics mytics lc rgb "#dddddd"
set xrange [-0.3:words(sizes) - 0.7]
set key top left font ",9"
pcol(i) = (i == n) ? "#d62728" : (i == 1 ? "#555555" : "#999999")
set multiplot layout 1, 2 title step." against ".(n == 2 ? word(versions, 1) : word(versions, 1)." and ".word(versions, 2))." at every measured size\n{/*0.85 ".subtitle."}"
set title "time of load + colour-code (ms, log scale)"
plot for [i=1:n-1] datafile index (i-1) using 1:3:xtic(2) with linespoints lw 1.5 dt 2 pt 7 ps 1.1 \
         lc rgb pcol(i) title word(versions, i), \
     datafile index (n-1) using 1:3:xtic(2) with linespoints lw 3 pt 7 ps 1.3 lc rgb pcol(n) title step
set title "peak resident memory of the region (MB, log scale)"
plot for [i=1:n-1] datafile index (i-1) using 1:4:xtic(2) with linespoints lw 1.5 dt 2 pt 7 ps 1.1 \
         lc rgb pcol(i) title word(versions, i), \
     datafile index (n-1) using 1:4:xtic(2) with linespoints lw 3 pt 7 ps 1.3 lc rgb pcol(n) title step
unset multiplot
