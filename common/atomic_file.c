/* atomic_file.c — placeholder, being written. */
typedef int placeholder_atomic_file;
