# docs-memory.gp — the region's peak per step and size, log scale; the same
# datafile as docs-time.gp.  Set by the caller: outfile, subtitle, sizes, n.
load "docs-common.gp"
set terminal pngcairo size 1100,620 enhanced font "DejaVu Sans,11"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%g"
set grid ytics mytics lc rgb "#dddddd"
set xrange [-0.5:n - 0.5]
set ylabel "peak resident memory of the region (MB, log scale)"
set xlabel "step"
set key outside right top spacing 1.2
set title "Peak memory per step and size (median of the runs)\n{/*0.8 ".subtitle."}"
plot for [i=1:words(sizes)] datafile index (i-1) using 1:5:xtic(2) with linespoints lw 2.5 pt 7 ps 1.2 \
         lc rgb scol(word(sizes, i)) title "C, ".word(sizes, i), \
     for [i=1:words(sizes)] datafile index (i-1) using 1:7 with lines lw 1.5 dt 2 \
         lc rgb scol(word(sizes, i)) title "floor's peak, ".word(sizes, i)
