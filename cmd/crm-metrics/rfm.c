/*
 * rfm.c: per-customer recency, frequency, monetary value and tenure, in
 * one streaming pass with memory proportional to the customers; and the
 * lifetimes-style summary (frequency, recency, T, monetary_value of the
 * repeat purchase periods) that the BG/NBD and Gamma-Gamma fits read.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"

#include "metrics.h"

/* Per-customer aggregates of the streaming pass, indexed by strmap id. */
struct rfm {
	struct strmap	*ids;
	int32_t		*first, *last;
	uint64_t	*orders;
	struct fixsum	*total;
	size_t		 cap;
	int64_t		 maxday;
};

static void
rfm_grow(struct rfm *a, size_t n)
{
	size_t cap;

	if (n <= a->cap)
		return;
	cap = a->cap;
	a->first = xgrow(a->first, &cap, n, sizeof(*a->first));
	cap = a->cap;
	a->last = xgrow(a->last, &cap, n, sizeof(*a->last));
	cap = a->cap;
	a->orders = xgrow(a->orders, &cap, n, sizeof(*a->orders));
	cap = a->cap;
	a->total = xgrow(a->total, &cap, n, sizeof(*a->total));
	a->cap = cap;
}

static void
rfm_row(struct rfm *a, struct src *s, const struct csv_row *row)
{
	const char *p;
	size_t len, c;
	int64_t day;
	double v;
	int isnew;

	if (src_day(s, row, &day) != 0)
		return;
	if (day < INT32_MIN || day > INT32_MAX) {
		src_bad(s, row, s->c_date, "out of range");
		return;
	}
	if (src_num(s, row, s->c_amount, &v) != 0)
		return;
	if (fabs(v) >= 1e15) {
		src_bad(s, row, s->c_amount, "out of range");
		return;
	}
	if (s->o->has_asof && day > s->o->asof)
		return;
	p = src_str(row, s->c_cust, &len);
	c = strmap_intern(a->ids, p, len, &isnew);
	if (isnew) {
		rfm_grow(a, c + 1);
		a->first[c] = a->last[c] = (int32_t)day;
		a->orders[c] = 0;
		memset(&a->total[c], 0, sizeof(a->total[c]));
	}
	if (day < a->first[c])
		a->first[c] = (int32_t)day;
	if (day > a->last[c])
		a->last[c] = (int32_t)day;
	a->orders[c]++;
	fix_add(&a->total[c], v);
	if (day > a->maxday)
		a->maxday = day;
}

static void
rfm_header(struct csv_writer *w, const struct opts *o)
{
	csv_put_str(w, o->customer);
	csv_put_str(w, "first_purchase");
	csv_put_str(w, "last_purchase");
	csv_put_str(w, "recency");
	csv_put_str(w, "frequency");
	csv_put_str(w, "monetary_total");
	csv_put_str(w, "monetary_mean");
	csv_put_str(w, "tenure");
	csv_end_row(w);
}

/* One output row of the plain RFM table. */
static void
rfm_put(struct csv_writer *w, const char *id, size_t idlen, int64_t first,
    int64_t last, double freq, uint64_t orders, double total, int64_t asof)
{
	csv_put(w, id, idlen);
	put_day(w, first);
	put_day(w, last);
	csv_put_int(w, (long long)(asof - last));
	csv_put_num(w, freq);
	csv_put_num(w, total);
	csv_put_num(w, total / (double)orders);
	csv_put_int(w, (long long)(asof - first));
	csv_end_row(w);
}

/* The streaming RFM table (no --repeat, no merge). */
static int
rfm_stream(const struct opts *o)
{
	struct rfm a;
	struct src s;
	struct csv_writer *w;
	const struct csv_row *row;
	const char *id;
	size_t i, n, len;
	int64_t asof;

	memset(&a, 0, sizeof(a));
	if (!src_open(&s, o, NEED_CUST | NEED_DATE | NEED_AMOUNT))
		return 0;
	a.ids = strmap_new();
	a.maxday = INT64_MIN;
	while (src_next(&s, &row))
		rfm_row(&a, &s, row);
	src_close(&s);
	w = crm_open_output(&o->com);
	rfm_header(w, o);
	asof = o->has_asof ? o->asof : a.maxday + 1;
	n = strmap_count(a.ids);
	for (i = 0; i < n; i++) {
		id = strmap_key(a.ids, i, &len);
		rfm_put(w, id, len, a.first[i], a.last[i], (double)a.orders[i],
		    a.orders[i], fix_get(&a.total[i]), asof);
	}
	crm_close_output(w);
	strmap_free(a.ids);
	free(a.first);
	free(a.last);
	free(a.orders);
	free(a.total);
	return 0;
}

/* The period of a day in the units of --freq. */
static int64_t
freq_period(const struct opts *o, int64_t day)
{
	return o->freq == 'W' ? period_index(PERIOD_WEEK, day) : day;
}

/*
 * RFM from the sorted log (merge, --repeat): the same figures as the
 * streaming pass; with --repeat, frequency is the number of distinct
 * purchase periods less one.
 */
static int
rfm_log(const struct opts *o, const struct txlog *l)
{
	struct csv_writer *w = crm_open_output(&o->com);
	struct fixsum tot;
	const char *id;
	size_t i, j, len;
	uint64_t orders, periods;
	int64_t asof, last, lastp;

	rfm_header(w, o);
	asof = o->has_asof ? o->asof : l->maxday + 1;
	for (i = 0; i < l->n; i = j) {
		memset(&tot, 0, sizeof(tot));
		orders = periods = 0;
		lastp = INT64_MIN;
		last = l->v[i].day;
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust; j++) {
			if (l->v[j].day > asof)
				continue;
			orders += l->v[j].n;
			fix_addf(&tot, &l->v[j].amount);
			last = l->v[j].day;
			if (freq_period(o, last) != lastp)
				periods++;
			lastp = freq_period(o, last);
		}
		if (orders == 0)
			continue;
		id = strmap_key(l->custs, l->v[i].cust, &len);
		rfm_put(w, id, len, l->v[i].day, last, o->repeat ?
		    (double)(periods - 1) : (double)orders, orders,
		    fix_get(&tot), asof);
	}
	crm_close_output(w);
	return 0;
}

void
ltsum_free(struct ltsum *t)
{
	free(t->x);
	free(t->tx);
	free(t->T);
	free(t->m);
	free(t->cust);
	memset(t, 0, sizeof(*t));
}

static void
ltsum_alloc(struct ltsum *t, size_t n)
{
	memset(t, 0, sizeof(*t));
	t->x = xcalloc(n + 1, sizeof(*t->x));
	t->tx = xcalloc(n + 1, sizeof(*t->tx));
	t->T = xcalloc(n + 1, sizeof(*t->T));
	t->m = xcalloc(n + 1, sizeof(*t->m));
	t->cust = xcalloc(n + 1, sizeof(*t->cust));
}

/* Summarise one customer's records [i, j) into t; skipped if none. */
static void
lt_one(struct ltsum *t, const struct opts *o, const struct rec *v,
    size_t i, size_t j, int64_t obs)
{
	struct fixsum ps;
	int64_t p0 = 0, pl = INT64_MIN, p;
	double x = -1, msum = 0;
	size_t k;

	memset(&ps, 0, sizeof(ps));
	for (k = i; k < j; k++) {
		p = freq_period(o, v[k].day);
		if (p > obs)
			break;
		if (p != pl) {
			if (x > 0)
				msum += fix_get(&ps);
			memset(&ps, 0, sizeof(ps));
			if (x < 0)
				p0 = p;
			x++;
			pl = p;
		}
		fix_addf(&ps, &v[k].amount);
	}
	if (x < 0)
		return;
	if (x > 0)
		msum += fix_get(&ps);
	t->cust[t->n] = v[i].cust;
	t->x[t->n] = x;
	t->tx[t->n] = (double)(pl - p0) / o->freq_mult;
	t->T[t->n] = (double)(obs - p0) / o->freq_mult;
	t->m[t->n] = x > 0 ? msum / x : 0;
	t->n++;
}

/*
 * The lifetimes summary of the log: observation end --asof (default
 * the last day in the data), periods of --freq, rows after the end's
 * period left out, customers without a purchase by then left out.
 */
void
ltsum_from_log(struct ltsum *t, const struct txlog *l, const struct opts *o)
{
	size_t i, j, nc = strmap_count(l->custs);
	int64_t obs;

	ltsum_alloc(t, nc);
	t->has_m = l->has_amount;
	obs = freq_period(o, o->has_asof ? o->asof : l->maxday);
	for (i = 0; i < l->n; i = j) {
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust; j++)
			;
		lt_one(t, o, l->v, i, j, obs);
	}
}

static void
lt_put(struct csv_writer *w, const struct ltsum *t, size_t i)
{
	csv_put_num(w, t->x[i]);
	csv_put_num(w, t->tx[i]);
	csv_put_num(w, t->T[i]);
	if (t->has_m)
		csv_put_num(w, t->m[i]);
}

static int
rfm_lifetimes(const struct opts *o, const struct txlog *l)
{
	struct csv_writer *w = crm_open_output(&o->com);
	struct ltsum t;
	const char *id;
	size_t i, len;

	ltsum_from_log(&t, l, o);
	csv_put_str(w, o->customer);
	csv_put_str(w, "frequency");
	csv_put_str(w, "recency");
	csv_put_str(w, "T");
	if (t.has_m)
		csv_put_str(w, "monetary_value");
	csv_end_row(w);
	for (i = 0; i < t.n; i++) {
		id = strmap_key(l->custs, t.cust[i], &len);
		csv_put(w, id, len);
		lt_put(w, &t, i);
		csv_end_row(w);
	}
	crm_close_output(w);
	ltsum_free(&t);
	return 0;
}

int
cmd_rfm(const struct opts *o)
{
	struct txlog l;
	int rc;

	if (!o->lifetimes && !o->repeat && !o->merging)
		return rfm_stream(o);
	if (!txlog_read(&l, o, o->lifetimes ? WANT_AMOUNT : NEED_AMOUNT))
		return 0;
	rc = o->lifetimes ? rfm_lifetimes(o, &l) : rfm_log(o, &l);
	txlog_free(&l);
	return rc;
}
