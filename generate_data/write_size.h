/*
 * write_size.h — one size directory, OUT/<size>, written from the base arrays
 * that main computed once: data.hdf5, 0.csv … 3.csv, preview.png.
 */
#ifndef GEN_WRITE_SIZE_H
#define GEN_WRITE_SIZE_H

#include "csv.h"
#include "options.h"
#include "preview.h"
#include "segment.h"

/* What every size is made from. */
struct gen_base {
    struct segmentation segmentation;
    struct csv_text csv[SYNTH_CLASSES];
    struct preview preview;
    int with_csv;
};

/* Whether OUT/<size> gets the CSVs: unless --no-csv or the size is HDF5 only. */
int write_size_with_csv(const struct gen_base *base, const struct data_size *size);

/* Writes OUT/<size> through a temporary directory (outdir.h); lists the files
 * in the summary.  -1 with an error, and no OUT/<size> change, on failure. */
int write_size(struct gen_base *base, const struct data_size *size, const char *out);

#endif
