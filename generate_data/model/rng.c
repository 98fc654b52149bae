/*
 * rng.c — xoshiro256** with splitmix64 seeding (see rng.h for why).
 *
 * Written from the published algorithm descriptions (Blackman & Vigna); the
 * constants are theirs.
 */
#include "rng.h"

uint64_t rng_hash(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

void rng_seed(struct rng *rng, uint64_t seed, uint64_t stream)
{
    /* Mix the stream in before expanding, so (seed, 1) and (seed + 1, 0) differ. */
    uint64_t x = rng_hash(seed) ^ rng_hash(stream ^ 0x5851f42d4c957f2du);
    for (int i = 0; i < 4; i++) {
        x += 0x9e3779b97f4a7c15u;
        rng->state[i] = rng_hash(x);
    }
    /* An all-zero state would stay zero forever; splitmix64 output never is in practice,
     * but the guard costs nothing. */
    if ((rng->state[0] | rng->state[1] | rng->state[2] | rng->state[3]) == 0)
        rng->state[0] = 1;
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *rng)
{
    uint64_t *s = rng->state;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(struct rng *rng)
{
    return (double)(rng_next(rng) >> 11) * 0x1.0p-53;
}

uint64_t rng_below(struct rng *rng, uint64_t bound)
{
    /* Reject the top partial copy of [0, bound) so every value is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do {
        x = rng_next(rng);
    } while (x >= limit);
    return x % bound;
}
