/* forest.c — placeholder, being written. */
typedef int placeholder_forest;
