/* hdf5_input.c — placeholder, being written. */
typedef int placeholder_hdf5_input;
