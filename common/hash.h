/*
 * hash.h: a string interner mapping byte strings to dense ids 0..n-1,
 * and the hash function used across crmkit.
 */
#ifndef CRM_HASH_H
#define CRM_HASH_H

#include <stddef.h>
#include <stdint.h>

struct strmap;

uint64_t	 hash_bytes(const void *, size_t, uint64_t seed);

struct strmap	*strmap_new(void);
/*
 * A map that also keeps valsize bytes per key (zeroed when the key is
 * added) beside it, so that a lookup and the use of its value touch the
 * same memory: per-customer figures, say.
 */
struct strmap	*strmap_new_val(size_t valsize);
void		 strmap_free(struct strmap *);
/*
 * Returned by strmap_intern and strmap_intern_h when the map cannot take
 * a new key: ids and key offsets are 32-bit, so a map holds at most
 * UINT32_MAX - 1 keys and 4 GB of keys (each with a NUL).
 */
#define STRMAP_FULL	((size_t)-1)

/*
 * The id of key, adding it if new (*isnew set when given).  A key the
 * map cannot take gives STRMAP_FULL, with *isnew 0 and the map
 * unchanged; keys already in it are still found.  Running out of memory
 * exits (the x-allocators).
 */
size_t		 strmap_intern(struct strmap *, const char *key, size_t len,
		    int *isnew);
/*
 * For streams of lookups that would each miss the cache: with h =
 * hash_bytes(key, len, 0), strmap_prefetch brings key's index slot
 * toward the cache, and strmap_prefetch_val, some rows later, finds the
 * key's entry (if it is there) and brings it too; strmap_intern_h then
 * uses h, and returns as strmap_intern does (STRMAP_FULL included).  The
 * prefetches change nothing.
 */
void		 strmap_prefetch(const struct strmap *, uint64_t h);
void		 strmap_prefetch_val(const struct strmap *, const char *key,
		    size_t len, uint64_t h);
size_t		 strmap_intern_h(struct strmap *, const char *key, size_t len,
		    uint64_t h, int *isnew);
/* The id of key, or (size_t)-1. */
size_t		 strmap_find(const struct strmap *, const char *key,
		    size_t len);
/*
 * The value of id (of strmap_new_val; 8-byte aligned).  Valid until the
 * next strmap_intern adds a key.
 */
void		*strmap_val(const struct strmap *, size_t id);
/* The key of id (NUL-terminated; valid until the next key is added). */
const char	*strmap_key(const struct strmap *, size_t id, size_t *len);
size_t		 strmap_count(const struct strmap *);

#endif
