/*
 * basket.c: the baskets of crm-rules' input, in long form (one row per
 * order and item, grouped by order over the whole input) or one basket a
 * line (--baskets, ragged by nature), each item counted once per basket;
 * and their recoding into ranks of the frequent items for the miners.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "ml/order.h"
#include "strbuf.h"

#include "rules.h"

/* A growing list of (basket, item) pairs. */
struct pairs {
	uint32_t	*b, *it;
	size_t		 n, cap;
};

static void
pairs_add(struct pairs *p, uint32_t b, uint32_t it)
{
	if (p->n == p->cap) {
		size_t cap = p->cap;

		p->b = xgrow(p->b, &cap, p->n + 1, sizeof(*p->b));
		p->it = xreallocarray(p->it, cap, sizeof(*p->it));
		p->cap = cap;
	}
	p->b[p->n] = b;
	p->it[p->n++] = it;
}

static uint32_t
intern_item(struct baskets *bk, const char *p, size_t len)
{
	return (uint32_t)input_intern(bk->items, p, len, NULL, "items");
}

/* The key of a --baskets line: its items as read, joined by ';'. */
static uint32_t
line_key(struct baskets *bk, const struct csv_row *row, struct strbuf *sb)
{
	size_t i, len;
	const char *p;

	sb->len = 0;
	for (i = 0; i < csv_nfields(row); i++) {
		p = csv_field(row, i, &len);
		if (len > 0)
			rules_join(sb, p, len, sb->len == 0);
	}
	return (uint32_t)input_intern(bk->keys, sb->p ? sb->p : "", sb->len,
	    NULL, "baskets");
}

/* One basket a line: every non-empty field an item. */
static void
add_line(struct baskets *bk, const struct csv_row *row, struct pairs *pr,
    struct strbuf *sb)
{
	size_t i, len;
	const char *p;
	uint32_t b = (uint32_t)bk->n++;

	if (bk->n > UINT32_MAX - 1)
		crm_errx(1, "too many baskets (over %u)", UINT32_MAX - 1);
	for (i = 0; i < csv_nfields(row); i++) {
		p = csv_field(row, i, &len);
		if (len > 0)
			pairs_add(pr, b, intern_item(bk, p, len));
	}
	if (bk->keys != NULL) {
		bk->key = xreallocarray(bk->key, bk->n, sizeof(*bk->key));
		bk->key[b] = line_key(bk, row, sb);
	}
}

/*
 * --baskets: the reader's ragged-row error is not an error here (a
 * basket has as many fields as items), so records are taken from
 * csv_read itself, the row it returns with CSV_ERR_RAGGED included;
 * syntax errors still go through the bad-row policy.
 */
static void
read_lines(const struct opts *o, struct crm_input *in, struct baskets *bk,
    struct pairs *pr)
{
	struct csv_reader *r = input_reader(in);
	const struct csv_row *row;
	const struct csv_err *e;
	struct strbuf sb = STRBUF_INIT;
	int k;

	if (o->no_header)
		add_line(bk, csv_header(r), pr, &sb);
	while ((k = csv_read(r, &row)) != 0) {
		if (k == -1) {
			e = csv_lasterr(r);
			if (e->fatal)
				crm_readerr(r);
			if (e->kind != CSV_ERR_RAGGED) {
				input_reject(in, NULL, "%s", e->what);
				continue;
			}
		}
		add_line(bk, row, pr, &sb);
	}
	sb_free(&sb);
}

/* Long form: order and item columns, baskets numbered by first order. */
static void
read_long(struct crm_input *in, struct baskets *bk, struct pairs *pr)
{
	struct strmap *orders = bk->keys ? bk->keys : strmap_new();
	const struct csv_row *row;
	struct strbuf last = STRBUF_INIT;
	const char *p, *q;
	size_t len, qlen, b = (size_t)-1;
	long ocol = input_role(in, ROLE_ORDER, INPUT_NEED);
	long icol = input_role(in, ROLE_ITEM, INPUT_NEED);

	while (input_next(in, &row)) {
		if (input_key(in, row, ocol, &p, &len) == -1 ||
		    input_key(in, row, icol, &q, &qlen) == -1)
			continue;
		/* an order's rows usually follow each other: no lookup */
		if (b == (size_t)-1 || len != last.len ||
		    memcmp(p, last.p, len) != 0) {
			b = input_intern(orders, p, len, NULL, "orders");
			last.len = 0;
			sb_add(&last, p, len);
		}
		pairs_add(pr, (uint32_t)b, intern_item(bk, q, qlen));
	}
	sb_free(&last);
	bk->n = strmap_count(orders);
	if (bk->keys == NULL)
		strmap_free(orders);
	else {
		bk->key = xreallocarray(NULL, bk->n ? bk->n : 1,
		    sizeof(*bk->key));
		for (b = 0; b < bk->n; b++)
			bk->key[b] = (uint32_t)b;
	}
}

/*
 * Pairs into baskets: a counting sort by basket (stable: items stay in
 * input order), an item met twice in a basket kept once.
 */
static void
group(struct baskets *bk, const struct pairs *pr)
{
	size_t i, j, *pos;
	uint32_t *seen, *tmp;

	bk->start = xcalloc(bk->n + 1, sizeof(*bk->start));
	for (i = 0; i < pr->n; i++)
		bk->start[pr->b[i] + 1]++;
	for (i = 0; i < bk->n; i++)
		bk->start[i + 1] += bk->start[i];
	pos = xmalloc((bk->n + 1) * sizeof(*pos));
	memcpy(pos, bk->start, (bk->n + 1) * sizeof(*pos));
	tmp = xmalloc((pr->n ? pr->n : 1) * sizeof(*tmp));
	for (i = 0; i < pr->n; i++)
		tmp[pos[pr->b[i]]++] = pr->it[i];
	/* drop repeated items: seen[item] holds its basket + 1 */
	seen = xcalloc(bk->nitems ? bk->nitems : 1, sizeof(*seen));
	bk->item = tmp;
	for (i = j = 0; i < bk->n; i++) {
		size_t k, lo = bk->start[i], hi = bk->start[i + 1];

		bk->start[i] = j;
		for (k = lo; k < hi; k++)
			if (seen[tmp[k]] != i + 1) {
				seen[tmp[k]] = (uint32_t)(i + 1);
				tmp[j++] = tmp[k];
			}
	}
	bk->start[bk->n] = j;
	free(seen);
	free(pos);
}

int
rules_read(const struct opts *o, struct crm_input **inp, struct baskets *bk,
    int keep_keys)
{
	struct pairs pr = { NULL, NULL, 0, 0 };
	struct crm_input *in;

	memset(bk, 0, sizeof(*bk));
	*inp = in = input_open(&o->com, o->files, o->nfiles);
	if (in == NULL)
		return -1;
	bk->items = strmap_new();
	if (keep_keys)
		bk->keys = strmap_new();
	if (o->baskets)
		read_lines(o, in, bk, &pr);
	else
		read_long(in, bk, &pr);
	bk->nitems = strmap_count(bk->items);
	group(bk, &pr);
	free(pr.b);
	free(pr.it);
	return 0;
}

void
rules_baskets_free(struct baskets *bk)
{
	strmap_free(bk->items);
	strmap_free(bk->keys);
	free(bk->start);
	free(bk->item);
	free(bk->key);
}

/* Ranks by count, descending; equal counts by first appearance. */
static int
cmp_count(const void *a, const void *b, void *ctx)
{
	const uint64_t *c = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (c[x] != c[y])
		return c[x] > c[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

void
rules_sort_items(uint32_t *a, size_t n)
{
	size_t i, j;
	uint32_t v;

	if (n > 32) {
		sort_u32(a, n);
		return;
	}
	for (i = 1; i < n; i++) {
		v = a[i];
		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

void
rules_txdb_build(struct txdb *db, const struct baskets *bk, uint64_t minc)
{
	uint64_t *cnt = xcalloc(bk->nitems + 1, sizeof(*cnt));
	uint32_t *rank, *ids, nf = 0;
	size_t i, j, k;

	for (i = 0; i < bk->start[bk->n]; i++)
		cnt[bk->item[i]]++;
	ids = xmalloc((bk->nitems + 1) * sizeof(*ids));
	for (i = 0; i < bk->nitems; i++)
		if (cnt[i] >= minc)
			ids[nf++] = (uint32_t)i;
	sort_r(ids, nf, sizeof(*ids), cmp_count, cnt);
	rank = xmalloc((bk->nitems + 1) * sizeof(*rank));
	for (i = 0; i < bk->nitems; i++)
		rank[i] = UINT32_MAX;
	db->supp = xmalloc((nf + 1) * sizeof(*db->supp));
	for (i = 0; i < nf; i++) {
		rank[ids[i]] = (uint32_t)i;
		db->supp[i] = cnt[ids[i]];
	}
	db->orig = ids;
	db->nitems = nf;
	db->n = bk->n;
	db->start = xmalloc((bk->n + 1) * sizeof(*db->start));
	db->item = xmalloc((bk->start[bk->n] + 1) * sizeof(*db->item));
	for (i = k = 0; i < bk->n; i++) {
		size_t s = k;

		db->start[i] = k;
		for (j = bk->start[i]; j < bk->start[i + 1]; j++)
			if (rank[bk->item[j]] != UINT32_MAX)
				db->item[k++] = rank[bk->item[j]];
		rules_sort_items(db->item + s, k - s);
	}
	db->start[bk->n] = k;
	free(rank);
	free(cnt);
}

void
rules_txdb_free(struct txdb *db)
{
	free(db->start);
	free(db->item);
	free(db->supp);
	free(db->orig);
}
