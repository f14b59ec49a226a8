/*
 * train.c: the subcommands that learn: train (fit and write a model)
 * and cv (stratified k-fold cross-validation of a configuration).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "model.h"
#include "progress.h"
#include "ml/encode.h"
#include "ml/eval.h"

#include "churn.h"

static void
say_fit(const struct opts *o, const struct dataset *d,
    const struct churn_model *m)
{
	if (o->com.quiet)
		return;
	switch (m->algo) {
	case ALGO_FOREST:
		crm_warnx("forest of %zu trees on %zu rows, %zu features: "
		    "out-of-bag AUC %.4f", m->ntrees, d->n, d->p, m->oob_auc);
		break;
	case ALGO_GBT:
		crm_warnx("gbt: %zu rounds kept on %zu rows, %zu features",
		    m->ntrees, d->n, d->p);
		break;
	case ALGO_TREE:
		crm_warnx("tree of %zu nodes on %zu rows, %zu features",
		    m->start[1], d->n, d->p);
		break;
	default:
		crm_warnx("logreg on %zu rows, %zu features", d->n, d->p);
	}
}

int
churn_train(const struct opts *o)
{
	struct dataset d;
	struct churn_model *m;
	struct model_writer *w;
	const char *labcol = o->com.role[ROLE_LABEL];

	churn_read_train(o, &d);
	m = churn_fit(o, &d, NULL, 0, crm_show_progress(&o->com));
	w = model_create(o->model, "crm-churn", churn_algo_word(m->algo));
	if (w == NULL)
		crm_err(1, "%s", o->model);
	model_put(w, "label.column", "%s", labcol);
	label_save(d.lab, w, "label");
	enc_save(d.enc, w, "enc");
	churn_model_save(m, w);
	if (model_close(w) != 0)
		crm_err(1, "%s", o->model);
	say_fit(o, &d, m);
	churn_model_free(m);
	churn_dataset_free(&d);
	return 0;
}

/* One fold: fit on the other folds, metrics on this one. */
static void
cv_fold(const struct opts *o, const struct dataset *d, const int *fold,
    int f, double *met)
{
	size_t *tr = xcalloc(d->n + 1, sizeof(*tr)), ntr = 0, nte = 0, i;
	double *X = xcalloc(d->n * d->p + 1, sizeof(*X));
	double *y = xcalloc(d->n + 1, sizeof(*y));
	double *p = xcalloc(d->n + 1, sizeof(*p));
	struct churn_model *m;
	size_t cm[4];

	for (i = 0; i < d->n; i++) {
		if (fold[i] != f) {
			tr[ntr++] = i;
			continue;
		}
		memcpy(X + nte * d->p, d->X + i * d->p, d->p * sizeof(*X));
		y[nte++] = d->y[i];
	}
	m = churn_fit(o, d, tr, ntr, 0);
	churn_predict_rows(m, X, nte, d->p, p, crm_nthreads(&o->com));
	churn_metrics(y, p, nte, o->threshold, met, cm);
	churn_model_free(m);
	free(tr);
	free(X);
	free(y);
	free(p);
}

static void
cv_write(const struct opts *o, const double *met, int k)
{
	struct csv_writer *w = crm_open_output(&o->com);
	double mean, sd;
	char buf[160];
	int j, f;
	int n;

	if (!o->text) {
		csv_put_str(w, "metric");
		csv_put_str(w, "mean");
		csv_put_str(w, "sd");
		csv_end_row(w);
	}
	for (j = 0; j < MET_COUNT; j++) {
		for (mean = 0, f = 0; f < k; f++)
			mean += met[f * MET_COUNT + j];
		mean /= k;
		for (sd = 0, f = 0; f < k; f++)
			sd += (met[f * MET_COUNT + j] - mean) *
			    (met[f * MET_COUNT + j] - mean);
		sd = sqrt(sd / (k - 1));
		if (o->text) {
			n = snprintf(buf, sizeof(buf), "%-10s %.4f +- %.4f\n",
			    churn_metric_name(j), mean, sd);
			csv_put_raw(w, buf, (size_t)n);
			continue;
		}
		csv_put_str(w, churn_metric_name(j));
		csv_put_num(w, mean);
		csv_put_num(w, sd);
		csv_end_row(w);
	}
	crm_close_output(w);
}

/* Stratified k-fold cross-validation: mean and sd of each metric. */
int
churn_cv(const struct opts *o)
{
	struct dataset d;
	uint32_t *cls;
	int *fold, f;
	double *met;
	size_t i;
	struct progress *pr;

	churn_read_train(o, &d);
	if (d.n < (size_t)o->k)
		crm_errx(1, "%zu rows are too few for %d folds", d.n, o->k);
	cls = xcalloc(d.n, sizeof(*cls));
	fold = xcalloc(d.n, sizeof(*fold));
	met = xcalloc((size_t)o->k * MET_COUNT, sizeof(*met));
	for (i = 0; i < d.n; i++)
		cls[i] = d.y[i] != 0;
	split_kfold(cls, d.n, 2, o->k, churn_seed(o), fold);
	pr = progress_new("folds", (uint64_t)o->k, crm_show_progress(&o->com));
	for (f = 0; f < o->k; f++) {
		cv_fold(o, &d, fold, f, met + (size_t)f * MET_COUNT);
		progress_set(pr, (uint64_t)f + 1);
	}
	progress_free(pr);
	cv_write(o, met, o->k);
	free(cls);
	free(fold);
	free(met);
	churn_dataset_free(&d);
	return 0;
}
