/* v0 — placeholder until the ladder lands. */
#include "error.h"
#include "version.h"

int v0_load_and_colorcode(const struct version_args *args, struct rgb_image *out,
                          struct phase_times *times)
{
    (void)args; (void)out; (void)times;
    return error_set("v0 is not written yet");
}
