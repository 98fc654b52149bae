/* checked.c — placeholder, being written. */
typedef int placeholder_checked;
