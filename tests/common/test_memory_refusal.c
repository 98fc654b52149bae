/*
 * test_memory_refusal.c — Check test of big_alloc's refusal (bigalloc.c,
 * memory_available.c): under an address-space limit 256 MiB above what is
 * mapped, the memory available says so, and the third of three untouched
 * 100 MiB blocks is refused in one line naming its bytes, the bytes available
 * and the hint ./main gives (the bounded steps).
 *
 * Its own program so that where the limit cannot be set or is not applied
 * (AddressSanitizer's shadow memory, qemu-user in scripts/test-arm64, a hard
 * limit below the test's) it says "skipped" and why (TAP's "1..0 # SKIP"),
 * instead of passing silently.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bigalloc.h"
#include "error.h"
#include "memory_available.h"
#include "../support/check_run.h"

enum { ROOM_MIB = 256, BLOCK_MIB = 100 };

/* VmSize of this process, from /proc/self/status; 0 when unknown. */
static size_t mapped_bytes(void)
{
    FILE *file = fopen("/proc/self/status", "r");
    char line[256];
    unsigned long long kib = 0;
    while (file && fgets(line, sizeof line, file))
        if (sscanf(line, "VmSize: %llu kB", &kib) == 1)
            break;
    if (file)
        fclose(file);
    return (size_t)kib * 1024;
}

static struct rlimit unlimited;   /* the limit before the test, restored after it */

START_TEST(big_alloc_refuses_beyond_the_memory_available)
{
    size_t room = (size_t)ROOM_MIB << 20, block = (size_t)BLOCK_MIB << 20;
    size_t available = memory_available();
    memory_set_hint("try v9");
    error_clear();
    unsigned char *a = big_alloc(block), *b = big_alloc(block), *c = big_alloc(block);
    char message[512];
    snprintf(message, sizeof message, "%s", error_message());
    big_free(a);
    big_free(b);
    big_free(c);
    memory_set_hint(NULL);
    error_clear();
    ck_assert_int_eq(setrlimit(RLIMIT_AS, &unlimited), 0);
    ck_assert_msg(available <= room && available > room / 2, "available %zu of %zu", available,
                  room);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_null(c);
    const char *start = "out of memory: this step needs 104857600 bytes (104.9 MB) but ";
    ck_assert_msg(strncmp(message, start, strlen(start)) == 0, "%s", message);
    ck_assert_msg(strstr(message, " are available (the least of MemAvailable, the cgroup's "
                                  "limit and ulimit -v); try v9") != NULL, "%s", message);
}
END_TEST

/* Sets the limit; NULL when it is set and applied, else why not. */
static const char *limit_address_space(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return "AddressSanitizer maps its own shadow memory: an address-space limit would stop it";
#endif
    size_t mapped = mapped_bytes(), room = (size_t)ROOM_MIB << 20;
    if (mapped == 0 || getrlimit(RLIMIT_AS, &unlimited) != 0)
        return "no VmSize in /proc/self/status, or no RLIMIT_AS to read";
    if (unlimited.rlim_max != RLIM_INFINITY && unlimited.rlim_max < mapped + room)
        return "a hard RLIMIT_AS below the test's limit";
    struct rlimit limited = {mapped + room, unlimited.rlim_max}, applied;
    if (setrlimit(RLIMIT_AS, &limited) != 0 || getrlimit(RLIMIT_AS, &applied) != 0 ||
        applied.rlim_cur != limited.rlim_cur) {
        setrlimit(RLIMIT_AS, &unlimited);
        return "RLIMIT_AS is accepted but not applied here (qemu-user)";
    }
    return NULL;
}

int main(void)
{
    const char *why_not = limit_address_space();
    if (why_not != NULL) {
        printf("1..0 # SKIP %s\n", why_not);
        return EXIT_SUCCESS;
    }
    Suite *suite = suite_create("memory refusal");
    TCase *memory = tcase_create("memory");
    tcase_add_test(memory, big_alloc_refuses_beyond_the_memory_available);
    suite_add_tcase(suite, memory);
    return check_run(suite);
}
