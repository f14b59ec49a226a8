/*
 * dedup.c: exact de-duplication on key columns.
 *
 * The key of a row is its key cells, each written as a length (LEB128)
 * and its bytes, so that no two different cell lists share a key.
 * --keep first streams: a set of the keys seen (memory grows with the
 * distinct keys, not the rows).  --keep last keeps, for each key, a copy
 * of its latest row, in a list ordered by the position of that latest
 * occurrence (what pandas' drop_duplicates(keep='last') gives); the rows
 * are written at the end of the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "input.h"
#include "clean.h"

#define NONE	((size_t)-1)

/* The latest row of one key: ncols lengths, ncols flags, the bytes. */
struct kept {
	char	*buf;
	size_t	 cap;
};

struct dedup {
	struct strmap	*keys;
	char		*key;		/* the key being built */
	size_t		 keylen;
	size_t		 keycap;
	int		 keep_last;
	size_t		 ncols;
	struct kept	*rows;		/* --keep last: per key id */
	size_t		*prev;		/* order of latest occurrence */
	size_t		*next;
	size_t		 cap;
	size_t		 head;
	size_t		 tail;
	const char	**val;		/* a kept row, decoded */
	size_t		*len;
};

struct dedup *
clean_dedup_new(int keep_last, size_t ncols)
{
	struct dedup *d;

	d = xcalloc(1, sizeof(*d));
	d->keys = strmap_new();
	d->keep_last = keep_last;
	d->ncols = ncols;
	d->head = d->tail = NONE;
	d->val = xcalloc(ncols + 1, sizeof(*d->val));
	d->len = xcalloc(ncols + 1, sizeof(*d->len));
	return d;
}

void
clean_dedup_free(struct dedup *d)
{
	size_t i;

	if (d == NULL)
		return;
	if (d->rows != NULL)
		for (i = 0; i < strmap_count(d->keys); i++)
			free(d->rows[i].buf);
	free(d->rows);
	free(d->prev);
	free(d->next);
	free(d->key);
	free(d->val);
	free(d->len);
	strmap_free(d->keys);
	free(d);
}

void
clean_dedup_key_reset(struct dedup *d)
{
	d->keylen = 0;
}

/* Append one cell to the key being built. */
void
clean_dedup_key_add(struct dedup *d, const char *p, size_t len)
{
	size_t n = len;

	d->key = xgrow(d->key, &d->keycap, d->keylen + len + 10, 1);
	do {
		d->key[d->keylen++] = (char)((n & 0x7F) | (n > 0x7F ? 0x80
		    : 0));
		n >>= 7;
	} while (n > 0);
	memcpy(d->key + d->keylen, p, len);
	d->keylen += len;
}

/* --keep first: 1 when the key is new (write the row), 0 for a duplicate. */
int
clean_dedup_first(struct dedup *d)
{
	int isnew;

	input_intern(d->keys, d->key, d->keylen, &isnew, "keys");
	return isnew;
}

/* Move key id to the end of the order list (it may be absent). */
static void
order_append(struct dedup *d, size_t id, int present)
{
	if (present) {
		if (d->tail == id)
			return;
		if (d->prev[id] != NONE)
			d->next[d->prev[id]] = d->next[id];
		else
			d->head = d->next[id];
		d->prev[d->next[id]] = d->prev[id];
	}
	d->prev[id] = d->tail;
	d->next[id] = NONE;
	if (d->tail != NONE)
		d->next[d->tail] = id;
	else
		d->head = id;
	d->tail = id;
}

/* Decode the kept row of id into d->val, d->len; returns its flags. */
static const unsigned char *
kept_row(struct dedup *d, size_t id)
{
	const char *p;
	size_t i;

	memcpy(d->len, d->rows[id].buf, d->ncols * sizeof(size_t));
	p = d->rows[id].buf + d->ncols * (sizeof(size_t) + 1);
	for (i = 0; i < d->ncols; i++) {
		d->val[i] = p;
		p += d->len[i];
	}
	return (const unsigned char *)d->rows[id].buf +
	    d->ncols * sizeof(size_t);
}

/*
 * --keep last: keep a copy of the row (ncols cells and ncols flag bytes)
 * as the latest of its key.  Returns 1 when it replaces an earlier row
 * (one duplicate more), 0 when the key is new.  The row replaced is
 * handed to dropped(arg, cells, lengths) first, when dropped is not NULL.
 */
int
clean_dedup_last_put(struct dedup *d, const char *const *val, const size_t *len,
    const unsigned char *flags,
    void (*dropped)(void *, const char *const *, const size_t *), void *arg)
{
	struct kept *k;
	size_t id, i, need, cap;
	char *p;
	int isnew;

	id = input_intern(d->keys, d->key, d->keylen, &isnew, "keys");
	if (id >= d->cap) {
		cap = d->cap;
		d->rows = xgrow(d->rows, &cap, id + 1, sizeof(*d->rows));
		d->prev = xreallocarray(d->prev, cap, sizeof(*d->prev));
		d->next = xreallocarray(d->next, cap, sizeof(*d->next));
		memset(d->rows + d->cap, 0, (cap - d->cap) * sizeof(*d->rows));
		d->cap = cap;
	}
	order_append(d, id, !isnew);
	if (!isnew && dropped != NULL) {
		kept_row(d, id);
		dropped(arg, d->val, d->len);
	}
	need = d->ncols * (sizeof(size_t) + 1);
	for (i = 0; i < d->ncols; i++)
		need += len[i];
	k = &d->rows[id];
	k->buf = xgrow(k->buf, &k->cap, need, 1);
	memcpy(k->buf, len, d->ncols * sizeof(size_t));
	memcpy(k->buf + d->ncols * sizeof(size_t), flags, d->ncols);
	p = k->buf + d->ncols * (sizeof(size_t) + 1);
	for (i = 0; i < d->ncols; i++) {
		if (len[i] > 0)
			memcpy(p, val[i], len[i]);
		p += len[i];
	}
	return !isnew;
}

/*
 * --keep last: call emit(arg, cells, lengths, flags) for each kept row in
 * the order of the latest occurrences, then release the copies.
 */
void
clean_dedup_last_flush(struct dedup *d,
    void (*emit)(void *, const char *const *, const size_t *,
    const unsigned char *), void *arg)
{
	const unsigned char *flags;
	size_t id;

	for (id = d->head; id != NONE; id = d->next[id]) {
		flags = kept_row(d, id);
		emit(arg, d->val, d->len, flags);
		free(d->rows[id].buf);
		d->rows[id].buf = NULL;
	}
}
