/*
 * fit.c: fit, apply, save and load a churn model of any algorithm.
 * Logistic regression is common/ml/logistic.h on the standardised
 * features; the trees are tree.c's, grown one (tree), many on
 * bootstraps (forest.c) or by boosting (gbt.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "err.h"
#include "model.h"
#include "num.h"
#include "par.h"
#include "rng.h"
#include "ml/lbfgs.h"
#include "ml/logistic.h"
#include "ml/mfile.h"

#include "churn.h"

static const char *const algo_words[] = { "logistic", "forest", "tree",
	"gbt", NULL };

static void
fit_logreg(const struct opts *o, const struct dataset *d,
    const size_t *rows, size_t n, struct churn_model *m)
{
	double *X = xcalloc(n * d->p + 1, sizeof(*X));
	double *y = xcalloc(n + 1, sizeof(*y));
	double *sw = xcalloc(n + 1, sizeof(*sw)), cw[2];
	struct logreg_data ld;
	struct logreg_opts lo;
	struct lbfgs_info info;
	size_t i;

	churn_class_weights(o, d, rows, n, cw);
	for (i = 0; i < n; i++) {
		memcpy(X + i * d->p, d->X + rows[i] * d->p,
		    d->p * sizeof(*X));
		y[i] = d->y[rows[i]];
		sw[i] = cw[y[i] != 0];
	}
	memset(&ld, 0, sizeof(ld));
	ld.n = n;
	ld.p = d->p;
	ld.X = X;
	ld.y = y;
	ld.sw = o->balanced ? sw : NULL;
	logreg_defaults(&lo);
	lo.C = o->C;
	lo.newton = d->p <= 200;
	lo.nthreads = crm_nthreads(&o->com);
	m->algo = ALGO_LOGREG;
	m->coef = xcalloc(d->p + 1, sizeof(*m->coef));
	if (logreg_fit(&ld, &lo, m->coef, &m->b0, &info) != 0 &&
	    !o->com.quiet)
		crm_warnx("logistic regression did not converge in %d "
		    "iterations (try a smaller --C)", lo.maxit);
	free(X);
	free(y);
	free(sw);
}

static void
fit_tree(const struct opts *o, const struct dataset *d, const size_t *rows,
    size_t n, const struct binned *bd, struct churn_model *m)
{
	struct tree_par tp = { 0, o->max_depth, o->min_leaf, (int)d->p, 0, 0,
	    crm_nthreads(&o->com), 1 };
	struct tree_ws *ws = tree_ws_new(d->n, d->p);
	size_t *idx = xcalloc(n + 1, sizeof(*idx)), i, nn, f;
	double *ab = xcalloc(2 * d->n + 1, sizeof(*ab));
	double cw[2], s;
	struct rng r;

	churn_class_weights(o, d, rows, n, cw);
	for (i = 0; i < n; i++) {
		idx[i] = rows[i];
		ab[2 * rows[i]] = cw[d->y[rows[i]] != 0];
		ab[2 * rows[i] + 1] = d->y[rows[i]] != 0 ? ab[2 * rows[i]] : 0;
	}
	rng_seed(&r, churn_seed(o));
	m->algo = ALGO_TREE;
	m->ntrees = 1;
	m->start = xcalloc(2, sizeof(*m->start));
	m->importance = xcalloc(d->p + 1, sizeof(*m->importance));
	tree_grow(bd, &tp, ws, idx, n, ab, &r, &m->nodes, &nn,
	    m->importance);
	m->start[1] = nn;
	for (s = 0, f = 0; f < d->p; f++)
		s += m->importance[f];
	for (f = 0; s > 0 && f < d->p; f++)
		m->importance[f] /= s;
	tree_ws_free(ws);
	free(idx);
	free(ab);
}

/*
 * Fit the algorithm of o on rows[0..n) of d (every row when rows is
 * NULL).  Progress on stderr when progress is set.
 */
struct churn_model *
churn_fit(const struct opts *o, const struct dataset *d, const size_t *rows,
    size_t n, int progress)
{
	struct churn_model *m = xcalloc(1, sizeof(*m));
	size_t *all = NULL, i;
	struct binned bd;

	if (rows == NULL) {
		all = xcalloc(d->n + 1, sizeof(*all));
		for (i = 0; i < d->n; i++)
			all[i] = i;
		rows = all;
		n = d->n;
	}
	m->p = d->p;
	m->oob_auc = NAN;
	if (o->algo == ALGO_LOGREG)
		fit_logreg(o, d, rows, n, m);
	else {
		churn_bin(d->X, d->n, d->p, rows, n, o->bins, &bd);
		if (o->algo == ALGO_TREE)
			fit_tree(o, d, rows, n, &bd, m);
		else if (o->algo == ALGO_FOREST) {
			churn_bin_rowmajor(&bd);
			churn_forest(o, d, rows, n, &bd, m, progress);
		} else {
			churn_bin_rows(&bd, crm_nthreads(&o->com));
			churn_gbt(o, d, rows, n, &bd, m, progress);
		}
		churn_binned_free(&bd);
	}
	free(all);
	churn_model_prepare(m);
	return m;
}

/* Node i (local index li in its tree) on ranks. */
static void
rank_node(struct churn_model *m, size_t i, size_t li)
{
	const struct tnode *nd = &m->nodes[i];
	size_t a, b, mid, f;

	if (nd->feat < 0) {
		/* stays: no rank is above 255 */
		m->qn[i].leaf = 1;
		m->qn[i].rank = 255;
		m->qn[i].left = (uint32_t)li;
		return;
	}
	f = (size_t)nd->feat;
	for (a = m->qoff[f], b = m->qoff[f + 1]; a < b;) {
		mid = a + (b - a) / 2;
		if (m->qthr[mid] < nd->thr)
			a = mid + 1;
		else
			b = mid;
	}
	m->qn[i].feat = (uint16_t)f;
	m->qn[i].rank = (uint8_t)(a - m->qoff[f]);
	m->qn[i].left = (uint32_t)nd->left;
}

/*
 * Walks on ranks: each feature's distinct split thresholds sorted, and
 * the nodes with the rank of their threshold.  Not made (qn NULL) when
 * a feature has more than 255 thresholds, a threshold is NaN or there
 * are too many features.
 */
static void
prepare_ranks(struct churn_model *m, size_t total)
{
	size_t i, f, k, tr, *fill;
	double *t;

	if (m->p > 65535)
		return;
	m->qoff = xcalloc(m->p + 2, sizeof(*m->qoff));
	for (i = 0; i < total; i++) {
		if (m->nodes[i].feat < 0)
			continue;
		if (isnan(m->nodes[i].thr))
			goto fail;
		m->qoff[m->nodes[i].feat + 1]++;
	}
	for (f = 0; f < m->p; f++)
		m->qoff[f + 1] += m->qoff[f];
	m->qthr = xcalloc(m->qoff[m->p] + 1, sizeof(*m->qthr));
	fill = xcalloc(m->p + 1, sizeof(*fill));
	for (i = 0; i < total; i++)
		if (m->nodes[i].feat >= 0) {
			f = (size_t)m->nodes[i].feat;
			m->qthr[m->qoff[f] + fill[f]++] = m->nodes[i].thr;
		}
	free(fill);
	/* sorted and distinct, in place (qoff[f] set once read) */
	for (k = 0, f = 0; f < m->p; f++) {
		size_t lo = m->qoff[f], hi = m->qoff[f + 1], start = k;

		t = m->qthr + lo;
		qsort(t, hi - lo, sizeof(*t), num_cmp);
		for (i = lo; i < hi; i++)
			if (i == lo || m->qthr[i] != m->qthr[i - 1])
				m->qthr[k++] = m->qthr[i];
		m->qoff[f] = start;
		if (k - start > 255)
			goto fail;
	}
	m->qoff[m->p] = k;
	m->qn = xcalloc(total + 1, sizeof(*m->qn));
	for (tr = 0; tr < m->ntrees; tr++)
		for (i = m->start[tr]; i < m->start[tr + 1]; i++)
			rank_node(m, i, i - m->start[tr]);
	return;
fail:
	free(m->qoff);
	free(m->qthr);
	m->qoff = NULL;
	m->qthr = NULL;
}

/* The compact nodes that prediction walks (half the memory). */
void
churn_model_prepare(struct churn_model *m)
{
	size_t i, total;

	if (m->algo == ALGO_LOGREG || m->en != NULL)
		return;
	total = m->start[m->ntrees];
	m->en = xcalloc(total + 1, sizeof(*m->en));
	for (i = 0; i < total; i++) {
		m->en[i].feat = m->nodes[i].feat;
		m->en[i].left = m->nodes[i].left;
		m->en[i].v = m->nodes[i].feat >= 0 ? m->nodes[i].thr :
		    m->nodes[i].value;
	}
	prepare_ranks(m, total);
}

/* One row of ranks down tree tr of a model with ranks. */
double
qnode_eval(const struct churn_model *m, size_t tr, const uint8_t *r)
{
	const struct qnode *q = m->qn + m->start[tr];
	size_t i = 0;

	while (!q[i].leaf)
		i = q[i].left + (r[q[i].feat] > q[i].rank);
	return m->en[m->start[tr] + i].v;
}

double
enode_eval(const struct enode *t, const double *x)
{
	size_t i = 0;

	while (t[i].feat >= 0)
		i = (size_t)t[i].left + (x[t[i].feat] <= t[i].v ? 0 : 1);
	return t[i].v;
}

/*
 * Eight rows down one tree in lockstep, so that their loads overlap
 * (a walk down a tree is a chain of dependent loads); each row's value
 * is added to its sum.
 */
static void
eval8(const struct enode *t, const double *X, size_t p, double *s)
{
	size_t at[8] = { 0 }, r;
	int busy = 1;

	while (busy) {
		busy = 0;
		for (r = 0; r < 8; r++) {
			const struct enode *nd = t + at[r];

			if (nd->feat < 0)
				continue;
			at[r] = (size_t)nd->left +
			    (X[r * p + (size_t)nd->feat] <= nd->v ? 0 : 1);
			busy = 1;
		}
	}
	for (r = 0; r < 8; r++)
		s[r] += t[at[r]].v;
}

/* The probability of a tree model from the sum of its trees. */
static double
tree_prob(const struct churn_model *m, double s)
{
	if (m->algo == ALGO_GBT)
		return sigmoid(s);
	return m->ntrees > 0 ? s / (double)m->ntrees : 0.5;
}

#define BLOCK	2048

/*
 * Eight rows of ranks (r[k]: row k's) down tree tr of a model with
 * ranks in lockstep, their leaves' values into v: as eight calls of
 * qnode_eval, but without a branch per step (a leaf's step leaves a
 * row where it is: its left is itself, its rank 255) and with the
 * eight positions in registers, so that their loads overlap.
 */
#define QSTEP(a, k) \
	(a = q[a].left + (r[k][q[a].feat] > q[a].rank), leaves &= q[a].leaf)
void
qnode_eval8(const struct churn_model *m, size_t tr,
    const uint8_t *const *r, double *v)
{
	const struct qnode *q = m->qn + m->start[tr];
	const struct enode *t = m->en + m->start[tr];
	uint32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0,
	    a7 = 0, leaves;

	do {
		leaves = 1;
		QSTEP(a0, 0); QSTEP(a1, 1); QSTEP(a2, 2); QSTEP(a3, 3);
		QSTEP(a4, 4); QSTEP(a5, 5); QSTEP(a6, 6); QSTEP(a7, 7);
	} while (!leaves);
	v[0] = t[a0].v; v[1] = t[a1].v; v[2] = t[a2].v; v[3] = t[a3].v;
	v[4] = t[a4].v; v[5] = t[a5].v; v[6] = t[a6].v; v[7] = t[a7].v;
}
#undef QSTEP

/*
 * The same for rows of at most QSTRIDE features whose ranks lie
 * QSTRIDE bytes apart from base, sixteen rows (their leaves' values
 * added to s[0..16)): the rows' bytes are at constant offsets from one
 * pointer, so that the sixteen positions need no row pointers beside
 * them (half the work per step of qnode_eval8's).
 */
#define QSTRIDE	64
#define QSTEPS(a, k) \
	(a = q[a].left + (base[(k) * QSTRIDE + q[a].feat] > q[a].rank), \
	leaves &= q[a].leaf)
static void
qnode_eval16s(const struct churn_model *m, size_t tr, const uint8_t *base,
    double *s)
{
	const struct qnode *q = m->qn + m->start[tr];
	const struct enode *t = m->en + m->start[tr];
	uint32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0,
	    a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0,
	    a14 = 0, a15 = 0, leaves;

	do {
		leaves = 1;
		QSTEPS(a0, 0); QSTEPS(a1, 1); QSTEPS(a2, 2); QSTEPS(a3, 3);
		QSTEPS(a4, 4); QSTEPS(a5, 5); QSTEPS(a6, 6); QSTEPS(a7, 7);
		QSTEPS(a8, 8); QSTEPS(a9, 9); QSTEPS(a10, 10);
		QSTEPS(a11, 11); QSTEPS(a12, 12); QSTEPS(a13, 13);
		QSTEPS(a14, 14); QSTEPS(a15, 15);
	} while (!leaves);
	s[0] += t[a0].v; s[1] += t[a1].v; s[2] += t[a2].v; s[3] += t[a3].v;
	s[4] += t[a4].v; s[5] += t[a5].v; s[6] += t[a6].v; s[7] += t[a7].v;
	s[8] += t[a8].v; s[9] += t[a9].v; s[10] += t[a10].v;
	s[11] += t[a11].v; s[12] += t[a12].v; s[13] += t[a13].v;
	s[14] += t[a14].v; s[15] += t[a15].v;
}
#undef QSTEPS

/* The rank of each value of the rows X[rows[i] * p ..] (rows NULL: row
 * i) into R (k x p): the thresholds of its feature below it (255 for
 * NaN, which goes right everywhere). */
void
churn_rank_rows(const struct churn_model *m, const double *X, size_t p,
    const size_t *rows, size_t k, uint8_t *R)
{
	const double *t;
	size_t i, f, a, b, n, row;
	double x;

	for (i = 0; i < k; i++)
		for (f = 0, row = rows != NULL ? rows[i] : i; f < p; f++) {
			x = X[row * p + f];
			t = m->qthr + m->qoff[f];
			n = m->qoff[f + 1] - m->qoff[f];
			for (a = 0, b = n; b > 1; b -= b / 2)
				a = t[a + b / 2] < x ? a + b / 2 : a;
			a += n > 0 && t[a] < x;
			R[i * p + f] = isnan(x) ? 255 : (uint8_t)a;
		}
}

/*
 * Rows lo..hi of X through every tree, a block of rows per tree so
 * that a tree stays in the cache; each row's sum is made in tree order,
 * as churn_predict_row makes it.  On ranks when the model has them
 * (a node of 8 bytes, a row of p bytes: the same comparisons).
 */
static void
predict_block(const struct churn_model *m, const double *X, size_t p,
    size_t lo, size_t hi, double *out)
{
	double *s = xcalloc(BLOCK, sizeof(*s)), v[8];
	const uint8_t *rr[8];
	const struct enode *t;
	uint8_t *R = m->qn != NULL ?
	    xcalloc(BLOCK * (p > QSTRIDE ? p : QSTRIDE) + 1, 1) : NULL;
	size_t b, i, k, tr, q;

	for (b = lo; b < hi; b += BLOCK) {
		k = hi - b < BLOCK ? hi - b : BLOCK;
		for (i = 0; i < k; i++)
			s[i] = m->algo == ALGO_GBT ? m->base : 0;
		if (R != NULL && p <= QSTRIDE)
			for (i = 0; i < k; i++)
				churn_rank_rows(m, X + (b + i) * p, p, NULL, 1,
				    R + i * QSTRIDE);
		else if (R != NULL)
			churn_rank_rows(m, X + b * p, p, NULL, k, R);
		for (tr = 0; tr < m->ntrees; tr++) {
			t = m->en + m->start[tr];
			i = 0;
			if (R != NULL && p <= QSTRIDE) {
				for (; i + 16 <= k; i += 16)
					qnode_eval16s(m, tr, R + i * QSTRIDE,
					    s + i);
				for (; i < k; i++)
					s[i] += qnode_eval(m, tr,
					    R + i * QSTRIDE);
			}
			if (R != NULL)
				for (; i + 8 <= k; i += 8) {
					for (q = 0; q < 8; q++)
						rr[q] = R + (i + q) * p;
					qnode_eval8(m, tr, rr, v);
					for (q = 0; q < 8; q++)
						s[i + q] += v[q];
				}
			for (; i + 8 <= k; i += 8)
				eval8(t, X + (b + i) * p, p, s + i);
			for (; i < k; i++)
				s[i] += enode_eval(t, X + (b + i) * p);
		}
		for (i = 0; i < k; i++)
			out[b + i] = tree_prob(m, s[i]);
	}
	free(s);
	free(R);
}

void
churn_model_free(struct churn_model *m)
{
	if (m == NULL)
		return;
	free(m->coef);
	free(m->start);
	free(m->nodes);
	free(m->en);
	free(m->qn);
	free(m->qthr);
	free(m->qoff);
	free(m->importance);
	free(m);
}

/* The churn probability of one feature row. */
double
churn_predict_row(const struct churn_model *m, const double *x)
{
	double s;
	size_t t, j;

	if (m->algo == ALGO_LOGREG) {
		for (s = m->b0, j = 0; j < m->p; j++)
			s += m->coef[j] * x[j];
		return sigmoid(s);
	}
	s = m->algo == ALGO_GBT ? m->base : 0;
	for (t = 0; t < m->ntrees; t++)
		s += enode_eval(m->en + m->start[t], x);
	return tree_prob(m, s);
}

struct predjob {
	const struct churn_model *m;
	const double	*X;
	size_t		 p;
	double		*out;
};

static void
pred_part(void *arg, size_t lo, size_t hi, int thread)
{
	struct predjob *j = arg;
	size_t i;

	(void)thread;
	if (j->m->algo != ALGO_LOGREG) {
		predict_block(j->m, j->X, j->p, lo, hi, j->out);
		return;
	}
	for (i = lo; i < hi; i++)
		j->out[i] = churn_predict_row(j->m, j->X + i * j->p);
}

/* Probabilities of n rows of X (n x p) into out, on threads. */
void
churn_predict_rows(const struct churn_model *m, const double *X, size_t n,
    size_t p, double *out, int nthreads)
{
	struct predjob j = { m, X, p, out };

	par_for_grain(n, nthreads, 256, pred_part, &j);
}

/* Write the model's own records (the encoders are written beside). */
void
churn_model_save(const struct churn_model *m, struct model_writer *w)
{
	size_t total, i;
	double *v;

	model_put(w, "features", "%zu", m->p);
	if (m->algo == ALGO_LOGREG) {
		mfile_put_array(w, "coef", m->coef, m->p);
		model_put_double(w, "intercept", m->b0);
		return;
	}
	total = m->start[m->ntrees];
	v = xcalloc(total + m->ntrees + 2, sizeof(*v));
	model_put(w, "trees", "%zu", m->ntrees);
	for (i = 0; i <= m->ntrees; i++)
		v[i] = (double)m->start[i];
	mfile_put_array(w, "tree.start", v, m->ntrees + 1);
#define PUT(key, expr) do { \
	for (i = 0; i < total; i++) \
		v[i] = (expr); \
	mfile_put_array(w, key, v, total); \
} while (0)
	PUT("node.feature", m->nodes[i].feat);
	PUT("node.left", m->nodes[i].left);
	PUT("node.threshold", m->nodes[i].thr);
	PUT("node.value", m->nodes[i].value);
	PUT("node.cover", m->nodes[i].cover);
#undef PUT
	free(v);
	mfile_put_array(w, "importance", m->importance, m->p);
	if (m->algo == ALGO_GBT)
		model_put_double(w, "base", m->base);
	if (m->algo == ALGO_FOREST)
		model_put_double(w, "oob_auc", m->oob_auc);
}

const char *
churn_algo_word(enum churn_algo a)
{
	return algo_words[a];
}

/* Check that every tree is a well-formed tree over p features. */
static int
check_trees(const struct churn_model *m)
{
	size_t t, i, lo, n;
	const struct tnode *nd;

	for (t = 0; t < m->ntrees; t++) {
		lo = m->start[t];
		if (m->start[t + 1] <= lo)
			return -1;
		n = m->start[t + 1] - lo;
		for (i = 0; i < n; i++) {
			nd = &m->nodes[lo + i];
			if (nd->feat < -1 || nd->feat >= (long)m->p ||
			    !isfinite(nd->value))
				return -1;
			if (nd->feat >= 0 && ((size_t)nd->left <= i ||
			    (size_t)nd->left + 1 >= n))
				return -1;
		}
	}
	return 0;
}

static int
load_trees(const struct model *mf, struct churn_model *m)
{
	size_t total, i, k;
	double nt, *v[5];
	static const char *const keys[] = { "node.feature", "node.left",
	    "node.threshold", "node.value", "node.cover" };
	int bad = 0;

	if (model_get_double(mf, "trees", &nt) != 0 || !(nt >= 1) ||
	    nt > 1e7 || nt != floor(nt))
		return -1;
	m->ntrees = (size_t)nt;
	m->start = xcalloc(m->ntrees + 1, sizeof(*m->start));
	v[0] = xcalloc(m->ntrees + 1, sizeof(double));
	if (mfile_get_array_n(mf, "tree.start", v[0], m->ntrees + 1) != 0)
		bad = 1;
	for (i = 0; !bad && i <= m->ntrees; i++) {
		if (!(v[0][i] >= 0 && v[0][i] < 1e12) ||
		    (i > 0 && v[0][i] < v[0][i - 1]) || (i == 0 && v[0][0]))
			bad = 1;
		else
			m->start[i] = (size_t)v[0][i];
	}
	free(v[0]);
	if (bad)
		return -1;
	total = m->start[m->ntrees];
	m->nodes = xcalloc(total + 1, sizeof(*m->nodes));
	for (k = 0; k < 5; k++) {
		v[k] = xcalloc(total + 1, sizeof(double));
		if (mfile_get_array_n(mf, keys[k], v[k], total) != 0)
			bad = 1;
	}
	for (i = 0; !bad && i < total; i++) {
		if (v[0][i] != floor(v[0][i]) || v[1][i] != floor(v[1][i]) ||
		    fabs(v[0][i]) > 1e9 || fabs(v[1][i]) > 1e12)
			bad = 1;
		m->nodes[i].feat = (int32_t)v[0][i];
		m->nodes[i].left = (int32_t)v[1][i];
		m->nodes[i].thr = v[2][i];
		m->nodes[i].value = v[3][i];
		m->nodes[i].cover = v[4][i];
	}
	for (k = 0; k < 5; k++)
		free(v[k]);
	return bad ? -1 : check_trees(m);
}

/*
 * The model's records, for p features: NULL with the reason in why
 * when absent or malformed.
 */
struct churn_model *
churn_model_load(const struct model *mf, size_t p, char *why, size_t whylen)
{
	struct churn_model *m = xcalloc(1, sizeof(*m));
	const char *algo = model_algorithm(mf);
	double fp;
	int a;

	for (a = 0; algo_words[a] != NULL; a++)
		if (strcmp(algo, algo_words[a]) == 0)
			break;
	m->p = p;
	m->oob_auc = NAN;
	if (algo_words[a] == NULL) {
		snprintf(why, whylen, "unknown algorithm '%s'", algo);
		goto bad;
	}
	m->algo = (enum churn_algo)a;
	if (model_get_double(mf, "features", &fp) != 0 || fp != (double)p) {
		snprintf(why, whylen, "record 'features' is not %zu", p);
		goto bad;
	}
	if (m->algo == ALGO_LOGREG) {
		m->coef = xcalloc(p + 1, sizeof(*m->coef));
		if (mfile_get_array_n(mf, "coef", m->coef, p) != 0 ||
		    model_get_double(mf, "intercept", &m->b0) != 0) {
			snprintf(why, whylen, "bad or missing coefficients");
			goto bad;
		}
		return m;
	}
	m->importance = xcalloc(p + 1, sizeof(*m->importance));
	if (load_trees(mf, m) != 0 ||
	    mfile_get_array_n(mf, "importance", m->importance, p) != 0 ||
	    (m->algo == ALGO_GBT && model_get_double(mf, "base", &m->base))) {
		snprintf(why, whylen, "bad or missing trees");
		goto bad;
	}
	if (m->algo == ALGO_FOREST)
		(void)model_get_double(mf, "oob_auc", &m->oob_auc);
	churn_model_prepare(m);
	return m;
bad:
	churn_model_free(m);
	return NULL;
}
