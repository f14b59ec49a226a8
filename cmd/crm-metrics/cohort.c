/*
 * cohort.c: cohort retention and churn per period.
 *
 * Retention: a customer's cohort is the --period of the first purchase;
 * cell (c, k) counts the customers of cohort c with a purchase in
 * period c + k (k = 0 is the whole cohort).  Cells after the last
 * period of the data are empty; --pct gives 100 * cell / cohort size.
 *
 * Churn with --window W: a customer is active at a moment if they
 * bought in the W periods before it.  For each period p: customers at
 * start = active at its start (a purchase in p-W .. p-1); churned =
 * active at its start but not at its end (their last purchase was in
 * p-W); new = first purchase in p; customers at end = active at the end
 * (a purchase in p-W+1 .. p); reactivated = a purchase in p after a
 * gap of more than W periods (neither active at the start nor new);
 * churn rate = churned / customers at start.  So, exactly,
 *	start - churned + new + reactivated = end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"

#include "metrics.h"

/* The distinct purchase periods of records [i, j) into q; returns m. */
static size_t
periods_of(const struct opts *o, const struct txlog *l, size_t i, size_t j,
    int64_t *q, int64_t last)
{
	size_t k, m = 0;
	int64_t p;

	for (k = i; k < j; k++) {
		p = period_index(o->period, l->v[k].day);
		if (p > last)
			break;
		if (!l->v[k].buy)
			continue;
		if (m == 0 || q[m - 1] != p)
			q[m++] = p;
	}
	return m;
}

/*
 * Retention counts: cnt[(g * np + c - first) * np + k] for group g, np
 * periods in all.  A customer's cohort in a group is the period of the
 * first purchase in that group.
 */
static uint64_t *
ret_counts(const struct opts *o, const struct txlog *l, int64_t first,
    int64_t np, int64_t last, size_t ng)
{
	uint64_t *cnt = xcalloc(ng * (size_t)(np * np), sizeof(*cnt));
	int64_t *q = xcalloc(l->n + 1, sizeof(*q));
	size_t i, j, k, m, base;

	for (i = 0; i < l->n; i = j) {
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust &&
		    l->v[j].group == l->v[i].group; j++)
			;
		m = periods_of(o, l, i, j, q, last);
		base = (size_t)l->v[i].group * (size_t)(np * np);
		for (k = 0; k < m; k++)
			cnt[base + (size_t)((q[0] - first) * np + (q[k] -
			    q[0]))]++;
	}
	free(q);
	return cnt;
}

static void
ret_cell(struct csv_writer *w, const struct opts *o, uint64_t n,
    uint64_t size)
{
	if (o->pct)
		metrics_put_ratio(w, o, 100 * (double)n, (double)size);
	else
		csv_put_int(w, (long long)n);
}

static void
ret_header(struct csv_writer *w, const struct opts *o, int64_t np)
{
	char buf[32];
	int64_t k;

	metrics_put_by_header(w, o);
	csv_put_str(w, "cohort");
	if (o->longfmt) {
		csv_put_str(w, "period");
		csv_put_str(w, o->pct ? "pct" : "customers");
		csv_put_str(w, "partial");
	} else {
		csv_put_str(w, "partial");
		csv_put_str(w, "customers");
		for (k = 0; k < np; k++) {
			snprintf(buf, sizeof(buf), "period_%lld", (long long)k);
			csv_put_str(w, buf);
		}
	}
	csv_end_row(w);
}

/*
 * The rows of one group's table (cnt: its np * np cells).  The partial
 * flag of a wide row is that of its cohort's period; a long row's, that
 * of its cell's period (cohort + k).
 */
static void
ret_rows(struct csv_writer *w, const struct opts *o, const struct txlog *l,
    const struct gkey *g, const uint64_t *cnt, int64_t first, int64_t np)
{
	char buf[32];
	int64_t c, k;

	for (c = 0; c < np; c++) {
		if (o->longfmt) {
			for (k = 0; c + k < np; k++) {
				metrics_put_group(w, o, g->key, g->len);
				csv_put(w, buf, period_label(buf, o->period,
				    first + c));
				csv_put_int(w, (long long)k);
				ret_cell(w, o, cnt[c * np + k], cnt[c * np]);
				csv_put_int(w, metrics_partial_period(o, l,
				    first + c + k));
				csv_end_row(w);
			}
			continue;
		}
		metrics_put_group(w, o, g->key, g->len);
		csv_put(w, buf, period_label(buf, o->period, first + c));
		csv_put_int(w, metrics_partial_period(o, l, first + c));
		csv_put_int(w, (long long)cnt[c * np]);
		for (k = 0; k < np; k++) {
			if (c + k < np)
				ret_cell(w, o, cnt[c * np + k], cnt[c * np]);
			else
				csv_put(w, "", 0);
		}
		csv_end_row(w);
	}
}

/*
 * The tables of every group, sorted by the group's values; without --by
 * the one table of every customer.  A group without customers has none.
 */
static void
ret_out(struct csv_writer *w, const struct opts *o, const struct txlog *l,
    const uint64_t *cnt, int64_t first, int64_t np)
{
	size_t ng = strmap_count(l->groups), i, n = 0;
	struct gkey *k = xcalloc(ng + 1, sizeof(*k));
	const uint64_t *c;
	int64_t p, size;

	for (i = 0; i < ng; i++) {
		c = cnt == NULL ? NULL : cnt + i * (size_t)(np * np);
		for (p = 0, size = 0; c != NULL && p < np; p++)
			size += (int64_t)c[p * np];
		if (o->by.n > 0 && size == 0)
			continue;
		if (o->by.n == 0 && i > 0)
			continue;
		k[n].key = strmap_key(l->groups, i, &k[n].len);
		k[n++].idx = i;
	}
	qsort(k, n, sizeof(*k), metrics_gkey_cmp);
	ret_header(w, o, np);
	for (i = 0; i < n && cnt != NULL; i++)
		ret_rows(w, o, l, &k[i], cnt + k[i].idx * (size_t)(np * np),
		    first, np);
	free(k);
}

/* The first and last periods of the log (last: of --asof if given). */
static int
span(const struct opts *o, const struct txlog *l, int64_t *first,
    int64_t *last)
{
	if (l->n == 0)
		return 0;
	*first = period_index(o->period, l->minday);
	*last = period_index(o->period, o->has_asof ? o->asof : l->maxday);
	return *last >= *first;
}

/* Cells a retention table may have (8 bytes each: 80 MB). */
#define RET_MAXCELLS	((int64_t)10000000)

int
metrics_retention(const struct opts *o)
{
	struct csv_writer *w;
	struct txlog l;
	uint64_t *cnt = NULL;
	int64_t first = 0, last, np = 0;
	size_t ng;

	if (!metrics_txlog_read(&l, o, 0))
		return 0;
	if (span(o, &l, &first, &last)) {
		np = last - first + 1;
		ng = strmap_count(l.groups);
		if (np * np > RET_MAXCELLS / (int64_t)ng)
			crm_errx(1, "a retention table of %zu group%s of %lld "
			    "periods has %.0f cells, over the limit of %lld: "
			    "use a longer --period or --asof", ng, ng == 1 ?
			    "" : "s", (long long)np,
			    (double)ng * (double)np * (double)np,
			    (long long)RET_MAXCELLS);
		cnt = ret_counts(o, &l, first, np, last, ng);
	}
	w = crm_open_output(&o->com);
	ret_out(w, o, &l, cnt, first, np);
	crm_close_output(w);
	free(cnt);
	metrics_txlog_free(&l);
	return 0;
}

/*
 * Churn counts of each group g over periods first..last+1 (index g *
 * (np + 3) + p - first): st = customers active at the start, ch =
 * churned, nw = new, re = reactivated (a purchase in p after a gap of
 * more than W periods).  With --by, a customer's purchases in a group
 * count in that group only, so the identity holds in each.
 */
struct churn {
	int64_t		*st;
	uint64_t	*ch, *nw, *re;
	size_t		 stride;	/* np + 3 */
};

/* The counts of one customer's distinct purchase periods q[0..m). */
static void
churn_cust(const struct opts *o, const int64_t *q, size_t m, int64_t first,
    int64_t last, const struct churn *c, size_t base)
{
	int64_t a, b, W = o->window;
	size_t k;

	c->nw[base + (size_t)(q[0] - first)]++;
	for (k = 0; k < m; k++) {
		if (k > 0 && q[k] - q[k - 1] > W)
			c->re[base + (size_t)(q[k] - first)]++;
		/* Active at the starts of q[k]+1 .. b. */
		a = q[k] + 1;
		b = k + 1 < m && q[k + 1] < q[k] + W ? q[k + 1] : q[k] + W;
		if (b > last + 1)
			b = last + 1;
		c->st[base + (size_t)(a - first)]++;
		c->st[base + (size_t)(b + 1 - first)]--;
		if ((k + 1 == m || q[k + 1] > q[k] + W) && q[k] + W <= last)
			c->ch[base + (size_t)(q[k] + W - first)]++;
	}
}

static void
churn_counts(const struct opts *o, const struct txlog *l, int64_t first,
    int64_t last, const struct churn *c)
{
	int64_t *q = xcalloc(l->n + 1, sizeof(*q));
	size_t i, j, k, m, base, ng = strmap_count(l->groups);

	for (i = 0; i < l->n; i = j) {
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust &&
		    l->v[j].group == l->v[i].group; j++)
			;
		if ((m = periods_of(o, l, i, j, q, last)) == 0)
			continue;
		base = (size_t)l->v[i].group * c->stride;
		churn_cust(o, q, m, first, last, c, base);
	}
	for (i = 0; i < ng; i++)
		for (k = 1; k < c->stride; k++)
			c->st[i * c->stride + k] += c->st[i * c->stride + k - 1];
	free(q);
}

/*
 * Whether period idx is only partly covered by days first..last: it
 * starts before the first or ends after the last.
 */
int
metrics_partial_span(const struct opts *o, int64_t first, int64_t last,
    int64_t idx)
{
	return first > period_start(o->period, idx) ||
	    last < period_start(o->period, idx + 1) - 1;
}

/* The same for the data of l, up to --asof if given. */
int
metrics_partial_period(const struct opts *o, const struct txlog *l,
    int64_t idx)
{
	return metrics_partial_span(o, l->minday, o->has_asof ? o->asof :
	    l->maxday, idx);
}

/* The rows of one group (counts from base). */
static void
churn_rows(struct csv_writer *w, const struct opts *o, const struct txlog *l,
    int64_t first, int64_t last, const struct churn *c, const struct gkey *g)
{
	size_t b = g->idx * c->stride;
	char buf[32];
	int64_t p;

	for (p = 0; p <= last - first; p++) {
		metrics_put_group(w, o, g->key, g->len);
		csv_put(w, buf, period_label(buf, o->period, first + p));
		csv_put_int(w, (long long)c->st[b + (size_t)p]);
		csv_put_int(w, (long long)c->nw[b + (size_t)p]);
		csv_put_int(w, (long long)c->re[b + (size_t)p]);
		csv_put_int(w, (long long)c->ch[b + (size_t)p]);
		csv_put_int(w, (long long)c->st[b + (size_t)p + 1]);
		metrics_put_ratio(w, o, (double)c->ch[b + (size_t)p],
		    (double)c->st[b + (size_t)p]);
		csv_put_int(w, metrics_partial_period(o, l, first + p));
		csv_end_row(w);
	}
}

/*
 * The header, then the rows of every group sorted by its values (with
 * --by, a group without customers has none).
 */
static void
churn_out(struct csv_writer *w, const struct opts *o, const struct txlog *l,
    int64_t first, int64_t last, const struct churn *c)
{
	static const char *const cols[] = { "period", "customers_start",
	    "new", "reactivated", "churned", "customers_end", "churn_rate",
	    "partial", NULL };
	size_t ng = strmap_count(l->groups), i, n = 0;
	struct gkey *k = xcalloc(ng + 1, sizeof(*k));
	const char *const *h;
	int64_t p, any;

	for (i = 0; i < ng; i++) {
		for (p = 0, any = 0; p <= last - first; p++)
			any += (int64_t)c->nw[i * c->stride + (size_t)p];
		if ((o->by.n > 0 && any == 0) || (o->by.n == 0 && i > 0))
			continue;
		k[n].key = strmap_key(l->groups, i, &k[n].len);
		k[n++].idx = i;
	}
	qsort(k, n, sizeof(*k), metrics_gkey_cmp);
	metrics_put_by_header(w, o);
	for (h = cols; *h != NULL; h++)
		csv_put_str(w, *h);
	csv_end_row(w);
	for (i = 0; i < n; i++)
		churn_rows(w, o, l, first, last, c, &k[i]);
	free(k);
}

int
metrics_churn(const struct opts *o)
{
	struct csv_writer *w;
	struct txlog l;
	struct churn c;
	int64_t first = 0, last = -1;
	size_t np = 1, ng;

	if (!metrics_txlog_read(&l, o, 0))
		return 0;
	if (span(o, &l, &first, &last))
		np = (size_t)(last - first + 1);
	else
		last = first - 1;
	ng = strmap_count(l.groups);
	c.stride = np + 3;
	c.st = xcalloc(ng * c.stride + 1, sizeof(*c.st));
	c.ch = xcalloc(ng * c.stride + 1, sizeof(*c.ch));
	c.nw = xcalloc(ng * c.stride + 1, sizeof(*c.nw));
	c.re = xcalloc(ng * c.stride + 1, sizeof(*c.re));
	if (last >= first)
		churn_counts(o, &l, first, last, &c);
	w = crm_open_output(&o->com);
	churn_out(w, o, &l, first, last, &c);
	crm_close_output(w);
	free(c.st);
	free(c.ch);
	free(c.nw);
	free(c.re);
	metrics_txlog_free(&l);
	return 0;
}
