/*
 * test_hash.c: hash_bytes and the string interner of common/hash.c.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "t.h"

static void
t_strmap(void)
{
	struct strmap *m = strmap_new();
	char key[32];
	size_t i, len;
	int isnew;

	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "c%zu", i);
		CHECK(strmap_intern(m, key, strlen(key), &isnew) == i && isnew);
	}
	for (i = 0; i < 100000; i += 7) {
		snprintf(key, sizeof(key), "c%zu", i);
		CHECK(strmap_intern(m, key, strlen(key), &isnew) == i && !isnew);
		CHECK(strcmp(strmap_key(m, i, &len), key) == 0);
	}
	CHECK(strmap_find(m, "nope", 4) == (size_t)-1);
	CHECK(strmap_count(m) == 100000);
	CHECK(strmap_intern(m, "", 0, &isnew) == 100000 && isnew);
	strmap_free(m);
}

/* Values beside keys: zeroed when added, kept through rehashing. */
static void
t_strmap_val(void)
{
	struct strmap *m = strmap_new_val(3 * sizeof(uint64_t));
	char key[48];
	uint64_t *v;
	size_t i, id;
	int isnew;

	for (i = 0; i < 50000; i++) {
		/* short keys and keys longer than the inline 16 bytes */
		snprintf(key, sizeof(key), i % 2 ? "k%zu" :
		    "a-much-longer-customer-key-%zu", i);
		id = strmap_intern(m, key, strlen(key), &isnew);
		v = strmap_val(m, id);
		CHECK(isnew && v[0] == 0 && v[1] == 0 && v[2] == 0);
		v[0] = i;
		v[2] = i * 3;
	}
	for (i = 0; i < 50000; i += 13) {
		snprintf(key, sizeof(key), i % 2 ? "k%zu" :
		    "a-much-longer-customer-key-%zu", i);
		id = strmap_find(m, key, strlen(key));
		v = strmap_val(m, id);
		CHECK(id == i && v[0] == i && v[2] == i * 3);
	}
	strmap_free(m);
}

/* With h from hash_bytes, strmap_intern_h is strmap_intern. */
static void
t_intern_h(void)
{
	struct strmap *a = strmap_new(), *b = strmap_new();
	char key[48];
	size_t i, len, ida, idb;
	uint64_t h;
	int na, nb;

	for (i = 0; i < 30000; i++) {
		/* a third repeat earlier keys; some are past the inline 16 */
		snprintf(key, sizeof(key), i % 5 ? "id-%zu" :
		    "customer-number-%zu-long", i % 3 ? i : i / 3);
		len = strlen(key);
		h = hash_bytes(key, len, 0);
		ida = strmap_intern(a, key, len, &na);
		idb = strmap_intern_h(b, key, len, h, &nb);
		CHECK(ida == idb && na == nb);
		/* each finds what the other added */
		CHECK(strmap_intern_h(a, key, len, h, &na) == ida && !na);
		CHECK(strmap_intern(b, key, len, &nb) == idb && !nb);
	}
	CHECK(strmap_count(a) == strmap_count(b));
	CHECK(strmap_count(a) > 20000 && strmap_count(a) < 30000);
	CHECK(hash_bytes("abc", 3, 0) == hash_bytes("abc", 3, 0));
	CHECK(hash_bytes("abc", 3, 0) != hash_bytes("abc", 3, 1));
	CHECK(hash_bytes("abc", 3, 0) != hash_bytes("abd", 3, 0));
	strmap_free(a);
	strmap_free(b);
}

/* Keys are bytes: NULs inside, empty keys, prefixes all distinct. */
static void
t_nul_and_empty(void)
{
	static const struct {
		const char	*s;
		size_t		 len;
	} k[] = {
		{ "", 0 }, { "a", 1 }, { "a\0", 2 }, { "a\0b", 3 },
		{ "a\0c", 3 }, { "\0", 1 }, { "\0\0", 2 },
		{ "0123456789abcdef\0x", 18 }, { "0123456789abcdef\0y", 18 },
		{ "0123456789abcdef", 16 }, { "0123456789abcdef\0", 17 }
	};
	struct strmap *m = strmap_new();
	const char *p;
	size_t i, n = sizeof(k) / sizeof(k[0]), len;
	int isnew;

	for (i = 0; i < n; i++) {
		CHECK(strmap_find(m, k[i].s, k[i].len) == (size_t)-1);
		CHECK(strmap_intern(m, k[i].s, k[i].len, &isnew) == i && isnew);
	}
	for (i = 0; i < n; i++) {
		CHECK(strmap_intern(m, k[i].s, k[i].len, &isnew) == i &&
		    !isnew);
		CHECK(strmap_find(m, k[i].s, k[i].len) == i);
		p = strmap_key(m, i, &len);
		CHECK(len == k[i].len && memcmp(p, k[i].s, len) == 0);
		CHECK(p[len] == '\0');
	}
	CHECK(strmap_key(m, 0, NULL)[0] == '\0');
	CHECK(strmap_count(m) == n);
	strmap_free(m);
}

/* Misses: absent keys, prefixes, one byte off, other lengths. */
static void
t_find_miss(void)
{
	struct strmap *m = strmap_new();
	const char *lk = "a-key-well-past-sixteen-bytes";
	char key[32];
	size_t i;

	CHECK(strmap_find(m, "", 0) == (size_t)-1);
	CHECK(strmap_find(m, "x", 1) == (size_t)-1);
	CHECK(strmap_intern(m, lk, strlen(lk), NULL) == 0);
	CHECK(strmap_intern(m, "abc", 3, NULL) == 1);
	CHECK(strmap_find(m, "", 0) == (size_t)-1);
	CHECK(strmap_find(m, "ab", 2) == (size_t)-1);
	CHECK(strmap_find(m, "abc", 2) == (size_t)-1);
	CHECK(strmap_find(m, "abcd", 4) == (size_t)-1);
	CHECK(strmap_find(m, "abd", 3) == (size_t)-1);
	CHECK(strmap_find(m, "a-key-well-past-sixteen-byteZ",
	    strlen(lk)) == (size_t)-1);
	CHECK(strmap_find(m, lk, strlen(lk) - 1) == (size_t)-1);
	CHECK(strmap_find(m, lk, strlen(lk)) == 0);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		strmap_intern(m, key, strlen(key), NULL);
	}
	for (i = 5000; i < 10000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		CHECK(strmap_find(m, key, strlen(key)) == (size_t)-1);
	}
	CHECK(strmap_find(m, "k4999", 5) == 5001);
	CHECK(strmap_count(m) == 5002);
	strmap_free(m);
}

/*
 * Two maps fed the same keys, one with prefetches of present and absent
 * keys between its lookups: the same ids, values and counts.
 */
static void
t_prefetch(void)
{
	struct strmap *a = strmap_new_val(8), *b = strmap_new_val(8);
	char key[32];
	size_t i, len, ida, idb;
	uint64_t h;
	int na, nb;

	strmap_prefetch(b, hash_bytes("x", 1, 0));
	strmap_prefetch_val(b, "x", 1, hash_bytes("x", 1, 0));
	CHECK(strmap_count(b) == 0 && strmap_find(b, "x", 1) == (size_t)-1);
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "c%zu", i * 7 % 13000);
		len = strlen(key);
		h = hash_bytes(key, len, 0);
		strmap_prefetch(b, h);
		strmap_prefetch_val(b, key, len, h);
		strmap_prefetch_val(b, "absent", 6, hash_bytes("absent", 6,
		    0));
		ida = strmap_intern(a, key, len, &na);
		idb = strmap_intern_h(b, key, len, h, &nb);
		CHECK(ida == idb && na == nb);
		*(uint64_t *)strmap_val(a, ida) += i;
		*(uint64_t *)strmap_val(b, idb) += i;
	}
	CHECK(strmap_count(a) == 13000 && strmap_count(b) == 13000);
	CHECK(strmap_find(b, "absent", 6) == (size_t)-1);
	for (i = 0; i < strmap_count(a); i++)
		CHECK(*(uint64_t *)strmap_val(a, i) ==
		    *(uint64_t *)strmap_val(b, i) &&
		    strcmp(strmap_key(a, i, NULL), strmap_key(b, i, NULL)) == 0);
	strmap_free(a);
	strmap_free(b);
	strmap_free(NULL);
}

/*
 * A key the map cannot take (over the 4 GB of keys that 32-bit offsets
 * reach) gives STRMAP_FULL and leaves the map as it was.  The key is a
 * read-only mapping of zero pages, reserved but never backed by memory.
 */
static void
t_full(void)
{
	struct strmap *m = strmap_new_val(8);
	size_t big = (size_t)UINT32_MAX - 4, len;
	char *p;
	int isnew;

	p = mmap(NULL, big, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		printf("# t_full: skipped (no 4 GB mapping)\n");
		strmap_free(m);
		return;
	}
	/* "abc" takes 4 arena bytes: 4 + big + 1 is one past UINT32_MAX */
	CHECK(strmap_intern(m, "abc", 3, NULL) == 0);
	*(uint64_t *)strmap_val(m, 0) = 77;
	isnew = 1;
	CHECK(strmap_intern_h(m, p, big, 12345, &isnew) == STRMAP_FULL);
	CHECK(isnew == 0);
	isnew = 1;
	CHECK(strmap_intern(m, p, big, &isnew) == STRMAP_FULL && !isnew);
	CHECK(strmap_count(m) == 1);
	CHECK(strmap_find(m, "abc", 3) == 0);
	CHECK(*(uint64_t *)strmap_val(m, 0) == 77);
	CHECK(strcmp(strmap_key(m, 0, &len), "abc") == 0 && len == 3);
	CHECK(strmap_intern(m, "de", 2, &isnew) == 1 && isnew);
	CHECK(strmap_count(m) == 2);
	munmap(p, big);
	strmap_free(m);
}

int
main(void)
{
	RUN(t_strmap);
	RUN(t_strmap_val);
	RUN(t_intern_h);
	RUN(t_nul_and_empty);
	RUN(t_find_miss);
	RUN(t_prefetch);
	RUN(t_full);
	T_EXIT();
}
