/*
 * eclat.c: frequent itemsets by Eclat (Zaki, 2000), for cross-checking
 * FP-growth (--algo eclat): each item's list of transactions, and depth
 * first the intersections of the lists of a common prefix.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#include "rules.h"

/* One member of an equivalence class: an item and its transactions. */
struct member {
	uint32_t	 item;
	uint32_t	*tid;
	size_t		 n;
};

struct eclat {
	uint64_t	 minc;
	unsigned	 maxlen;
	uint32_t	*prefix;
	struct isets	*out;
};

/* Intersect two ascending lists into out; returns its length. */
static size_t
intersect(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    uint32_t *out)
{
	size_t i = 0, j = 0, n = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			out[n++] = a[i];
			i++;
			j++;
		}
	}
	return n;
}

/* The class m[0..n) after depth prefix items. */
static void
eclat_class(struct eclat *e, const struct member *m, size_t n,
    unsigned depth)
{
	struct member *next;
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		e->prefix[depth] = m[i].item;
		rules_isets_add(e->out, e->prefix, depth + 1, m[i].n);
		if (depth + 1 >= e->maxlen || i + 1 == n)
			continue;
		next = xmalloc((n - i) * sizeof(*next));
		for (j = i + 1, k = 0; j < n; j++) {
			uint32_t *t = xmalloc((m[i].n < m[j].n ? m[i].n :
			    m[j].n) * sizeof(*t) + sizeof(*t));
			size_t c = intersect(m[i].tid, m[i].n, m[j].tid,
			    m[j].n, t);

			if (c < e->minc) {
				free(t);
				continue;
			}
			next[k].item = m[j].item;
			next[k].tid = t;
			next[k++].n = c;
		}
		eclat_class(e, next, k, depth + 1);
		for (j = 0; j < k; j++)
			free(next[j].tid);
		free(next);
	}
}

void
rules_eclat(const struct txdb *db, uint64_t minc, unsigned maxlen,
    struct isets *out)
{
	struct member *m;
	struct eclat e;
	size_t i, j, *fill;

	if (db->nitems == 0 || maxlen == 0)
		return;
	m = xcalloc(db->nitems, sizeof(*m));
	fill = xcalloc(db->nitems, sizeof(*fill));
	for (i = 0; i < db->nitems; i++) {
		m[i].item = (uint32_t)i;
		m[i].n = (size_t)db->supp[i];
		m[i].tid = xmalloc((m[i].n + 1) * sizeof(*m[i].tid));
	}
	for (i = 0; i < db->n; i++)
		for (j = db->start[i]; j < db->start[i + 1]; j++) {
			uint32_t it = db->item[j];

			m[it].tid[fill[it]++] = (uint32_t)i;
		}
	e.minc = minc;
	e.maxlen = maxlen;
	e.prefix = xcalloc(maxlen + 1, sizeof(*e.prefix));
	e.out = out;
	eclat_class(&e, m, db->nitems, 0);
	for (i = 0; i < db->nitems; i++)
		free(m[i].tid);
	free(m);
	free(fill);
	free(e.prefix);
}
