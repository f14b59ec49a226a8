/*
 * state.c: the values of a partial state row and of a model file, read
 * and range-checked without printing or exiting (so that the fuzz
 * targets can drive them); partial.c and clv.c report what they return.
 *
 * A transaction state row is "tx", customer, group, day, order, rows,
 * amount_hi, amount_lo; a survey state row is "survey", group, period,
 * score, count.  Every value is checked against what a run of
 * crm-metrics can write: a customer is never empty, a day is within the
 * years 0..9999, rows are 1..2^32-1, an amount is at most 10^15 a row
 * in magnitude (the limit of an input amount), a period is the index of
 * a period of those years (0 without --period), a score is on the
 * scale, a count is 1..2^63-1.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "date.h"
#include "model.h"
#include "num.h"

#include "metrics.h"

/* Field i as an integer in [min, max]; -1 with *why on failure. */
static int
field_int(const struct csv_row *row, size_t i, long long min, long long max,
    long long *v, const char **why)
{
	const char *p;
	size_t len;

	p = csv_field(row, i, &len);
	*why = NULL;
	if (num_parse_int(p, len, min, max, v, why) != 0) {
		if (*why == NULL)
			*why = "not a number";
		return -1;
	}
	return 0;
}

/* The first field must be the kind of the row. */
static int
kind_is(const struct csv_row *row, const char *kind)
{
	const char *p;
	size_t len;

	p = csv_field(row, 0, &len);
	return len == strlen(kind) && memcmp(p, kind, len) == 0;
}

/* Field i as a day of the years 0..9999; -1 with *why on failure. */
static int
field_day(const struct csv_row *row, size_t i, int64_t *day,
    const char **why)
{
	const char *p;
	size_t len;
	int64_t secs;

	p = csv_field(row, i, &len);
	*why = NULL;
	if (date_parse_iso(p, len, &secs, why) != 0) {
		if (*why == NULL)
			*why = "not a date";
		return -1;
	}
	*day = date_days(secs);
	return 0;
}

int
metrics_state_tx(const struct csv_row *row, struct state_tx *s,
    const char **col, const char **why)
{
	size_t len, lolen;
	long long v;
	double a;

	memset(s, 0, sizeof(*s));
	*col = "crm_metrics_state";
	*why = "not a transaction state row";
	if (csv_nfields(row) != 8 || !kind_is(row, "tx"))
		return -1;
	*col = "customer";
	*why = "empty";
	if (csv_field(row, 1, &len), len == 0)
		return -1;
	*col = "day";
	if (field_day(row, 3, &s->day, why) != 0)
		return -1;
	*col = "rows";
	if (field_int(row, 5, 1, UINT32_MAX, &v, why) != 0)
		return -1;
	s->rows = (uint32_t)v;
	csv_field(row, 6, &len);
	csv_field(row, 7, &lolen);
	*col = "amount_hi";
	*why = "empty while amount_lo is not";
	if (len == 0 && lolen != 0)
		return -1;
	if (len == 0)
		return 0;
	if (field_int(row, 6, INT64_MIN, INT64_MAX, &v, why) != 0)
		return -1;
	s->amount.hi = v;
	*col = "amount_lo";
	if (field_int(row, 7, INT64_MIN, INT64_MAX, &v, why) != 0)
		return -1;
	s->amount.lo = (uint64_t)v;
	s->has_amount = 1;
	a = fixsum_get(&s->amount);
	*col = "amount_hi";
	*why = "out of range (10^15 or more a row)";
	if (!fixsum_ok(&s->amount) || fabs(a) >= METRICS_MAX_AMOUNT *
	    (double)s->rows)
		return -1;
	return 0;
}

/*
 * A span row: "span", "", the first day (in the period column), the
 * last (in the score column), "" (count); the first not after the last.
 */
int
metrics_state_span(const struct csv_row *row, int64_t *first, int64_t *last,
    const char **col, const char **why)
{
	size_t len;

	*col = "crm_metrics_state";
	*why = "not a span row";
	if (csv_nfields(row) != 5 || !kind_is(row, "span"))
		return -1;
	*col = "group";
	*why = "not empty in a span row";
	if (csv_field(row, 1, &len), len != 0)
		return -1;
	*col = "count";
	if (csv_field(row, 4, &len), len != 0)
		return -1;
	*col = "period";
	if (field_day(row, 2, first, why) != 0)
		return -1;
	*col = "score";
	if (field_day(row, 3, last, why) != 0)
		return -1;
	*why = "a span that ends before it starts";
	return *last < *first ? -1 : 0;
}

int
metrics_state_survey(const struct csv_row *row, int lo, int hi,
    int has_period, enum period per, struct state_sv *s, const char **col,
    const char **why)
{
	long long v, pmin = 0, pmax = 0;

	memset(s, 0, sizeof(*s));
	*col = "crm_metrics_state";
	*why = "not a survey state row";
	if (csv_nfields(row) != 5 || !kind_is(row, "survey"))
		return -1;
	if (has_period) {
		pmin = period_index(per, date_days_from_civil(0, 1, 1));
		pmax = period_index(per, date_days_from_civil(9999, 12, 31));
	}
	*col = "period";
	if (field_int(row, 2, pmin, pmax, &v, why) != 0)
		return -1;
	s->period = v;
	*col = "score";
	if (field_int(row, 3, lo, hi, &v, why) != 0)
		return -1;
	s->score = (int)v;
	*col = "count";
	if (field_int(row, 4, 1, INT64_MAX, &v, why) != 0)
		return -1;
	s->count = (uint64_t)v;
	return 0;
}

/* Fold r into e when their row counts allow it: 0, or -1 (e unchanged). */
int
metrics_rec_fold(struct rec *e, const struct rec *r)
{
	if (e->n > UINT32_MAX - r->n)
		return -1;
	e->n += r->n;
	fixsum_addf(&e->amount, &r->amount);
	return 0;
}

/* A parameter that must be finite and above 0. */
static int
positive(const struct model *m, const char *key, double *v, char *err,
    size_t errlen)
{
	if (model_get_double(m, key, v) != 0) {
		snprintf(err, errlen, "no parameter '%s'", key);
		return -1;
	}
	if (!isfinite(*v) || *v <= 0) {
		snprintf(err, errlen, "parameter '%s' is not a finite number "
		    "above 0 ('%s')", key, model_get(m, key));
		return -1;
	}
	return 0;
}

static int
param_finite(const struct model *m, const char *key, double *v, char *err,
    size_t errlen)
{
	if (model_get_double(m, key, v) != 0 || !isfinite(*v)) {
		snprintf(err, errlen, "parameter '%s' is not a finite number",
		    key);
		return -1;
	}
	return 0;
}

/* The Gamma-Gamma part, when the model has one. */
static int
fits_gg(const struct model *m, struct fits *f, char *err, size_t errlen)
{
	double n;

	if (model_get(m, "p") == NULL && model_get(m, "q") == NULL &&
	    model_get(m, "v") == NULL)
		return 0;
	if (positive(m, "p", &f->gg.p, err, errlen) != 0 ||
	    positive(m, "q", &f->gg.q, err, errlen) != 0 ||
	    positive(m, "v", &f->gg.v, err, errlen) != 0 ||
	    param_finite(m, "gg_log_likelihood", &f->gg.ll, err, errlen) != 0)
		return -1;
	if (model_get_double(m, "gg_customers", &n) != 0 || !(n >= 1) ||
	    n > 0x1p53 || n != floor(n)) {
		snprintf(err, errlen, "parameter 'gg_customers' is not a "
		    "count of customers");
		return -1;
	}
	f->gg.n = (size_t)n;
	f->has_gg = 1;
	return 0;
}

int
metrics_fits_read(const struct model *m, struct fits *f, char *err,
    size_t errlen)
{
	const char *fr;

	memset(f, 0, sizeof(*f));
	fr = model_get(m, "freq");
	if (fr == NULL || (strcmp(fr, "D") != 0 && strcmp(fr, "W") != 0)) {
		snprintf(err, errlen, "parameter 'freq' is not D or W");
		return -1;
	}
	f->freq = fr[0];
	if (model_get_double(m, "freq_multiplier", &f->freq_mult) != 0 ||
	    !(f->freq_mult >= METRICS_MIN_FREQMULT) ||
	    !(f->freq_mult <= METRICS_MAX_FREQMULT)) {
		snprintf(err, errlen, "parameter 'freq_multiplier' is not "
		    "within 1e-9..1e9");
		return -1;
	}
	if (positive(m, "r", &f->bg.r, err, errlen) != 0 ||
	    positive(m, "alpha", &f->bg.alpha, err, errlen) != 0 ||
	    positive(m, "a", &f->bg.a, err, errlen) != 0 ||
	    positive(m, "b", &f->bg.b, err, errlen) != 0 ||
	    param_finite(m, "log_likelihood", &f->bg.ll, err, errlen) != 0)
		return -1;
	return fits_gg(m, f, err, errlen);
}
