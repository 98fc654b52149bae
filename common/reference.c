/* reference.c — placeholder, being written. */
typedef int placeholder_reference;
