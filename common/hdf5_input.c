/*
 * hdf5_input.c — open data.hdf5, find a dataset and check it is what docs/spec.md §3
 * says before any version reads a byte of it.  Every check names the file, the
 * dataset, what was expected and what was found, because a learner pointing
 * ./main at the wrong folder deserves better than HDF5's error stack.
 */
#include "hdf5_input.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"

/* In a thread-safe HDF5 (ours is) the error stack, and so this setting, is
 * per thread: a thread other than main's that calls HDF5 must call this too. */
void hdf5_input_quiet(void)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

static int open_file(const char *data_dir, struct hdf5_input *input)
{
    struct stat info;
    if (stat(data_dir, &info) != 0)
        return error_set("%s: data directory not found: %s (generate it with "
                         "build/generate_data/generate_data)", data_dir, strerror(errno));
    if (!S_ISDIR(info.st_mode))
        return error_set("%s: not a directory", data_dir);
    int length = snprintf(input->path, sizeof input->path, "%s/data.hdf5", data_dir);
    if (length < 0 || (size_t)length >= sizeof input->path)
        return error_set("%s: path too long", data_dir);
    if (stat(input->path, &info) != 0)
        return error_set("%s: cannot open: %s", input->path, strerror(errno));
    if (H5Fis_hdf5(input->path) <= 0)
        return error_set("%s: not an HDF5 file", input->path);
    /* No sieve buffer: it exists to merge small scattered reads, but a hyperslab
     * tile of a contiguous dataset is rows of whole kilobytes, which it only
     * copies once more (v4 on size m, medians of 5: 105 ms with it, 84 ms without). */
    hid_t access = H5Pcreate(H5P_FILE_ACCESS);
    if (access < 0 || H5Pset_sieve_buf_size(access, 0) < 0) {
        if (access >= 0)
            H5Pclose(access);
        return error_set("%s: HDF5 cannot make a file-access property list (out of memory?)",
                         input->path);
    }
    input->file = H5Fopen(input->path, H5F_ACC_RDONLY, access);
    H5Pclose(access);
    if (input->file < 0)
        return error_set("%s: cannot open as HDF5 (truncated or damaged?)", input->path);
    return 0;
}

static int open_dataset(struct hdf5_input *input, const char *name)
{
    input->name = name;
    if (H5Lexists(input->file, name, H5P_DEFAULT) <= 0)
        return error_set("%s: dataset \"%s\" not found", input->path, name);
    input->dataset = H5Dopen2(input->file, name, H5P_DEFAULT);
    if (input->dataset < 0)
        return error_set("%s: \"%s\" cannot be opened as a dataset", input->path, name);
    return 0;
}

static const char *class_name(H5T_class_t type_class)
{
    switch (type_class) {
    case H5T_INTEGER: return "integer";
    case H5T_FLOAT: return "float";
    case H5T_STRING: return "string";
    case H5T_COMPOUND: return "compound";
    case H5T_ARRAY: return "array";
    default: return "non-numeric";
    }
}

/* want_float: IEEE float of any width; otherwise unsigned 8-bit integer. */
static int check_type(const struct hdf5_input *input, int want_float)
{
    hid_t type = H5Dget_type(input->dataset);
    if (type < 0)
        return error_set("%s: dataset \"%s\": unreadable type", input->path, input->name);
    H5T_class_t type_class = H5Tget_class(type);
    size_t size = H5Tget_size(type);
    int is_unsigned = type_class == H5T_INTEGER && H5Tget_sign(type) == H5T_SGN_NONE;
    H5Tclose(type);
    if (type_class == H5T_NO_CLASS || size == 0)
        return error_set("%s: dataset \"%s\": unreadable type", input->path, input->name);
    if (want_float && type_class != H5T_FLOAT)
        return error_set("%s: dataset \"%s\": expected float64 values, found %s (%zu bytes)",
                         input->path, input->name, class_name(type_class), size);
    if (!want_float && !(is_unsigned && size == 1))
        return error_set("%s: dataset \"%s\": expected uint8 values, found %s%s (%zu bytes)",
                         input->path, input->name, type_class == H5T_INTEGER && !is_unsigned
                         ? "signed " : "", class_name(type_class), size);
    return 0;
}

static int check_shape(struct hdf5_input *input, size_t depth, const char *shape)
{
    hid_t space = H5Dget_space(input->dataset);
    int rank = space < 0 ? -1 : H5Sget_simple_extent_ndims(space);
    hsize_t dims[3] = {0, 0, 0};
    if (rank == 3 && H5Sget_simple_extent_dims(space, dims, NULL) != 3)
        rank = -1;  /* an unreadable extent: reported as no shape at all */
    if (space >= 0)
        H5Sclose(space);
    if (rank != 3)
        return error_set("%s: dataset \"%s\": expected 3 dimensions %s, found %d",
                         input->path, input->name, shape, rank);
    if (dims[2] != depth)
        return error_set("%s: dataset \"%s\": expected shape %s, found (%llu, %llu, %llu)",
                         input->path, input->name, shape, (unsigned long long)dims[0],
                         (unsigned long long)dims[1], (unsigned long long)dims[2]);
    if (dims[0] == 0 || dims[1] == 0)
        return error_set("%s: dataset \"%s\": empty image, shape (%llu, %llu, %llu)",
                         input->path, input->name, (unsigned long long)dims[0],
                         (unsigned long long)dims[1], (unsigned long long)dims[2]);
    /* Every version reads the whole map as doubles (8 bytes) or the image as
     * bytes: a declared shape whose byte count overflows size_t (possible for a
     * chunked dataset, which stores nothing until written) stops here. */
    size_t element = depth == 4 ? sizeof(double) : 1, bytes;
    if (dims[0] > SIZE_MAX || dims[1] > SIZE_MAX ||
        __builtin_mul_overflow((size_t)dims[0], (size_t)dims[1], &bytes) ||
        __builtin_mul_overflow(bytes, depth * element, &bytes))
        return error_set("%s: dataset \"%s\": shape (%llu, %llu, %llu) needs %.3g bytes as %s, "
                         "more than size_t holds (%zu)", input->path, input->name,
                         (unsigned long long)dims[0], (unsigned long long)dims[1],
                         (unsigned long long)dims[2],
                         (double)dims[0] * (double)dims[1] * (double)(depth * element),
                         depth == 4 ? "float64" : "uint8", (size_t)SIZE_MAX);
    input->height = dims[0];
    input->width = dims[1];
    input->depth = depth;
    return 0;
}

/* libhdf5 1.10.8 trusts the byte count its chunk index records for each chunk:
 * an unfiltered chunk recorded with fewer bytes than a chunk holds makes
 * H5Dread copy past the end of libhdf5's own buffer (a heap overread; found by
 * fuzz/fuzz_hdf5, the input is in fuzz/regressions/hdf5/).  An unfiltered
 * chunk always holds exactly its full size, so the sizes are checked before any
 * read: chunk by chunk when there are at most CHUNKS_CHECKED_ONE_BY_ONE (each
 * H5Dget_chunk_info walks the index), else as a total.  Our own files are
 * contiguous (docs/spec.md §3) and skip all of this. */
enum { CHUNKS_CHECKED_ONE_BY_ONE = 1024 };

static int damaged_chunk(const struct hdf5_input *input, hsize_t found, hsize_t expected,
                         const char *what)
{
    return error_set("%s: dataset \"%s\": %s holds %llu bytes, expected %llu (file damaged?)",
                     input->path, input->name, what, (unsigned long long)found,
                     (unsigned long long)expected);
}

static int check_chunk_sizes(const struct hdf5_input *input, hid_t space, hsize_t chunk_bytes)
{
    hsize_t count = 0;
    if (H5Dget_num_chunks(input->dataset, space, &count) < 0)
        return error_set("%s: dataset \"%s\": unreadable chunk index (file damaged?)",
                         input->path, input->name);
    if (count > CHUNKS_CHECKED_ONE_BY_ONE) {
        hsize_t total = H5Dget_storage_size(input->dataset);
        if (total / count != chunk_bytes || total % count != 0)
            return damaged_chunk(input, total, count * chunk_bytes, "the chunk data");
        return 0;
    }
    for (hsize_t i = 0; i < count; i++) {
        hsize_t size = 0;
        if (H5Dget_chunk_info(input->dataset, space, i, NULL, NULL, NULL, &size) < 0 ||
            size != chunk_bytes)
            return damaged_chunk(input, size, chunk_bytes, "a chunk");
    }
    return 0;
}

/* Contiguous and compact data are stored whole: exactly H × W × depth elements
 * of the file's type.  libhdf5 1.10.8 does not check that against the bytes
 * the file records, and reads past its own buffer when they disagree (a
 * 65,527-byte "float" over 128 stored bytes; a compact dataset with no data;
 * found by fuzz/fuzz_hdf5).  Contiguous data may also be unwritten (0 bytes
 * stored, read as fill values). */
static int check_whole_storage(const struct hdf5_input *input, H5D_layout_t layout,
                               hid_t space, size_t element)
{
    hssize_t points = H5Sget_simple_extent_npoints(space);
    hsize_t expected = 0, stored = H5Dget_storage_size(input->dataset);
    if (points < 0 || __builtin_mul_overflow((hsize_t)points, (hsize_t)element, &expected))
        return error_set("%s: dataset \"%s\": unreadable size (file damaged?)", input->path,
                         input->name);
    if (stored == expected || (layout == H5D_CONTIGUOUS && stored == 0))
        return 0;
    return error_set("%s: dataset \"%s\": stores %llu bytes, expected %llu (%lld values of "
                     "%zu bytes; file damaged?)", input->path, input->name,
                     (unsigned long long)stored, (unsigned long long)expected,
                     (long long)points, element);
}

static int check_storage(const struct hdf5_input *input)
{
    hid_t create = H5Dget_create_plist(input->dataset);
    hid_t type = H5Dget_type(input->dataset), space = H5Dget_space(input->dataset);
    size_t element = type < 0 ? 0 : H5Tget_size(type);
    H5D_layout_t layout = create < 0 ? H5D_LAYOUT_ERROR : H5Pget_layout(create);
    hsize_t chunk[3] = {0, 0, 0}, chunk_bytes = 0;
    int status = 0;
    if (create < 0 || space < 0 || element == 0 || layout == H5D_LAYOUT_ERROR)
        status = error_set("%s: dataset \"%s\": unreadable storage properties (file damaged?)",
                           input->path, input->name);
    else if (layout == H5D_CONTIGUOUS || layout == H5D_COMPACT)
        status = check_whole_storage(input, layout, space, element);
    else if (layout == H5D_CHUNKED && H5Pget_nfilters(create) == 0) {
        if (H5Pget_chunk(create, 3, chunk) != 3 ||
            __builtin_mul_overflow(chunk[0], chunk[1], &chunk_bytes) ||
            __builtin_mul_overflow(chunk_bytes, chunk[2], &chunk_bytes) ||
            __builtin_mul_overflow(chunk_bytes, (hsize_t)element, &chunk_bytes))
            status = error_set("%s: dataset \"%s\": unreadable chunk layout (file damaged?)",
                               input->path, input->name);
        else
            status = check_chunk_sizes(input, space, chunk_bytes);
    }
    if (type >= 0)
        H5Tclose(type);
    if (space >= 0)
        H5Sclose(space);
    if (create >= 0)
        H5Pclose(create);
    return status;
}

static int open_checked(const char *data_dir, const char *name, int want_float, size_t depth,
                        const char *shape, struct hdf5_input *input)
{
    memset(input, 0, sizeof *input);
    input->file = input->dataset = H5I_INVALID_HID;
    input->name = name;
    if (open_file(data_dir, input) < 0 || open_dataset(input, name) < 0 ||
        check_shape(input, depth, shape) < 0 || check_type(input, want_float) < 0 ||
        check_storage(input) < 0) {
        hdf5_input_close(input);
        return -1;
    }
    return 0;
}

int hdf5_open_probabilities(const char *data_dir, struct hdf5_input *input)
{
    return open_checked(data_dir, "probabilities", 1, 4, "(H, W, 4)", input);
}

int hdf5_open_image(const char *data_dir, struct hdf5_input *input)
{
    return open_checked(data_dir, "image", 0, 3, "(H, W, 3)", input);
}

int hdf5_read_error(const struct hdf5_input *input)
{
    return error_set("%s: dataset \"%s\": read failed (file truncated or damaged?)",
                     input->path, input->name);
}

void hdf5_input_close(struct hdf5_input *input)
{
    if (input->dataset > 0)
        H5Dclose(input->dataset);
    if (input->file > 0)
        H5Fclose(input->file);
    input->dataset = input->file = H5I_INVALID_HID;
}

/* ---- reading the bytes directly (v9, the floor) ---------------------------- */

/* hdf5_input_direct(), saying in `found` what stands in the way when it returns 0. */
static int direct_check(const struct hdf5_input *input, off_t *offset, char *found,
                        size_t found_size)
{
    hid_t create = H5Dget_create_plist(input->dataset), type = H5Dget_type(input->dataset);
    H5D_layout_t layout = create < 0 ? H5D_LAYOUT_ERROR : H5Pget_layout(create);
    int filters = create < 0 ? -1 : H5Pget_nfilters(create);
    int external = create < 0 ? -1 : H5Pget_external_count(create);
    int little_double = type >= 0 && H5Tequal(type, H5T_IEEE_F64LE) > 0 &&
                        H5Tequal(type, H5T_NATIVE_DOUBLE) > 0;
    size_t type_size = type < 0 ? 0 : H5Tget_size(type);
    H5T_order_t order = type < 0 ? H5T_ORDER_ERROR : H5Tget_order(type);
    haddr_t address = H5Dget_offset(input->dataset);
    hsize_t stored = H5Dget_storage_size(input->dataset);
    if (type >= 0)
        H5Tclose(type);
    if (create >= 0)
        H5Pclose(create);
    size_t bytes = input->height * input->width * input->depth * sizeof(double);

    if (layout != H5D_CONTIGUOUS)
        snprintf(found, found_size, "%s layout", layout == H5D_CHUNKED ? "chunked"
                 : layout == H5D_COMPACT ? "compact" : layout == H5D_VIRTUAL ? "virtual"
                 : "an unreadable");
    else if (filters != 0)
        snprintf(found, found_size, "%d filter%s", filters, filters == 1 ? "" : "s");
    else if (external != 0)
        snprintf(found, found_size, "its values in %d external file%s", external,
                 external == 1 ? "" : "s");
    else if (!little_double)
        snprintf(found, found_size, "float%zu, %s", type_size * 8,
                 order == H5T_ORDER_BE ? "big-endian" : order == H5T_ORDER_LE ? "little-endian"
                 : "of another byte order");
    else if (address == HADDR_UNDEF)
        snprintf(found, found_size, "no values stored (never written)");
    else if (stored != bytes)
        snprintf(found, found_size, "%llu bytes stored, not %zu", (unsigned long long)stored,
                 bytes);
    else if (address > (haddr_t)INT64_MAX - bytes)
        snprintf(found, found_size, "an offset of %llu bytes", (unsigned long long)address);
    else {
        *offset = (off_t)address;
        return 1;
    }
    return 0;
}

int hdf5_input_direct(const struct hdf5_input *input, off_t *offset)
{
    char found[128];
    return direct_check(input, offset, found, sizeof found);
}

int hdf5_input_direct_error(const struct hdf5_input *input)
{
    char found[128] = "";
    off_t offset;
    int direct = direct_check(input, &offset, found, sizeof found);
    assert(!direct);  /* only for a dataset hdf5_input_direct() refused */
    (void)direct;
    return error_set("%s: dataset \"%s\": cannot be read directly: expected contiguous, "
                     "unfiltered little-endian float64 stored in this file, found %s",
                     input->path, input->name, found);
}
