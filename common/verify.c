/* verify.c — placeholder, being written. */
typedef int placeholder_verify;
