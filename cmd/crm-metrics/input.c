/*
 * input.c: the input of crm-metrics: open the reader, resolve the
 * columns a subcommand needs, and parse fields, sending each bad row to
 * an error, to the reject file or to the skip count, as DESIGN says.
 */
#include <stdio.h>
#include <string.h>

#include "bad.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "num.h"
#include "opt.h"

#include "metrics.h"

static long
resolve(const struct csv_reader *r, const char *name, int need, int want)
{
	if (name == NULL)
		return -1;
	if (need)
		return (long)col_require(r, name);
	if (want)
		return col_optional(r, name);
	return -1;
}

/*
 * Open the inputs and read the header.  Returns 1 when there is a
 * header, 0 on completely empty input.  Missing columns exit 2.
 */
int
src_open(struct src *s, const struct opts *o, int need)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->o = o;
	s->r = crm_open_input(&o->com, o->files, o->nfiles);
	if ((rc = csv_read_header(s->r)) < 0)
		crm_errx(1, "%s", csv_errmsg(s->r));
	if (rc == 0) {
		csv_close(s->r);
		s->r = NULL;
		return 0;
	}
	s->c_cust = s->c_date = s->c_amount = s->c_score = s->c_by = -1;
	s->c_order = -1;
	src_need(s, need);
	s->bad = bad_new(&o->com, s->r);
	return 1;
}

/* Resolve (more of) the columns of need; missing ones exit 2. */
void
src_need(struct src *s, int need)
{
	const struct opts *o = s->o;

	if (s->c_cust < 0)
		s->c_cust = resolve(s->r, o->customer, need & NEED_CUST,
		    need & WANT_CUST);
	if (s->c_date < 0)
		s->c_date = resolve(s->r, o->date, need & NEED_DATE, 0);
	if (s->c_amount < 0)
		s->c_amount = resolve(s->r, o->amount, (need & NEED_AMOUNT) ||
		    ((need & WANT_AMOUNT) && o->amount_set),
		    need & WANT_AMOUNT);
	if (s->c_score < 0)
		s->c_score = resolve(s->r, o->score, need & NEED_SCORE, 0);
	if (s->c_by < 0)
		s->c_by = resolve(s->r, o->by, o->by != NULL, 0);
	if (s->c_order < 0)
		s->c_order = resolve(s->r, o->order,
		    (need & WANT_ORDER) && o->order_set, need & WANT_ORDER);
}

/*
 * Whether the subcommand counts purchases as orders (--order): rfm
 * (but not its lifetimes summary, made of purchase periods) and
 * summary.  The others count rows, days or periods.
 */
int
uses_order(const struct opts *o)
{
	return (o->cmd == CMD_RFM && !o->lifetimes) || o->cmd == CMD_SUMMARY;
}

/*
 * The order id of a row in *p, *len; -1 when it is blank (a line must
 * say which order it belongs to when the column is there).
 */
int
src_order(struct src *s, const struct csv_row *row, const char **p,
    size_t *len)
{
	*p = csv_field(row, (size_t)s->c_order, len);
	if (num_blank(*p, *len))
		return src_bad(s, row, s->c_order, "empty");
	return 0;
}

/* The next good record: 1, or 0 at the end (bad records: bad.h). */
int
src_next(struct src *s, const struct csv_row **row)
{
	return bad_read(s->bad, s->r, row);
}

/*
 * A bad field in column col: exit with the message, or reject/skip the
 * row (returns -1 so that the caller drops it).
 */
int
src_bad(struct src *s, const struct csv_row *row, long col, const char *why)
{
	size_t len;
	const char *p = csv_field(row, (size_t)col, &len);

	bad_row(s->bad, s->r, row, "column '%s': %s ('%.*s')",
	    csv_name(s->r, (size_t)col), why, (int)(len > 64 ? 64 : len), p);
	return -1;
}

const char *
src_str(const struct csv_row *row, long col, size_t *len)
{
	if (col < 0) {
		*len = 0;
		return "";
	}
	return csv_field(row, (size_t)col, len);
}

/*
 * The date column as a day number; -1 if the row is bad.  The last date
 * parsed is remembered: transactions come in runs of one date.
 */
int
src_day(struct src *s, const struct csv_row *row, int64_t *day)
{
	int64_t secs;
	size_t len;
	const char *p = csv_field(row, (size_t)s->c_date, &len);
	const char *why = NULL;
	int rc;

	if (len == s->dlen && memcmp(p, s->dprev, len) == 0) {
		*day = s->dday;
		return 0;
	}
	if (s->o->datefmt != NULL)
		rc = date_parse_fmt(s->o->datefmt, p, len, &secs, &why);
	else
		rc = date_parse_iso(p, len, &secs, &why);
	if (rc != 0)
		return src_bad(s, row, s->c_date, why ? why : "not a date");
	*day = date_days(secs);
	if (len > 0 && len <= sizeof(s->dprev)) {
		memcpy(s->dprev, p, len);
		s->dlen = len;
		s->dday = *day;
	}
	return 0;
}

int
src_num(struct src *s, const struct csv_row *row, long col, double *v)
{
	size_t len;
	const char *p = csv_field(row, (size_t)col, &len);
	const char *why = NULL;

	if (num_parse(p, len, v, &why) != 0)
		return src_bad(s, row, col, why ? why : "not a number");
	return 0;
}

int
src_int(struct src *s, const struct csv_row *row, long col, long long min,
    long long max, long long *v)
{
	char why[64];
	size_t len;
	const char *p = csv_field(row, (size_t)col, &len);
	const char *w = NULL;
	double d;

	if (num_parse(p, len, &d, &w) != 0)
		return src_bad(s, row, col, w ? w : "not a number");
	if (d < (double)min || d > (double)max) {
		snprintf(why, sizeof(why), "out of range %lld..%lld", min, max);
		return src_bad(s, row, col, why);
	}
	if (d != (double)(long long)d)
		return src_bad(s, row, col, "not an integer");
	*v = (long long)d;
	return 0;
}

/* Close the input; report the number of skipped rows. */
void
src_close(struct src *s)
{
	unsigned long long n = bad_count(s->bad);

	bad_close(s->bad);
	s->bad = NULL;
	if (n > 0 && !s->o->com.quiet)
		crm_warnx("%llu bad rows %s", n,
		    s->o->com.reject ? "rejected" : "skipped");
	csv_close(s->r);
	s->r = NULL;
}
