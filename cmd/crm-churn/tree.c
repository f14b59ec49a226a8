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
	double	 nl;		/* the rows that go left */
	int	 constant;
};

struct tree_ws {
	size_t		 n, p;
	struct hbin	*hist;		/* p x 256 */
	size_t		*perm;		/* features */
	size_t		*tmp;		/* partition buffer */
	struct split	*res;		/* per feature */
	size_t		*cand;		/* features to try */
	double		*gh;		/* boosting: n x (a, b) */
	struct hbin	*bh;		/* boosting: nbund x 256 */
	size_t		 nbh;
	/* forest: the node's rows as records of stride bytes (the row's
	 * bins, then its weight code), in the order of idx, in pk for
	 * nodes of even depth and pktmp for odd (cur: the node's) */
	uint8_t		*pk, *pktmp, *cur;
	size_t		 pkcap, stride;
	/* whole weights below 2^21 in all: each bin's (a, b, c) as three
	 * 21-bit fields of one integer, iv[code] per row (exact sums, so
	 * the same doubles) */
	uint64_t	*ih;		/* p x 256 */
	uint64_t	 iv[256];
	int		 intw;
	const double	*wt;		/* code c: (a, b) = wt[2c], wt[2c+1] */
};

struct binjob {
	const double	*X;
	size_t		 n, p, nrows;
	const size_t	*rows;
	int		 maxbins;
	struct binned	*bd;
	int		 nslots;	/* features dealt round-robin */
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
 * The distinct values of a feature (its column col of all rows) in the
 * training rows into v (sorted) when there are at
 * most maxbins of them: their count, else 0.  Most features (one-hot
 * ones, small counts) take this way instead of a sort.
 */
static size_t
few_values(const struct binjob *j, const double *col, double *v)
{
	size_t i, n = 0, a, b, mid;
	double x;

	for (i = 0; i < j->nrows; i++) {
		x = col[j->rows[i]];
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

#define BINCOLS	8	/* features copied out of X at a time */

static void
bin_part(void *arg, size_t lo, size_t hi, int thread)
{
	struct binjob *j = arg;
	struct binned *bd = j->bd;
	size_t nslot = (size_t)j->nslots, *fs = xcalloc(j->p + 1, sizeof(*fs));
	size_t nfs = 0, s;
	double *v = xcalloc(j->nrows ? j->nrows : 1, sizeof(*v));
	double *cols = xcalloc(j->n * BINCOLS + 1, sizeof(*cols));
	const double *ed, *col;
	size_t f, f0, nf, c, i, a, b, m;
	double x;

	(void)thread;
	/* slot s takes features s, s + nslots, ... (numeric columns come
	 * first and cost the most: the threads share them) */
	for (s = lo; s < hi; s++)
		for (f = s; f < j->p; f += nslot)
			fs[nfs++] = f;
	for (f0 = 0; f0 < nfs; f0 += nf) {
		/* a few columns out of the row-major X in one pass */
		nf = nfs - f0 < BINCOLS ? nfs - f0 : BINCOLS;
		for (i = 0; i < j->n; i++)
			for (c = 0; c < nf; c++)
				cols[c * j->n + i] = j->X[i * j->p +
				    fs[f0 + c]];
		for (c = 0; c < nf; c++) {
			f = fs[f0 + c];
			col = cols + c * j->n;
			ed = bd->edges + f * MAXBINS;
			m = few_values(j, col, v);
			if (m == 0) {
				/* quantiles of at most 65536 rows, evenly
				 * spaced */
				size_t step = j->nrows / 65536 + 1;

				for (m = 0, i = 0; i < j->nrows; i += step)
					v[m++] = col[j->rows[i]];
				qsort(v, m, sizeof(*v), num_cmp);
			}
			bd->nb[f] = cut_feature(v, m, j->maxbins,
			    bd->edges + f * MAXBINS);
			m = (size_t)bd->nb[f] - 1;
			for (i = 0; i < j->n; i++) {
				x = col[i];
				/* the edges below x, by a search without
				 * branches */
				for (a = 0, b = m; b > 1; b -= b / 2)
					a = ed[a + b / 2] < x ? a + b / 2 : a;
				a += m > 0 && ed[a] < x;
				bd->b[f * j->n + i] = (uint8_t)a;
			}
		}
	}
	free(fs);
	free(cols);
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
	struct binjob j = { X, n, p, nrows, rows, maxbins, bd, 2 };

	memset(bd, 0, sizeof(*bd));

	if (maxbins > MAXBINS)
		maxbins = j.maxbins = MAXBINS;
	bd->n = n;
	bd->p = p;
	bd->b = xcalloc(n * p > 0 ? n * p : 1, 1);
	bd->edges = xcalloc(p * MAXBINS + 1, sizeof(*bd->edges));
	bd->nb = xcalloc(p + 1, sizeof(*bd->nb));
	par_for((size_t)j.nslots, j.nslots, bin_part, &j);
}

/*
 * Put feature f (bins col, non-default rows rows[0..nr)) into bundle k
 * when it fits there: enough free slots and no row where both f and
 * the bundle are off their most common bins.
 */
static int
bundle_fits(const uint8_t *bcol, int used, int slots, const size_t *rows,
    size_t nr)
{
	size_t k;

	if (used + slots > 256)
		return 0;
	for (k = 0; k < nr; k++)
		if (bcol[rows[k]] != 0)
			return 0;
	return 1;
}

#define BUNDLE_TRIES	16	/* open bundles a feature tries */

/*
 * For boosting: the most common bin of each feature, and the features
 * packed into bundles (a greedy pass in feature order: each joins the
 * first of the last few bundles it fits in), each row's bundle values
 * stored row-major, so that a histogram pass reads one short row per
 * training row and a category's one-hot columns cost one update.  The
 * bundles split evenly into ngroups, one thread's share each (the sums
 * do not depend on the grouping).
 */
void
churn_bin_rows(struct binned *bd, int ngroups)
{
	size_t f, i, g, k, nr, *cnt = xcalloc(256, sizeof(*cnt));
	size_t *nz = xcalloc(bd->n + 1, sizeof(*nz));
	size_t *bof = xcalloc(bd->p + 1, sizeof(*bof)), *nin;
	uint8_t **bcol = xcalloc(bd->p + 1, sizeof(*bcol));
	int *used = xcalloc(bd->p + 1, sizeof(*used)), b, best, slots;
	const uint8_t *col;

	bd->dflt = xcalloc(bd->p + 1, 1);
	bd->foff = xcalloc(bd->p + 1, sizeof(*bd->foff));
	bd->nbund = 0;
	for (f = 0; f < bd->p; f++) {
		col = bd->b + f * bd->n;
		memset(cnt, 0, 256 * sizeof(*cnt));
		for (i = 0; i < bd->n; i++)
			cnt[col[i]]++;
		for (best = 0, b = 1; b < 256; b++)
			if (cnt[b] > cnt[best])
				best = b;
		bd->dflt[f] = (uint8_t)best;
		for (nr = 0, i = 0; i < bd->n; i++)
			if (col[i] != best)
				nz[nr++] = i;
		slots = bd->nb[f] > 1 ? bd->nb[f] - 1 : 0;
		for (k = bd->nbund > BUNDLE_TRIES ? bd->nbund - BUNDLE_TRIES :
		    0; k < bd->nbund; k++)
			if (bundle_fits(bcol[k], used[k], slots, nz, nr))
				break;
		if (k == bd->nbund) {
			bcol[k] = xcalloc(bd->n + 1, 1);
			used[k] = 1;
			bd->nbund++;
		}
		bof[f] = k;
		bd->foff[f] = used[k];
		for (i = 0; i < nr; i++) {
			b = col[nz[i]];
			bcol[k][nz[i]] = (uint8_t)(used[k] + (b < best ? b :
			    b - 1));
		}
		used[k] += slots;
	}
	/* the features by bundle, in feature order within each */
	nin = xcalloc(bd->nbund + 1, sizeof(*nin));
	for (f = 0; f < bd->p; f++)
		nin[bof[f]]++;
	bd->bstart = xcalloc(bd->nbund + 1, sizeof(*bd->bstart));
	for (k = 0; k < bd->nbund; k++)
		bd->bstart[k + 1] = bd->bstart[k] + nin[k];
	memset(nin, 0, (bd->nbund + 1) * sizeof(*nin));
	bd->bfeat = xcalloc(bd->p + 1, sizeof(*bd->bfeat));
	for (f = 0; f < bd->p; f++) {
		k = bof[f];
		bd->bfeat[bd->bstart[k] + nin[k]++] = f;
	}
	bd->rows = xcalloc(bd->n * bd->nbund + 1, 1);
	for (k = 0; k < bd->nbund; k++) {
		for (i = 0; i < bd->n; i++)
			bd->rows[i * bd->nbund + k] = bcol[k][i];
		free(bcol[k]);
	}
	if (ngroups < 1)
		ngroups = 1;
	if ((size_t)ngroups > bd->nbund)
		ngroups = bd->nbund > 0 ? (int)bd->nbund : 1;
	bd->ngroups = ngroups;
	bd->gbund = xcalloc((size_t)ngroups + 1, sizeof(*bd->gbund));
	for (g = 0; g <= (size_t)ngroups; g++)
		bd->gbund[g] = g * bd->nbund / (size_t)ngroups;
	free(nin);
	free(bcol);
	free(used);
	free(bof);
	free(nz);
	free(cnt);
}

/* The bins row-major as well, for trees that try some features at each
 * node. */
void
churn_bin_rowmajor(struct binned *bd)
{
	size_t f, i;

	bd->rm = xcalloc(bd->n * bd->p + 1, 1);
	for (f = 0; f < bd->p; f++)
		for (i = 0; i < bd->n; i++)
			bd->rm[i * bd->p + f] = bd->b[f * bd->n + i];
}

void
churn_binned_free(struct binned *bd)
{
	free(bd->rm);
	free(bd->rows);
	free(bd->bstart);
	free(bd->bfeat);
	free(bd->foff);
	free(bd->gbund);
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
	w->cand = xcalloc(p + 1, sizeof(*w->cand));
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
	free(w->cand);
	free(w->gh);
	free(w->bh);
	free(w->pk);
	free(w->pktmp);
	free(w->ih);
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
	const double		*ab;	/* (a, b) of each row */
	double			 ta, tb, tc;
};

/* The best split of feature f from its histogram h over the node, whose
 * bins minb..maxb are used; the histogram is zeroed after. */
static void
split_scan(const struct nodejob *nj, struct hbin *h, int minb, int maxb,
    struct split *s)
{
	const struct tree_par *tp = nj->tp;
	struct hbin l = { 0, 0, 0 };
	double sp = score(tp, nj->ta, nj->tb), g;
	int bin;

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
			s->nl = l.c;
		}
	}
	memset(h + minb, 0, (size_t)(maxb - minb + 1) * sizeof(*h));
}

/* The first and last used bins of a histogram with some rows. */
static void
used_bins(const struct hbin *h, int *minb, int *maxb)
{
	int bin;

	for (bin = 0; bin < 255 && h[bin].c == 0; bin++)
		;
	*minb = bin;
	for (bin = 255; bin > *minb && h[bin].c == 0; bin--)
		;
	*maxb = bin;
}

/* Histogram feature f over the node and find its best split. */
static void
feature_split(const struct nodejob *nj, size_t f, struct split *s)
{
	const uint8_t *col = nj->bd->b + f * nj->bd->n;
	struct hbin *h = nj->ws->hist + f * 256;
	size_t k, i;
	int minb = 255, maxb = 0, bin;

	for (k = nj->lo; k < nj->hi; k++) {
		i = nj->idx[k];
		bin = col[i];
		h[bin].a += nj->ab[2 * i];
		h[bin].b += nj->ab[2 * i + 1];
		h[bin].c += 1;
		if (bin < minb)
			minb = bin;
		if (bin > maxb)
			maxb = bin;
	}
	split_scan(nj, h, minb, maxb, s);
}

/* Add a row (its bins row[], statistics a, b) to the histograms of
 * the nf features fs[]. */
static inline void
hist_row(struct hbin *hist, const size_t *fs, size_t nf, const uint8_t *row,
    double a, double b)
{
	struct hbin *x;
	size_t c;

	for (c = 0; c < nf; c++) {
		x = hist + fs[c] * 256 + row[fs[c]];
		x->a += a;
		x->b += b;
		x->c += 1;
	}
}

/*
 * The same for the nf features fs[] at once, in one pass over the
 * node's rows in the row-major bins (a row's bins share a cache line);
 * each histogram sums its rows in the same order as feature_split.
 */
static void
feature_splits(const struct nodejob *nj, const size_t *fs, size_t nf,
    struct split *res)
{
	const uint8_t *rm = nj->bd->rm, *row;
	const size_t p = nj->bd->p;
	struct hbin *hist = nj->ws->hist;
	size_t k, i, c;
	double a, b;
	int minb, maxb, bin;

	for (k = nj->lo; k < nj->hi; k++) {
		i = nj->idx[k];
		row = rm + i * p;
		a = nj->ab[2 * i];
		b = nj->ab[2 * i + 1];
		hist_row(hist, fs, nf, row, a, b);
	}
	for (c = 0; c < nf; c++) {
		if (nj->hi - nj->lo < 256) {
			/* few rows: their bins, not 256 */
			for (minb = 255, maxb = 0, k = nj->lo; k < nj->hi;
			    k++) {
				bin = rm[nj->idx[k] * p + fs[c]];
				minb = bin < minb ? bin : minb;
				maxb = bin > maxb ? bin : maxb;
			}
		} else
			used_bins(hist + fs[c] * 256, &minb, &maxb);
		split_scan(nj, hist + fs[c] * 256, minb, maxb, &res[c]);
	}
}

#define F21	((UINT64_C(1) << 21) - 1)

/*
 * feature_splits_pk with whole weights: one integer added per feature
 * and row, then each used bin's three fields into the histogram of
 * doubles (the sums are exact: the same values as adding doubles).
 */
static void
int_splits(const struct nodejob *nj, const size_t *fs, size_t nf,
    struct split *res)
{
	const size_t p = nj->bd->p, S = nj->ws->stride;
	const uint8_t *row = nj->ws->cur + nj->lo * S, *end = nj->ws->cur +
	    nj->hi * S;
	const uint64_t *iv = nj->ws->iv;
	uint64_t *ih = nj->ws->ih, v, *x;
	struct hbin *h;
	size_t c;
	int minb, maxb, bin;

	for (; row < end; row += S) {
		v = iv[row[p]];
		for (c = 0; c < nf; c++)
			ih[fs[c] * 256 + row[fs[c]]] += v;
	}
	for (c = 0; c < nf; c++) {
		x = ih + fs[c] * 256;
		h = nj->ws->hist + fs[c] * 256;
		for (minb = 0; minb < 255 && x[minb] == 0; minb++)
			;
		for (maxb = 255; maxb > minb && x[maxb] == 0; maxb--)
			;
		for (bin = minb; bin <= maxb; bin++) {
			h[bin].a = (double)(x[bin] >> 42);
			h[bin].b = (double)(x[bin] >> 21 & F21);
			h[bin].c = (double)(x[bin] & F21);
			x[bin] = 0;
		}
		split_scan(nj, h, minb, maxb, &res[c]);
	}
}

/*
 * feature_splits on the packed records: the node's rows lie together,
 * read in order (the same sums in the same order).
 */
static void
feature_splits_pk(const struct nodejob *nj, const size_t *fs, size_t nf,
    struct split *res)
{
	const size_t p = nj->bd->p, S = nj->ws->stride;
	const uint8_t *row = nj->ws->cur + nj->lo * S, *end = nj->ws->cur +
	    nj->hi * S, *rr;
	const double *wt = nj->ws->wt;
	struct hbin *hist = nj->ws->hist;
	size_t c;
	double a, b;
	int minb, maxb, bin;

	if (nj->ws->intw) {
		int_splits(nj, fs, nf, res);
		return;
	}
	for (; row < end; row += S) {
		a = wt[2 * row[p]];
		b = wt[2 * row[p] + 1];
		hist_row(hist, fs, nf, row, a, b);
	}
	for (c = 0; c < nf; c++) {
		if (nj->hi - nj->lo < 256) {
			for (minb = 255, maxb = 0, rr = nj->ws->cur + nj->lo * S;
			    rr < end; rr += S) {
				bin = rr[fs[c]];
				minb = bin < minb ? bin : minb;
				maxb = bin > maxb ? bin : maxb;
			}
		} else
			used_bins(hist + fs[c] * 256, &minb, &maxb);
		split_scan(nj, hist + fs[c] * 256, minb, maxb, &res[c]);
	}
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
	size_t p = nj->bd->p, k, j, f, tried = 0, nc, c;
	long bf = -1;
	struct split s;

	best->gain = -HUGE_VAL;
	best->bin = -1;
	if ((size_t)tp->mtry >= p) {
		if (ws->wt != NULL) {	/* packed records: in one pass */
			for (f = 0; f < p; f++)
				ws->cand[f] = f;
			feature_splits_pk(nj, ws->cand, p, ws->res);
		} else
			par_for_grain(p, tp->nthreads,
			    (nj->hi - nj->lo) * 4 > 65536 ? 1 : p,
			    split_part, nj);
		for (f = 0; f < p; f++)
			if (ws->res[f].bin >= 0 &&
			    ws->res[f].gain > best->gain) {
				*best = ws->res[f];
				bf = (long)f;
			}
		return bf;
	}
	/* the features drawn in order, a batch of as many as are still
	 * to try at a time, tried in one pass; the same draws and the
	 * same choice as trying them one by one */
	for (k = 0; k < p && tried < (size_t)tp->mtry;) {
		for (nc = 0; k < p && nc < (size_t)tp->mtry - tried; k++) {
			j = k + (size_t)rng_below(r, p - k);
			f = ws->perm[j];
			ws->perm[j] = ws->perm[k];
			ws->perm[k] = f;
			if (!konst[f])	/* constant in an ancestor */
				ws->cand[nc++] = f;
		}
		if (ws->wt != NULL)
			feature_splits_pk(nj, ws->cand, nc, ws->res);
		else
			feature_splits(nj, ws->cand, nc, ws->res);
		for (c = 0; c < nc; c++) {
			s = ws->res[c];
			if (s.constant) {
				konst[ws->cand[c]] = 1;
				continue;
			}
			tried++;
			if (s.bin >= 0 && s.gain > best->gain) {
				*best = s;
				bf = (long)ws->cand[c];
			}
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

/* The root: rows idx[0..m) and their totals (of a[i * stride] and
 * b[i * stride]). */
static struct stackent
root_entry(const size_t *idx, size_t m, const double *a, const double *b,
    size_t stride)
{
	struct stackent e;
	size_t k;

	memset(&e, 0, sizeof(e));
	e.hi = m;
	for (k = 0; k < m; k++) {
		e.a += a[idx[k] * stride];
		e.b += b[idx[k] * stride];
	}
	e.c = (double)m;
	return e;
}

/* Add (x, y) to the left sums s[0], s[1] when l, else to the right
 * ones s[2], s[3], without a branch (adding a zero leaves a sum's bits
 * alone). */
static inline void
side_add(double *s, size_t l, double x, double y)
{
	s[0] += l ? x : 0.0;
	s[1] += l ? y : 0.0;
	s[2] += l ? 0.0 : x;
	s[3] += l ? 0.0 : y;
}

/* Stable partition of idx[lo..hi) by the split; sums of each side of
 * a[i * stride] and b[i * stride]. */
static size_t
partition(struct tree_ws *ws, const struct binned *bd, size_t *idx,
    const struct stackent *e, size_t f, int bin, const double *a,
    const double *b, size_t stride, double *ls, double *rs)
{
	const uint8_t *col = bd->b + f * bd->n;
	size_t k, nl = e->lo, nr = 0, i, l;
	double sum[4] = { 0, 0, 0, 0 }, x, y;

	/* without branches: both sides written, one kept */
	for (k = e->lo; k < e->hi; k++) {
		i = idx[k];
		l = col[i] <= bin;
		x = a[i * stride];
		y = b[i * stride];
		idx[nl] = i;
		ws->tmp[nr] = i;
		nl += l;
		nr += 1 - l;
		side_add(sum, l, x, y);
	}
	ls[0] = sum[0];
	ls[1] = sum[1];
	rs[0] = sum[2];
	rs[1] = sum[3];
	memcpy(idx + nl, ws->tmp, nr * sizeof(*idx));
	return nl;
}

/*
 * partition on the packed records: from the node's buffer into the
 * other one (its children's depth), the nl left rows (known from the
 * histogram) first, in order, each record copied once.  The loop is
 * made for each record size up to 64 bytes, so that a copy is a few
 * moves of a known size.
 */
static inline void
part_loop(const uint8_t *src, uint8_t *dst, size_t lo, size_t hi,
    size_t nl, size_t nr, size_t S, size_t p, size_t f, int bin,
    const double *wt, double *sum)
{
	const uint8_t *r;
	size_t k, l;
	double s[4] = { 0, 0, 0, 0 }, x, y;

	for (k = lo; k < hi; k++) {
		r = src + k * S;
		l = r[f] <= bin;
		x = wt[2 * r[p]];
		y = wt[2 * r[p] + 1];
		memcpy(dst + (l ? nl : nr) * S, r, S);
		nl += l;
		nr += 1 - l;
		side_add(s, l, x, y);
	}
	memcpy(sum, s, sizeof(s));
}

static size_t
partition_pk(struct tree_ws *ws, size_t p, const struct stackent *e,
    size_t f, int bin, size_t nleft, double *ls, double *rs)
{
	const uint8_t *src = e->depth % 2 ? ws->pktmp : ws->pk;
	uint8_t *dst = e->depth % 2 ? ws->pk : ws->pktmp;
	size_t lo = e->lo, hi = e->hi, nr = e->lo + nleft;
	double sum[4];

#define PART(S)	part_loop(src, dst, lo, hi, lo, nr, S, p, f, bin, ws->wt, sum)
	switch (ws->stride) {
	case 8:
		PART(8);
		break;
	case 16:
		PART(16);
		break;
	case 24:
		PART(24);
		break;
	case 32:
		PART(32);
		break;
	case 40:
		PART(40);
		break;
	case 48:
		PART(48);
		break;
	case 56:
		PART(56);
		break;
	case 64:
		PART(64);
		break;
	default:
		PART(ws->stride);
		break;
	}
#undef PART
	ls[0] = sum[0];
	ls[1] = sum[1];
	rs[0] = sum[2];
	rs[1] = sum[3];
	return e->lo + nleft;
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
    struct tree_ws *ws, size_t *idx, size_t m, const double *ab,
    struct rng *r, struct tnode **nodesp, size_t *nnodes, double *gain)
{
	struct tnode *nodes = NULL;
	struct stackent *st = NULL, e, *ne;
	size_t nn = 1, ncap = 0, scap = 0, ns = 0, k, mid;
	struct nodejob nj = { bd, tp, ws, idx, 0, 0, ab, 0, 0, 0 };
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
	if (ws->wt == NULL)
		e = root_entry(idx, m, ab, ab + 1, 2);
	else	/* the same sums from the records */
		for (e = root_entry(idx, 0, NULL, NULL, 2), e.hi = m,
		    e.c = (double)m, k = 0; k < m; k++) {
			e.a += ws->wt[2 * ws->pk[k * ws->stride + bd->p]];
			e.b += ws->wt[2 * ws->pk[k * ws->stride + bd->p] + 1];
		}
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
		ws->cur = e.depth % 2 ? ws->pktmp : ws->pk;
		f = best_split(&nj, r, &best, kpool[ns]);
		if (f < 0 || (tp->newton ? best.gain <= 1e-12 :
		    best.gain < -1e-9 * e.a))
			continue;
		if (ws->wt != NULL)
			mid = partition_pk(ws, bd->p, &e, (size_t)f, best.bin,
			    (size_t)best.nl, ls, rs);
		else
			mid = partition(ws, bd, idx, &e, (size_t)f, best.bin,
			    ab, ab + 1, 2, ls, rs);
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

/*
 * tree_grow for a forest's bootstrap: row idx[k] has weight code
 * code[k] (a, b = wt[2 code], wt[2 code + 1]).  Each row's bins (row-
 * major) and code are copied into a record, and the records, not
 * indices, are partitioned, so that a node's rows lie together and
 * its histograms read memory in order.  The same tree as tree_grow
 * with ab[2 idx[k]] = a and ab[2 idx[k] + 1] = b.
 */
void
tree_grow_bag(const struct binned *bd, const struct tree_par *tp,
    struct tree_ws *ws, size_t *idx, size_t m, const uint8_t *code,
    const double *wt, struct rng *r, struct tnode **nodes, size_t *nnodes,
    double *gain)
{
	size_t S = (bd->p + 1 + 7) / 8 * 8, k, c;
	uint64_t a, b;
	double tot;

	if (ws->pkcap < m) {
		free(ws->pk);
		free(ws->pktmp);
		ws->pk = xcalloc(m * S + 8, 1);
		ws->pktmp = xcalloc(m * S + 8, 1);
		ws->pkcap = m;
	}
	if (ws->ih == NULL)
		ws->ih = xcalloc(bd->p * 256 + 1, sizeof(*ws->ih));
	ws->stride = S;
	ws->wt = wt;
	for (tot = 0, k = 0; k < m; k++) {
		memcpy(ws->pk + k * S, bd->rm + idx[k] * bd->p, bd->p);
		ws->pk[k * S + bd->p] = code[k];
		tot += wt[2 * code[k]];
	}
	/* whole weights (no class weights) summing below 2^21 */
	ws->intw = m <= F21 && tot <= (double)F21;
	for (c = 0; c < 256 && ws->intw; c++) {
		if (!(wt[2 * c] >= 0 && wt[2 * c] <= (double)F21 &&
		    wt[2 * c + 1] >= 0 && wt[2 * c + 1] <= wt[2 * c])) {
			ws->intw = 0;
			break;
		}
		a = (uint64_t)wt[2 * c];
		b = (uint64_t)wt[2 * c + 1];
		ws->intw = (double)a == wt[2 * c] && (double)b == wt[2 * c + 1];
		ws->iv[c] = a << 42 | b << 21 | 1;
	}
	tree_grow(bd, tp, ws, idx, m, NULL, r, nodes, nnodes, gain);
	ws->wt = NULL;
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
 * node come from one pass over its rows in the row-major bundles (the
 * features split over the threads, each histogram summed in row
 * order: the same bits at any thread count), and the larger child's
 * from its parent's minus the smaller one's.
 */
struct hjob {
	const struct binned	*bd;
	const size_t		*idx;
	size_t			 lo, hi;
	const double		*gh;	/* (a, b) of each row */
	struct hbin		*bh;	/* the bundles' histograms */
	struct hbin		*h;
	double			 ta, tb, tc;	/* the node's totals */
};

/* The histograms of group g's bundles over the node's rows, then of
 * their features. */
static void
hist_part(void *arg, size_t glo, size_t ghi, int thread)
{
	const struct hjob *j = arg;
	const struct binned *bd = j->bd;
	const size_t nbund = bd->nbund;
	const uint8_t *r;
	const double *gh = j->gh;
	struct hbin *h, *d, *fh;
	size_t k, i, f, g, q, blo, bhi, x;
	double a, b;
	int bin, df;

	(void)thread;
	for (g = glo; g < ghi; g++) {
		blo = bd->gbund[g];
		bhi = bd->gbund[g + 1];
		memset(j->bh + blo * 256, 0, (bhi - blo) * 256 * sizeof(*h));
		for (k = j->lo; k < j->hi; k++) {
			i = j->idx[k];
			a = gh[2 * i];
			b = gh[2 * i + 1];
			r = bd->rows + i * nbund;
			for (q = blo; q < bhi; q++) {
				h = j->bh + q * 256 + r[q];
				h->a += a;
				h->b += b;
				h->c += 1;
			}
		}
		/* each feature's bins; the most common one is the node's
		 * totals less the others */
		for (x = bd->bstart[blo]; x < bd->bstart[bhi]; x++) {
			f = bd->bfeat[x];
			for (q = blo; bd->bstart[q + 1] <= x; q++)
				;
			fh = j->h + f * 256;
			df = bd->dflt[f];
			for (bin = 0; bin < bd->nb[f]; bin++)
				if (bin != df)
					fh[bin] = j->bh[q * 256 + (size_t)
					    (bd->foff[f] + (bin < df ? bin :
					    bin - 1))];
			d = fh + df;
			d->a = j->ta;
			d->b = j->tb;
			d->c = j->tc;
			for (bin = 0; bin < bd->nb[f]; bin++) {
				if (bin == df)
					continue;
				d->a -= fh[bin].a;
				d->b -= fh[bin].b;
				d->c -= fh[bin].c;
			}
		}
	}
}

static void
hist_build(const struct binned *bd, const struct tree_par *tp,
    struct tree_ws *ws, const size_t *idx, size_t lo, size_t hi,
    struct hbin *h, const double *tot)
{
	struct hjob j = { bd, idx, lo, hi, ws->gh, ws->bh, h, tot[0], tot[1],
	    tot[2] };

	par_for((size_t)bd->ngroups, (hi - lo) > 20000 ? tp->nthreads : 1,
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
    double *fadd, const size_t *va, size_t nva)
{
	struct tnode *nodes = NULL;
	int *sbin = NULL;
	size_t bcap = 0, x, v;
	struct stackent *st = NULL, e;
	void **pool = NULL, *tmp;
	size_t nn = 1, ncap = 0, scap = 0, pcap = 0, ns = 0, k, mid;
	struct split best;
	double ls[2], rs[2], tot[3];
	long f;
	int left_small;

	nodes = xgrow(nodes, &ncap, 1, sizeof(*nodes));
	st = xgrow(st, &scap, 1, sizeof(*st));
	e = root_entry(idx, m, a, b, 1);
	tot[0] = e.a;
	tot[1] = e.b;
	tot[2] = e.c;
	if (ws->gh == NULL)
		ws->gh = xcalloc(2 * ws->n + 1, sizeof(*ws->gh));
	if (ws->nbh < bd->nbund) {
		free(ws->bh);
		ws->bh = xcalloc(bd->nbund * 256, sizeof(*ws->bh));
		ws->nbh = bd->nbund;
	}
	for (k = 0; k < m; k++) {
		ws->gh[2 * idx[k]] = a[idx[k]];
		ws->gh[2 * idx[k] + 1] = b[idx[k]];
	}
	hist_build(bd, tp, ws, idx, 0, m, pool_slot(&pool, &pcap, 0,
	    HSIZE(bd)), tot);
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
		mid = partition(ws, bd, idx, &e, (size_t)f, best.bin, ws->gh,
		    ws->gh + 1, 2, ls, rs);
		nodes = xgrow(nodes, &ncap, nn + 2, sizeof(*nodes));
		sbin = xgrow(sbin, &bcap, nn + 2, sizeof(*sbin));
		sbin[e.node] = best.bin;
		nodes[e.node].feat = (int32_t)f;
		nodes[e.node].left = (int32_t)nn;
		nodes[e.node].thr = bd->edges[(size_t)f * MAXBINS +
		    (size_t)best.bin];
		if (gain != NULL)
			gain[f] += best.gain;
		st = xgrow(st, &scap, ns + 2, sizeof(*st));
		st[ns] = (struct stackent){ nn + 1, mid, e.hi, e.depth + 1,
		    rs[0], rs[1], (double)(e.hi - mid) };
		st[ns + 1] = (struct stackent){ nn, e.lo, mid, e.depth + 1,
		    ls[0], ls[1], (double)(mid - e.lo) };
		ns += 2;
		nn += 2;
		/* no histograms for two leaves */
		if (is_leaf(tp, &st[ns - 1]) && is_leaf(tp, &st[ns - 2]))
			continue;
		/* the smaller child scanned into slot ns + 1, the larger is
		 * the parent's (slot ns) minus it */
		ns -= 2;
		left_small = mid - e.lo <= e.hi - mid;
		(void)pool_slot(&pool, &pcap, ns + 1, HSIZE(bd));
		if (left_small) {
			tot[0] = ls[0];
			tot[1] = ls[1];
			tot[2] = (double)(mid - e.lo);
			hist_build(bd, tp, ws, idx, e.lo, mid, pool[ns + 1],
			    tot);
		} else {
			tot[0] = rs[0];
			tot[1] = rs[1];
			tot[2] = (double)(e.hi - mid);
			hist_build(bd, tp, ws, idx, mid, e.hi, pool[ns + 1],
			    tot);
		}
		hist_sub(pool[ns], pool[ns + 1], bd);
		if (!left_small) {
			tmp = pool[ns];
			pool[ns] = pool[ns + 1];
			pool[ns + 1] = tmp;
		}
		ns += 2;
	}
	/* the other rows (held out) go down by their bins: x <= thr is
	 * bin <= the split's bin */
	for (v = 0; v < nva; v++) {
		for (x = 0; nodes[x].feat >= 0;)
			x = (size_t)nodes[x].left + (bd->b[(size_t)nodes[x].feat *
			    bd->n + va[v]] <= sbin[x] ? 0 : 1);
		fadd[va[v]] += nodes[x].value;
	}
	free(sbin);
	pool_free(pool, pcap);
	free(st);
	*nodesp = nodes;
	*nnodes = nn;
}
