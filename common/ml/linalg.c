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
 * into ranges of equal triangle area.
 */
struct gram_job {
	size_t		 n, p;
	const double	*X;
	double		*G;
	size_t		*cut;		/* thread t: rows cut[t]..cut[t+1] */
};

static void
gram_part(void *arg, size_t lo, size_t hi, int thread)
{
	const struct gram_job *g = arg;
	size_t i0 = g->cut[thread], i1 = g->cut[thread + 1];
	size_t rb, r, i, rn, q;
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
				axpy4(g->p - i, v, x, g->G + i * g->p + i);
			}
			for (; r < rb + rn; r++) {
				x[0] = g->X + r * g->p;
				if (x[0][i] == 0)
					continue;
				la_axpy(g->p - i, x[0][i], x[0] + i,
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

void
la_gram(size_t n, size_t p, const double *X, double *G, int nthreads)
{
	struct gram_job g = { n, p, X, G, NULL };
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

/*
 * The product engine of the factorisations: C(i, j) += alpha sum_p
 * A(i, p) B(p, j) with A and B reached through row and column strides
 * (so that a transpose or a sub-block costs nothing), in the usual
 * three levels of blocking: a KC x NC slice of B and an MC x KC slice
 * of A are copied into contiguous panels (B in NR-column strips, A in
 * MR-row strips, both k-major), and a register-blocked MR x NR kernel
 * multiplies one strip of each.  Written as plain C that the compiler
 * turns into vector code.
 *
 * Every C(i, j) is summed in one order whatever the thread count:
 * the k blocks start at 0 in steps of KC, the strips are aligned to MR
 * rows and NR columns counted from the start of C, and the threads
 * only share out whole strips of rows (or of columns).
 */
#define MR	4	/* rows of the register block */
#define NR	8	/* columns of the register block */
#define KC	256	/* inner dimension of a packed slice */
#define MC	128	/* rows of a packed slice of A (256 kB) */
#define NC	1024	/* columns of a packed slice of B (2 MB) */

/*
 * The kernel is compiled for three instruction sets (AVX-512, AVX2,
 * the x86-64 baseline) and the best the machine has is picked when the
 * program starts: the same C, vectorised 8, 4 or 2 wide.  Under
 * -std=c11 nothing is contracted into fused multiply-adds, so every
 * version computes the same bits.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    __GNUC__ >= 12
#define MM_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", \
    "default")))
#else
#define MM_CLONES
#endif

struct mm {
	size_t		 m, n, k;
	const double	*A;		/* A(i, p) = A[i * ars + p * acs] */
	size_t		 ars, acs;
	const double	*B;		/* B(p, j) = B[p * brs + j * bcs] */
	size_t		 brs, bcs;
	double		*C;		/* C(i, j) = C[i * ldc + j] */
	size_t		 ldc;
	double		 alpha;
	int		 lower;		/* only C(i, j) with j <= i is wanted */
	int		 atri;		/* A(i, p) is 0 for p > i */
	int		 byrows;	/* threads split rows (else columns) */
	size_t		*cut;		/* thread t: cut[t]..cut[t+1] */
};

/* The MR x NR block: acc = sum over kc of the strips a and b. */
MM_CLONES static void
mm_kernel(size_t kc, const double *restrict a, const double *restrict b,
    double *restrict acc)
{
	double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0;
	double c06 = 0, c07 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
	double c14 = 0, c15 = 0, c16 = 0, c17 = 0, c20 = 0, c21 = 0;
	double c22 = 0, c23 = 0, c24 = 0, c25 = 0, c26 = 0, c27 = 0;
	double c30 = 0, c31 = 0, c32 = 0, c33 = 0, c34 = 0, c35 = 0;
	double c36 = 0, c37 = 0;
	double a0, a1, a2, a3, b0, b1, b2, b3, b4, b5, b6, b7;
	size_t p;

	/* Thirty-two sums in scalars, which stay in vector registers. */
	for (p = 0; p < kc; p++, a += MR, b += NR) {
		a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
		b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
		b4 = b[4], b5 = b[5], b6 = b[6], b7 = b[7];
		c00 += a0 * b0, c01 += a0 * b1, c02 += a0 * b2;
		c03 += a0 * b3, c04 += a0 * b4, c05 += a0 * b5;
		c06 += a0 * b6, c07 += a0 * b7;
		c10 += a1 * b0, c11 += a1 * b1, c12 += a1 * b2;
		c13 += a1 * b3, c14 += a1 * b4, c15 += a1 * b5;
		c16 += a1 * b6, c17 += a1 * b7;
		c20 += a2 * b0, c21 += a2 * b1, c22 += a2 * b2;
		c23 += a2 * b3, c24 += a2 * b4, c25 += a2 * b5;
		c26 += a2 * b6, c27 += a2 * b7;
		c30 += a3 * b0, c31 += a3 * b1, c32 += a3 * b2;
		c33 += a3 * b3, c34 += a3 * b4, c35 += a3 * b5;
		c36 += a3 * b6, c37 += a3 * b7;
	}
	acc[0] = c00, acc[1] = c01, acc[2] = c02, acc[3] = c03;
	acc[4] = c04, acc[5] = c05, acc[6] = c06, acc[7] = c07;
	acc[8] = c10, acc[9] = c11, acc[10] = c12, acc[11] = c13;
	acc[12] = c14, acc[13] = c15, acc[14] = c16, acc[15] = c17;
	acc[16] = c20, acc[17] = c21, acc[18] = c22, acc[19] = c23;
	acc[20] = c24, acc[21] = c25, acc[22] = c26, acc[23] = c27;
	acc[24] = c30, acc[25] = c31, acc[26] = c32, acc[27] = c33;
	acc[28] = c34, acc[29] = c35, acc[30] = c36, acc[31] = c37;
}

/*
 * Pack rows 0..rows of src (element (i, p) at src[i * rs + p * cs],
 * p < kc) into strips of w rows, k-major, zeros from rows to mc.  The
 * loops run along whichever side is contiguous in memory.
 */
static void
mm_pack(const double *src, size_t rs, size_t cs, size_t rows, size_t mc,
    size_t kc, size_t w, double *restrict dst)
{
	size_t i, p;

	memset(dst, 0, (mc + w - 1) / w * w * kc * sizeof(*dst));
	if (cs == 1) {
		for (i = 0; i < rows; i++, src += rs)
			for (p = 0; p < kc; p++)
				dst[i / w * w * kc + p * w + i % w] = src[p];
		return;
	}
	for (p = 0; p < kc; p++, src += cs)
		for (i = 0; i < rows; i++)
			dst[i / w * w * kc + p * w + i % w] = src[i * rs];
}

/* C(i.., j..) += alpha acc, the part inside r1 x c1 (and the triangle). */
static void
mm_store(const struct mm *g, const double *acc, size_t i, size_t j,
    size_t r1, size_t c1)
{
	double *c = g->C + i * g->ldc + j;
	size_t r, q;

	if (i + MR <= r1 && j + NR <= c1 && (!g->lower || j + NR <= i + 1)) {
		for (r = 0; r < MR; r++, c += g->ldc, acc += NR)
			for (q = 0; q < NR; q++)
				c[q] += g->alpha * acc[q];
		return;
	}
	for (r = 0; r < MR && i + r < r1; r++, c += g->ldc, acc += NR)
		for (q = 0; q < NR && j + q < c1; q++)
			if (!g->lower || j + q <= i + r)
				c[q] += g->alpha * acc[q];
}

/* The block C(r0..r1, c0..c1), on one thread. */
static void
mm_block(const struct mm *g, size_t r0, size_t r1, size_t c0, size_t c1)
{
	double *ap, *bp, acc[MR * NR];
	size_t jc, pc, ic, jr, ir, nc, kc, mc, kk, i, j;

	if (r0 >= r1 || c0 >= c1)
		return;
	ap = xcalloc(MC * KC, sizeof(*ap));
	bp = xcalloc((size_t)KC * NC, sizeof(*bp));
	for (jc = c0; jc < c1; jc += NC) {
		nc = c1 - jc < NC ? c1 - jc : NC;
		if (g->lower && jc >= r1)
			break;
		for (pc = 0; pc < g->k; pc += KC) {
			kc = g->k - pc < KC ? g->k - pc : KC;
			if (g->atri && r1 <= pc)
				break;
			/* B(pc.., jc..) and A(ic.., pc..), as strips */
			mm_pack(g->B + pc * g->brs + jc * g->bcs, g->bcs,
			    g->brs, nc, nc, kc, NR, bp);
			for (ic = r0; ic < r1; ic += MC) {
				mc = r1 - ic < MC ? r1 - ic : MC;
				if ((g->lower && jc >= ic + mc) ||
				    (g->atri && ic + mc <= pc))
					continue;
				mm_pack(g->A + ic * g->ars + pc * g->acs, g->ars,
				    g->acs, mc, mc, kc, MR, ap);
				for (jr = 0; jr < nc; jr += NR)
					for (ir = 0; ir < mc; ir += MR) {
						i = ic + ir;
						j = jc + jr;
						if (g->lower && j >= i + MR)
							continue;
						kk = kc;
						if (g->atri) {
							if (i + MR <= pc)
								continue;
							if (i + MR - pc < kk)
								kk = i + MR - pc;
						}
						mm_kernel(kk, ap + ir * kc,
						    bp + jr * kc, acc);
						mm_store(g, acc, i, j, r1, c1);
					}
			}
		}
	}
	free(ap);
	free(bp);
}

static void
mm_part(void *arg, size_t lo, size_t hi, int thread)
{
	const struct mm *g = arg;

	(void)lo, (void)hi;
	if (g->byrows)
		mm_block(g, g->cut[thread], g->cut[thread + 1], 0, g->n);
	else
		mm_block(g, 0, g->m, g->cut[thread], g->cut[thread + 1]);
}

/*
 * Run g over nthreads: whole strips of the longer side of C to each
 * thread, in parts of equal work (a triangle's rows grow in cost).
 */
static void
mm_run(struct mm *g, int nthreads)
{
	size_t len, unit, units, w, t;
	double f;
	int k;

	g->byrows = g->m >= g->n;
	len = g->byrows ? g->m : g->n;
	unit = g->byrows ? MR : NR;
	units = (len + unit - 1) / unit;
	k = par_nchunks(units, nthreads, 16);
	if ((double)g->m * (double)g->n * (double)g->k < 1e6)
		k = 1;
	if (k < 1)
		return;
	g->cut = xcalloc((size_t)k + 1, sizeof(*g->cut));
	for (t = 1; t < (size_t)k; t++) {
		f = (double)t / k;
		/* rows of a lower triangle cost ~ i; its columns ~ m - j */
		if (g->byrows && (g->lower || g->atri))
			f = sqrt(f);
		else if (!g->byrows && g->lower)
			f = 1 - sqrt(1 - f);
		w = (size_t)(f * (double)units) * unit;
		g->cut[t] = w < g->cut[t - 1] ? g->cut[t - 1] : w > len ? len :
		    w;
	}
	g->cut[k] = len;
	par_for((size_t)k, k, mm_part, g);
	free(g->cut);
	g->cut = NULL;
}

/*
 * Cholesky, right-looking by blocks of CBLOCK columns: the diagonal
 * block is factored column by column, the rows below it solved against
 * it (split over threads by rows), and the trailing lower triangle
 * takes their product through the engine above.
 */
#define CBLOCK	128

struct chol_job {
	double	*A;
	size_t	 n, j0, j1;
};

/*
 * Rows lo..hi below the block: L[i][j0..j1) solves L[i] L11^T = A[i],
 * four rows at a time so that each row of L11 is loaded once for four.
 */
static void
chol_panel(void *arg, size_t lo, size_t hi, int thread)
{
	const struct chol_job *c = arg;
	size_t i, j, k, q, n = c->n, j0 = c->j0, nr;
	double *l[4], s[4], v;
	const double *lj;

	(void)thread;
	for (i = c->j1 + lo; i < c->j1 + hi; i += nr) {
		nr = c->j1 + hi - i < 4 ? c->j1 + hi - i : 4;
		for (q = 0; q < 4; q++)
			l[q] = c->A + (i + (q < nr ? q : 0)) * n;
		for (j = j0; j < c->j1; j++) {
			lj = c->A + j * n;
			s[0] = s[1] = s[2] = s[3] = 0;
			for (k = j0; k < j; k++) {
				v = lj[k];
				s[0] += l[0][k] * v;
				s[1] += l[1][k] * v;
				s[2] += l[2][k] * v;
				s[3] += l[3][k] * v;
			}
			for (q = 0; q < nr; q++)
				l[q][j] = (l[q][j] - s[q]) / lj[j];
		}
	}
}

int
la_cholesky(double *A, size_t n, size_t *bad, int nthreads)
{
	struct chol_job c = { A, n, 0, 0 };
	struct mm g;
	double d, s, *li, *lj;
	size_t i, j, k;

	for (c.j0 = 0; c.j0 < n; c.j0 = c.j1) {
		c.j1 = n - c.j0 < CBLOCK ? n : c.j0 + CBLOCK;
		/* the diagonal block, unblocked */
		for (j = c.j0; j < c.j1; j++) {
			lj = A + j * n;
			for (s = 0, k = c.j0; k < j; k++)
				s += lj[k] * lj[k];
			d = lj[j] - s;
			if (!(d > 0) || !isfinite(d)) {
				if (bad != NULL)
					*bad = j;
				return -1;
			}
			lj[j] = sqrt(d);
			for (i = j + 1; i < c.j1; i++) {
				li = A + i * n;
				for (s = 0, k = c.j0; k < j; k++)
					s += li[k] * lj[k];
				li[j] = (li[j] - s) / lj[j];
			}
		}
		if (c.j1 == n)
			break;
		par_for_grain(n - c.j1, nthreads, 64, chol_panel, &c);
		/* A22 -= L21 L21^T, the lower triangle */
		memset(&g, 0, sizeof(g));
		g.m = g.n = n - c.j1;
		g.k = c.j1 - c.j0;
		g.A = A + c.j1 * n + c.j0;
		g.ars = n, g.acs = 1;
		g.B = g.A;
		g.brs = 1, g.bcs = n;
		g.C = A + c.j1 * n + c.j1;
		g.ldc = n;
		g.alpha = -1;
		g.lower = 1;
		mm_run(&g, nthreads);
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
 * The inverse in place, in two passes over blocks of CBLOCK columns
 * (LAPACK's trtri and lauum, in the same engine):
 *
 * W = L^{-1} from the last block to the first: W11 = L11^{-1} by
 * substitution (a small block), then with W22 the inverse of the
 * trailing part, done, W21 = -W22 L21 W11 (two products: with the
 * triangle W22, then with W11).
 *
 * A^{-1} = W^T W from the first block row to the last: block row I of
 * the result needs rows I.. of W only, so it can overwrite row I.
 * Only the lower triangle is computed; it is mirrored at the end.
 */

/* T (m x nb) = the block at X (row stride n), which is zeroed. */
static void
tri_copy(double *X, size_t n, size_t m, size_t nb, double *T)
{
	size_t i;

	for (i = 0; i < m; i++) {
		memcpy(T + i * nb, X + i * n, nb * sizeof(*T));
		memset(X + i * n, 0, nb * sizeof(*T));
	}
}

/* W = L^{-1} in place, L lower with a zero upper triangle. */
static void
tri_inverse(double *A, size_t n, int nthreads)
{
	struct chol_job c = { A, n, 0, 0 };
	struct mm g;
	double *T, *w, s;
	size_t nb, m, i, j, q, top;

	T = xcalloc(n > 0 ? n * CBLOCK : 1, sizeof(*T));
	w = xcalloc(CBLOCK, sizeof(*w));
	top = n == 0 ? 0 : (n - 1) / CBLOCK * CBLOCK;
	for (c.j0 = top;; c.j0 -= CBLOCK) {
		c.j1 = n - c.j0 < CBLOCK ? n : c.j0 + CBLOCK;
		nb = c.j1 - c.j0;
		m = n - c.j1;
		/* W11 = L11^{-1}, column by column from the last */
		for (j = c.j1; j-- > c.j0;) {
			for (i = j + 1; i < c.j1; i++) {
				for (s = 0, q = j + 1; q <= i; q++)
					s += A[i * n + q] * A[q * n + j];
				w[i - c.j0] = s;
			}
			A[j * n + j] = 1 / A[j * n + j];
			for (i = j + 1; i < c.j1; i++)
				A[i * n + j] = -w[i - c.j0] * A[j * n + j];
		}
		if (m > 0) {
			/* L21 := W22 L21, then -L21 W11 (through a copy) */
			tri_copy(A + c.j1 * n + c.j0, n, m, nb, T);
			memset(&g, 0, sizeof(g));
			g.m = m, g.n = nb, g.k = m;
			g.A = A + c.j1 * n + c.j1;
			g.ars = n, g.acs = 1;
			g.B = T;
			g.brs = nb, g.bcs = 1;
			g.C = A + c.j1 * n + c.j0;
			g.ldc = n;
			g.alpha = 1;
			g.atri = 1;
			mm_run(&g, nthreads);
			tri_copy(A + c.j1 * n + c.j0, n, m, nb, T);
			g.k = nb;
			g.A = T;
			g.ars = nb, g.acs = 1;
			g.B = A + c.j0 * n + c.j0;
			g.brs = n, g.bcs = 1;
			g.alpha = -1;
			g.atri = 0;
			mm_run(&g, nthreads);
		}
		if (c.j0 == 0)
			break;
	}
	free(T);
	free(w);
}

/* A = W^T W (lower triangle, then mirrored) in place, W lower. */
static void
tri_gram(double *A, size_t n, int nthreads)
{
	struct mm g;
	double *T;
	size_t i0, i1, nb, i, j, b0, b1, jb;

	T = xcalloc(n > 0 ? n * CBLOCK : 1, sizeof(*T));
	for (i0 = 0; i0 < n; i0 = i1) {
		i1 = n - i0 < CBLOCK ? n : i0 + CBLOCK;
		nb = i1 - i0;
		/* T = W[i0.., i0..i1]^T W[i0.., 0..i1] */
		memset(T, 0, nb * i1 * sizeof(*T));
		memset(&g, 0, sizeof(g));
		g.m = nb, g.n = i1, g.k = n - i0;
		g.A = A + i0 * n + i0;
		g.ars = 1, g.acs = n;
		g.B = A + i0 * n;
		g.brs = n, g.bcs = 1;
		g.C = T;
		g.ldc = i1;
		g.alpha = 1;
		mm_run(&g, nthreads);
		for (i = 0; i < nb; i++)
			memcpy(A + (i0 + i) * n, T + i * i1,
			    (i0 + i + 1) * sizeof(*T));
	}
	free(T);
	/* the upper triangle, by 32 x 32 tiles */
	for (b0 = 0; b0 < n; b0 += 32) {
		b1 = n - b0 < 32 ? n : b0 + 32;
		for (jb = 0; jb <= b0; jb += 32)
			for (i = b0; i < b1; i++)
				for (j = jb; j < jb + 32 && j < i; j++)
					A[j * n + i] = A[i * n + j];
	}
}

int
la_chol_inverse(double *A, size_t n, size_t *bad, int nthreads)
{
	if (la_cholesky(A, n, bad, nthreads) == -1)
		return -1;
	tri_inverse(A, n, nthreads);
	tri_gram(A, n, nthreads);
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
