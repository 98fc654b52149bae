/*
 * kernel.c — reuse, not a copy: v6's kernel compiled from v6's own file.
 *
 * v6/step.c keeps its kernel, colorcode(), static, as every step keeps its
 * lesson in one self-contained file.  Copying its 150 lines here would make a
 * second kernel that drifts from the one the ladder measures and `main verify`
 * checks; including the file compiles the very same text into this translation
 * unit, where the static function can be called.  v6's entry point comes along
 * under another name (the macro below) and is never called: main-mpi reads its
 * input its own way (bands.c).
 */
#define step_load_and_colorcode mpi_unused_v6_load_and_colorcode
#include "../v6/step.c"
#undef step_load_and_colorcode

#include "kernel.h"

void kernel_colorcode(const double *probabilities, size_t height, size_t width, uint8_t *rgb)
{
    colorcode(probabilities, height, width, rgb);
}
