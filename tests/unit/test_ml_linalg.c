/* test_ml_linalg.c: dense kernels, Cholesky and conjugate gradients. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "ml/linalg.h"
#include "t.h"

static double *
randm(size_t m, size_t n, struct rng *g, int sparse)
{
	double *a = malloc(m * n * sizeof(*a));
	size_t i;

	for (i = 0; i < m * n; i++)
		a[i] = sparse && rng_below(g, 3) ? 0 : rng_normal(g);
	return a;
}

static void
t_vector(void)
{
	double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 0, -1, 1, 3 };
	double A[] = { 1, 2, 3, 4, 5, 6 }, v2[] = { 1, -1 }, v3[] = { 1, 0, 2 };
	double out[3], big[] = { 3e200, 4e200 };

	CHECK(la_dot(x, y, 5) == 2 + 0 - 3 + 4 + 15);
	la_axpy(5, 2, x, y);
	CHECK(y[0] == 4 && y[4] == 13);
	CHECK(fabs(la_nrm2(big, 2) - 5e200) < 1e186);
	la_gemv(2, 3, A, v3, out, 0);		/* [7, 16] */
	CHECK(out[0] == 7 && out[1] == 16);
	la_gemv(2, 3, A, v2, out, 1);		/* [-3, -3, -3] */
	CHECK(out[0] == -3 && out[1] == -3 && out[2] == -3);
}

static void
t_gemm_gram(void)
{
	struct rng g;
	size_t m = 37, n = 1100, k = 141, i, j, r;
	double *A, *B, *C, *C2, s, err = 0;
	double *X, *G, *G2;

	rng_seed(&g, 1);
	A = randm(m, k, &g, 0);
	B = randm(k, n, &g, 0);
	C = malloc(m * n * sizeof(*C));
	C2 = malloc(m * n * sizeof(*C2));
	la_gemm(m, n, k, A, B, C, 1);
	for (i = 0; i < m; i++)
		for (j = 0; j < n; j++) {
			for (s = 0, r = 0; r < k; r++)
				s += A[i * k + r] * B[r * n + j];
			err = fmax(err, fabs(s - C[i * n + j]));
		}
	CHECK(err < 1e-11);
	la_gemm(m, n, k, A, B, C2, 2);
	CHECK(memcmp(C, C2, m * n * sizeof(*C)) == 0);
	/* Gram of a 301 x 90 matrix with zeros */
	X = randm(301, 90, &g, 1);
	G = malloc(90 * 90 * sizeof(*G));
	G2 = malloc(90 * 90 * sizeof(*G2));
	la_gram(301, 90, X, G, 1);
	for (err = 0, i = 0; i < 90; i++)
		for (j = 0; j < 90; j++) {
			for (s = 0, r = 0; r < 301; r++)
				s += X[r * 90 + i] * X[r * 90 + j];
			err = fmax(err, fabs(s - G[i * 90 + j]));
		}
	CHECK(err < 1e-11);
	la_gram(301, 90, X, G2, 2);
	CHECK(memcmp(G, G2, 90 * 90 * sizeof(*G)) == 0);
	free(A), free(B), free(C), free(C2), free(X), free(G), free(G2);
}

/* A random symmetric positive definite n x n matrix: B^T B + I. */
static double *
spd(size_t n, struct rng *g)
{
	double *B = randm(n, n, g, 0), *A = malloc(n * n * sizeof(*A));
	size_t i;

	la_gram(n, n, B, A, 1);
	for (i = 0; i < n; i++)
		A[i * n + i] += 1;
	free(B);
	return A;
}

static void
t_cholesky(void)
{
	struct rng g;
	size_t n = 300, i, j, bad = 99;
	double *A, *Ai, *Ai2, *P, b[300], x[300], err = 0;
	double np[] = { 1, 2, 2, 1 };		/* eigenvalues 3, -1 */

	rng_seed(&g, 2);
	A = spd(n, &g);
	Ai = malloc(n * n * sizeof(*Ai));
	Ai2 = malloc(n * n * sizeof(*Ai2));
	P = malloc(n * n * sizeof(*P));
	memcpy(Ai, A, n * n * sizeof(*A));
	memcpy(Ai2, A, n * n * sizeof(*A));
	CHECK(la_chol_inverse(Ai, n, NULL, 1) == 0);
	CHECK(la_chol_inverse(Ai2, n, NULL, 2) == 0);
	CHECK(memcmp(Ai, Ai2, n * n * sizeof(*A)) == 0);
	la_gemm(n, n, n, Ai, A, P, 1);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			err = fmax(err, fabs(P[i * n + j] - (i == j)));
	CHECK(err < 1e-10);
	/* solve against the product A x = b */
	for (i = 0; i < n; i++)
		b[i] = x[i] = (double)i - 150;
	memcpy(P, A, n * n * sizeof(*A));
	CHECK(la_cholesky(P, n, NULL, 1) == 0);
	la_chol_solve(P, n, x);
	la_gemv(n, n, A, x, Ai2, 0);
	for (err = 0, i = 0; i < n; i++)
		err = fmax(err, fabs(Ai2[i] - b[i]));
	CHECK(err < 1e-9);
	/* not positive definite: fails at column 1 */
	CHECK(la_cholesky(np, 2, &bad, 1) == -1 && bad == 1);
	np[0] = 0;
	CHECK(la_chol_inverse(np, 2, &bad, 1) == -1 && bad == 0);
	np[0] = NAN;
	CHECK(la_cholesky(np, 2, &bad, 1) == -1 && bad == 0);
	free(A), free(Ai), free(Ai2), free(P);
}

/*
 * Sizes around the blocks of the factorisations (128 columns, 4 x 8
 * register blocks, 256-deep and 1024-wide packed slices): L L^T = A,
 * inverse x A = I within 1e-10 (on a sample of rows), an exactly
 * symmetric inverse, and the same bytes with 1, 2 and 3 threads.  A
 * matrix that stops being positive definite at column 200 fails
 * there, past the first block.
 */
static void
t_chol_sizes(void)
{
	size_t sizes[] = { 1, 5, 127, 129, 261, 1100 }, s, n, i, j, r, bad;
	double *A, *L, *Ai, *Ai2, sum, errl, erri;
	int sym, same;
	struct rng g;

	rng_seed(&g, 5);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		n = sizes[s];
		A = spd(n, &g);
		L = malloc(n * n * sizeof(*L));
		Ai = malloc(n * n * sizeof(*Ai));
		Ai2 = malloc(n * n * sizeof(*Ai2));
		memcpy(L, A, n * n * sizeof(*A));
		/* garbage above the diagonal is never read */
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				L[i * n + j] = NAN;
		CHECK(la_cholesky(L, n, NULL, 2) == 0);
		memcpy(Ai, A, n * n * sizeof(*A));
		CHECK(la_chol_inverse(Ai, n, NULL, 1) == 0);
		errl = erri = 0;
		sym = 1;
		for (r = 0; r < 40; r++) {
			i = (size_t)rng_below(&g, n);
			for (j = 0; j < n; j++) {
				sum = la_dot(L + i * n, L + j * n, n);
				errl = fmax(errl, fabs(sum - A[i * n + j]) /
				    A[i * n + i]);
				sum = la_dot(Ai + i * n, A + j * n, n);
				erri = fmax(erri, fabs(sum - (i == j)));
				if (Ai[i * n + j] != Ai[j * n + i] ||
				    (j > i && L[i * n + j] != 0))
					sym = 0;
			}
		}
		CHECK(errl < 1e-12);
		CHECK(erri < 1e-10);
		CHECK(sym);
		same = 1;
		for (i = 2; i <= 3; i++) {
			memcpy(Ai2, A, n * n * sizeof(*A));
			CHECK(la_chol_inverse(Ai2, n, NULL, (int)i) == 0);
			same &= memcmp(Ai, Ai2, n * n * sizeof(*A)) == 0;
		}
		CHECK(same);
		if (n == 261) {
			A[200 * n + 200] = -1;
			bad = 0;
			CHECK(la_cholesky(A, n, &bad, 2) == -1 && bad == 200);
		}
		free(A), free(L), free(Ai), free(Ai2);
	}
}

struct mv {
	const double	*A;
	size_t		 n;
};

static void
matvec(void *ctx, const double *v, double *out)
{
	struct mv *m = ctx;

	la_gemv(m->n, m->n, m->A, v, out, 0);
}

static void
t_cg(void)
{
	struct rng g;
	size_t n = 60, i;
	double *A, b[60], x[60], ax[60], err = 0;
	struct mv m;
	int it = 0;

	rng_seed(&g, 9);
	A = spd(n, &g);
	m.A = A;
	m.n = n;
	for (i = 0; i < n; i++) {
		b[i] = rng_normal(&g);
		x[i] = 0;
	}
	CHECK(la_cg(n, matvec, &m, b, x, 1e-12, 1000, &it) == 0);
	CHECK(it > 0 && it <= 1000);
	matvec(&m, x, ax);
	for (i = 0; i < n; i++)
		err = fmax(err, fabs(ax[i] - b[i]));
	CHECK(err < 1e-8);
	/* too few iterations: -1 */
	for (i = 0; i < n; i++)
		x[i] = 0;
	CHECK(la_cg(n, matvec, &m, b, x, 1e-12, 2, &it) == -1 && it == 2);
	free(A);
}

int
main(void)
{
	RUN(t_vector);
	RUN(t_gemm_gram);
	RUN(t_cholesky);
	RUN(t_chol_sizes);
	RUN(t_cg);
	T_EXIT();
}
