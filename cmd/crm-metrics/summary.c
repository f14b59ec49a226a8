/*
 * summary.c: business totals per group (--by value and/or --period):
 * customers, orders (distinct (customer, order) pairs with a line in
 * the group, or rows without an order column), revenue,
 * AOV = revenue/orders, ARPU =
 * revenue/customers, repeat-purchase rate = share of the group's
 * customers with two or more orders in it, purchase frequency =
 * orders/customers.  engagement --period uses the same table without
 * the revenue.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "u64map.h"

#include "metrics.h"

struct sumrow {
	uint32_t	 group;
	int64_t		 period;
	uint64_t	 customers, orders, repeaters;
	struct fixsum	 revenue;
};

struct sumtab {
	struct u64map	*keys;		/* (group, period) -> struct sumrow */
	size_t		 n;
};

static struct sumrow *
sum_row(struct sumtab *t, uint32_t group, int64_t period)
{
	struct sumrow *r;
	size_t id;
	int isnew;

	/* a period index fits 32 bits: dates stop at year 9999 */
	id = u64map_intern(t->keys, u64map_pair(group, (uint32_t)period),
	    &isnew);
	if (id == U64MAP_FULL)
		crm_errx(1, "too many groups and periods");
	r = u64map_val(t->keys, id);
	if (isnew) {
		r->group = group;
		r->period = period;
		t->n = id + 1;
	}
	return r;
}

/*
 * Fold the log into rows: one pass over each customer's records, a run
 * of them per group and period.  buf is scratch for metrics_txlog_purchases.
 */
static void
sum_fill(struct sumtab *t, const struct opts *o, const struct txlog *l)
{
	struct sumrow *r;
	struct fixsum rev;
	uint32_t *buf = NULL;
	uint64_t n;
	int64_t per;
	size_t i, j, cap = 0;

	for (i = 0; i < l->n; i = j) {
		per = o->has_period ? period_index(o->period, l->v[i].day) : 0;
		memset(&rev, 0, sizeof(rev));
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust &&
		    l->v[j].group == l->v[i].group && (!o->has_period ||
		    period_index(o->period, l->v[j].day) == per); j++)
			fixsum_addf(&rev, &l->v[j].amount);
		n = metrics_txlog_purchases(l, i, j, INT64_MAX, &buf, &cap);
		r = sum_row(t, l->v[i].group, per);
		r->customers++;
		r->orders += n;
		r->repeaters += n > 1;
		fixsum_addf(&r->revenue, &rev);
	}
	free(buf);
}

static void
sum_header(struct csv_writer *w, const struct opts *o, int money)
{
	metrics_put_by_header(w, o);
	if (o->has_period) {
		csv_put_str(w, "period");
		csv_put_str(w, "partial");
	}
	csv_put_str(w, "customers");
	csv_put_str(w, money ? "orders" : "interactions");
	if (money) {
		csv_put_str(w, "revenue");
		csv_put_str(w, "aov");
		csv_put_str(w, "arpu");
		csv_put_str(w, "repeat_rate");
		csv_put_str(w, "purchase_frequency");
	} else {
		csv_put_str(w, "interactions_per_customer");
		csv_put_str(w, "repeat_rate");
	}
	csv_end_row(w);
}

static void
sum_put(struct csv_writer *w, const struct opts *o, const struct sumrow *r,
    int money)
{
	double rev = metrics_sum(&r->revenue, NULL, 0);

	csv_put_int(w, (long long)r->customers);
	csv_put_int(w, (long long)r->orders);
	if (money) {
		metrics_put_num(w, o, rev);
		metrics_put_ratio(w, o, rev, (double)r->orders);
		metrics_put_ratio(w, o, rev, (double)r->customers);
	} else
		metrics_put_ratio(w, o, (double)r->orders, (double)r->customers);
	metrics_put_ratio(w, o, (double)r->repeaters, (double)r->customers);
	if (money)
		metrics_put_ratio(w, o, (double)r->orders, (double)r->customers);
	csv_end_row(w);
}

/*
 * Write the group table of l, sorted by group value and period.
 * money: the summary columns; else the engagement columns.
 */
void
metrics_group_table(const struct opts *o, const struct txlog *l, int money)
{
	struct csv_writer *w = crm_open_output(&o->com);
	struct sumtab t;
	const struct sumrow *r;
	struct gkey *k;
	char buf[32];
	size_t i;

	memset(&t, 0, sizeof(t));
	t.keys = u64map_new(sizeof(struct sumrow));
	sum_fill(&t, o, l);
	k = xcalloc(t.n + 1, sizeof(*k));
	for (i = 0; i < t.n; i++) {
		r = u64map_val(t.keys, i);
		k[i].key = strmap_key(l->groups, r->group, &k[i].len);
		k[i].period = r->period;
		k[i].idx = i;
	}
	qsort(k, t.n, sizeof(*k), metrics_gkey_cmp);
	sum_header(w, o, money);
	for (i = 0; i < t.n; i++) {
		metrics_put_group(w, o, k[i].key, k[i].len);
		if (o->has_period) {
			csv_put(w, buf, period_label(buf, o->period,
			    k[i].period));
			csv_put_int(w, metrics_partial_period(o, l,
			    k[i].period));
		}
		sum_put(w, o, u64map_val(t.keys, k[i].idx), money);
	}
	crm_close_output(w);
	free(k);
	u64map_free(t.keys);
}

int
metrics_summary(const struct opts *o)
{
	struct txlog l;

	if (!metrics_txlog_read(&l, o, NEED_AMOUNT))
		return 0;
	if (!l.has_amount)
		crm_errx(1, "the states have no amounts");
	metrics_group_table(o, &l, 1);
	metrics_txlog_free(&l);
	return 0;
}
