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
/* The id of key, adding it if new (*isnew set when given). */
size_t		 strmap_intern(struct strmap *, const char *key, size_t len,
		    int *isnew);
/*
 * For streams of lookups that would each miss the cache: with h =
 * hash_bytes(key, len, 0), strmap_prefetch brings key's index slot
 * toward the cache, and strmap_prefetch_val, some rows later, finds the
 * key's entry (if it is there) and brings it too; strmap_intern_h then
 * uses h.  The prefetches change nothing.
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
