# docs-rss.gp — resident memory over time, one panel per step, every panel on
# ONE y scale (0 … ymax), so that a step that holds little looks small next to
# one that holds much; each panel keeps its own time axis.  Grey: the warm-up
# run; green: the timed run.
# Set by the caller: dir (holding rss-<step>.dat "ms mb" and rss-<step>.gp, the
# shading), versions, ymax, size, outfile, subtitle.
n = words(versions)
cols = (n <= 3) ? n : (n <= 8 ? 4 : 4)
rows = (n + cols - 1) / cols
set terminal pngcairo size 300 * cols + 20, 200 * rows + 90 enhanced font "DejaVu Sans,11"
set output outfile
set grid lc rgb "#dddddd"
set yrange [0:ymax * 1.08]
set key off
set multiplot layout rows, cols title "Resident memory (MB) over time (ms) at size ".size.", ./main STEP --rss-trace: one scale for every panel\n{/*0.9 ".subtitle."}"
do for [i=1:n] {
    v = word(versions, i)
    f = sprintf("%s/rss-%s.dat", dir, v)
    unset object
    unset label
    load sprintf("%s/rss-%s.gp", dir, v)
    stats f using 1:2 nooutput
    ypeak = STATS_max_y
    # about four x tics, on a round step (1, 2 or 5 times a power of ten)
    raw = STATS_max_x / 4.0
    mag = 10 ** floor(log10(raw))
    xstep = mag * (raw / mag < 1.5 ? 1 : raw / mag < 3.5 ? 2 : raw / mag < 7.5 ? 5 : 10)
    set xtics xstep
    set label 99 sprintf("peak %.0f MB", ypeak) at graph 0.97, graph 0.88 right font ",11"
    set title v font ",13"
    plot f using 1:2 with filledcurves y1=0 fs transparent solid 0.3 lc rgb "#1f77b4", \
         f using 1:2 with lines lw 1.5 lc rgb "#1f77b4"
}
unset multiplot
