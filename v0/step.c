/* v0 — Change: none, the naive start: CSV parsed value by value into nested allocations, a branchy loop.
 *
 * The four CSV files (one per class, one line per image row, values separated
 * by spaces) are read line by line with getline and parsed value by value with
 * strtod into nested heap allocations: per class an array of row pointers, per
 * row its own array of doubles, the C spelling of Python's list of lists.  The
 * colour coding is a branchy loop over pixels that gives every output pixel its
 * own three-byte allocation; only at the end is the result copied into the flat
 * image the harness expects.  All of it is correct and slow in an instructive
 * way: a profile shows strtod, malloc and free, hardly any arithmetic.
 *
 * CSV input is checked as it is read: a missing or empty file, a token that is
 * not a number, a row with a different number of values than the first, and
 * files of different shapes each give one message naming the file and line.
 * Lines may end in "\n" or "\r\n", the last one may lack its newline, and
 * strtod accepts nan, inf and -inf.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "step.h"

enum { CLASSES = 4, CHANNELS = 3 };

/* Class 0 blue, 1 green, 2 red, 3 cyan (docs/spec.md §2). */
static const uint8_t COLORS[CLASSES][CHANNELS] = {
    {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {0, 255, 255},
};

/* One class's probabilities: `height` rows, each its own array of `width` doubles. */
struct class_rows {
    size_t height;
    size_t width;
    double **rows;
};

/* The result before it is flattened: per row an array of pixel pointers,
 * every pixel a separate allocation of CHANNELS bytes. */
struct nested_image {
    size_t height;
    size_t width;
    uint8_t ***rows;
};

static void free_class_rows(struct class_rows *matrix)
{
    for (size_t y = 0; y < matrix->height; y++)
        free(matrix->rows[y]);
    free(matrix->rows);
    *matrix = (struct class_rows){0};
}

/* ---- reading one CSV file ------------------------------------------------ */

/* Quotes at most this many characters of a bad token in an error message. */
enum { TOKEN_QUOTE_MAX = 40 };

static int is_separator(char c)
{
    return c == ' ' || c == '\t';
}

/* Strips "\n" or "\r\n" (and a "\r" left on a last line without newline). */
static size_t strip_line_end(char *line, size_t length)
{
    if (length > 0 && line[length - 1] == '\n')
        line[--length] = '\0';
    if (length > 0 && line[length - 1] == '\r')
        line[--length] = '\0';
    return length;
}

static int append_value(double **values, size_t *count, size_t *capacity, double value)
{
    if (*count == *capacity) {
        size_t new_capacity = *capacity ? 2 * *capacity : 64;
        double *grown = realloc(*values, new_capacity * sizeof **values);
        if (!grown)
            return error_set("out of memory: cannot allocate %zu bytes for a row of %zu values",
                             new_capacity * sizeof **values, new_capacity);
        *values = grown;
        *capacity = new_capacity;
    }
    (*values)[(*count)++] = value;
    return 0;
}

static int bad_token_error(const char *path, size_t line_number, const char *line,
                           const char *token)
{
    size_t length = 0;
    while (token[length] != '\0' && !is_separator(token[length]))
        length++;
    int shown = length > TOKEN_QUOTE_MAX ? TOKEN_QUOTE_MAX : (int)length;
    return error_set("%s: line %zu, column %zu: expected a number, found \"%.*s\"%s", path,
                     line_number, (size_t)(token - line) + 1, shown, token,
                     length > TOKEN_QUOTE_MAX ? "..." : "");
}

/* Parses the values of one line into a new array (the caller frees it). */
static int parse_line(const char *path, size_t line_number, const char *line,
                      double **values_out, size_t *count_out)
{
    double *values = NULL;
    size_t count = 0, capacity = 0;
    const char *cursor = line;
    for (;;) {
        while (is_separator(*cursor))
            cursor++;
        if (*cursor == '\0')
            break;
        char *end;
        double value = strtod(cursor, &end);  /* out of range: ±inf or 0, as numpy */
        if (end == cursor || !(*end == '\0' || is_separator(*end))) {
            free(values);
            return bad_token_error(path, line_number, line, cursor);
        }
        if (append_value(&values, &count, &capacity, value) != 0) {
            free(values);
            return -1;
        }
        cursor = end;
    }
    *values_out = values;
    *count_out = count;
    return 0;
}

static int append_row(struct class_rows *matrix, size_t *capacity, double *row)
{
    if (matrix->height == *capacity) {
        size_t new_capacity = *capacity ? 2 * *capacity : 64;
        double **grown = realloc(matrix->rows, new_capacity * sizeof *grown);
        if (!grown)
            return error_set("out of memory: cannot allocate %zu bytes for %zu row pointers",
                             new_capacity * sizeof *grown, new_capacity);
        matrix->rows = grown;
        *capacity = new_capacity;
    }
    matrix->rows[matrix->height++] = row;
    return 0;
}

/* Reads the lines of an open CSV file, one row per line, all as wide as line 1. */
static int read_rows(const char *path, FILE *file, struct class_rows *matrix)
{
    char *line = NULL;
    size_t line_capacity = 0, row_capacity = 0;
    ssize_t length;
    int status = -1;
    while ((length = getline(&line, &line_capacity, file)) >= 0) {
        size_t line_number = matrix->height + 1;
        if (strlen(line) != (size_t)length) {
            error_set("%s: line %zu: contains a NUL byte, expected text", path, line_number);
            goto end;
        }
        strip_line_end(line, (size_t)length);
        double *row = NULL;
        size_t count = 0;
        if (parse_line(path, line_number, line, &row, &count) != 0)
            goto end;
        if (line_number == 1 && count == 0) {
            error_set("%s: line 1: expected values separated by spaces, found none", path);
            free(row);
            goto end;
        }
        if (line_number == 1)
            matrix->width = count;
        if (count != matrix->width) {
            error_set("%s: line %zu: expected %zu values like line 1, found %zu", path,
                      line_number, matrix->width, count);
            free(row);
            goto end;
        }
        if (append_row(matrix, &row_capacity, row) != 0) {
            free(row);
            goto end;
        }
    }
    if (ferror(file)) {
        error_set("%s: read failed after line %zu: %s", path, matrix->height, strerror(errno));
        goto end;
    }
    if (matrix->height == 0) {
        error_set("%s: empty file, expected one line of values per image row", path);
        goto end;
    }
    status = 0;
end:
    free(line);
    return status;
}

/* Reads data_dir/<class_index>.csv into `matrix`; on failure leaves it empty. */
static int read_class_csv(const char *data_dir, int class_index, struct class_rows *matrix)
{
    char path[4096];
    int written = snprintf(path, sizeof path, "%s/%d.csv", data_dir, class_index);
    if (written < 0 || (size_t)written >= sizeof path)
        return error_set("%s: folder name too long for a CSV path", data_dir);
    FILE *file = fopen(path, "r");
    if (!file)
        return error_set("%s: cannot open: %s", path, strerror(errno));
    *matrix = (struct class_rows){0};
    int status = read_rows(path, file, matrix);
    fclose(file);
    if (status != 0)
        free_class_rows(matrix);
    return status;
}

static int check_same_shape(const char *data_dir, int class_index,
                            const struct class_rows *matrix, const struct class_rows *first)
{
    if (matrix->height == first->height && matrix->width == first->width)
        return 0;
    return error_set("%s/%d.csv: expected %zu lines of %zu values like 0.csv, found %zu lines "
                     "of %zu",
                     data_dir, class_index, first->height, first->width, matrix->height,
                     matrix->width);
}

static int load_probabilities(const char *data_dir, struct class_rows classes[CLASSES])
{
    for (int c = 0; c < CLASSES; c++) {
        if (read_class_csv(data_dir, c, &classes[c]) != 0)
            return -1;
        if (check_same_shape(data_dir, c, &classes[c], &classes[0]) != 0)
            return -1;
    }
    return 0;
}

/* ---- the colour coding ---------------------------------------------------- */

/* docs/spec.md §2 for one pixel, with a branch wherever one comes to mind. */
static void colorcode_pixel(const double probabilities[CLASSES], uint8_t rgb[CHANNELS])
{
    double best = 0.0;
    int winner = 0;
    for (int c = 0; c < CLASSES; c++) {
        if (probabilities[c] > best) {  /* strict: ties keep the first; NaN never wins */
            best = probabilities[c];
            winner = c;
        }
    }
    for (int channel = 0; channel < CHANNELS; channel++) {
        double value = COLORS[winner][channel] * best;
        if (!(value > 0.0))
            rgb[channel] = 0;       /* also 0 × inf, which is NaN */
        else if (value >= 255.0)
            rgb[channel] = 255;     /* never convert an out-of-range double */
        else
            rgb[channel] = (uint8_t)value;
    }
}

static void free_nested_image(struct nested_image *image)
{
    if (image->rows) {
        for (size_t y = 0; y < image->height; y++) {
            if (!image->rows[y])
                continue;
            for (size_t x = 0; x < image->width; x++)
                free(image->rows[y][x]);
            free(image->rows[y]);
        }
    }
    free(image->rows);
    *image = (struct nested_image){0};
}

/* The naive loop: one pixel at a time, one allocation per pixel. */
static int colorcode_nested(const struct class_rows classes[CLASSES], struct nested_image *image)
{
    image->height = classes[0].height;
    image->width = classes[0].width;
    image->rows = calloc(image->height, sizeof *image->rows);
    if (!image->rows)
        return error_set("out of memory: cannot allocate %zu bytes for %zu output rows",
                         image->height * sizeof *image->rows, image->height);
    for (size_t y = 0; y < image->height; y++) {
        image->rows[y] = calloc(image->width, sizeof *image->rows[y]);
        if (!image->rows[y])
            return error_set("out of memory: cannot allocate %zu bytes for output row %zu",
                             image->width * sizeof *image->rows[y], y);
        for (size_t x = 0; x < image->width; x++) {
            double probabilities[CLASSES];
            for (int c = 0; c < CLASSES; c++)
                probabilities[c] = classes[c].rows[y][x];
            uint8_t *pixel = malloc(CHANNELS);
            if (!pixel)
                return error_set("out of memory: cannot allocate %d bytes for output "
                                 "pixel (%zu, %zu)", CHANNELS, y, x);
            colorcode_pixel(probabilities, pixel);
            image->rows[y][x] = pixel;
        }
    }
    return 0;
}

/* Copies the nested result into the flat image the harness expects. */
static int flatten(const struct nested_image *image, struct rgb_image *out)
{
    if (rgb_image_alloc(out, image->height, image->width) != 0)
        return -1;
    for (size_t y = 0; y < image->height; y++)
        for (size_t x = 0; x < image->width; x++)
            memcpy(out->pixels + (y * image->width + x) * CHANNELS, image->rows[y][x], CHANNELS);
    return 0;
}

int step_load_and_colorcode(const struct step_input *input, struct rgb_image *out)
{
    struct class_rows classes[CLASSES] = {0};
    struct nested_image image = {0};
    int status = -1;

    phase_begin(PHASE_LOAD);
    if (load_probabilities(input->data_dir, classes) != 0)
        goto end;
    phase_begin(PHASE_COMPUTE);

    if (colorcode_nested(classes, &image) != 0 || flatten(&image, out) != 0)
        goto end;
    status = 0;
end:
    free_nested_image(&image);
    for (int c = 0; c < CLASSES; c++)
        free_class_rows(&classes[c]);
    return status;
}
