# memory.gp — the region's peak resident memory per version and size, log
# scale, with the floor's peak (the input array alone) marked.  Same datafile
# as time.gp; called by scripts/charts with datafile, outfile, sizes, subtitle.
set terminal pngcairo size 1100,650 enhanced font "DejaVu Sans,11"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%.0f"
set grid ytics mytics lc rgb "#dddddd"
if (!exists("nversions")) nversions = 8
set xrange [-0.5:nversions - 0.5]
set ylabel "peak resident memory of the region (MB, log scale)"
set xlabel "version"
set key outside right top spacing 1.2
set title "Peak memory per version and size (median)\n{/*0.8 ".subtitle."}"
colors = "#1f77b4 #ff7f0e #2ca02c #d62728"
plot for [i=1:words(sizes)] datafile index (i-1) using 1:6:xtic(2) with linespoints lw 2.5 pt 7 ps 1.2 \
         lc rgb word(colors, i) title "C, ".word(sizes, i), \
     for [i=1:words(sizes)] datafile index (i-1) using 1:7 with lines lw 1.5 dt 2 \
         lc rgb word(colors, i) title "input array (floor), ".word(sizes, i)
