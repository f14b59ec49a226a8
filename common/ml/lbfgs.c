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

/* The two-loop recursion: d = -H g from the kept pairs (oldest first). */
static void
two_loop(size_t n, const double *g, double *d, double *const *S,
    double *const *Y, const double *rho, double *alpha, int k, int m,
    int head)
{
	int j, idx;
	double beta, gamma = 1;

	for (size_t i = 0; i < n; i++)
		d[i] = -g[i];
	for (j = k - 1; j >= 0; j--) {
		idx = (head + j) % m;
		alpha[idx] = rho[idx] * la_dot(S[idx], d, n);
		la_axpy(n, -alpha[idx], Y[idx], d);
	}
	if (k > 0) {
		idx = (head + k - 1) % m;
		gamma = 1 / (rho[idx] * la_dot(Y[idx], Y[idx], n));
	}
	la_scale(n, gamma, d);
	for (j = 0; j < k; j++) {
		idx = (head + j) % m;
		beta = rho[idx] * la_dot(Y[idx], d, n);
		la_axpy(n, alpha[idx] - beta, S[idx], d);
	}
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
	double **S, **Y, *rho, *alpha, *g, *d, *xo, *go, *xn, *gn;
	double f, fold, sy, t0;
	int m = o->m > 0 ? o->m : 10, k = 0, head = 0, j, slot;
	size_t i;

	S = xcalloc((size_t)m, sizeof(*S));
	Y = xcalloc((size_t)m, sizeof(*Y));
	for (j = 0; j < m; j++) {
		S[j] = xcalloc(n ? n : 1, sizeof(double));
		Y[j] = xcalloc(n ? n : 1, sizeof(double));
	}
	rho = xcalloc((size_t)m, sizeof(*rho));
	alpha = xcalloc((size_t)m, sizeof(*alpha));
	g = xcalloc(n ? n : 1, sizeof(*g));
	d = xcalloc(n ? n : 1, sizeof(*d));
	xo = xcalloc(n ? n : 1, sizeof(*xo));
	go = xcalloc(n ? n : 1, sizeof(*go));
	xn = xcalloc(n ? n : 1, sizeof(*xn));
	gn = xcalloc(n ? n : 1, sizeof(*gn));
	f = fold = fn(ctx, x, g);
	in.evals = 1;
	for (;;) {
		if (stop_test(o, fold, f, gmax(g, n), in.iters, &in))
			break;
		two_loop(n, g, d, S, Y, rho, alpha, k, m, head);
		/* The first step is scaled to length 1. */
		t0 = k == 0 ? 1 / fmax(la_nrm2(g, n), 1e-300) : 1;
		if (k == 0 && t0 > 1)
			t0 = 1;
		memcpy(xo, x, n * sizeof(*x));
		memcpy(go, g, n * sizeof(*g));
		fold = f;
		if (wolfe(n, x, &f, g, d, t0, fn, ctx, xn, gn,
		    &in.evals) == -1) {
			in.stop = LBFGS_LINESEARCH;
			break;
		}
		in.iters++;
		/* The new pair, in the scratch vectors of the line search. */
		for (i = 0; i < n; i++) {
			xn[i] = x[i] - xo[i];
			gn[i] = g[i] - go[i];
		}
		sy = la_dot(xn, gn, n);
		if (!(sy > 1e-12 * la_dot(gn, gn, n) && sy > 0))
			continue;	/* no curvature: keep the old pairs */
		if (k == m) {
			slot = head;
			head = (head + 1) % m;
		} else
			slot = (head + k++) % m;
		memcpy(S[slot], xn, n * sizeof(*xn));
		memcpy(Y[slot], gn, n * sizeof(*gn));
		rho[slot] = 1 / sy;
	}
	in.f = f;
	in.gmax = gmax(g, n);
	if (info != NULL)
		*info = in;
	for (j = 0; j < m; j++) {
		free(S[j]);
		free(Y[j]);
	}
	free(S);
	free(Y);
	free(rho);
	free(alpha);
	free(g);
	free(d);
	free(xo);
	free(go);
	free(xn);
	free(gn);
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
