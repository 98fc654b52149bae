/*
 * rng.h — a small seeded deterministic random generator for the data generator.
 *
 * xoshiro256** seeded through splitmix64: fast, 256 bits of state, and the same
 * stream on every platform, which is what makes the generated files
 * byte-identical for a given seed.  A `stream` number next to the seed gives
 * each random-forest tree (or each synthesis stage) its own independent
 * sequence, so the work can be spread over threads in any order.
 * rng_hash is the stateless splitmix64 mixer, for noise that is a pure
 * function of the pixel coordinates.
 */
#ifndef GEN_RNG_H
#define GEN_RNG_H

#include <stdint.h>

struct rng {
    uint64_t state[4];
};

/* The generator for (seed, stream); different streams are independent sequences. */
void rng_seed(struct rng *rng, uint64_t seed, uint64_t stream);

uint64_t rng_next(struct rng *rng);

/* Uniform double in [0, 1), 53 random bits. */
double rng_uniform(struct rng *rng);

/* Uniform integer in [0, bound), without modulo bias; bound must be > 0. */
uint64_t rng_below(struct rng *rng, uint64_t bound);

/* splitmix64's finaliser: a well-mixed 64-bit function of x. */
uint64_t rng_hash(uint64_t x);

#endif
