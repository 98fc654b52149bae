/*
 * agree.h — every rank agrees on failure before anyone leaves.
 *
 * A rank that fails alone and exits leaves the others waiting in the next
 * collective call for ever, and MPI_Abort prints a banner over the one line
 * that says what went wrong.  So at each point where a rank may have failed,
 * all ranks call agree() with their own status: it returns -1 on every rank
 * when any rank failed, and moves the first failing rank's message (error.h)
 * to rank 0, which alone prints it.  Every rank then returns -1 the ordinary
 * way, finalizes MPI and exits non-zero.
 */
#ifndef POR_MPI_AGREE_H
#define POR_MPI_AGREE_H

#include <mpi.h>

/* Collective over `comm`.  status: 0 or -1 (this rank's); returns 0 when every
 * rank passed 0, else -1 everywhere, with the message on rank 0. */
int agree(MPI_Comm comm, int status);

#endif
