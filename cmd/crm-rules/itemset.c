/*
 * itemset.c: the store of frequent itemsets, their lookup by items,
 * the closed and maximal filters, item lists as text, and the itemsets
 * output.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "hash.h"
#include "ml/order.h"
#include "strbuf.h"

#include "rules.h"

void
rules_isets_add(struct isets *s, const uint32_t *items, uint32_t len,
    uint64_t cnt)
{
	if (s->n == s->cap) {
		size_t cap = s->cap;

		s->off = xgrow(s->off, &cap, s->n + 1, sizeof(*s->off));
		s->len = xreallocarray(s->len, cap, sizeof(*s->len));
		s->cnt = xreallocarray(s->cnt, cap, sizeof(*s->cnt));
		s->cap = cap;
	}
	s->it = xgrow(s->it, &s->capit, s->nit + len, sizeof(*s->it));
	memcpy(s->it + s->nit, items, len * sizeof(*items));
	s->off[s->n] = s->nit;
	s->len[s->n] = len;
	s->cnt[s->n++] = cnt;
	s->nit += len;
}

void
rules_isets_append(struct isets *a, struct isets *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		rules_isets_add(a, b->it + b->off[i], b->len[i], b->cnt[i]);
	rules_isets_free(b);
}

void
rules_isets_free(struct isets *s)
{
	free(s->it);
	free(s->off);
	free(s->len);
	free(s->cnt);
	memset(s, 0, sizeof(*s));
}

/* Open addressing over set indices + 1 (0: empty slot). */
struct isindex {
	const struct isets *s;
	size_t		*slot;
	size_t		 mask;
};

static uint64_t
set_hash(const uint32_t *items, uint32_t len)
{
	return hash_bytes(items, len * sizeof(*items), 0x5eed);
}

struct isindex *
rules_index_new(const struct isets *s)
{
	struct isindex *x = xcalloc(1, sizeof(*x));
	size_t size = 16, i, h;

	while (size < 2 * s->n)
		size *= 2;
	x->s = s;
	x->mask = size - 1;
	x->slot = xcalloc(size, sizeof(*x->slot));
	for (i = 0; i < s->n; i++) {
		h = set_hash(s->it + s->off[i], s->len[i]) & x->mask;
		while (x->slot[h] != 0)
			h = (h + 1) & x->mask;
		x->slot[h] = i + 1;
	}
	return x;
}

size_t
rules_index_find(const struct isindex *x, const uint32_t *items, uint32_t len)
{
	size_t h = set_hash(items, len) & x->mask, k;

	for (; (k = x->slot[h]) != 0; h = (h + 1) & x->mask) {
		k--;
		if (x->s->len[k] == len && memcmp(x->s->it + x->s->off[k],
		    items, len * sizeof(*items)) == 0)
			return k;
	}
	return (size_t)-1;
}

void
rules_index_free(struct isindex *x)
{
	if (x == NULL)
		return;
	free(x->slot);
	free(x);
}

/*
 * Closed: no superset one item longer has the same count; maximal: no
 * superset one item longer is frequent.  Every frequent superset has a
 * frequent subset one item shorter, so looking one level up suffices.
 */
void
rules_isets_filter(struct isets *s, enum rules_target target)
{
	struct isindex *x = rules_index_new(s);
	unsigned char *drop = xcalloc(s->n + 1, 1);
	uint32_t sub[1024];
	struct isets keep = { 0 };
	size_t i, j, k, d;

	for (i = 0; i < s->n; i++) {
		const uint32_t *it = s->it + s->off[i];
		uint32_t len = s->len[i];

		if (len < 2 || len > 1024)
			continue;
		for (d = 0; d < len; d++) {
			for (j = k = 0; j < len; j++)
				if (j != d)
					sub[k++] = it[j];
			k = rules_index_find(x, sub, len - 1);
			if (k == (size_t)-1)
				continue;
			if (target == TARGET_MAXIMAL || s->cnt[k] == s->cnt[i])
				drop[k] = 1;
		}
	}
	for (i = 0; i < s->n; i++)
		if (!drop[i])
			rules_isets_add(&keep, s->it + s->off[i], s->len[i],
			    s->cnt[i]);
	rules_index_free(x);
	free(drop);
	rules_isets_free(s);
	*s = keep;
}

void
rules_join(struct strbuf *sb, const char *name, size_t len, int first)
{
	size_t i, from = 0;

	if (!first)
		sb_add(sb, ";", 1);
	for (i = 0; i < len; i++)
		if (name[i] == ';' || name[i] == '\\') {
			sb_add(sb, name + from, i - from);
			sb_add(sb, "\\", 1);
			from = i;
		}
	sb_add(sb, name + from, len - from);
}

/* Rank order of the names, for sorting the items of a set by name. */
static int
cmp_name(const void *a, const void *b, void *ctx)
{
	const struct rnames *nm = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	size_t lx = nm->len[x], ly = nm->len[y];
	int c = memcmp(nm->name[x], nm->name[y], lx < ly ? lx : ly);

	if (c != 0)
		return c;
	return lx < ly ? -1 : lx > ly;
}

void
rules_names_init(struct rnames *nm, const struct txdb *db,
    const struct baskets *bk)
{
	uint32_t *ids = xmalloc((db->nitems + 1) * sizeof(*ids)), i;

	nm->name = xmalloc((db->nitems + 1) * sizeof(*nm->name));
	nm->len = xmalloc((db->nitems + 1) * sizeof(*nm->len));
	nm->order = xmalloc((db->nitems + 1) * sizeof(*nm->order));
	for (i = 0; i < db->nitems; i++) {
		nm->name[i] = strmap_key(bk->items, db->orig[i], &nm->len[i]);
		ids[i] = i;
	}
	sort_r(ids, db->nitems, sizeof(*ids), cmp_name, nm);
	for (i = 0; i < db->nitems; i++)
		nm->order[ids[i]] = i;
	free(ids);
}

void
rules_names_free(struct rnames *nm)
{
	free(nm->name);
	free(nm->len);
	free(nm->order);
}

static int
cmp_order(const void *a, const void *b, void *ctx)
{
	const uint32_t *ord = ctx;
	uint32_t x = ord[*(const uint32_t *)a], y = ord[*(const uint32_t *)b];

	return x < y ? -1 : x > y;
}

/* Items by name (n small: insertion sort). */
void
rules_names_sort(const struct rnames *nm, uint32_t *items, size_t n)
{
	size_t i, j;
	uint32_t v;

	for (i = 1; i < n; i++) {
		v = items[i];
		for (j = i; j > 0 && cmp_order(&items[j - 1], &v,
		    nm->order) > 0; j--)
			items[j] = items[j - 1];
		items[j] = v;
	}
}

/* Compare two name-sorted item lists item by item (shorter first). */
int
rules_names_cmp(const struct rnames *nm, const uint32_t *a, size_t na,
    const uint32_t *b, size_t nb)
{
	size_t i;

	for (i = 0; i < na && i < nb; i++)
		if (a[i] != b[i])
			return nm->order[a[i]] < nm->order[b[i]] ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

/* The text of name-sorted items. */
void
rules_names_put(const struct rnames *nm, struct csv_writer *w,
    struct strbuf *sb, const uint32_t *items, size_t n)
{
	size_t i;

	sb->len = 0;
	for (i = 0; i < n; i++)
		rules_join(sb, nm->name[items[i]], nm->len[items[i]], i == 0);
	csv_put(w, sb->p ? sb->p : "", sb->len);
}

/* Itemsets by count (descending), size, then items by name. */
struct setsort {
	const struct isets *s;
	const struct rnames *nm;
};

static int
cmp_set(const void *a, const void *b, void *ctx)
{
	const struct setsort *c = ctx;
	const struct isets *s = c->s;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (s->cnt[x] != s->cnt[y])
		return s->cnt[x] > s->cnt[y] ? -1 : 1;
	if (s->len[x] != s->len[y])
		return s->len[x] < s->len[y] ? -1 : 1;
	return rules_names_cmp(c->nm, s->it + s->off[x], s->len[x],
	    s->it + s->off[y], s->len[y]);
}

void
rules_write_itemsets(const struct opts *o, const struct isets *s,
    const struct txdb *db, const struct baskets *bk, struct csv_writer *w)
{
	struct rnames nm;
	struct setsort c;
	struct strbuf sb = STRBUF_INIT;
	size_t *idx = xmalloc((s->n + 1) * sizeof(*idx)), i, n = 0;

	rules_names_init(&nm, db, bk);
	for (i = 0; i < s->n; i++) {
		rules_names_sort(&nm, s->it + s->off[i], s->len[i]);
		if (s->len[i] >= o->min_len)
			idx[n++] = i;
	}
	c.s = s;
	c.nm = &nm;
	sort_r(idx, n, sizeof(*idx), cmp_set, &c);
	if (o->top > 0 && n > o->top)
		n = (size_t)o->top;
	csv_put_str(w, "itemset");
	csv_put_str(w, "size");
	csv_put_str(w, "support");
	csv_put_str(w, "count");
	csv_end_row(w);
	for (i = 0; i < n; i++) {
		size_t k = idx[i];

		rules_names_put(&nm, w, &sb, s->it + s->off[k], s->len[k]);
		csv_put_int(w, (long long)s->len[k]);
		csv_put_num(w, (double)s->cnt[k] / (double)db->n);
		csv_put_int(w, (long long)s->cnt[k]);
		csv_end_row(w);
	}
	sb_free(&sb);
	rules_names_free(&nm);
	free(idx);
}
