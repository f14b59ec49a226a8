/* test_rng.c: the generator's exact streams and its distributions. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "rng.h"
#include "t.h"

#define NDRAWS	200000

/* Sample mean and variance of n draws of f. */
static void
moments(struct rng *r, double (*f)(struct rng *, double, double), double a,
    double b, double *mean, double *var)
{
	double x, m = 0, s = 0, d;
	int i;

	for (i = 0; i < NDRAWS; i++) {	/* Welford */
		x = f(r, a, b);
		d = x - m;
		m += d / (i + 1);
		s += d * (x - m);
	}
	*mean = m;
	*var = s / (NDRAWS - 1);
}

static int
near(double got, double want, double rel)
{
	return fabs(got - want) <= rel * fabs(want);
}

/* Reference values: the published algorithm re-implemented in Python. */
static void
t_vectors(void)
{
	struct rng r = { { 1, 2, 3, 4 } };

	CHECK(rng_next(&r) == 11520);
	CHECK(rng_next(&r) == 0);
	CHECK(rng_next(&r) == 1509978240);
	CHECK(rng_next(&r) == 1215971899390074240ULL);
	rng_seed(&r, 0);	/* splitmix64(0) = 0xe220a8397b1dcdaf */
	CHECK(r.s[0] == 0xe220a8397b1dcdafULL);
	CHECK(rng_next(&r) == 0x99ec5f36cb75f2b4ULL);
	CHECK(rng_next(&r) == 0xbf6e1f784956452aULL);
	CHECK(rng_next(&r) == 0x1a5f849d4933e6e0ULL);
	rng_seed(&r, 42);
	CHECK(rng_next(&r) == 0x15780b2e0c2ec716ULL);
	CHECK(rng_next(&r) == 0x6104d9866d113a7eULL);
	CHECK(rng_next(&r) == 0xae17533239e499a1ULL);
}

static void
t_seeds(void)
{
	struct rng a, b, c, d;
	int i, same = 1, diff = 0;

	rng_seed(&a, 7);
	rng_seed(&b, 7);
	rng_seed(&c, 8);
	rng_seed_stream(&d, 7, 0);
	for (i = 0; i < 100; i++) {
		uint64_t x = rng_next(&a), y = rng_next(&b);

		same &= x == y;
		diff += x != rng_next(&c);
		diff += x != rng_next(&d);
	}
	CHECK(same);
	CHECK(diff == 200);
	rng_seed_stream(&a, 7, 1);
	rng_seed_stream(&b, 7, 1);
	rng_seed_stream(&c, 7, 2);
	CHECK(rng_next(&a) == rng_next(&b));
	CHECK(rng_next(&a) != rng_next(&c));
}

static void
t_uniform(void)
{
	struct rng r, q;
	double u, sum = 0, lo = 1, hi = 0;
	int i, exact = 1;

	rng_seed(&r, 1);
	for (i = 0; i < NDRAWS; i++) {
		q = r;
		u = rng_uniform(&r);
		exact &= u == (double)(rng_next(&q) >> 11) / 9007199254740992.0;
		sum += u;
		lo = u < lo ? u : lo;
		hi = u > hi ? u : hi;
	}
	CHECK(exact);
	CHECK(lo >= 0 && hi < 1);
	CHECK(fabs(sum / NDRAWS - 0.5) < 0.002);
}

/* Chi-square of rng_below(10): 9 degrees of freedom, 27.88 at p=0.001. */
static void
t_below(void)
{
	struct rng r;
	long cnt[10] = { 0 };
	double chi = 0, e = NDRAWS / 10.0;
	uint64_t big = (UINT64_C(1) << 63) + 1, x;
	int i, inrange = 1, highhalf = 0;

	rng_seed(&r, 3);
	for (i = 0; i < NDRAWS; i++)
		cnt[rng_below(&r, 10)]++;
	for (i = 0; i < 10; i++)
		chi += (cnt[i] - e) * (cnt[i] - e) / e;
	CHECK(chi < 27.88);
	CHECK(rng_below(&r, 1) == 0);
	CHECK(rng_below(&r, 0) == 0);
	/* Near 2^63 half the values are rejected: still uniform. */
	for (i = 0; i < 10000; i++) {
		x = rng_below(&r, big);
		inrange &= x < big;
		highhalf += x >= big / 2;
	}
	CHECK(inrange);
	CHECK(highhalf > 4700 && highhalf < 5300);
}

static double
normal2(struct rng *r, double a, double b)
{
	return a + b * rng_normal(r);
}

static double
expo2(struct rng *r, double rate, double unused)
{
	(void)unused;
	return rng_exponential(r, rate);
}

static void
t_normal_exp(void)
{
	struct rng r;
	double m, v;

	rng_seed(&r, 11);
	moments(&r, normal2, 0, 1, &m, &v);
	CHECK(fabs(m) < 0.01);
	CHECK(near(v, 1, 0.02));
	moments(&r, expo2, 2, 0, &m, &v);
	CHECK(near(m, 0.5, 0.02));
	CHECK(near(v, 0.25, 0.03));
	CHECK(isnan(rng_exponential(&r, 0)));
}

static void
t_gamma(void)
{
	struct rng r;
	double m, v;

	rng_seed(&r, 5);
	moments(&r, rng_gamma, 3, 2, &m, &v);
	CHECK(near(m, 6, 0.02));
	CHECK(near(v, 12, 0.02));
	/* shape < 1 goes through the boost */
	moments(&r, rng_gamma, 0.5, 1, &m, &v);
	CHECK(near(m, 0.5, 0.02));
	CHECK(near(v, 0.5, 0.04));
	CHECK(isnan(rng_gamma(&r, 0, 1)));
	CHECK(isnan(rng_gamma(&r, 1, -1)));
	CHECK(rng_gamma(&r, 1e-300, 1) >= 0);
}

static void
t_beta(void)
{
	struct rng r;
	double m, v, x;

	rng_seed(&r, 9);
	moments(&r, rng_beta, 2, 5, &m, &v);
	CHECK(near(m, 2.0 / 7, 0.01));
	CHECK(near(v, 10.0 / (49 * 8), 0.03));
	x = rng_beta(&r, 1e-300, 1e-300);	/* gammas underflow */
	CHECK(x == 0 || x == 1);
	CHECK(isnan(rng_beta(&r, -1, 1)));
}

/* A permutation, and element 0 lands in each of 5 places evenly. */
static void
t_shuffle(void)
{
	struct rng r, r2;
	size_t idx[5], idx2[5], i, j;
	long at[5] = { 0 };
	double chi = 0, e = 50000 / 5.0;
	int perm = 1, same = 1;

	rng_seed(&r, 13);
	for (j = 0; j < 50000; j++) {
		int seen[5] = { 0 };

		for (i = 0; i < 5; i++)
			idx[i] = i;
		rng_shuffle(&r, idx, 5);
		for (i = 0; i < 5; i++) {
			perm &= idx[i] < 5 && !seen[idx[i]];
			seen[idx[i] < 5 ? idx[i] : 0] = 1;
			if (idx[i] == 0)
				at[i]++;
		}
	}
	for (i = 0; i < 5; i++)
		chi += (at[i] - e) * (at[i] - e) / e;
	CHECK(perm);
	CHECK(chi < 18.47);	/* 4 d.f., p = 0.001 */
	rng_seed(&r, 1);
	rng_seed(&r2, 1);
	for (i = 0; i < 5; i++)
		idx[i] = idx2[i] = i;
	rng_shuffle(&r, idx, 5);
	rng_shuffle(&r2, idx2, 5);
	for (i = 0; i < 5; i++)
		same &= idx[i] == idx2[i];
	CHECK(same);
	rng_shuffle(&r, idx, 0);
	rng_shuffle(&r, idx, 1);
	CHECK(idx[0] < 5);
}

int
main(void)
{
	RUN(t_vectors);
	RUN(t_seeds);
	RUN(t_uniform);
	RUN(t_below);
	RUN(t_normal_exp);
	RUN(t_gamma);
	RUN(t_beta);
	RUN(t_shuffle);
	T_EXIT();
}
