/*
 * gbt.c: gradient-boosted trees for the logistic loss.  Each round fits
 * a histogram tree to the gradients and hessians of the current
 * log-odds, leaves taking the Newton step -G / (H + lambda) times the
 * learning rate.  A seeded share of the rows is held out and boosting
 * stops when its log loss has not improved for 20 rounds; the model
 * keeps the rounds up to the best one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "progress.h"
#include "rng.h"
#include "ml/eval.h"
#include "ml/logistic.h"

#include "churn.h"

#define PATIENCE	20

struct boost {
	size_t		 ntr, nva;
	size_t		*tr, *va, *idx;
	double		*f, *g, *h;	/* by global row */
	double		 w[2];
	struct tnode	**trees;
	size_t		*nn, cap;
};

/* Split rows into training and validation rows. */
static void
split_rows(const struct opts *o, const size_t *rows, size_t n,
    struct boost *bs)
{
	unsigned char *test = xcalloc(n + 1, 1);
	size_t i;

	if (o->valid > 0 && n >= 50)
		split_holdout(n, o->valid, churn_seed(o) ^ 0x9e3779b97f4a7c15ULL,
		    test);
	bs->tr = xcalloc(n + 1, sizeof(*bs->tr));
	bs->va = xcalloc(n + 1, sizeof(*bs->va));
	for (i = 0; i < n; i++) {
		if (test[i])
			bs->va[bs->nva++] = rows[i];
		else
			bs->tr[bs->ntr++] = rows[i];
	}
	free(test);
}

static double
val_loss(const struct dataset *d, const struct boost *bs)
{
	double s = 0, z, y;
	size_t i, g;

	for (i = 0; i < bs->nva; i++) {
		g = bs->va[i];
		z = bs->f[g];
		y = d->y[g];
		s += bs->w[y != 0] * (log1pexp(z) - (y != 0 ? z : 0));
	}
	return s;
}

static void
gradients(const struct dataset *d, struct boost *bs)
{
	size_t i, g;
	double p, w;

	for (i = 0; i < bs->ntr; i++) {
		g = bs->tr[i];
		p = sigmoid(bs->f[g]);
		w = bs->w[d->y[g] != 0];
		bs->g[g] = w * (p - d->y[g]);
		bs->h[g] = w * fmax(p * (1 - p), 1e-16);
	}
}

/* The weighted log-odds of the training rows. */
static double
base_score(const struct dataset *d, const struct boost *bs)
{
	double s = 0, sp = 0;
	size_t i;

	for (i = 0; i < bs->ntr; i++) {
		s += bs->w[d->y[bs->tr[i]] != 0];
		sp += d->y[bs->tr[i]] != 0 ? bs->w[1] : 0;
	}
	if (sp <= 0 || sp >= s)
		return 0;
	return log(sp / (s - sp));
}

static void
keep_trees(struct churn_model *m, struct boost *bs, size_t keep)
{
	size_t t, total = 0;

	m->ntrees = keep;
	m->start = xcalloc(keep + 1, sizeof(*m->start));
	for (t = 0; t < keep; t++) {
		m->start[t] = total;
		total += bs->nn[t];
	}
	m->start[keep] = total;
	m->nodes = xcalloc(total + 1, sizeof(*m->nodes));
	for (t = 0; t < keep; t++)
		memcpy(m->nodes + m->start[t], bs->trees[t],
		    bs->nn[t] * sizeof(*m->nodes));
}

void
churn_gbt(const struct opts *o, const struct dataset *d, const size_t *rows,
    size_t n, const struct binned *bd, struct churn_model *m, int progress)
{
	struct tree_par tp = { 1, o->max_depth, o->min_leaf, (int)d->p,
	    o->l2, 1e-3, crm_nthreads(&o->com), o->lr };
	struct tree_ws *ws = tree_ws_new(d->n, d->p);
	struct progress *pr = progress_new("rounds", (uint64_t)o->rounds,
	    progress);
	struct boost bs;
	double best = HUGE_VAL, loss, s, *gain;
	size_t round, bestr = 0, i, f;

	memset(&bs, 0, sizeof(bs));
	split_rows(o, rows, n, &bs);
	churn_class_weights(o, d, bs.tr, bs.ntr, bs.w);
	bs.idx = xcalloc(bs.ntr + 1, sizeof(*bs.idx));
	bs.f = xcalloc(d->n, sizeof(*bs.f));
	bs.g = xcalloc(d->n, sizeof(*bs.g));
	bs.h = xcalloc(d->n, sizeof(*bs.h));
	bs.trees = xcalloc((size_t)o->rounds, sizeof(*bs.trees));
	bs.nn = xcalloc((size_t)o->rounds, sizeof(*bs.nn));
	gain = xcalloc((size_t)o->rounds * d->p + 1, sizeof(*gain));
	m->algo = ALGO_GBT;
	m->base = base_score(d, &bs);
	m->importance = xcalloc(d->p + 1, sizeof(*m->importance));
	for (i = 0; i < d->n; i++)
		bs.f[i] = m->base;
	for (round = 0; round < (size_t)o->rounds; round++) {
		gradients(d, &bs);
		memcpy(bs.idx, bs.tr, bs.ntr * sizeof(*bs.idx));
		tree_grow_boost(bd, &tp, ws, bs.idx, bs.ntr, bs.h, bs.g,
		    &bs.trees[round], &bs.nn[round], gain + round * d->p, bs.f,
		    bs.va, bs.nva);
		progress_set(pr, round + 1);
		bestr = round + 1;
		if (bs.nva == 0)
			continue;
		loss = val_loss(d, &bs);
		if (isinf(best) || loss < best - 1e-7 * fabs(best)) {
			best = loss;
			m->best_round = round + 1;
		} else if (round + 1 - m->best_round >= PATIENCE)
			break;
	}
	progress_free(pr);
	keep_trees(m, &bs, bs.nva > 0 ? m->best_round : bestr);
	m->best_round = m->ntrees;
	/* the gain of the rounds kept */
	for (round = 0; round < m->ntrees; round++)
		for (f = 0; f < d->p; f++)
			m->importance[f] += gain[round * d->p + f];
	free(gain);
	for (s = 0, f = 0; f < d->p; f++)
		s += m->importance[f];
	for (f = 0; s > 0 && f < d->p; f++)
		m->importance[f] /= s;
	for (i = 0; i < (size_t)o->rounds; i++)
		free(bs.trees[i]);
	free(bs.trees);
	free(bs.nn);
	free(bs.tr);
	free(bs.va);
	free(bs.idx);
	free(bs.f);
	free(bs.g);
	free(bs.h);
	tree_ws_free(ws);
}
