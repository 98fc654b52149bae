/*
 * bands.h — main-mpi's step: every rank reads its own row bands of
 * "probabilities" through parallel HDF5, colour-codes them with the ladder's
 * kernel, and rank 0 assembles the image.
 *
 * The entry point has the ladder's signature (step.h), so common/harness.c
 * measures it on each rank exactly as it measures a step of ./main.  What a
 * step of ./main does not have — the communicator, the transfer mode, the band
 * height — is set once with bands_configure().
 */
#ifndef POR_MPI_BANDS_H
#define POR_MPI_BANDS_H

#include <mpi.h>
#include <stdbool.h>
#include <stddef.h>

#include "step.h"

struct bands_config {
    MPI_Comm comm;
    bool collective;    /* H5FD_MPIO_COLLECTIVE transfers, else H5FD_MPIO_INDEPENDENT */
    size_t band_rows;   /* rows per read; 0: as many as fill about BAND_BYTES */
};

/* Probabilities per band when band_rows is 0: 2 MiB, v8's tile, which stays in
 * the cache between the read and the kernel. */
enum { BAND_BYTES = 2 << 20 };

void bands_configure(const struct bands_config *config);

/* The step.  Collective: every rank of the communicator calls it, and every
 * rank returns the same status (agree.h); on rank 0 *out is the whole image,
 * on the other ranks it is empty. */
step_fn bands_load_and_colorcode;

/* What the last call did on this rank, for the report. */
struct bands_stats {
    size_t first_row, rows;   /* this rank's share of the image */
    size_t band_rows;         /* rows per read */
    size_t reads;             /* H5Dread calls this rank made */
    double assemble_ms;       /* wall time of the gather (rank 0: receiving everything) */
    const char *io_mode;      /* what HDF5 says it did: H5Pget_mpio_actual_io_mode */
};
struct bands_stats bands_last_stats(void);

#endif
