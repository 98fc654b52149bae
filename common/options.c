/* options.c — placeholder, being written. */
typedef int placeholder_options;
