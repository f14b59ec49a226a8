/*
 * ease.c: Steck's EASE (Embarrassingly Shallow Autoencoders, WWW 2019):
 * with G = X^T X + lambda I and P = G^-1, the item-item weights are
 * B = I - P diag(1 / diag P), that is B_ij = -P_ij / P_jj and B_jj = 0,
 * and a customer's scores are x_u B.
 *
 * lambda: --lambda, or by default the mean of the diagonal of X^T X
 * (the mean number of customers per item on binary data) times
 * EASE_LAMBDA_SCALE.  Steck's lambda of 500 on ML-20M and the Netflix
 * prize data is about that mean there; a fixed number does not carry to
 * catalogues of other sizes and densities, the mean diagonal does.
 *
 * G is dense nitems x nitems: above --max-items the fit stops with an
 * error that names the sparse algorithms.  A model file keeps lambda,
 * not B: top -m inverts G again (the same bits: the Cholesky engine
 * sums in a fixed order whatever the threads).
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "err.h"
#include "ml/linalg.h"
#include "ml/sparse.h"

#include "rec.h"

#define EASE_LAMBDA_SCALE	1.0

void
ease_fit(struct rec_model *m)
{
	size_t n = m->nitems, i, j, bad;
	double *G, *d, mean = 0;

	if (n > m->max_items)
		crm_errx(1, "ease: %zu items is over --max-items %zu (a dense "
		    "%zu x %zu matrix of %.1f GB): use --algo itemknn, "
		    "userknn or als, or raise --max-items", n, m->max_items,
		    n, n, (double)n * (double)n * 8 / 1e9);
	if (n == 0)
		return;
	G = xcalloc(n * n, sizeof(*G));
	csr_gram(m->X, G, m->nthreads);
	for (i = 0; i < n; i++)
		mean += G[i * n + i];
	mean /= (double)n;
	if (m->lambda < 0)
		m->lambda = mean > 0 ? EASE_LAMBDA_SCALE * mean : 1;
	for (i = 0; i < n; i++)
		G[i * n + i] += m->lambda;
	if (la_chol_inverse(G, n, &bad, m->nthreads) != 0)
		crm_errx(1, "ease: X^T X + lambda I is not positive definite "
		    "(column %zu): raise --lambda", bad);
	d = xcalloc(n, sizeof(*d));
	for (j = 0; j < n; j++)
		d[j] = G[j * n + j];
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			G[i * n + j] = i == j ? 0 : -G[i * n + j] / d[j];
	free(d);
	m->B = G;
}

void
ease_score(const struct rec_model *m, size_t u, double *out)
{
	const struct csr *X = m->X;
	size_t p, n = m->nitems;

	memset(out, 0, n * sizeof(*out));
	for (p = X->rowptr[u]; p < X->rowptr[u + 1]; p++)
		la_axpy(n, X->val[p], m->B + (size_t)X->col[p] * n, out);
}
