/* ladder.c — placeholder, being written. */
typedef int placeholder_ladder;
