/*
 * table.c: the rows crm-segment keeps (every input row that passes, to
 * be written back with the segment columns appended) and the numeric
 * feature pipeline of kmeans, hierarchical, dbscan and apply: parse,
 * impute a blank (--impute mean|median, else the row is bad), log1p
 * (--log), standardise (mean and population sd, as sklearn's
 * StandardScaler; a constant column keeps scale 1).  The model records
 * are feat.columns, feat.log, feat.fill, feat.center, feat.scale.
 *
 * The learning layer's encoder (ml/encode.h) takes one log1p switch
 * for every column and imputes by the median only; segments need log
 * on some columns (recency stays linear) and the mean as well, hence
 * this small pipeline of numbers only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "input.h"
#include "model.h"
#include "num.h"
#include "ml/mfile.h"
#include "ml/order.h"

#include "segment.h"

void
table_init(struct table *t, size_t ncol)
{
	memset(t, 0, sizeof(*t));
	t->ncol = ncol;
}

void
table_add(struct table *t, const struct csv_row *row)
{
	size_t j, len, *off;
	const char *p;

	t->off = xgrow(t->off, &t->cap, (t->n + 1) * (t->ncol + 1),
	    sizeof(*t->off));
	off = t->off + t->n * (t->ncol + 1);
	for (j = 0; j < t->ncol; j++) {
		p = csv_field(row, j, &len);
		off[j] = t->len;
		t->buf = xgrow(t->buf, &t->bcap, t->len + len + 1, 1);
		memcpy(t->buf + t->len, p, len);
		t->len += len;
	}
	off[t->ncol] = t->len;
	t->n++;
}

void
table_put(const struct table *t, size_t i, struct csv_writer *w)
{
	const size_t *off = t->off + i * (t->ncol + 1);
	size_t j;

	for (j = 0; j < t->ncol; j++)
		csv_put(w, t->buf + off[j], off[j + 1] - off[j]);
}

void
table_free(struct table *t)
{
	free(t->buf);
	free(t->off);
	memset(t, 0, sizeof(*t));
}

void
seg_header(const struct opts *o, struct crm_input *in, struct csv_writer *w,
    const char *const *extra)
{
	const struct csv_reader *r = input_reader(in);
	char name[256];
	size_t j;

	col_check_new(r, o->prefix, extra);
	for (j = 0; j < csv_ncols(r); j++)
		csv_put_str(w, csv_name(r, j));
	for (j = 0; extra[j] != NULL; j++) {
		snprintf(name, sizeof(name), "%s%s", o->prefix ? o->prefix :
		    "", extra[j]);
		csv_put_str(w, name);
	}
	csv_end_row(w);
}

static int
in_list(const struct collist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->names[i], name) == 0)
			return 1;
	return 0;
}

/*
 * Whether column j may be a default feature: not a date on the first
 * row (NULL: no row).  A blank or any other text stays, so that it is
 * reported as a bad value, never dropped in silence.
 */
static int
numeric_at(const struct csv_row *first, size_t j)
{
	const char *p, *why;
	size_t len;
	int64_t secs;

	if (first == NULL)
		return 1;
	p = csv_field(first, j, &len);
	return date_parse_iso(p, len, &secs, &why) != 0;
}

/*
 * The features: -c, else every column but the customer id and those
 * with a date on the first row (the dates of crm-metrics rfm); a --log
 * column that is not a feature is a usage error.
 */
void
feat_init(struct feat *f, const struct opts *o, struct crm_input *in,
    const struct csv_row *first)
{
	const struct csv_reader *r = input_reader(in);
	const char *id = o->com.role[ROLE_CUSTOMER];
	size_t j, i;

	memset(f, 0, sizeof(*f));
	f->names = xcalloc(csv_ncols(r) + o->cols.n + 1, sizeof(*f->names));
	f->col = xcalloc(csv_ncols(r) + o->cols.n + 1, sizeof(*f->col));
	if (o->cols.n > 0) {
		for (j = 0; j < o->cols.n; j++) {
			f->col[f->p] = input_col(in, o->cols.names[j],
			    INPUT_NEED);
			f->names[f->p++] = xstrdup(o->cols.names[j]);
		}
	} else
		for (j = 0; j < csv_ncols(r); j++)
			if (strcmp(csv_name(r, j), id) != 0 &&
			    numeric_at(first, j)) {
				f->col[f->p] = (long)j;
				f->names[f->p++] = xstrdup(csv_name(r, j));
			}
	if (f->p == 0)
		crm_errx(2, "no feature columns (-c names them)");
	f->log = xcalloc(f->p, sizeof(*f->log));
	for (i = 0; i < o->logcols.n; i++) {
		for (j = 0; j < f->p; j++)
			if (strcmp(f->names[j], o->logcols.names[i]) == 0)
				break;
		if (j == f->p)
			crm_errx(2, "--log: '%s' is not a feature column",
			    o->logcols.names[i]);
	}
	for (j = 0; j < f->p; j++)
		f->log[j] = in_list(&o->logcols, f->names[j]);
	f->standardize = !o->nostd;
	f->impute = o->impute;
	f->fill = xcalloc(f->p, sizeof(*f->fill));
	f->center = xcalloc(f->p, sizeof(*f->center));
	f->scale = xcalloc(f->p, sizeof(*f->scale));
}

/* Parse feature j of row into *v: NaN for a blank under --impute. */
static int
feat_value(const struct feat *f, struct crm_input *in,
    const struct csv_row *row, size_t j, double *v)
{
	size_t len;
	const char *p = csv_field(row, (size_t)f->col[j], &len);

	if (f->impute != IMPUTE_NONE && num_blank(p, len)) {
		*v = NAN;
		return 0;
	}
	if (input_num(in, row, f->col[j], v) != 0)
		return -1;
	if (!isfinite(*v))
		return input_bad(in, row, f->col[j], "not a finite number");
	if (f->log[j] && *v <= -1)
		return input_bad(in, row, f->col[j],
		    "log1p of a value not above -1");
	return 0;
}

int
feat_add(struct feat *f, struct crm_input *in, const struct csv_row *row)
{
	size_t j;

	f->X = xgrow(f->X, &f->cap, (f->n + 1) * f->p, sizeof(*f->X));
	for (j = 0; j < f->p; j++)
		if (feat_value(f, in, row, j, f->X + f->n * f->p + j) != 0)
			return -1;
	f->n++;
	return 0;
}

/* Column j's fill value: the mean or median of its numbers (0: none). */
static double
fill_value(const struct feat *f, size_t j)
{
	double *v = xcalloc(f->n + 1, sizeof(*v)), s = 0, r = 0;
	size_t i, m = 0;

	for (i = 0; i < f->n; i++)
		if (!isnan(f->X[i * f->p + j]))
			v[m++] = f->X[i * f->p + j];
	if (m > 0 && f->impute == IMPUTE_MEDIAN)
		r = median(v, m);
	else if (m > 0) {
		for (i = 0; i < m; i++)
			s += v[i];
		r = s / (double)m;
	}
	free(v);
	return r;
}

void
feat_fit(struct feat *f)
{
	size_t i, j;
	double *x, s, d;

	for (j = 0; j < f->p; j++) {
		f->fill[j] = fill_value(f, j);
		for (s = 0, i = 0; i < f->n; i++) {
			x = f->X + i * f->p + j;
			if (isnan(*x))
				*x = f->fill[j];
			if (f->log[j])
				*x = log1p(*x);
			s += *x;
		}
		f->center[j] = f->n > 0 ? s / (double)f->n : 0;
		for (s = 0, i = 0; i < f->n; i++) {
			d = f->X[i * f->p + j] - f->center[j];
			s += d * d;
		}
		f->scale[j] = f->n > 0 ? sqrt(s / (double)f->n) : 0;
		/* a constant column: no division by zero */
		if (!(f->scale[j] > 1e-12 * fmax(1, fabs(f->center[j]))))
			f->scale[j] = 1;
		if (!f->standardize) {
			f->center[j] = 0;
			f->scale[j] = 1;
		}
		for (i = 0; i < f->n; i++) {
			x = f->X + i * f->p + j;
			*x = (*x - f->center[j]) / f->scale[j];
		}
	}
}

int
feat_row(const struct feat *f, struct crm_input *in,
    const struct csv_row *row, double *x)
{
	size_t j;

	for (j = 0; j < f->p; j++) {
		if (feat_value(f, in, row, j, &x[j]) != 0)
			return -1;
		if (isnan(x[j]))
			x[j] = f->fill[j];
		if (f->log[j])
			x[j] = log1p(x[j]);
		x[j] = (x[j] - f->center[j]) / f->scale[j];
	}
	return 0;
}

void
feat_save(const struct feat *f, struct model_writer *w)
{
	double *lg = xcalloc(f->p, sizeof(*lg));
	size_t *len = xcalloc(f->p, sizeof(*len)), j;
	static const char *const imp[] = { "reject", "mean", "median" };

	for (j = 0; j < f->p; j++) {
		lg[j] = f->log[j];
		len[j] = strlen(f->names[j]);
	}
	mfile_put_strings(w, "feat.columns", (const char *const *)f->names,
	    len, f->p);
	model_put(w, "feat.impute", "%s", imp[f->impute]);
	mfile_put_array(w, "feat.log", lg, f->p);
	mfile_put_array(w, "feat.fill", f->fill, f->p);
	mfile_put_array(w, "feat.center", f->center, f->p);
	mfile_put_array(w, "feat.scale", f->scale, f->p);
	free(lg);
	free(len);
}

void
feat_load(struct feat *f, const struct model *m, const char *path,
    struct crm_input *in)
{
	struct mfile_strs *s;
	double *lg;
	const char *imp = model_get(m, "feat.impute");
	size_t j;
	int bad = 0;

	memset(f, 0, sizeof(*f));
	if ((s = mfile_get_strings(m, "feat.columns", &bad)) == NULL ||
	    s->n == 0 || imp == NULL)
		crm_errx(2, "%s: corrupted model (feat.columns)", path);
	f->p = s->n;
	f->names = xcalloc(f->p, sizeof(*f->names));
	f->col = xcalloc(f->p, sizeof(*f->col));
	f->log = xcalloc(f->p, sizeof(*f->log));
	f->fill = xcalloc(f->p, sizeof(*f->fill));
	f->center = xcalloc(f->p, sizeof(*f->center));
	f->scale = xcalloc(f->p, sizeof(*f->scale));
	lg = xcalloc(f->p, sizeof(*lg));
	if (mfile_get_array_n(m, "feat.log", lg, f->p) != 0 ||
	    mfile_get_array_n(m, "feat.fill", f->fill, f->p) != 0 ||
	    mfile_get_array_n(m, "feat.center", f->center, f->p) != 0 ||
	    mfile_get_array_n(m, "feat.scale", f->scale, f->p) != 0)
		crm_errx(2, "%s: corrupted model (feat arrays)", path);
	f->impute = strcmp(imp, "mean") == 0 ? IMPUTE_MEAN :
	    strcmp(imp, "median") == 0 ? IMPUTE_MEDIAN : IMPUTE_NONE;
	for (j = 0; j < f->p; j++) {
		f->names[j] = xmemdup(s->s[j], s->len[j]);
		f->log[j] = lg[j] != 0;
		if (!(f->scale[j] > 0) || !isfinite(f->center[j]))
			crm_errx(2, "%s: corrupted model (feat.scale)", path);
		f->col[j] = input_col(in, f->names[j], INPUT_NEED);
	}
	f->standardize = 1;
	free(lg);
	mfile_strs_free(s);
}

void
feat_free(struct feat *f)
{
	size_t j;

	for (j = 0; j < f->p; j++)
		free(f->names[j]);
	free(f->names);
	free(f->col);
	free(f->log);
	free(f->fill);
	free(f->center);
	free(f->scale);
	free(f->X);
	memset(f, 0, sizeof(*f));
}

/*
 * Distinct rows of X, counted up to upto: each row against the distinct
 * ones found so far, stopping at upto (quick when there are many).
 */
size_t
feat_distinct(const struct feat *f, size_t upto)
{
	size_t *seen = xcalloc(upto + 1, sizeof(*seen)), i, s, d = 0;

	for (i = 0; i < f->n && d < upto; i++) {
		for (s = 0; s < d; s++)
			if (memcmp(f->X + seen[s] * f->p, f->X + i * f->p,
			    f->p * sizeof(*f->X)) == 0)
				break;
		if (s == d)
			seen[d++] = i;
	}
	free(seen);
	return d;
}
