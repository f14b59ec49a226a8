/*
 * order.c: stable merge sort with a context, argsort, radix sort of
 * 32-bit keys, a top-k heap, selection quantiles, median, MAD and
 * average ranks (see order.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ml/order.h"

#define INSERTION_MAX	12

/* Insertion sort of a[0..n): stable, for the short runs. */
static void
isort(char *a, size_t n, size_t sz, sort_cmp_fn *cmp, void *ctx, char *tmp)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		if (cmp(a + (i - 1) * sz, a + i * sz, ctx) <= 0)
			continue;
		memcpy(tmp, a + i * sz, sz);
		for (j = i; j > 0 && cmp(a + (j - 1) * sz, tmp, ctx) > 0; j--)
			memcpy(a + j * sz, a + (j - 1) * sz, sz);
		memcpy(a + j * sz, tmp, sz);
	}
}

/* Sort a[0..n) using s[0..n) as scratch; the result ends in a. */
static void
msort(char *a, char *s, size_t n, size_t sz, sort_cmp_fn *cmp, void *ctx,
    char *tmp)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n <= INSERTION_MAX) {
		isort(a, n, sz, cmp, ctx, tmp);
		return;
	}
	msort(a, s, h, sz, cmp, ctx, tmp);
	msort(a + h * sz, s + h * sz, n - h, sz, cmp, ctx, tmp);
	if (cmp(a + (h - 1) * sz, a + h * sz, ctx) <= 0)
		return;		/* already in order */
	memcpy(s, a, n * sz);
	while (i < h && j < n) {
		if (cmp(s + j * sz, s + i * sz, ctx) < 0)
			memcpy(a + k++ * sz, s + j++ * sz, sz);
		else
			memcpy(a + k++ * sz, s + i++ * sz, sz);
	}
	if (i < h)
		memcpy(a + k * sz, s + i * sz, (h - i) * sz);
	else
		memcpy(a + k * sz, s + j * sz, (n - j) * sz);
}

void
sort_r(void *base, size_t n, size_t size, sort_cmp_fn *cmp, void *ctx)
{
	char *s, *tmp;

	if (n < 2 || size == 0)
		return;
	s = xreallocarray(NULL, n, size);
	tmp = xmalloc(size);
	msort(base, s, n, size, cmp, ctx, tmp);
	free(tmp);
	free(s);
}

struct argctx {
	const double	*v;
	int		 desc;
};

static int
arg_cmp(const void *a, const void *b, void *p)
{
	const struct argctx *c = p;
	double x = c->v[*(const size_t *)a], y = c->v[*(const size_t *)b];

	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	if (c->desc)
		return (x < y) - (x > y);
	return (x > y) - (x < y);
}

void
argsort_double(const double *v, size_t n, size_t *idx, int desc)
{
	struct argctx c = { v, desc };
	size_t i;

	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_r(idx, n, sizeof(idx[0]), arg_cmp, &c);
}

void
sort_u32_idx(uint32_t *keys, uint32_t *idx, size_t n)
{
	uint32_t *k2, *i2 = NULL, *ka = keys, *ia = idx, *t;
	size_t cnt[256], pass, i, sum, c;
	unsigned sh;

	if (n < 2)
		return;
	k2 = xreallocarray(NULL, n, sizeof(*k2));
	if (idx != NULL)
		i2 = xreallocarray(NULL, n, sizeof(*i2));
	for (pass = 0; pass < 4; pass++) {
		sh = (unsigned)(pass * 8);
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[(ka[i] >> sh) & 0xff]++;
		if (cnt[(ka[0] >> sh) & 0xff] == n)
			continue;	/* every key has this byte */
		for (sum = 0, i = 0; i < 256; i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			c = cnt[(ka[i] >> sh) & 0xff]++;
			k2[c] = ka[i];
			if (ia != NULL)
				i2[c] = ia[i];
		}
		t = ka, ka = k2, k2 = t;
		t = ia, ia = i2, i2 = t;
	}
	if (ka != keys) {
		memcpy(keys, ka, n * sizeof(*keys));
		if (idx != NULL)
			memcpy(idx, ia, n * sizeof(*idx));
		k2 = ka;
		i2 = ia;
	}
	free(k2);
	free(i2);
}

void
sort_u32(uint32_t *keys, size_t n)
{
	sort_u32_idx(keys, NULL, n);
}

/* The heap keeps the worst kept item at the root. */
struct topk_item {
	double	 score;
	size_t	 id;
};

struct topk {
	struct topk_item *h;
	size_t		 k, n;
};

/* a is worse than b: a lower score, or the same score and a larger id. */
static int
topk_worse(const struct topk_item *a, const struct topk_item *b)
{
	return a->score < b->score || (a->score == b->score && a->id > b->id);
}

struct topk *
topk_new(size_t k)
{
	struct topk *t = xcalloc(1, sizeof(*t));

	t->k = k;
	t->h = xreallocarray(NULL, k > 0 ? k : 1, sizeof(*t->h));
	return t;
}

void
topk_free(struct topk *t)
{
	if (t == NULL)
		return;
	free(t->h);
	free(t);
}

static void
topk_down(struct topk *t, size_t i)
{
	struct topk_item x = t->h[i];
	size_t c;

	while ((c = 2 * i + 1) < t->n) {
		if (c + 1 < t->n && topk_worse(&t->h[c + 1], &t->h[c]))
			c++;
		if (!topk_worse(&t->h[c], &x))
			break;
		t->h[i] = t->h[c];
		i = c;
	}
	t->h[i] = x;
}

void
topk_push(struct topk *t, double score, size_t id)
{
	struct topk_item x = { score, id };
	size_t i, p;

	if (t->k == 0 || isnan(score))
		return;
	if (t->n == t->k) {
		if (!topk_worse(&t->h[0], &x))
			return;
		t->h[0] = x;
		topk_down(t, 0);
		return;
	}
	for (i = t->n++; i > 0; i = p) {
		p = (i - 1) / 2;
		if (!topk_worse(&x, &t->h[p]))
			break;
		t->h[i] = t->h[p];
	}
	t->h[i] = x;
}

size_t
topk_take(struct topk *t, size_t *id, double *score)
{
	size_t n = t->n, i;

	/* Pop the worst into the last free place: best first. */
	for (i = n; i > 0; i--) {
		id[i - 1] = t->h[0].id;
		if (score != NULL)
			score[i - 1] = t->h[0].score;
		t->h[0] = t->h[--t->n];
		topk_down(t, 0);
	}
	return n;
}

size_t
topk_array(const double *scores, size_t n, size_t k, size_t *id)
{
	struct topk *t;
	size_t i, got;

	if (k > n)
		k = n;		/* the heap never needs more room */
	t = topk_new(k);

	for (i = 0; i < n; i++) {
		/* Most items lose to the root: skip the call. */
		if (t->n == k && k > 0 && scores[i] <= t->h[0].score &&
		    !(scores[i] == t->h[0].score && i < t->h[0].id))
			continue;
		topk_push(t, scores[i], i);
	}
	got = topk_take(t, id, NULL);
	topk_free(t);
	return got;
}

static void
swapd(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

static int
cmp_double(const void *a, const void *b, void *ctx)
{
	double x = *(const double *)a, y = *(const double *)b;

	(void)ctx;
	return (x > y) - (x < y);
}

/*
 * Put the k-th smallest of v[0..n) at v[k], smaller ones before it and
 * larger after (quickselect, median-of-three pivots; after 64 rounds the
 * rest is sorted, which bounds the worst case at O(n log n)).
 */
static void
select_k(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, i, j, m;
	int rounds = 0;
	double p;

	while (hi > lo) {
		if (++rounds > 64) {
			sort_r(v + lo, hi - lo + 1, sizeof(*v), cmp_double,
			    NULL);
			return;
		}
		m = lo + (hi - lo) / 2;
		if (v[m] < v[lo])
			swapd(&v[m], &v[lo]);
		if (v[hi] < v[lo])
			swapd(&v[hi], &v[lo]);
		if (v[hi] < v[m])
			swapd(&v[hi], &v[m]);
		p = v[m];
		i = lo;
		j = hi;
		while (i <= j) {
			while (v[i] < p)
				i++;
			while (v[j] > p)
				j--;
			if (i <= j) {
				swapd(&v[i], &v[j]);
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

double
quantile_sel(double *v, size_t n, double q)
{
	double h, lo, hi, t, x;
	size_t i, f;

	if (n == 0 || !(q >= 0 && q <= 1))
		return NAN;
	h = (double)(n - 1) * q;
	f = (size_t)floor(h);
	if (f >= n - 1)
		f = n - 1;
	select_k(v, n, f);
	lo = v[f];
	t = h - (double)f;
	if (t == 0 || f + 1 >= n)
		return lo;
	/* The next value up is the smallest of what lies above f. */
	hi = v[f + 1];
	for (i = f + 2; i < n; i++)
		if (v[i] < hi)
			hi = v[i];
	/* numpy's lerp: exact at both ends. */
	x = t < 0.5 ? lo + t * (hi - lo) : hi - (1 - t) * (hi - lo);
	return x;
}

void
quantiles(const double *v, size_t n, const double *q, size_t nq, double *out)
{
	double *c;
	size_t i;

	c = xreallocarray(NULL, n > 0 ? n : 1, sizeof(*c));
	for (i = 0; i < nq; i++) {
		memcpy(c, v, n * sizeof(*c));
		out[i] = quantile_sel(c, n, q[i]);
	}
	free(c);
}

double
median(const double *v, size_t n)
{
	double q = 0.5, m;

	quantiles(v, n, &q, 1, &m);
	return m;
}

double
mad(const double *v, size_t n)
{
	double *d, m, r;
	size_t i;

	if (n == 0)
		return NAN;
	m = median(v, n);
	d = xreallocarray(NULL, n, sizeof(*d));
	for (i = 0; i < n; i++)
		d[i] = fabs(v[i] - m);
	r = quantile_sel(d, n, 0.5);
	free(d);
	return r;
}

void
rank_avg(const double *v, size_t n, double *rank)
{
	size_t *idx, i, j, k;

	idx = xreallocarray(NULL, n > 0 ? n : 1, sizeof(*idx));
	argsort_double(v, n, idx, 0);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[idx[j]] == v[idx[i]]; j++)
			;
		for (k = i; k < j; k++)
			rank[idx[k]] = (double)(i + 1 + j) / 2;
	}
	free(idx);
}
