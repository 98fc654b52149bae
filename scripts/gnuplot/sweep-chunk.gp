# sweep-chunk.gp — time and peak memory of the tiled versions against the
# chunk size, measured points and the least-squares fits of scripts/sweep-chunk:
# solid, the tile-shaped models (t0 + t1·tiles + t2·tile pixels, m0 + m1·tile pixels); dashed,
# the issue's models (t0 + t1/chunk, m0 + m1·chunk).
# Called with: points, outfile, versions ('v4 v7'), H, W, size, and for each
# version v the coefficients v_ta v_tb v_na v_nb v_ma v_mb v_pa v_pb v_ba v_bb v_bc v_cap (a cap on a tile's pixels, 1e300 for none).
set terminal pngcairo size 1300,700 enhanced font "DejaVu Sans,11"
set output outfile
set datafile commentschars "#"
set logscale x 2
set xrange [48:5500]
set grid lc rgb "#dddddd"
set key outside bottom center horizontal maxcols 2 font ",10"
set samples 400
set bmargin 10
min(a, b) = a < b ? a : b
ceil_(x) = ceil(x)
# A tile's pixels and the number of tiles under a cap P on a tile's pixels.
area_(c, P) = min(min(c, H) * min(c, W), P)
tiles_(c, P) = (min(c, H) * min(c, W) <= P) ? ceil_(H / c) * ceil_(W / c) : ceil_(H * W / P)
c(name) = value(name)
colors = "#1f77b4 #d62728 #2ca02c #ff7f0e"
n = words(versions)
set multiplot layout 1, 2 title sprintf("Chunk size trade-off at %s (%d × %d pixels), medians of 3", size, H, W)
set title "time of load + colour-code"
set xlabel "chunk size (tile edge, pixels)"
set ylabel "ms"
set logscale y
plot for [i=1:n] points using 2:(strcol(1) eq word(versions, i) ? $3 : NaN) with points pt 7 ps 1.3 \
         lc rgb word(colors, i) title word(versions, i), \
     for [i=1:n] c(word(versions, i)."_ba") + c(word(versions, i)."_bb") * tiles_(x, c(word(versions, i)."_cap")) + c(word(versions, i)."_bc") * area_(x, c(word(versions, i)."_cap")) \
         with lines lw 2 lc rgb word(colors, i) title word(versions, i)." t0 + t1·tiles + t2·tile pixels", \
     for [i=1:n] c(word(versions, i)."_ta") + c(word(versions, i)."_tb") / x with lines lw 1 dt 2 \
         lc rgb word(colors, i) title word(versions, i)." t0 + t1/chunk"
unset logscale y
set title "peak memory of the region"
set ylabel "MB"
set logscale y
plot for [i=1:n] points using 2:(strcol(1) eq word(versions, i) ? $4 : NaN) with points pt 7 ps 1.3 \
         lc rgb word(colors, i) title word(versions, i), \
     for [i=1:n] c(word(versions, i)."_pa") + c(word(versions, i)."_pb") * area_(x, c(word(versions, i)."_cap")) with lines lw 2 \
         lc rgb word(colors, i) title word(versions, i)." m0 + m1·tile pixels", \
     for [i=1:n] c(word(versions, i)."_ma") + c(word(versions, i)."_mb") * x with lines lw 1 dt 2 \
         lc rgb word(colors, i) title word(versions, i)." m0 + m1·chunk"
unset multiplot
