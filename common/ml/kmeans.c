/*
 * kmeans.c: k-means++ seeding and Lloyd's iterations (see kmeans.h).
 * A Lloyd pass handles blocks of KBLOCK rows: each row takes its
 * nearest centre, and each block sums its rows per cluster; the block
 * sums are then added in block order, so the new centres have the
 * same bits at any thread count.  Hamerly's passes (kmeans.h) keep
 * two bounds per row, Elkan's one upper and k lower bounds, and both
 * sum the blocks the same way, so that the three algorithms give the
 * same centres.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "par.h"
#include "rng.h"
#include "ml/kmeans.h"
#include "ml/sched.h"

#define KBLOCK	2048
#define C_OF(l, a)	((l)->C + (a) * (l)->p)

void
kmeans_defaults(struct kmeans_opts *o)
{
	o->k = 8;
	o->maxit = 300;
	o->tol = 1e-4;
	o->ninit = 1;
	o->seed = 0;
	o->nthreads = 1;
	o->algo = KMEANS_HAMERLY;
	o->refine = 0;
}

/*
 * Squared distance, summed in index order (the same bits as a plain
 * loop: the unrolled body adds term by term).
 */
static inline double
dist2(const double *x, const double *c, size_t p)
{
	double s = 0, d0, d1, d2, d3;
	size_t j = 0;

	for (; j + 4 <= p; j += 4) {
		d0 = x[j] - c[j];
		d1 = x[j + 1] - c[j + 1];
		d2 = x[j + 2] - c[j + 2];
		d3 = x[j + 3] - c[j + 3];
		s += d0 * d0;
		s += d1 * d1;
		s += d2 * d2;
		s += d3 * d3;
	}
	for (; j < p; j++) {
		d0 = x[j] - c[j];
		s += d0 * d0;
	}
	return s;
}

uint32_t
kmeans_assign(const double *C, size_t k, size_t p, const double *x,
    double *d2)
{
	double best = HUGE_VAL, d;
	uint32_t c, bc = 0;

	for (c = 0; c < k; c++) {
		d = dist2(x, C + c * p, p);
		if (d < best) {
			best = d;
			bc = c;
		}
	}
	if (d2 != NULL)
		*d2 = best;
	return bc;
}

void
kmeans_pp(const double *X, size_t n, size_t p, size_t k, struct rng *r,
    double *C)
{
	size_t trials = 2 + (size_t)log((double)k), c, t, i, best = 0;
	double *closest, *cand, *bestd, pot = 0, cpot, u, acc, bpot, d;
	size_t id;

	closest = xcalloc(n, sizeof(*closest));
	cand = xcalloc(n, sizeof(*cand));
	bestd = xcalloc(n, sizeof(*bestd));
	id = (size_t)rng_below(r, n);
	memcpy(C, X + id * p, p * sizeof(*C));
	for (i = 0; i < n; i++) {
		closest[i] = dist2(X + i * p, C, p);
		pot += closest[i];
	}
	for (c = 1; c < k; c++) {
		bpot = HUGE_VAL;
		for (t = 0; t < trials; t++) {
			/* the first row whose running sum reaches u */
			u = rng_uniform(r) * pot;
			for (acc = 0, id = 0; id + 1 < n; id++) {
				acc += closest[id];
				if (acc >= u)
					break;
			}
			for (cpot = 0, i = 0; i < n; i++) {
				/* not fmin: a call per row where no NaN is */
				d = dist2(X + i * p, X + id * p, p);
				cand[i] = d < closest[i] ? d : closest[i];
				cpot += cand[i];
			}
			if (cpot < bpot) {
				bpot = cpot;
				best = id;
				memcpy(bestd, cand, n * sizeof(*cand));
			}
		}
		memcpy(C + c * p, X + best * p, p * sizeof(*C));
		memcpy(closest, bestd, n * sizeof(*closest));
		pot = bpot;
	}
	free(closest);
	free(cand);
	free(bestd);
}

/* One Lloyd pass: labels and distances of every row, sums per block. */
struct lloyd;
static inline uint32_t hamerly_row(const struct lloyd *, size_t,
    const double *);
static inline uint32_t elkan_row(const struct lloyd *, size_t,
    const double *);
struct lloyd {
	const double	*X, *C;
	size_t		 n, p, k;
	uint32_t	*lab;
	double		*d2;
	double		*bsum;		/* per block: k x p sums, then k counts */
	size_t		*changed;	/* per block */
	/* Hamerly: NULL up for plain Lloyd */
	double		*up, *lo;	/* per row: bounds (distances) */
	const double	*half;		/* per centre: half the gap to the
					   nearest other centre */
	const double	*delta;		/* per centre: its last move */
	double		 dmax, dmax2;	/* the largest move, the second */
	uint32_t	 amax;		/* whose move is dmax */
	/* Elkan: NULL but for Elkan's passes */
	double		*lok;		/* per row: k lower bounds */
	const double	*cc;		/* k x k: half the centres' distances */
};

/*
 * Hamerly: row i's nearest centre, unless its bounds (moved by the
 * last shift) prove it kept its centre.  A full scan takes the lowest
 * of the equal nearest ones, as kmeans_assign does, and sets d2; a
 * skipped row keeps its d2 from an earlier pass (not exact).
 */
static inline uint32_t
hamerly_row(const struct lloyd *l, size_t i, const double *x)
{
	uint32_t a = l->lab[i], c, bc = 0;
	double m, d, best = HUGE_VAL, second = HUGE_VAL;

	if (a != UINT32_MAX) {
		l->up[i] += l->delta[a];
		l->lo[i] -= a == l->amax ? l->dmax2 : l->dmax;
		/* a margin for rounding in the bounds */
		m = (l->half[a] > l->lo[i] ? l->half[a] : l->lo[i]) *
		    (1 - 1e-12);
		if (l->up[i] < m)
			return a;
		l->up[i] = sqrt(dist2(x, l->C + a * l->p, l->p));
		if (l->up[i] < m) {
			l->d2[i] = l->up[i] * l->up[i];
			return a;
		}
	}
	for (c = 0; c < l->k; c++) {
		d = dist2(x, l->C + c * l->p, l->p);
		if (d < best) {
			second = best;
			best = d;
			bc = c;
		} else if (d < second)
			second = d;
	}
	l->d2[i] = best;
	l->up[i] = sqrt(best);
	l->lo[i] = sqrt(second);
	return bc;
}

/*
 * Elkan: row i's nearest centre, computing only the distances that its
 * bounds (an upper one to its centre, a lower one to each centre, moved
 * by the last shifts) and half the centres' distances do not rule out;
 * margins of 1e-12 for rounding.  The distances computed are compared
 * squared, as kmeans_assign compares them, and a centre at the same
 * distance is never ruled out, so that ties go to the lowest centre.
 */
static inline uint32_t
elkan_row(const struct lloyd *l, size_t i, const double *x)
{
	uint32_t a = l->lab[i], c, k = (uint32_t)l->k;
	double *lo = l->lok + i * l->k, u, b2 = -1, d2;
	const double m = 1 - 1e-12;

	if (a == UINT32_MAX) {	/* the first pass: every distance */
		for (a = 0, c = 0; c < k; c++) {
			d2 = dist2(x, C_OF(l, c), l->p);
			lo[c] = sqrt(d2);
			if (b2 < 0 || d2 < b2) {
				b2 = d2;
				a = c;
			}
		}
		l->up[i] = sqrt(b2);
		l->d2[i] = b2;
		return a;
	}
	u = l->up[i] + l->delta[a];
	for (c = 0; c < k; c++)
		lo[c] -= l->delta[c];
	if (u < l->half[a] * m) {
		l->up[i] = u;
		return a;
	}
	for (c = 0; c < k; c++) {
		if (c == a || u < lo[c] * m || u < l->cc[a * k + c] * m)
			continue;
		if (b2 < 0) {	/* the upper bound made exact */
			b2 = dist2(x, C_OF(l, a), l->p);
			u = lo[a] = sqrt(b2);
			if (u < lo[c] * m || u < l->cc[a * k + c] * m)
				continue;
		}
		d2 = dist2(x, C_OF(l, c), l->p);
		lo[c] = sqrt(d2);
		if (d2 < b2 || (d2 == b2 && c < a)) {
			a = c;
			b2 = d2;
			u = lo[c];
		}
	}
	l->up[i] = u;
	if (b2 >= 0)
		l->d2[i] = b2;
	return a;
}

static void
lloyd_blocks(void *arg, size_t lo, size_t hi, int thread)
{
	const struct lloyd *l = arg;
	size_t b, i, j, end, ch;
	double *s, *cnt;
	const double *x;
	uint32_t c;

	(void)thread;
	for (b = lo; b < hi; b++) {
		s = l->bsum + b * l->k * (l->p + 1);
		cnt = s + l->k * l->p;
		end = (b + 1) * KBLOCK < l->n ? (b + 1) * KBLOCK : l->n;
		memset(s, 0, l->k * (l->p + 1) * sizeof(*s));
		for (ch = 0, i = b * KBLOCK; i < end; i++) {
			x = l->X + i * l->p;
			c = l->lok != NULL ? elkan_row(l, i, x) :
			    l->up != NULL ? hamerly_row(l, i, x) :
			    kmeans_assign(l->C, l->k, l->p, x, &l->d2[i]);
			ch += c != l->lab[i];
			l->lab[i] = c;
			for (j = 0; j < l->p; j++)
				s[c * l->p + j] += x[j];
			cnt[c] += 1;
		}
		l->changed[b] = ch;
	}
}

/*
 * Assign every row to the nearest of the centres C and sum the blocks
 * into sum (k x p) and cnt (k).  Returns how many labels changed.
 */
static size_t
lloyd_pass(struct lloyd *l, int nthreads, double *sum, double *cnt)
{
	size_t nb = (l->n + KBLOCK - 1) / KBLOCK, b, q, ch = 0;
	const double *s;

	par_for_grain(nb, nthreads, 1, lloyd_blocks, l);
	memset(sum, 0, l->k * l->p * sizeof(*sum));
	memset(cnt, 0, l->k * sizeof(*cnt));
	for (b = 0; b < nb; b++) {
		s = l->bsum + b * l->k * (l->p + 1);
		for (q = 0; q < l->k * l->p; q++)
			sum[q] += s[q];
		for (q = 0; q < l->k; q++)
			cnt[q] += s[l->k * l->p + q];
		ch += l->changed[b];
	}
	return ch;
}

/*
 * Empty clusters take the rows farthest from their centres, which
 * leave their old clusters' sums (sklearn's relocation).
 */
static void
relocate(struct lloyd *l, double *sum, double *cnt)
{
	size_t c, i, j, far, p = l->p;
	uint32_t old;

	for (c = 0; c < l->k; c++) {
		if (cnt[c] > 0)
			continue;
		far = l->n;
		for (i = 0; i < l->n; i++)
			if (cnt[l->lab[i]] > 1 && (far == l->n ||
			    l->d2[i] > l->d2[far]))
				far = i;
		if (far == l->n)
			return;
		old = l->lab[far];
		for (j = 0; j < p; j++) {
			sum[old * p + j] -= l->X[far * p + j];
			sum[c * p + j] = l->X[far * p + j];
		}
		cnt[old] -= 1;
		cnt[c] = 1;
		l->lab[far] = (uint32_t)c;
		l->d2[far] = 0;
	}
}

/* The tolerance of the shift: tol times the mean column variance. */
static double
shift_tol(const double *X, size_t n, size_t p, double tol)
{
	double *mean = xcalloc(p + 1, sizeof(*mean)), var = 0, d;
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < p; j++)
			mean[j] += X[i * p + j];
	for (j = 0; j < p; j++)
		mean[j] /= (double)n;
	for (i = 0; i < n; i++)
		for (j = 0; j < p; j++) {
			d = X[i * p + j] - mean[j];
			var += d * d;
		}
	free(mean);
	return tol * (var / (double)n / (double)p);
}

/*
 * The bookkeeping of the bounds after the centres moved from old to C:
 * each centre's move, the two largest, each centre's half gap and (cc
 * not NULL, Elkan) half of every pair's distance.
 */
static void
hamerly_moves(struct lloyd *l, const double *old, double *delta, double *half,
    double *cc)
{
	size_t a, b, k = l->k, p = l->p;
	double d;

	l->dmax = l->dmax2 = 0;
	l->amax = 0;
	for (a = 0; a < k; a++) {
		delta[a] = sqrt(dist2(C_OF(l, a), old + a * p, p));
		if (delta[a] > l->dmax) {
			l->dmax2 = l->dmax;
			l->dmax = delta[a];
			l->amax = (uint32_t)a;
		} else if (delta[a] > l->dmax2)
			l->dmax2 = delta[a];
		half[a] = HUGE_VAL;
	}
	for (a = 0; a < k; a++)
		for (b = a + 1; b < k; b++) {
			d = 0.5 * sqrt(dist2(C_OF(l, a), C_OF(l, b), p));
			half[a] = fmin(half[a], d);
			half[b] = fmin(half[b], d);
			if (cc != NULL)
				cc[a * k + b] = cc[b * k + a] = d;
		}
}

/* Any cluster without rows after a pass. */
static int
any_empty(const double *cnt, size_t k)
{
	size_t c;

	for (c = 0; c < k; c++)
		if (cnt[c] == 0)
			return 1;
	return 0;
}

/*
 * The iterations of the three algorithms (algo: with bounds unless
 * Lloyd).  An empty cluster under bounds first gets exact distances (a
 * plain pass, same labels), then the relocation, then bounds that
 * prove nothing.
 */
static double
kmeans_iter(const double *X, size_t n, size_t p, size_t k, double *C,
    uint32_t *labels, int maxit, double tol, int nthreads,
    struct kmeans_info *info, enum kmeans_algo algo)
{
	int hamerly = algo != KMEANS_LLOYD;	/* any bounds */
	double *lok = NULL, *cc = NULL;
	struct lloyd l;
	struct kmeans_info in = { 0, 0, 0, 0 };
	size_t nb = (n + KBLOCK - 1) / KBLOCK, i, j, ch;
	double *sum, *cnt, *old = NULL, *delta = NULL, *half = NULL, shift, d,
	    inertia = 0;
	double *up = NULL;

	memset(&l, 0, sizeof(l));
	l.X = X;
	l.C = C;
	l.n = n;
	l.p = p;
	l.k = k;
	l.lab = labels != NULL ? labels : xcalloc(n ? n : 1, sizeof(*l.lab));
	l.d2 = xcalloc(n ? n : 1, sizeof(*l.d2));
	l.bsum = xcalloc(nb * k * (p + 1) + 1, sizeof(*l.bsum));
	l.changed = xcalloc(nb + 1, sizeof(*l.changed));
	sum = xcalloc(k * p + 1, sizeof(*sum));
	cnt = xcalloc(k + 1, sizeof(*cnt));
	if (hamerly) {
		up = xcalloc(2 * n + 1, sizeof(*up));
		old = xcalloc(k * p + 1, sizeof(*old));
		delta = xcalloc(k + 1, sizeof(*delta));
		half = xcalloc(k + 1, sizeof(*half));
		l.delta = delta;
		l.half = half;
	}
	if (algo == KMEANS_ELKAN) {
		lok = xcalloc(n * k + 1, sizeof(*lok));
		cc = xcalloc(k * k + 1, sizeof(*cc));
		l.cc = cc;
	}
	tol = shift_tol(X, n, p, tol);
	for (i = 0; i < n; i++)
		l.lab[i] = UINT32_MAX;
	while (in.iters < maxit) {
		l.up = up;
		l.lo = up != NULL ? up + n : NULL;
		l.lok = lok;
		ch = lloyd_pass(&l, nthreads, sum, cnt);
		in.iters++;
		if (hamerly && any_empty(cnt, k)) {
			l.up = NULL;
			l.lok = NULL;
			lloyd_pass(&l, nthreads, sum, cnt);
			for (i = 0; i < n; i++) {
				up[i] = HUGE_VAL;
				up[n + i] = 0;
			}
			if (lok != NULL)
				memset(lok, 0, n * k * sizeof(*lok));
			/* the relocation moves rows the block sums keep */
				}
		relocate(&l, sum, cnt);
		if (hamerly)
			memcpy(old, C, k * p * sizeof(*C));
		for (shift = 0, i = 0; i < k; i++)
			for (j = 0; j < p; j++) {
				d = cnt[i] > 0 ? sum[i * p + j] / cnt[i] :
				    C[i * p + j];
				shift += (d - C[i * p + j]) * (d - C[i * p + j]);
				C[i * p + j] = d;
			}
		if (hamerly)
			hamerly_moves(&l, old, delta, half, cc);
		if (ch == 0 && !hamerly) {
			/* the labels stood: the centres are their means */
			in.converged = 1;
			break;
		}
		if (ch == 0 || shift <= tol) {
			in.converged = 1;
			/* labels (and exact distances) of the final centres */
			l.up = NULL;
			l.lok = NULL;
			lloyd_pass(&l, nthreads, sum, cnt);
			break;
		}
	}
	if (!in.converged) {
		l.up = NULL;
		l.lok = NULL;
		lloyd_pass(&l, nthreads, sum, cnt);
	}
	/* the inertia, over the blocks in order */
	for (i = 0; i < nb; i++) {
		for (d = 0, j = i * KBLOCK; j < n && j < (i + 1) * KBLOCK; j++)
			d += l.d2[j];
		inertia += d;
	}
	in.inertia = inertia;
	if (info != NULL)
		*info = in;
	if (labels == NULL)
		free(l.lab);
	free(l.d2);
	free(l.bsum);
	free(l.changed);
	free(sum);
	free(cnt);
	free(up);
	free(old);
	free(delta);
	free(half);
	free(lok);
	free(cc);
	return inertia;
}

double
kmeans_lloyd(const double *X, size_t n, size_t p, size_t k, double *C,
    uint32_t *labels, int maxit, double tol, int nthreads,
    struct kmeans_info *info)
{
	return kmeans_iter(X, n, p, k, C, labels, maxit, tol, nthreads, info,
	    KMEANS_LLOYD);
}

double
kmeans_hamerly(const double *X, size_t n, size_t p, size_t k, double *C,
    uint32_t *labels, int maxit, double tol, int nthreads,
    struct kmeans_info *info)
{
	return kmeans_iter(X, n, p, k, C, labels, maxit, tol, nthreads, info,
	    KMEANS_HAMERLY);
}

double
kmeans_elkan(const double *X, size_t n, size_t p, size_t k, double *C,
    uint32_t *labels, int maxit, double tol, int nthreads,
    struct kmeans_info *info)
{
	return kmeans_iter(X, n, p, k, C, labels, maxit, tol, nthreads, info,
	    KMEANS_ELKAN);
}

/* The exact means of the clusters of labels into C (empty: kept). */
static void
cluster_means(const double *X, size_t n, size_t p, size_t k, double *C,
    const uint32_t *lab)
{
	double *sum = xcalloc(k * p + 1, sizeof(*sum));
	size_t *cnt = xcalloc(k + 1, sizeof(*cnt)), i, j;

	for (i = 0; i < n; i++) {
		cnt[lab[i]]++;
		for (j = 0; j < p; j++)
			sum[lab[i] * p + j] += X[i * p + j];
	}
	for (i = 0; i < k; i++)
		for (j = 0; j < p && cnt[i] > 0; j++)
			C[i * p + j] = sum[i * p + j] / (double)cnt[i];
	free(sum);
	free(cnt);
}

size_t
kmeans_hartigan(const double *X, size_t n, size_t p, size_t k, double *C,
    uint32_t *labels, int maxpass)
{
	double *cnt = xcalloc(k + 1, sizeof(*cnt)), da, db, best, na, nb;
	size_t i, j, moves = 0, pass_moves;
	const double *x;
	uint32_t a, b, c;
	int pass;

	cluster_means(X, n, p, k, C, labels);
	for (i = 0; i < n; i++)
		cnt[labels[i]] += 1;
	for (pass = 0; pass < maxpass; pass++) {
		for (pass_moves = 0, i = 0; i < n; i++) {
			x = X + i * p;
			a = labels[i];
			if (cnt[a] <= 1)
				continue;
			da = cnt[a] / (cnt[a] - 1) * dist2(x, C + a * p, p);
			for (best = HUGE_VAL, b = a, c = 0; c < k; c++) {
				if (c == a)
					continue;
				db = cnt[c] / (cnt[c] + 1) *
				    dist2(x, C + c * p, p);
				if (db < best) {
					best = db;
					b = c;
				}
			}
			/* a margin: only a clear gain, not rounding */
			if (!(best < da * (1 - 1e-9)))
				continue;
			na = cnt[a];
			nb = cnt[b];
			for (j = 0; j < p; j++) {
				C[a * p + j] = (na * C[a * p + j] - x[j]) /
				    (na - 1);
				C[b * p + j] = (nb * C[b * p + j] + x[j]) /
				    (nb + 1);
			}
			cnt[a] -= 1;
			cnt[b] += 1;
			labels[i] = b;
			pass_moves++;
		}
		moves += pass_moves;
		if (pass_moves == 0)
			break;
	}
	cluster_means(X, n, p, k, C, labels);
	free(cnt);
	return moves;
}

/* The restarts: run r seeds and iterates on its own thread. */
struct kjob {
	const double		*X;
	size_t			 n, p;
	const struct kmeans_opts *o;
	double			*C;		/* ninit x k x p */
	struct kmeans_info	*info;		/* ninit */
	int			 nthreads;	/* for each Lloyd */
};

static void
kmeans_run(void *arg, size_t run, struct rng *r, int thread)
{
	const struct kjob *j = arg;
	double *C = j->C + run * j->o->k * j->p;

	(void)thread;
	kmeans_pp(j->X, j->n, j->p, j->o->k, r, C);
	(j->o->algo == KMEANS_LLOYD ? kmeans_lloyd : j->o->algo ==
	    KMEANS_ELKAN ? kmeans_elkan : kmeans_hamerly)(j->X,
	    j->n, j->p, j->o->k, C, NULL, j->o->maxit, j->o->tol, j->nthreads,
	    &j->info[run]);
	j->info[run].run = (int)run;
}

/*
 * The run kept, polished: Hartigan's moves, then the iterations to the
 * end (no tolerance), while the moves find something (at most 20
 * rounds).  The inertia does not rise.
 */
static void
refine(const double *X, size_t n, size_t p, const struct kmeans_opts *o,
    double *C, struct kmeans_info *info)
{
	uint32_t *lab = xcalloc(n, sizeof(*lab));
	struct kmeans_info again;
	double *C2 = xcalloc(o->k * p, sizeof(*C2));
	int round;

	for (round = 0; round < 20; round++) {
		memcpy(C2, C, o->k * p * sizeof(*C));
		kmeans_hamerly(X, n, p, o->k, C2, lab, 0, 0, o->nthreads,
		    NULL);
		if (kmeans_hartigan(X, n, p, o->k, C2, lab, 100) == 0)
			break;
		kmeans_hamerly(X, n, p, o->k, C2, NULL, o->maxit, 0,
		    o->nthreads, &again);
		if (!(again.inertia < info->inertia))
			break;
		memcpy(C, C2, o->k * p * sizeof(*C));
		info->inertia = again.inertia;
		info->iters += again.iters;
	}
	free(C2);
	free(lab);
}

int
kmeans_fit(const double *X, size_t n, size_t p, const struct kmeans_opts *o,
    double *C, uint32_t *labels, struct kmeans_info *info)
{
	size_t ninit = o->ninit > 0 ? (size_t)o->ninit : 1, r, best = 0;
	struct kjob j = { X, n, p, o, NULL, NULL, 1 };

	if (o->k == 0 || o->k > n || p == 0)
		return -1;
	j.C = xcalloc(ninit * o->k * p, sizeof(*j.C));
	j.info = xcalloc(ninit, sizeof(*j.info));
	/* one run: its Lloyd passes get the threads; else the runs do */
	j.nthreads = ninit == 1 ? o->nthreads : 1;
	sched_run(ninit, ninit == 1 ? 1 : o->nthreads, o->seed, kmeans_run,
	    &j);
	for (r = 1; r < ninit; r++)
		if (j.info[r].inertia < j.info[best].inertia)
			best = r;
	memcpy(C, j.C + best * o->k * p, o->k * p * sizeof(*C));
	if (o->refine)
		refine(X, n, p, o, C, &j.info[best]);
	if (labels != NULL)
		for (r = 0; r < n; r++)
			labels[r] = kmeans_assign(C, o->k, p, X + r * p, NULL);
	if (info != NULL)
		*info = j.info[best];
	free(j.C);
	free(j.info);
	return 0;
}
