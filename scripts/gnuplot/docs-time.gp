# docs-time.gp — time per step and size, log scale, from one record (scripts/docs-charts.sh),
# sized for a projector: one line per size, nothing else (the slides say where the floor is).
# datafile: one block per size (two blank lines apart), rows
#   x step c_ms python_ms peak_mb floor_ms floor_peak_mb
# Set by the caller: outfile, subtitle (unused), sizes ('s m l xl'), n (the number of steps).
load "docs-common.gp"
set terminal pngcairo size 1100,560 enhanced font "DejaVu Sans,20"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%g"
set grid ytics lc rgb "#dddddd"
set xrange [-0.5:n - 0.5]
set ylabel "time of the region (ms)"
set key top right horizontal font ",20" samplen 2
plot for [i=1:words(sizes)] datafile index (i-1) using 1:3:xtic(2) with linespoints lw 3 pt 7 ps 1.4 \
         lc rgb scol(word(sizes, i)) title word(sizes, i)
