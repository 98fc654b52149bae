/* floor.c — placeholder, being written. */
typedef int placeholder_floor;
