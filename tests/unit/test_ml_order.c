/* test_ml_order.c: sorting, top-k, quantiles, median, MAD and ranks. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "ml/order.h"
#include "t.h"

struct rec {
	int	 key, seq;
};

/* Sort by key; the context says which way (ascending 1, descending -1). */
static int
rec_cmp(const void *a, const void *b, void *ctx)
{
	int dir = *(int *)ctx;
	int x = ((const struct rec *)a)->key, y = ((const struct rec *)b)->key;

	return dir * ((x > y) - (x < y));
}

static void
t_sort_r_stable(void)
{
	struct rec r[1000];
	struct rng g;
	int i, dir;

	rng_seed(&g, 7);
	for (dir = -1; dir <= 1; dir += 2) {
		for (i = 0; i < 1000; i++) {
			r[i].key = (int)rng_below(&g, 20);
			r[i].seq = i;
		}
		sort_r(r, 1000, sizeof(r[0]), rec_cmp, &dir);
		for (i = 1; i < 1000; i++) {
			CHECK(dir * (r[i].key - r[i - 1].key) >= 0);
			if (r[i].key == r[i - 1].key)
				CHECK(r[i].seq > r[i - 1].seq);
		}
	}
}

static void
t_argsort(void)
{
	double v[] = { 3, NAN, 1, 3, -2, 1 };
	size_t idx[6], want_up[] = { 4, 2, 5, 0, 3, 1 };
	size_t want_down[] = { 0, 3, 2, 5, 4, 1 };

	argsort_double(v, 6, idx, 0);
	CHECK(memcmp(idx, want_up, sizeof(idx)) == 0);
	argsort_double(v, 6, idx, 1);
	CHECK(memcmp(idx, want_down, sizeof(idx)) == 0);
}

static int
u32_cmp(const void *a, const void *b, void *ctx)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	(void)ctx;
	return (x > y) - (x < y);
}

static void
t_radix(void)
{
	enum { N = 50000 };
	static uint32_t k[N], ref[N], idx[N], orig[N];
	struct rng g;
	size_t i;

	rng_seed(&g, 3);
	for (i = 0; i < N; i++) {
		/* Many ties, and keys across all four bytes. */
		k[i] = (uint32_t)(i % 3 == 0 ? rng_below(&g, 100) :
		    rng_next(&g));
		orig[i] = ref[i] = k[i];
		idx[i] = (uint32_t)i;
	}
	sort_r(ref, N, sizeof(ref[0]), u32_cmp, NULL);
	sort_u32_idx(k, idx, N);
	CHECK(memcmp(k, ref, sizeof(k)) == 0);
	for (i = 0; i < N; i++) {
		CHECK(orig[idx[i]] == k[i]);
		if (i > 0 && k[i] == k[i - 1])
			CHECK(idx[i] > idx[i - 1]);	/* stable */
	}
	sort_u32(orig, N);
	CHECK(memcmp(orig, ref, sizeof(k)) == 0);
}

static void
t_topk(void)
{
	enum { N = 20000 };
	static double s[N];
	static size_t full[N], got[N];
	double sc[10];
	struct topk *t;
	struct rng g;
	size_t i, k, n;

	rng_seed(&g, 11);
	for (i = 0; i < N; i++)	/* ties: 500 distinct values */
		s[i] = (double)rng_below(&g, 500) / 7;
	argsort_double(s, N, full, 1);
	for (k = 0; k <= 64; k = k ? k * 2 : 1) {
		n = topk_array(s, N, k, got);
		CHECK(n == k);
		CHECK(memcmp(got, full, k * sizeof(size_t)) == 0);
	}
	/* fewer items than k: all of them, best first */
	n = topk_array(s, 5, 10, got);
	argsort_double(s, 5, full, 1);
	CHECK(n == 5 && memcmp(got, full, 5 * sizeof(size_t)) == 0);
	/* the streaming heap, reused */
	t = topk_new(3);
	topk_push(t, 1, 10);
	topk_push(t, 5, 11);
	topk_push(t, 5, 9);
	topk_push(t, 2, 12);
	topk_push(t, NAN, 13);
	n = topk_take(t, got, sc);
	CHECK(n == 3 && got[0] == 9 && got[1] == 11 && got[2] == 12);
	CHECK(sc[0] == 5 && sc[2] == 2);
	topk_push(t, -1, 4);
	CHECK(topk_take(t, got, NULL) == 1 && got[0] == 4);
	topk_free(t);
}

/* numpy.quantile(v, q) for these v, q (numpy 1.x, method "linear"). */
static void
t_quantiles(void)
{
	double v[] = { 7, 1, 3, 3, 10, -4, 2.5 };
	double q[] = { 0, 0.1, 0.25, 0.5, 0.9, 1, 0.333 };
	/* np.quantile([7,1,3,3,10,-4,2.5], q) */
	double want[] = { -4, -1, 1.75, 3, 8.2, 10, 2.497 };
	double out[7], one[] = { 42 };
	size_t i;

	quantiles(v, 7, q, 7, out);
	for (i = 0; i < 7; i++)
		CHECK(fabs(out[i] - want[i]) < 1e-12);
	CHECK(v[0] == 7 && v[5] == -4);		/* left as it was */
	CHECK(median(v, 7) == 3);
	CHECK(median(v, 6) == 3);		/* 7 1 3 3 10 -4 */
	CHECK(median(one, 1) == 42);
	CHECK(isnan(median(v, 0)));
	CHECK(isnan(quantile_sel(one, 1, 1.5)));
	/* |v - 3| = 4 2 0 0 7 7 0.5: median 2 */
	CHECK(mad(v, 7) == 2);
}

/* Selection against a full sort on many sizes and quantiles. */
static void
t_quantile_random(void)
{
	static double v[1001], c[1001], s[1001];
	struct rng g;
	size_t n, i, f;
	double q, h, want, got;
	int bad = 0, trial;

	rng_seed(&g, 5);
	for (trial = 0; trial < 300; trial++) {
		n = 1 + rng_below(&g, 1000);
		for (i = 0; i < n; i++)
			v[i] = trial % 2 ? (double)rng_below(&g, 5) :
			    rng_normal(&g);
		memcpy(s, v, n * sizeof(double));
		/* sorted by a plain insertion sort, independent of order.c */
		for (i = 1; i < n; i++) {
			double x = s[i];
			size_t j = i;

			while (j > 0 && s[j - 1] > x) {
				s[j] = s[j - 1];
				j--;
			}
			s[j] = x;
		}
		q = rng_uniform(&g);
		h = (double)(n - 1) * q;
		f = (size_t)floor(h);
		want = f + 1 < n ? s[f] + (h - (double)f) * (s[f + 1] - s[f]) :
		    s[f];
		memcpy(c, v, n * sizeof(double));
		got = quantile_sel(c, n, q);
		if (fabs(got - want) > 1e-12 * (1 + fabs(want)))
			bad++;
	}
	CHECK(bad == 0);
}

static void
t_ranks(void)
{
	/* scipy.stats.rankdata([10, 20, 10, 30, 20, 20, -1]) */
	double v[] = { 10, 20, 10, 30, 20, 20, -1 };
	double want[] = { 2.5, 5, 2.5, 7, 5, 5, 1 }, r[7];

	rank_avg(v, 7, r);
	CHECK(memcmp(r, want, sizeof(r)) == 0);
}

int
main(void)
{
	RUN(t_sort_r_stable);
	RUN(t_argsort);
	RUN(t_radix);
	RUN(t_topk);
	RUN(t_quantiles);
	RUN(t_quantile_random);
	RUN(t_ranks);
	T_EXIT();
}
