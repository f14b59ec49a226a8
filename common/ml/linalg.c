/*
 * linalg.c: dense kernels (see linalg.h).  Products are blocked so that
 * the rows they sweep stay in cache, and split over threads by output
 * rows, so that each output element is summed in one fixed order
 * whatever the thread count.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "par.h"
#include "ml/linalg.h"

#define ROWBLOCK	32	/* rows of X swept per pass of la_gram */
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

	/* Groups of four, which the compiler turns into vector code. */
	for (i = 0; i + 4 <= n; i += 4) {
		y[i] += a * x[i];
		y[i + 1] += a * x[i + 1];
		y[i + 2] += a * x[i + 2];
		y[i + 3] += a * x[i + 3];
	}
	for (; i < n; i++)
		y[i] += a * x[i];
}

/*
 * y += a0 x0 + a1 x1 + a2 x2 + a3 x3: four rows per pass over y, which
 * is loaded and stored once for four multiply-adds.  x[k] is row k.
 */
static void
axpy4(size_t n, const double *a, const double *const *x, double *restrict y)
{
	const double *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
	double a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
	size_t j;

	for (j = 0; j + 2 <= n; j += 2) {
		y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
		y[j + 1] += a0 * x0[j + 1] + a1 * x1[j + 1] + a2 * x2[j + 1] +
		    a3 * x3[j + 1];
	}
	for (; j < n; j++)
		y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
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
	size_t jb, kb, i, kk, jn, kn, q;
	const double *x[4];

	(void)thread;
	for (i = lo; i < hi; i++)
		memset(g->C + i * g->n, 0, g->n * sizeof(double));
	for (jb = 0; jb < g->n; jb += JBLOCK) {
		jn = g->n - jb < JBLOCK ? g->n - jb : JBLOCK;
		for (kb = 0; kb < g->k; kb += KBLOCK) {
			kn = g->k - kb < KBLOCK ? g->k - kb : KBLOCK;
			for (i = lo; i < hi; i++) {
				for (kk = kb; kk + 4 <= kb + kn; kk += 4) {
					for (q = 0; q < 4; q++)
						x[q] = g->B + (kk + q) * g->n +
						    jb;
					axpy4(jn, g->A + i * g->k + kk, x,
					    g->C + i * g->n + jb);
				}
				for (; kk < kb + kn; kk++)
					la_axpy(jn, g->A[i * g->k + kk],
					    g->B + kk * g->n + jb,
					    g->C + i * g->n + jb);
			}
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
	size_t rb, r, i, rn, end, q;
	const double *x[4];
	double v[4];

	(void)lo, (void)hi;
	for (rb = 0; rb < g->n; rb += ROWBLOCK) {
		rn = g->n - rb < ROWBLOCK ? g->n - rb : ROWBLOCK;
		for (i = i0; i < i1; i++) {
			for (r = rb; r + 4 <= rb + rn; r += 4) {
				for (q = 0; q < 4; q++) {
					x[q] = g->X + (r + q) * g->p;
					v[q] = x[q][i];
					x[q] += i;
				}
				if (v[0] == 0 && v[1] == 0 && v[2] == 0 &&
				    v[3] == 0)
					continue;
				/* lower: rows r..r+3 end by column r+4 */
				end = g->lower && r + 4 < g->p ? r + 4 : g->p;
				if (end > i)
					axpy4(end - i, v, x,
					    g->G + i * g->p + i);
			}
			for (; r < rb + rn; r++) {
				x[0] = g->X + r * g->p;
				if (x[0][i] == 0)
					continue;
				end = g->lower && r + 1 < g->p ? r + 1 : g->p;
				if (end > i)
					la_axpy(end - i, x[0][i], x[0] + i,
					    g->G + i * g->p + i);
			}
		}
	}
}

/* Split rows 0..p of an upper triangle into k parts of equal area. */
static void
tri_cuts(size_t p, int k, size_t *cut)
{
	int t;

	cut[0] = 0;
	for (t = 1; t < k; t++) {
		cut[t] = p - (size_t)((double)p * sqrt(1 - (double)t / k));
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
	tri_cuts(p, k, g.cut);
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

/*
 * Cholesky, left-looking by blocks of CBLOCK columns: first every row
 * below takes the update of the finished columns on the block (each
 * row of L read once per block, not once per column), split over
 * threads by rows; then the block is factored column by column.
 */
#define CBLOCK	64

struct chol_job {
	double	*A;
	size_t	 n, j0, j1;
};

/* Rows lo..hi below j0: A[i][j0..j1) -= L[i][0..j0) . L[c][0..j0). */
static void
chol_update(void *arg, size_t lo, size_t hi, int thread)
{
	const struct chol_job *c = arg;
	size_t i, k, n = c->n;
	double *li;

	(void)thread;
	for (i = c->j0 + lo; i < c->j0 + hi; i++) {
		li = c->A + i * n;
		for (k = c->j0; k < c->j1 && k <= i; k++)
			li[k] -= la_dot(li, c->A + k * n, c->j0);
	}
}

/* Rows lo..hi of the block's panel, given its diagonal column j. */
static void
chol_panel(void *arg, size_t lo, size_t hi, int thread)
{
	const struct chol_job *c = arg;
	size_t i, j, n = c->n;
	double *li, *lj;

	(void)thread;
	for (i = c->j1 + lo; i < c->j1 + hi; i++) {
		li = c->A + i * n;
		for (j = c->j0; j < c->j1; j++) {
			lj = c->A + j * n;
			li[j] = (li[j] - la_dot(li + c->j0, lj + c->j0,
			    j - c->j0)) / lj[j];
		}
	}
}

int
la_cholesky(double *A, size_t n, size_t *bad, int nthreads)
{
	struct chol_job c = { A, n, 0, 0 };
	double d, *li, *lj;
	size_t i, j;

	for (c.j0 = 0; c.j0 < n; c.j0 = c.j1) {
		c.j1 = n - c.j0 < CBLOCK ? n : c.j0 + CBLOCK;
		if (c.j0 > 0)
			par_for_grain(n - c.j0, nthreads, 64, chol_update, &c);
		/* the diagonal block, unblocked */
		for (j = c.j0; j < c.j1; j++) {
			lj = A + j * n;
			d = lj[j] - la_dot(lj + c.j0, lj + c.j0, j - c.j0);
			if (!(d > 0) || !isfinite(d)) {
				if (bad != NULL)
					*bad = j;
				return -1;
			}
			lj[j] = sqrt(d);
			for (i = j + 1; i < c.j1; i++) {
				li = A + i * n;
				li[j] = (li[j] - la_dot(li + c.j0, lj + c.j0,
				    j - c.j0)) / lj[j];
			}
		}
		par_for_grain(n - c.j1, nthreads, 64, chol_panel, &c);
	}
	for (j = 0; j < n; j++)
		memset(A + j * n + j + 1, 0, (n - j - 1) * sizeof(*A));
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

/*
 * W = L^{-1}, row by row (row i of W is e_i minus the rows above it
 * times L[i][k], over L[i][i]), in strips of IBLOCK columns so that a
 * strip of W stays in cache; the strips go to the threads dynamically
 * (the first, widest in rows, are the costly ones).
 */
#define IBLOCK	64

struct linv_job {
	const double	*L;
	double		*W;
	size_t		 n;
	atomic_size_t	 next;		/* the next strip */
};

static void
linv_strip(const struct linv_job *g, size_t c0)
{
	size_t n = g->n, c1 = c0 + IBLOCK < n ? c0 + IBLOCK : n, i, k, q, w;
	const double *li, *x[4];
	double *wi;

	for (i = c0; i < n; i++) {
		li = g->L + i * n;
		wi = g->W + i * n;
		/* rows k >= c1 are full across the strip: four at a time */
		for (k = c0; k < i && k < c1; k++)
			if (li[k] != 0)
				la_axpy(k + 1 - c0, -li[k], g->W + k * n + c0,
				    wi + c0);
		for (; k + 4 <= i; k += 4) {
			double a[4];

			for (q = 0; q < 4; q++) {
				a[q] = -li[k + q];
				x[q] = g->W + (k + q) * n + c0;
			}
			axpy4(c1 - c0, a, x, wi + c0);
		}
		for (; k < i; k++)
			la_axpy(c1 - c0, -li[k], g->W + k * n + c0, wi + c0);
		if (i < c1)
			wi[i] += 1;
		for (w = c0; w < c1 && w <= i; w++)
			wi[w] /= li[i];
	}
}

static void
linv_worker(void *arg, size_t lo, size_t hi, int thread)
{
	struct linv_job *g = arg;
	size_t s;

	(void)lo, (void)hi, (void)thread;
	while ((s = atomic_fetch_add(&g->next, 1)) * IBLOCK < g->n)
		linv_strip(g, s * IBLOCK);
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
	g.W = xcalloc(n > 0 ? n * n : 1, sizeof(double));
	atomic_init(&g.next, 0);
	k = par_nchunks((n + IBLOCK - 1) / IBLOCK, nthreads, 1);
	if (k > 0)
		par_for((size_t)k, k, linv_worker, &g);
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
