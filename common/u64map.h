/*
 * u64map.h: a map from 64-bit integer keys to dense ids 0..n-1, given in
 * insertion order, with an optional fixed-size value kept beside each
 * key.  Any key value is allowed, 0 and UINT64_MAX included.  Pairs of
 * 32-bit ids (group and period, customer and day, two items) pack into
 * one key with u64map_pair.
 */
#ifndef CRM_U64MAP_H
#define CRM_U64MAP_H

#include <stddef.h>
#include <stdint.h>

struct u64map;

/*
 * Returned by u64map_intern when the map cannot take a new key: ids are
 * kept in 32 bits, so a map holds at most UINT32_MAX - 1 keys.  Also
 * what u64map_find returns for an absent key.
 */
#define U64MAP_FULL	((size_t)-1)

/*
 * A new empty map keeping valsize bytes per key (0: none), zeroed when
 * the key is added.  Exits only when memory runs out.
 */
struct u64map	*u64map_new(size_t valsize);
void		 u64map_free(struct u64map *);
/*
 * The id of key, adding it if new (*isnew set when given).  When the map
 * is full: U64MAP_FULL, *isnew 0 and the map unchanged.
 */
size_t		 u64map_intern(struct u64map *, uint64_t key, int *isnew);
/* The id of key, or (size_t)-1 when it is absent. */
size_t		 u64map_find(const struct u64map *, uint64_t key);
/* The key of id (id below u64map_count). */
uint64_t	 u64map_key(const struct u64map *, size_t id);
/*
 * The value of id (of a map with a valsize; 8-byte aligned).  Valid
 * until the next u64map_intern adds a key.
 */
void		*u64map_val(const struct u64map *, size_t id);
size_t		 u64map_count(const struct u64map *);

/*
 * One key for the ordered pair (a, b): a in the high 32 bits, b in the
 * low.  For an unordered pair pass the smaller id first.
 */
uint64_t	 u64map_pair(uint32_t a, uint32_t b);
/* The a and the b of a key made by u64map_pair. */
uint32_t	 u64map_pair_a(uint64_t key);
uint32_t	 u64map_pair_b(uint64_t key);

#endif
