# docs-python.gp — how many times faster each C step is than its Python
# counterpart, both measured in the same run on the record's machine: one line
# per size, the ratio written at every point of the largest size.
# datafile: one block per size, rows "x step ratio".  Set by the caller:
# outfile, subtitle, sizes.
load "docs-common.gp"
n = words(sizes)
set terminal pngcairo size 1280, 720 enhanced font "DejaVu Sans,20"
set output outfile
set title "C against the Python original, same machine, same run\n{/*0.6 ".subtitle."}"
set ylabel "C faster by (×, log scale)"
set logscale y
set format y "%g×"
set yrange [1:*]
set grid ytics mytics lc rgb "#dddddd"
set offsets 0.3, 0.3, 0, 0
set key outside bottom center horizontal font ",18" width 2
set lmargin 12
set style textbox opaque noborder margins 1, 1
plot for [i=1:n] datafile index (i-1) using 1:3:xtic(2) with linespoints lw 4 pt 7 ps 1.6 \
         lc rgb scol(word(sizes, i)) title "size ".word(sizes, i), \
     datafile index (n-1) using 1:3:(sprintf($3 < 10 ? "%.1f×" : "%.0f×", $3)) with labels boxed \
         offset 0, 1.3 font ",17" textcolor rgb scol(word(sizes, n)) notitle
