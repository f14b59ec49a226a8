/*
 * u64map.c: the integer-keyed map.
 *
 * The layout follows strmap's (hash.c): an index of 8-byte slots (32
 * bits of the key's hash and the id plus one, 0 meaning empty; open
 * addressing with linear probing, at most half full, doubled when it
 * would be more), and one fixed-size entry per key in id order holding
 * the key and the caller's value.  A lookup with its value thus touches
 * one index slot and one entry.  Since emptiness lives in the id, no key
 * value has to be reserved as a marker.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "u64map.h"

#define INIT_SLOTS	16		/* a power of two */

struct slot {
	uint32_t	 tag;		/* the hash's high 32 bits */
	uint32_t	 id;		/* id + 1; 0 = empty */
};

struct u64map {
	struct slot	*tab;
	size_t		 mask;		/* slots - 1 */
	unsigned char	*ent;		/* n entries of stride bytes */
	size_t		 stride;	/* the key, then the value */
	size_t		 entcap;
	size_t		 n;
};

/*
 * The finalizer of splitmix64 (Stafford's "mix13"): a bijection whose
 * every output bit depends on every input bit, so that keys differing
 * only in high bits (packed pairs) or only in low bits (counters) both
 * spread over the table.
 */
static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

struct u64map *
u64map_new(size_t valsize)
{
	struct u64map *m;

	m = xcalloc(1, sizeof(*m));
	m->mask = INIT_SLOTS - 1;
	m->tab = xcalloc(INIT_SLOTS, sizeof(*m->tab));
	m->stride = sizeof(uint64_t) + (valsize + 7) / 8 * 8;
	return m;
}

void
u64map_free(struct u64map *m)
{
	if (m == NULL)
		return;
	free(m->tab);
	free(m->ent);
	free(m);
}

static unsigned char *
entry(const struct u64map *m, size_t id)
{
	return m->ent + id * m->stride;
}

uint64_t
u64map_key(const struct u64map *m, size_t id)
{
	uint64_t k;

	memcpy(&k, entry(m, id), sizeof(k));
	return k;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
probe(const struct u64map *m, uint64_t h, uint64_t key)
{
	uint32_t tag = (uint32_t)(h >> 32);
	size_t j;

	for (j = h & m->mask; m->tab[j].id; j = (j + 1) & m->mask)
		if (m->tab[j].tag == tag &&
		    u64map_key(m, m->tab[j].id - 1) == key)
			break;
	return j;
}

/* Double the index and put every id back in it. */
static void
rehash(struct u64map *m)
{
	size_t id, j;
	uint64_t h;

	free(m->tab);
	m->mask = m->mask * 2 + 1;
	m->tab = xcalloc(m->mask + 1, sizeof(*m->tab));
	for (id = 0; id < m->n; id++) {
		h = mix64(u64map_key(m, id));
		for (j = h & m->mask; m->tab[j].id; j = (j + 1) & m->mask)
			continue;
		m->tab[j].tag = (uint32_t)(h >> 32);
		m->tab[j].id = (uint32_t)id + 1;
	}
}

size_t
u64map_find(const struct u64map *m, uint64_t key)
{
	size_t j = probe(m, mix64(key), key);

	return m->tab[j].id ? m->tab[j].id - 1 : (size_t)-1;
}

/*
 * Look key up and add it when absent: a zeroed entry at the end, then
 * its slot, then a larger index if this one is now over half full.
 */
size_t
u64map_intern(struct u64map *m, uint64_t key, int *isnew)
{
	uint64_t h = mix64(key);
	size_t j = probe(m, h, key), id;

	if (isnew)
		*isnew = 0;
	if (m->tab[j].id)
		return m->tab[j].id - 1;
	if (m->n >= UINT32_MAX - 1)
		return U64MAP_FULL;
	m->ent = xgrow(m->ent, &m->entcap, m->n + 1, m->stride);
	id = m->n++;
	memset(entry(m, id), 0, m->stride);
	memcpy(entry(m, id), &key, sizeof(key));
	m->tab[j].tag = (uint32_t)(h >> 32);
	m->tab[j].id = (uint32_t)id + 1;
	if (m->n * 2 > m->mask)
		rehash(m);
	if (isnew)
		*isnew = 1;
	return id;
}

void *
u64map_val(const struct u64map *m, size_t id)
{
	return entry(m, id) + sizeof(uint64_t);
}

size_t
u64map_count(const struct u64map *m)
{
	return m->n;
}

uint64_t
u64map_pair(uint32_t a, uint32_t b)
{
	return (uint64_t)a << 32 | b;
}

uint32_t
u64map_pair_a(uint64_t key)
{
	return (uint32_t)(key >> 32);
}

uint32_t
u64map_pair_b(uint64_t key)
{
	return (uint32_t)key;
}
