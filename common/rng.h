/*
 * rng.h: a small seeded generator (xoshiro256** seeded by splitmix64)
 * and the distributions crmkit samples from.  Same seed, same stream,
 * on every machine.
 */
#ifndef CRM_RNG_H
#define CRM_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void		 rng_seed(struct rng *, uint64_t seed);
uint64_t	 rng_next(struct rng *);
/* Uniform in [0, 1). */
double		 rng_uniform(struct rng *);
/* Uniform integer in [0, n), unbiased; n > 0. */
uint64_t	 rng_below(struct rng *, uint64_t n);
double		 rng_normal(struct rng *);
double		 rng_exponential(struct rng *, double rate);
/* Gamma with shape and scale (mean shape*scale). */
double		 rng_gamma(struct rng *, double shape, double scale);
double		 rng_beta(struct rng *, double a, double b);
/* Shuffle n indices in place. */
void		 rng_shuffle(struct rng *, size_t *idx, size_t n);

#endif
