# docs-common.gp — loaded by every docs-*.gp once it has set w, h (pixels) and fs (font
# size): the terminal, and one colour per size, the same in every chart (s blue, m orange,
# l green, xl red).  Set by the caller (scripts/docs-charts.sh): outfile, subtitle.
set terminal pngcairo size w, h enhanced font "DejaVu Sans,".fs
set output outfile
set datafile missing "NaN"
set grid ytics lc rgb "#dddddd"
scol(s) = (s eq "s") ? "#1f77b4" : (s eq "m") ? "#ff7f0e" : (s eq "l") ? "#2ca02c" : "#d62728"
