/*
 * ward.c: Ward's hierarchical clustering without an n x n matrix: the
 * nearest-neighbour chain on cluster centroids and sizes.  The Ward
 * cost of merging A and B is |A||B| / (|A| + |B|) * ||cA - cB||^2 (the
 * rise of the within-cluster sum of squares); the merge height is
 * sqrt(2 * cost), the distance of scipy's linkage(method="ward") and of
 * sklearn's AgglomerativeClustering.  Ward's linkage is reducible, so
 * the chain finds the same merges as the greedy algorithm; they are
 * then applied in order of height (union-find) up to k clusters or
 * below the height.  O(n^2 p) time, O(n p) memory.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "uf.h"
#include "ml/order.h"

#include "segment.h"

struct merge {
	size_t	 a, b;
	double	 h;
};

struct chain {
	double	*c;		/* n x p centroids (slot s holds row s) */
	double	*size;
	size_t	*act;		/* active slots, ascending */
	size_t	 nact, p;
};

static double
ward_cost(const struct chain *w, size_t a, size_t b)
{
	const double *x = w->c + a * w->p, *y = w->c + b * w->p;
	double s = 0, d;
	size_t j;

	for (j = 0; j < w->p; j++) {
		d = x[j] - y[j];
		s += d * d;
	}
	return w->size[a] * w->size[b] / (w->size[a] + w->size[b]) * s;
}

/* The nearest active slot to a: ties to prev (the chain's previous
 * element), then to the lowest slot. */
static size_t
nearest(const struct chain *w, size_t a, size_t prev, double *cost)
{
	size_t i, b = SIZE_MAX, s;
	double best = HUGE_VAL, d;

	for (i = 0; i < w->nact; i++) {
		s = w->act[i];
		if (s == a)
			continue;
		d = ward_cost(w, a, s);
		if (d < best || (d == best && s == prev)) {
			best = d;
			b = s;
		}
	}
	*cost = best;
	return b;
}

/* Merge slot b into slot a (a < b): weighted centroid, b leaves. */
static void
merge_slots(struct chain *w, size_t a, size_t b)
{
	double *x = w->c + a * w->p, *y = w->c + b * w->p;
	double na = w->size[a], nb = w->size[b];
	size_t j, i;

	for (j = 0; j < w->p; j++)
		x[j] = (na * x[j] + nb * y[j]) / (na + nb);
	w->size[a] = na + nb;
	for (i = 0; i < w->nact && w->act[i] != b; i++)
		;
	memmove(w->act + i, w->act + i + 1, (w->nact - i - 1) *
	    sizeof(*w->act));
	w->nact--;
}

static int
merge_cmp(const void *a, const void *b, void *ctx)
{
	const struct merge *x = a, *y = b;

	(void)ctx;
	return x->h < y->h ? -1 : x->h > y->h;
}

/* The n - 1 merges of the whole tree, in order of height. */
static struct merge *
nn_chain(const double *X, size_t n, size_t p)
{
	struct chain w;
	struct merge *m = xcalloc(n, sizeof(*m));
	size_t *st = xcalloc(n + 1, sizeof(*st)), len = 0, nm = 0, i, a, b;
	double cost;

	w.p = p;
	w.c = xmalloc(n * p * sizeof(*w.c) + 1);
	memcpy(w.c, X, n * p * sizeof(*w.c));
	w.size = xcalloc(n, sizeof(*w.size));
	w.act = xcalloc(n, sizeof(*w.act));
	for (i = 0; i < n; i++) {
		w.size[i] = 1;
		w.act[i] = i;
	}
	w.nact = n;
	while (w.nact > 1) {
		if (len == 0)
			st[len++] = w.act[0];
		a = st[len - 1];
		b = nearest(&w, a, len > 1 ? st[len - 2] : SIZE_MAX, &cost);
		if (len > 1 && b == st[len - 2]) {
			len -= 2;
			m[nm].a = a < b ? a : b;
			m[nm].b = a < b ? b : a;
			m[nm++].h = sqrt(2 * cost);
			merge_slots(&w, m[nm - 1].a, m[nm - 1].b);
		} else
			st[len++] = b;
	}
	sort_r(m, nm, sizeof(*m), merge_cmp, NULL);
	free(st);
	free(w.c);
	free(w.size);
	free(w.act);
	return m;
}

/*
 * Labels of the cut: k clusters (k > 0), or the merges below height;
 * clusters numbered 0.. in order of their first row.
 */
void
ward_labels(const double *X, size_t n, size_t p, size_t k, double height,
    long *lab)
{
	struct merge *m;
	struct uf *u;
	size_t i, nm, next = 0, *id;

	if (n == 0)
		return;
	m = nn_chain(X, n, p);
	u = uf_new(n);
	nm = k > 0 ? n - (k < n ? k : n) : n - 1;
	for (i = 0; i < nm && (k > 0 || m[i].h < height); i++)
		uf_union(u, m[i].a, m[i].b);
	id = xcalloc(n, sizeof(*id));
	for (i = 0; i < n; i++)
		id[i] = SIZE_MAX;
	for (i = 0; i < n; i++) {
		size_t r = uf_find(u, i);

		if (id[r] == SIZE_MAX)
			id[r] = next++;
		lab[i] = (long)id[r];
	}
	free(id);
	free(m);
	uf_free(u);
}
