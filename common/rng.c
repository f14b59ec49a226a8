/*
 * rng.c: xoshiro256** (Blackman and Vigna) seeded through splitmix64,
 * and the distributions built on it.  Written from the published
 * descriptions of both generators.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "rng.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z;

	z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	/* splitmix64 is a bijection of its counter: never all zero. */
}

void
rng_seed_stream(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = stream ^ 0x6a09e667f3bcc909ULL;

	/* Mix the stream number first so that nearby streams diverge. */
	rng_seed(r, seed ^ splitmix64(&x));
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result, t;

	result = rotl(s[1] * 5, 7) * 9;
	t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
rng_uniform(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/*
 * Reject the values below 2^64 mod n, so that the remaining range is a
 * whole number of copies of [0, n).
 */
uint64_t
rng_below(struct rng *r, uint64_t n)
{
	uint64_t x, threshold;

	if (n == 0)
		return 0;
	threshold = (0 - n) % n;
	do {
		x = rng_next(r);
	} while (x < threshold);
	return x % n;
}

double
rng_normal(struct rng *r)
{
	double u, v, s;

	do {
		u = 2.0 * rng_uniform(r) - 1.0;
		v = 2.0 * rng_uniform(r) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	return u * sqrt(-2.0 * log(s) / s);
}

double
rng_exponential(struct rng *r, double rate)
{
	if (!(rate > 0))
		return NAN;
	/* 1 - U lies in (0, 1], so the logarithm is finite. */
	return -log(1.0 - rng_uniform(r)) / rate;
}

/* Marsaglia and Tsang (2000), for shape >= 1 and unit scale. */
static double
gamma_big(struct rng *r, double shape)
{
	double d, c, x, v, u;

	d = shape - 1.0 / 3.0;
	c = 1.0 / sqrt(9.0 * d);
	for (;;) {
		do {
			x = rng_normal(r);
			v = 1.0 + c * x;
		} while (v <= 0);
		v = v * v * v;
		u = rng_uniform(r);
		if (u < 1.0 - 0.0331 * (x * x) * (x * x))
			return d * v;
		if (u > 0 && log(u) < 0.5 * x * x + d * (1.0 - v + log(v)))
			return d * v;
	}
}

double
rng_gamma(struct rng *r, double shape, double scale)
{
	double g, u;

	if (!(shape > 0) || !(scale > 0))
		return NAN;
	if (shape >= 1)
		return gamma_big(r, shape) * scale;
	/* Boost: gamma(k) = gamma(k + 1) * U^(1/k), U in (0, 1]. */
	g = gamma_big(r, shape + 1.0);
	u = 1.0 - rng_uniform(r);
	return g * pow(u, 1.0 / shape) * scale;
}

double
rng_beta(struct rng *r, double a, double b)
{
	double x, y;
	int i;

	if (!(a > 0) || !(b > 0))
		return NAN;
	for (i = 0; i < 64; i++) {
		x = rng_gamma(r, a, 1.0);
		y = rng_gamma(r, b, 1.0);
		/* Both may underflow to 0 for tiny shapes: draw again. */
		if (x + y > 0)
			return x / (x + y);
	}
	/* Shapes so small that the mass sits at 0 and 1: the limit. */
	return rng_uniform(r) < a / (a + b) ? 1.0 : 0.0;
}

void
rng_shuffle(struct rng *r, size_t *idx, size_t n)
{
	size_t i, j, t;

	for (i = n; i > 1; i--) {
		j = (size_t)rng_below(r, (uint64_t)i);
		t = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = t;
	}
}
