/*
 * lifecycle.c: each customer's lifecycle stage from transactions
 * (customer, date, amount), with the evidence.  Day numbers are those
 * of the core's dates; the observation day (--asof, default the day
 * after the last date) is excluded, as crm-metrics rfm does.  Windows
 * of W days (--window): recent = [asof - W, asof), earlier =
 * [asof - 2W, asof - W); purchases are the distinct days with a
 * purchase, spend the sum of the amounts.  The first rule that holds:
 *   lapsed     recency (asof - last day) > --lapsed-days (180)
 *   new        tenure (asof - first day) <= --new-days (90)
 *   declining  no purchase in the recent window, or recent purchases
 *              and spend both below (1 - change) x the earlier ones
 *   growing    recent purchases and spend both above (1 + change) x
 *              the earlier ones, or tenure <= --mature-days (365)
 * Both measures must move for a trend: spend alone is noisy (one large
 * order), and with "either" almost no customer would stay mature.
 *   mature     the rest
 * Rows on or after --asof are not used.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "ml/order.h"

#include "segment.h"

struct tx {
	size_t	 cust;
	int64_t	 day;
	double	 amount;
};

struct cust {
	int64_t	 first, last;
	size_t	 pr, pe;		/* purchase days: recent, earlier */
	double	 sr, se;		/* spend */
	int64_t	 lastday;		/* the last day counted */
	int	 seen;
};

static int
tx_cmp(const void *a, const void *b, void *ctx)
{
	const struct tx *x = a, *y = b;

	(void)ctx;
	if (x->cust != y->cust)
		return x->cust < y->cust ? -1 : 1;
	return x->day < y->day ? -1 : x->day > y->day;
}

static const char *
stage(const struct opts *o, const struct cust *c, int64_t asof)
{
	double ch = o->change;

	if (asof - c->last > o->lapsed)
		return "lapsed";
	if (asof - c->first <= o->newdays)
		return "new";
	if (c->pr == 0 || ((double)c->pr < (1 - ch) * (double)c->pe &&
	    c->sr < (1 - ch) * c->se))
		return "declining";
	if (((double)c->pr > (1 + ch) * (double)c->pe &&
	    c->sr > (1 + ch) * c->se) || asof - c->first <= o->maturedays)
		return "growing";
	return "mature";
}

/* Sum each customer's windows from the transactions sorted. */
static void
aggregate(const struct opts *o, struct tx *t, size_t n, struct cust *c,
    int64_t asof)
{
	size_t i;
	struct cust *u;

	sort_r(t, n, sizeof(*t), tx_cmp, NULL);
	for (i = 0; i < n; i++) {
		if (t[i].day >= asof)
			continue;
		u = &c[t[i].cust];
		if (!u->seen) {
			u->first = t[i].day;
			u->seen = 1;
			u->lastday = INT64_MIN;
		}
		u->last = t[i].day;
		if (t[i].day >= asof - o->window) {
			u->pr += t[i].day != u->lastday;
			u->sr += t[i].amount;
		} else if (t[i].day >= asof - 2 * (int64_t)o->window) {
			u->pe += t[i].day != u->lastday;
			u->se += t[i].amount;
		}
		u->lastday = t[i].day;
	}
}

static void
write_out(const struct opts *o, struct strmap *ids, const struct cust *c,
    size_t nc, int64_t asof)
{
	static const char *const h[] = { "first_purchase", "last_purchase",
		"tenure", "recency", "purchases_recent", "purchases_earlier",
		"spend_recent", "spend_earlier", "stage", NULL };
	struct csv_writer *w = crm_open_output(&o->com);
	char buf[32];
	const char *k;
	size_t i, len;

	csv_put_str(w, o->com.role[ROLE_CUSTOMER]);
	for (i = 0; h[i] != NULL; i++)
		csv_put_str(w, h[i]);
	csv_end_row(w);
	for (i = 0; i < nc; i++) {
		if (!c[i].seen)
			continue;
		k = strmap_key(ids, i, &len);
		csv_put(w, k, len);
		csv_put(w, buf, date_fmt_day(buf, c[i].first));
		csv_put(w, buf, date_fmt_day(buf, c[i].last));
		csv_put_int(w, asof - c[i].first);
		csv_put_int(w, asof - c[i].last);
		csv_put_int(w, (long long)c[i].pr);
		csv_put_int(w, (long long)c[i].pe);
		csv_put_num(w, c[i].sr);
		csv_put_num(w, c[i].se);
		csv_put_str(w, stage(o, &c[i], asof));
		csv_end_row(w);
	}
	crm_close_output(w);
}

int
seg_lifecycle(const struct opts *o)
{
	struct crm_input *in;
	struct strmap *ids;
	struct tx *t = NULL;
	struct cust *c;
	const struct csv_row *row;
	const char *p;
	size_t n = 0, cap = 0, len, nc;
	long cc, cd, ca;
	int64_t day, last = INT64_MIN;
	double v;
	int isnew;

	if ((in = input_open(&o->com, o->files, o->nfiles)) == NULL)
		return 0;
	cc = input_role(in, ROLE_CUSTOMER, INPUT_NEED);
	cd = input_role(in, ROLE_DATE, INPUT_NEED);
	ca = input_role(in, ROLE_AMOUNT, INPUT_NEED);
	ids = strmap_new();
	while (input_next(in, &row)) {
		if (input_key(in, row, cc, &p, &len) != 0 ||
		    input_day(in, row, cd, &day) != 0 ||
		    input_num(in, row, ca, &v) != 0)
			continue;
		t = xgrow(t, &cap, n + 1, sizeof(*t));
		t[n].cust = input_intern(ids, p, len, &isnew, "customers");
		t[n].day = day;
		t[n++].amount = v;
		if (day > last)
			last = day;
	}
	nc = strmap_count(ids);
	c = xcalloc(nc + 1, sizeof(*c));
	if (n > 0 || o->has_asof) {
		day = o->has_asof ? o->asof : last + 1;
		aggregate(o, t, n, c, day);
	} else
		day = 0;
	write_out(o, ids, c, nc, day);
	free(t);
	free(c);
	strmap_free(ids);
	input_close(in);
	return 0;
}
