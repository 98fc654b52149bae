# docs-step.gp — one step against its parent(s) at every measured size: time (left) and the
# region's peak (right), bars on log scales; the step (red) labelled with its figures, to
# three digits (a label wider than its bar ran into the next group's).
# datafile: one block per version (parents first), rows "x size ms peak_mb ms_label mb_label";
# versions, sizes.
n = words(versions)
w = 1100; h = 440; fs = 20
load "docs-common.gp"
set logscale y
set format y "10^{%L}"
set xrange [-0.5:words(sizes) - 0.5]
set offsets 0, 0, graph 0.25, 0
set key top left font ",18" samplen 1
set style fill solid 0.9 noborder
bw = 0.8 / n
set boxwidth bw * 0.95
off(i) = (i - (n + 1) / 2.0) * bw
# at most three significant digits, no exponent: 3319.96 → 3320, 92.71 → 92.7
short(v) = v >= 100 ? sprintf("%.0f", v) : v >= 10 ? sprintf("%.1f", v) : sprintf("%.2f", v)
pcol(i) = (i == n) ? "#d62728" : (i == 1 ? "#666666" : "#aaaaaa")
set multiplot layout 1, 2
set title "time (ms)"
plot datafile index 0 using 1:(NaN):xtic(2) notitle, \
     for [i=1:n] datafile index (i-1) using ($1 + off(i)):3 with boxes lc rgb pcol(i) title word(versions, i), \
     datafile index (n-1) using ($1 + off(n)):3:(short($3)) with labels offset 0, 0.7 font ",15" notitle
set title "peak memory (MB)"
plot datafile index 0 using 1:(NaN):xtic(2) notitle, \
     for [i=1:n] datafile index (i-1) using ($1 + off(i)):4 with boxes lc rgb pcol(i) notitle, \
     datafile index (n-1) using ($1 + off(n)):4:(short($4)) with labels offset 0, 0.7 font ",15" notitle
unset multiplot
