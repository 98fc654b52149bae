# docs-time.gp — time per step and size, log scale, from one record (scripts/docs-charts.sh).
# datafile: one block per size (two blank lines apart), rows
#   x step c_ms python_ms peak_mb floor_ms floor_peak_mb
# Set by the caller: outfile, subtitle, sizes ('s m l xl'), n (the number of steps).
load "docs-common.gp"
set terminal pngcairo size 1100,620 enhanced font "DejaVu Sans,11"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%g"
set grid ytics mytics lc rgb "#dddddd"
set xrange [-0.5:n - 0.5]
set ylabel "time of load + colour-code (ms, log scale)"
set xlabel "step"
set key outside right top spacing 1.2
set title "Time per step and size (median of the runs)\n{/*0.8 ".subtitle."}"
plot for [i=1:words(sizes)] datafile index (i-1) using 1:3:xtic(2) with linespoints lw 2.5 pt 7 ps 1.2 \
         lc rgb scol(word(sizes, i)) title "C, ".word(sizes, i), \
     for [i=1:words(sizes)] datafile index (i-1) using 1:4 with linespoints lw 1 dt 3 pt 6 \
         lc rgb scol(word(sizes, i)) title "Python original, this machine, ".word(sizes, i), \
     for [i=1:words(sizes)] datafile index (i-1) using 1:6 with lines lw 1.5 dt 2 \
         lc rgb scol(word(sizes, i)) title "floor (only reading), ".word(sizes, i)
