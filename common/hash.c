/*
 * hash.c: the hash function and the string interner.
 *
 * Layout, for lookups that touch as little memory as possible: an index
 * of 8-byte slots (32 bits of the hash and the id; open addressing with
 * linear probing, at most half full) small enough to stay in cache, and
 * one fixed-size entry per key, in id order, holding the full hash, the
 * key itself when short (else only in the arena) and the caller's value.
 * A lookup of a short key with its value thus touches one index slot and
 * one entry.  Every key is also kept, NUL-terminated, in an arena.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"

#define INLINE_MAX	16	/* keys this short are compared in the entry */

struct slot {
	uint32_t	 tag;		/* the hash's high 32 bits */
	uint32_t	 id;		/* id + 1; 0 = empty */
};

struct entry {
	uint64_t	 hash;
	uint32_t	 off;		/* the key in the arena */
	uint32_t	 len;
	char		 inl[INLINE_MAX];
	/* the value follows: valsize bytes, rounded up to 8 */
};

struct strmap {
	struct slot	*tab;
	size_t		 mask;
	unsigned char	*ent;		/* n entries of stride bytes */
	size_t		 stride;
	size_t		 entcap;
	char		*arena;
	size_t		 alen, acap;
	size_t		 n;
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
 * customer ids, and well mixed in all bits.
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
strmap_new_val(size_t valsize)
{
	struct strmap *m;

	m = xcalloc(1, sizeof(*m));
	m->mask = 1023;
	m->tab = xcalloc(m->mask + 1, sizeof(*m->tab));
	m->stride = sizeof(struct entry) + (valsize + 7) / 8 * 8;
	return m;
}

struct strmap *
strmap_new(void)
{
	return strmap_new_val(0);
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->tab);
	free(m->ent);
	free(m->arena);
	free(m);
}

static struct entry *
entry(const struct strmap *m, size_t id)
{
	return (struct entry *)(void *)(m->ent + id * m->stride);
}

static int
keyeq(const struct strmap *m, size_t id, uint64_t h, const char *key,
    size_t len)
{
	const struct entry *e = entry(m, id);

	if (e->hash != h || e->len != len)
		return 0;
	if (len <= INLINE_MAX)
		return memcmp(e->inl, key, len) == 0;
	return memcmp(m->arena + e->off, key, len) == 0;
}

static void
rehash(struct strmap *m)
{
	size_t id, j;
	uint64_t h;

	free(m->tab);
	m->mask = m->mask * 2 + 1;
	m->tab = xcalloc(m->mask + 1, sizeof(*m->tab));
	for (id = 0; id < m->n; id++) {
		h = entry(m, id)->hash;
		j = h & m->mask;
		while (m->tab[j].id)
			j = (j + 1) & m->mask;
		m->tab[j].tag = (uint32_t)(h >> 32);
		m->tab[j].id = (uint32_t)id + 1;
	}
}

/* The slot of key, or of the empty place where it would go. */
static size_t
probe(const struct strmap *m, uint64_t h, const char *key, size_t len)
{
	uint32_t tag = (uint32_t)(h >> 32);
	size_t j;

	for (j = h & m->mask; m->tab[j].id; j = (j + 1) & m->mask)
		if (m->tab[j].tag == tag &&
		    keyeq(m, m->tab[j].id - 1, h, key, len))
			break;
	return j;
}

size_t
strmap_find(const struct strmap *m, const char *key, size_t len)
{
	size_t j = probe(m, hash_bytes(key, len, 0), key, len);

	return m->tab[j].id ? m->tab[j].id - 1 : (size_t)-1;
}

/*
 * Whether a key of len bytes still fits: ids (plus one) and arena offsets
 * are kept in 32 bits, and alen never passes UINT32_MAX.
 */
static int
fits(const struct strmap *m, size_t len)
{
	return m->n < UINT32_MAX - 1 && m->alen < UINT32_MAX &&
	    len < UINT32_MAX - m->alen;
}

/* Append the entry of a new key, which fits(); returns its id. */
static size_t
add(struct strmap *m, uint64_t h, const char *key, size_t len)
{
	struct entry *e;

	m->arena = xgrow(m->arena, &m->acap, m->alen + len + 1, 1);
	memcpy(m->arena + m->alen, key, len);
	m->arena[m->alen + len] = '\0';
	m->ent = xgrow(m->ent, &m->entcap, m->n + 1, m->stride);
	e = entry(m, m->n);
	memset(e, 0, m->stride);
	e->hash = h;
	e->off = (uint32_t)m->alen;
	e->len = (uint32_t)len;
	if (len <= INLINE_MAX)
		memcpy(e->inl, key, len);
	m->alen += len + 1;
	return m->n++;
}

void
strmap_prefetch(const struct strmap *m, uint64_t h)
{
	__builtin_prefetch(&m->tab[h & m->mask]);
}

void
strmap_prefetch_val(const struct strmap *m, const char *key, size_t len,
    uint64_t h)
{
	size_t j = probe(m, h, key, len);

	if (m->tab[j].id)
		__builtin_prefetch(entry(m, m->tab[j].id - 1));
}

size_t
strmap_intern(struct strmap *m, const char *key, size_t len, int *isnew)
{
	return strmap_intern_h(m, key, len, hash_bytes(key, len, 0), isnew);
}

size_t
strmap_intern_h(struct strmap *m, const char *key, size_t len, uint64_t h,
    int *isnew)
{
	size_t j = probe(m, h, key, len), id;

	if (m->tab[j].id) {
		if (isnew)
			*isnew = 0;
		return m->tab[j].id - 1;
	}
	if (!fits(m, len)) {
		if (isnew)
			*isnew = 0;
		return STRMAP_FULL;
	}
	if (isnew)
		*isnew = 1;
	id = add(m, h, key, len);
	m->tab[j].tag = (uint32_t)(h >> 32);
	m->tab[j].id = (uint32_t)id + 1;
	if (m->n * 2 > m->mask)
		rehash(m);
	return id;
}

void *
strmap_val(const struct strmap *m, size_t id)
{
	return m->ent + id * m->stride + sizeof(struct entry);
}

const char *
strmap_key(const struct strmap *m, size_t id, size_t *len)
{
	const struct entry *e = entry(m, id);

	if (len)
		*len = e->len;
	return m->arena + e->off;
}

size_t
strmap_count(const struct strmap *m)
{
	return m->n;
}
