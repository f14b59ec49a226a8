/*
 * dbscan.c: DBSCAN as scikit-learn computes it: a core point has at
 * least minpts points within eps (Euclidean, distance <= eps, the point
 * itself included); clusters grow from the core points in row order,
 * through core points only; a border point joins the first cluster
 * that reaches it; the rest is noise (-1).  Neighbours are found
 * through a grid of cells of side eps on the first three features (or
 * fewer): the rows sorted by cell, a row's neighbours are in the 3^g
 * cells around its own, which is quick in the few dimensions of
 * customer features.
 *
 * Bounded time: identical rows are one weighted point (a core point
 * counts the weights of its neighbours), so that a duplicate-heavy
 * table costs what its distinct rows cost, and before any distance the
 * pairs of distinct points the grid would compare (each pass compares
 * at most these) are counted from the cell sizes: above maxpairs, no
 * work is done and the caller reports an eps too large for the data.
 * Identical rows have the same neighbours, and the first row of each
 * starts the same cluster, so the labels are those of the rows.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "ml/order.h"

#include "segment.h"

#define GRID_DIMS	3

struct scan {
	const double	*X;		/* n distinct points */
	const size_t	*w;		/* their weights (rows) */
	size_t		 n, p, g;	/* g: grid dimensions */
	double		 eps, eps2;
	int64_t		*cell;		/* n x g cell coordinates */
	size_t		*ord;		/* rows by cell, then row */
};

static int
cell_cmp(const int64_t *a, const int64_t *b, size_t g)
{
	size_t q;

	for (q = 0; q < g; q++)
		if (a[q] != b[q])
			return a[q] < b[q] ? -1 : 1;
	return 0;
}

static int
row_cmp(const void *a, const void *b, void *ctx)
{
	const struct scan *s = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = cell_cmp(s->cell + i * s->g, s->cell + j * s->g, s->g);

	return c != 0 ? c : i < j ? -1 : i > j;
}

/* The first place in ord whose cell is not below t. */
static size_t
lower(const struct scan *s, const int64_t *t)
{
	size_t lo = 0, hi = s->n, m;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (cell_cmp(s->cell + s->ord[m] * s->g, t, s->g) < 0)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/* The first place in ord whose cell is above t. */
static size_t
upper(const struct scan *s, const int64_t *t)
{
	size_t lo = 0, hi = s->n, m;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (cell_cmp(s->cell + s->ord[m] * s->g, t, s->g) <= 0)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/* The 3^g cells around the cell c into t (g x 3^g), their number. */
static size_t
around(const struct scan *s, const int64_t *c, int64_t *t)
{
	size_t q, j, o, no = 1;

	for (q = 0; q < s->g; q++)
		no *= 3;
	for (o = 0; o < no; o++)
		for (j = o, q = 0; q < s->g; q++, j /= 3)
			t[o * s->g + q] = c[q] + (int64_t)(j % 3) - 1;
	return no;
}

/*
 * The pairs of points the grid compares: for each run of points in one
 * cell, its length times the points of the cells around it.
 */
static double
pairs(const struct scan *s)
{
	int64_t t[27 * GRID_DIMS];
	const int64_t *c;
	size_t a = 0, b, o, no;
	double tot = 0, cand;

	while (a < s->n) {
		c = s->cell + s->ord[a] * s->g;
		b = upper(s, c);
		no = around(s, c, t);
		for (cand = 0, o = 0; o < no; o++)
			cand += (double)(upper(s, t + o * s->g) -
			    lower(s, t + o * s->g));
		tot += cand * (double)(b - a);
		a = b;
	}
	return tot;
}

/*
 * The rows within eps of point i (i included, each point its weight);
 * with a stack, queue the points still unlabelled (-1), marking them -2.
 */
static size_t
neighbours(const struct scan *s, size_t i, long *lab, size_t *stack,
    size_t *top)
{
	const double *x = s->X + i * s->p, *y;
	int64_t t[27 * GRID_DIMS];
	size_t q, j, at, cnt = 0, o, no;
	double d, e;

	no = around(s, s->cell + i * s->g, t);
	for (o = 0; o < no; o++) {
		for (at = lower(s, t + o * s->g); at < s->n && cell_cmp(s->cell +
		    s->ord[at] * s->g, t + o * s->g, s->g) == 0; at++) {
			j = s->ord[at];
			y = s->X + j * s->p;
			for (d = 0, q = 0; q < s->p; q++) {
				e = x[q] - y[q];
				d += e * e;
			}
			if (d > s->eps2)
				continue;
			cnt += s->w[j];
			if (stack != NULL && lab[j] == -1) {
				lab[j] = -2;	/* queued once */
				stack[(*top)++] = j;
			}
		}
	}
	return cnt;
}

/* The grid: each row's cell (floor(x / eps), kept within +-2^50). */
static void
grid(struct scan *s)
{
	size_t i, q;
	double c;

	s->g = s->p < GRID_DIMS ? s->p : GRID_DIMS;
	s->cell = xcalloc(s->n * s->g + 1, sizeof(*s->cell));
	s->ord = xcalloc(s->n + 1, sizeof(*s->ord));
	for (i = 0; i < s->n; i++) {
		for (q = 0; q < s->g; q++) {
			c = floor(s->X[i * s->p + q] / s->eps);
			c = c < -0x1p50 ? -0x1p50 : c > 0x1p50 ? 0x1p50 : c;
			s->cell[i * s->g + q] = (int64_t)c;
		}
		s->ord[i] = i;
	}
	sort_r(s->ord, s->n, sizeof(*s->ord), row_cmp, s);
}

/*
 * The distinct rows of X (n x p) into U (room for n x p), in order of
 * first appearance, their weights into w and each row's point into of.
 * Returns their number.
 */
static size_t
distinct(const double *X, size_t n, size_t p, double *U, size_t *w,
    size_t *of)
{
	struct strmap *m = strmap_new();
	size_t i, u, nu = 0;
	int isnew;

	for (i = 0; i < n; i++) {
		u = strmap_intern(m, (const char *)(X + i * p),
		    p * sizeof(*X), &isnew);
		if (u == STRMAP_FULL) {	/* no room: the row stands alone */
			u = nu;
			isnew = 1;
		}
		if (isnew) {
			memcpy(U + nu * p, X + i * p, p * sizeof(*X));
			w[nu++] = 0;
		}
		w[u]++;
		of[i] = u;
	}
	strmap_free(m);
	return nu;
}

/* Clusters grown from the core points in order; labels of the points. */
static size_t
expand(const struct scan *s, const char *core, long *lab)
{
	size_t *stack = xcalloc(s->n + 1, sizeof(*stack)), top, i, j, nc = 0;

	/* a point is queued once (-2): the stack holds at most n points;
	 * the partition is the one of sklearn's stack, which may queue a
	 * row twice, as the rows a cluster reaches do not depend on the
	 * order */
	for (i = 0; i < s->n; i++) {
		if (lab[i] != -1 || !core[i])
			continue;
		top = 0;
		stack[top++] = i;
		lab[i] = -2;
		while (top > 0) {
			j = stack[--top];
			lab[j] = (long)nc;
			if (core[j])
				neighbours(s, j, lab, stack, &top);
		}
		nc++;
	}
	free(stack);
	return nc;
}

int
dbscan_labels(const double *X, size_t n, size_t p, const struct dbscan_opts
    *o, long *lab, struct dbscan_info *info)
{
	struct scan s = { NULL, NULL, 0, p, 0, o->eps, o->eps * o->eps, NULL,
	    NULL };
	double *U = xcalloc(n * p + 1, sizeof(*U));
	size_t *w = xcalloc(n + 1, sizeof(*w)), *of = xcalloc(n + 1,
	    sizeof(*of)), i;
	long *ul;
	char *core;

	s.n = distinct(X, n, p, U, w, of);
	s.X = U;
	s.w = w;
	grid(&s);
	info->distinct = s.n;
	info->pairs = pairs(&s);
	info->nclusters = 0;
	if (info->pairs > o->maxpairs) {
		free(s.cell);
		free(s.ord);
		free(U);
		free(w);
		free(of);
		return -1;
	}
	ul = xcalloc(s.n + 1, sizeof(*ul));
	core = xcalloc(s.n + 1, 1);
	for (i = 0; i < s.n; i++)
		ul[i] = -1;
	for (i = 0; i < s.n; i++)
		core[i] = neighbours(&s, i, ul, NULL, NULL) >= o->minpts;
	info->nclusters = expand(&s, core, ul);
	for (i = 0; i < n; i++)
		lab[i] = ul[of[i]];
	free(ul);
	free(core);
	free(s.cell);
	free(s.ord);
	free(U);
	free(w);
	free(of);
	return 0;
}
