# time.gp — time per version and size, log scale, with the floor and the
# Python original on this machine for comparison.  Called by scripts/charts:
#   gnuplot -e "datafile='…'; outfile='…'; sizes='s m'; subtitle='…'" time.gp
#   (nversions: how many versions the x axis holds, from ./main list)
# datafile: one block per size (blocks separated by two blank lines), rows
#   x version c_ms floor_ms python_ms peak_mb floor_peak_mb
set terminal pngcairo size 1100,650 enhanced font "DejaVu Sans,11"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%.0f"
set grid ytics mytics lc rgb "#dddddd"
if (!exists("nversions")) nversions = 8
set xrange [-0.5:nversions - 0.5]
set ylabel "time of load + colour-code (ms, log scale)"
set xlabel "version"
set key outside right top spacing 1.2
set title "Time per version and size (median)\n{/*0.8 ".subtitle."}"
colors = "#1f77b4 #ff7f0e #2ca02c #d62728"
plot for [i=1:words(sizes)] datafile index (i-1) using 1:3:xtic(2) with linespoints lw 2.5 pt 7 ps 1.2 \
         lc rgb word(colors, i) title "C, ".word(sizes, i), \
     for [i=1:words(sizes)] datafile index (i-1) using 1:5 with linespoints lw 1 dt 3 pt 6 \
         lc rgb word(colors, i) title "Python original, ".word(sizes, i), \
     for [i=1:words(sizes)] datafile index (i-1) using 1:4 with lines lw 1.5 dt 2 \
         lc rgb word(colors, i) title "floor (read only), ".word(sizes, i)
