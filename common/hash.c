/*
 * hash.c: the hash function and the string interner.  Keys live in one
 * arena; the table is open addressing with linear probing over (hash,
 * id) pairs, kept at most half full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "err.h"
#include "hash.h"

#define INLINE_MAX	16	/* keys this short live in their slot */

/*
 * A slot holds the full hash, the id and the key itself when short (or
 * its arena offset), so that a lookup of a typical id touches one cache
 * line of the table and nothing else.
 */
struct slot {
	uint64_t	 hash;
	uint32_t	 id;		/* id + 1; 0 = empty */
	uint32_t	 len;
	union {
		char	 inl[INLINE_MAX];
		size_t	 off;
	} k;
};

struct strmap {
	struct slot	*tab;
	size_t		 mask;
	char		*arena;
	size_t		 alen, acap;
	size_t		*off;		/* key offsets in arena, by id */
	size_t		 n, offcap;
};

static uint64_t
rd64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint64_t
mix(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/*
 * A multiply-fold hash over 8-byte words: fast on short keys such as
 * customer ids, and well mixed in the low bits used for indexing.
 */
uint64_t
hash_bytes(const void *key, size_t len, uint64_t seed)
{
	const unsigned char *p = key;
	uint64_t h = seed ^ 0x9e3779b97f4a7c15ULL ^
	    (len * 0xff51afd7ed558ccdULL);
	uint64_t t;

	while (len >= 8) {
		h = mix(h ^ rd64(p), 0xbf58476d1ce4e5b9ULL);
		p += 8;
		len -= 8;
	}
	t = 0;
	if (len > 0) {
		memcpy(&t, p, len);
		h = mix(h ^ t, 0x94d049bb133111ebULL);
	}
	return mix(h, 0x2545f4914f6cdd1dULL) ^ (h >> 29);
}

struct strmap *
strmap_new(void)
{
	struct strmap *m;

	m = xcalloc(1, sizeof(*m));
	m->mask = 1023;
	m->tab = xcalloc(m->mask + 1, sizeof(*m->tab));
	return m;
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->tab);
	free(m->arena);
	free(m->off);
	free(m);
}

static int
keyeq(const struct strmap *m, const struct slot *sl, uint64_t h,
    const char *key, size_t len)
{
	if (sl->hash != h || sl->len != len)
		return 0;
	if (len <= INLINE_MAX)
		return memcmp(sl->k.inl, key, len) == 0;
	return memcmp(m->arena + sl->k.off, key, len) == 0;
}

static void
rehash(struct strmap *m)
{
	struct slot *old = m->tab;
	size_t i, j, oldn = m->mask + 1;

	m->mask = m->mask * 2 + 1;
	m->tab = xcalloc(m->mask + 1, sizeof(*m->tab));
	for (i = 0; i < oldn; i++) {
		if (old[i].id == 0)
			continue;
		j = old[i].hash & m->mask;
		while (m->tab[j].id)
			j = (j + 1) & m->mask;
		m->tab[j] = old[i];
	}
	free(old);
}

size_t
strmap_find(const struct strmap *m, const char *key, size_t len)
{
	uint64_t h = hash_bytes(key, len, 0);
	size_t j;

	for (j = h & m->mask; m->tab[j].id; j = (j + 1) & m->mask)
		if (keyeq(m, &m->tab[j], h, key, len))
			return m->tab[j].id - 1;
	return (size_t)-1;
}

size_t
strmap_intern(struct strmap *m, const char *key, size_t len, int *isnew)
{
	uint64_t h = hash_bytes(key, len, 0);
	size_t j;

	for (j = h & m->mask; m->tab[j].id; j = (j + 1) & m->mask)
		if (keyeq(m, &m->tab[j], h, key, len)) {
			if (isnew)
				*isnew = 0;
			return m->tab[j].id - 1;
		}
	if (isnew)
		*isnew = 1;
	if (m->n >= UINT32_MAX - 1 || len > UINT32_MAX)
		crm_errx(1, "too many distinct keys (over 4 billion)");
	m->arena = xgrow(m->arena, &m->acap, m->alen + len + 1, 1);
	memcpy(m->arena + m->alen, key, len);
	m->arena[m->alen + len] = '\0';
	m->off = xgrow(m->off, &m->offcap, m->n + 2, sizeof(*m->off));
	m->off[m->n] = m->alen;
	m->alen += len + 1;
	m->off[m->n + 1] = m->alen;
	m->tab[j].hash = h;
	m->tab[j].len = (uint32_t)len;
	if (len <= INLINE_MAX)
		memcpy(m->tab[j].k.inl, key, len);
	else
		m->tab[j].k.off = m->off[m->n];
	m->tab[j].id = (uint32_t)++m->n;
	if (m->n * 2 > m->mask)
		rehash(m);
	return m->n - 1;
}

const char *
strmap_key(const struct strmap *m, size_t id, size_t *len)
{
	if (len)
		*len = m->off[id + 1] - m->off[id] - 1;
	return m->arena + m->off[id];
}

size_t
strmap_count(const struct strmap *m)
{
	return m->n;
}
