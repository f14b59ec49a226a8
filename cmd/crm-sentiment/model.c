/*
 * model.c: the trained models of crm-sentiment.
 *
 * A document is the counts of its terms (textfeat.h: lower-cased words,
 * bigrams, negation-marked words, CJK character n-grams) hashed into
 * 2^bits buckets; the columns of a model are the buckets its training
 * documents use.  Three algorithms:
 * - nb: multinomial naive Bayes, log P(c) + sum_j x_j log theta_cj,
 *   theta_cj = (N_cj + alpha) / (N_c + alpha V), V the columns seen;
 * - logreg: L2 logistic regression (one against the rest for more than
 *   two classes) on TF-IDF rows (smooth idf, unit L2 norm);
 * - nbsvm: the same on binary features scaled by the naive-Bayes log
 *   ratio r_j = log((p_j / |p|_1) / (q_j / |q|_1)), p and q the
 *   alpha-smoothed document counts of the class and of the rest
 *   (Wang and Manning 2012), rows scaled to unit L2 norm.
 * With more than two classes the one-against-rest probabilities are
 * divided by their sum.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "model.h"
#include "text.h"
#include "ml/lbfgs.h"
#include "ml/logistic.h"
#include "ml/mfile.h"
#include "ml/order.h"
#include "ml/sparse.h"
#include "ml/textfeat.h"

#include "sentiment.h"
#include "smodel.h"

/*
 * Default inverse L2 strengths: the middle of the flat region of 5-fold
 * accuracy on amazon+yelp and waimai_10k (nbsvm: 2 to 8 within 0.3%).
 */
#define COST_NBSVM	3.0
#define COST_LOGREG	10.0

static const char *const algo_name[] = { "nbsvm", "nb", "logreg" };

struct smodel {
	enum sent_algo	 algo;
	struct tf_opts	 tf;
	size_t		 k, nw, p;	/* classes, weight vectors, columns */
	char		**cls;
	uint32_t	*bucket;	/* p */
	uint32_t	*idx;		/* 2^bits: column + 1, 0 unseen */
	double		*idf;		/* p (logreg) */
	double		*r;		/* nw x p (nbsvm) */
	double		*w;		/* nw x p */
	double		*b;		/* nw */
	int		 uselex;	/* the lexicon score is a feature */
	double		*lexw;		/* nw: its weights */
	struct lexicon	*lex;		/* the built-in lexicon */
};

struct sm_doc {
	struct textfeat	*tf;
	uint32_t	*bk;		/* buckets of the terms */
	size_t		 n, cap;
	uint32_t	*col;		/* distinct columns ... */
	double		*cnt;		/* ... and their counts */
	size_t		 m, mcap, ccap;
	double		*z;		/* nw scores */
	double		*pr;		/* k probabilities */
	struct scorer	*sc;		/* the lexicon score, or NULL */
};

int
sent_blank(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r' && p[i] != '\f' && p[i] != '\v')
			return 0;
	return 1;
}

static void
tf_from_opts(const struct sent_opts *o, struct tf_opts *t)
{
	tf_defaults(t);
	t->bigrams = o->bigrams;
	t->cjk_nmin = 1;
	t->cjk_nmax = o->cjk;
	t->bits = o->bits;
	t->sign = 0;
	t->negate = o->negate;
}

static struct sm_doc *
doc_new(const struct tf_opts *t, size_t nw, size_t k,
    const struct lexicon *lex)
{
	struct sm_doc *d = xcalloc(1, sizeof(*d));

	if (lex != NULL)
		d->sc = scorer_new(lex);
	d->tf = tf_new(t);
	d->z = xcalloc(nw, sizeof(*d->z));
	d->pr = xcalloc(k, sizeof(*d->pr));
	return d;
}

struct sm_doc *
sm_doc_new(const struct smodel *m)
{
	return doc_new(&m->tf, m->nw, m->k, m->uselex ? m->lex : NULL);
}

void
sm_doc_free(struct sm_doc *d)
{
	if (d == NULL)
		return;
	tf_free(d->tf);
	scorer_free(d->sc);
	free(d->bk);
	free(d->col);
	free(d->cnt);
	free(d->z);
	free(d->pr);
	free(d);
}

static void
on_term(const char *p, size_t len, void *arg)
{
	struct sm_doc *d = arg;
	double s;

	d->bk = xgrow(d->bk, &d->cap, d->n + 1, sizeof(*d->bk));
	d->bk[d->n++] = tf_bucket(d->tf, p, len, &s);
}

/*
 * The distinct buckets of text with their counts into d->col, d->cnt
 * (ascending), mapped through idx to columns when idx is not NULL
 * (unseen buckets dropped).
 */
static void
doc_terms(struct sm_doc *d, const uint32_t *idx, const char *text,
    size_t len)
{
	size_t i;
	uint32_t c;

	d->n = d->m = 0;
	tf_terms(d->tf, text, len, on_term, d);
	sort_u32(d->bk, d->n);
	d->col = xgrow(d->col, &d->mcap, d->n + 1, sizeof(*d->col));
	d->cnt = xgrow(d->cnt, &d->ccap, d->n + 1, sizeof(*d->cnt));
	for (i = 0; i < d->n; i++) {
		if (i > 0 && d->bk[i] == d->bk[i - 1]) {
			if (idx == NULL || idx[d->bk[i]] != 0)
				d->cnt[d->m - 1]++;
			continue;
		}
		c = d->bk[i];
		if (idx != NULL) {
			if (idx[c] == 0)
				continue;
			c = idx[c] - 1;
		}
		d->col[d->m] = c;
		d->cnt[d->m++] = 1;
	}
}

/*
 * Scores of one document (columns col, counts cnt, lexicon score lexc)
 * into d->pr.
 */
static size_t
doc_classify(const struct smodel *m, struct sm_doc *d, const uint32_t *col,
    const double *cnt, size_t nnz, double lexc)
{
	size_t c, t, best = 0;
	double norm, x, s, sum = 0;

	for (c = 0; c < m->nw; c++) {
		const double *w = m->w + c * m->p;

		norm = 0;
		s = 0;
		for (t = 0; t < nnz; t++) {
			if (m->algo == ALGO_NB)
				x = cnt[t];
			else if (m->algo == ALGO_LOGREG)
				x = cnt[t] * m->idf[col[t]];
			else
				x = m->r[c * m->p + col[t]];
			norm += x * x;
			s += x * w[col[t]];
		}
		if (m->algo != ALGO_NB && norm > 0)
			s /= sqrt(norm);
		if (m->uselex)
			s += m->lexw[c] * lexc;
		d->z[c] = m->b[c] + s;
	}
	if (m->algo == ALGO_NB) {
		s = logsumexp(d->z, m->k);
		for (c = 0; c < m->k; c++)
			d->pr[c] = exp(d->z[c] - s);
	} else if (m->nw == 1) {
		d->pr[1] = sigmoid(d->z[0]);
		d->pr[0] = sigmoid(-d->z[0]);
	} else {
		for (c = 0; c < m->k; c++)
			sum += d->pr[c] = sigmoid(d->z[c]);
		for (c = 0; c < m->k; c++)
			d->pr[c] /= sum;
	}
	for (c = 1; c < m->k; c++)
		if (d->pr[c] > d->pr[best])
			best = c;
	return best;
}

size_t
smodel_predict(const struct smodel *m, struct sm_doc *d, const char *text,
    size_t len, double *prob)
{
	size_t c;

	doc_terms(d, m->idx, text, len);
	c = doc_classify(m, d, d->col, d->cnt, d->m,
	    m->uselex ? scorer_score(d->sc, text, len) : 0);
	*prob = d->pr[c];
	return c;
}

size_t
smodel_predict_row(const struct smodel *m, const struct sm_data *D,
    size_t i, double *prob)
{
	struct sm_doc d;
	double z[512], pr[512];
	const struct csr *X = D->X;
	size_t c, lo = X->rowptr[i];

	memset(&d, 0, sizeof(d));
	d.z = m->nw <= 512 ? z : xcalloc(m->nw, sizeof(double));
	d.pr = m->k <= 512 ? pr : xcalloc(m->k, sizeof(double));
	c = doc_classify(m, &d, X->col + lo, X->val + lo,
	    X->rowptr[i + 1] - lo, m->uselex ? D->lex[i] : 0);
	*prob = d.pr[c];
	if (d.z != z)
		free(d.z);
	if (d.pr != pr)
		free(d.pr);
	return c;
}

size_t
smodel_nclass(const struct smodel *m)
{
	return m->k;
}

const char *
smodel_class(const struct smodel *m, size_t k)
{
	return m->cls[k];
}

void
smodel_free(struct smodel *m)
{
	size_t c;

	if (m == NULL)
		return;
	for (c = 0; c < m->k && m->cls != NULL; c++)
		free(m->cls[c]);
	free(m->cls);
	free(m->bucket);
	free(m->idx);
	free(m->idf);
	free(m->r);
	free(m->w);
	free(m->b);
	free(m->lexw);
	lex_free(m->lex);
	free(m);
}

/* Sort the class names and renumber y to match. */
static void
sort_classes(struct sm_data *D, struct strmap *labels, const uint32_t *raw)
{
	size_t i, j, s, *ord = xcalloc(D->k, sizeof(*ord));
	uint32_t *rank = xcalloc(D->k, sizeof(*rank));

	for (i = 0; i < D->k; i++)
		ord[i] = i;
	for (i = 1; i < D->k; i++)	/* insertion sort: few classes */
		for (j = i; j > 0 && strcmp(strmap_key(labels, ord[j - 1],
		    NULL), strmap_key(labels, ord[j], NULL)) > 0; j--) {
			s = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = s;
		}
	D->cls = xcalloc(D->k, sizeof(*D->cls));
	for (i = 0; i < D->k; i++) {
		rank[ord[i]] = (uint32_t)i;
		D->cls[i] = xstrdup(strmap_key(labels, ord[i], NULL));
	}
	for (i = 0; i < D->n; i++)
		D->y[i] = rank[raw[i]];
	free(ord);
	free(rank);
}

/* Keep only the columns in use, numbered in bucket order. */
static void
compact_columns(struct sm_data *D, size_t nbuckets)
{
	uint32_t *map = xcalloc(nbuckets, sizeof(*map));
	size_t i, p = 0, nnz = csr_nnz(D->X);

	for (i = 0; i < nnz; i++)
		map[D->X->col[i]] = 1;
	D->bucket = xcalloc(nbuckets, sizeof(*D->bucket));
	for (i = 0; i < nbuckets; i++)
		if (map[i]) {
			D->bucket[p] = (uint32_t)i;
			map[i] = (uint32_t)p++;
		}
	for (i = 0; i < nnz; i++)
		D->X->col[i] = map[D->X->col[i]];
	D->X->ncols = p;
	free(map);
}

/* One labelled row into the builder; -1 when the policy took it. */
static int
read_row(struct crm_input *in, const struct csv_row *row, long tcol,
    long lcol, struct sm_doc *d, struct csr_builder *b, uint32_t n)
{
	const char *p;
	size_t len, i;

	p = input_str(row, lcol, &len);
	if (sent_blank(p, len))
		return input_bad(in, row, lcol, "empty label");
	p = input_str(row, tcol, &len);
	if (!utf8_valid(p, len))
		return input_bad(in, row, tcol, "invalid UTF-8");
	doc_terms(d, NULL, p, len);
	for (i = 0; i < d->m; i++)
		csr_builder_add_id(b, n, d->col[i], d->cnt[i]);
	return 0;
}

int
sm_data_read(const struct sent_opts *o, struct sm_data *D)
{
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);
	struct csr_builder *b;
	struct strmap *labels;
	struct tf_opts t;
	struct sm_doc *d;
	const struct csv_row *row;
	uint32_t *raw = NULL;
	size_t cap = 0, bcap = 0, len;
	long tcol, lcol, fcol = -1;
	const char *p;
	struct strmap *folds = strmap_new();
	size_t fcap = 0, lcap = 0;
	struct lexicon *lex;

	memset(D, 0, sizeof(*D));
	if (in == NULL)
		return -1;
	tcol = input_role(in, ROLE_TEXT, INPUT_NEED);
	lcol = input_role(in, ROLE_LABEL, INPUT_NEED);
	if (o->fold_col != NULL)
		fcol = input_col(in, o->fold_col, INPUT_NEED);
	tf_from_opts(o, &t);
	lex = o->lexfeat ? lex_new(1) : NULL;
	d = doc_new(&t, 1, 1, lex);
	b = csr_builder_new(NULL, NULL);
	labels = strmap_new();
	while (input_next(in, &row)) {
		if (D->n >= UINT32_MAX - 1)
			crm_errx(1, "more than %u rows", UINT32_MAX - 2);
		if (read_row(in, row, tcol, lcol, d, b, (uint32_t)D->n) < 0)
			continue;
		raw = xgrow(raw, &cap, D->n + 1, sizeof(*raw));
		D->blank = xgrow(D->blank, &bcap, D->n + 1, 1);
		p = input_str(row, lcol, &len);
		raw[D->n] = (uint32_t)input_intern(labels, p, len, NULL, "labels");
		if (fcol >= 0) {
			D->fold = xgrow(D->fold, &fcap, D->n + 1,
			    sizeof(*D->fold));
			p = input_str(row, fcol, &len);
			D->fold[D->n] = (int)input_intern(folds, p, len, NULL,
			    "folds");
		}
		p = input_str(row, tcol, &len);
		if (d->sc != NULL) {
			D->lex = xgrow(D->lex, &lcap, D->n + 1, sizeof(*D->lex));
			D->lex[D->n] = scorer_score(d->sc, p, len);
		}
		D->blank[D->n++] = (unsigned char)sent_blank(p, len);
	}
	D->nfold = strmap_count(folds);
	strmap_free(folds);
	input_close(in);
	D->X = csr_builder_finish(b, D->n, (size_t)1 << o->bits, 0);
	compact_columns(D, (size_t)1 << o->bits);
	D->k = strmap_count(labels);
	D->y = xcalloc(D->n + 1, sizeof(*D->y));
	sort_classes(D, labels, raw);
	free(raw);
	strmap_free(labels);
	csr_builder_free(b);
	sm_doc_free(d);
	lex_free(lex);
	return 0;
}

void
sm_data_free(struct sm_data *D)
{
	size_t i;

	csr_free(D->X);
	free(D->bucket);
	free(D->y);
	free(D->blank);
	free(D->fold);
	free(D->lex);
	for (i = 0; i < D->k; i++)
		free(D->cls[i]);
	free(D->cls);
}

/* Multinomial naive Bayes on the rows in use. */
static void
fit_nb(struct smodel *m, const struct sm_data *D, const unsigned char *use,
    double alpha)
{
	const struct csr *X = D->X;
	double *tot = xcalloc(m->k, sizeof(*tot)), *nc, ntr = 0;
	size_t i, j, c, q, V = 0;

	nc = xcalloc(m->k, sizeof(*nc));
	for (i = 0; i < D->n; i++) {
		if (use != NULL && !use[i])
			continue;
		nc[D->y[i]]++;
		ntr++;
		for (q = X->rowptr[i]; q < X->rowptr[i + 1]; q++) {
			m->w[D->y[i] * m->p + X->col[q]] += X->val[q];
			tot[D->y[i]] += X->val[q];
		}
	}
	for (j = 0; j < m->p; j++) {
		for (c = 0; c < m->k && m->w[c * m->p + j] == 0; c++)
			;
		V += c < m->k;
	}
	for (j = 0; j < m->p; j++) {
		for (c = 0; c < m->k && m->w[c * m->p + j] == 0; c++)
			;
		if (c == m->k)	/* unseen: the same in every class */
			continue;
		for (c = 0; c < m->k; c++)
			m->w[c * m->p + j] = log((m->w[c * m->p + j] + alpha) /
			    (tot[c] + alpha * (double)V));
	}
	for (c = 0; c < m->k; c++)
		m->b[c] = log(nc[c] / ntr);
	free(tot);
	free(nc);
}

/* The NB log-count ratios of task t (class t, or class 1 of two). */
static void
nb_ratio(struct smodel *m, const struct sm_data *D, const unsigned char *use,
    size_t t, double alpha, double *r)
{
	const struct csr *X = D->X;
	double *q = xcalloc(m->p, sizeof(*q)), *seen, sp = 0, sq = 0;
	uint32_t pos = m->nw == 1 ? 1 : (uint32_t)t;
	size_t i, j, e;

	seen = xcalloc(m->p, sizeof(*seen));
	for (i = 0; i < D->n; i++) {
		if (use != NULL && !use[i])
			continue;
		for (e = X->rowptr[i]; e < X->rowptr[i + 1]; e++) {
			if (D->y[i] == pos)
				r[X->col[e]]++;
			else
				q[X->col[e]]++;
			seen[X->col[e]] = 1;
		}
	}
	for (j = 0; j < m->p; j++) {
		sp += r[j] += alpha;
		sq += q[j] += alpha;
	}
	for (j = 0; j < m->p; j++)
		r[j] = seen[j] ? log((r[j] / sp) / (q[j] / sq)) : 0;
	free(q);
	free(seen);
}

/* Document frequencies of the rows in use into smooth idf. */
static void
fit_idf(struct smodel *m, const struct sm_data *D, const unsigned char *use)
{
	const struct csr *X = D->X;
	double n = 0;
	size_t i, e;

	for (i = 0; i < D->n; i++) {
		if (use != NULL && !use[i])
			continue;
		n++;
		for (e = X->rowptr[i]; e < X->rowptr[i + 1]; e++)
			m->idf[X->col[e]]++;
	}
	for (i = 0; i < m->p; i++)
		m->idf[i] = log((1 + n) / (1 + m->idf[i])) + 1;
}

/*
 * The feature rows of task t: TF-IDF or NB-scaled binary, unit L2, then
 * the lexicon score in column p when the model uses it.
 */
static struct csr *
task_rows(const struct smodel *m, const struct sm_data *D, size_t t)
{
	const struct csr *X = D->X;
	struct csr *Z = csr_new(X->nrows, X->ncols + (size_t)m->uselex,
	    csr_nnz(X) + (m->uselex ? X->nrows : 0));
	size_t i, e, o = 0, lo;
	double norm;

	for (i = 0; i < X->nrows; i++) {
		lo = o;
		norm = 0;
		for (e = X->rowptr[i]; e < X->rowptr[i + 1]; e++, o++) {
			Z->col[o] = X->col[e];
			Z->val[o] = m->algo == ALGO_LOGREG ?
			    X->val[e] * m->idf[X->col[e]] :
			    m->r[t * m->p + X->col[e]];
			norm += Z->val[o] * Z->val[o];
		}
		for (e = lo; norm > 0 && e < o; e++)
			Z->val[e] /= sqrt(norm);
		if (m->uselex) {
			Z->col[o] = (uint32_t)m->p;
			Z->val[o++] = D->lex[i];
		}
		Z->rowptr[i + 1] = o;
	}
	return Z;
}

/* Logistic regression of every task (one, or one per class). */
static void
fit_logistic(struct smodel *m, const struct sent_opts *o,
    const struct sm_data *D, const unsigned char *use)
{
	struct logreg_opts lo;
	struct logreg_data ld;
	double *y = xcalloc(D->n + 1, sizeof(*y));
	double *sw = xcalloc(D->n + 1, sizeof(*sw));
	double *coef = xcalloc(m->p + 1, sizeof(*coef));
	struct csr *Z;
	size_t i, t;

	logreg_defaults(&lo);
	lo.C = o->cost > 0 ? o->cost :
	    m->algo == ALGO_LOGREG ? COST_LOGREG : COST_NBSVM;
	/* max |gradient| of the mean loss: tighter changes no decision
	 * worth the time (measured on amazon+yelp, waimai, generated) */
	lo.tol = 1e-4;
	lo.nthreads = crm_nthreads(&o->com);
	for (i = 0; i < D->n; i++)
		sw[i] = use == NULL || use[i];
	for (t = 0; t < m->nw; t++) {
		if (m->algo == ALGO_NBSVM)
			nb_ratio(m, D, use, t, o->alpha, m->r + t * m->p);
		Z = task_rows(m, D, t);
		for (i = 0; i < D->n; i++)
			y[i] = D->y[i] == (m->nw == 1 ? 1 : t);
		memset(&ld, 0, sizeof(ld));
		ld.n = D->n;
		ld.p = m->p + (size_t)m->uselex;
		ld.Xs = Z;
		ld.y = y;
		ld.sw = sw;
		(void)logreg_fit(&ld, &lo, coef, m->b + t, NULL);
		memcpy(m->w + t * m->p, coef, m->p * sizeof(*coef));
		if (m->uselex)
			m->lexw[t] = coef[m->p];
		csr_free(Z);
	}
	free(y);
	free(sw);
	free(coef);
}

struct smodel *
smodel_fit(const struct sent_opts *o, const struct sm_data *D,
    const unsigned char *use)
{
	struct smodel *m = xcalloc(1, sizeof(*m));
	size_t c;

	m->algo = o->algo;
	tf_from_opts(o, &m->tf);
	m->k = D->k;
	m->p = D->X->ncols;
	m->nw = m->k == 2 && m->algo != ALGO_NB ? 1 : m->k;
	m->cls = xcalloc(m->k, sizeof(*m->cls));
	for (c = 0; c < m->k; c++)
		m->cls[c] = xstrdup(D->cls[c]);
	m->bucket = xcalloc(m->p + 1, sizeof(*m->bucket));
	memcpy(m->bucket, D->bucket, m->p * sizeof(*m->bucket));
	m->w = xcalloc(m->nw * m->p + 1, sizeof(*m->w));
	m->b = xcalloc(m->nw, sizeof(*m->b));
	m->uselex = o->lexfeat && m->algo != ALGO_NB;
	m->lexw = xcalloc(m->nw, sizeof(*m->lexw));
	if (m->uselex)
		m->lex = lex_new(1);
	if (m->algo == ALGO_NB) {
		fit_nb(m, D, use, o->alpha);
		return m;
	}
	if (m->algo == ALGO_LOGREG) {
		m->idf = xcalloc(m->p + 1, sizeof(*m->idf));
		fit_idf(m, D, use);
	} else
		m->r = xcalloc(m->nw * m->p + 1, sizeof(*m->r));
	fit_logistic(m, o, D, use);
	return m;
}

/* An array record of nw vectors of p: KEY0, KEY1, ... */
static void
put_vectors(struct model_writer *w, const char *key, const double *v,
    size_t nw, size_t p)
{
	char name[32];
	size_t t;

	for (t = 0; t < nw; t++) {
		snprintf(name, sizeof(name), "%s%zu", key, t);
		mfile_put_array(w, name, v + t * p, p);
	}
}

void
smodel_save_or_die(const struct smodel *m, const char *path)
{
	struct model_writer *w;
	double *bk = xcalloc(m->p + 1, sizeof(*bk));
	size_t j;

	if ((w = model_create(path, "crm-sentiment", algo_name[m->algo])) ==
	    NULL)
		crm_err(1, "%s", path);
	model_put(w, "bits", "%d", m->tf.bits);
	model_put(w, "bigrams", "%d", m->tf.bigrams);
	model_put(w, "cjk", "%d", m->tf.cjk_nmax);
	model_put(w, "negate", "%d", m->tf.negate);
	model_put(w, "lexicon", "%d", m->uselex);
	mfile_put_strings(w, "classes", (const char *const *)m->cls, NULL,
	    m->k);
	for (j = 0; j < m->p; j++)
		bk[j] = m->bucket[j];
	mfile_put_array(w, "bucket", bk, m->p);
	free(bk);
	mfile_put_array(w, "intercept", m->b, m->nw);
	if (m->idf != NULL)
		mfile_put_array(w, "idf", m->idf, m->p);
	if (m->r != NULL)
		put_vectors(w, "ratio", m->r, m->nw, m->p);
	if (m->uselex)
		mfile_put_array(w, "lexicon_weight", m->lexw, m->nw);
	put_vectors(w, "weight", m->w, m->nw, m->p);
	if (model_close(w) < 0)
		crm_err(1, "%s", path);
}

/* An integer setting within [lo, hi]; -1 when absent or not that. */
static int
get_int(const struct model *f, const char *key, int lo, int hi, int *v)
{
	double d;

	if (model_get_double(f, key, &d) < 0 || d != floor(d) || d < lo ||
	    d > hi)
		return -1;
	*v = (int)d;
	return 0;
}

/* Read nw vectors of p into a new array; -1 when one is bad. */
static int
get_vectors(const struct model *f, const char *key, size_t nw, size_t p,
    double **out)
{
	char name[32];
	size_t t;

	*out = xcalloc(nw * p + 1, sizeof(**out));
	for (t = 0; t < nw; t++) {
		snprintf(name, sizeof(name), "%s%zu", key, t);
		if (mfile_get_array_n(f, name, *out + t * p, p) < 0)
			return -1;
	}
	return 0;
}

/* The columns: buckets ascending below 2^bits, and their index. */
static int
get_buckets(const struct model *f, struct smodel *m)
{
	size_t j, n, nb = (size_t)1 << m->tf.bits;
	double *bk = mfile_get_array(f, "bucket", &n);

	if (bk == NULL)
		return -1;
	m->p = n;
	m->bucket = xcalloc(n + 1, sizeof(*m->bucket));
	m->idx = xcalloc(nb, sizeof(*m->idx));
	for (j = 0; j < n; j++) {
		if (bk[j] != floor(bk[j]) || bk[j] < 0 || bk[j] >= (double)nb ||
		    (j > 0 && bk[j] <= bk[j - 1])) {
			free(bk);
			return -1;
		}
		m->bucket[j] = (uint32_t)bk[j];
		m->idx[m->bucket[j]] = (uint32_t)j + 1;
	}
	free(bk);
	return 0;
}

/* Everything after the header; -1 for a malformed model. */
static int
load_body(const struct model *f, struct smodel *m)
{
	struct mfile_strs *cls;
	size_t c;

	tf_defaults(&m->tf);
	m->tf.sign = 0;
	m->tf.cjk_nmin = 1;
	if (get_int(f, "bits", 4, 28, &m->tf.bits) < 0 ||
	    get_int(f, "bigrams", 0, 1, &m->tf.bigrams) < 0 ||
	    get_int(f, "cjk", 1, 5, &m->tf.cjk_nmax) < 0 ||
	    get_int(f, "negate", 0, 1, &m->tf.negate) < 0 ||
	    get_int(f, "lexicon", 0, 1, &m->uselex) < 0)
		return -1;
	if ((cls = mfile_get_strings(f, "classes", NULL)) == NULL)
		return -1;
	m->k = cls->n;
	m->cls = xcalloc(m->k + 1, sizeof(*m->cls));
	for (c = 0; c < m->k; c++)
		m->cls[c] = xstrdup(cls->s[c]);
	mfile_strs_free(cls);
	if (m->k < 2 || get_buckets(f, m) < 0)
		return -1;
	m->nw = m->k == 2 && m->algo != ALGO_NB ? 1 : m->k;
	m->b = xcalloc(m->nw, sizeof(*m->b));
	if (mfile_get_array_n(f, "intercept", m->b, m->nw) < 0)
		return -1;
	m->lexw = xcalloc(m->nw, sizeof(*m->lexw));
	if (m->uselex) {
		if (m->algo == ALGO_NB ||
		    mfile_get_array_n(f, "lexicon_weight", m->lexw, m->nw) < 0)
			return -1;
		m->lex = lex_new(1);
	}
	if (m->algo == ALGO_LOGREG) {
		m->idf = xcalloc(m->p + 1, sizeof(*m->idf));
		if (mfile_get_array_n(f, "idf", m->idf, m->p) < 0)
			return -1;
	}
	if (m->algo == ALGO_NBSVM &&
	    get_vectors(f, "ratio", m->nw, m->p, &m->r) < 0)
		return -1;
	return get_vectors(f, "weight", m->nw, m->p, &m->w);
}

struct smodel *
smodel_load_or_die(const char *path)
{
	char err[512];
	struct model *f = model_load(path, "crm-sentiment", err, sizeof(err));
	struct smodel *m;
	const char *a;
	size_t i;

	if (f == NULL)
		crm_errx(2, "%s", err);
	m = xcalloc(1, sizeof(*m));
	a = model_algorithm(f);
	for (i = 0; i < 3 && strcmp(a, algo_name[i]) != 0; i++)
		;
	m->algo = (enum sent_algo)i;
	if (i == 3 || load_body(f, m) < 0) {
		smodel_free(m);
		model_free(f);
		crm_errx(2, "%s: corrupted model (bad or missing %s)", path,
		    i == 3 ? "algorithm" : "record");
	}
	model_free(f);
	return m;
}
