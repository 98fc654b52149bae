# docs-ladder.gp — time (col=3) or the region's peak (col=5) per step and size, log scale,
# sized for a projector: one line per size; the peak's chart adds the floor's, about the
# same at every size: one dashed line (the smallest size's).
# datafile: one block per size (two blank lines apart), rows
#   x step c_ms python_ms peak_mb floor_ms floor_peak_mb
# Set by the caller: outfile, subtitle (unused), sizes ('s m l xl'), n (the number of steps), col.
load "docs-common.gp"
set terminal pngcairo size 1100,560 enhanced font "DejaVu Sans,20"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%g"
set grid ytics lc rgb "#dddddd"
set xrange [-0.5:n - 0.5]
set ylabel (col == 3 ? "time of the region (ms)" : "peak of the region (MB)")
set key top right horizontal font ",20" samplen 2
if (col == 3) {
    plot for [i=1:words(sizes)] datafile index (i-1) using 1:3:xtic(2) with linespoints lw 3 pt 7 ps 1.4 \
             lc rgb scol(word(sizes, i)) title word(sizes, i)
} else {
    plot for [i=1:words(sizes)] datafile index (i-1) using 1:5:xtic(2) with linespoints lw 3 pt 7 ps 1.4 \
             lc rgb scol(word(sizes, i)) title word(sizes, i), \
         datafile index 0 using 1:7 with lines lw 2 dt 2 lc rgb "#555555" title "floor"
}
