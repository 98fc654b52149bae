/* fuzz_data.c — one fuzzer input as a data folder (see fuzz_data.h). */
#include "fuzz_data.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int write_file(const char *dir, const char *name, const uint8_t *data, size_t size)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return -1;
    FILE *file = fopen(path, "wb");
    if (!file)
        return -1;
    size_t written = size ? fwrite(data, 1, size, file) : 0;
    int closed = fclose(file);
    return written == size && closed == 0 ? 0 : -1;
}

static int write_csv(const char *dir, const uint8_t *data, size_t size)
{
    const uint8_t *part = data;
    size_t left = size, length = size;
    for (int c = 0; c < 4; c++) {
        const uint8_t *feed = c < 3 ? memchr(part, '\f', left) : NULL;
        length = feed ? (size_t)(feed - part) : left;
        char name[8];
        snprintf(name, sizeof name, "%d.csv", c);
        if (write_file(dir, name, part, length) != 0)
            return -1;
        if (feed) {     /* the next file starts after the form feed */
            part = feed + 1;
            left -= length + 1;
        }               /* else: the next files repeat this part */
    }
    return 0;
}

int fuzz_write_data(const char *dir, enum fuzz_kind kind, const uint8_t *data, size_t size)
{
    if (kind == FUZZ_CSV)
        return write_csv(dir, data, size);
    return write_file(dir, "data.hdf5", data, size);
}

void fuzz_remove_data(const char *dir)
{
    static const char *const names[] = {"0.csv", "1.csv", "2.csv", "3.csv", "data.hdf5",
                                        "pred.png", "side.png"};
    char path[4096];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

static const char *folder_to_remove;

static void remove_folder_at_exit(void)
{
    fuzz_remove_data(folder_to_remove);
}

void fuzz_make_folder(char *folder, size_t size, const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(folder, size, "%s/fuzz-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    if (!mkdtemp(folder)) {
        fprintf(stderr, "fuzz_%s: mkdtemp %s: %s\n", name, folder, strerror(errno));
        abort();
    }
    folder_to_remove = folder;
    atexit(remove_folder_at_exit);
}
