/*
 * tree.c: CART trees on binned features, the learner under the single
 * tree, the forest and gradient boosting.  Each feature is cut once
 * into at most 255 bins (midpoints between distinct values when there
 * are few, equal-frequency cuts otherwise), so that a node's best split
 * comes from a histogram of its rows instead of a sort.  Splits score
 * the Gini impurity of weighted counts (classification trees) or
 * G^2 / (H + lambda) of gradients and hessians (boosting).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "num.h"
#include "par.h"
#include "rng.h"

#include "churn.h"

#define MAXBINS	255

struct hbin {
	double	 a, b, c;
};

/* The best split of one feature in one node. */
struct split {
	double	 gain;
	int	 bin;		/* rows with bin <= this go left; -1: none */
	int	 constant;
};

struct tree_ws {
	size_t		 n, p;
	struct hbin	*hist;		/* p x 256 */
	size_t		*perm;		/* features */
	size_t		*tmp;		/* partition buffer */
	struct split	*res;		/* per feature */
};

struct binjob {
	const double	*X;
	size_t		 n, p, nrows;
	const size_t	*rows;
	int		 maxbins;
	struct binned	*bd;
};

/* The edge between two neighbouring distinct values a < b. */
static double
midpoint(double a, double b)
{
	double e = a + (b - a) / 2;

	return e >= b ? a : e;
}

/*
 * The cut points of one feature from its m sorted training values:
 * between every two distinct values when there are at most maxbins of
 * them, else after equal-frequency quantiles.  Returns the bins.
 */
static int
cut_feature(const double *v, size_t m, int maxbins, double *edges)
{
	size_t i, d = 1, k, q;
	int ne = 0;
	double e;

	for (i = 1; i < m; i++)
		d += v[i] != v[i - 1];
	if (d <= (size_t)maxbins) {
		for (i = 1; i < m; i++)
			if (v[i] != v[i - 1])
				edges[ne++] = midpoint(v[i - 1], v[i]);
		return ne + 1;
	}
	for (k = 1; k < (size_t)maxbins; k++) {
		q = k * m / (size_t)maxbins;
		for (i = q + 1; i < m && v[i] == v[q]; i++)
			;
		if (i >= m)
			break;
		e = midpoint(v[q], v[i]);
		if (ne > 0 && e <= edges[ne - 1])
			continue;
		edges[ne++] = e;
	}
	return ne + 1;
}

/*
 * The distinct values of feature f into v (sorted) when there are at
 * most maxbins of them: their count, else 0.  Most features (one-hot
 * ones, small counts) take this way instead of a sort.
 */
static size_t
few_values(const struct binjob *j, size_t f, double *v)
{
	size_t i, n = 0, a, b, mid;
	double x;

	for (i = 0; i < j->nrows; i++) {
		x = j->X[j->rows[i] * j->p + f];
		for (a = 0, b = n; a < b;) {
			mid = a + (b - a) / 2;
			if (v[mid] < x)
				a = mid + 1;
			else
				b = mid;
		}
		if (a < n && v[a] == x)
			continue;
		if (n == (size_t)j->maxbins)
			return 0;
		memmove(v + a + 1, v + a, (n - a) * sizeof(*v));
		v[a] = x;
		n++;
	}
	return n;
}

static void
bin_part(void *arg, size_t lo, size_t hi, int thread)
{
	struct binjob *j = arg;
	struct binned *bd = j->bd;
	double *v = xcalloc(j->nrows ? j->nrows : 1, sizeof(*v));
	const double *ed;
	size_t f, i, a, b, m;
	double x;

	(void)thread;
	for (f = lo; f < hi; f++) {
		ed = bd->edges + f * MAXBINS;
		m = few_values(j, f, v);
		if (m == 0) {
			/* quantiles of at most 65536 rows, evenly spaced */
			size_t step = j->nrows / 65536 + 1;

			for (m = 0, i = 0; i < j->nrows; i += step)
				v[m++] = j->X[j->rows[i] * j->p + f];
			qsort(v, m, sizeof(*v), num_cmp);
		}
		bd->nb[f] = cut_feature(v, m, j->maxbins,
		    bd->edges + f * MAXBINS);
		m = (size_t)bd->nb[f] - 1;
		for (i = 0; i < j->n; i++) {
			x = j->X[i * j->p + f];
			for (a = 0, b = m; a < b;) {	/* edges below x */
				size_t mid = a + (b - a) / 2;
				if (ed[mid] < x)
					a = mid + 1;
				else
					b = mid;
			}
			bd->b[f * j->n + i] = (uint8_t)a;
		}
	}
	free(v);
}

/*
 * Bin all n rows of X (n x p) with cut points taken from the rows
 * rows[0..nrows) only (the training rows).
 */
void
churn_bin(const double *X, size_t n, size_t p, const size_t *rows,
    size_t nrows, int maxbins, struct binned *bd)
{
	struct binjob j = { X, n, p, nrows, rows, maxbins, bd };

	memset(bd, 0, sizeof(*bd));

	if (maxbins > MAXBINS)
		maxbins = j.maxbins = MAXBINS;
	bd->n = n;
	bd->p = p;
	bd->b = xcalloc(n * p > 0 ? n * p : 1, 1);
	bd->edges = xcalloc(p * MAXBINS + 1, sizeof(*bd->edges));
	bd->nb = xcalloc(p + 1, sizeof(*bd->nb));
	par_for(p, 2, bin_part, &j);
}

/*
 * For boosting: the most common bin of each feature, and per group of
 * features the other bins of every row, so that a histogram pass
 * touches a categorical column once per row instead of once per
 * category.  The groups split the entries evenly; each is one thread's
 * share of a histogram (the sums do not depend on the grouping).
 */
void
churn_bin_rows(struct binned *bd, int ngroups)
{
	size_t f, i, g, *cnt = xcalloc(256, sizeof(*cnt)), total = 0, acc, k;
	size_t *nd = xcalloc(bd->p + 1, sizeof(*nd));
	const uint8_t *col;
	int b, best;

	bd->dflt = xcalloc(bd->p + 1, 1);
	for (f = 0; f < bd->p; f++) {
		col = bd->b + f * bd->n;
		memset(cnt, 0, 256 * sizeof(*cnt));
		for (i = 0; i < bd->n; i++)
			cnt[col[i]]++;
		for (best = 0, b = 1; b < 256; b++)
			if (cnt[b] > cnt[best])
				best = b;
		bd->dflt[f] = (uint8_t)best;
		nd[f] = bd->n - cnt[best];
		total += nd[f];
	}
	if (ngroups < 1)
		ngroups = 1;
	bd->ngroups = ngroups;
	bd->gfeat = xcalloc((size_t)ngroups + 1, sizeof(*bd->gfeat));
	for (g = 1, acc = 0, f = 0; f < bd->p; f++) {
		acc += nd[f];
		if (g < (size_t)ngroups && acc * (size_t)ngroups >= g * total)
			bd->gfeat[g++] = f + 1;
	}
	for (; g <= (size_t)ngroups; g++)
		bd->gfeat[g] = bd->p;
	bd->rowptr = xcalloc((size_t)ngroups, sizeof(*bd->rowptr));
	bd->ent = xcalloc((size_t)ngroups, sizeof(*bd->ent));
	for (g = 0; g < (size_t)ngroups; g++) {
		for (acc = 0, f = bd->gfeat[g]; f < bd->gfeat[g + 1]; f++)
			acc += nd[f];
		bd->rowptr[g] = xcalloc(bd->n + 1, sizeof(**bd->rowptr));
		bd->ent[g] = xcalloc(acc + 1, sizeof(**bd->ent));
		for (k = 0, i = 0; i < bd->n; i++) {
			bd->rowptr[g][i] = k;
			for (f = bd->gfeat[g]; f < bd->gfeat[g + 1]; f++)
				if (bd->b[f * bd->n + i] != bd->dflt[f])
					bd->ent[g][k++] = (uint32_t)(f << 8 |
					    bd->b[f * bd->n + i]);
		}
		bd->rowptr[g][bd->n] = k;
	}
	free(cnt);
	free(nd);
}

void
churn_binned_free(struct binned *bd)
{
	int g;

	for (g = 0; g < bd->ngroups; g++) {
		free(bd->rowptr[g]);
		free(bd->ent[g]);
	}
	free(bd->rowptr);
	free(bd->ent);
	free(bd->gfeat);
	free(bd->dflt);
	free(bd->b);
	free(bd->edges);
	free(bd->nb);
	memset(bd, 0, sizeof(*bd));
}

struct tree_ws *
tree_ws_new(size_t n, size_t p)
{
	struct tree_ws *w = xcalloc(1, sizeof(*w));

	w->n = n;
	w->p = p;
	w->hist = xcalloc(p * 256, sizeof(*w->hist));
	w->perm = xcalloc(p + 1, sizeof(*w->perm));
	w->tmp = xcalloc(n + 1, sizeof(*w->tmp));
	w->res = xcalloc(p + 1, sizeof(*w->res));
	return w;
}

void
tree_ws_free(struct tree_ws *w)
{
	if (w == NULL)
		return;
	free(w->hist);
	free(w->perm);
	free(w->tmp);
	free(w->res);
	free(w);
}

static double
score(const struct tree_par *tp, double a, double b)
{
	if (tp->newton)
		return b * b / (a + tp->l2);
	return a > 0 ? (b * b + (a - b) * (a - b)) / a : 0;
}

/* The node whose rows are idx[lo..hi), totals a, b, c. */
struct nodejob {
	const struct binned	*bd;
	const struct tree_par	*tp;
	struct tree_ws		*ws;
	const size_t		*idx;
	size_t			 lo, hi;
	const double		*a, *b;
	double			 ta, tb, tc;
};

/* Histogram feature f over the node and find its best split. */
static void
feature_split(const struct nodejob *nj, size_t f, struct split *s)
{
	const uint8_t *col = nj->bd->b + f * nj->bd->n;
	struct hbin *h = nj->ws->hist + f * 256, l = { 0, 0, 0 };
	const struct tree_par *tp = nj->tp;
	double sp = score(tp, nj->ta, nj->tb), g;
	size_t k, i;
	int minb = 255, maxb = 0, bin;

	for (k = nj->lo; k < nj->hi; k++) {
		i = nj->idx[k];
		bin = col[i];
		h[bin].a += nj->a[i];
		h[bin].b += nj->b[i];
		h[bin].c += 1;
		if (bin < minb)
			minb = bin;
		if (bin > maxb)
			maxb = bin;
	}
	s->bin = -1;
	s->gain = -HUGE_VAL;
	s->constant = minb == maxb;
	for (bin = minb; bin < maxb; bin++) {
		l.a += h[bin].a;
		l.b += h[bin].b;
		l.c += h[bin].c;
		if (l.c < tp->min_leaf || nj->tc - l.c < tp->min_leaf)
			continue;
		if (tp->newton && (l.a < tp->min_hess ||
		    nj->ta - l.a < tp->min_hess))
			continue;
		if (!tp->newton && (l.a <= 0 || nj->ta - l.a <= 0))
			continue;
		g = score(tp, l.a, l.b) + score(tp, nj->ta - l.a,
		    nj->tb - l.b) - sp;
		if (g > s->gain) {
			s->gain = g;
			s->bin = bin;
		}
	}
	memset(h + minb, 0, (size_t)(maxb - minb + 1) * sizeof(*h));
}

static void
split_part(void *arg, size_t lo, size_t hi, int thread)
{
	struct nodejob *nj = arg;
	size_t f;

	(void)thread;
	for (f = lo; f < hi; f++)
		feature_split(nj, f, &nj->ws->res[f]);
}

/*
 * The best split of the node: every feature (in parallel) or, with
 * mtry < p, features drawn one at a time until mtry that vary in the
 * node were tried (scikit-learn's rule).  Returns the feature or -1.
 */
static long
best_split(struct nodejob *nj, struct rng *r, struct split *best,
    uint8_t *konst)
{
	const struct tree_par *tp = nj->tp;
	struct tree_ws *ws = nj->ws;
	size_t p = nj->bd->p, k, j, f, tried = 0;
	long bf = -1;
	struct split s;

	best->gain = -HUGE_VAL;
	best->bin = -1;
	if ((size_t)tp->mtry >= p) {
		par_for_grain(p, tp->nthreads,
		    (nj->hi - nj->lo) * 4 > 65536 ? 1 : p, split_part, nj);
		for (f = 0; f < p; f++)
			if (ws->res[f].bin >= 0 &&
			    ws->res[f].gain > best->gain) {
				*best = ws->res[f];
				bf = (long)f;
			}
		return bf;
	}
	for (k = 0; k < p && tried < (size_t)tp->mtry; k++) {
		j = k + (size_t)rng_below(r, p - k);
		f = ws->perm[j];
		ws->perm[j] = ws->perm[k];
		ws->perm[k] = f;
		if (konst[f])		/* constant in an ancestor */
			continue;
		feature_split(nj, f, &s);
		if (s.constant) {
			konst[f] = 1;
			continue;
		}
		tried++;
		if (s.bin >= 0 && s.gain > best->gain) {
			*best = s;
			bf = (long)f;
		}
	}
	return bf;
}

/*
 * The buffer of stack slot s in a pool of buffers of size bytes
 * (zeroed when new), so that a node's data live until its children's
 * are made from them.
 */
static void *
pool_slot(void ***pool, size_t *cap, size_t s, size_t size)
{
	size_t old = *cap, i;

	if (s >= *cap) {
		*pool = xgrow(*pool, cap, s + 1, sizeof(**pool));
		for (i = old; i < *cap; i++)
			(*pool)[i] = NULL;
	}
	if ((*pool)[s] == NULL)
		(*pool)[s] = xcalloc(1, size);
	return (*pool)[s];
}

static void
pool_free(void **pool, size_t cap)
{
	size_t i;

	for (i = 0; i < cap; i++)
		free(pool[i]);
	free(pool);
}

struct stackent {
	size_t	 node, lo, hi;
	int	 depth;
	double	 a, b, c;
};

/* The root: rows idx[0..m) and their totals. */
static struct stackent
root_entry(const size_t *idx, size_t m, const double *a, const double *b)
{
	struct stackent e;
	size_t k;

	memset(&e, 0, sizeof(e));
	e.hi = m;
	for (k = 0; k < m; k++) {
		e.a += a[idx[k]];
		e.b += b[idx[k]];
	}
	e.c = (double)m;
	return e;
}

/* Stable partition of idx[lo..hi) by the split; sums of each side. */
static size_t
partition(struct tree_ws *ws, const struct binned *bd, size_t *idx,
    const struct stackent *e, size_t f, int bin, const double *a,
    const double *b, double *ls, double *rs)
{
	const uint8_t *col = bd->b + f * bd->n;
	size_t k, nl = e->lo, nr = 0, i;

	ls[0] = ls[1] = rs[0] = rs[1] = 0;
	for (k = e->lo; k < e->hi; k++) {
		i = idx[k];
		if (col[i] <= bin) {
			idx[nl++] = i;
			ls[0] += a[i];
			ls[1] += b[i];
		} else {
			ws->tmp[nr++] = i;
			rs[0] += a[i];
			rs[1] += b[i];
		}
	}
	memcpy(idx + nl, ws->tmp, nr * sizeof(*idx));
	return nl;
}

static double
leaf_value(const struct tree_par *tp, double a, double b)
{
	if (tp->newton)
		return -b / (a + tp->l2);
	return a > 0 ? b / a : 0;
}

static int
is_leaf(const struct tree_par *tp, const struct stackent *e)
{
	if (tp->max_depth > 0 && e->depth >= tp->max_depth)
		return 1;
	if (e->c < 2.0 * tp->min_leaf)
		return 1;
	if (!tp->newton && (e->b <= 0 || e->b >= e->a))
		return 1;
	return 0;
}

void
tree_grow(const struct binned *bd, const struct tree_par *tp,
    struct tree_ws *ws, size_t *idx, size_t m, const double *a,
    const double *b, struct rng *r, struct tnode **nodesp, size_t *nnodes,
    double *gain)
{
	struct tnode *nodes = NULL;
	struct stackent *st = NULL, e, *ne;
	size_t nn = 1, ncap = 0, scap = 0, ns = 0, k, mid;
	struct nodejob nj = { bd, tp, ws, idx, 0, 0, a, b, 0, 0, 0 };
	struct split best;
	double ls[2], rs[2];
	long f;
	void **kpool = NULL;
	size_t kcap = 0;

	for (k = 0; k < bd->p; k++)
		ws->perm[k] = k;
	(void)pool_slot(&kpool, &kcap, 0, bd->p + 1);
	nodes = xgrow(nodes, &ncap, 1, sizeof(*nodes));
	st = xgrow(st, &scap, 1, sizeof(*st));
	e = root_entry(idx, m, a, b);
	st[ns++] = e;
	while (ns > 0) {
		e = st[--ns];
		nodes[e.node].feat = -1;
		nodes[e.node].left = 0;
		nodes[e.node].thr = 0;
		nodes[e.node].value = leaf_value(tp, e.a, e.b);
		nodes[e.node].cover = e.a;
		if (is_leaf(tp, &e))
			continue;
		nj.lo = e.lo;
		nj.hi = e.hi;
		nj.ta = e.a;
		nj.tb = e.b;
		nj.tc = e.c;
		f = best_split(&nj, r, &best, kpool[ns]);
		if (f < 0 || (tp->newton ? best.gain <= 1e-12 :
		    best.gain < -1e-9 * e.a))
			continue;
		mid = partition(ws, bd, idx, &e, (size_t)f, best.bin, a, b,
		    ls, rs);
		nodes = xgrow(nodes, &ncap, nn + 2, sizeof(*nodes));
		nodes[e.node].feat = (int32_t)f;
		nodes[e.node].left = (int32_t)nn;
		nodes[e.node].thr = best.bin < bd->nb[f] - 1 ?
		    bd->edges[(size_t)f * MAXBINS + (size_t)best.bin] : HUGE_VAL;
		if (gain != NULL && best.gain > 0)
			gain[f] += best.gain;
		/* the children know the features constant here */
		memcpy(pool_slot(&kpool, &kcap, ns + 1, bd->p + 1), kpool[ns], bd->p);
		st = xgrow(st, &scap, ns + 2, sizeof(*st));
		ne = &st[ns++];		/* right first: left is grown first */
		*ne = (struct stackent){ nn + 1, mid, e.hi, e.depth + 1,
		    rs[0], rs[1], (double)(e.hi - mid) };
		ne = &st[ns++];
		*ne = (struct stackent){ nn, e.lo, mid, e.depth + 1,
		    ls[0], ls[1], (double)(mid - e.lo) };
		nn += 2;
	}
	pool_free(kpool, kcap);
	free(st);
	*nodesp = nodes;
	*nnodes = nn;
}

double
tree_eval(const struct tnode *t, const double *x)
{
	size_t i = 0;

	while (t[i].feat >= 0)
		i = (size_t)t[i].left + (x[t[i].feat] <= t[i].thr ? 0 : 1);
	return t[i].value;
}

/*
 * Boosting trees: every feature at every node, so the histograms of a
 * node come from one pass over its rows in the row-major bins (the
 * features split over the threads, each histogram summed in row
 * order: the same bits at any thread count), and the larger child's
 * from its parent's minus the smaller one's.
 */
struct hjob {
	const struct binned	*bd;
	const size_t		*idx;
	size_t			 lo, hi;
	const double		*a, *b;
	struct hbin		*h;
	double			 ta, tb, tc;	/* the node's totals */
};

/* The histograms of group g's features over the node's rows. */
static void
hist_part(void *arg, size_t glo, size_t ghi, int thread)
{
	const struct hjob *j = arg;
	const struct binned *bd = j->bd;
	const uint32_t *ent;
	const size_t *rp;
	struct hbin *h, *d;
	size_t k, i, f, g, e;
	double a, b;
	int bin;

	(void)thread;
	for (g = glo; g < ghi; g++) {
		rp = bd->rowptr[g];
		ent = bd->ent[g];
		for (f = bd->gfeat[g]; f < bd->gfeat[g + 1]; f++)
			memset(j->h + f * 256, 0, (size_t)bd->nb[f] *
			    sizeof(*h));
		for (k = j->lo; k < j->hi; k++) {
			i = j->idx[k];
			a = j->a[i];
			b = j->b[i];
			for (e = rp[i]; e < rp[i + 1]; e++) {
				h = j->h + (ent[e] >> 8) * 256 + (ent[e] & 255);
				h->a += a;
				h->b += b;
				h->c += 1;
			}
		}
		/* the most common bin: the node's totals less the others */
		for (f = bd->gfeat[g]; f < bd->gfeat[g + 1]; f++) {
			d = j->h + f * 256 + bd->dflt[f];
			d->a = j->ta;
			d->b = j->tb;
			d->c = j->tc;
			for (bin = 0; bin < bd->nb[f]; bin++) {
				if (bin == bd->dflt[f])
					continue;
				d->a -= j->h[f * 256 + bin].a;
				d->b -= j->h[f * 256 + bin].b;
				d->c -= j->h[f * 256 + bin].c;
			}
		}
	}
}

static void
hist_build(const struct binned *bd, const struct tree_par *tp,
    const size_t *idx, size_t lo, size_t hi, const double *a,
    const double *b, struct hbin *h, const double *tot)
{
	struct hjob j = { bd, idx, lo, hi, a, b, h, tot[0], tot[1], tot[2] };

	par_for(bd->ngroups, (hi - lo) > 20000 ? tp->nthreads : 1,
	    hist_part, &j);
}

/* The best split over all features from the node's histograms. */
static long
hist_best(const struct binned *bd, const struct tree_par *tp,
    const struct hbin *hist, const struct stackent *e, struct split *best)
{
	const struct hbin *h;
	struct hbin l;
	double sp = score(tp, e->a, e->b), g;
	size_t f;
	long bf = -1;
	int bin;

	best->gain = -HUGE_VAL;
	best->bin = -1;
	for (f = 0; f < bd->p; f++) {
		h = hist + f * 256;
		memset(&l, 0, sizeof(l));
		for (bin = 0; bin < bd->nb[f] - 1; bin++) {
			l.a += h[bin].a;
			l.b += h[bin].b;
			l.c += h[bin].c;
			if (l.c < tp->min_leaf || e->c - l.c < tp->min_leaf ||
			    l.a < tp->min_hess || e->a - l.a < tp->min_hess)
				continue;
			g = score(tp, l.a, l.b) + score(tp, e->a - l.a,
			    e->b - l.b) - sp;
			if (g > best->gain) {
				best->gain = g;
				best->bin = bin;
				bf = (long)f;
			}
		}
	}
	return bf;
}

static void
hist_sub(struct hbin *big, const struct hbin *small, const struct binned *bd)
{
	size_t f;
	int k;

	for (f = 0; f < bd->p; f++)
		for (k = 0; k < bd->nb[f]; k++) {
			big[f * 256 + k].a -= small[f * 256 + k].a;
			big[f * 256 + k].b -= small[f * 256 + k].b;
			big[f * 256 + k].c -= small[f * 256 + k].c;
		}
}

#define HSIZE(bd)	((bd)->p * 256 * sizeof(struct hbin))

void
tree_grow_boost(const struct binned *bd, const struct tree_par *tp,
    struct tree_ws *ws, size_t *idx, size_t m, const double *a,
    const double *b, struct tnode **nodesp, size_t *nnodes, double *gain,
    double *fadd)
{
	struct tnode *nodes = NULL;
	struct stackent *st = NULL, e;
	void **pool = NULL, *tmp;
	size_t nn = 1, ncap = 0, scap = 0, pcap = 0, ns = 0, k, mid;
	struct split best;
	double ls[2], rs[2], tot[3];
	long f;
	int left_small;

	nodes = xgrow(nodes, &ncap, 1, sizeof(*nodes));
	st = xgrow(st, &scap, 1, sizeof(*st));
	e = root_entry(idx, m, a, b);
	tot[0] = e.a;
	tot[1] = e.b;
	tot[2] = e.c;
	hist_build(bd, tp, idx, 0, m, a, b, pool_slot(&pool, &pcap, 0, HSIZE(bd)),
	    tot);
	st[ns++] = e;
	while (ns > 0) {
		e = st[--ns];
		nodes[e.node].feat = -1;
		nodes[e.node].left = 0;
		nodes[e.node].thr = 0;
		nodes[e.node].value = leaf_value(tp, e.a, e.b) * tp->shrink;
		nodes[e.node].cover = e.a;
		f = is_leaf(tp, &e) ? -1 : hist_best(bd, tp, pool[ns], &e,
		    &best);
		if (f < 0 || best.gain <= 1e-12) {
			/* a leaf: its rows' scores move by its value */
			for (k = e.lo; k < e.hi; k++)
				fadd[idx[k]] += nodes[e.node].value;
			continue;
		}
		mid = partition(ws, bd, idx, &e, (size_t)f, best.bin, a, b,
		    ls, rs);
		nodes = xgrow(nodes, &ncap, nn + 2, sizeof(*nodes));
		nodes[e.node].feat = (int32_t)f;
		nodes[e.node].left = (int32_t)nn;
		nodes[e.node].thr = bd->edges[(size_t)f * MAXBINS +
		    (size_t)best.bin];
		if (gain != NULL)
			gain[f] += best.gain;
		/* the smaller child scanned into slot ns + 1, the larger is
		 * the parent's (slot ns) minus it */
		left_small = mid - e.lo <= e.hi - mid;
		(void)pool_slot(&pool, &pcap, ns + 1, HSIZE(bd));
		if (left_small) {
			tot[0] = ls[0];
			tot[1] = ls[1];
			tot[2] = (double)(mid - e.lo);
			hist_build(bd, tp, idx, e.lo, mid, a, b, pool[ns + 1],
			    tot);
		} else {
			tot[0] = rs[0];
			tot[1] = rs[1];
			tot[2] = (double)(e.hi - mid);
			hist_build(bd, tp, idx, mid, e.hi, a, b, pool[ns + 1],
			    tot);
		}
		hist_sub(pool[ns], pool[ns + 1], bd);
		if (!left_small) {
			tmp = pool[ns];
			pool[ns] = pool[ns + 1];
			pool[ns + 1] = tmp;
		}
		st = xgrow(st, &scap, ns + 2, sizeof(*st));
		st[ns] = (struct stackent){ nn + 1, mid, e.hi, e.depth + 1,
		    rs[0], rs[1], (double)(e.hi - mid) };
		st[ns + 1] = (struct stackent){ nn, e.lo, mid, e.depth + 1,
		    ls[0], ls[1], (double)(mid - e.lo) };
		ns += 2;
		nn += 2;
	}
	pool_free(pool, pcap);
	free(st);
	*nodesp = nodes;
	*nnodes = nn;
}
