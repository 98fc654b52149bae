# docs-preview.gp — infile, data/s/preview.png (generate_data's input image beside its
# colour-coded segmentation), scaled to 40 % for the documents, into outfile.
set terminal pngcairo size 1030, 384
set output outfile
unset border; unset tics; unset key
set margins 0, 0, 0, 0
plot infile binary filetype=png with rgbimage
