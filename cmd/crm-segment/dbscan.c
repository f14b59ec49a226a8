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
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ml/order.h"

#include "segment.h"

#define GRID_DIMS	3

struct scan {
	const double	*X;
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

/*
 * Count the neighbours of row i (i included); with a stack, queue those
 * still unlabelled (-1), marking them -2.
 */
static size_t
neighbours(const struct scan *s, size_t i, long *lab, size_t *stack,
    size_t *top)
{
	const double *x = s->X + i * s->p, *y;
	int64_t t[GRID_DIMS];
	size_t q, j, at, cnt = 0, o, no = 1;
	double d, e;

	for (q = 0; q < s->g; q++)
		no *= 3;
	for (o = 0; o < no; o++) {
		for (j = o, q = 0; q < s->g; q++, j /= 3)
			t[q] = s->cell[i * s->g + q] + (int64_t)(j % 3) - 1;
		for (at = lower(s, t); at < s->n && cell_cmp(s->cell +
		    s->ord[at] * s->g, t, s->g) == 0; at++) {
			j = s->ord[at];
			y = s->X + j * s->p;
			for (d = 0, q = 0; q < s->p; q++) {
				e = x[q] - y[q];
				d += e * e;
			}
			if (d > s->eps2)
				continue;
			cnt++;
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

size_t
dbscan_labels(const double *X, size_t n, size_t p, double eps,
    size_t minpts, long *lab)
{
	struct scan s = { X, n, p, 0, eps, eps * eps, NULL, NULL };
	char *core = xcalloc(n + 1, 1);
	size_t *stack, top, i, j, nc = 0;

	grid(&s);
	for (i = 0; i < n; i++)
		lab[i] = -1;
	for (i = 0; i < n; i++)
		core[i] = neighbours(&s, i, lab, NULL, NULL) >= minpts;
	/* a row is queued once (-2): the stack holds at most n rows; the
	 * partition is the one of sklearn's stack, which may queue a row
	 * twice, as the rows a cluster reaches do not depend on the order */
	stack = xcalloc(n + 1, sizeof(*stack));
	for (i = 0; i < n; i++) {
		if (lab[i] != -1 || !core[i])
			continue;
		top = 0;
		stack[top++] = i;
		lab[i] = -2;
		while (top > 0) {
			j = stack[--top];
			lab[j] = (long)nc;
			if (core[j])
				neighbours(&s, j, lab, stack, &top);
		}
		nc++;
	}
	free(stack);
	free(core);
	free(s.cell);
	free(s.ord);
	return nc;
}
