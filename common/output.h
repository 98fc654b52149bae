/*
 * output.h — the pictures ./main writes: --out (exactly the computed image) and
 * --show (the input image beside the prediction, as the original's --show plot).
 */
#ifndef POR_OUTPUT_H
#define POR_OUTPUT_H

#include "image.h"

int output_prediction(const char *path, const struct rgb_image *prediction);
int output_side_by_side(const char *path, const char *data_dir,
                        const struct rgb_image *prediction);

#endif
