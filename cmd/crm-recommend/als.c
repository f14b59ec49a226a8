/*
 * als.c: implicit-feedback matrix factorisation by alternating least
 * squares (Hu, Koren & Volinsky, ICDM 2008).  Preference p_ui = 1 where
 * customer u has item i (0 elsewhere), confidence c_ui = 1 + alpha r_ui
 * (r the binary or --weight value), and the loss
 *	sum over all (u, i) of c_ui (p_ui - x_u . y_i)^2
 *	    + reg (sum |x_u|^2 + sum |y_i|^2)
 * is minimised a side at a time: every x_u solves
 *	(Y^T Y + Y^T (C_u - I) Y + reg I) x_u = Y^T C_u p_u,
 * with Y^T Y computed once per half-step so that a row costs its own
 * items only (never a dense customers x items product).  The solve is
 * --cg-steps conjugate-gradient steps from the previous x_u (Takacs,
 * Pilaszy & Tikk, RecSys 2011), or an exact Cholesky solve with
 * --cg-steps 0.  Each CG step lowers that row's quadratic, so the loss
 * never rises from one iteration to the next.
 *
 * Rows start from N(0, 0.01^2) drawn from the row's own stream of
 * --seed and are solved on threads independently: the factors, the
 * loss and the output are the same bits with any --threads.  The loss
 * (a pass as costly as a CG step) is computed for train only, which
 * keeps it in the model file (als.loss).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "par.h"
#include "progress.h"
#include "rng.h"
#include "ml/linalg.h"
#include "ml/sparse.h"

#include "rec.h"

#define LOSS_BLOCK	1024

struct als_job {
	const struct rec_model *m;
	const struct csr *R;		/* rows being solved (X or X^T) */
	double		*W;		/* their factors */
	const double	*H;		/* the other side's factors */
	const double	*G;		/* H^T H + reg I */
	double		*blk;		/* loss: per block of rows */
};

struct row_ctx {
	const struct als_job *jb;
	size_t		 row;
	double		*t;		/* f */
};

/* out = (G + H^T (C_u - I) H) v */
static void
row_matvec(void *arg, const double *v, double *out)
{
	struct row_ctx *c = arg;
	const struct als_job *jb = c->jb;
	const struct csr *R = jb->R;
	size_t f = jb->m->factors, p;
	const double *h;
	double a;

	la_gemv(f, f, jb->G, v, out, 1);	/* G symmetric: axpy form */
	for (p = R->rowptr[c->row]; p < R->rowptr[c->row + 1]; p++) {
		h = jb->H + (size_t)R->col[p] * f;
		a = jb->m->alpha * R->val[p] * la_dot(h, v, f);
		la_axpy(f, a, h, out);
	}
}

/* The exact solve: the f x f system by Cholesky. */
static void
row_exact(const struct als_job *jb, size_t row, const double *b, double *x,
    double *A)
{
	const struct csr *R = jb->R;
	size_t f = jb->m->factors, p, i, j;
	const double *h;
	double a;

	memcpy(A, jb->G, f * f * sizeof(*A));
	for (p = R->rowptr[row]; p < R->rowptr[row + 1]; p++) {
		h = jb->H + (size_t)R->col[p] * f;
		a = jb->m->alpha * R->val[p];
		for (i = 0; i < f; i++)
			for (j = 0; j <= i; j++)
				A[i * f + j] += a * h[i] * h[j];
	}
	memcpy(x, b, f * sizeof(*x));
	if (la_cholesky(A, f, NULL, 1) == 0)
		la_chol_solve(A, f, x);
}

static void
solve_rows(void *arg, size_t lo, size_t hi, int th)
{
	const struct als_job *jb = arg;
	const struct csr *R = jb->R;
	size_t f = jb->m->factors, r, p;
	double *b = xcalloc(f, sizeof(*b)), *A = NULL;
	struct row_ctx c = { jb, 0, NULL };
	int it;

	(void)th;
	if (jb->m->cg_steps == 0)
		A = xcalloc(f * f, sizeof(*A));
	for (r = lo; r < hi; r++) {
		memset(b, 0, f * sizeof(*b));
		for (p = R->rowptr[r]; p < R->rowptr[r + 1]; p++)
			la_axpy(f, 1 + jb->m->alpha * R->val[p],
			    jb->H + (size_t)R->col[p] * f, b);
		c.row = r;
		if (A != NULL)
			row_exact(jb, r, b, jb->W + r * f, A);
		else
			la_cg(f, row_matvec, &c, b, jb->W + r * f, 1e-10,
			    jb->m->cg_steps, &it);
	}
	free(A);
	free(b);
}

/* G = H^T H + reg I for the nh rows of H. */
static void
gram(const struct rec_model *m, const double *H, size_t nh, double *G)
{
	size_t f = m->factors, i;

	la_gram(nh, f, H, G, m->nthreads);
	for (i = 0; i < f; i++)
		G[i * f + i] += m->reg;
}

static void
half_step(const struct rec_model *m, const struct csr *R, double *W,
    const double *H, size_t nh, double *G)
{
	struct als_job jb = { m, R, W, H, G, NULL };

	gram(m, H, nh, G);
	par_for_grain(R->nrows, m->nthreads, 64, solve_rows, &jb);
}

/* The loss of one block of customers, given G = V^T V (no reg). */
static void
loss_blocks(void *arg, size_t lo, size_t hi, int th)
{
	const struct als_job *jb = arg;
	const struct rec_model *m = jb->m;
	const struct csr *X = m->X;
	size_t f = m->factors, b, u, p, e;
	double s, xy, c, *t = xcalloc(f, sizeof(*t));

	(void)th;
	for (b = lo; b < hi; b++) {
		s = 0;
		e = (b + 1) * LOSS_BLOCK < m->ncust ? (b + 1) * LOSS_BLOCK :
		    m->ncust;
		for (u = b * LOSS_BLOCK; u < e; u++) {
			const double *x = m->U + u * f;

			la_gemv(f, f, jb->G, x, t, 1);
			s += la_dot(x, t, f) + m->reg * la_dot(x, x, f);
			for (p = X->rowptr[u]; p < X->rowptr[u + 1]; p++) {
				xy = la_dot(x, m->V + (size_t)X->col[p] * f, f);
				c = 1 + m->alpha * X->val[p];
				s += c * (1 - xy) * (1 - xy) - xy * xy;
			}
		}
		jb->blk[b] = s;
	}
	free(t);
}

static double
loss(const struct rec_model *m, double *G)
{
	size_t f = m->factors, nb = (m->ncust + LOSS_BLOCK - 1) / LOSS_BLOCK;
	size_t b, i;
	struct als_job jb = { m, NULL, NULL, NULL, G, NULL };
	double s = 0;

	la_gram(m->nitems, f, m->V, G, m->nthreads);
	jb.blk = xcalloc(nb + 1, sizeof(*jb.blk));
	par_for(nb, m->nthreads, loss_blocks, &jb);
	for (b = 0; b < nb; b++)
		s += jb.blk[b];
	for (i = 0; i < m->nitems * f; i++)
		s += m->reg * m->V[i] * m->V[i];
	free(jb.blk);
	return s;
}

static void
init_rows(double *W, size_t n, size_t f, uint64_t seed, uint64_t base)
{
	struct rng r;
	size_t i, k;

	for (i = 0; i < n; i++) {
		rng_seed_stream(&r, seed, base + i);
		for (k = 0; k < f; k++)
			W[i * f + k] = 0.01 * rng_normal(&r);
	}
}

void
als_fit(struct rec_model *m)
{
	size_t f = m->factors, it;
	double *G = xcalloc(f * f, sizeof(*G));
	struct progress *pr = progress_new("als", m->iterations, !m->quiet);

	m->U = xcalloc(m->ncust * f + 1, sizeof(*m->U));
	m->V = xcalloc(m->nitems * f + 1, sizeof(*m->V));
	m->loss = xcalloc(m->iterations + 1, sizeof(*m->loss));
	init_rows(m->V, m->nitems, f, m->seed, 0);
	init_rows(m->U, m->ncust, f, m->seed, (uint64_t)1 << 40);
	for (it = 0; it < m->iterations; it++) {
		half_step(m, m->X, m->U, m->V, m->nitems, G);
		half_step(m, m->XT, m->V, m->U, m->ncust, G);
		if (m->track_loss)
			m->loss[it] = loss(m, G);
		progress_set(pr, it + 1);
	}
	progress_free(pr);
	free(G);
}

void
als_score(const struct rec_model *m, size_t u, double *out)
{
	la_gemv(m->nitems, m->factors, m->V, m->U + u * m->factors, out, 0);
}
