/*
 * linalg.h: dense linear algebra on row-major double matrices: vector
 * kernels, a blocked parallel matrix product and Gram matrix, Cholesky
 * factor / solve / inverse, and conjugate gradients.
 * Core: nothing here prints or exits (the x-allocators aside).
 *
 * A matrix of m rows and n columns is m*n doubles, row after row.
 * nthreads <= 1 runs on the calling thread; results do not depend on
 * nthreads (every output element is summed in the same order).
 */
#ifndef CRM_ML_LINALG_H
#define CRM_ML_LINALG_H

#include <stddef.h>

double	 la_dot(const double *x, const double *y, size_t n);
/* y += a x */
void	 la_axpy(size_t n, double a, const double *x, double *y);
void	 la_scale(size_t n, double a, double *x);
double	 la_nrm2(const double *x, size_t n);
/* y = A x (A m x n), or y = A^T x when trans (x of m, y of n). */
void	 la_gemv(size_t m, size_t n, const double *A, const double *x,
	    double *y, int trans);
/* C = A B with A m x k and B k x n (C m x n, not aliasing A or B). */
void	 la_gemm(size_t m, size_t n, size_t k, const double *A,
	    const double *B, double *C, int nthreads);
/* G = X^T X (p x p, full symmetric) for X of n rows and p columns. */
void	 la_gram(size_t n, size_t p, const double *X, double *G,
	    int nthreads);

/*
 * Cholesky: A (n x n, symmetric; only the lower triangle is read) is
 * replaced by L, lower triangular with A = L L^T (the upper triangle is
 * zeroed).  Returns 0, or -1 when A is not positive definite (a pivot
 * is not > 0 or not finite): *bad (when not NULL) then gets the
 * 0-based column where it failed and A is left partly factored.
 */
int	 la_cholesky(double *A, size_t n, size_t *bad, int nthreads);
/* Solve L L^T x = b in place (b becomes x), L from la_cholesky. */
void	 la_chol_solve(const double *L, size_t n, double *b);
/*
 * Replace symmetric positive definite A by its inverse (only its lower
 * triangle is read), in place: besides A it needs n x 128 doubles and
 * a few MB per thread, so a 20,000 x 20,000 Gram matrix (3.2 GB) is
 * inverted in about 3.2 GB.  Returns 0, or -1 as la_cholesky does (A
 * is then garbage).
 */
int	 la_chol_inverse(double *A, size_t n, size_t *bad, int nthreads);

/*
 * Conjugate gradients for A x = b with A symmetric positive definite
 * given as a product: matvec(ctx, v, out) writes A v.  x holds the
 * starting point and gets the solution.  Stops when ||r|| <= tol ||b||;
 * returns 0, or -1 after maxit iterations (or on a breakdown: p^T A p
 * not > 0).  *iters (when not NULL) gets the iterations done.
 */
int	 la_cg(size_t n, void (*matvec)(void *ctx, const double *v,
	    double *out), void *ctx, const double *b, double *x, double tol,
	    int maxit, int *iters);

#endif
