# docs-preview.gp — data/s/preview.png (written by generate_data: the input
# image beside its colour-coded segmentation), scaled to 40 % for the documents.
# Set by the caller: infile, outfile (subtitle and colors are ignored).
set terminal pngcairo size 1030, 384
set output outfile
unset border
unset tics
unset key
set lmargin 0
set rmargin 0
set tmargin 0
set bmargin 0
plot infile binary filetype=png with rgbimage
