# docs-onethread.gp — "one core is all you need": each threaded step and the
# floor with one thread (dark) and with all threads (light), one panel per size.
# datafile: one block per size, rows "x step one_ms all_ms".
# Set by the caller: outfile, subtitle, sizes, threads.
load "docs-common.gp"
n = words(sizes)
set terminal pngcairo size 560 * n + 60, 520 enhanced font "DejaVu Sans,18"
set output outfile
set datafile missing "NaN"
set style fill solid 0.85 noborder
set boxwidth 0.36
set grid ytics lc rgb "#dddddd"
set yrange [0:*]
set key top left font ",16" samplen 1
set multiplot layout 1, n
do for [i=1:n] {
    s = word(sizes, i)
    set title "size ".s
    set ylabel "ms"
    set xrange [-0.6:*]
    plot datafile index (i-1) using ($1 - 0.19):3:xtic(2) with boxes lc rgb scol(s) title "1 thread", \
         '' index (i-1) using ($1 + 0.19):4 with boxes lc rgb "#bbbbbb" title sprintf("%d threads", threads), \
         '' index (i-1) using ($1 - 0.19):3:(sprintf($3 >= 100 ? "%.0f" : "%.3g", $3)) with labels offset 0, 0.7 font ",13" notitle, \
         '' index (i-1) using ($1 + 0.19):4:(sprintf($4 >= 100 ? "%.0f" : "%.3g", $4)) with labels offset 0, 0.7 font ",13" notitle
}
unset multiplot
