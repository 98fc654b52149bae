# docs-memory.gp — the region's peak per step and size, log scale; the same
# datafile as docs-time.gp, sized for a projector.  The floor's peak is about
# the same at every size: one dashed line (the smallest size's).
# Set by the caller: outfile, subtitle (unused), sizes, n.
load "docs-common.gp"
set terminal pngcairo size 1100,560 enhanced font "DejaVu Sans,20"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%g"
set grid ytics lc rgb "#dddddd"
set xrange [-0.5:n - 0.5]
set ylabel "peak of the region (MB)"
set key top right horizontal font ",20" samplen 2
plot for [i=1:words(sizes)] datafile index (i-1) using 1:5:xtic(2) with linespoints lw 3 pt 7 ps 1.4 \
         lc rgb scol(word(sizes, i)) title word(sizes, i), \
     datafile index 0 using 1:7 with lines lw 2 dt 2 lc rgb "#555555" title "floor"
