/*
 * apriori.c: frequent itemsets by Apriori (Agrawal and Srikant, 1994),
 * for cross-checking FP-growth (--algo apriori): level by level, the
 * candidates of k items are the unions of two frequent (k-1)-sets that
 * share their first k-2 items, kept when every (k-1)-subset is frequent,
 * and counted in one pass over the transactions.  The candidates are
 * kept sorted, a flat array that serves as the prefix tree: a
 * transaction walks it by binary search on each item position.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#include "rules.h"

struct level {
	uint32_t	*c;		/* m candidates of k items, sorted */
	uint64_t	*cnt;
	size_t		 m, cap;
	unsigned	 k;
};

/* First index in [lo, hi) whose item at column d is >= v. */
static size_t
lower(const struct level *l, size_t lo, size_t hi, unsigned d, uint32_t v)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->c[mid * l->k + d] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Count the candidates in [lo, hi) (sharing d items) in tx[pos..n). */
static void
walk(struct level *l, const uint32_t *tx, size_t n, size_t pos, size_t lo,
    size_t hi, unsigned d)
{
	size_t p, a, b;

	for (p = pos; p + (l->k - d) <= n; p++) {
		uint32_t t = tx[p];

		if (t > l->c[(hi - 1) * l->k + d])
			break;
		a = lower(l, lo, hi, d, t);
		if (a == hi || l->c[a * l->k + d] != t)
			continue;
		b = lower(l, a, hi, d, t + 1);
		if (d + 1 == l->k)
			l->cnt[a]++;
		else
			walk(l, tx, n, p + 1, a, b, d + 1);
		lo = b;
		if (lo == hi)
			break;
	}
}

static void
add_cand(struct level *l, const uint32_t *c)
{
	l->c = xgrow(l->c, &l->cap, (l->m + 1) * l->k, sizeof(*l->c));
	memcpy(l->c + l->m * l->k, c, l->k * sizeof(*c));
	l->m++;
}

/* Every (k-1)-subset of c but the two it was joined from is frequent. */
static int
subsets_frequent(const struct isindex *x, const uint32_t *c, unsigned k)
{
	uint32_t sub[1024];
	unsigned d, j, n;

	for (d = 0; d + 2 < k; d++) {
		for (j = n = 0; j < k; j++)
			if (j != d)
				sub[n++] = c[j];
		if (rules_index_find(x, sub, k - 1) == (size_t)-1)
			return 0;
	}
	return 1;
}

/* Candidates of k items from the frequent sets prev (k-1, sorted). */
static void
candidates(const struct isets *prev, unsigned k, struct level *l)
{
	struct isindex *x = rules_index_new(prev);
	uint32_t c[1024];
	size_t i, j;

	l->m = 0;
	l->k = k;
	for (i = 0; i < prev->n; i++) {
		const uint32_t *a = prev->it + prev->off[i];

		for (j = i + 1; j < prev->n; j++) {
			const uint32_t *b = prev->it + prev->off[j];

			if (memcmp(a, b, (k - 2) * sizeof(*a)) != 0)
				break;
			memcpy(c, a, (k - 1) * sizeof(*a));
			c[k - 1] = b[k - 2];
			if (subsets_frequent(x, c, k))
				add_cand(l, c);
		}
	}
	rules_index_free(x);
}

void
rules_apriori(const struct txdb *db, uint64_t minc, unsigned maxlen,
    struct isets *out)
{
	struct isets prev = { 0 }, cur = { 0 };
	struct level l = { 0 };
	uint32_t i;
	unsigned k;
	size_t t;

	if (maxlen > 1024)
		maxlen = 1024;
	for (i = 0; i < db->nitems && maxlen > 0; i++)
		rules_isets_add(&prev, &i, 1, db->supp[i]);
	for (k = 2; k <= maxlen && prev.n > 1; k++) {
		candidates(&prev, k, &l);
		if (l.m == 0)
			break;
		l.cnt = xreallocarray(l.cnt, l.m, sizeof(*l.cnt));
		memset(l.cnt, 0, l.m * sizeof(*l.cnt));
		for (t = 0; t < db->n; t++)
			walk(&l, db->item + db->start[t],
			    db->start[t + 1] - db->start[t], 0, 0, l.m, 0);
		for (t = 0; t < l.m; t++)
			if (l.cnt[t] >= minc)
				rules_isets_add(&cur, l.c + t * k, k, l.cnt[t]);
		rules_isets_append(out, &prev);
		prev = cur;
		memset(&cur, 0, sizeof(cur));
	}
	rules_isets_append(out, &prev);
	free(l.c);
	free(l.cnt);
}
