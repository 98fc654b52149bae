/* harness.c — placeholder, being written. */
typedef int placeholder_harness;
