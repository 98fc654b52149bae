/* error.c — placeholder, being written. */
typedef int placeholder_error;
