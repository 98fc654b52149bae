/* hessian.c — placeholder, being written. */
typedef int placeholder_hessian;
