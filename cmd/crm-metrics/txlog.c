/*
 * txlog.c: the transaction log most subcommands work from: one record
 * per (customer, group, day, order) with the number of rows and the
 * exact sum of their amounts, read from transactions or from partial
 * states (--partial writes the same records, so that merge is a union
 * and an order split between shards is still one purchase).
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

void
metrics_put_day(struct csv_writer *w, int64_t day)
{
	char buf[32];

	csv_put(w, buf, date_fmt_day(buf, day));
}

void
metrics_put_num(struct csv_writer *w, const struct opts *o, double v)
{
	if (o->digits < 0 || v == floor(v) || !isfinite(v))
		csv_put_num(w, v);
	else
		csv_put_fixed(w, v, o->digits);
}

/* num/den, or an empty field when den is 0. */
void
metrics_put_ratio(struct csv_writer *w, const struct opts *o, double num,
    double den)
{
	if (den == 0)
		csv_put(w, "", 0);
	else
		metrics_put_num(w, o, num / den);
}

int
metrics_gkey_cmp(const void *a, const void *b)
{
	const struct gkey *x = a, *y = b;
	int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->period < y->period ? -1 : x->period > y->period;
}

void
metrics_txlog_init(struct txlog *l)
{
	memset(l, 0, sizeof(*l));
	l->custs = strmap_new();
	l->groups = strmap_new();
	l->orders = strmap_new();
	strmap_intern(l->groups, "", 0, NULL);
	l->minday = INT64_MAX;
	l->maxday = INT64_MIN;
}

void
metrics_txlog_free(struct txlog *l)
{
	strmap_free(l->custs);
	strmap_free(l->groups);
	strmap_free(l->orders);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/*
 * Fold r into e, the same customer, group, day and order: more rows than
 * a record counts (2^32 - 1, which only forged states reach) is a limit.
 */
static void
fold(const struct txlog *l, struct rec *e, const struct rec *r)
{
	const char *id;
	size_t len;
	char day[32];

	if (metrics_rec_fold(e, r) == 0)
		return;
	id = strmap_key(l->custs, e->cust, &len);
	date_fmt_day(day, e->day);
	crm_errx(1, "customer '%.*s': more than %lu rows on %s", (int)len, id,
	    (unsigned long)UINT32_MAX, day);
}

/*
 * The value of an exact sum of amounts (of customer id[0..len), or of
 * a group when id is NULL); a sum that overflowed (|sum| >= 2^63) exits
 * 1: never a wrapped, wrong figure.
 */
double
metrics_sum(const struct fixsum *s, const char *id, size_t len)
{
	if (fixsum_ok(s))
		return fixsum_get(s);
	if (id != NULL)
		crm_errx(1, "customer '%.*s': the sum of the amounts is out "
		    "of range (2^63 or more in magnitude)", (int)len, id);
	crm_errx(1, "the sum of the amounts is out of range (2^63 or more "
	    "in magnitude)");
}

/* Add a record, folding it into the last one when the key repeats. */
void
metrics_txlog_add(struct txlog *l, const struct rec *r)
{
	struct rec *e;

	if (r->day < l->minday)
		l->minday = r->day;
	if (r->day > l->maxday)
		l->maxday = r->day;
	if (l->n > 0) {
		e = &l->v[l->n - 1];
		if (e->cust == r->cust && e->group == r->group &&
		    e->day == r->day && e->order == r->order &&
		    e->cls == r->cls) {
			fold(l, e, r);
			return;
		}
	}
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = *r;
}

static int
rec_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->cust != y->cust)
		return x->cust < y->cust ? -1 : 1;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->cls < y->cls ? -1 : x->cls > y->cls;
}

int
metrics_rec_class(const struct fixsum *s)
{
	if (s->hi < 0)
		return REC_RET;
	return s->hi == 0 && s->lo == 0 ? REC_ZERO : REC_BUY;
}

/* An (order, record) pair of one customer, for the nets of orders. */
struct ordrec {
	uint32_t	 order;
	size_t		 k;
};

static int
ordrec_cmp(const void *a, const void *b)
{
	const struct ordrec *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/*
 * Mark the records [i, j) of one customer: every record but returns is
 * a purchase, unless it belongs to a cancelled order: one with a return
 * line whose net up to maxday is not above 0.
 */
static void
mark_one(struct txlog *l, size_t i, size_t j, int64_t maxday,
    struct ordrec **buf, size_t *cap)
{
	struct fixsum net;
	size_t k, m = 0, a, b;
	int ret, buy;

	for (k = i; k < j; k++) {
		l->v[k].buy = l->v[k].cls != REC_RET;
		if (l->v[k].order == ORDER_NONE || l->v[k].day > maxday)
			continue;
		*buf = xgrow(*buf, cap, m + 1, sizeof(**buf));
		(*buf)[m].order = l->v[k].order;
		(*buf)[m++].k = k;
	}
	if (m > 1)
		qsort(*buf, m, sizeof(**buf), ordrec_cmp);
	for (a = 0; a < m; a = b) {
		memset(&net, 0, sizeof(net));
		ret = 0;
		for (b = a; b < m && (*buf)[b].order == (*buf)[a].order; b++) {
			fixsum_addf(&net, &l->v[(*buf)[b].k].amount);
			ret |= l->v[(*buf)[b].k].cls == REC_RET;
		}
		buy = !ret || metrics_rec_class(&net) == REC_BUY;
		for (k = a; k < b; k++)
			l->v[(*buf)[k].k].buy &= buy;
	}
}

void
metrics_txlog_mark(struct txlog *l, const struct opts *o)
{
	struct ordrec *buf = NULL;
	size_t i, j, cap = 0;
	int64_t maxday = o->has_asof ? o->asof : INT64_MAX;

	for (i = 0; i < l->n; i = j) {
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust; j++)
			if (o->returns == RETURNS_KEEP)
				l->v[j].buy = 1;
		if (o->returns != RETURNS_KEEP)
			mark_one(l, i, j, maxday, &buf, &cap);
	}
	free(buf);
}

void
metrics_txlog_sort(struct txlog *l)
{
	size_t i, k;

	if (l->n == 0)
		return;
	qsort(l->v, l->n, sizeof(*l->v), rec_cmp);
	for (i = 1, k = 0; i < l->n; i++) {
		if (rec_cmp(&l->v[k], &l->v[i]) == 0)
			fold(l, &l->v[k], &l->v[i]);
		else
			l->v[++k] = l->v[i];
	}
	l->n = k + 1;
}

/* Read one good row into the log; -1 when it is bad. */
static int
read_row(struct txlog *l, struct src *s, const struct csv_row *row)
{
	struct rec e;
	const char *p, *op = NULL;
	size_t len, olen = 0;
	int64_t day;
	double v;

	memset(&e, 0, sizeof(e));
	if (input_day(s->in, row, s->c_date, &day) != 0)
		return -1;
	if (day < INT32_MIN || day > INT32_MAX)
		return input_bad(s->in, row, s->c_date, "out of range");
	if (input_key(s->in, row, s->c_cust, &p, &len) != 0)
		return -1;
	if (s->c_amount >= 0) {
		if (input_num(s->in, row, s->c_amount, &v) != 0)
			return -1;
		if (fabs(v) >= METRICS_MAX_AMOUNT)
			return input_bad(s->in, row, s->c_amount,
			    "out of range");
		fixsum_add(&e.amount, v);
		e.cls = (uint8_t)metrics_rec_class(&e.amount);
		if (e.cls == REC_RET && s->o->returns == RETURNS_DROP)
			return 0;
	}
	if (s->c_order >= 0 &&
	    input_key(s->in, row, s->c_order, &op, &olen) != 0)
		return -1;
	e.order = op == NULL ? ORDER_NONE :
	    (uint32_t)input_intern(l->orders, op, olen, NULL,
	    "orders");
	e.cust = (uint32_t)input_intern(l->custs, p, len, NULL,
	    "customers");
	if (s->c_by != NULL) {
		p = metrics_group(s, row, &len);
		e.group = (uint32_t)input_intern(l->groups, p, len,
		    NULL, "groups");
	}
	e.day = (int32_t)day;
	e.n = 1;
	metrics_txlog_add(l, &e);
	return 0;
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

uint64_t
metrics_txlog_purchases(const struct txlog *l, size_t i, size_t j,
    int64_t maxday,
    uint32_t **buf, size_t *cap)
{
	uint64_t n = 0;
	size_t k, m = 0;
	int sorted = 1;

	for (k = i; k < j; k++) {
		if (l->v[k].day > maxday || !l->v[k].buy)
			continue;
		if (l->v[k].order == ORDER_NONE) {
			n += l->v[k].n;
			continue;
		}
		*buf = xgrow(*buf, cap, m + 1, sizeof(**buf));
		if (m > 0 && (*buf)[m - 1] >= l->v[k].order)
			sorted = 0;
		(*buf)[m++] = l->v[k].order;
	}
	/* Ids rising along the records (the usual case) are distinct. */
	if (sorted || m < 2)
		return n + m;
	qsort(*buf, m, sizeof(**buf), u32_cmp);
	for (k = 1, n++; k < m; k++)
		n += (*buf)[k] != (*buf)[k - 1];
	return n;
}

/* Read the rest of s (its columns resolved) into l, sorted and folded. */
void
metrics_txlog_read_src(struct txlog *l, struct src *s)
{
	const struct csv_row *row;

	l->has_amount = s->c_amount >= 0;
	while (input_next(s->in, &row))
		read_row(l, s, row);
	metrics_close(s);
	metrics_txlog_sort(l);
	metrics_txlog_mark(l, s->o);
}

/*
 * Read the whole input (transactions, or partial states when merging)
 * into l, sorted and folded.  Returns 0 on empty input, else 1.
 */
int
metrics_txlog_read(struct txlog *l, const struct opts *o, int need)
{
	struct src s;

	metrics_txlog_init(l);
	if (o->merging) {
		if (metrics_partial_read(l, o))
			return 1;
		metrics_txlog_free(l);
		return 0;
	}
	if (metrics_uses_order(o))
		need |= WANT_ORDER;
	/* returns are told by their amounts; engagement has none */
	if (o->cmd != CMD_ENGAGEMENT && o->returns != RETURNS_KEEP)
		need |= WANT_AMOUNT;
	if (!metrics_open(&s, o, need | NEED_CUST | NEED_DATE)) {
		metrics_txlog_free(l);
		return 0;
	}
	metrics_txlog_read_src(l, &s);
	return 1;
}
