/* clock.c — placeholder, being written. */
typedef int placeholder_clock;
