/*
 * output.h — the pictures ./main writes: --out (exactly the computed image) and
 * --show (the input image beside the prediction, as the original's --show plot).
 */
#ifndef POR_OUTPUT_H
#define POR_OUTPUT_H

#include "image.h"

/* Fails early, before a long run, when `path` cannot be created: its folder is
 * missing or not writable, or `path` is a folder.  The write itself still
 * checks everything; this only spares a teacher minutes of v0 on xl. */
int output_check_writable(const char *path);

/* --out from a whole image: with --show, when the step kept its image; otherwise
 * the row sink (row_sink.h) writes --out as the rows come. */
int output_prediction(const char *path, const struct rgb_image *prediction);
int output_side_by_side(const char *path, const char *data_dir,
                        const struct rgb_image *prediction);

#endif
