/* rss.c — placeholder, being written. */
typedef int placeholder_rss;
