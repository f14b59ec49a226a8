/*
 * input.c: the typed input of every program, with the bad-row policy
 * and the reject file (see input.h).  Part of the tool runtime: it
 * reports through err.h and exits on bad data when the policy says so.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "num.h"
#include "opt.h"
#include "progress.h"

/* How much of a bad value a message quotes. */
#define QUOTE_MAX	64

struct crm_input {
	const struct crm_common	*com;
	struct csv_reader	*r;
	struct progress		*prog;
	struct csv_writer	*rej;		/* --reject, or NULL */
	int			 tolerate;	/* --skip-bad or --reject */
	struct input_counts	 n;
	char			*why;		/* the reason being written */
	size_t			 whycap;
	char			*src;		/* and its FILE:LINE */
	size_t			 srccap;
	char			 dprev[40];	/* the last date parsed */
	size_t			 dlen;		/* its length, 0: none */
	int64_t			 dday;		/* and its day */
};

static void
on_progress(void *arg, uint64_t done, uint64_t total)
{
	struct crm_input *in = arg;

	if (in->prog == NULL)
		in->prog = progress_new("reading bytes", total, 1);
	progress_set(in->prog, done);
}

/*
 * Put the name of one of the reject file's own columns: base, or, when
 * the input has a column of that name already, base_1, base_2, ... the
 * first the input does not have (so that no name is there twice).
 */
static void
put_reject_name(struct crm_input *in, const char *base)
{
	char name[32];
	unsigned k;

	snprintf(name, sizeof(name), "%s", base);
	for (k = 1; csv_col(in->r, name) != -1; k++)
		snprintf(name, sizeof(name), "%s_%u", base, k);
	csv_put_str(in->rej, name);
}

/* The reject file's header: the input's columns, reason, source, raw. */
static void
reject_open(struct crm_input *in)
{
	in->rej = crm_open_file(in->com->reject, 0);
	csv_put_row(in->rej, csv_header(in->r));
	put_reject_name(in, "reason");
	put_reject_name(in, "source");
	put_reject_name(in, "raw");
	if (csv_end_row(in->rej) == -1)
		crm_err(1, "write error on %s", in->com->reject);
}

struct crm_input *
input_open(const struct crm_common *c, char *const *files, size_t nfiles)
{
	struct crm_input *in;
	int k;

	in = xcalloc(1, sizeof(*in));
	in->com = c;
	in->r = csv_open(files, nfiles, c->delim);
	if (crm_show_progress(c))
		csv_on_progress(in->r, on_progress, in);
	if ((k = csv_read_header(in->r)) == -1)
		crm_readerr(in->r);
	if (k == 0) {
		/* like -o, an asked-for reject file exists, empty */
		if (c->reject != NULL &&
		    csv_writer_close(crm_open_file(c->reject, 0)) == -1)
			crm_err(1, "write error on %s", c->reject);
		csv_close(in->r);
		progress_free(in->prog);
		free(in);
		return NULL;
	}
	in->tolerate = c->skip_bad || c->reject != NULL;
	if (c->reject != NULL)
		reject_open(in);
	else if (!c->skip_bad)
		crm_dataerr_hint("--skip-bad skips and counts bad rows; "
		    "--reject FILE keeps them aside with their reasons");
	return in;
}

struct csv_reader *
input_reader(const struct crm_input *in)
{
	return in->r;
}

void
input_close(struct crm_input *in)
{
	unsigned long long n;

	if (in == NULL)
		return;
	n = in->n.bad;
	if (in->rej != NULL && csv_writer_close(in->rej) == -1)
		crm_err(1, "write error on %s", in->com->reject);
	progress_free(in->prog);
	if (n > 0 && !in->com->quiet) {
		if (in->com->reject != NULL)
			crm_warnx("%llu bad row%s written to %s", n,
			    n == 1 ? "" : "s", in->com->reject);
		else
			crm_warnx("%llu bad row%s skipped", n,
			    n == 1 ? "" : "s");
	}
	csv_close(in->r);
	free(in->why);
	free(in->src);
	free(in);
}

long
input_col(struct crm_input *in, const char *name, enum input_need need)
{
	if (need == INPUT_NEED)
		return (long)col_require(in->r, name);
	return col_optional(in->r, name);
}

long
input_role(struct crm_input *in, enum crm_role role, enum input_need need)
{
	if (in->com->role_set & (1u << role))
		need = INPUT_NEED;	/* a column the user named must exist */
	return input_col(in, in->com->role[role], need);
}

/*
 * The record's text as the raw field.  A NUL byte, which no CSV reader
 * takes back, is written as U+FFFD, the replacement character; every
 * other byte is kept.
 */
static void
put_raw(struct crm_input *in)
{
	const char *raw, *p, *nul;
	size_t len, n = 0;

	raw = csv_raw(in->r, &len);
	if (memchr(raw, '\0', len) == NULL) {
		csv_put(in->rej, raw, len);
		return;
	}
	in->src = xgrow(in->src, &in->srccap, len * 3 + 1, 1);
	for (p = raw; (nul = memchr(p, '\0', raw + len - p)) != NULL;
	    p = nul + 1) {
		memcpy(in->src + n, p, nul - p);
		n += nul - p;
		memcpy(in->src + n, "\xef\xbf\xbd", 3);
		n += 3;
	}
	memcpy(in->src + n, p, raw + len - p);
	n += raw + len - p;
	csv_put(in->rej, in->src, n);
}

/*
 * Apply the policy to the current record with the reason in in->why:
 * stop, or count it and write it to the reject file.  row NULL (or
 * ragged) writes empty fields and the record's text as raw.
 */
static void
apply(struct crm_input *in, const struct csv_row *row)
{
	const char *raw;
	size_t i, len, ncols = csv_ncols(in->r);
	char src[64];
	int split = row != NULL && csv_nfields(row) == ncols;

	if (!in->tolerate)
		crm_dataerr(in->r, "%s", in->why);
	in->n.bad++;
	if (in->rej == NULL)
		return;
	for (i = 0; i < ncols; i++) {
		raw = split ? csv_field(row, i, &len) : "";
		csv_put(in->rej, raw, split ? len : 0);
	}
	csv_put_str(in->rej, in->why);
	snprintf(src, sizeof(src), ":%llu", csv_line(in->r));
	len = strlen(csv_path(in->r));
	in->src = xgrow(in->src, &in->srccap, len + strlen(src) + 1, 1);
	memcpy(in->src, csv_path(in->r), len);
	strcpy(in->src + len, src);
	csv_put_str(in->rej, in->src);
	if (split)
		csv_put(in->rej, "", 0);
	else
		put_raw(in);
	if (csv_end_row(in->rej) == -1)
		crm_err(1, "write error on %s", in->com->reject);
}

/* Set in->why from a format. */
static void
vwhy(struct crm_input *in, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	in->why = xgrow(in->why, &in->whycap, (size_t)n + 1, 1);
	vsnprintf(in->why, (size_t)n + 1, fmt, ap);
}

int
input_reject(struct crm_input *in, const struct csv_row *row,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwhy(in, fmt, ap);
	va_end(ap);
	apply(in, row);
	return -1;
}

int
input_bad(struct crm_input *in, const struct csv_row *row, long col,
    const char *why)
{
	size_t len;
	const char *p = csv_field(row, (size_t)col, &len);

	return input_reject(in, row, "column '%s': %s ('%.*s')",
	    csv_name(in->r, (size_t)col), why,
	    (int)(len > QUOTE_MAX ? QUOTE_MAX : len), p);
}

int
input_next(struct crm_input *in, const struct csv_row **row)
{
	const struct csv_err *e;
	int k;

	while ((k = csv_read(in->r, row)) == -1) {
		e = csv_lasterr(in->r);
		if (e->fatal)
			crm_readerr(in->r);
		in->n.records++;
		if (e->kind == CSV_ERR_RAGGED)
			in->n.ragged++;
		else
			in->n.syntax++;
		input_reject(in, *row, "%s", e->what);
	}
	if (k == 1)
		in->n.records++;
	return k;
}

int
input_num(struct crm_input *in, const struct csv_row *row, long col,
    double *v)
{
	size_t len;
	const char *p = csv_field(row, (size_t)col, &len);
	const char *why = NULL;

	if (num_parse(p, len, v, &why) != 0)
		return input_bad(in, row, col, why ? why : "not a number");
	return 0;
}

int
input_int(struct crm_input *in, const struct csv_row *row, long col,
    long long min, long long max, long long *v)
{
	char why[96];
	size_t len;
	const char *p = csv_field(row, (size_t)col, &len);
	const char *w = NULL;
	double d;

	if (num_parse(p, len, &d, &w) != 0)
		return input_bad(in, row, col, w ? w : "not a number");
	if (d < (double)min || d > (double)max) {
		snprintf(why, sizeof(why), "out of range %lld..%lld", min, max);
		return input_bad(in, row, col, why);
	}
	if (d != (double)(long long)d)
		return input_bad(in, row, col, "not an integer");
	*v = (long long)d;
	return 0;
}

/*
 * The last date parsed is remembered: transactions come in runs of one
 * date, and the cache halves the time of a date column.
 */
int
input_day(struct crm_input *in, const struct csv_row *row, long col,
    int64_t *day)
{
	int64_t secs;
	size_t len;
	const char *p = csv_field(row, (size_t)col, &len);
	const char *why = NULL;
	int rc;

	if (len > 0 && len == in->dlen && memcmp(p, in->dprev, len) == 0) {
		*day = in->dday;
		return 0;
	}
	if (in->com->datefmt != NULL)
		rc = date_parse_fmt(in->com->datefmt, p, len, &secs, &why);
	else
		rc = date_parse_iso(p, len, &secs, &why);
	if (rc != 0)
		return input_bad(in, row, col, why ? why : "not a date");
	*day = date_days(secs);
	if (len > 0 && len <= sizeof(in->dprev)) {
		memcpy(in->dprev, p, len);
		in->dlen = len;
		in->dday = *day;
	}
	return 0;
}

int
input_period(struct crm_input *in, const struct csv_row *row, long col,
    enum period per, int64_t *idx)
{
	int64_t day;

	if (input_day(in, row, col, &day) != 0)
		return -1;
	*idx = period_index(per, day);
	return 0;
}

int
input_key(struct crm_input *in, const struct csv_row *row, long col,
    const char **p, size_t *len)
{
	*p = csv_field(row, (size_t)col, len);
	if (num_blank(*p, *len))
		return input_bad(in, row, col, "empty");
	return 0;
}

const char *
input_str(const struct csv_row *row, long col, size_t *len)
{
	if (col < 0) {
		*len = 0;
		return "";
	}
	return csv_field(row, (size_t)col, len);
}

size_t
input_intern(struct strmap *m, const char *key, size_t len, int *isnew,
    const char *what)
{
	size_t id = strmap_intern(m, key, len, isnew);

	if (id == STRMAP_FULL)
		crm_errx(1, "too many distinct %s (over 4 GB of keys)", what);
	return id;
}

void
input_counts(const struct crm_input *in, struct input_counts *c)
{
	*c = in->n;
}
