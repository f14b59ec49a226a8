/*
 * lbfgs.c: L-BFGS (two-loop recursion) with a strong Wolfe line search
 * (Nocedal and Wright, algorithms 3.5 and 3.6), and Newton's method
 * with Armijo backtracking (see lbfgs.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ml/lbfgs.h"
#include "ml/linalg.h"

#define ARMIJO	1e-4

void
lbfgs_defaults(struct lbfgs_opts *o)
{
	o->m = 10;
	o->maxit = 1000;
	o->gtol = 1e-6;
	o->ftol = 0;
}

static double
gmax(const double *g, size_t n)
{
	double m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (!(fabs(g[i]) <= m))
			m = fabs(g[i]);
	return m;
}

/*
 * Backtrack from x (value *f, gradient g) along d: the first step t
 * (halving from t0) with f(x + t d) <= f + ARMIJO t g.d.  On success
 * x, *f and g hold the new point and 0 is returned; -1 leaves them.
 */
static int
backtrack(size_t n, double *x, double *f, double *g, const double *d,
    double t0, lbfgs_fn *fn, void *ctx, double *xn, double *gn, int *evals)
{
	double slope = la_dot(g, d, n), t = t0, fn1;
	size_t i;
	int k;

	if (!(slope < 0))
		return -1;
	for (k = 0; k < 60; k++, t *= 0.5) {
		for (i = 0; i < n; i++)
			xn[i] = x[i] + t * d[i];
		fn1 = fn(ctx, xn, gn);
		(*evals)++;
		if (isfinite(fn1) && fn1 <= *f + ARMIJO * t * slope) {
			memcpy(x, xn, n * sizeof(*x));
			memcpy(g, gn, n * sizeof(*g));
			*f = fn1;
			return 0;
		}
	}
	return -1;
}

#define WOLFE	0.9	/* curvature: |g(t).d| <= WOLFE |g(0).d| */
#define MAXLS	40	/* evaluations per line search */

/* The line search's state: the start, and the trial point. */
struct ls {
	size_t		 n;
	const double	*x, *d;
	double		 f0, dg0;	/* value and slope at t = 0 */
	double		*xt, *gt;	/* the trial point and its gradient */
	double		 ft, dgt;
	lbfgs_fn	*fn;
	void		*ctx;
	int		*evals;
};

static void
ls_eval(struct ls *l, double t)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		l->xt[i] = l->x[i] + t * l->d[i];
	l->ft = l->fn(l->ctx, l->xt, l->gt);
	l->dgt = la_dot(l->gt, l->d, l->n);
	(*l->evals)++;
}

static int
ls_armijo(const struct ls *l, double t)
{
	return isfinite(l->ft) && l->ft <= l->f0 + ARMIJO * t * l->dg0;
}

/*
 * Nocedal and Wright's zoom between lo (Armijo holds, value flo, slope
 * dlo) and hi, by safeguarded quadratic interpolation.  Returns 0 with
 * the trial point accepted (strong Wolfe), -1 when the evaluations run
 * out.
 */
static int
ls_zoom(struct ls *l, double lo, double flo, double dlo, double hi,
    double fhi, int left)
{
	double t, w, den;

	for (; left > 0; left--) {
		w = hi - lo;
		den = 2 * (fhi - flo - dlo * w);
		t = den > 0 ? lo - dlo * w * w / den : lo + w / 2;
		if (!(fabs(t - lo) >= 0.1 * fabs(w) &&
		    fabs(hi - t) >= 0.1 * fabs(w)))
			t = lo + w / 2;
		ls_eval(l, t);
		if (!ls_armijo(l, t) || l->ft >= flo) {
			hi = t;
			fhi = isfinite(l->ft) ? l->ft : HUGE_VAL;
			continue;
		}
		if (fabs(l->dgt) <= -WOLFE * l->dg0)
			return 0;
		if (l->dgt * (hi - lo) >= 0) {
			hi = lo;
			fhi = flo;
		}
		lo = t;
		flo = l->ft;
		dlo = l->dgt;
	}
	return -1;
}

/*
 * A strong Wolfe line search from x (value *f, gradient g) along d,
 * first trying t0 and doubling while the value falls.  On success x,
 * *f and g hold the new point and 0 is returned; -1 leaves them.
 */
static int
wolfe(size_t n, double *x, double *f, double *g, const double *d,
    double t0, lbfgs_fn *fn, void *ctx, double *xn, double *gn, int *evals)
{
	struct ls l = { n, x, d, *f, la_dot(g, d, n), xn, gn, 0, 0, fn, ctx,
	    evals };
	double t = t0, tp = 0, fp = *f, dp = l.dg0;
	int k, rc = -1;

	if (!(l.dg0 < 0))
		return -1;
	for (k = 0; k < MAXLS; k++) {
		ls_eval(&l, t);
		if (!ls_armijo(&l, t) || (k > 0 && l.ft >= fp)) {
			rc = ls_zoom(&l, tp, fp, dp, t, isfinite(l.ft) ?
			    l.ft : HUGE_VAL, MAXLS - k - 1);
			break;
		}
		if (fabs(l.dgt) <= -WOLFE * l.dg0) {
			rc = 0;
			break;
		}
		if (l.dgt >= 0) {
			rc = ls_zoom(&l, t, l.ft, l.dgt, tp, fp,
			    MAXLS - k - 1);
			break;
		}
		tp = t;
		fp = l.ft;
		dp = l.dgt;
		t *= 2;
	}
	/* No Wolfe point: a decrease is still worth taking. */
	if (rc == -1 && !(isfinite(l.ft) && l.ft < *f))
		return -1;
	memcpy(x, xn, n * sizeof(*x));
	memcpy(g, gn, n * sizeof(*g));
	*f = l.ft;
	return 0;
}

/*
 * The kept pairs (s, y) of the last m steps, oldest at head, in a ring;
 * and the vectors of one run, in one allocation.
 */
struct hist {
	double	**S, **Y, *rho, *alpha;
	int	  m, k, head;
	double	 *g, *d, *xo, *go, *xn, *gn;
	double	 *mem;
};

static void
hist_init(struct hist *h, size_t n, int m)
{
	size_t nn = n > 0 ? n : 1, j;

	h->m = m;
	h->k = h->head = 0;
	h->mem = xcalloc((2 * (size_t)m + 6) * nn + 2 * (size_t)m,
	    sizeof(double));
	h->S = xcalloc((size_t)m, sizeof(*h->S));
	h->Y = xcalloc((size_t)m, sizeof(*h->Y));
	for (j = 0; j < (size_t)m; j++) {
		h->S[j] = h->mem + 2 * j * nn;
		h->Y[j] = h->mem + (2 * j + 1) * nn;
	}
	h->g = h->mem + 2 * (size_t)m * nn;
	h->d = h->g + nn;
	h->xo = h->d + nn;
	h->go = h->xo + nn;
	h->xn = h->go + nn;
	h->gn = h->xn + nn;
	h->rho = h->gn + nn;
	h->alpha = h->rho + m;
}

static void
hist_free(struct hist *h)
{
	free(h->S);
	free(h->Y);
	free(h->mem);
}

/* The two-loop recursion: d = -H g from the kept pairs. */
static void
two_loop(size_t n, struct hist *h)
{
	int j, idx;
	double beta, gamma = 1;
	size_t i;

	for (i = 0; i < n; i++)
		h->d[i] = -h->g[i];
	for (j = h->k - 1; j >= 0; j--) {
		idx = (h->head + j) % h->m;
		h->alpha[idx] = h->rho[idx] * la_dot(h->S[idx], h->d, n);
		la_axpy(n, -h->alpha[idx], h->Y[idx], h->d);
	}
	if (h->k > 0) {
		idx = (h->head + h->k - 1) % h->m;
		gamma = 1 / (h->rho[idx] * la_dot(h->Y[idx], h->Y[idx], n));
	}
	la_scale(n, gamma, h->d);
	for (j = 0; j < h->k; j++) {
		idx = (h->head + j) % h->m;
		beta = h->rho[idx] * la_dot(h->Y[idx], h->d, n);
		la_axpy(n, h->alpha[idx] - beta, h->S[idx], h->d);
	}
}

/* Keep the pair of the step from xo to x, unless it has no curvature. */
static void
hist_push(struct hist *h, size_t n, const double *x)
{
	double sy;
	size_t i;
	int slot;

	/* in the scratch vectors of the line search first */
	for (i = 0; i < n; i++) {
		h->xn[i] = x[i] - h->xo[i];
		h->gn[i] = h->g[i] - h->go[i];
	}
	sy = la_dot(h->xn, h->gn, n);
	if (!(sy > 1e-12 * la_dot(h->gn, h->gn, n) && sy > 0))
		return;
	if (h->k == h->m) {
		slot = h->head;
		h->head = (h->head + 1) % h->m;
	} else
		slot = (h->head + h->k++) % h->m;
	memcpy(h->S[slot], h->xn, n * sizeof(double));
	memcpy(h->Y[slot], h->gn, n * sizeof(double));
	h->rho[slot] = 1 / sy;
}

/* The stopping test shared by both methods; 1 when it should stop. */
static int
stop_test(const struct lbfgs_opts *o, double fold, double f, double gm,
    int it, struct lbfgs_info *in)
{
	if (!isfinite(f) || !isfinite(gm))
		in->stop = LBFGS_NOTFINITE;
	else if (gm <= o->gtol)
		in->stop = LBFGS_GTOL;
	else if (it > 0 && o->ftol > 0 &&
	    fold - f <= o->ftol * fmax(fabs(fold), fmax(fabs(f), 1)))
		in->stop = LBFGS_FTOL;
	else if (it >= o->maxit)
		in->stop = LBFGS_MAXIT;
	else
		return 0;
	return 1;
}

int
lbfgs_min(size_t n, double *x, lbfgs_fn *fn, void *ctx,
    const struct lbfgs_opts *o, struct lbfgs_info *info)
{
	struct lbfgs_info in = { 0 };
	struct hist h;
	double f, fold, t0;

	hist_init(&h, n, o->m > 0 ? o->m : 10);
	f = fold = fn(ctx, x, h.g);
	in.evals = 1;
	while (!stop_test(o, fold, f, gmax(h.g, n), in.iters, &in)) {
		two_loop(n, &h);
		/* The first step is scaled to length at most 1. */
		t0 = h.k == 0 ? fmin(1, 1 / fmax(la_nrm2(h.g, n), 1e-300)) : 1;
		memcpy(h.xo, x, n * sizeof(*x));
		memcpy(h.go, h.g, n * sizeof(*x));
		fold = f;
		if (wolfe(n, x, &f, h.g, h.d, t0, fn, ctx, h.xn, h.gn,
		    &in.evals) == -1) {
			in.stop = LBFGS_LINESEARCH;
			break;
		}
		in.iters++;
		hist_push(&h, n, x);
	}
	in.f = f;
	in.gmax = gmax(h.g, n);
	if (info != NULL)
		*info = in;
	hist_free(&h);
	return in.stop == LBFGS_GTOL || in.stop == LBFGS_FTOL ? 0 : -1;
}

/* newton_fn seen as an lbfgs_fn, for the line search. */
struct newton_ctx {
	newton_fn	*fn;
	void		*ctx;
};

static double
newton_value(void *p, const double *x, double *grad)
{
	struct newton_ctx *c = p;

	return c->fn(c->ctx, x, grad, NULL);
}

int
newton_min(size_t n, double *x, newton_fn *fn, void *ctx,
    const struct lbfgs_opts *o, struct lbfgs_info *info)
{
	struct newton_ctx nc = { fn, ctx };
	struct lbfgs_info in = { 0 };
	double *g, *H, *d, *xn, *gn, f, fold;
	size_t i;

	g = xcalloc(n ? n : 1, sizeof(*g));
	d = xcalloc(n ? n : 1, sizeof(*d));
	xn = xcalloc(n ? n : 1, sizeof(*xn));
	gn = xcalloc(n ? n : 1, sizeof(*gn));
	H = xcalloc(n > 0 ? n * n : 1, sizeof(*H));
	f = fold = fn(ctx, x, g, H);
	in.evals = 1;
	for (;;) {
		if (stop_test(o, fold, f, gmax(g, n), in.iters, &in))
			break;
		for (i = 0; i < n; i++)
			d[i] = -g[i];
		if (la_cholesky(H, n, NULL, 1) == 0)
			la_chol_solve(H, n, d);
		fold = f;
		if (backtrack(n, x, &f, g, d, 1, newton_value, &nc, xn, gn,
		    &in.evals) == -1) {
			in.stop = LBFGS_LINESEARCH;
			break;
		}
		in.iters++;
		/* The Hessian at the accepted point. */
		f = fn(ctx, x, g, H);
		in.evals++;
	}
	in.f = f;
	in.gmax = gmax(g, n);
	if (info != NULL)
		*info = in;
	free(g);
	free(d);
	free(xn);
	free(gn);
	free(H);
	return in.stop == LBFGS_GTOL || in.stop == LBFGS_FTOL ? 0 : -1;
}
