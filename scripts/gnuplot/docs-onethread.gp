# docs-onethread.gp — "one core is all you need": each threaded step and the floor with one
# thread (coloured, labelled) and with all threads (grey), one panel per size.
# datafile: one block per size, rows "x step one_ms all_ms one_label all_label"; sizes, threads.
n = words(sizes)
w = 640 * n + 60; h = 560; fs = 18
load "docs-common.gp"
set style fill solid 0.85 noborder
set boxwidth 0.36
# room above the tallest bar for its label, the key above the plot (inside, it hid bars)
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set key outside top center horizontal font ",16" samplen 1
set xtics font ",14"
set multiplot layout 1, n
do for [i=1:n] {
    s = word(sizes, i)
    set title "size ".s
    set ylabel "ms"
    set xrange [-0.6:*]
    plot datafile index (i-1) using ($1 - 0.19):3:xtic(2) with boxes lc rgb scol(s) title "1 thread", \
         '' index (i-1) using ($1 + 0.19):4 with boxes lc rgb "#bbbbbb" title sprintf("%d threads", threads), \
         '' index (i-1) using ($1 - 0.19):3:5 with labels offset -0.3, 0.7 font ",13" notitle
}
unset multiplot
