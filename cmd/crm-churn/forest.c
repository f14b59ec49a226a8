/*
 * forest.c: the random forest.  Each tree draws its bootstrap (as
 * counts) and its features from its own random stream (sched.h), so
 * the forest has the same bytes at any thread count; trees are merged
 * in tree order.  The rows a tree did not draw give the out-of-bag
 * probability and its AUC.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "par.h"
#include "progress.h"
#include "rng.h"
#include "ml/eval.h"
#include "ml/sched.h"

#include "churn.h"

struct fjob {
	const struct dataset	*d;
	const size_t		*rows;
	size_t			 n;
	const struct binned	*bd;
	struct tree_par		 tp;
	double			 cw[2];
	/* per thread */
	struct tree_ws		**ws;
	size_t			**idx;
	double			**ab;		/* (weight, weight * y) */
	uint32_t		**cnt;
	uint8_t			**code;		/* weight code per bag row */
	double			 wt[512];	/* code: (weight, weight * y) */
	/* per tree */
	struct tnode		**nodes;
	size_t			*nn;
	double			*gain;		/* ntrees x p */
	uint64_t		**inbag;	/* bit per local row */
	/* progress */
	pthread_mutex_t		 mu;
	size_t			 done;
	struct progress		*pr;
};

static void
grow_one(void *arg, size_t t, struct rng *r, int th)
{
	struct fjob *j = arg;
	uint32_t *cnt = j->cnt[th];
	size_t *idx = j->idx[th], i, g, m = 0;
	double *ab = j->ab[th], y;
	uint64_t *bag = xcalloc(j->n / 64 + 1, sizeof(*bag));
	uint32_t most = 0;

	memset(cnt, 0, j->n * sizeof(*cnt));
	for (i = 0; i < j->n; i++)
		cnt[rng_below(r, j->n)]++;
	for (i = 0; i < j->n; i++) {
		if (cnt[i] == 0)
			continue;
		g = j->rows[i];
		y = j->d->y[g];
		ab[2 * g] = cnt[i] * j->cw[y != 0];
		ab[2 * g + 1] = y != 0 ? ab[2 * g] : 0;
		most = cnt[i] > most ? cnt[i] : most;
		j->code[th][m] = (uint8_t)(cnt[i] << 1 | (y != 0));
		idx[m++] = g;
		bag[i / 64] |= (uint64_t)1 << (i % 64);
	}
	/* rows drawn up to 127 times (always but in tiny tables): packed
	 * records, else indices; the same tree */
	if (most < 128)
		tree_grow_bag(j->bd, &j->tp, j->ws[th], idx, m, j->code[th],
		    j->wt, r, &j->nodes[t], &j->nn[t], j->gain + t * j->d->p);
	else
		tree_grow(j->bd, &j->tp, j->ws[th], idx, m, ab, r,
		    &j->nodes[t], &j->nn[t], j->gain + t * j->d->p);
	j->inbag[t] = bag;
	pthread_mutex_lock(&j->mu);
	j->done++;
	if (th == 0)
		progress_set(j->pr, j->done);
	pthread_mutex_unlock(&j->mu);
}

struct oobjob {
	const struct fjob	*j;
	const struct churn_model *m;
	double			*p;
	unsigned char		*has;
};

/* Rows lo..hi by blocks, each tree over a block (cache), sums in
 * tree order. */
static void
oob_part(void *arg, size_t lo, size_t hi, int thread)
{
	struct oobjob *o = arg;
	const struct fjob *j = o->j;
	const struct enode *t;
	double s[256], v[8];
	size_t c[256], out[256], i, b, k, tr, r, p = j->d->p, no, x, q;
	const uint8_t *rr[256];
	uint8_t *R = o->m->qn != NULL ? xcalloc(256 * p + 1, 1) : NULL;

	(void)thread;
	for (b = lo; b < hi; b += 256) {
		k = hi - b < 256 ? hi - b : 256;
		memset(s, 0, sizeof(s));
		memset(c, 0, sizeof(c));
		if (R != NULL)	/* on ranks: the same comparisons */
			churn_rank_rows(o->m, j->d->X, p, j->rows + b, k, R);
		for (tr = 0; tr < o->m->ntrees; tr++) {
			t = o->m->en + o->m->start[tr];
			/* the rows this tree left out, eight at a time down
			 * the tree in lockstep on ranks */
			for (no = 0, i = 0; i < k; i++) {
				r = b + i;
				if (j->inbag[tr][r / 64] >> (r % 64) & 1)
					continue;
				c[i]++;
				if (R == NULL) {
					s[i] += enode_eval(t, j->d->X +
					    j->rows[r] * p);
					continue;
				}
				out[no] = i;
				rr[no++] = R + i * p;
			}
			for (x = 0; x + 8 <= no; x += 8) {
				qnode_eval8(o->m, tr, rr + x, v);
				for (q = 0; q < 8; q++)
					s[out[x + q]] += v[q];
			}
			for (; x < no; x++)
				s[out[x]] += qnode_eval(o->m, tr, rr[x]);
		}
		for (i = 0; i < k; i++) {
			o->has[b + i] = c[i] > 0;
			o->p[b + i] = c[i] > 0 ? s[i] / (double)c[i] : 0;
		}
	}
	free(R);
}

/* The out-of-bag AUC of the rows that some tree left out. */
static double
oob_auc(const struct fjob *j, const struct churn_model *m, int nthreads)
{
	struct oobjob o = { j, m, NULL, NULL };
	double *y = xcalloc(j->n + 1, sizeof(*y)), auc;
	size_t i, k = 0;

	o.p = xcalloc(j->n + 1, sizeof(*o.p));
	o.has = xcalloc(j->n + 1, 1);
	par_for(j->n, nthreads, oob_part, &o);
	for (i = 0; i < j->n; i++)
		if (o.has[i]) {
			y[k] = j->d->y[j->rows[i]];
			o.p[k++] = o.p[i];
		}
	auc = eval_auc(y, o.p, k);
	free(y);
	free(o.p);
	free(o.has);
	return auc;
}

/* Concatenate the trees in order; importance as scikit-learn's. */
static void
merge(struct fjob *j, struct churn_model *m, size_t ntrees)
{
	size_t t, f, total = 0, p = j->d->p;
	double s, *g;

	m->ntrees = ntrees;
	m->start = xcalloc(ntrees + 1, sizeof(*m->start));
	for (t = 0; t < ntrees; t++) {
		m->start[t] = total;
		total += j->nn[t];
	}
	m->start[ntrees] = total;
	m->nodes = xcalloc(total + 1, sizeof(*m->nodes));
	m->importance = xcalloc(p + 1, sizeof(*m->importance));
	for (t = 0; t < ntrees; t++) {
		memcpy(m->nodes + m->start[t], j->nodes[t],
		    j->nn[t] * sizeof(*m->nodes));
		g = j->gain + t * p;
		for (s = 0, f = 0; f < p; f++)
			s += g[f];
		for (f = 0; s > 0 && f < p; f++)
			m->importance[f] += g[f] / s;
	}
	for (s = 0, f = 0; f < p; f++)
		s += m->importance[f];
	for (f = 0; s > 0 && f < p; f++)
		m->importance[f] /= s;
}

void
churn_class_weights(const struct opts *o, const struct dataset *d,
    const size_t *rows, size_t n, double *cw)
{
	size_t i, pos = 0;

	cw[0] = cw[1] = 1;
	if (!o->balanced)
		return;
	for (i = 0; i < n; i++)
		pos += d->y[rows[i]] != 0;
	if (pos > 0 && pos < n) {
		cw[1] = (double)n / (2.0 * (double)pos);
		cw[0] = (double)n / (2.0 * (double)(n - pos));
	}
}

void
churn_forest(const struct opts *o, const struct dataset *d,
    const size_t *rows, size_t n, const struct binned *bd,
    struct churn_model *m, int progress)
{
	struct fjob j;
	int nth = crm_nthreads(&o->com), t;
	size_t ntrees = (size_t)o->trees, i;

	memset(&j, 0, sizeof(j));
	j.d = d;
	j.rows = rows;
	j.n = n;
	j.bd = bd;
	j.tp.max_depth = o->max_depth;
	j.tp.min_leaf = o->min_leaf;
	j.tp.mtry = o->mtry > 0 ? o->mtry :
	    (int)fmax(1, floor(sqrt((double)d->p)));
	j.tp.nthreads = 1;
	j.tp.shrink = 1;
	churn_class_weights(o, d, rows, n, j.cw);
	if (nth > (int)ntrees)
		nth = (int)ntrees;
	j.ws = xcalloc((size_t)nth, sizeof(*j.ws));
	j.idx = xcalloc((size_t)nth, sizeof(*j.idx));
	j.ab = xcalloc((size_t)nth, sizeof(*j.ab));
	j.cnt = xcalloc((size_t)nth, sizeof(*j.cnt));
	j.code = xcalloc((size_t)nth, sizeof(*j.code));
	/* code c = count << 1 | y: the weight as grow_one makes it */
	for (i = 0; i < 256; i++) {
		uint32_t c = (uint32_t)(i >> 1);

		j.wt[2 * i] = c * j.cw[i & 1];
		j.wt[2 * i + 1] = (i & 1) ? j.wt[2 * i] : 0;
	}
	for (t = 0; t < nth; t++) {
		j.ws[t] = tree_ws_new(d->n, d->p);
		j.idx[t] = xcalloc(n + 1, sizeof(**j.idx));
		j.ab[t] = xcalloc(2 * d->n + 1, sizeof(**j.ab));
		j.cnt[t] = xcalloc(n + 1, sizeof(**j.cnt));
		j.code[t] = xcalloc(n + 1, 1);
	}
	j.nodes = xcalloc(ntrees, sizeof(*j.nodes));
	j.nn = xcalloc(ntrees, sizeof(*j.nn));
	j.gain = xcalloc(ntrees * d->p + 1, sizeof(*j.gain));
	j.inbag = xcalloc(ntrees, sizeof(*j.inbag));
	pthread_mutex_init(&j.mu, NULL);
	j.pr = progress_new("trees", ntrees, progress);
	sched_run(ntrees, nth, churn_seed(o), grow_one, &j);
	progress_free(j.pr);
	pthread_mutex_destroy(&j.mu);
	m->algo = ALGO_FOREST;
	merge(&j, m, ntrees);
	churn_model_prepare(m);
	m->oob_auc = oob_auc(&j, m, crm_nthreads(&o->com));
	for (t = 0; t < nth; t++) {
		tree_ws_free(j.ws[t]);
		free(j.idx[t]);
		free(j.ab[t]);
		free(j.cnt[t]);
		free(j.code[t]);
	}
	for (i = 0; i < ntrees; i++) {
		free(j.nodes[i]);
		free(j.inbag[i]);
	}
	free(j.ws);
	free(j.idx);
	free(j.ab);
	free(j.cnt);
	free(j.code);
	free(j.nodes);
	free(j.nn);
	free(j.gain);
	free(j.inbag);
}
