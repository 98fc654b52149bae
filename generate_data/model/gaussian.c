/* gaussian.c — placeholder, being written. */
typedef int placeholder_gaussian;
