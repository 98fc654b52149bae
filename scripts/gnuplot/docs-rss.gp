# docs-rss.gp — resident memory over time, one panel per step, every panel on
# ONE y scale (0 … ymax), so that a step that holds little looks small next to
# one that holds much; each panel keeps its own time axis.  Grey: the warm-up
# run; green: the timed run.
# Set by the caller: dir (holding rss-<step>.dat "ms mb" and rss-<step>.gp, the
# shading), versions, ymax, size, outfile, subtitle.
n = words(versions)
cols = (n <= 3) ? n : (n <= 8 ? 4 : 4)
rows = (n + cols - 1) / cols
set terminal pngcairo size 330 * cols + 20, 240 * rows + 20 enhanced font "DejaVu Sans,18"
set output outfile
set grid lc rgb "#dddddd"
set yrange [0:ymax * 1.08]
set key off
# about two tics per axis, on a round step (1, 2 or 5 times a power of ten)
roundstep(raw) = (10 ** floor(log10(raw))) * (raw / 10 ** floor(log10(raw)) < 1.5 ? 1 : \
    raw / 10 ** floor(log10(raw)) < 3.5 ? 2 : raw / 10 ** floor(log10(raw)) < 7.5 ? 5 : 10)
set ytics roundstep(ymax / 2.5)
# no overall title: the documents say what the chart is (process RSS in MB against ms, size and record)
set multiplot layout rows, cols
do for [i=1:n] {
    v = word(versions, i)
    f = sprintf("%s/rss-%s.dat", dir, v)
    unset object
    unset label
    load sprintf("%s/rss-%s.gp", dir, v)
    stats f using 1:2 nooutput
    ypeak = STATS_max_y
    set xtics roundstep(STATS_max_x / 1.8)
    # the peak in the title, above the plot: no curve runs through it
    set title sprintf("%s: peak %.0f MB", v, ypeak) font ",18"
    plot f using 1:2 with filledcurves y1=0 fs transparent solid 0.3 lc rgb "#1f77b4", \
         f using 1:2 with lines lw 1.5 lc rgb "#1f77b4"
}
unset multiplot
