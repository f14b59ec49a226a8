/*
 * explain.c: why the model says what it says.  importance ranks the
 * features (impurity gain of trees, standardised coefficients of
 * logistic regression) or, with --permutation, the columns by the drop
 * of ROC AUC when a column's values are shuffled among labelled rows;
 * rules prints a tree as nested if/then text.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "model.h"
#include "rng.h"
#include "ml/encode.h"
#include "ml/eval.h"
#include "ml/order.h"

#include "churn.h"

/* Rows by |v| descending, ties in feature order. */
static size_t *
rank_abs(const double *v, size_t n)
{
	double *a = xcalloc(n + 1, sizeof(*a));
	size_t *idx = xcalloc(n + 1, sizeof(*idx)), i;

	for (i = 0; i < n; i++)
		a[i] = fabs(v[i]);
	argsort_double(a, n, idx, 1);
	free(a);
	return idx;
}

static void
model_importance(const struct opts *o, const struct loaded *l)
{
	struct csv_writer *w = crm_open_output(&o->com);
	const struct churn_model *m = l->cm;
	const double *v = m->algo == ALGO_LOGREG ? m->coef : m->importance;
	size_t *idx = rank_abs(v, m->p), i;
	char name[1024];

	csv_put_str(w, "feature");
	csv_put_str(w, m->algo == ALGO_LOGREG ? "coefficient" : "importance");
	csv_end_row(w);
	for (i = 0; i < m->p; i++) {
		csv_put_str(w, enc_feature_name(l->enc, idx[i], name,
		    sizeof(name)));
		csv_put_num(w, v[idx[i]]);
		csv_end_row(w);
	}
	if (m->algo == ALGO_LOGREG) {
		csv_put_str(w, "(intercept)");
		csv_put_num(w, m->b0);
		csv_end_row(w);
	}
	crm_close_output(w);
	free(idx);
}

/* AUC with the features off[c]..off[c+1) of the rows permuted. */
static double
permuted_auc(const struct loaded *l, const double *X, const double *y,
    size_t n, size_t lo, size_t hi, struct rng *r, double *Xp, double *p,
    size_t *perm)
{
	size_t i, q = l->cm->p;

	memcpy(Xp, X, n * q * sizeof(*Xp));
	for (i = 0; i < n; i++)
		perm[i] = i;
	rng_shuffle(r, perm, n);
	for (i = 0; i < n; i++)
		memcpy(Xp + i * q + lo, X + perm[i] * q + lo,
		    (hi - lo) * sizeof(*Xp));
	churn_predict_rows(l->cm, Xp, n, q, p, 1);
	return eval_auc(y, p, n);
}

static void
permutation_importance(const struct opts *o, struct loaded *l)
{
	size_t nc = enc_ncols(l->enc), n, c, q = l->cm->p, *off, *idx;
	double *X, *y, *Xp, *p, *imp, *sd, base, d;
	size_t *perm;
	struct csv_writer *w;
	struct rng r;
	int k;

	churn_read_labelled(o, l, &X, &y, &n);
	off = xcalloc(nc + 1, sizeof(*off));
	churn_feature_ranges(l->enc, off);
	Xp = xcalloc(n * q + 1, sizeof(*Xp));
	p = xcalloc(n + 1, sizeof(*p));
	perm = xcalloc(n + 1, sizeof(*perm));
	imp = xcalloc(nc + 1, sizeof(*imp));
	sd = xcalloc(nc + 1, sizeof(*sd));
	churn_predict_rows(l->cm, X, n, q, p, crm_nthreads(&o->com));
	base = eval_auc(y, p, n);
	for (c = 0; c < nc; c++) {
		double s = 0, s2 = 0;

		for (k = 0; k < o->repeats; k++) {
			rng_seed_stream(&r, churn_seed(o), c * 1000 + (size_t)k);
			d = base - permuted_auc(l, X, y, n, off[c], off[c + 1],
			    &r, Xp, p, perm);
			s += d;
			s2 += d * d;
		}
		imp[c] = s / o->repeats;
		sd[c] = o->repeats > 1 ? sqrt(fmax(0, (s2 - s * s /
		    o->repeats) / (o->repeats - 1))) : 0;
	}
	idx = xcalloc(nc + 1, sizeof(*idx));
	argsort_double(imp, nc, idx, 1);
	w = crm_open_output(&o->com);
	csv_put_str(w, "column");
	csv_put_str(w, "auc_drop");
	csv_put_str(w, "sd");
	csv_end_row(w);
	for (c = 0; c < nc; c++) {
		csv_put_str(w, enc_col_name(l->enc, idx[c]));
		csv_put_num(w, imp[idx[c]]);
		csv_put_num(w, sd[idx[c]]);
		csv_end_row(w);
	}
	crm_close_output(w);
	free(X);
	free(y);
	free(Xp);
	free(p);
	free(perm);
	free(imp);
	free(sd);
	free(off);
	free(idx);
}

int
churn_importance(const struct opts *o)
{
	struct loaded l;

	churn_load(o->model, &l);
	if (o->permutation)
		permutation_importance(o, &l);
	else
		model_importance(o, &l);
	churn_loaded_free(&l);
	return 0;
}

/* The condition of the left branch (x <= thr) in words, and its
 * negation. */
static void
condition(const struct loaded *l, const size_t *colof, int32_t f,
    double thr, char *yes, char *no, size_t n)
{
	char name[1024], num[40];
	const char *eq;
	size_t c = colof[f];

	enc_feature_name(l->enc, (size_t)f, name, sizeof(name));
	if (enc_col_categorical(l->enc, c) && thr >= 0 && thr < 1 &&
	    (eq = strchr(name + strlen(enc_col_name(l->enc, c)), '=')) !=
	    NULL) {
		snprintf(yes, n, "%.*s != %s", (int)(eq -
		    name), name, eq + 1);
		snprintf(no, n, "%.*s = %s", (int)(eq - name), name, eq + 1);
		return;
	}
	snprintf(num, sizeof(num), "%.6g", thr);
	snprintf(yes, n, "%s <= %s", name, num);
	snprintf(no, n, "%s > %s", name, num);
}

struct rulectx {
	const struct loaded	*l;
	const struct tnode	*t;
	const size_t		*colof;
	struct csv_writer	*w;
};

static void
print_node(const struct rulectx *rc, size_t i, int depth)
{
	const struct tnode *nd = &rc->t[i];
	char yes[1200], no[1200];

	if (nd->feat < 0) {
		churn_put_line(rc->w, "%*schurn %.4f (weight %.6g)\n",
		    2 * depth, "", nd->value, nd->cover);
		return;
	}
	condition(rc->l, rc->colof, nd->feat, nd->thr, yes, no, sizeof(yes));
	churn_put_line(rc->w, "%*sif %s\n", 2 * depth, "", yes);
	print_node(rc, (size_t)nd->left, depth + 1);
	churn_put_line(rc->w, "%*selse (%s)\n", 2 * depth, "", no);
	print_node(rc, (size_t)nd->left + 1, depth + 1);
}

int
churn_rules(const struct opts *o)
{
	struct loaded l;
	struct rulectx rc;
	size_t nc, *off, *colof, c, j;

	churn_load(o->model, &l);
	if (l.cm->algo != ALGO_TREE)
		crm_errx(2, "%s: rules need a model of --algo tree (this one "
		    "is %s)", o->model, churn_algo_word(l.cm->algo));
	nc = enc_ncols(l.enc);
	off = xcalloc(nc + 1, sizeof(*off));
	colof = xcalloc(l.cm->p + 1, sizeof(*colof));
	churn_feature_ranges(l.enc, off);
	for (c = 0; c < nc; c++)
		for (j = off[c]; j < off[c + 1]; j++)
			colof[j] = c;
	rc.l = &l;
	rc.t = l.cm->nodes;
	rc.colof = colof;
	rc.w = crm_open_output(&o->com);
	print_node(&rc, 0, 0);
	crm_close_output(rc.w);
	free(off);
	free(colof);
	churn_loaded_free(&l);
	return 0;
}
