# rss.gp — resident memory over time, one panel per version, sampled every
# millisecond by ./main --rss-trace (the C counterpart of `mprof plot`).
# Called by scripts/charts with:
#   dir       folder holding <version>.dat ("time_ms rss_mb") and
#             <version>.regions.gp (set object/label lines shading the
#             warm-up and the timed run)
#   versions  the panels, e.g. 'v3' or 'floor v0 v1 … v7'
#   outfile, subtitle
n = words(versions)
cols = (n == 1) ? 1 : 3
rows = (n + cols - 1) / cols
set terminal pngcairo size (n == 1 ? 900 : 1350), (n == 1 ? 500 : 360 * rows + 60) enhanced font "DejaVu Sans,10"
set output outfile
set grid lc rgb "#dddddd"
# ymax (optional): one y scale for every panel, so that a small step looks small
if (exists("ymax")) { set yrange [0:ymax * 1.05] } else { set yrange [0:*] }
set key off
set multiplot layout rows, cols title "Resident memory over time (./main --rss-trace)\n{/*0.85 ".subtitle."}"
do for [i=1:n] {
    v = word(versions, i)
    unset object
    unset label
    load sprintf("%s/%s.regions.gp", dir, v)
    set title v
    set xlabel "time since start (ms)"
    set ylabel "RSS (MB)"
    plot sprintf("%s/%s.dat", dir, v) using 1:2 with steps lw 2 lc rgb "#1f77b4"
}
unset multiplot
