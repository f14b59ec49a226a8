/*
 * txlog.c: the transaction log most subcommands work from: one record
 * per (customer, group, day) with the number of rows and the exact sum
 * of their amounts, read from transactions or from partial states
 * (--partial writes the same records, so that merge is a union).
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
fix_add(struct fixsum *s, double v)
{
	double fl = floor(v);
	uint64_t lo = (uint64_t)ldexp(v - fl, 64);

	s->lo += lo;
	if (s->lo < lo)
		s->hi++;
	s->hi += (int64_t)fl;
}

void
fix_addf(struct fixsum *s, const struct fixsum *t)
{
	s->lo += t->lo;
	if (s->lo < t->lo)
		s->hi++;
	s->hi += t->hi;
}

double
fix_get(const struct fixsum *s)
{
	return (double)s->hi + ldexp((double)s->lo, -64);
}

void
put_day(struct csv_writer *w, int64_t day)
{
	char buf[32];

	csv_put(w, buf, date_fmt_day(buf, day));
}

/* num/den, or an empty field when den is 0. */
void
put_ratio(struct csv_writer *w, double num, double den)
{
	if (den == 0)
		csv_put(w, "", 0);
	else
		csv_put_num(w, num / den);
}

int
gkey_cmp(const void *a, const void *b)
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
txlog_init(struct txlog *l)
{
	memset(l, 0, sizeof(*l));
	l->custs = strmap_new();
	l->groups = strmap_new();
	strmap_intern(l->groups, "", 0, NULL);
	l->minday = INT64_MAX;
	l->maxday = INT64_MIN;
}

void
txlog_free(struct txlog *l)
{
	strmap_free(l->custs);
	strmap_free(l->groups);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Add a record, folding it into the last one when the key repeats. */
void
txlog_add(struct txlog *l, uint32_t cust, uint32_t group, int64_t day,
    uint32_t n, const struct fixsum *amt)
{
	struct rec *e;

	if (day < l->minday)
		l->minday = day;
	if (day > l->maxday)
		l->maxday = day;
	if (l->n > 0) {
		e = &l->v[l->n - 1];
		if (e->cust == cust && e->group == group && e->day == day) {
			e->n += n;
			fix_addf(&e->amount, amt);
			return;
		}
	}
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	e = &l->v[l->n++];
	e->cust = cust;
	e->group = group;
	e->day = (int32_t)day;
	e->n = n;
	e->amount = *amt;
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
	return 0;
}

void
txlog_sort(struct txlog *l)
{
	size_t i, k;

	if (l->n == 0)
		return;
	qsort(l->v, l->n, sizeof(*l->v), rec_cmp);
	for (i = 1, k = 0; i < l->n; i++) {
		if (rec_cmp(&l->v[k], &l->v[i]) == 0) {
			l->v[k].n += l->v[i].n;
			fix_addf(&l->v[k].amount, &l->v[i].amount);
		} else
			l->v[++k] = l->v[i];
	}
	l->n = k + 1;
}

/* Read one good row into the log; -1 when it is bad. */
static int
read_row(struct txlog *l, struct src *s, const struct csv_row *row)
{
	struct fixsum amt = { 0, 0 };
	const char *p;
	size_t len, c, g = 0;
	int64_t day;
	double v;

	if (src_day(s, row, &day) != 0)
		return -1;
	if (day < INT32_MIN || day > INT32_MAX)
		return src_bad(s, row, s->c_date, "out of range");
	if (s->c_amount >= 0) {
		if (src_num(s, row, s->c_amount, &v) != 0)
			return -1;
		if (fabs(v) >= 1e15)
			return src_bad(s, row, s->c_amount, "out of range");
		fix_add(&amt, v);
	}
	p = src_str(row, s->c_cust, &len);
	c = strmap_intern(l->custs, p, len, NULL);
	if (s->c_by >= 0) {
		p = src_str(row, s->c_by, &len);
		g = strmap_intern(l->groups, p, len, NULL);
	}
	txlog_add(l, (uint32_t)c, (uint32_t)g, day, 1, &amt);
	return 0;
}

/* Read the rest of s (its columns resolved) into l, sorted and folded. */
void
txlog_read_src(struct txlog *l, struct src *s)
{
	const struct csv_row *row;

	l->has_amount = s->c_amount >= 0;
	while (src_next(s, &row))
		read_row(l, s, row);
	src_close(s);
	txlog_sort(l);
}

/*
 * Read the whole input (transactions, or partial states when merging)
 * into l, sorted and folded.  Returns 0 on empty input, else 1.
 */
int
txlog_read(struct txlog *l, const struct opts *o, int need)
{
	struct src s;

	txlog_init(l);
	if (o->merging) {
		if (partial_read(l, o))
			return 1;
		txlog_free(l);
		return 0;
	}
	if (!src_open(&s, o, need | NEED_CUST | NEED_DATE)) {
		txlog_free(l);
		return 0;
	}
	txlog_read_src(l, &s);
	return 1;
}
