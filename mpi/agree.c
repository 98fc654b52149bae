/* agree.c — failure agreed by all ranks, its message on rank 0 (see agree.h). */
#include "agree.h"

#include <stdio.h>

#include "error.h"

enum { MESSAGE_BYTES = 1024, MESSAGE_TAG = 14 };

int agree(MPI_Comm comm, int status)
{
    int rank = 0, size = 1;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    int mine = status < 0 ? rank : size, first = size;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm);
    if (first == size)
        return 0;
    if (first != 0 && rank == first) {
        char message[MESSAGE_BYTES];
        snprintf(message, sizeof message, "%s", error_message());
        MPI_Send(message, MESSAGE_BYTES, MPI_CHAR, 0, MESSAGE_TAG, comm);
    } else if (first != 0 && rank == 0) {
        char message[MESSAGE_BYTES];
        MPI_Recv(message, MESSAGE_BYTES, MPI_CHAR, first, MESSAGE_TAG, comm, MPI_STATUS_IGNORE);
        message[MESSAGE_BYTES - 1] = '\0';
        error_clear();
        error_set("rank %d: %s", first, message[0] ? message : "failed (no message)");
    }
    return -1;
}
