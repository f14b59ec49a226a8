/*
 * test_u64map.c: the integer-keyed map of common/u64map.c, against a
 * reference built by sorting.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "rng.h"
#include "t.h"
#include "u64map.h"

#define NDRAW	1000000

struct draw {
	uint64_t	 key;
	size_t		 i;		/* when it was drawn */
};

static int
draw_cmp(const void *a, const void *b)
{
	const struct draw *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* A key of one of the shapes callers use, or one drawn before. */
static uint64_t
draw_key(struct rng *g, const uint64_t *prev, size_t n)
{
	switch (rng_below(g, 6)) {
	case 0:
		return n ? prev[rng_below(g, n)] : 0;
	case 1:
		return rng_below(g, 5000);		/* small counters */
	case 2:
		return rng_below(g, 5000) << 40;	/* high bits only */
	case 3:
		return u64map_pair((uint32_t)rng_below(g, 300),
		    (uint32_t)rng_below(g, 300));
	case 4:
		return UINT64_MAX - rng_below(g, 100);
	default:
		return rng_next(g);
	}
}

/*
 * The reference: first[i] is the draw at which keys[i] first came, and
 * want[i] the id it must get (distinct keys numbered in order of first
 * draw).  Returns the number of distinct keys; *uniq their sorted list.
 */
static size_t
reference(const uint64_t *keys, size_t n, size_t *first, size_t *want,
    uint64_t **uniq)
{
	struct draw *d = xcalloc(n, sizeof(*d));
	size_t i, j, nd = 0, *rank = xcalloc(n, sizeof(*rank));

	for (i = 0; i < n; i++) {
		d[i].key = keys[i];
		d[i].i = i;
	}
	qsort(d, n, sizeof(*d), draw_cmp);
	*uniq = xcalloc(n, sizeof(**uniq));
	for (i = 0; i < n; i = j) {
		(*uniq)[nd++] = d[i].key;
		for (j = i; j < n && d[j].key == d[i].key; j++)
			first[d[j].i] = d[i].i;
	}
	for (i = 0, j = 0; i < n; i++)
		if (first[i] == i)
			rank[i] = j++;
	for (i = 0; i < n; i++)
		want[i] = rank[first[i]];
	free(rank);
	free(d);
	return nd;
}

/* 1M keys of mixed shapes with repeats: ids, isnew, keys, values, finds. */
static void
t_random(void)
{
	struct u64map *m = u64map_new(sizeof(uint64_t));
	uint64_t *keys = xcalloc(NDRAW, sizeof(*keys)), *uniq, *v, k;
	size_t *first = xcalloc(NDRAW, sizeof(*first));
	size_t *want = xcalloc(NDRAW, sizeof(*want));
	size_t i, id, nd, nabsent = 0;
	struct rng g;
	int isnew;

	rng_seed(&g, 11);
	for (i = 0; i < NDRAW; i++)
		keys[i] = draw_key(&g, keys, i);
	nd = reference(keys, NDRAW, first, want, &uniq);
	CHECK(nd > NDRAW / 5 && nd < NDRAW / 2);	/* many repeats */
	for (i = 0; i < NDRAW; i++) {
		id = u64map_intern(m, keys[i], &isnew);
		CHECK(id == want[i] && isnew == (first[i] == i));
		v = u64map_val(m, id);
		if (isnew) {
			CHECK(*v == 0);
			*v = keys[i] ^ 0x5555;
		}
	}
	CHECK(u64map_count(m) == nd);
	for (i = 0; i < NDRAW; i++) {
		id = u64map_find(m, keys[i]);
		CHECK(id == want[i] && u64map_key(m, id) == keys[i]);
		CHECK(*(uint64_t *)u64map_val(m, id) == (keys[i] ^ 0x5555));
		CHECK(u64map_intern(m, keys[i], NULL) == id);
	}
	for (i = 0; i < 200000; i++) {
		k = draw_key(&g, NULL, 0) + 1;
		if (bsearch(&k, uniq, nd, sizeof(*uniq), u64_cmp) != NULL)
			continue;
		nabsent++;
		CHECK(u64map_find(m, k) == (size_t)-1);
	}
	CHECK(nabsent > 10000);
	CHECK(u64map_count(m) == nd);
	free(uniq);
	free(want);
	free(first);
	free(keys);
	u64map_free(m);
}

/* 0 and UINT64_MAX are keys like any other (no reserved marker). */
static void
t_extreme_keys(void)
{
	struct u64map *m = u64map_new(0);
	int isnew;

	CHECK(u64map_find(m, 0) == (size_t)-1);
	CHECK(u64map_find(m, UINT64_MAX) == (size_t)-1);
	CHECK(u64map_count(m) == 0);
	CHECK(u64map_intern(m, 0, &isnew) == 0 && isnew == 1);
	CHECK(u64map_find(m, UINT64_MAX) == (size_t)-1);
	CHECK(u64map_intern(m, UINT64_MAX, &isnew) == 1 && isnew == 1);
	CHECK(u64map_intern(m, 0, &isnew) == 0 && isnew == 0);
	CHECK(u64map_intern(m, UINT64_MAX, &isnew) == 1 && isnew == 0);
	CHECK(u64map_find(m, 0) == 0 && u64map_find(m, UINT64_MAX) == 1);
	CHECK(u64map_key(m, 0) == 0 && u64map_key(m, 1) == UINT64_MAX);
	CHECK(u64map_find(m, 1) == (size_t)-1);
	CHECK(u64map_find(m, UINT64_MAX - 1) == (size_t)-1);
	CHECK(u64map_count(m) == 2);
	u64map_free(m);
	u64map_free(NULL);
}

/* Packing: exact bits, order matters, every pair of a grid distinct. */
static void
t_pairs(void)
{
	struct u64map *m = u64map_new(0);
	uint32_t a, b;
	uint64_t k;
	size_t id = 0;
	int isnew;

	CHECK(u64map_pair(1, 2) == 0x0000000100000002ULL);
	CHECK(u64map_pair(UINT32_MAX, 0) == 0xffffffff00000000ULL);
	CHECK(u64map_pair(0, UINT32_MAX) == 0x00000000ffffffffULL);
	CHECK(u64map_pair(UINT32_MAX, UINT32_MAX) == UINT64_MAX);
	CHECK(u64map_pair_a(0xdeadbeef01234567ULL) == 0xdeadbeef);
	CHECK(u64map_pair_b(0xdeadbeef01234567ULL) == 0x01234567);
	for (a = 0; a < 1000; a++)
		for (b = 0; b < 100; b++) {
			k = u64map_pair(a, b);
			CHECK(u64map_pair_a(k) == a && u64map_pair_b(k) == b);
			CHECK(u64map_intern(m, k, &isnew) == id++ && isnew);
		}
	CHECK(u64map_count(m) == 100000);
	CHECK(u64map_find(m, u64map_pair(3, 7)) == 3 * 100 + 7);
	CHECK(u64map_find(m, u64map_pair(7, 3)) == 7 * 100 + 3);
	CHECK(u64map_find(m, u64map_pair(100, 999)) == (size_t)-1);
	u64map_free(m);
}

/* Values: zeroed when added, aligned, kept through every doubling. */
static void
t_values(void)
{
	struct u64map *m = u64map_new(3 * sizeof(uint64_t));
	struct u64map *odd = u64map_new(5);
	unsigned char *c;
	uint64_t *v;
	size_t i, id;
	int isnew;

	for (i = 0; i < 100000; i++) {
		id = u64map_intern(m, i * 0x9e3779b97f4a7c15ULL, &isnew);
		v = u64map_val(m, id);
		CHECK(id == i && isnew && ((uintptr_t)v & 7) == 0);
		CHECK(v[0] == 0 && v[1] == 0 && v[2] == 0);
		v[0] = i;
		v[1] = ~i;
		v[2] = i * 3;
		id = u64map_intern(odd, i, &isnew);
		c = u64map_val(odd, id);
		CHECK(((uintptr_t)c & 7) == 0 && c[0] == 0 && c[4] == 0);
		memset(c, 0xff, 5);
	}
	for (i = 0; i < 100000; i++) {
		v = u64map_val(m, u64map_find(m, i * 0x9e3779b97f4a7c15ULL));
		CHECK(v[0] == i && v[1] == ~i && v[2] == i * 3);
		c = u64map_val(odd, u64map_find(odd, i));
		CHECK(c[0] == 0xff && c[4] == 0xff);
		CHECK(u64map_key(odd, i) == i);
	}
	u64map_free(odd);
	u64map_free(m);
}

/* The inverse of x ^ (x >> s). */
static uint64_t
unshift(uint64_t y, int s)
{
	uint64_t x = y;
	int i;

	for (i = 0; i < 64 / s + 1; i++)
		x = y ^ (x >> s);
	return x;
}

/* The inverse of an odd multiplier mod 2^64 (Newton's iteration). */
static uint64_t
inverse(uint64_t c)
{
	uint64_t x = c;
	int i;

	for (i = 0; i < 6; i++)
		x *= 2 - c * x;
	return x;
}

/*
 * The key whose hash is h under the splitmix64 finalizer u64map.c uses.
 * White box: keys made from hashes with the same high 32 bits (the tag)
 * and low bits (the first slot) all collide in the index, which makes
 * the key comparison and the probing do the work.
 */
static uint64_t
unmix(uint64_t h)
{
	h = unshift(h, 31) * inverse(0x94d049bb133111ebULL);
	h = unshift(h, 27) * inverse(0xbf58476d1ce4e5b9ULL);
	return unshift(h, 30);
}

/* The finalizer itself, to check unmix. */
static uint64_t
mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
t_collisions(void)
{
	struct u64map *m = u64map_new(sizeof(uint64_t));
	uint64_t k;
	size_t i;
	int isnew;

	CHECK(mix(unmix(0x1234)) == 0x1234 && unmix(0x1234) != 0x1234);
	CHECK(mix(unmix(UINT64_MAX)) == UINT64_MAX);
	for (i = 0; i < 3000 && !t_failed; i++) {
		/* same tag, same low 10 bits: one long probe chain */
		k = unmix(0xabcdef0100000000ULL | (uint64_t)i << 10 | 5);
		CHECK(u64map_intern(m, k, &isnew) == i && isnew);
		if (!t_failed)
			*(uint64_t *)u64map_val(m, i) = i;
	}
	for (i = 0; i < u64map_count(m); i++) {
		k = unmix(0xabcdef0100000000ULL | (uint64_t)i << 10 | 5);
		CHECK(u64map_find(m, k) == i && u64map_key(m, i) == k);
		CHECK(*(uint64_t *)u64map_val(m, i) == i);
	}
	k = unmix(0xabcdef0100000000ULL | (uint64_t)3000 << 10 | 5);
	CHECK(u64map_find(m, k) == (size_t)-1);
	CHECK(u64map_count(m) == 3000);
	u64map_free(m);
}

int
main(void)
{
	RUN(t_random);
	RUN(t_extreme_keys);
	RUN(t_pairs);
	RUN(t_values);
	RUN(t_collisions);
	T_EXIT();
}
