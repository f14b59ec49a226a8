/*
 * apply.c: the subcommands that use a model or predictions: predict
 * (append churn_probability and churn to every row), eval (metrics of
 * predictions, or of a model on labelled rows) and the metrics both
 * eval and cv report.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "model.h"
#include "num.h"
#include "ml/encode.h"
#include "ml/eval.h"

#include "churn.h"

static const char *const metric_names[] = { "accuracy", "precision",
	"recall", "f1", "roc_auc", "pr_auc", "log_loss", "brier" };

const char *
churn_metric_name(int i)
{
	return metric_names[i];
}

/*
 * The metrics of probabilities p against labels y into met[MET_COUNT];
 * the confusion counts tp, fp, tn, fn into cm[4].
 */
void
churn_metrics(const double *y, const double *p, size_t n, double threshold,
    double *met, size_t *cm)
{
	struct eval_binary b;

	eval_binary(y, p, n, threshold, &b);
	met[MET_ACCURACY] = b.accuracy;
	met[MET_PRECISION] = b.precision;
	met[MET_RECALL] = b.recall;
	met[MET_F1] = b.f1;
	met[MET_ROC_AUC] = eval_auc(y, p, n);
	met[MET_PR_AUC] = eval_avg_precision(y, p, n);
	met[MET_LOG_LOSS] = eval_logloss(y, p, n, 1e-15);
	met[MET_BRIER] = eval_brier(y, p, n);
	cm[0] = b.tp;
	cm[1] = b.fp;
	cm[2] = b.tn;
	cm[3] = b.fn;
}

/* Load a crm-churn model file: exit 2 when it cannot be used. */
void
churn_load(const char *path, struct loaded *l)
{
	char err[512], why[128];
	struct enc_err e;

	memset(l, 0, sizeof(*l));
	l->m = model_load(path, "crm-churn", err, sizeof(err));
	if (l->m == NULL)
		crm_errx(2, "%s", err);
	l->enc = enc_load(l->m, "enc", &e);
	if (l->enc == NULL)
		crm_errx(2, "%s: corrupted model (%s)", path, e.what);
	l->lab = label_load(l->m, "label", &e);
	if (l->lab == NULL)
		crm_errx(2, "%s: corrupted model (%s)", path, e.what);
	l->cm = churn_model_load(l->m, enc_nfeatures(l->enc), why,
	    sizeof(why));
	if (l->cm == NULL)
		crm_errx(2, "%s: corrupted model (%s)", path, why);
}

void
churn_loaded_free(struct loaded *l)
{
	churn_model_free(l->cm);
	enc_free(l->enc);
	label_free(l->lab);
	model_free(l->m);
}

/* Rows encoded through a loaded model's encoder. */
struct featin {
	struct encoder	*enc;
	size_t		 nc;
	long		*col;
	const char	**f;
	size_t		*len;
	double		*x;
};

static void
featin_open(struct featin *fi, struct crm_input *in, struct encoder *enc)
{
	size_t i;

	fi->enc = enc;
	fi->nc = enc_ncols(enc);
	fi->col = xcalloc(fi->nc + 1, sizeof(*fi->col));
	fi->f = xcalloc(fi->nc + 1, sizeof(*fi->f));
	fi->len = xcalloc(fi->nc + 1, sizeof(*fi->len));
	fi->x = xcalloc(enc_nfeatures(enc) + 1, sizeof(*fi->x));
	for (i = 0; i < fi->nc; i++)
		fi->col[i] = input_col(in, enc_col_name(enc, i), INPUT_NEED);
}

/* The features of row into fi->x: 0, or -1 after the bad-row policy. */
static int
featin_row(struct featin *fi, struct crm_input *in, const struct csv_row *row)
{
	const struct enc_err *e;
	size_t i;

	for (i = 0; i < fi->nc; i++)
		fi->f[i] = input_str(row, fi->col[i], &fi->len[i]);
	if (enc_transform(fi->enc, fi->f, fi->len, fi->x) == 0)
		return 0;
	e = enc_lasterr(fi->enc);
	return input_bad(in, row, e->col >= 0 ? fi->col[e->col] : 0, e->what);
}

static void
featin_close(struct featin *fi)
{
	free(fi->col);
	free(fi->f);
	free(fi->len);
	free(fi->x);
}

#define BATCH	4096

/* Rows waiting for their predictions: fields copied, features encoded. */
struct batch {
	size_t		 n, ncols, p;
	char		*buf;
	size_t		 len, cap;
	size_t		*off;		/* BATCH x (ncols + 1) */
	double		*X, *prob;
};

static void
batch_add(struct batch *b, const struct csv_row *row, const double *x)
{
	size_t i, len, *o = b->off + b->n * (b->ncols + 1);
	const char *f;

	for (i = 0; i < b->ncols; i++) {
		f = csv_field(row, i, &len);
		b->buf = xgrow(b->buf, &b->cap, b->len + len + 1, 1);
		o[i] = b->len;
		memcpy(b->buf + b->len, f, len);
		b->len += len;
	}
	o[b->ncols] = b->len;
	memcpy(b->X + b->n * b->p, x, b->p * sizeof(*x));
	b->n++;
}

/* Predict the rows of the batch on threads and write them. */
static void
batch_flush(const struct opts *o, const struct churn_model *m,
    struct batch *b, struct csv_writer *w)
{
	size_t r, i, *off;

	churn_predict_rows(m, b->X, b->n, b->p, b->prob,
	    crm_nthreads(&o->com));
	for (r = 0; r < b->n; r++) {
		off = b->off + r * (b->ncols + 1);
		for (i = 0; i < b->ncols; i++)
			csv_put(w, b->buf + off[i], off[i + 1] - off[i]);
		csv_put_num(w, b->prob[r]);
		csv_put_int(w, b->prob[r] >= o->threshold);
		csv_end_row(w);
	}
	b->n = 0;
	b->len = 0;
}

static void
put_header(const struct opts *o, struct crm_input *in, struct csv_writer *w)
{
	static const char *const names[] = { "churn_probability", "churn",
	    NULL };
	const char *pre = o->prefix ? o->prefix : "";
	char buf[512];

	col_check_new(input_reader(in), o->prefix, names);
	csv_put_row(w, csv_header(input_reader(in)));
	snprintf(buf, sizeof(buf), "%s%s", pre, names[0]);
	csv_put_str(w, buf);
	snprintf(buf, sizeof(buf), "%s%s", pre, names[1]);
	csv_put_str(w, buf);
	csv_end_row(w);
}

int
churn_predict(const struct opts *o)
{
	struct loaded l;
	struct crm_input *in;
	struct csv_writer *w;
	struct featin fi;
	const struct csv_row *row;
	struct batch b;

	churn_load(o->model, &l);
	in = input_open(&o->com, o->files, o->nfiles);
	if (in == NULL) {
		churn_loaded_free(&l);
		return 0;
	}
	featin_open(&fi, in, l.enc);
	memset(&b, 0, sizeof(b));
	b.ncols = csv_ncols(input_reader(in));
	b.p = l.cm->p;
	b.off = xcalloc(BATCH * (b.ncols + 1), sizeof(*b.off));
	b.X = xcalloc(BATCH * b.p + 1, sizeof(*b.X));
	b.prob = xcalloc(BATCH, sizeof(*b.prob));
	w = crm_open_output(&o->com);
	put_header(o, in, w);
	while (input_next(in, &row)) {
		if (featin_row(&fi, in, row) != 0)
			continue;
		batch_add(&b, row, fi.x);
		if (b.n == BATCH)
			batch_flush(o, l.cm, &b, w);
	}
	batch_flush(o, l.cm, &b, w);
	crm_close_output(w);
	input_close(in);
	featin_close(&fi);
	free(b.buf);
	free(b.off);
	free(b.X);
	free(b.prob);
	churn_loaded_free(&l);
	return 0;
}

/* Growable (label, probability) pairs. */
struct pairs {
	double	*y, *p;
	long	*lab;
	size_t	 n, cy, cp, cl;
};

static void
pairs_add(struct pairs *s, long lab, double y, double p)
{
	s->y = xgrow(s->y, &s->cy, s->n + 1, sizeof(*s->y));
	s->p = xgrow(s->p, &s->cp, s->n + 1, sizeof(*s->p));
	s->lab = xgrow(s->lab, &s->cl, s->n + 1, sizeof(*s->lab));
	s->y[s->n] = y;
	s->p[s->n] = p;
	s->lab[s->n++] = lab;
}

/* The label column: --label, else the one the model was trained on. */
static const char *
label_column(const struct opts *o, const struct model *m)
{
	const char *c;

	if ((o->com.role_set & (1u << ROLE_LABEL)) || m == NULL ||
	    (c = model_get(m, "label.column")) == NULL)
		return o->com.role[ROLE_LABEL];
	return c;
}

/* Rows of a model on labelled data: y and p of each good row. */
static void
read_model_rows(const struct opts *o, struct loaded *l, struct crm_input *in,
    struct pairs *s, double **X)
{
	struct featin fi;
	const struct csv_row *row;
	const char *f;
	size_t len, cap = 0, p = enc_nfeatures(l->enc);
	long labcol, c;

	labcol = input_col(in, label_column(o, l->m), INPUT_NEED);
	featin_open(&fi, in, l->enc);
	while (input_next(in, &row)) {
		f = input_str(row, labcol, &len);
		if ((c = label_find(l->lab, f, len)) < 0) {
			input_bad(in, row, labcol, "not a label of the model");
			continue;
		}
		if (featin_row(&fi, in, row) != 0)
			continue;
		if (X != NULL) {
			*X = xgrow(*X, &cap, (s->n + 1) * p, sizeof(**X));
			memcpy(*X + s->n * p, fi.x, p * sizeof(**X));
		}
		pairs_add(s, 0, c == 1, churn_predict_row(l->cm, fi.x));
	}
	featin_close(&fi);
}

/* Rows of predictions: the label and the probability column. */
static void
read_pred_rows(const struct opts *o, struct crm_input *in, struct pairs *s)
{
	const struct csv_row *row;
	struct strmap *labs = strmap_new();
	struct label_enc *lab;
	const char *f;
	size_t len, i;
	long labcol = input_col(in, label_column(o, NULL), INPUT_NEED);
	long pcol = input_col(in, o->prob, INPUT_NEED);
	double p, *cls;

	while (input_next(in, &row)) {
		f = input_str(row, labcol, &len);
		if (num_blank(f, len)) {
			input_bad(in, row, labcol, "empty label");
			continue;
		}
		if (input_num(in, row, pcol, &p) != 0)
			continue;
		if (!(p >= 0 && p <= 1)) {
			input_bad(in, row, pcol, "not a probability");
			continue;
		}
		pairs_add(s, (long)strmap_intern(labs, f, len, NULL), 0, p);
	}
	if (s->n > 0) {
		cls = xcalloc(strmap_count(labs) + 1, sizeof(*cls));
		churn_label_classes(o, labs, label_column(o, NULL), &lab, cls);
		for (i = 0; i < s->n; i++)
			s->y[i] = cls[s->lab[i]];
		free(cls);
		label_free(lab);
	}
	strmap_free(labs);
}

void
churn_put_line(struct csv_writer *w, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	csv_put_raw(w, buf, (size_t)n);
}

static void
eval_text(struct csv_writer *w, const struct pairs *s, const double *met,
    const size_t *cm)
{
	struct eval_bin bins[10];
	size_t nb, i;
	int j;

	churn_put_line(w, "rows       %zu\n", s->n);
	for (j = 0; j < MET_COUNT; j++)
		churn_put_line(w, "%-10s %.4f\n", churn_metric_name(j), met[j]);
	churn_put_line(w, "\nconfusion  predicted 1  predicted 0\n");
	churn_put_line(w, "actual 1   %11zu  %11zu\n", cm[0], cm[3]);
	churn_put_line(w, "actual 0   %11zu  %11zu\n", cm[1], cm[2]);
	nb = eval_calibration(s->y, s->p, s->n, 10, bins);
	churn_put_line(w, "\ncalibration (deciles of probability)\n");
	churn_put_line(w, "%4s %8s %8s %8s\n", "bin", "rows", "mean_p", "rate");
	for (i = 0; i < nb; i++)
		churn_put_line(w, "%4zu %8zu %8.4f %8.4f\n", i + 1, bins[i].n,
		    bins[i].mean_p, bins[i].rate);
}

static void
eval_csv(const struct opts *o, struct csv_writer *w, const struct pairs *s,
    const double *met, const size_t *cm)
{
	static const char *const cmn[] = { "tp", "fp", "tn", "fn" };
	struct eval_bin bins[10];
	size_t nb, i;
	int j;

	if (o->calibration) {
		nb = eval_calibration(s->y, s->p, s->n, 10, bins);
		csv_put_str(w, "bin");
		csv_put_str(w, "rows");
		csv_put_str(w, "mean_p");
		csv_put_str(w, "rate");
		csv_end_row(w);
		for (i = 0; i < nb; i++) {
			csv_put_int(w, (long long)i + 1);
			csv_put_int(w, (long long)bins[i].n);
			csv_put_num(w, bins[i].mean_p);
			csv_put_num(w, bins[i].rate);
			csv_end_row(w);
		}
		return;
	}
	csv_put_str(w, "metric");
	csv_put_str(w, "value");
	csv_end_row(w);
	csv_put_str(w, "rows");
	csv_put_int(w, (long long)s->n);
	csv_end_row(w);
	for (j = 0; j < MET_COUNT; j++) {
		csv_put_str(w, churn_metric_name(j));
		csv_put_num(w, met[j]);
		csv_end_row(w);
	}
	for (j = 0; j < 4; j++) {
		csv_put_str(w, cmn[j]);
		csv_put_int(w, (long long)cm[j]);
		csv_end_row(w);
	}
}

int
churn_eval(const struct opts *o)
{
	struct loaded l;
	struct crm_input *in;
	struct csv_writer *w;
	struct pairs s;
	double met[MET_COUNT];
	size_t cm[4];

	memset(&s, 0, sizeof(s));
	memset(&l, 0, sizeof(l));
	if (o->model != NULL)
		churn_load(o->model, &l);
	in = input_open(&o->com, o->files, o->nfiles);
	if (in == NULL) {
		if (o->model != NULL)
			churn_loaded_free(&l);
		return 0;
	}
	if (o->model != NULL)
		read_model_rows(o, &l, in, &s, NULL);
	else
		read_pred_rows(o, in, &s);
	input_close(in);
	if (s.n == 0)
		crm_errx(1, "no rows to evaluate");
	churn_metrics(s.y, s.p, s.n, o->threshold, met, cm);
	w = crm_open_output(&o->com);
	if (o->text)
		eval_text(w, &s, met, cm);
	else
		eval_csv(o, w, &s, met, cm);
	crm_close_output(w);
	free(s.y);
	free(s.p);
	free(s.lab);
	if (o->model != NULL)
		churn_loaded_free(&l);
	return 0;
}

/* For importance --permutation: labelled rows through the model. */
void
churn_read_labelled(const struct opts *o, struct loaded *l, double **X,
    double **y, size_t *n)
{
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);
	struct pairs s;

	memset(&s, 0, sizeof(s));
	*X = NULL;
	if (in != NULL) {
		read_model_rows(o, l, in, &s, X);
		input_close(in);
	}
	if (s.n == 0)
		crm_errx(1, "no labelled rows for --permutation");
	*y = s.y;
	*n = s.n;
	free(s.p);
	free(s.lab);
}
