/*
 * rfm.c: per-customer recency, frequency, monetary value and tenure, in
 * one streaming pass with memory proportional to the customers (and to
 * the orders, which are counted distinct, when there is an order
 * column); and the
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

/*
 * Per-customer aggregates of the streaming pass, indexed by strmap id.
 * With an order column, a purchase is a distinct (customer, order):
 * the pairs go to an orderset, counted at the end; the lines of one
 * order in a row (the usual case) are added once.
 */
struct cstat {
	int32_t		 first, last;	/* of purchases */
	uint64_t	 orders;	/* rows, or purchases at the end */
	struct fixsum	 total;
	int		 seen;		/* a row up to --asof */
};

/*
 * A row read and checked but not yet counted.  Rows are counted RING / 2
 * rows after they are read, so that the memory of their customer can be
 * fetched meanwhile: with 10^5 customers each lookup would otherwise
 * wait for main memory (see strmap_prefetch).
 */
#define RING	32

struct pend {
	int64_t		 day;
	double		 v;
	int		 buy;		/* a purchase */
	uint64_t	 h;		/* hash of the customer */
	char		*key, *ord;
	size_t		 klen, kcap, olen, ocap;
	int		 has_ord;
};

struct rfm {
	struct strmap	*ids;		/* customer -> struct cstat */
	struct pend	 ring[RING];
	size_t		 head, nq;	/* the oldest pending row, how many */
	int64_t		 maxday;
	struct orderset	*oset;
	char		*prev, *cprev;
	size_t		 plen, pcap, pcust;	/* the previous pair */
	size_t		 cplen, cpcap, ccust;	/* the previous customer */
};

/*
 * Note a line of (customer c, order p[0..len)) of amount v on day: a new
 * pair unless it is the previous row's.
 */
static void
rfm_order(struct rfm *a, size_t c, const char *p, size_t len, int64_t day,
    double v)
{
	if (c == a->pcust && len == a->plen && memcmp(p, a->prev, len) == 0) {
		metrics_oset_more(a->oset, (int32_t)day, v);
		return;
	}
	a->prev = xgrow(a->prev, &a->pcap, len + 1, 1);
	memcpy(a->prev, p, len);
	a->plen = len;
	a->pcust = c;
	metrics_oset_add(a->oset, (uint32_t)c, p, len, (int32_t)day, v);
}

/* The customer's id; the previous row's customer needs no lookup. */
static size_t
rfm_cust(struct rfm *a, const char *p, size_t len, uint64_t h, int *isnew)
{
	*isnew = 0;
	if (a->ccust != SIZE_MAX && len == a->cplen &&
	    memcmp(p, a->cprev, len) == 0)
		return a->ccust;
	a->cprev = xgrow(a->cprev, &a->cpcap, len + 1, 1);
	memcpy(a->cprev, p, len);
	a->cplen = len;
	a->ccust = strmap_intern_h(a->ids, p, len, h, isnew);
	if (a->ccust == STRMAP_FULL)
		crm_errx(1, "too many distinct customers (over 4 GB of keys)");
	return a->ccust;
}

/* Check one row's fields; 0 and the values, or -1 when it is bad. */
static int
rfm_fields(struct src *s, const struct csv_row *row, int64_t *day,
    double *v, const char **op, size_t *olen)
{
	const char *p;
	size_t len;

	if (input_day(s->in, row, s->c_date, day) != 0)
		return -1;
	if (*day < INT32_MIN || *day > INT32_MAX)
		return input_bad(s->in, row, s->c_date, "out of range");
	if (input_key(s->in, row, s->c_cust, &p, &len) != 0)
		return -1;
	if (input_num(s->in, row, s->c_amount, v) != 0)
		return -1;
	if (fabs(*v) >= METRICS_MAX_AMOUNT)
		return input_bad(s->in, row, s->c_amount, "out of range");
	if (s->c_order >= 0)
		return input_key(s->in, row, s->c_order, op, olen);
	return 0;
}

/* Count a pending row. */
static void
rfm_apply(struct rfm *a, const struct opts *o, const struct pend *q)
{
	struct cstat *e;
	size_t c;
	int isnew;

	/*
	 * A customer takes its place at its first row even when that is
	 * after --asof, as in the log that merge reads.
	 */
	c = rfm_cust(a, q->key, q->klen, q->h, &isnew);
	e = strmap_val(a->ids, c);
	if (isnew) {
		e->first = INT32_MAX;
		e->last = INT32_MIN;
	}
	if (o->has_asof && q->day > o->asof)
		return;
	e->seen = 1;
	fixsum_add(&e->total, q->v);
	if (q->day > a->maxday)
		a->maxday = q->day;
	if (q->has_ord)
		rfm_order(a, c, q->ord, q->olen, q->day, q->v);
	if (!q->buy)
		return;
	if (q->day < e->first)
		e->first = (int32_t)q->day;
	if (q->day > e->last)
		e->last = (int32_t)q->day;
	e->orders++;
}

/* Copy p[0..len) into a pending row's buffer. */
static void
pend_copy(char **buf, size_t *cap, size_t *len, const char *p, size_t n)
{
	*buf = xgrow(*buf, cap, n + 1, 1);
	memcpy(*buf, p, n);
	*len = n;
}

/*
 * Check a row now (so that errors name its line) and queue it; count the
 * oldest when the queue is full.  Each row's index slot is fetched when
 * it is queued and its entry RING / 2 rows later.
 */
static void
rfm_row(struct rfm *a, struct src *s, const struct csv_row *row)
{
	struct pend *q;
	const char *p, *op = NULL;
	size_t len, olen = 0;
	int64_t day;
	double v;

	struct fixsum one = FIXSUM_ZERO;
	int cls;

	if (rfm_fields(s, row, &day, &v, &op, &olen) != 0)
		return;
	fixsum_add(&one, v);
	cls = metrics_rec_class(&one);
	if (cls == REC_RET && s->o->returns == RETURNS_DROP)
		return;
	if (a->nq == RING) {
		rfm_apply(a, s->o, &a->ring[a->head]);
		a->head = (a->head + 1) % RING;
		a->nq--;
	}
	q = &a->ring[(a->head + a->nq++) % RING];
	p = input_str(row, s->c_cust, &len);
	pend_copy(&q->key, &q->kcap, &q->klen, p, len);
	q->has_ord = op != NULL;
	if (op != NULL)
		pend_copy(&q->ord, &q->ocap, &q->olen, op, olen);
	q->day = day;
	q->v = v;
	q->buy = s->o->returns == RETURNS_KEEP || cls != REC_RET;
	q->h = hash_bytes(p, len, 0);
	strmap_prefetch(a->ids, q->h);
	if (a->nq > RING / 2) {
		q = &a->ring[(a->head + a->nq - 1 - RING / 2) % RING];
		strmap_prefetch_val(a->ids, q->key, q->klen, q->h);
	}
}

/* Count every pending row. */
static void
rfm_drain(struct rfm *a, const struct opts *o)
{
	for (; a->nq > 0; a->nq--) {
		rfm_apply(a, o, &a->ring[a->head]);
		a->head = (a->head + 1) % RING;
	}
}

static void
rfm_header(struct csv_writer *w, const struct opts *o)
{
	csv_put_str(w, o->com.role[ROLE_CUSTOMER]);
	csv_put_str(w, "first_purchase");
	csv_put_str(w, "last_purchase");
	csv_put_str(w, "recency");
	csv_put_str(w, "frequency");
	csv_put_str(w, "monetary_total");
	csv_put_str(w, "monetary_mean");
	csv_put_str(w, "tenure");
	csv_end_row(w);
}

/*
 * One output row of the plain RFM table; a customer without a purchase
 * (only returns, or the lines of cancelled orders) has frequency 0 and
 * empty dates and mean.
 */
static void
rfm_put(struct csv_writer *w, const struct opts *o, const char *id,
    size_t idlen, int64_t first, int64_t last, double freq, uint64_t orders,
    double total, int64_t asof)
{
	csv_put(w, id, idlen);
	if (orders == 0) {
		csv_put(w, "", 0);
		csv_put(w, "", 0);
		csv_put(w, "", 0);
		csv_put_int(w, 0);
		metrics_put_num(w, o, total);
		csv_put(w, "", 0);
		csv_put(w, "", 0);
		csv_end_row(w);
		return;
	}
	metrics_put_day(w, first);
	metrics_put_day(w, last);
	csv_put_int(w, (long long)(asof - last));
	csv_put_int(w, (long long)freq);	/* a count */
	metrics_put_num(w, o, total);
	metrics_put_num(w, o, total / (double)orders);
	csv_put_int(w, (long long)(asof - first));
	csv_end_row(w);
}

static void
rfm_free(struct rfm *a)
{
	size_t i;

	for (i = 0; i < RING; i++) {
		free(a->ring[i].key);
		free(a->ring[i].ord);
	}
	strmap_free(a->ids);
	metrics_oset_free(a->oset);
	free(a->prev);
	free(a->cprev);
}

/*
 * Replace the row counts of the n customers by their purchases; with
 * cancel (--returns net), cancelled orders are none, and the first and
 * last purchase are those of the orders left.
 */
static void
rfm_purchases(struct rfm *a, size_t n, int cancel)
{
	uint64_t *cnt = xcalloc(n + 1, sizeof(*cnt));
	int32_t *first = NULL, *last = NULL;
	struct cstat *e;
	size_t i;

	if (cancel) {
		first = xcalloc(n + 1, sizeof(*first));
		last = xcalloc(n + 1, sizeof(*last));
	}
	metrics_oset_count(a->oset, cnt, n, cancel, first, last);
	for (i = 0; i < n; i++) {
		e = strmap_val(a->ids, i);
		e->orders = cnt[i];
		if (cancel) {
			e->first = first[i];
			e->last = last[i];
		}
	}
	free(cnt);
	free(first);
	free(last);
}

/* The streaming RFM table (no --repeat, no merge). */
static int
rfm_stream(const struct opts *o)
{
	struct rfm a;
	struct src s;
	struct csv_writer *w;
	const struct csv_row *row;
	const struct cstat *e;
	const char *id;
	size_t i, n, len;
	int64_t asof;

	memset(&a, 0, sizeof(a));
	if (!metrics_open(&s, o, NEED_CUST | NEED_DATE | NEED_AMOUNT |
	    WANT_ORDER))
		return 0;
	a.ids = strmap_new_val(sizeof(struct cstat));
	if (s.c_order >= 0)
		a.oset = metrics_oset_new();
	a.pcust = a.ccust = SIZE_MAX;
	a.maxday = INT64_MIN;
	while (input_next(s.in, &row))
		rfm_row(&a, &s, row);
	rfm_drain(&a, o);
	metrics_close(&s);
	n = strmap_count(a.ids);
	if (a.oset != NULL)
		rfm_purchases(&a, n, o->returns == RETURNS_NET);
	w = crm_open_output(&o->com);
	rfm_header(w, o);
	asof = o->has_asof ? o->asof : a.maxday + 1;
	for (i = 0; i < n; i++) {
		e = strmap_val(a.ids, i);
		if (!e->seen)	/* only rows after --asof */
			continue;
		id = strmap_key(a.ids, i, &len);
		rfm_put(w, o, id, len, e->first, e->last, (double)e->orders,
		    e->orders, metrics_sum(&e->total, id, len), asof);
	}
	crm_close_output(w);
	rfm_free(&a);
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
 * purchase periods less one (monetary_mean stays total / purchases).
 */
static int
rfm_log(const struct opts *o, const struct txlog *l)
{
	struct csv_writer *w = crm_open_output(&o->com);
	struct fixsum tot;
	const char *id;
	size_t i, j, len, cap = 0;
	uint64_t rows, periods, orders;
	uint32_t *buf = NULL;
	int64_t asof, first, last, lastp;

	rfm_header(w, o);
	asof = o->has_asof ? o->asof : l->maxday + 1;
	for (i = 0; i < l->n; i = j) {
		memset(&tot, 0, sizeof(tot));
		rows = periods = 0;
		lastp = INT64_MIN;
		first = INT64_MAX;
		last = INT64_MIN;
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust; j++) {
			if (l->v[j].day > asof)
				continue;
			rows += l->v[j].n;
			fixsum_addf(&tot, &l->v[j].amount);
			if (!l->v[j].buy)
				continue;
			if (l->v[j].day < first)
				first = l->v[j].day;
			if (l->v[j].day > last)
				last = l->v[j].day;
			if (freq_period(o, l->v[j].day) != lastp)
				periods++;
			lastp = freq_period(o, l->v[j].day);
		}
		if (rows == 0)
			continue;
		orders = metrics_txlog_purchases(l, i, j, asof, &buf, &cap);
		id = strmap_key(l->custs, l->v[i].cust, &len);
		rfm_put(w, o, id, len, first, last, o->repeat ?
		    (double)(periods - 1) : (double)orders, orders,
		    metrics_sum(&tot, id, len), asof);
	}
	crm_close_output(w);
	free(buf);
	return 0;
}

void
metrics_ltsum_free(struct ltsum *t)
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

/*
 * Summarise one customer's records [i, j) into t; skipped if none.  The
 * monetary value is the exact sum of the repeat periods' amounts
 * divided by their number.
 */
static void
lt_one(struct ltsum *t, const struct opts *o, const struct txlog *l,
    size_t i, size_t j, int64_t obs)
{
	const struct rec *v = l->v;
	struct fixsum rep = FIXSUM_ZERO;
	int64_t p0 = 0, pl = INT64_MIN, p;
	double x = -1;
	const char *id;
	size_t k, len;

	for (k = i; k < j; k++) {
		p = freq_period(o, v[k].day);
		if (p > obs)
			break;
		if (v[k].buy && p != pl) {
			if (x < 0)
				p0 = p;
			x++;
			pl = p;
		}
		if (x >= 0 && p > p0)
			fixsum_addf(&rep, &v[k].amount);
	}
	if (x < 0)
		return;
	id = strmap_key(l->custs, v[i].cust, &len);
	t->cust[t->n] = v[i].cust;
	t->x[t->n] = x;
	t->tx[t->n] = (double)(pl - p0) / o->freq_mult;
	t->T[t->n] = (double)(obs - p0) / o->freq_mult;
	t->m[t->n] = x > 0 ? metrics_sum(&rep, id, len) / x : 0;
	t->n++;
}

/*
 * The lifetimes summary of the log: observation end --asof (default
 * the last day in the data), periods of --freq, rows after the end's
 * period left out, customers without a purchase by then left out.
 */
void
metrics_ltsum_from_log(struct ltsum *t, const struct txlog *l,
    const struct opts *o)
{
	size_t i, j, nc = strmap_count(l->custs);
	int64_t obs;

	ltsum_alloc(t, nc);
	t->has_m = l->has_amount;
	obs = freq_period(o, o->has_asof ? o->asof : l->maxday);
	for (i = 0; i < l->n; i = j) {
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust; j++)
			;
		lt_one(t, o, l, i, j, obs);
	}
}

static void
lt_put(struct csv_writer *w, const struct opts *o, const struct ltsum *t,
    size_t i)
{
	metrics_put_num(w, o, t->x[i]);
	metrics_put_num(w, o, t->tx[i]);
	metrics_put_num(w, o, t->T[i]);
	if (t->has_m)
		metrics_put_num(w, o, t->m[i]);
}

static int
rfm_lifetimes(const struct opts *o, const struct txlog *l)
{
	struct csv_writer *w = crm_open_output(&o->com);
	struct ltsum t;
	const char *id;
	size_t i, len;

	metrics_ltsum_from_log(&t, l, o);
	csv_put_str(w, o->com.role[ROLE_CUSTOMER]);
	csv_put_str(w, "frequency");
	csv_put_str(w, "recency");
	csv_put_str(w, "T");
	if (t.has_m)
		csv_put_str(w, "monetary_value");
	csv_end_row(w);
	for (i = 0; i < t.n; i++) {
		id = strmap_key(l->custs, t.cust[i], &len);
		csv_put(w, id, len);
		lt_put(w, o, &t, i);
		csv_end_row(w);
	}
	crm_close_output(w);
	metrics_ltsum_free(&t);
	return 0;
}

int
metrics_rfm(const struct opts *o)
{
	struct txlog l;
	int rc;

	if (!o->lifetimes && !o->repeat && !o->merging)
		return rfm_stream(o);
	if (!metrics_txlog_read(&l, o,
	    o->lifetimes ? WANT_AMOUNT : NEED_AMOUNT))
		return 0;
	rc = o->lifetimes ? rfm_lifetimes(o, &l) : rfm_log(o, &l);
	metrics_txlog_free(&l);
	return rc;
}
