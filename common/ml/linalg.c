/*
 * linalg.c: dense kernels (see linalg.h).  Products are blocked so that
 * the rows they sweep stay in cache, and split over threads by output
 * rows, so that each output element is summed in one fixed order
 * whatever the thread count.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "par.h"
#include "ml/linalg.h"

#define ROWBLOCK	64	/* rows of X swept per pass of la_gram */
#define KBLOCK		128	/* inner dimension block of la_gemm */
#define JBLOCK		1024	/* output column block of la_gemm */

double
la_dot(const double *x, const double *y, size_t n)
{
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	size_t i;

	/* Four sums so that the compiler may keep them in vectors. */
	for (i = 0; i + 4 <= n; i += 4) {
		s0 += x[i] * y[i];
		s1 += x[i + 1] * y[i + 1];
		s2 += x[i + 2] * y[i + 2];
		s3 += x[i + 3] * y[i + 3];
	}
	for (; i < n; i++)
		s0 += x[i] * y[i];
	return (s0 + s1) + (s2 + s3);
}

void
la_axpy(size_t n, double a, const double *restrict x, double *restrict y)
{
	size_t i;

	for (i = 0; i < n; i++)
		y[i] += a * x[i];
}

void
la_scale(size_t n, double a, double *x)
{
	size_t i;

	for (i = 0; i < n; i++)
		x[i] *= a;
}

double
la_nrm2(const double *x, size_t n)
{
	double scale = 0, ssq = 1, a;
	size_t i;

	/* Scaled so that neither overflow nor underflow can bite. */
	for (i = 0; i < n; i++) {
		if (x[i] == 0)
			continue;
		a = fabs(x[i]);
		if (scale < a) {
			ssq = 1 + ssq * (scale / a) * (scale / a);
			scale = a;
		} else
			ssq += (a / scale) * (a / scale);
	}
	return scale * sqrt(ssq);
}

void
la_gemv(size_t m, size_t n, const double *A, const double *x, double *y,
    int trans)
{
	size_t i;

	if (!trans) {
		for (i = 0; i < m; i++)
			y[i] = la_dot(A + i * n, x, n);
		return;
	}
	memset(y, 0, n * sizeof(*y));
	for (i = 0; i < m; i++)
		la_axpy(n, x[i], A + i * n, y);
}

struct gemm_job {
	size_t		 m, n, k;
	const double	*A, *B;
	double		*C;
};

static void
gemm_rows(void *arg, size_t lo, size_t hi, int thread)
{
	const struct gemm_job *g = arg;
	size_t jb, kb, i, kk, jn, kn;

	(void)thread;
	for (i = lo; i < hi; i++)
		memset(g->C + i * g->n, 0, g->n * sizeof(double));
	for (jb = 0; jb < g->n; jb += JBLOCK) {
		jn = g->n - jb < JBLOCK ? g->n - jb : JBLOCK;
		for (kb = 0; kb < g->k; kb += KBLOCK) {
			kn = g->k - kb < KBLOCK ? g->k - kb : KBLOCK;
			for (i = lo; i < hi; i++)
				for (kk = kb; kk < kb + kn; kk++)
					la_axpy(jn, g->A[i * g->k + kk],
					    g->B + kk * g->n + jb,
					    g->C + i * g->n + jb);
		}
	}
}

void
la_gemm(size_t m, size_t n, size_t k, const double *A, const double *B,
    double *C, int nthreads)
{
	struct gemm_job g = { m, n, k, A, B, C };

	par_for_grain(m, nthreads, 16, gemm_rows, &g);
}

/*
 * The Gram job: G += X^T X over the upper triangle, rows of G split
 * into ranges of equal triangle area.  With lower set, X is lower
 * triangular (row r has nothing beyond column r).
 */
struct gram_job {
	size_t		 n, p;
	const double	*X;
	double		*G;
	size_t		*cut;		/* thread t: rows cut[t]..cut[t+1] */
	int		 lower;
};

static void
gram_part(void *arg, size_t lo, size_t hi, int thread)
{
	const struct gram_job *g = arg;
	size_t i0 = g->cut[thread], i1 = g->cut[thread + 1];
	size_t rb, r, i, rn, end;
	const double *x;
	double v;

	(void)lo, (void)hi;
	for (rb = 0; rb < g->n; rb += ROWBLOCK) {
		rn = g->n - rb < ROWBLOCK ? g->n - rb : ROWBLOCK;
		for (i = i0; i < i1; i++) {
			for (r = rb; r < rb + rn; r++) {
				x = g->X + r * g->p;
				if ((v = x[i]) == 0)
					continue;
				end = g->lower && r + 1 < g->p ? r + 1 : g->p;
				if (end > i)
					la_axpy(end - i, v, x + i,
					    g->G + i * g->p + i);
			}
		}
	}
}

/*
 * Split columns 0..p into k parts of equal cost when column i costs
 * (p - i)^deg (deg 1: a triangle; 2: the inverse of a triangle).
 */
static void
tri_cuts(size_t p, int k, size_t *cut, int deg)
{
	double f;
	int t;

	cut[0] = 0;
	for (t = 1; t < k; t++) {
		f = 1 - (double)t / k;
		f = deg == 1 ? sqrt(f) : cbrt(f);
		cut[t] = p - (size_t)((double)p * f);
		if (cut[t] < cut[t - 1])
			cut[t] = cut[t - 1];
	}
	cut[k] = p;
}

static void
gram_run(size_t n, size_t p, const double *X, double *G, int nthreads,
    int lower)
{
	struct gram_job g = { n, p, X, G, NULL, lower };
	size_t i, j;
	int k;

	memset(G, 0, p * p * sizeof(*G));
	k = par_nchunks(p, nthreads, 32);
	if (k < 1)
		return;
	g.cut = xcalloc((size_t)k + 1, sizeof(*g.cut));
	tri_cuts(p, k, g.cut, 1);
	par_for((size_t)k, k, gram_part, &g);
	free(g.cut);
	for (i = 0; i < p; i++)
		for (j = 0; j < i; j++)
			G[i * p + j] = G[j * p + i];
}

void
la_gram(size_t n, size_t p, const double *X, double *G, int nthreads)
{
	gram_run(n, p, X, G, nthreads, 0);
}

struct chol_job {
	double	*A;
	size_t	 n, j;
};

static void
chol_col(void *arg, size_t lo, size_t hi, int thread)
{
	const struct chol_job *c = arg;
	const double *lj = c->A + c->j * c->n;
	double d = lj[c->j], *li;
	size_t i;

	(void)thread;
	for (i = c->j + 1 + lo; i < c->j + 1 + hi; i++) {
		li = c->A + i * c->n;
		li[c->j] = (li[c->j] - la_dot(li, lj, c->j)) / d;
	}
}

int
la_cholesky(double *A, size_t n, size_t *bad, int nthreads)
{
	struct chol_job c = { A, n, 0 };
	double d, *lj;
	size_t j;

	for (j = 0; j < n; j++) {
		lj = A + j * n;
		d = lj[j] - la_dot(lj, lj, j);
		if (!(d > 0) || !isfinite(d)) {
			if (bad != NULL)
				*bad = j;
			return -1;
		}
		lj[j] = sqrt(d);
		memset(lj + j + 1, 0, (n - j - 1) * sizeof(*lj));
		c.j = j;
		par_for_grain(n - j - 1, nthreads, 128, chol_col, &c);
	}
	return 0;
}

void
la_chol_solve(const double *L, size_t n, double *b)
{
	size_t i, k;
	double s;

	for (i = 0; i < n; i++)
		b[i] = (b[i] - la_dot(L + i * n, b, i)) / L[i * n + i];
	for (i = n; i-- > 0;) {
		s = b[i];
		for (k = i + 1; k < n; k++)
			s -= L[k * n + i] * b[k];
		b[i] = s / L[i * n + i];
	}
}

/* W = L^{-1}, row by row, columns split over threads. */
struct linv_job {
	const double	*L;
	double		*W;
	size_t		 n;
	size_t		*cut;
};

static void
linv_part(void *arg, size_t lo, size_t hi, int thread)
{
	const struct linv_job *g = arg;
	size_t c0 = g->cut[thread], c1 = g->cut[thread + 1], n = g->n, i, k;
	const double *li;
	double *wi;

	(void)lo, (void)hi;
	for (i = c0; i < n; i++) {
		li = g->L + i * n;
		wi = g->W + i * n;
		for (k = c0; k < i; k++)
			if (li[k] != 0)
				la_axpy((k < c1 ? k + 1 : c1) - c0, -li[k],
				    g->W + k * n + c0, wi + c0);
		if (i < c1)
			wi[i] += 1;
		for (k = c0; k < c1 && k <= i; k++)
			wi[k] /= li[i];
	}
}

int
la_chol_inverse(double *A, size_t n, size_t *bad, int nthreads)
{
	struct linv_job g;
	int k;

	if (la_cholesky(A, n, bad, nthreads) == -1)
		return -1;
	g.L = A;
	g.n = n;
	g.W = xcalloc(n * n > 0 ? n * n : 1, sizeof(double));
	k = par_nchunks(n, nthreads, 32);
	g.cut = xcalloc((size_t)k + 1, sizeof(*g.cut));
	/* Column c costs about (n - c)^2. */
	tri_cuts(n, k, g.cut, 2);
	if (k > 0)
		par_for((size_t)k, k, linv_part, &g);
	free(g.cut);
	/* A^{-1} = L^{-T} L^{-1} = W^T W. */
	gram_run(n, n, g.W, A, nthreads, 1);
	free(g.W);
	return 0;
}

int
la_cg(size_t n, void (*matvec)(void *, const double *, double *), void *ctx,
    const double *b, double *x, double tol, int maxit, int *iters)
{
	double *r, *p, *ap, rr, rr1, pap, alpha, bn;
	int it = 0, rc = -1;
	size_t i;

	r = xcalloc(n > 0 ? n : 1, sizeof(*r));
	p = xcalloc(n > 0 ? n : 1, sizeof(*p));
	ap = xcalloc(n > 0 ? n : 1, sizeof(*ap));
	matvec(ctx, x, ap);
	for (i = 0; i < n; i++)
		p[i] = r[i] = b[i] - ap[i];
	rr = la_dot(r, r, n);
	bn = la_nrm2(b, n);
	for (;;) {
		if (sqrt(rr) <= tol * bn) {
			rc = 0;
			break;
		}
		if (it >= maxit)
			break;
		matvec(ctx, p, ap);
		pap = la_dot(p, ap, n);
		if (!(pap > 0))
			break;
		alpha = rr / pap;
		la_axpy(n, alpha, p, x);
		la_axpy(n, -alpha, ap, r);
		rr1 = la_dot(r, r, n);
		for (i = 0; i < n; i++)
			p[i] = r[i] + rr1 / rr * p[i];
		rr = rr1;
		it++;
	}
	if (iters != NULL)
		*iters = it;
	free(r);
	free(p);
	free(ap);
	return rc;
}
