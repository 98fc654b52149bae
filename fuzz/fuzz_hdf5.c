/*
 * fuzz_hdf5.c — libFuzzer target for the HDF5 loader (built by scripts/fuzz).
 *
 * The input is data.hdf5 in a temporary folder.  The target opens and checks
 * "image" (hdf5_open_image, what --show uses) and "probabilities"
 * (hdf5_open_probabilities, what every HDF5 version uses), then runs the step
 * scripts/fuzz links it with: v1 for fuzz_hdf5, the lightest reader that reads
 * the data (one H5Dread of the whole map); v9 for fuzz_direct (pread at the
 * offset HDF5 gives, or its H5Dread fallback; built without OpenMP, so one
 * thread).  Checked as in fuzz_csv.c: -1 with one line of message, or an image
 * and no message.
 *
 * A file may declare a huge shape without storing it (an unallocated
 * dataset reads as fill values); such inputs stop after the checks when the
 * map would exceed FUZZ_MAX_MAP_BYTES (fuzz_data.h): reading gigabytes of fill
 * values is correct and tests nothing but the machine's memory.
 *
 * libhdf5 is Debian's, not instrumented: the fuzzer sees coverage of our code
 * only, and a crash inside HDF5 itself is HDF5's (see fuzz/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "fuzz_data.h"
#include "hdf5_input.h"
#include "step.h"

static char folder[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_make_folder(folder, sizeof folder, "hdf5");
    hdf5_input_quiet();
    return 0;
}

/* A failure is -1 with exactly one line of message; then the message is cleared. */
static void check_failure(int status)
{
    const char *message = error_message();
    if (status != -1 || !error_pending() || message[0] == '\0' || strchr(message, '\n'))
        abort();
    error_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_write_data(folder, FUZZ_HDF5, data, size) != 0) {
        perror("fuzz_hdf5: writing data.hdf5");
        abort();
    }
    error_clear();
    struct hdf5_input input;
    int status = hdf5_open_image(folder, &input);
    if (status == 0)
        hdf5_input_close(&input);
    else
        check_failure(status);

    status = hdf5_open_probabilities(folder, &input);
    if (status != 0) {
        check_failure(status);
        return 0;
    }
    size_t height = input.height, width = input.width;
    hdf5_input_close(&input);
    if (height > FUZZ_MAX_MAP_BYTES / 32 / width)
        return 0;

    struct step_input args = {folder, 16};
    struct rgb_image image = {0};
    status = step_load_and_colorcode(&args, &image);
    if (status == 0) {
        if (error_pending() || image.pixels == NULL || image.height != height ||
            image.width != width)
            abort();
    } else {
        check_failure(status);
    }
    rgb_image_free(&image);
    error_clear();
    return 0;
}
