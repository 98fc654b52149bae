/* synth.c — placeholder, being written. */
typedef int placeholder_synth;
