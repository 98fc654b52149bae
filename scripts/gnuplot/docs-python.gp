# docs-python.gp — how many times faster each C step is than its Python counterpart, both
# measured in the same run: one line per size, the ratio written under each point of the
# largest (its line is the lowest: written above, the labels sat on the other lines).
# datafile: one block per size, rows "x step ratio ratio_label"; sizes.
n = words(sizes)
w = 1280; h = 720; fs = 20
load "docs-common.gp"
set title "C against the Python original, same machine, same run\n{/*0.6 ".subtitle."}"
set ylabel "C faster by (×, log scale)"
set logscale y
set format y "%g×"
set yrange [1:*]
set grid mytics
set offsets 0.3, 0.3, 0, 0
set key inside top right vertical font ",18" samplen 2
set lmargin 12
set style textbox opaque noborder margins 1, 1
plot for [i=1:n] datafile index (i-1) using 1:3:xtic(2) with linespoints lw 4 pt 7 ps 1.6 \
         lc rgb scol(word(sizes, i)) title "size ".word(sizes, i), \
     datafile index (n-1) using 1:3:4 with labels boxed \
         offset 0, -1.3 font ",17" textcolor rgb scol(word(sizes, n)) notitle
