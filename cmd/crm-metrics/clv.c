/*
 * clv.c: customer lifetime value.  Historical: the discounted margin
 * of each customer's observed periods, and the retention form.
 * Predictive: BG/NBD for purchases and P(alive), Gamma-Gamma for spend,
 * with model files to save and reuse the fits.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "model.h"

#include "metrics.h"

/* Days or weeks in lifetimes' month (its customer_lifetime_value). */
static double
month_units(const struct opts *o)
{
	return (o->freq == 'W' ? 4.345 : 30.0) / o->freq_mult;
}

static double
horizon(const struct opts *o)
{
	return o->horizon >= 0 ? o->horizon : 12 * month_units(o);
}

/* Read one row of an already summarised input; -1 if bad. */
static int
lt_row(struct ltsum *t, struct strmap *ids, struct src *s,
    const struct csv_row *row, const long *col)
{
	double v[4] = { 0, 0, 0, 0 };
	const char *p;
	size_t len;
	int k;
	char num[32];

	for (k = 0; k < 4; k++)
		if (col[k] >= 0 && input_num(s->in, row, col[k], &v[k]) != 0)
			return -1;
	if (v[0] < 0 || v[0] != floor(v[0]) || v[0] > 1e9)
		return input_bad(s->in, row, col[0],
		    "not a count of repeat purchases");
	if (v[1] < 0 || v[1] > v[2] || (v[0] == 0 && v[1] != 0))
		return input_bad(s->in, row, col[1], "not within 0..T (0 when "
		    "frequency is 0)");
	if (col[3] >= 0 && v[3] < 0)
		return input_bad(s->in, row, col[3], "negative");
	if (s->c_cust >= 0) {
		if (input_key(s->in, row, s->c_cust, &p, &len) != 0)
			return -1;
	} else {
		len = (size_t)snprintf(num, sizeof(num), "%zu", t->n + 1);
		p = num;
	}
	t->cust[t->n] = (uint32_t)input_intern(ids, p, len, NULL,
	    "customers");
	t->x[t->n] = v[0];
	t->tx[t->n] = v[1];
	t->T[t->n] = v[2];
	t->m[t->n] = v[3];
	t->n++;
	return 0;
}

/*
 * Read a lifetimes summary (columns frequency, recency, T and, when
 * present, monetary_value) from s into t, naming customers in ids.
 */
void
metrics_ltsum_read(struct ltsum *t, struct strmap *ids, struct src *s)
{
	static const char *const names[] = { "frequency", "recency", "T",
	    "monetary_value" };
	const struct csv_row *row;
	long col[4];
	size_t k, cap = 0;

	memset(t, 0, sizeof(*t));
	for (k = 0; k < 4; k++)
		col[k] = k < 3 ? input_col(s->in, names[k], INPUT_NEED) :
		    input_col(s->in, names[k], INPUT_WANT);
	t->has_m = col[3] >= 0;
	while (input_next(s->in, &row)) {
		if (t->n + 1 >= cap) {
			k = cap;
			t->x = xgrow(t->x, &k, t->n + 1, sizeof(double));
			k = cap;
			t->tx = xgrow(t->tx, &k, t->n + 1, sizeof(double));
			k = cap;
			t->T = xgrow(t->T, &k, t->n + 1, sizeof(double));
			k = cap;
			t->m = xgrow(t->m, &k, t->n + 1, sizeof(double));
			k = cap;
			t->cust = xgrow(t->cust, &k, t->n + 1,
			    sizeof(uint32_t));
			cap = k;
		}
		lt_row(t, ids, s, row, col);
	}
	metrics_close(s);
}

/*
 * Historical CLV of one customer's records [i, j): revenue is the exact
 * sum of the amounts, and each period's exact sum is discounted and
 * added exactly (so that with no discount clv is the revenue).
 */
static void
hist_one(struct csv_writer *w, const struct opts *o, const struct txlog *l,
    size_t i, size_t j, int64_t last)
{
	struct fixsum rev = FIXSUM_ZERO, per = FIXSUM_ZERO;
	const char *id;
	char buf[32];
	size_t k, len;
	int64_t p0, p, pl, np, asof = o->has_asof ? o->asof : INT64_MAX;
	struct fixsum clv = FIXSUM_ZERO;
	double r, m;

	for (k = i; k < j && !(l->v[k].buy && l->v[k].day <= asof); k++)
		;
	if (k == j)	/* no purchase */
		return;
	p0 = period_index(o->period, l->v[k].day);
	id = strmap_key(l->custs, l->v[i].cust, &len);
	pl = p0;
	for (k = i; k < j && l->v[k].day <= asof; k++) {
		p = period_index(o->period, l->v[k].day);
		if (p != pl) {
			fixsum_add(&clv, o->margin * metrics_sum(&per, id,
			    len) / pow(1 + o->discount, (double)(pl - p0)));
			memset(&per, 0, sizeof(per));
			pl = p;
		}
		fixsum_addf(&per, &l->v[k].amount);
		fixsum_addf(&rev, &l->v[k].amount);
	}
	fixsum_add(&clv, o->margin * metrics_sum(&per, id, len) /
	    pow(1 + o->discount, (double)(pl - p0)));
	r = metrics_sum(&rev, id, len);
	np = last - p0 + 1;
	csv_put(w, id, len);
	csv_put(w, buf, period_label(buf, o->period, p0));
	csv_put_int(w, (long long)np);
	metrics_put_num(w, o, r);
	metrics_put_num(w, o, metrics_sum(&clv, id, len));
	if (o->has_retention) {
		m = o->margin * r / (double)np;
		metrics_put_num(w, o, m * o->retention / (1 + o->discount -
		    o->retention));
	}
	csv_end_row(w);
}

static int
clv_hist(const struct opts *o, const struct txlog *l)
{
	struct csv_writer *w = crm_open_output(&o->com);
	size_t i, j;
	int64_t last = period_index(o->period, o->has_asof ? o->asof :
	    l->maxday);

	csv_put_str(w, o->com.role[ROLE_CUSTOMER]);
	csv_put_str(w, "first_period");
	csv_put_str(w, "periods");
	csv_put_str(w, "revenue");
	csv_put_str(w, "clv");
	if (o->has_retention)
		csv_put_str(w, "clv_retention");
	csv_end_row(w);
	for (i = 0; i < l->n; i = j) {
		for (j = i; j < l->n && l->v[j].cust == l->v[i].cust; j++)
			;
		hist_one(w, o, l, i, j, last);
	}
	crm_close_output(w);
	return 0;
}

static void
fits_save(const struct opts *o, const struct fits *f)
{
	struct model_writer *mw;

	mw = model_create(o->save, "crm-metrics", f->has_gg ?
	    "bgnbd+gammagamma" : "bgnbd");
	if (mw == NULL)
		crm_err(1, "%s", o->save);
	model_put(mw, "freq", "%c", o->freq);
	model_put_double(mw, "freq_multiplier", o->freq_mult);
	model_put_double(mw, "r", f->bg.r);
	model_put_double(mw, "alpha", f->bg.alpha);
	model_put_double(mw, "a", f->bg.a);
	model_put_double(mw, "b", f->bg.b);
	model_put_double(mw, "log_likelihood", f->bg.ll);
	if (f->has_gg) {
		model_put_double(mw, "p", f->gg.p);
		model_put_double(mw, "q", f->gg.q);
		model_put_double(mw, "v", f->gg.v);
		model_put_double(mw, "gg_log_likelihood", f->gg.ll);
		model_put(mw, "gg_customers", "%zu", f->gg.n);
	}
	if (model_close(mw) != 0)
		crm_err(1, "%s", o->save);
}

/* Load the fits of --use: every parameter checked, the units the same. */
static void
fits_load(const struct opts *o, struct fits *f)
{
	char err[256];
	struct model *m;
	int rc;

	if ((m = model_load(o->use, "crm-metrics", err, sizeof(err))) == NULL)
		crm_errx(2, "%s", err);
	rc = metrics_fits_read(m, f, err, sizeof(err));
	model_free(m);
	if (rc != 0)
		crm_errx(2, "%s: %s", o->use, err);
	if (f->freq != o->freq || f->freq_mult != o->freq_mult)
		crm_errx(2, "%s: fitted with --freq %c --freq-multiplier %g",
		    o->use, f->freq, f->freq_mult);
	if (o->gammagamma && !f->has_gg)
		crm_errx(2, "%s: no gamma-gamma fit in the model", o->use);
}

static void
fits_make(const struct opts *o, const struct ltsum *t, struct fits *f)
{
	char err[256];

	memset(f, 0, sizeof(*f));
	if (o->use != NULL) {
		fits_load(o, f);
		return;
	}
	if (metrics_bgnbd_fit(t, o->penalizer, &f->bg, err, sizeof(err)) != 0)
		crm_errx(1, "%s", err);
	if (o->gammagamma) {
		if (metrics_gg_fit(t, o->penalizer, &f->gg, err,
		    sizeof(err)) != 0)
			crm_errx(1, "%s", err);
		f->has_gg = 1;
	}
	if (o->save != NULL)
		fits_save(o, f);
}

static void
param_row(struct csv_writer *w, const struct opts *o, const char *model,
    const char *name, double v)
{
	csv_put_str(w, model);
	csv_put_str(w, name);
	metrics_put_num(w, o, v);
	csv_end_row(w);
}

/*
 * What makes a fit degenerate: parameters run to a boundary of their
 * domain, where the likelihood is flat and the figures mean little.
 * NULL when the fit looks sound.
 */
static const char *
bg_boundary(const struct bgnbd *bg)
{
	if (bg->a < 1e-4 || bg->b > 1e4)
		return "a -> 0 or b -> infinity: the fit finds no customer "
		    "dropping out; likely too short a history or the wrong "
		    "--freq";
	if (bg->r < 1e-4 || bg->r > 1e4 || bg->alpha > 1e8)
		return "r or alpha at a boundary: purchase rates barely vary "
		    "or barely exist; likely too few repeat purchases or "
		    "the wrong --freq";
	return NULL;
}

static const char *
gg_boundary(const struct gammagamma *gg)
{
	if (gg->q <= 1)
		return "q <= 1: the mean spend of the population is infinite; "
		    "likely a few huge spends among few repeat buyers";
	if (gg->p > 1e4 || gg->q > 1e4 || gg->v > 1e10)
		return "p, q or v at a boundary: spend barely varies between "
		    "customers; likely too few repeat buyers";
	return NULL;
}

/* Say on stderr when a fit is degenerate (always: it is about the result). */
static void
fits_warn(const struct fits *f)
{
	const char *why;

	if ((why = bg_boundary(&f->bg)) != NULL)
		crm_warnx("bg/nbd fit at a boundary (r %g, alpha %g, a %g, "
		    "b %g): %s", f->bg.r, f->bg.alpha, f->bg.a, f->bg.b, why);
	if (f->has_gg && (why = gg_boundary(&f->gg)) != NULL)
		crm_warnx("gamma-gamma fit at a boundary (p %g, q %g, v %g): "
		    "%s", f->gg.p, f->gg.q, f->gg.v, why);
}

static void
note_row(struct csv_writer *w, const char *model, const char *why)
{
	if (why == NULL)
		return;
	csv_put_str(w, model);
	csv_put_str(w, "boundary");
	csv_put_str(w, why);
	csv_end_row(w);
}

static void
put_params(struct csv_writer *w, const struct opts *o, const struct fits *f,
    size_t n)
{
	csv_put_str(w, "model");
	csv_put_str(w, "parameter");
	csv_put_str(w, "value");
	csv_end_row(w);
	param_row(w, o, "bgnbd", "r", f->bg.r);
	param_row(w, o, "bgnbd", "alpha", f->bg.alpha);
	param_row(w, o, "bgnbd", "a", f->bg.a);
	param_row(w, o, "bgnbd", "b", f->bg.b);
	param_row(w, o, "bgnbd", "log_likelihood", f->bg.ll);
	param_row(w, o, "bgnbd", "customers", (double)n);
	note_row(w, "bgnbd", bg_boundary(&f->bg));
	if (!f->has_gg)
		return;
	param_row(w, o, "gammagamma", "p", f->gg.p);
	param_row(w, o, "gammagamma", "q", f->gg.q);
	param_row(w, o, "gammagamma", "v", f->gg.v);
	param_row(w, o, "gammagamma", "log_likelihood", f->gg.ll);
	param_row(w, o, "gammagamma", "customers", (double)f->gg.n);
	note_row(w, "gammagamma", gg_boundary(&f->gg));
}

static void
pred_header(struct csv_writer *w, const struct opts *o, const struct ltsum *t)
{
	csv_put_str(w, o->com.role[ROLE_CUSTOMER]);
	csv_put_str(w, "frequency");
	csv_put_str(w, "recency");
	csv_put_str(w, "T");
	if (t->has_m)
		csv_put_str(w, "monetary_value");
	csv_put_str(w, "expected_purchases");
	csv_put_str(w, "p_alive");
	if (o->gammagamma) {
		csv_put_str(w, "expected_avg_spend");
		csv_put_str(w, "clv");
	}
	csv_end_row(w);
}

static void
pred_rows(struct csv_writer *w, const struct opts *o, const struct ltsum *t,
    const struct strmap *ids, const struct fits *f)
{
	const char *id;
	double sp;
	size_t i, len;

	pred_header(w, o, t);
	for (i = 0; i < t->n; i++) {
		id = strmap_key(ids, t->cust[i], &len);
		csv_put(w, id, len);
		metrics_put_num(w, o, t->x[i]);
		metrics_put_num(w, o, t->tx[i]);
		metrics_put_num(w, o, t->T[i]);
		if (t->has_m)
			metrics_put_num(w, o, t->m[i]);
		metrics_put_num(w, o, metrics_bgnbd_expected(&f->bg, horizon(o),
		    t->x[i],
		    t->tx[i], t->T[i]));
		metrics_put_num(w, o, metrics_bgnbd_palive(&f->bg, t->x[i], t->tx[i],
		    t->T[i]));
		if (o->gammagamma) {
			sp = metrics_gg_expected_spend(&f->gg, t->x[i],
			    t->m[i]);
			metrics_put_num(w, o, sp);
			metrics_put_num(w, o, metrics_bgnbd_clv(&f->bg, sp, t->x[i],
			    t->tx[i], t->T[i], month_units(o), horizon(o),
			    o->discount));
		}
		csv_end_row(w);
	}
}

static int
clv_pred(const struct opts *o, const struct ltsum *t, const struct strmap *ids)
{
	struct csv_writer *w;
	struct fits f;

	if (o->gammagamma && !t->has_m)
		crm_errx(2, "--spend gammagamma needs a monetary value "
		    "(column '%s' or monetary_value)",
		    o->com.role[ROLE_AMOUNT]);
	if (o->gammagamma && !(horizon(o) / month_units(o) <=
	    METRICS_MAX_MONTHS))
		crm_errx(2, "--horizon: %g is %g months, over the %d months "
		    "(100 years) of CLV", horizon(o),
		    horizon(o) / month_units(o), METRICS_MAX_MONTHS);
	if (t->n == 0 && o->use == NULL) {
		w = crm_open_output(&o->com);
		if (o->params) {
			csv_put_str(w, "model");
			csv_put_str(w, "parameter");
			csv_put_str(w, "value");
			csv_end_row(w);
		} else
			pred_header(w, o, t);
		crm_close_output(w);
		return 0;
	}
	fits_make(o, t, &f);
	if (o->use == NULL)
		fits_warn(&f);
	w = crm_open_output(&o->com);
	if (o->params)
		put_params(w, o, &f, t->n);
	else
		pred_rows(w, o, t, ids, &f);
	crm_close_output(w);
	return 0;
}

/*
 * The summary input is used with --summary, or when the input has
 * frequency, recency and T columns and no date column.
 */
static int
is_summary(const struct opts *o, const struct src *s)
{
	const struct csv_reader *r = input_reader(s->in);

	if (o->summary_in)
		return 1;
	return csv_col(r, o->com.role[ROLE_DATE]) < 0 &&
	    csv_col(r, "frequency") >= 0 && csv_col(r, "recency") >= 0 &&
	    csv_col(r, "T") >= 0;
}

static int
clv_predictive(const struct opts *o)
{
	struct txlog l;
	struct ltsum t;
	struct src s;
	struct strmap *ids;

	metrics_txlog_init(&l);
	if (o->merging) {
		if (!metrics_partial_read(&l, o)) {
			metrics_txlog_free(&l);
			return 0;
		}
	} else {
		if (!metrics_open(&s, o, 0)) {
			metrics_txlog_free(&l);
			return 0;
		}
		if (is_summary(o, &s)) {
			metrics_need(&s, WANT_CUST);
			metrics_ltsum_read(&t, l.custs, &s);
			goto fit;
		}
		metrics_need(&s, NEED_CUST | NEED_DATE | WANT_AMOUNT |
		    (metrics_uses_order(o) ? WANT_ORDER : 0));
		metrics_txlog_read_src(&l, &s);
	}
	metrics_ltsum_from_log(&t, &l, o);
fit:
	ids = l.custs;
	clv_pred(o, &t, ids);
	metrics_ltsum_free(&t);
	metrics_txlog_free(&l);
	return 0;
}

int
metrics_clv(const struct opts *o)
{
	struct txlog l;

	if (o->bgnbd || o->use != NULL)
		return clv_predictive(o);
	if (!metrics_txlog_read(&l, o, NEED_AMOUNT))
		return 0;
	clv_hist(o, &l);
	metrics_txlog_free(&l);
	return 0;
}
