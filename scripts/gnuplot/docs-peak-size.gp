# docs-peak-size.gp — each step's peak against the image's size, both on log scales: the
# bounded steps stay flat, the whole-image ones rise until the machine's memory (the grey
# line) ends them; a refused step's dashed segment runs to the hollow point of what it needs.
# datafile (tab-separated): block 0 the ticks "pixels name megapixels", then one block per
# step "pixels mb", then if refused > 0 the refusals "x0 y0 x1 y1 style" and their labels
# "x y text"; versions, styles ("w2": the second whole-image step; b bounded, f a floor),
# mem_gib (0: unknown, no line).
w = 1280; h = 720; fs = 20
load "docs-common.gp"
set datafile separator "\t"
set title "peak memory against image size\n{/*0.6 ".subtitle."}"
set logscale xy
set format y "%g"
set xlabel "pixels in the image (log scale)" offset 0, -0.8
set ylabel "peak of the region (MB, log scale)"
set grid xtics
set key outside right top vertical reverse Left font ",17" samplen 2.5 spacing 1.1
# the sizes span the x axis with a margin; room above the highest point for its label
stats datafile index 0 using 1 nooutput
set xrange [STATS_min / 1.6:STATS_max * 1.6]
set autoscale yfix
set offsets 0, 0, graph 0.16, graph 0.05
# warm colours rise with the image, cool ones stay flat; the floors grey
warm = "#d62728 #ff7f0e #8c564b #e377c2 #9467bd #bcbd22"
cool = "#1f77b4 #17becf #2ca02c #006d2c"
g(s) = s[1:1]
k(s) = int(s[2:])
scolour(s) = g(s) eq "w" ? word(warm, (k(s) - 1) % 6 + 1) : g(s) eq "b" ? word(cool, (k(s) - 1) % 4 + 1) : \
    (k(s) == 1 ? "#555555" : "#999999")
scolnum(s) = int("0x" . scolour(s)[2:])   # for "lc rgb variable"
spt(s) = g(s) eq "w" ? 7 : g(s) eq "b" ? 5 : 9
sdt(s) = g(s) eq "f" ? 2 : 1
n = words(versions)
mem_mb = mem_gib * 2**30 / 1e6
if (mem_gib > 0) {
    set arrow 1 from graph 0, first mem_mb to graph 1, first mem_mb nohead lw 3 lc rgb "#888888" back
    set label 1 sprintf("this machine's memory: %g GiB (%.1f GB)", mem_gib, mem_mb / 1e3) at graph 0.02, \
        first mem_mb offset 0, 0.8 font ",17" textcolor rgb "#555555"
}
# the key in three groups, each under its heading: ng whole-image steps, nb bounded, the floors
ng = 0; nb = 0
do for [i=1:n] { ng = ng + (g(word(styles, i)) eq "w"); nb = nb + (g(word(styles, i)) eq "b") }
# one step's line (a macro: the three groups' loops share it)
STEP = "datafile index i using 1:2 with linespoints lw 3 pt spt(word(styles, i)) ps 1.4 dt sdt(word(styles, i)) \
    lc rgb scolour(word(styles, i)) title word(versions, i)"
HEAD = "keyentry with lines lc rgb 'white' title"
plot datafile index 0 using 1:(NaN):xtic(sprintf("%s\n{/*0.7 %s}", strcol(2), strcol(3))) notitle, \
     for [j=1:(ng > 0)] @HEAD "{/:Bold whole image}", for [i=1:ng] @STEP, \
     for [j=1:(nb > 0)] @HEAD "{/:Bold bounded}", for [i=ng+1:ng+nb] @STEP, \
     for [j=1:(n > ng + nb)] @HEAD "{/:Bold floors}", for [i=ng+nb+1:n] @STEP, \
     for [j=1:(refused > 0)] datafile index (n + 1) using 1:2:($3 - $1):($4 - $2):(scolnum(strcol(5))) \
         with vectors nohead dt 2 lw 2 lc rgb variable notitle, \
     for [j=1:(refused > 0)] datafile index (n + 1) using 3:4:(scolnum(strcol(5))) \
         with points pt 6 ps 2 lw 2 lc rgb variable notitle, \
     for [j=1:(refused > 0)] datafile index (n + 2) using 1:2:3 with labels right offset 1.5, 1.3 font ",17" notitle
