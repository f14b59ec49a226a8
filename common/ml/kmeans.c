/*
 * kmeans.c: k-means++ seeding and Lloyd's iterations (see kmeans.h).
 * A Lloyd pass handles blocks of KBLOCK rows: each row takes its
 * nearest centre, and each block sums its rows per cluster; the block
 * sums are then added in block order, so the new centres have the
 * same bits at any thread count.
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

void
kmeans_defaults(struct kmeans_opts *o)
{
	o->k = 8;
	o->maxit = 300;
	o->tol = 1e-4;
	o->ninit = 1;
	o->seed = 0;
	o->nthreads = 1;
}

static double
dist2(const double *x, const double *c, size_t p)
{
	double s = 0, d;
	size_t j;

	for (j = 0; j < p; j++) {
		d = x[j] - c[j];
		s += d * d;
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
	double *closest, *cand, *bestd, pot = 0, cpot, u, acc, bpot;
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
				cand[i] = fmin(closest[i],
				    dist2(X + i * p, X + id * p, p));
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
struct lloyd {
	const double	*X, *C;
	size_t		 n, p, k;
	uint32_t	*lab;
	double		*d2;
	double		*bsum;		/* per block: k x p sums, then k counts */
	size_t		*changed;	/* per block */
};

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
		memset(s, 0, l->k * (l->p + 1) * sizeof(*s));
		end = (b + 1) * KBLOCK < l->n ? (b + 1) * KBLOCK : l->n;
		for (ch = 0, i = b * KBLOCK; i < end; i++) {
			x = l->X + i * l->p;
			c = kmeans_assign(l->C, l->k, l->p, x, &l->d2[i]);
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

double
kmeans_lloyd(const double *X, size_t n, size_t p, size_t k, double *C,
    uint32_t *labels, int maxit, double tol, int nthreads,
    struct kmeans_info *info)
{
	struct lloyd l = { X, C, n, p, k, NULL, NULL, NULL, NULL };
	struct kmeans_info in = { 0, 0, 0, 0 };
	size_t nb = (n + KBLOCK - 1) / KBLOCK, i, j, ch;
	double *sum, *cnt, *mean, var = 0, shift, d, inertia = 0;

	l.lab = labels != NULL ? labels : xcalloc(n ? n : 1, sizeof(*l.lab));
	l.d2 = xcalloc(n ? n : 1, sizeof(*l.d2));
	l.bsum = xcalloc(nb * k * (p + 1) + 1, sizeof(*l.bsum));
	l.changed = xcalloc(nb + 1, sizeof(*l.changed));
	sum = xcalloc(k * p + 1, sizeof(*sum));
	cnt = xcalloc(k + 1, sizeof(*cnt));
	mean = xcalloc(p + 1, sizeof(*mean));
	/* the tolerance: tol times the mean variance of the columns */
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
	tol *= var / (double)n / (double)p;
	for (i = 0; i < n; i++)
		l.lab[i] = UINT32_MAX;
	while (in.iters < maxit) {
		ch = lloyd_pass(&l, nthreads, sum, cnt);
		in.iters++;
		relocate(&l, sum, cnt);
		for (shift = 0, i = 0; i < k; i++)
			for (j = 0; j < p; j++) {
				d = cnt[i] > 0 ? sum[i * p + j] / cnt[i] :
				    C[i * p + j];
				shift += (d - C[i * p + j]) * (d - C[i * p + j]);
				C[i * p + j] = d;
			}
		if (ch == 0) {
			/* the labels stood: the centres are their means */
			in.converged = 1;
			break;
		}
		if (shift <= tol) {
			in.converged = 1;
			lloyd_pass(&l, nthreads, sum, cnt);
			break;
		}
	}
	if (!in.converged)
		lloyd_pass(&l, nthreads, sum, cnt);
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
	free(mean);
	return inertia;
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
	kmeans_lloyd(j->X, j->n, j->p, j->o->k, C, NULL, j->o->maxit,
	    j->o->tol, j->nthreads, &j->info[run]);
	j->info[run].run = (int)run;
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
	if (labels != NULL)
		for (r = 0; r < n; r++)
			labels[r] = kmeans_assign(C, o->k, p, X + r * p, NULL);
	if (info != NULL)
		*info = j.info[best];
	free(j.C);
	free(j.info);
	return 0;
}
