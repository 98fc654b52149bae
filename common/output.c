/* output.c — --out and --show (see output.h). */
#include "output.h"

#include <errno.h>
#include <hdf5.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bigalloc.h"
#include "checked.h"
#include "error.h"
#include "hdf5_input.h"
#include "png_write.h"

int output_prediction(const char *path, const struct rgb_image *prediction)
{
    return png_write_rgb(path, prediction->pixels, prediction->height, prediction->width);
}

int output_side_by_side(const char *path, const char *data_dir,
                        const struct rgb_image *prediction)
{
    struct hdf5_input input;
    if (hdf5_open_image(data_dir, &input) < 0)
        return -1;
    uint8_t *image = NULL;
    size_t bytes = 0;
    int status = -1;
    if (input.height != prediction->height || input.width != prediction->width) {
        error_set("%s: dataset \"image\" is %zu × %zu but \"probabilities\" is %zu × %zu: "
                  "cannot show them side by side", input.path, input.height, input.width,
                  prediction->height, prediction->width);
        goto end;
    }
    if (checked_size3(input.height, input.width, 3, input.path, &bytes) < 0)
        goto end;
    image = big_alloc_array(bytes, 1, "the input image");
    if (image == NULL)
        goto end;
    if (H5Dread(input.dataset, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, image) < 0) {
        hdf5_read_error(&input);
        goto end;
    }
    status = png_write_side_by_side(path, image, prediction->pixels, input.height, input.width);
end:
    big_free(image);
    hdf5_input_close(&input);
    return status;
}

int output_check_writable(const char *path)
{
    struct stat info;
    if (stat(path, &info) == 0 && S_ISDIR(info.st_mode))
        return error_set("%s: cannot write: Is a directory", path);
    char folder[4096];
    const char *slash = strrchr(path, '/');
    int length = slash ? (int)(slash - path) : 1;
    snprintf(folder, sizeof folder, "%.*s", length == 0 ? 1 : length, slash ? path : ".");
    if (access(folder, W_OK) != 0)
        return error_set("%s: cannot write: %s", path, strerror(errno));
    return 0;
}
