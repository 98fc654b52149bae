/* png_write.c — placeholder, being written. */
typedef int placeholder_png_write;
