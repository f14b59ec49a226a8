/*
 * dbscan.c: DBSCAN as scikit-learn computes it: a core point has at
 * least minpts points within eps (Euclidean, distance <= eps, the point
 * itself included); clusters grow from the core points in row order,
 * through core points only; a border point joins the first cluster
 * that reaches it; the rest is noise (-1).  Neighbours are found in a
 * window of the rows sorted by their first feature (|dx0| <= eps),
 * which is quick in the few dimensions of customer features.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ml/order.h"

#include "segment.h"

struct scan {
	const double	*X;
	size_t		 n, p;
	double		 eps, eps2;
	size_t		*ord;		/* rows by first feature */
	size_t		*pos;		/* row -> place in ord */
};

/*
 * Count the neighbours of row i (i included); with a stack, queue those
 * still unlabelled (-1), marking them -2.
 */
static size_t
neighbours(const struct scan *s, size_t i, long *lab, size_t *stack,
    size_t *top)
{
	const double *x = s->X + i * s->p, *y;
	size_t q, j, cnt = 0, dir;
	double d, e;
	long at;

	for (dir = 0; dir < 2; dir++)
		for (at = (long)s->pos[i] - (long)dir; at >= 0 &&
		    (size_t)at < s->n; at += dir ? -1 : 1) {
			y = s->X + s->ord[at] * s->p;
			if (fabs(y[0] - x[0]) > s->eps)
				break;
			for (d = 0, q = 0; q < s->p; q++) {
				e = x[q] - y[q];
				d += e * e;
			}
			if (d > s->eps2)
				continue;
			cnt++;
			j = s->ord[at];
			if (stack != NULL && lab[j] == -1) {
				lab[j] = -2;	/* queued once */
				stack[(*top)++] = j;
			}
		}
	return cnt;
}

size_t
dbscan_labels(const double *X, size_t n, size_t p, double eps,
    size_t minpts, long *lab)
{
	struct scan s = { X, n, p, eps, eps * eps, NULL, NULL };
	double *x0 = xcalloc(n + 1, sizeof(*x0));
	char *core = xcalloc(n + 1, 1);
	size_t *stack, top, i, j, nc = 0;

	s.ord = xcalloc(n + 1, sizeof(*s.ord));
	s.pos = xcalloc(n + 1, sizeof(*s.pos));
	for (i = 0; i < n; i++)
		x0[i] = X[i * p];
	argsort_double(x0, n, s.ord, 0);
	for (i = 0; i < n; i++) {
		s.pos[s.ord[i]] = i;
		lab[i] = -1;
	}
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
	free(x0);
	free(core);
	free(s.ord);
	free(s.pos);
	return nc;
}
