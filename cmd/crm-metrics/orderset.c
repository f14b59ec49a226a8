/*
 * orderset.c: the distinct (customer, order) pairs of the streaming RFM
 * pass, counted exactly whatever the order of the rows.
 *
 * Pairs are appended to an array (with their keys in an arena) as they
 * come, which is sequential and cheap, instead of being looked up in a
 * hash table one random memory access at a time.  When the array has
 * doubled since the last compaction, it is sorted in place by
 * (customer, hash, key): by customer with an American flag sort, then
 * each customer's entries with a merge sort; and duplicates are folded
 * (their nets and days), so that memory stays within about twice the
 * distinct pairs even when the lines of an order are scattered, with no
 * second copy of the array while sorting.  The count at the end is one
 * more such sort.  The caller appends a pair only when it differs from
 * the previous row's, so that the lines of one order in a row cost
 * nothing.  An entry is 48 bytes: what --returns net needs (the order's
 * exact net and the days of its lines) is always kept, since a return
 * may come after the order's other lines were compacted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "err.h"
#include "hash.h"

#include "metrics.h"

#ifndef OSET_MIN
#define OSET_MIN	((size_t)1 << 20)	/* entries before compacting */
#endif

/*
 * 48 bytes: the mark of a return line is the top bit of len, so that
 * the entry of each line of a 2M-row stream stays small.
 */
struct oent {
	uint64_t	 h;		/* hash of the order id */
	size_t		 off;		/* of the key in the arena */
	struct fixsum	 net;		/* the sum of the order's lines */
	uint32_t	 cust;
	uint32_t	 len;		/* OENT_RET | the key's length */
	int32_t		 dmin, dmax;	/* days of its lines but returns */
};

#define OENT_RET	((uint32_t)1 << 31)	/* it has a return line */
#define OENT_LEN(e)	((e)->len & ~OENT_RET)

struct orderset {
	struct oent	*v;
	size_t		 n, cap, live;	/* live: entries after compacting */
	char		*arena;
	size_t		 alen, acap;
};

struct orderset *
metrics_oset_new(void)
{
	return xcalloc(1, sizeof(struct orderset));
}

void
metrics_oset_free(struct orderset *s)
{
	if (s == NULL)
		return;
	free(s->v);
	free(s->arena);
	free(s);
}

/* Sort order: customer, hash, then the key itself (ties are rare). */
static int
oent_cmp(const void *a, const void *b, void *arena)
{
	const struct oent *x = a, *y = b;
	const char *ar = arena;
	int c;

	if (x->cust != y->cust)
		return x->cust < y->cust ? -1 : 1;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (OENT_LEN(x) != OENT_LEN(y))
		return OENT_LEN(x) < OENT_LEN(y) ? -1 : 1;
	c = memcmp(ar + x->off, ar + y->off, OENT_LEN(x));
	return c;
}

/*
 * A merge sort of v[0..n) through tmp (qsort has no context argument
 * in C11, and the comparison needs the arena).
 */
static void
oent_sort(struct oent *v, struct oent *tmp, size_t n, char *arena)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	oent_sort(v, tmp, h, arena);
	oent_sort(v + h, tmp, n - h, arena);
	if (oent_cmp(&v[h - 1], &v[h], arena) <= 0)
		return;
	while (i < h && j < n)
		tmp[k++] = oent_cmp(&v[j], &v[i], arena) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	memcpy(v, tmp, k * sizeof(*v));
}

/*
 * Sort the entries in place: an American flag sort by customer (count,
 * then swap each entry into its customer's bucket), then a merge sort
 * of each customer's few entries, which stay in cache.  No copy of the
 * array: its scratch space is that of the largest customer's entries.
 */
static void
oset_sort(struct orderset *s)
{
	struct oent *tmp, e, t;
	size_t *at, *next, i, c, d, nc = 0, most = 1;

	for (i = 0; i < s->n; i++)
		if (s->v[i].cust >= nc)
			nc = (size_t)s->v[i].cust + 1;
	at = xcalloc(nc + 1, sizeof(*at));
	next = xcalloc(nc + 1, sizeof(*next));
	for (i = 0; i < s->n; i++)
		at[s->v[i].cust + 1]++;
	for (c = 0; c < nc; c++) {
		if (at[c + 1] > most)
			most = at[c + 1];
		at[c + 1] += at[c];
		next[c] = at[c];
	}
	/* at[c]..at[c+1]: customer c's bucket; next[c]: its first hole. */
	for (c = 0; c < nc; c++)
		while (next[c] < at[c + 1]) {
			e = s->v[next[c]];
			while ((d = e.cust) != c) {
				t = s->v[next[d]];
				s->v[next[d]++] = e;
				e = t;
			}
			s->v[next[c]++] = e;
		}
	tmp = xcalloc(most, sizeof(*tmp));
	for (c = 0; c < nc; c++)
		oent_sort(s->v + at[c], tmp, at[c + 1] - at[c], s->arena);
	free(tmp);
	free(next);
	free(at);
}

/* Fold the lines of entry b into a, the same order. */
static void
oent_fold(struct oent *a, const struct oent *b)
{
	fixsum_addf(&a->net, &b->net);
	if (b->dmin < a->dmin)
		a->dmin = b->dmin;
	if (b->dmax > a->dmax)
		a->dmax = b->dmax;
	a->len |= b->len & OENT_RET;
}

/*
 * Sort, drop duplicates and rebuild the arena with the survivors; the
 * last time (final), the keys are no longer needed, and the arena is
 * freed instead.
 */
static void
oset_compact(struct orderset *s, int final)
{
	struct oent prev;
	char *ar = NULL;
	size_t i, k, alen = 0;

	oset_sort(s);
	if (!final)
		ar = xmalloc(s->alen + 1);
	for (i = k = 0; i < s->n; i++) {
		/* prev: the last entry as it was, its key in the old arena */
		if (i > 0 && oent_cmp(&prev, &s->v[i], s->arena) == 0) {
			oent_fold(&s->v[k - 1], &s->v[i]);
			continue;
		}
		prev = s->v[i];
		s->v[k] = prev;
		if (!final) {
			memcpy(ar + alen, s->arena + prev.off, OENT_LEN(&prev));
			s->v[k].off = alen;
			alen += OENT_LEN(&prev);
		}
		k++;
	}
	free(s->arena);
	s->arena = ar;
	s->alen = alen;
	s->acap = final ? 0 : s->alen + 1;
	s->n = s->live = k;
}

/*
 * The (empty) lines of an entry: a return line has no day of purchase.
 */
static void
oent_line(struct oent *e, int32_t day, double v)
{
	struct fixsum one = FIXSUM_ZERO;

	fixsum_add(&one, v);
	fixsum_addf(&e->net, &one);
	if (metrics_rec_class(&one) == REC_RET) {
		e->len |= OENT_RET;
		return;
	}
	if (day < e->dmin)
		e->dmin = day;
	if (day > e->dmax)
		e->dmax = day;
}

/*
 * Add a line of the pair (cust, order p[0..len)) of amount v on day;
 * duplicates are fine.
 */
void
metrics_oset_add(struct orderset *s, uint32_t cust, const char *p, size_t len,
    int32_t day, double v)
{
	struct oent *e;

	if (s->n >= OSET_MIN && s->n >= 2 * s->live)
		oset_compact(s, 0);
	if (len >= OENT_RET)
		crm_errx(1, "an order id of %zu bytes is over the limit of "
		    "%lu", len, (unsigned long)OENT_RET - 1);
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->arena = xgrow(s->arena, &s->acap, s->alen + len + 1, 1);
	memcpy(s->arena + s->alen, p, len);
	e = &s->v[s->n++];
	memset(e, 0, sizeof(*e));
	e->h = hash_bytes(p, len, 0);
	e->off = s->alen;
	e->cust = cust;
	e->len = (uint32_t)len;
	e->dmin = INT32_MAX;
	e->dmax = INT32_MIN;
	oent_line(e, day, v);
	s->alen += len;
}

/* Add another line to the pair added last. */
void
metrics_oset_more(struct orderset *s, int32_t day, double v)
{
	oent_line(&s->v[s->n - 1], day, v);
}

/*
 * Set cnt[c] to the number of distinct orders of customer c; with
 * cancel, leave out the cancelled ones (a return line, a net not above
 * 0) and set first[c] and last[c] to the days of the orders counted
 * (INT32_MAX and INT32_MIN when none).
 */
void
metrics_oset_count(struct orderset *s, uint64_t *cnt, size_t ncust,
    int cancel, int32_t *first, int32_t *last)
{
	const struct oent *e;
	size_t i;

	oset_compact(s, 1);
	memset(cnt, 0, ncust * sizeof(*cnt));
	for (i = 0; cancel && i < ncust; i++) {
		first[i] = INT32_MAX;
		last[i] = INT32_MIN;
	}
	for (i = 0; i < s->n; i++) {
		e = &s->v[i];
		if (e->cust >= ncust)
			continue;
		if (!cancel) {
			cnt[e->cust]++;
			continue;
		}
		if ((e->len & OENT_RET) && metrics_rec_class(&e->net) != REC_BUY)
			continue;
		cnt[e->cust]++;
		if (e->dmin < first[e->cust])
			first[e->cust] = e->dmin;
		if (e->dmax > last[e->cust])
			last[e->cust] = e->dmax;
	}
}
