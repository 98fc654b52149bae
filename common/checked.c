/* checked.c — overflow-checked size products (see checked.h). */
#include "checked.h"

#include "error.h"

int checked_size3(size_t a, size_t b, size_t c, const char *what, size_t *out)
{
    size_t ab, abc;
    if (__builtin_mul_overflow(a, b, &ab) || __builtin_mul_overflow(ab, c, &abc))
        return error_set("%s: %zu × %zu × %zu does not fit in memory (overflows size_t)",
                         what, a, b, c);
    *out = abc;
    return 0;
}
