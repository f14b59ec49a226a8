/*
 * evalcmd.c: train, eval and cv: a model from labelled text, and the
 * figures of a model on labelled text or of k-fold cross-validation
 * (accuracy, macro-F1, per-class precision, recall, F1 and support,
 * the confusion matrix) as a long CSV table metric,class,predicted,value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "text.h"
#include "ml/eval.h"

#include "sentiment.h"
#include "smodel.h"

int
sent_train(const struct sent_opts *o)
{
	struct sm_data D;
	struct smodel *m;

	if (sm_data_read(o, &D) < 0)
		crm_errx(1, "no labelled rows to train on");
	if (D.k < 2) {
		sm_data_free(&D);
		crm_errx(1, "train needs two labels or more (have %zu)", D.k);
	}
	m = smodel_fit(o, &D, NULL);
	smodel_save_or_die(m, o->model);
	smodel_free(m);
	sm_data_free(&D);
	return 0;
}

static void
put_row(struct csv_writer *w, const char *metric, const char *cls,
    const char *pred, double v)
{
	csv_put_str(w, metric);
	csv_put_str(w, cls);
	csv_put_str(w, pred);
	csv_put_num(w, v);
	if (csv_end_row(w) < 0)
		crm_err(1, "%s", csv_writer_path(w));
}

/* The table of figures of pred against y (class names in names). */
static void
put_metrics(const struct sent_opts *o, const struct strmap *names,
    const uint32_t *y, const uint32_t *pred, size_t n, const double *fold,
    size_t nfold)
{
	size_t k = strmap_count(names), c, d, sup;
	size_t *cm = xcalloc(k * k + 1, sizeof(*cm));
	double *pr = xcalloc(k + 1, sizeof(*pr)), *re = xcalloc(k + 1,
	    sizeof(*re));
	double acc = 0, f1 = 0;
	struct csv_writer *w = crm_open_output(&o->com);
	char num[32];

	if (n > 0) {
		eval_confusion(y, pred, n, k, cm);
		eval_multiclass(cm, k, &acc, &f1, pr, re);
	}
	csv_put_str(w, "metric");
	csv_put_str(w, "class");
	csv_put_str(w, "predicted");
	csv_put_str(w, "value");
	csv_end_row(w);
	if (n == 0)	/* a header alone gives the header alone */
		k = 0;
	if (n > 0) {
		put_row(w, "rows", "", "", (double)n);
		put_row(w, "accuracy", "", "", acc);
		put_row(w, "macro_f1", "", "", f1);
	}
	for (c = 0; c < k; c++) {
		const char *s = strmap_key(names, c, NULL);

		for (sup = 0, d = 0; d < k; d++)
			sup += cm[c * k + d];
		put_row(w, "precision", s, "", pr[c]);
		put_row(w, "recall", s, "", re[c]);
		put_row(w, "f1", s, "", pr[c] + re[c] > 0 ?
		    2 * pr[c] * re[c] / (pr[c] + re[c]) : 0);
		put_row(w, "support", s, "", (double)sup);
	}
	for (c = 0; c < k; c++)
		for (d = 0; d < k; d++)
			put_row(w, "confusion", strmap_key(names, c, NULL),
			    strmap_key(names, d, NULL), (double)cm[c * k + d]);
	for (c = 0; fold != NULL && c < nfold; c++) {
		snprintf(num, sizeof(num), "%zu", c + 1);
		put_row(w, "fold_accuracy", num, "", fold[c]);
	}
	crm_close_output(w);
	free(cm);
	free(pr);
	free(re);
}

static uint32_t
class_id(struct strmap *names, const char *s, size_t len)
{
	size_t id = strmap_intern(names, s, len, NULL);

	if (id == STRMAP_FULL)
		crm_errx(1, "too many distinct labels");
	return (uint32_t)id;
}

int
sent_eval(const struct sent_opts *o)
{
	struct smodel *m = smodel_load_or_die(o->model);
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);
	struct strmap *names = strmap_new();
	struct sm_doc *d = sm_doc_new(m);
	uint32_t *y = NULL, *pred = NULL;
	const struct csv_row *row;
	size_t n = 0, cy = 0, cp = 0, c, len, tl;
	const char *p, *t;
	long tcol, lcol;
	double prob;

	for (c = 0; c < smodel_nclass(m); c++)
		class_id(names, smodel_class(m, c), strlen(smodel_class(m, c)));
	if (in != NULL) {
		tcol = input_role(in, ROLE_TEXT, INPUT_NEED);
		lcol = input_role(in, ROLE_LABEL, INPUT_NEED);
		while (input_next(in, &row)) {
			p = input_str(row, lcol, &len);
			t = input_str(row, tcol, &tl);
			if (sent_blank(p, len)) {
				input_bad(in, row, lcol, "empty label");
				continue;
			}
			if (!utf8_valid(t, tl)) {
				input_bad(in, row, tcol, "invalid UTF-8");
				continue;
			}
			y = xgrow(y, &cy, n + 1, sizeof(*y));
			pred = xgrow(pred, &cp, n + 1, sizeof(*pred));
			y[n] = class_id(names, p, len);
			c = smodel_predict(m, d, t, tl, &prob);
			pred[n++] = sent_blank(t, tl) ?
			    class_id(names, "neutral", 7) :
			    class_id(names, smodel_class(m, c),
			    strlen(smodel_class(m, c)));
		}
		input_close(in);
		put_metrics(o, names, y, pred, n, NULL, 0);
	}
	free(y);
	free(pred);
	strmap_free(names);
	sm_doc_free(d);
	smodel_free(m);
	return 0;
}

int
sent_cv(const struct sent_opts *o)
{
	struct sm_data D;
	struct strmap *names;
	struct smodel *m;
	uint32_t *pred;
	unsigned char *use;
	double *acc, prob;
	size_t i, c, nf, ok, nfold;
	int *fold, f;

	if (sm_data_read(o, &D) < 0)
		return 0;
	names = strmap_new();
	if (D.n == 0) {
		put_metrics(o, names, NULL, NULL, 0, NULL, 0);
		strmap_free(names);
		sm_data_free(&D);
		return 0;
	}
	nfold = D.fold != NULL ? D.nfold : (size_t)o->folds;
	if (D.k < 2 || D.n < nfold || nfold < 2) {
		sm_data_free(&D);
		strmap_free(names);
		crm_errx(1, "cv needs two labels or more, two folds or more "
		    "and a row per fold");
	}
	for (c = 0; c < D.k; c++)
		class_id(names, D.cls[c], strlen(D.cls[c]));
	fold = xcalloc(D.n, sizeof(*fold));
	use = xcalloc(D.n, 1);
	pred = xcalloc(D.n, sizeof(*pred));
	acc = xcalloc(nfold, sizeof(*acc));
	if (D.fold != NULL)
		memcpy(fold, D.fold, D.n * sizeof(*fold));
	else
		split_kfold(D.y, D.n, D.k, o->folds, o->com.seed, fold);
	for (f = 0; f < (int)nfold; f++) {
		for (i = 0; i < D.n; i++)
			use[i] = fold[i] != f;
		m = smodel_fit(o, &D, use);
		for (i = nf = ok = 0; i < D.n; i++) {
			if (use[i])
				continue;
			pred[i] = D.blank[i] ? class_id(names, "neutral", 7) :
			    (uint32_t)smodel_predict_row(m, &D, i, &prob);
			nf++;
			ok += pred[i] == D.y[i];
		}
		acc[f] = nf > 0 ? (double)ok / (double)nf : 0;
		smodel_free(m);
	}
	put_metrics(o, names, D.y, pred, D.n, acc, nfold);
	free(fold);
	free(use);
	free(pred);
	free(acc);
	strmap_free(names);
	sm_data_free(&D);
	return 0;
}
