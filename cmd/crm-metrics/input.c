/*
 * input.c: the input of crm-metrics: open it through the common typed
 * input (input.h) and find the columns a subcommand needs.  Fields are
 * parsed with input.h's getters, which apply the bad-row policy.
 */
#include <string.h>

#include "csv.h"
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
	s->c_cust = s->c_date = s->c_amount = s->c_score = s->c_by = -1;
	s->c_order = -1;
	metrics_need(s, need);
	return 1;
}

/* Resolve (more of) the columns of need; missing ones exit 2. */
void
metrics_need(struct src *s, int need)
{
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
	if (s->c_by < 0 && s->o->by != NULL)
		s->c_by = input_col(s->in, s->o->by, INPUT_NEED);
	if (s->c_order < 0)
		s->c_order = role(s->in, ROLE_ORDER, 0, need & WANT_ORDER);
}

/*
 * Whether the subcommand counts purchases as orders (--order): rfm
 * (but not its lifetimes summary, made of purchase periods) and
 * summary.  The others count rows, days or periods.
 */
int
metrics_uses_order(const struct opts *o)
{
	return (o->cmd == CMD_RFM && !o->lifetimes) || o->cmd == CMD_SUMMARY;
}

/* Close the input (the count of bad rows is reported there). */
void
metrics_close(struct src *s)
{
	input_close(s->in);
	s->in = NULL;
}
