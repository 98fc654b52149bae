/* rng.c — placeholder, being written. */
typedef int placeholder_rng;
