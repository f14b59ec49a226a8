/*
 * table.c: the rows crm-segment keeps (every input row that passes, to
 * be written back with the segment columns appended) and the numeric
 * features of kmeans, hierarchical, dbscan and apply: which columns,
 * and the bridge to the learning layer's encoder (ml/encode.h), which
 * parses, imputes a blank (--impute mean|median, else the row is bad),
 * log1p's the --log columns and standardises (mean and population sd,
 * as sklearn's StandardScaler; a constant column keeps scale 1).  The
 * model records are the encoder's, prefix feat.
 */
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
#include "ml/encode.h"

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

static int
in_list_names(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
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

/* The column names of the features: -c, else the default ones. */
static size_t
feat_columns(const struct opts *o, struct crm_input *in,
    const struct csv_row *first, const char **names)
{
	const struct csv_reader *r = input_reader(in);
	const char *id = o->com.role[ROLE_CUSTOMER];
	size_t j, p = 0;

	if (o->cols.n > 0) {
		for (j = 0; j < o->cols.n; j++)
			names[p++] = o->cols.names[j];
		return p;
	}
	for (j = 0; j < csv_ncols(r); j++)
		if (strcmp(csv_name(r, j), id) != 0 && numeric_at(first, j))
			names[p++] = csv_name(r, j);
	return p;
}

/* The header index of each feature (a missing one: exit 2). */
static void
feat_bind(struct feat *f, struct crm_input *in)
{
	size_t j;

	f->col = xcalloc(f->p, sizeof(*f->col));
	f->fld = xcalloc(f->p, sizeof(*f->fld));
	f->len = xcalloc(f->p, sizeof(*f->len));
	for (j = 0; j < f->p; j++)
		f->col[j] = input_col(in, enc_col_name(f->enc, j), INPUT_NEED);
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
	struct enc_opts eo = { o->impute == IMPUTE_NONE ? ENC_REJECT :
	    ENC_IMPUTE, !o->nostd, 0 };
	const char **names = xcalloc(csv_ncols(r) + o->cols.n + 1,
	    sizeof(*names));
	enum enc_kind *kind;
	size_t j, i;

	memset(f, 0, sizeof(*f));
	f->p = feat_columns(o, in, first, names);
	if (f->p == 0)
		crm_errx(2, "no feature columns (-c names them)");
	for (i = 0; i < o->logcols.n; i++)
		if (!in_list_names(names, f->p, o->logcols.names[i]))
			crm_errx(2, "--log: '%s' is not a feature column",
			    o->logcols.names[i]);
	kind = xcalloc(f->p, sizeof(*kind));
	for (j = 0; j < f->p; j++)
		kind[j] = ENC_NUMERIC;
	f->enc = enc_new(names, f->p, kind, &eo);
	for (j = 0; j < f->p; j++)
		if (in_list(&o->logcols, names[j]))
			enc_set_log1p(f->enc, j);
	enc_set_fill(f->enc, o->impute == IMPUTE_MEAN ? ENC_FILL_MEAN :
	    ENC_FILL_MEDIAN);
	enc_set_const_tol(f->enc, 1e-12);
	feat_bind(f, in);
	free(kind);
	free(names);
}

/* The row's feature fields, in the encoder's order, into f->fld. */
static void
feat_fields(struct feat *f, const struct csv_row *row)
{
	size_t j;

	for (j = 0; j < f->p; j++)
		f->fld[j] = csv_field(row, (size_t)f->col[j], &f->len[j]);
}

/* The encoder's error of row through the bad-row policy: -1. */
static int
feat_bad(const struct feat *f, struct crm_input *in,
    const struct csv_row *row)
{
	const struct enc_err *e = enc_lasterr(f->enc);

	if (e->col < 0)
		return input_reject(in, row, "%s", e->what);
	return input_bad(in, row, f->col[e->col], e->what);
}

int
feat_add(struct feat *f, struct crm_input *in, const struct csv_row *row)
{
	feat_fields(f, row);
	if (enc_add_row(f->enc, f->fld, f->len) != 0)
		return feat_bad(f, in, row);
	f->n++;
	return 0;
}

void
feat_fit(struct feat *f)
{
	f->X = xcalloc(f->n * f->p + 1, sizeof(*f->X));
	f->raw = xcalloc(f->n * f->p + 1, sizeof(*f->raw));
	if (f->n == 0)
		return;
	if (enc_fit(f->enc) != 0)	/* no failure left: numbers only */
		crm_errx(1, "%s", enc_lasterr(f->enc)->what);
	enc_matrix(f->enc, f->X);
	enc_raw_matrix(f->enc, f->raw);
}

int
feat_row(struct feat *f, struct crm_input *in, const struct csv_row *row,
    double *x)
{
	feat_fields(f, row);
	if (enc_transform(f->enc, f->fld, f->len, x) != 0)
		return feat_bad(f, in, row);
	return 0;
}

const char *
feat_name(const struct feat *f, size_t j)
{
	return enc_col_name(f->enc, j);
}

void
feat_save(const struct feat *f, struct model_writer *w)
{
	enc_save(f->enc, w, "feat");
}

void
feat_load(struct feat *f, const struct model *m, const char *path,
    struct crm_input *in)
{
	struct enc_err err;
	size_t j;

	memset(f, 0, sizeof(*f));
	if ((f->enc = enc_load(m, "feat", &err)) == NULL)
		crm_errx(2, "%s: corrupted model (%s)", path, err.what);
	f->p = enc_ncols(f->enc);
	for (j = 0; j < f->p; j++)
		if (enc_col_categorical(f->enc, j))
			crm_errx(2, "%s: corrupted model (feat.cat)", path);
	if (f->p == 0 || enc_nfeatures(f->enc) != f->p)
		crm_errx(2, "%s: corrupted model (feat.columns)", path);
	feat_bind(f, in);
}

void
feat_free(struct feat *f)
{
	enc_free(f->enc);
	free(f->col);
	free(f->fld);
	free(f->len);
	free(f->X);
	free(f->raw);
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
