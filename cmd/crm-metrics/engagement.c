/*
 * engagement.c: engagement from an interactions table (customer, date,
 * any other columns).  Per customer: interactions, distinct active
 * days, first and last interaction and days since the last one (at
 * --asof, default the day after the last date).  With --period (and
 * --by): per period, the customers active, the interactions, their
 * ratio and the share of customers with more than one interaction.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "err.h"
#include "hash.h"

#include "metrics.h"

static void
per_customer(const struct opts *o, const struct txlog *l)
{
	struct csv_writer *w = crm_open_output(&o->com);
	static const char *const cols[] = { "interactions", "active_days",
	    "first_interaction", "last_interaction", "days_since_last", NULL };
	const char *const *c;
	const char *id;
	uint64_t n, days;
	int64_t asof = o->has_asof ? o->asof : l->maxday + 1, last;
	size_t i, j, len;

	csv_put_str(w, o->com.role[ROLE_CUSTOMER]);
	for (c = cols; *c != NULL; c++)
		csv_put_str(w, *c);
	csv_end_row(w);
	for (i = 0; i < l->n; i = j) {
		n = days = 0;
		last = INT64_MIN;
		/* records are by day, but a day may hold several (orders,
		 * signs of amounts) in states written by other subcommands */
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust; j++) {
			if (l->v[j].day > asof)
				continue;
			n += l->v[j].n;
			days += l->v[j].day != last;
			last = l->v[j].day;
		}
		if (n == 0)
			continue;
		id = strmap_key(l->custs, l->v[i].cust, &len);
		csv_put(w, id, len);
		csv_put_int(w, (long long)n);
		csv_put_int(w, (long long)days);
		metrics_put_day(w, l->v[i].day);
		metrics_put_day(w, last);
		csv_put_int(w, (long long)(asof - last));
		csv_end_row(w);
	}
	crm_close_output(w);
}

int
metrics_engagement(const struct opts *o)
{
	struct txlog l;

	if (o->by.n > 0 && !o->has_period)
		crm_errx(2, "engagement --by needs --period");
	if (!metrics_txlog_read(&l, o, 0))
		return 0;
	if (o->has_period)
		metrics_group_table(o, &l, 0);
	else
		per_customer(o, &l);
	metrics_txlog_free(&l);
	return 0;
}
