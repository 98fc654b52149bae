/* bigalloc.c — placeholder, being written. */
typedef int placeholder_bigalloc;
