/*
 * data.c: the labelled table crm-churn learns from.  The rows are kept
 * as text first, so that a column that is only an id (every value
 * distinct, not numbers) can be left out before the encoder sees it;
 * then the encoder (common/ml/encode.h) types, imputes and one-hot
 * encodes the columns, and the label encoder maps the label to 0/1.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "num.h"
#include "ml/encode.h"

#include "churn.h"

/* The kept rows: fields of the candidate columns and the label. */
struct rawtab {
	size_t		 ncols, nrows, rcap;
	char		*buf;
	size_t		 len, cap;
	size_t		*off;		/* nrows x (ncols + 1): start, and end */
	long		*lab;		/* provisional label id per row */
};

static int
in_list(const struct collist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->names[i], name) == 0)
			return 1;
	return 0;
}

static void
raw_add(struct rawtab *t, const struct csv_row *row, const long *cols)
{
	size_t i, len, k;
	const char *f;

	t->off = xgrow(t->off, &t->rcap, (t->nrows + 1) * (t->ncols + 1),
	    sizeof(*t->off));
	k = t->nrows * (t->ncols + 1);
	for (i = 0; i < t->ncols; i++) {
		f = input_str(row, cols[i], &len);
		t->buf = xgrow(t->buf, &t->cap, t->len + len + 1, 1);
		t->off[k + i] = t->len;
		memcpy(t->buf + t->len, f, len);
		t->len += len;
	}
	t->off[k + t->ncols] = t->len;
	t->nrows++;
}

static const char *
raw_field(const struct rawtab *t, size_t r, size_t c, size_t *len)
{
	const size_t *o = t->off + r * (t->ncols + 1);

	*len = o[c + 1] - o[c];
	return t->buf + o[c];
}

/* The feature columns: -c, or every column but the label, --id and
 * --ignore.  Their header indices go to cols. */
static size_t
pick_columns(const struct opts *o, struct crm_input *in, long labcol,
    const char **names, long *cols)
{
	const struct csv_reader *r = input_reader(in);
	size_t i, n = 0, ncol = csv_ncols(r);
	long idcol = o->id ? input_col(in, o->id, INPUT_NEED) : -1;

	for (i = 0; i < o->ignore.n; i++)
		(void)input_col(in, o->ignore.names[i], INPUT_NEED);
	if (o->columns.n > 0) {
		for (i = 0; i < o->columns.n; i++) {
			cols[n] = input_col(in, o->columns.names[i],
			    INPUT_NEED);
			if (cols[n] == labcol)
				crm_errx(2, "the label column '%s' cannot be a "
				    "feature", o->columns.names[i]);
			names[n] = csv_name(r, (size_t)cols[n]);
			n++;
		}
		return n;
	}
	for (i = 0; i < ncol; i++) {
		if ((long)i == labcol || (long)i == idcol ||
		    in_list(&o->ignore, csv_name(r, i)))
			continue;
		cols[n] = (long)i;
		names[n++] = csv_name(r, i);
	}
	if (n == 0)
		crm_errx(2, "no feature columns (only the label)");
	return n;
}

/* A column of text whose every value differs is an id: left out. */
static int
is_id_column(const struct rawtab *t, size_t c)
{
	struct strmap *m;
	size_t r, len;
	const char *f;
	double v;
	const char *why;
	int isnew, numeric = 1, distinct = 1;

	if (t->nrows < 10)
		return 0;
	m = strmap_new();
	for (r = 0; r < t->nrows && distinct; r++) {
		f = raw_field(t, r, c, &len);
		if (numeric && !num_blank(f, len) &&
		    num_parse(f, len, &v, &why) != 0)
			numeric = 0;
		(void)strmap_intern(m, f, len, &isnew);
		distinct = isnew;
	}
	strmap_free(m);
	return distinct && !numeric;
}

/*
 * The positive label: --positive, or NULL for label_fit to recognise
 * (yes/no pairs, churned/active...); more or fewer than two labels
 * without --positive is an error naming the column.
 */
static const char *
pick_positive(const struct opts *o, const struct strmap *labs,
    const char *labname)
{
	size_t len, n = strmap_count(labs);
	const char *s;

	if (o->positive != NULL)
		return o->positive;
	if (n != 2) {
		s = n > 0 ? strmap_key(labs, 0, &len) : "";
		crm_errx(1, "column '%s' has %zu distinct labels%s%s%s: name "
		    "the positive one with --positive", labname, n,
		    n > 0 ? " ('" : "", s, n > 0 ? "', ...)" : "");
	}
	return NULL;
}

static void
read_rows(const struct opts *o, struct crm_input *in, long labcol,
    const long *cols, const int *forcenum, struct rawtab *t,
    struct strmap *labs)
{
	const struct csv_row *row;
	const char *f;
	size_t i, len;
	double v;
	const char *why;
	int bad;

	(void)o;
	while (input_next(in, &row)) {
		f = input_str(row, labcol, &len);
		if (num_blank(f, len)) {
			input_bad(in, row, labcol, "empty label");
			continue;
		}
		for (bad = 0, i = 0; i < t->ncols && !bad; i++) {
			if (!forcenum[i])
				continue;
			f = input_str(row, cols[i], &len);
			if (!num_blank(f, len) &&
			    num_parse(f, len, &v, &why) != 0)
				bad = input_bad(in, row, cols[i],
				    "not a number");
		}
		if (bad)
			continue;
		f = input_str(row, labcol, &len);
		if (strmap_intern(labs, f, len, NULL) == STRMAP_FULL)
			crm_errx(1, "too many distinct labels");
		raw_add(t, row, cols);
		t->lab = xreallocarray(t->lab, t->nrows, sizeof(*t->lab));
		t->lab[t->nrows - 1] = (long)strmap_find(labs, f, len);
	}
}

/* Build the encoder from the kept rows of the columns kept. */
static void
encode(const struct opts *o, const struct rawtab *t, const char **names,
    const int *keep, struct dataset *d)
{
	struct enc_opts eo = { ENC_IMPUTE, o->algo == ALGO_LOGREG, 0 };
	const char **kn = xcalloc(t->ncols, sizeof(*kn));
	enum enc_kind *kind = xcalloc(t->ncols, sizeof(*kind));
	const char **f = xcalloc(t->ncols, sizeof(*f));
	size_t *len = xcalloc(t->ncols, sizeof(*len));
	size_t c, r, nk = 0;

	for (c = 0; c < t->ncols; c++) {
		if (!keep[c])
			continue;
		kind[nk] = in_list(&o->categorical, names[c]) ?
		    ENC_CATEGORICAL : in_list(&o->numeric, names[c]) ?
		    ENC_NUMERIC : ENC_AUTO;
		kn[nk++] = names[c];
	}
	d->enc = enc_new(kn, nk, kind, &eo);
	for (r = 0; r < t->nrows; r++) {
		for (nk = 0, c = 0; c < t->ncols; c++)
			if (keep[c]) {
				f[nk] = raw_field(t, r, c, &len[nk]);
				nk++;
			}
		if (enc_add_row(d->enc, f, len) != 0)
			crm_errx(1, "column '%s': %s",
			    enc_lasterr(d->enc)->name ?
			    enc_lasterr(d->enc)->name : "?",
			    enc_lasterr(d->enc)->what);
	}
	if (enc_fit(d->enc) != 0)
		crm_errx(1, "%s", enc_lasterr(d->enc)->what);
	free(kn);
	free(kind);
	free(f);
	free(len);
}

/*
 * The label encoder of the distinct labels labs (of column labname),
 * into *lab, and the class (0 or 1) of each distinct label into cls.
 * Exits 1 when the labels do not make two classes.
 */
void
churn_label_classes(const struct opts *o, const struct strmap *labs,
    const char *labname, struct label_enc **lab, double *cls)
{
	const char *pos = pick_positive(o, labs, labname);
	size_t i, len, n = strmap_count(labs);
	long *id = xcalloc(n + 1, sizeof(*id));
	const char *s;

	*lab = label_new(pos);
	for (i = 0; i < n; i++) {
		s = strmap_key(labs, i, &len);
		id[i] = label_add(*lab, s, len);
	}
	if (label_fit(*lab) != 0)
		crm_errx(1, "column '%s': %s", labname,
		    label_lasterr(*lab)->what);
	if (!label_binary(*lab))
		crm_errx(1, "column '%s' has %zu distinct labels: name the "
		    "positive one with --positive", labname,
		    label_nclasses(*lab));
	for (i = 0; i < n; i++)
		cls[i] = label_class(*lab, id[i]) == 1;
	free(id);
}

static void
labels(const struct opts *o, const struct rawtab *t, struct strmap *labs,
    const char *labname, struct dataset *d)
{
	double *cls = xcalloc(strmap_count(labs) + 1, sizeof(*cls));
	size_t i;

	churn_label_classes(o, labs, labname, &d->lab, cls);
	d->y = xcalloc(t->nrows, sizeof(*d->y));
	for (i = 0; i < t->nrows; i++)
		d->y[i] = cls[t->lab[i]];
	free(cls);
}

/*
 * Read the training table of o into d: exits 1 on bad data (or with
 * the bad-row policy), 2 on a missing column.
 */
void
churn_read_train(const struct opts *o, struct dataset *d)
{
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);
	struct rawtab t;
	struct strmap *labs;
	const char **names;
	long *cols, labcol;
	int *keep, *forcenum;
	size_t c, nkeep = 0, ncol;

	memset(d, 0, sizeof(*d));
	memset(&t, 0, sizeof(t));
	if (in == NULL)
		crm_errx(1, "no rows to learn from (empty input)");
	labcol = input_role(in, ROLE_LABEL, INPUT_NEED);
	ncol = csv_ncols(input_reader(in));
	names = xcalloc(ncol + o->columns.n, sizeof(*names));
	cols = xcalloc(ncol + o->columns.n, sizeof(*cols));
	t.ncols = pick_columns(o, in, labcol, names, cols);
	keep = xcalloc(t.ncols, sizeof(*keep));
	forcenum = xcalloc(t.ncols, sizeof(*forcenum));
	for (c = 0; c < t.ncols; c++)
		forcenum[c] = in_list(&o->numeric, names[c]);
	labs = strmap_new();
	read_rows(o, in, labcol, cols, forcenum, &t, labs);
	if (t.nrows == 0)
		crm_errx(1, "no rows to learn from");
	for (c = 0; c < t.ncols; c++) {
		keep[c] = o->columns.n > 0 || forcenum[c] ||
		    in_list(&o->categorical, names[c]) || !is_id_column(&t, c);
		if (!keep[c] && !o->com.quiet)
			crm_warnx("column '%s' left out: an id (every value "
			    "differs); --categorical keeps it", names[c]);
		nkeep += keep[c] != 0;
	}
	if (nkeep == 0)
		crm_errx(1, "no feature columns left");
	labels(o, &t, labs, csv_name(input_reader(in), (size_t)labcol), d);
	encode(o, &t, names, keep, d);
	d->n = enc_nrows(d->enc);
	d->p = enc_nfeatures(d->enc);
	d->X = xcalloc(d->n * d->p, sizeof(*d->X));
	enc_matrix(d->enc, d->X);
	input_close(in);
	strmap_free(labs);
	free(t.buf);
	free(t.off);
	free(t.lab);
	free(names);
	free(cols);
	free(keep);
	free(forcenum);
}

void
churn_dataset_free(struct dataset *d)
{
	free(d->X);
	free(d->y);
	enc_free(d->enc);
	label_free(d->lab);
	memset(d, 0, sizeof(*d));
}

/*
 * The first feature of each encoder column into off[0..ncols], and the
 * feature count in off[ncols]: a numeric column has one feature, a
 * categorical one a block of "name=category" features.
 */
void
churn_feature_ranges(const struct encoder *e, size_t *off)
{
	size_t c, j = 0, nc = enc_ncols(e), nf = enc_nfeatures(e), nl;
	char buf[1024];
	const char *name;

	for (c = 0; c < nc; c++) {
		off[c] = j;
		if (!enc_col_categorical(e, c)) {
			j++;
			continue;
		}
		name = enc_col_name(e, c);
		nl = strlen(name);
		while (j < nf) {
			enc_feature_name(e, j, buf, sizeof(buf));
			if (strncmp(buf, name, nl) != 0 || buf[nl] != '=')
				break;
			j++;
		}
	}
	off[nc] = nf;
}

uint64_t
churn_seed(const struct opts *o)
{
	return o->com.seed;
}
