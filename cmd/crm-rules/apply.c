/*
 * apply.c: crm-rules apply: for each basket (or each customer's
 * history, with --order customer_id) the consequents of the rules whose
 * antecedent it holds, items already in it left out, ranked by the best
 * confidence (or lift) of a rule that gives them.  Each basket's list
 * depends on that basket and the rules alone: a pure map.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "ml/order.h"
#include "num.h"
#include "opt.h"
#include "strbuf.h"

#include "rules.h"

#define NIL	UINT32_MAX

struct arule {
	size_t		 a, na;		/* antecedent: ids[a..a+na) */
	size_t		 c, nc;		/* consequent */
	double		 conf, lift;
	uint32_t	 text;		/* the antecedent as written (texts) */
};

struct ruleset {
	struct strmap	*items;		/* item names of the rules */
	struct strmap	*texts;		/* antecedents as written */
	uint32_t	*ids;
	size_t		 nids, capids;
	struct arule	*r;
	size_t		 n, cap;
	/* rules by the first item of their antecedent: CSR */
	size_t		*by_start;
	uint32_t	*by;
	uint32_t	*empty;		/* rules with an empty antecedent */
	size_t		 nempty;
};

/* Split an item list at unescaped ';' into ids (interned). */
static size_t
parse_list(struct ruleset *rs, const char *p, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && p[i] == '\\' && i + 1 < len) {
			sb_add(&sb, p + ++i, 1);
			continue;
		}
		if (i < len && p[i] != ';') {
			sb_add(&sb, p + i, 1);
			continue;
		}
		if (len == 0)
			break;
		rs->ids = xgrow(rs->ids, &rs->capids, rs->nids + 1,
		    sizeof(*rs->ids));
		rs->ids[rs->nids++] = (uint32_t)input_intern(rs->items,
		    sb.p ? sb.p : "", sb.len, NULL, "items");
		n++;
		sb.len = 0;
	}
	sb_free(&sb);
	return n;
}

static double
rule_num(const struct csv_reader *r, const struct csv_row *row, size_t col)
{
	size_t len;
	const char *p = csv_field(row, col, &len), *why = NULL;
	double v;

	if (num_parse(p, len, &v, &why) != 0)
		crm_dataerr(r, "column '%s': %s ('%.*s')", csv_name(r, col),
		    why ? why : "not a number", (int)(len > 40 ? 40 : len), p);
	return v;
}

/* One rule of the file. */
static void
add_rule(struct ruleset *rs, const struct csv_reader *r,
    const struct csv_row *row, const size_t *col)
{
	struct arule *a;
	const char *p;
	size_t len;

	rs->r = xgrow(rs->r, &rs->cap, rs->n + 1, sizeof(*rs->r));
	a = &rs->r[rs->n++];
	p = csv_field(row, col[0], &len);
	a->a = rs->nids;
	a->na = parse_list(rs, p, len);
	a->text = (uint32_t)input_intern(rs->texts, p, len, NULL, "rules");
	p = csv_field(row, col[1], &len);
	a->c = rs->nids;
	if ((a->nc = parse_list(rs, p, len)) == 0)
		crm_dataerr(r, "column 'consequent': empty");
	a->conf = rule_num(r, row, col[2]);
	a->lift = rule_num(r, row, col[3]);
}

/* Read the rules file (exit 1 on bad data, 2 on a missing column). */
static void
read_rules(const struct opts *o, struct ruleset *rs)
{
	static const char *const names[] = { "antecedent", "consequent",
		"confidence", "lift" };
	char *path[1];
	struct csv_reader *r;
	const struct csv_row *row;
	size_t col[4], i;
	int k;

	path[0] = (char *)o->rules_file;
	r = csv_open(path, 1, ',');
	if ((k = csv_read_header(r)) == -1)
		crm_readerr(r);
	if (k == 0)
		crm_errx(2, "%s: no rules (an empty file)", o->rules_file);
	for (i = 0; i < 4; i++)
		col[i] = col_require(r, names[i]);
	while ((k = csv_read(r, &row)) != 0) {
		if (k == -1)
			crm_readerr(r);
		add_rule(rs, r, row, col);
	}
	csv_close(r);
}

/* Index the rules by the first item of their antecedent. */
static void
index_rules(struct ruleset *rs)
{
	size_t ni = strmap_count(rs->items), i, *pos;

	rs->by_start = xcalloc(ni + 2, sizeof(*rs->by_start));
	rs->by = xmalloc((rs->n + 1) * sizeof(*rs->by));
	rs->empty = xmalloc((rs->n + 1) * sizeof(*rs->empty));
	for (i = 0; i < rs->n; i++)
		if (rs->r[i].na > 0)
			rs->by_start[rs->ids[rs->r[i].a] + 1]++;
	for (i = 0; i < ni; i++)
		rs->by_start[i + 1] += rs->by_start[i];
	pos = xmalloc((ni + 1) * sizeof(*pos));
	memcpy(pos, rs->by_start, (ni + 1) * sizeof(*pos));
	for (i = 0; i < rs->n; i++) {
		if (rs->r[i].na == 0)
			rs->empty[rs->nempty++] = (uint32_t)i;
		else
			rs->by[pos[rs->ids[rs->r[i].a]]++] = (uint32_t)i;
	}
	free(pos);
}

/* A candidate item of one basket, with the best rule giving it. */
struct cand {
	uint32_t	 item;
	uint32_t	 rule;
	double		 key, other;
};

struct scratch {
	uint32_t	*stamp;		/* per item: basket + 1 when in it */
	uint32_t	*slot;		/* per item: index in cand + 1 */
	uint32_t	*got;		/* per item: basket + 1 when a cand */
	struct cand	*c;
	size_t		 nc, capc;
	uint32_t	*map;		/* basket item id -> rules item id */
};

static void
offer(const struct opts *o, const struct ruleset *rs, struct scratch *s,
    uint32_t b, uint32_t ri)
{
	const struct arule *a = &rs->r[ri];
	size_t k;

	for (k = 0; k < a->na; k++)
		if (s->stamp[rs->ids[a->a + k]] != b + 1)
			return;
	for (k = 0; k < a->nc; k++) {
		uint32_t it = rs->ids[a->c + k];
		double key = o->sort == SORT_LIFT ? a->lift : a->conf;
		double other = o->sort == SORT_LIFT ? a->conf : a->lift;
		struct cand *c;

		if (s->stamp[it] == b + 1)
			continue;
		if (s->got[it] != b + 1) {
			s->got[it] = b + 1;
			s->c = xgrow(s->c, &s->capc, s->nc + 1, sizeof(*s->c));
			s->slot[it] = (uint32_t)s->nc;
			c = &s->c[s->nc++];
			c->item = it;
			c->rule = ri;
			c->key = key;
			c->other = other;
			continue;
		}
		c = &s->c[s->slot[it]];
		if (key > c->key || (key == c->key && other > c->other)) {
			c->rule = ri;
			c->key = key;
			c->other = other;
		}
	}
}

static int
cmp_cand(const void *pa, const void *pb, void *ctx)
{
	const struct cand *x = pa, *y = pb;
	const struct strmap *items = ctx;
	const char *nx, *ny;
	size_t lx, ly;
	int d;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	if (x->other != y->other)
		return x->other > y->other ? -1 : 1;
	nx = strmap_key(items, x->item, &lx);
	ny = strmap_key(items, y->item, &ly);
	d = memcmp(nx, ny, lx < ly ? lx : ly);
	return d != 0 ? d : (lx < ly ? -1 : lx > ly);
}


/* The list of basket b. */
static void
basket(const struct opts *o, const struct ruleset *rs, struct scratch *s,
    const struct baskets *bk, size_t b, struct csv_writer *w)
{
	size_t j, k, n, len;
	const char *key;

	s->nc = 0;
	for (j = bk->start[b]; j < bk->start[b + 1]; j++)
		if (s->map[bk->item[j]] != NIL)
			s->stamp[s->map[bk->item[j]]] = (uint32_t)b + 1;
	for (k = 0; k < rs->nempty; k++)
		offer(o, rs, s, (uint32_t)b, rs->empty[k]);
	for (j = bk->start[b]; j < bk->start[b + 1]; j++) {
		uint32_t it = s->map[bk->item[j]];

		if (it == NIL)
			continue;
		for (k = rs->by_start[it]; k < rs->by_start[it + 1]; k++)
			offer(o, rs, s, (uint32_t)b, rs->by[k]);
	}
	sort_r(s->c, s->nc, sizeof(*s->c), cmp_cand, rs->items);
	n = o->top > 0 && s->nc > o->top ? (size_t)o->top : s->nc;
	key = strmap_key(bk->keys, bk->key[b], &len);
	for (k = 0; k < n; k++) {
		const struct cand *c = &s->c[k];
		const struct arule *a = &rs->r[c->rule];
		const char *p;
		size_t plen;

		csv_put(w, key, len);
		p = strmap_key(rs->items, c->item, &plen);
		csv_put(w, p, plen);
		csv_put_int(w, (long long)k + 1);
		csv_put_num(w, a->conf);
		csv_put_num(w, a->lift);
		p = strmap_key(rs->texts, a->text, &plen);
		csv_put(w, p, plen);
		csv_end_row(w);
	}
}

static void
put_header(const struct opts *o, struct csv_writer *w)
{
	csv_put_str(w, o->baskets ? "basket" : o->com.role[ROLE_ORDER]);
	csv_put_str(w, "item");
	csv_put_str(w, "rank");
	csv_put_str(w, "confidence");
	csv_put_str(w, "lift");
	csv_put_str(w, "antecedent");
	csv_end_row(w);
}

int
rules_apply(const struct opts *o)
{
	struct ruleset rs;
	struct scratch s;
	struct crm_input *in;
	struct baskets bk;
	struct csv_writer *w;
	size_t i, ni;

	memset(&rs, 0, sizeof(rs));
	memset(&s, 0, sizeof(s));
	rs.items = strmap_new();
	rs.texts = strmap_new();
	read_rules(o, &rs);
	index_rules(&rs);
	if (rules_read(o, &in, &bk, 1) == -1) {
		crm_close_output(crm_open_output(&o->com));
	} else {
		ni = strmap_count(rs.items) + 1;
		s.stamp = xcalloc(ni, sizeof(*s.stamp));
		s.got = xcalloc(ni, sizeof(*s.got));
		s.slot = xcalloc(ni, sizeof(*s.slot));
		s.map = xmalloc((bk.nitems + 1) * sizeof(*s.map));
		for (i = 0; i < bk.nitems; i++) {
			size_t len, id;
			const char *p = strmap_key(bk.items, i, &len);

			id = strmap_find(rs.items, p, len);
			s.map[i] = id == (size_t)-1 ? NIL : (uint32_t)id;
		}
		w = crm_open_output(&o->com);
		put_header(o, w);
		for (i = 0; i < bk.n; i++)
			basket(o, &rs, &s, &bk, i, w);
		crm_close_output(w);
		input_close(in);
		rules_baskets_free(&bk);
	}
	free(s.stamp);
	free(s.got);
	free(s.slot);
	free(s.map);
	free(s.c);
	strmap_free(rs.items);
	strmap_free(rs.texts);
	free(rs.ids);
	free(rs.r);
	free(rs.by_start);
	free(rs.by);
	free(rs.empty);
	return 0;
}
