/* image.c — placeholder, being written. */
typedef int placeholder_image;
