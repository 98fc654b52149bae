/*
 * preview.h — preview.png: the base image beside its colour-coded segmentation
 * (the docs/spec.md §2 kernel, so it shows exactly what the versions will compute).
 *
 * Every size's preview shows one base tile (960 × 1280): the larger sizes are
 * that tile repeated, and an xl-sized PNG would take longer to compress than
 * all the data files take to write.  So all previews of a run are the same
 * file: it is compressed once (about 0.4 s) and copied for the other sizes.
 */
#ifndef GEN_PREVIEW_H
#define GEN_PREVIEW_H

#include <stddef.h>
#include <stdint.h>

struct preview {
    size_t height, width;
    const uint8_t *image;      /* borrowed: height × width × 3 */
    uint8_t *segmentation;     /* owned: height × width × 3 */
    char written[4096];        /* a complete copy on disk, or "" */
};

/* Colour-codes probabilities (height × width × 4) with reference_colorcode(). */
int preview_prepare(struct preview *preview, const uint8_t *image, const double *probabilities,
                    size_t height, size_t width);

/* Writes the PNG to path: a copy of preview->written if there is one, else encoded. */
int preview_write(const struct preview *preview, const char *path);

/* Records that path now holds a complete preview, for later preview_write calls. */
void preview_remember(struct preview *preview, const char *path);

void preview_free(struct preview *preview);

#endif
