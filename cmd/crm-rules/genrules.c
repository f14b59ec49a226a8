/*
 * genrules.c: association rules from frequent itemsets, with arules'
 * conventions: a rule A => C comes from the frequent itemset A u C, its
 * support is that set's, confidence = supp(A u C) / supp(A), lift =
 * confidence / supp(C), leverage = supp(A u C) - supp(A) supp(C),
 * conviction = (1 - supp(C)) / (1 - confidence) (inf at confidence 1).
 * Rule length (minlen, maxlen) counts the items of A u C; with length 1
 * allowed, {} => X is a rule when its confidence, supp(X), passes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "hash.h"
#include "ml/order.h"
#include "strbuf.h"

#include "rules.h"

struct rule {
	uint32_t	 set;		/* A u C */
	uint32_t	 id;		/* place in generation order */
	uint32_t	 nante;
	uint64_t	 cmask;		/* positions of C in the set */
	uint64_t	 acnt;		/* count of A */
	double		 ccnt;		/* count of C */
	double		 conf, lift;
};

struct rulev {
	struct rule	*r;
	size_t		 n, cap;
};

/* What rule generation reads. */
struct gen {
	const struct opts *o;
	const struct isets *s;
	const struct txdb *db;
	struct isindex	*x;
	uint32_t	 cons_rank, ante_rank;	/* NIL: no filter */
	double		 N;
	struct rulev	 v;
};

#define NIL	UINT32_MAX

/* Split set k by cmask into a (antecedent) and c (consequent). */
static void
split(const struct isets *s, size_t k, uint64_t cmask, uint32_t *a,
    uint32_t *na, uint32_t *c, uint32_t *nc)
{
	const uint32_t *it = s->it + s->off[k];
	uint32_t j;

	*na = *nc = 0;
	for (j = 0; j < s->len[k]; j++)
		if (cmask >> j & 1)
			c[(*nc)++] = it[j];
		else
			a[(*na)++] = it[j];
}

static int
has(const uint32_t *v, uint32_t n, uint32_t it)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (v[i] == it)
			return 1;
	return 0;
}

/* The rule of set k with consequent positions cmask, if it passes. */
static void
try_rule(struct gen *g, size_t k, uint64_t cmask)
{
	const struct isets *s = g->s;
	uint32_t a[64], c[64], na, nc;
	size_t ai, ci;
	double acnt, ccnt, conf, lift;
	struct rule *r;

	split(s, k, cmask, a, &na, c, &nc);
	if (g->cons_rank != NIL && !has(c, nc, g->cons_rank))
		return;
	if (g->ante_rank != NIL && !has(a, na, g->ante_rank))
		return;
	if (na == 0)
		acnt = g->N;
	else if ((ai = rules_index_find(g->x, a, na)) != (size_t)-1)
		acnt = (double)s->cnt[ai];
	else
		return;		/* cannot be: subsets of a frequent set are */
	if (nc == 1)
		ccnt = (double)g->db->supp[c[0]];
	else if ((ci = rules_index_find(g->x, c, nc)) != (size_t)-1)
		ccnt = (double)s->cnt[ci];
	else
		return;
	conf = (double)s->cnt[k] / acnt;
	/* from the counts, so that A => C and C => A have one lift */
	lift = (double)s->cnt[k] * g->N / (acnt * ccnt);
	if (conf < g->o->min_conf || lift < g->o->min_lift)
		return;
	g->v.r = xgrow(g->v.r, &g->v.cap, g->v.n + 1, sizeof(*g->v.r));
	r = &g->v.r[g->v.n++];
	r->set = (uint32_t)k;
	r->id = (uint32_t)(g->v.n - 1);
	r->nante = na;
	r->cmask = cmask;
	r->acnt = (uint64_t)acnt;
	r->ccnt = ccnt;
	r->conf = conf;
	r->lift = lift;
}

static int
popcount(uint64_t m)
{
	int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

/* Every rule of every set within the length bounds. */
static void
gen_all(struct gen *g)
{
	const struct isets *s = g->s;
	const struct opts *o = g->o;
	size_t k;
	uint64_t m, full;
	uint32_t j, len;

	for (k = 0; k < s->n; k++) {
		len = s->len[k];
		if (len < o->min_len || len > o->max_len || len > 64)
			continue;
		if (len == 1) {
			try_rule(g, k, 1);
			continue;
		}
		if (o->max_cons <= 1) {
			for (j = 0; j < len; j++)
				try_rule(g, k, (uint64_t)1 << j);
			continue;
		}
		full = len == 64 ? UINT64_MAX : ((uint64_t)1 << len) - 1;
		for (m = 1; m < full; m++)
			if ((unsigned)popcount(m) <= o->max_cons)
				try_rule(g, k, m);
	}
}

struct rsort {
	const struct gen *g;
	const struct rnames *nm;
	uint32_t	*sorted;	/* per rule: A then C by name */
	size_t		 width;
};

static int
cmp_rule(const void *pa, const void *pb, void *ctx)
{
	const struct rsort *c = ctx;
	const struct rule *x = pa, *y = pb;
	const struct isets *s = c->g->s;
	double kx, ky;
	const uint32_t *ix, *iy;
	uint32_t lx = s->len[x->set], ly = s->len[y->set];
	int d;

	switch (c->g->o->sort) {
	case SORT_CONFIDENCE:
		kx = x->conf, ky = y->conf;
		break;
	case SORT_SUPPORT:
		kx = (double)s->cnt[x->set], ky = (double)s->cnt[y->set];
		break;
	default:
		kx = x->lift, ky = y->lift;
		break;
	}
	if (kx != ky)
		return kx > ky ? -1 : 1;
	ix = c->sorted + (size_t)x->id * c->width;
	iy = c->sorted + (size_t)y->id * c->width;
	if ((d = rules_names_cmp(c->nm, ix, x->nante, iy, y->nante)) != 0)
		return d;
	return rules_names_cmp(c->nm, ix + x->nante, lx - x->nante,
	    iy + y->nante, ly - y->nante);
}

/*
 * The items of each rule, antecedent then consequent, each by name,
 * width items per rule.
 */
static uint32_t *
sorted_items(const struct gen *g, const struct rnames *nm, size_t width)
{
	uint32_t *out = xcalloc(g->v.n * width + 1, sizeof(*out));
	uint32_t a[64], c[64], na, nc;
	size_t i;

	for (i = 0; i < g->v.n; i++) {
		const struct rule *r = &g->v.r[i];
		uint32_t *p = out + i * width;

		split(g->s, r->set, r->cmask, a, &na, c, &nc);
		rules_names_sort(nm, a, na);
		rules_names_sort(nm, c, nc);
		memcpy(p, a, na * sizeof(*a));
		memcpy(p + na, c, nc * sizeof(*c));
	}
	return out;
}

static void
put_header(struct csv_writer *w)
{
	static const char *const cols[] = { "antecedent", "consequent",
		"support", "confidence", "lift", "leverage", "conviction",
		"count", NULL };
	const char *const *c;

	for (c = cols; *c != NULL; c++)
		csv_put_str(w, *c);
	csv_end_row(w);
}

static void
put_rule(const struct gen *g, const struct rnames *nm, struct csv_writer *w,
    struct strbuf *sb, const struct rule *r, const uint32_t *items)
{
	uint64_t cnt = g->s->cnt[r->set];
	double n = (double)cnt, a = (double)r->acnt, N = g->N;

	rules_names_put(nm, w, sb, items, r->nante);
	rules_names_put(nm, w, sb, items + r->nante,
	    g->s->len[r->set] - r->nante);
	csv_put_num(w, n / N);
	csv_put_num(w, r->conf);
	csv_put_num(w, r->lift);
	/* from the counts (exact products) rather than rounded shares */
	csv_put_num(w, (n * N - a * r->ccnt) / (N * N));
	/* confidence 1 (counts equal): no counter-examples, inf */
	csv_put_num(w, cnt == r->acnt ? INFINITY :
	    (N - r->ccnt) * a / (N * (a - n)));
	csv_put_int(w, (long long)cnt);
	csv_end_row(w);
}

/* The rank of a named item, NIL when it is not frequent (no rule). */
static uint32_t
find_rank(const struct txdb *db, const struct baskets *bk, const char *name,
    int *absent)
{
	size_t id;
	uint32_t i;

	if (name == NULL)
		return NIL;
	id = strmap_find(bk->items, name, strlen(name));
	for (i = 0; id != (size_t)-1 && i < db->nitems; i++)
		if (db->orig[i] == id)
			return i;
	*absent = 1;
	return NIL;
}

size_t
rules_write_rules(const struct opts *o, const struct isets *s,
    const struct txdb *db, const struct baskets *bk, struct csv_writer *w)
{
	struct gen g;
	struct rnames nm;
	struct rsort c;
	struct strbuf sb = STRBUF_INIT;
	size_t i, n, width = 1;
	int absent = 0;

	memset(&g, 0, sizeof(g));
	g.o = o;
	g.s = s;
	g.db = db;
	g.N = (double)db->n;
	g.cons_rank = find_rank(db, bk, o->cons_item, &absent);
	g.ante_rank = find_rank(db, bk, o->ante_item, &absent);
	put_header(w);
	if (!absent) {
		g.x = rules_index_new(s);
		gen_all(&g);
	}
	rules_names_init(&nm, db, bk);
	c.g = &g;
	c.nm = &nm;
	for (i = 0; i < g.v.n; i++)
		if (s->len[g.v.r[i].set] > width)
			width = s->len[g.v.r[i].set];
	c.width = width;
	c.sorted = sorted_items(&g, &nm, width);
	sort_r(g.v.r, g.v.n, sizeof(*g.v.r), cmp_rule, &c);
	n = g.v.n;
	if (o->top > 0 && n > o->top)
		n = (size_t)o->top;
	for (i = 0; i < n; i++)
		put_rule(&g, &nm, w, &sb, &g.v.r[i],
		    c.sorted + (size_t)g.v.r[i].id * width);
	sb_free(&sb);
	free(c.sorted);
	rules_names_free(&nm);
	rules_index_free(g.x);
	free(g.v.r);
	return n;
}
