# docs-ladder.gp — time (col=3) or the region's peak (col=5) per step, log scale, one line
# per size; the peak's chart adds the floor's, about the same at every size: one dashed line.
# datafile: one block per size, rows "x step c_ms python_ms peak_mb floor_ms floor_peak_mb";
# sizes ('s m l xl'), n (the number of steps), col.
w = 1100; h = 560; fs = 20
load "docs-common.gp"
set logscale y
set format y "%g"
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
