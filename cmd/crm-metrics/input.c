/*
 * input.c: the input of crm-metrics: open it through the common typed
 * input (input.h) and find the columns a subcommand needs.  Fields are
 * parsed with input.h's getters, which apply the bad-row policy.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#include "csv.h"
#include "err.h"
#include "input.h"
#include "opt.h"

#include "metrics.h"

/* A role's column: needed, wanted (when present) or not used. */
static long
role(struct crm_input *in, enum crm_role r, int need, int want)
{
	if (need)
		return input_role(in, r, INPUT_NEED);
	if (want)
		return input_role(in, r, INPUT_WANT);
	return -1;
}

/*
 * Open the inputs and read the header.  Returns 1 when there is a
 * header, 0 on completely empty input.  Missing columns exit 2.
 */
int
metrics_open(struct src *s, const struct opts *o, int need)
{
	memset(s, 0, sizeof(*s));
	s->o = o;
	if ((s->in = input_open(&o->com, o->files, o->nfiles)) == NULL)
		return 0;
	s->c_cust = s->c_date = s->c_amount = s->c_score = -1;
	s->c_order = -1;
	metrics_need(s, need);
	return 1;
}

/* Resolve (more of) the columns of need; missing ones exit 2. */
void
metrics_need(struct src *s, int need)
{
	size_t i;

	if (s->c_cust < 0)
		s->c_cust = role(s->in, ROLE_CUSTOMER, need & NEED_CUST,
		    need & WANT_CUST);
	if (s->c_date < 0)
		s->c_date = role(s->in, ROLE_DATE, need & NEED_DATE, 0);
	if (s->c_amount < 0)
		s->c_amount = role(s->in, ROLE_AMOUNT, need & NEED_AMOUNT,
		    need & WANT_AMOUNT);
	if (s->c_score < 0)
		s->c_score = role(s->in, ROLE_SCORE, need & NEED_SCORE, 0);
	if (s->c_by == NULL && s->o->by.n > 0) {
		s->c_by = xcalloc(s->o->by.n, sizeof(*s->c_by));
		for (i = 0; i < s->o->by.n; i++)
			s->c_by[i] = input_col(s->in, s->o->by.names[i],
			    INPUT_NEED);
	}
	if (s->c_order < 0 && (need & WANT_ORDER)) {
		s->c_order = role(s->in, ROLE_ORDER, 0, 1);
		if (s->c_order < 0 && metrics_counts_orders(s->o) &&
		    !s->o->com.quiet)
			crm_warnx("no column '%s': each row is one purchase "
			    "(--order names the order column; -q silences "
			    "this)", s->o->com.role[ROLE_ORDER]);
	}
}

/*
 * Whether the subcommand counts purchases as orders: rfm (but not its
 * lifetimes summary, made of purchase periods) and summary.
 */
int
metrics_counts_orders(const struct opts *o)
{
	return (o->cmd == CMD_RFM && !o->lifetimes) || o->cmd == CMD_SUMMARY;
}

/*
 * Whether the subcommand reads the order column: where it counts
 * orders, and, unless --returns keep, wherever purchases are told from
 * returns (the lines of a cancelled order are no purchase).
 */
int
metrics_uses_order(const struct opts *o)
{
	if (metrics_counts_orders(o))
		return 1;
	return o->returns != RETURNS_KEEP && (o->cmd == CMD_RFM ||
	    o->cmd == CMD_CLV || o->cmd == CMD_RETENTION ||
	    o->cmd == CMD_CHURN);
}

/* Close the input (the count of bad rows is reported there). */
void
metrics_close(struct src *s)
{
	input_close(s->in);
	s->in = NULL;
	free(s->c_by);
	free(s->gkey);
	s->c_by = NULL;
	s->gkey = NULL;
}

const char *
metrics_group(struct src *s, const struct csv_row *row, size_t *len)
{
	const char *p;
	size_t i, n, k = 0;

	for (i = 0; i < s->o->by.n; i++) {
		p = input_str(row, s->c_by[i], &n);
		s->gkey = xgrow(s->gkey, &s->gcap, k + n + 2, 1);
		if (i > 0)
			s->gkey[k++] = '\0';
		memcpy(s->gkey + k, p, n);
		k += n;
	}
	*len = k;
	return k == 0 ? "" : s->gkey;
}

void
metrics_put_by_header(struct csv_writer *w, const struct opts *o)
{
	size_t i;

	for (i = 0; i < o->by.n; i++)
		csv_put_str(w, o->by.names[i]);
}

void
metrics_put_group(struct csv_writer *w, const struct opts *o,
    const char *key, size_t len)
{
	const char *end = key + len, *z;
	size_t i;

	for (i = 0; i < o->by.n; i++) {
		z = memchr(key, '\0', (size_t)(end - key));
		if (z == NULL || i + 1 == o->by.n)
			z = end;
		csv_put(w, key, (size_t)(z - key));
		key = z < end ? z + 1 : end;
	}
}
