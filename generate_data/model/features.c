/* features.c — placeholder, being written. */
typedef int placeholder_features;
