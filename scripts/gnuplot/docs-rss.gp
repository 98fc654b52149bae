# docs-rss.gp — resident memory over time, one panel per step, all on ONE y scale (0 … ymax)
# so a step that holds little looks small beside one that holds much; each keeps its own
# time axis.  Grey: the warm-up run; green: the timed run.  No title: the documents say it.
# dir holds rss-<step>.dat ("ms mb") and rss-<step>.gp (the shading); versions, ymax, size.
n = words(versions)
cols = (n <= 3) ? n : 4
rows = (n + cols - 1) / cols
w = 330 * cols + 20; h = 240 * rows + 20; fs = 18
load "docs-common.gp"
set grid xtics
set xrange [0:*]
set autoscale xfixmax   # the run fills the panel: no empty tail up to the next tic
set yrange [0:ymax * 1.08]
set key off
# about two tics per axis, on a round step (1, 2 or 5 times a power of ten)
roundstep(raw) = (10 ** floor(log10(raw))) * (raw / 10 ** floor(log10(raw)) < 1.5 ? 1 : \
    raw / 10 ** floor(log10(raw)) < 3.5 ? 2 : raw / 10 ** floor(log10(raw)) < 7.5 ? 5 : 10)
set ytics roundstep(ymax / 2.5)
set multiplot layout rows, cols
do for [i=1:n] {
    v = word(versions, i)
    f = sprintf("%s/rss-%s.dat", dir, v)
    unset object
    unset label
    load sprintf("%s/rss-%s.gp", dir, v)
    stats f using 1:2 nooutput
    set xtics roundstep(STATS_max_x / 1.5)
    # the peak in the title, above the plot: no curve runs through it
    set title sprintf("%s: peak %.0f MB", v, STATS_max_y) font ",18"
    plot f using 1:2 with filledcurves y1=0 fs transparent solid 0.3 lc rgb "#1f77b4", \
         f using 1:2 with lines lw 1.5 lc rgb "#1f77b4"
}
unset multiplot
