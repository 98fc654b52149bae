# docs-python.gp — C against the Python original, one panel per size: the
# Python figures measured on this machine (docs/spec.md §7), the original README's on
# the speaker's laptop (docs/spec.md §6, another machine: for scale only), and ours
# from the record, each labelled with where it was measured; above each C
# point, how many times faster it is than Python on this machine.
# datafile: one block per size, rows "x step talk_ms python_ms c_ms".
# Set by the caller: outfile, subtitle, sizes.
load "docs-common.gp"
n = words(sizes)
cols = (n == 1) ? 1 : 2
rows = (n + cols - 1) / cols
set terminal pngcairo size (n == 1 ? 1000 : 1300), (n == 1 ? 560 : 430 * rows + 70) enhanced font "DejaVu Sans,10"
set output outfile
set datafile missing "NaN"
set logscale y
set format y "%g"
set grid ytics mytics lc rgb "#dddddd"
set key top right font ",9"
set multiplot layout rows, cols title "C against the Python original: time of load + colour-code (ms, log scale); under each C point, how many times faster it is than Python on this machine\n{/*0.85 ".subtitle."}"
do for [i=1:n] {
    s = word(sizes, i)
    set title "size ".s
    set ylabel "ms"
    set offsets 0.4, 0.4, 0, 0
    plot datafile index (i-1) using 1:3:xtic(2) with linespoints lw 1 dt 2 pt 4 lc rgb "#888888" \
             title "Python, the speaker's laptop (docs/spec.md §6, i7-7500U)", \
         '' index (i-1) using 1:4 with linespoints lw 1.5 dt 3 pt 6 ps 1.2 lc rgb "#ff7f0e" \
             title "Python, this machine (docs/spec.md §7)", \
         '' index (i-1) using 1:5 with linespoints lw 2.5 pt 7 ps 1.2 lc rgb scol(s) \
             title "C, this machine (the record)", \
         '' index (i-1) using 1:5:(sprintf($4 / $5 < 10 ? "%.1f×" : "%.0f×", $4 / $5)) with labels offset 0, -1.2 font ",9" notitle
}
unset multiplot
