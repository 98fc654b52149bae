/*
 * fuzz_csv.c — libFuzzer target for v0's CSV parser (built by scripts/fuzz).
 *
 * The parser is static inside v0/step.c and stays so (it is the lesson), so the
 * target goes through v0's one entry point: the input becomes 0.csv … 3.csv in
 * a temporary folder (split at form feeds, see fuzz_data.h) and
 * step_load_and_colorcode() reads and colour-codes them.  Besides the sanitizers
 * (address, undefined) the target checks the contract of error.h: a failure
 * leaves exactly one pending message, a success none, and an image of the
 * shape that was read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "fuzz_data.h"
#include "step.h"

static char folder[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_make_folder(folder, sizeof folder, "csv");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_write_data(folder, FUZZ_CSV, data, size) != 0) {
        perror("fuzz_csv: writing the CSV files");
        abort();
    }
    struct step_input args = {folder, 1024};
    struct rgb_image image = {0};
    error_clear();
    int status = step_load_and_colorcode(&args, &image);
    if (status == 0) {
        if (error_pending() || image.pixels == NULL || image.height == 0 || image.width == 0)
            abort();    /* success must mean an image and no message */
    } else {
        const char *message = error_message();
        if (status != -1 || !error_pending() || message[0] == '\0' || strchr(message, '\n'))
            abort();    /* failure must mean -1 and one line of message */
    }
    rgb_image_free(&image);
    error_clear();
    return 0;
}
