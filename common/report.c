/* report.c — placeholder, being written. */
typedef int placeholder_report;
