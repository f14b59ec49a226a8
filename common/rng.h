/*
 * rng.h: a small seeded generator (xoshiro256** seeded by splitmix64)
 * and the distributions crmkit samples from.  Same seed, same stream,
 * on every machine: only 64-bit integer arithmetic, doubles and the
 * libm functions log, sqrt and pow (no long double, no libc rand).
 *
 * struct rng is a plain value: copy it to fork a stream, keep one per
 * thread.  It must be seeded (rng_seed or rng_seed_stream) before use.
 */
#ifndef CRM_RNG_H
#define CRM_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void		 rng_seed(struct rng *, uint64_t seed);
/*
 * Seed stream number stream of seed: independent streams for parallel
 * work (tree i, restart i) that do not depend on the thread count.
 * rng_seed_stream(r, seed, 0) differs from rng_seed(r, seed).
 */
void		 rng_seed_stream(struct rng *, uint64_t seed, uint64_t stream);
uint64_t	 rng_next(struct rng *);
/* Uniform in [0, 1): the top 53 bits of rng_next times 2^-53. */
double		 rng_uniform(struct rng *);
/* Uniform integer in [0, n), unbiased (rejection); n > 0 (0 gives 0). */
uint64_t	 rng_below(struct rng *, uint64_t n);
/* Standard normal (Marsaglia's polar method; the spare value is dropped). */
double		 rng_normal(struct rng *);
/* Exponential with the given rate (mean 1/rate); NaN if rate <= 0. */
double		 rng_exponential(struct rng *, double rate);
/*
 * Gamma with shape and scale (mean shape*scale, variance shape*scale^2),
 * Marsaglia-Tsang; shape < 1 through gamma(shape+1) * U^(1/shape).
 * NaN if shape or scale is not > 0.
 */
double		 rng_gamma(struct rng *, double shape, double scale);
/* Beta(a, b) as X/(X+Y) of two gammas; NaN unless a, b > 0. */
double		 rng_beta(struct rng *, double a, double b);
/* Shuffle n indices in place (Fisher-Yates, from the end). */
void		 rng_shuffle(struct rng *, size_t *idx, size_t n);

#endif
