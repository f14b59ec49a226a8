/*
 * logistic.c: stable logistic functions and logistic regression (see
 * logistic.h).  The objective is summed over blocks of BLOCK rows in
 * a fixed order, so that its value and gradient have the same bits at
 * any thread count.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "par.h"
#include "ml/lbfgs.h"
#include "ml/linalg.h"
#include "ml/logistic.h"
#include "ml/sparse.h"

#define BLOCK	2048

double
sigmoid(double x)
{
	double e;

	if (x >= 0)
		return 1 / (1 + exp(-x));
	e = exp(x);
	return e / (1 + e);
}

double
log1pexp(double x)
{
	/* Maechler's cut points: each branch is exact to rounding. */
	if (x <= -37)
		return exp(x);
	if (x <= 18)
		return log1p(exp(x));
	if (x <= 33.3)
		return x + exp(-x);
	return x;
}

double
logsumexp(const double *v, size_t n)
{
	double m = -INFINITY, s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	if (isinf(m) || isnan(m))
		return m;
	for (i = 0; i < n; i++)
		s += exp(v[i] - m);
	return m + log(s);
}

void
logreg_defaults(struct logreg_opts *o)
{
	o->C = 1;
	o->intercept = 1;
	o->newton = 0;
	o->maxit = 1000;
	o->tol = 1e-8;
	o->nthreads = 1;
}

struct lr {
	const struct logreg_data *d;
	const struct logreg_opts *o;
	struct csr	*Xt;		/* the transpose of a sparse X */
	double		*r;		/* per row: sw (p - y) */
	double		*h;		/* per row: sw p (1 - p) */
	double		*blk;		/* per block: loss, sum r */
	const double	*th;		/* the point being evaluated */
	double		 wsum;		/* sum of the row weights */
	double		*g;
};

static double
row_z(const struct logreg_data *d, size_t i, const double *w)
{
	if (d->X != NULL)
		return la_dot(d->X + i * d->p, w, d->p);
	return csr_row_dot_dense(d->Xs, i, w);
}

/* Rows of blocks lo..hi: margins, losses and residuals. */
static void
lr_rows(void *arg, size_t lo, size_t hi, int thread)
{
	struct lr *c = arg;
	const struct logreg_data *d = c->d;
	size_t b, i, end;
	double z, s, y, loss, rs, p, e;

	(void)thread;
	for (b = lo; b < hi; b++) {
		end = (b + 1) * BLOCK < d->n ? (b + 1) * BLOCK : d->n;
		loss = rs = 0;
		for (i = b * BLOCK; i < end; i++) {
			z = row_z(d, i, c->th) + c->th[d->p];
			s = d->sw != NULL ? d->sw[i] : 1;
			y = d->y[i] != 0;
			/* one exp for both: e = exp(-|z|) */
			e = exp(-fabs(z));
			loss += s * ((z > 0 ? z : 0) + log1p(e) - y * z);
			p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
			c->r[i] = s * (p - y);
			if (c->h != NULL)
				c->h[i] = s * p * (1 - p);
			rs += c->r[i];
		}
		c->blk[2 * b] = loss;
		c->blk[2 * b + 1] = rs;
	}
}

/* The gradient of columns lo..hi: (X^T r + w / C) / wsum. */
static void
lr_cols(void *arg, size_t lo, size_t hi, int thread)
{
	struct lr *c = arg;
	const struct logreg_data *d = c->d;
	size_t i, j;

	(void)thread;
	if (d->Xs != NULL) {
		for (j = lo; j < hi; j++)
			c->g[j] = csr_row_dot_dense(c->Xt, j, c->r);
	} else {
		memset(c->g + lo, 0, (hi - lo) * sizeof(double));
		for (i = 0; i < d->n; i++)
			la_axpy(hi - lo, c->r[i], d->X + i * d->p + lo,
			    c->g + lo);
	}
	for (j = lo; j < hi; j++)
		c->g[j] = (c->g[j] + c->th[j] / c->o->C) / c->wsum;
}

/* The Hessian of a dense X (Newton): X^T diag(h) X + I/C, intercept. */
static void
lr_hess(struct lr *c, double *H)
{
	const struct logreg_data *d = c->d;
	size_t p = d->p, q = p + 1, i, j, k;
	double *x = xcalloc(q, sizeof(*x));

	memset(H, 0, q * q * sizeof(*H));
	for (i = 0; i < d->n; i++) {
		if (d->X != NULL)
			memcpy(x, d->X + i * p, p * sizeof(*x));
		else {
			memset(x, 0, p * sizeof(*x));
			for (k = d->Xs->rowptr[i]; k < d->Xs->rowptr[i + 1]; k++)
				x[d->Xs->col[k]] = d->Xs->val[k];
		}
		x[p] = 1;
		for (j = 0; j < q; j++)
			if (x[j] != 0)
				la_axpy(j + 1, c->h[i] * x[j], x, H + j * q);
	}
	for (j = 0; j < q; j++) {
		for (k = 0; k < j; k++)
			H[k * q + j] = H[j * q + k];
		if (j < p)
			H[j * q + j] += 1 / c->o->C;
		H[j * q + j] /= c->wsum;
	}
	for (j = 0; j < q; j++)
		for (k = 0; k < q; k++)
			if (k != j)
				H[j * q + k] /= c->wsum;
	if (!c->o->intercept) {
		for (j = 0; j < q; j++)
			H[j * q + p] = H[p * q + j] = 0;
		H[p * q + p] = 1;
	}
	free(x);
}

/* The mean objective and its gradient (and Hessian) at th = (w, b). */
static double
lr_eval(void *arg, const double *th, double *grad, double *hess)
{
	struct lr *c = arg;
	const struct logreg_data *d = c->d;
	size_t nb = (d->n + BLOCK - 1) / BLOCK, b;
	double loss = 0, rs = 0, reg;

	c->th = th;
	c->g = grad;
	c->h = hess != NULL ? xcalloc(d->n ? d->n : 1, sizeof(double)) : NULL;
	par_for(nb, c->o->nthreads, lr_rows, c);
	for (b = 0; b < nb; b++) {
		loss += c->blk[2 * b];
		rs += c->blk[2 * b + 1];
	}
	par_for_grain(d->p, c->o->nthreads, 64, lr_cols, c);
	reg = la_dot(th, th, d->p) / (2 * c->o->C);
	grad[d->p] = c->o->intercept ? rs / c->wsum : 0;
	if (hess != NULL) {
		lr_hess(c, hess);
		free(c->h);
		c->h = NULL;
	}
	return (loss + reg) / c->wsum;
}

static double
lr_value(void *arg, const double *th, double *grad)
{
	return lr_eval(arg, th, grad, NULL);
}

int
logreg_fit(const struct logreg_data *d, const struct logreg_opts *o,
    double *coef, double *b0, struct lbfgs_info *info)
{
	struct lbfgs_opts lo;
	struct lbfgs_info in = { 0 };
	struct lr c = { 0 };
	double *th;
	size_t i;
	int rc;

	if (!(o->C > 0) || (d->X == NULL) == (d->Xs == NULL)) {
		in.stop = LBFGS_NOTFINITE;
		if (info != NULL)
			*info = in;
		return -1;
	}
	c.d = d;
	c.o = o;
	c.r = xcalloc(d->n ? d->n : 1, sizeof(double));
	c.blk = xcalloc(2 * ((d->n + BLOCK - 1) / BLOCK) + 2, sizeof(double));
	for (i = 0; i < d->n; i++)
		c.wsum += d->sw != NULL ? d->sw[i] : 1;
	if (!(c.wsum > 0))
		c.wsum = 1;
	if (d->Xs != NULL)
		c.Xt = csr_transpose(d->Xs);
	th = xcalloc(d->p + 1, sizeof(*th));
	lbfgs_defaults(&lo);
	lo.maxit = o->maxit;
	lo.gtol = o->tol;
	lo.nthreads = o->nthreads;
	if (o->newton)
		rc = newton_min(d->p + 1, th, lr_eval, &c, &lo, &in);
	else
		rc = lbfgs_min(d->p + 1, th, lr_value, &c, &lo, &in);
	memcpy(coef, th, d->p * sizeof(*coef));
	*b0 = o->intercept ? th[d->p] : 0;
	if (info != NULL)
		*info = in;
	free(th);
	csr_free(c.Xt);
	free(c.r);
	free(c.blk);
	return rc;
}

double
logreg_prob(const struct logreg_data *d, size_t i, const double *coef,
    double b0)
{
	return sigmoid(row_z(d, i, coef) + b0);
}
