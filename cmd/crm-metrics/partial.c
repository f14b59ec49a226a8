/*
 * partial.c: mergeable partial states.  A transaction subcommand run
 * with --partial writes its log (one row per customer, group, day and
 * order, with the row count and the exact fixed-point sum of the
 * amounts; the order is empty without an order column);
 * "merge SUBCOMMAND" reads any number of such states as one log and
 * finishes the job, so that shards add up to the bytes of one run.
 */
#include <string.h>

#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "num.h"

#include "metrics.h"

static const char *const state_cols[] = { "crm_metrics_state", "customer",
	"group", "day", "order", "rows", "amount_hi", "amount_lo" };
#define NSTATE	(sizeof(state_cols) / sizeof(state_cols[0]))

void
metrics_partial_write(const struct txlog *l, const struct opts *o,
    struct csv_writer *w)
{
	const struct rec *e;
	const char *k;
	size_t i, len;

	(void)o;
	for (i = 0; i < NSTATE; i++)
		csv_put_str(w, state_cols[i]);
	csv_end_row(w);
	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		csv_put_str(w, "tx");
		k = strmap_key(l->custs, e->cust, &len);
		csv_put(w, k, len);
		k = strmap_key(l->groups, e->group, &len);
		csv_put(w, k, len);
		metrics_put_day(w, e->day);
		if (e->order != ORDER_NONE) {
			k = strmap_key(l->orders, e->order, &len);
			csv_put(w, k, len);
		} else
			csv_put(w, "", 0);
		csv_put_int(w, (long long)e->n);
		if (l->has_amount) {
			csv_put_int(w, (long long)e->amount.hi);
			csv_put_int(w, (long long)(int64_t)e->amount.lo);
		} else {
			csv_put(w, "", 0);
			csv_put(w, "", 0);
		}
		csv_end_row(w);
	}
}

/*
 * Field i of a state row as an integer in [min, max]; a damaged state
 * stops with the column's name (col).
 */
long long
metrics_partial_int(struct csv_reader *r, const struct csv_row *row, size_t i,
    const char *col, long long min, long long max)
{
	const char *p, *why = NULL;
	size_t len;
	long long v;

	p = csv_field(row, i, &len);
	if (num_parse_int(p, len, min, max, &v, &why) != 0)
		crm_dataerr(r, "column '%s': %s ('%.*s')", col,
		    why ? why : "not a number", (int)len, p);
	return v;
}

/*
 * One state row into the log; orders are kept only when the subcommand
 * counts them (keep), so that the others see one record per day.  Every
 * value is range-checked (state.c): a damaged or forged state stops with
 * its file and line.
 */
static void
state_row(struct txlog *l, struct csv_reader *r, const struct csv_row *row,
    int keep, int drop, int *amounts)
{
	struct state_tx st;
	struct rec e;
	const char *p, *col, *why;
	size_t len;

	if (metrics_state_tx(row, &st, &col, &why) != 0) {
		p = csv_field(row, 0, &len);
		if (strcmp(col, "crm_metrics_state") == 0)
			crm_dataerr(r, "not a crm-metrics transaction state "
			    "row");
		p = csv_field(row, strcmp(col, "customer") == 0 ? 1 :
		    strcmp(col, "day") == 0 ? 3 : strcmp(col, "rows") == 0 ?
		    5 : strcmp(col, "amount_hi") == 0 ? 6 : 7, &len);
		crm_dataerr(r, "column '%s': %s ('%.*s')", col, why,
		    (int)len, p);
	}
	if (*amounts < 0)
		*amounts = st.has_amount;
	else if (*amounts != st.has_amount)
		crm_dataerr(r, "column 'amount_hi': %s", st.has_amount ?
		    "an amount where the rows before have none" :
		    "no amount where the rows before have one");
	memset(&e, 0, sizeof(e));
	e.n = st.rows;
	e.amount = st.amount;
	e.cls = st.has_amount ? (uint8_t)metrics_rec_class(&st.amount) :
	    REC_BUY;
	if (e.cls == REC_RET && drop)
		return;
	l->has_amount = st.has_amount;
	p = csv_field(row, 4, &len);
	e.order = !keep || len == 0 ? ORDER_NONE :
	    (uint32_t)input_intern(l->orders, p, len, NULL, "orders");
	p = csv_field(row, 1, &len);
	e.cust = (uint32_t)input_intern(l->custs, p, len, NULL,
	    "customers");
	p = csv_field(row, 2, &len);
	e.group = (uint32_t)input_intern(l->groups, p, len, NULL,
	    "groups");
	e.day = (int32_t)st.day;
	metrics_txlog_add(l, &e);
}

/*
 * Open the state files that merge reads and check their header against
 * cols[0..n) (what names the kind of state in the message).  Returns
 * NULL on empty input; unreadable input or a foreign file exits 1.
 */
struct csv_reader *
metrics_partial_open(const struct opts *o, const char *const *cols, size_t n,
    const char *what)
{
	struct csv_reader *r = csv_open(o->files, o->nfiles, ',');
	size_t i;
	int rc;

	if ((rc = csv_read_header(r)) < 0)
		crm_readerr(r);
	if (rc == 0) {
		csv_close(r);
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (csv_ncols(r) != n || strcmp(csv_name(r, i), cols[i]) != 0)
			crm_errx(1, "%s: not a crm-metrics %s state",
			    csv_path(r), what);
	return r;
}

/* The next state row: 1, or 0 at the end; a damaged state exits 1. */
int
metrics_partial_next(struct csv_reader *r, const struct csv_row **row)
{
	int rc;

	if ((rc = csv_read(r, row)) < 0)
		crm_readerr(r);
	return rc;
}

/*
 * Read partial states into l (initialised).  Returns 0 on empty input,
 * 1 otherwise; a foreign or damaged state exits 1.
 */
int
metrics_partial_read(struct txlog *l, const struct opts *o)
{
	const struct csv_row *row;
	struct csv_reader *r;
	int amounts = -1;

	if ((r = metrics_partial_open(o, state_cols, NSTATE,
	    "transaction")) == NULL)
		return 0;
	while (metrics_partial_next(r, &row))
		state_row(l, r, row, metrics_uses_order(o),
		    o->returns == RETURNS_DROP, &amounts);
	csv_close(r);
	metrics_txlog_sort(l);
	metrics_txlog_mark(l, o);
	return 1;
}

/* --partial: write the state of this shard. */
int
metrics_partial(const struct opts *o)
{
	struct csv_writer *w;
	struct txlog l;
	int need = WANT_AMOUNT;

	if (o->cmd == CMD_NPS || o->cmd == CMD_CSAT || o->cmd == CMD_CES)
		return metrics_survey(o);
	if (o->cmd == CMD_RFM && !o->lifetimes)
		need = NEED_AMOUNT;
	if ((o->cmd == CMD_SUMMARY || o->cmd == CMD_CLV) && !o->bgnbd)
		need = NEED_AMOUNT;
	if (o->cmd == CMD_ENGAGEMENT)
		need = 0;
	if (!metrics_txlog_read(&l, o, need))
		return 0;
	w = crm_open_output(&o->com);
	metrics_partial_write(&l, o, w);
	crm_close_output(w);
	metrics_txlog_free(&l);
	return 0;
}
