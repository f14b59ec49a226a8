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
#include "par.h"

#define ARMIJO	1e-3

void
lbfgs_defaults(struct lbfgs_opts *o)
{
	o->m = 10;
	o->maxit = 1000;
	o->gtol = 1e-6;
	o->ftol = 0;
	o->nthreads = 1;
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
 * The vector work of an iteration, split over threads by blocks of
 * VBLOCK elements: y = (b, or y itself) + a x, then y *= c, and the
 * dot products of y with s and s2 (each summed per block, then the
 * blocks in order: the same bits at any thread count).
 */
#define VBLOCK	4096

struct vop {
	size_t		 n;
	double		*y;
	const double	*b, *x, *s, *s2;
	double		 a, c;
	double		*part;		/* per block: y.s, y.s2 */
};

static void
vop_blocks(void *arg, size_t lo, size_t hi, int thread)
{
	const struct vop *v = arg;
	size_t blk, i, i0, i1;
	double *y;

	(void)thread;
	for (blk = lo; blk < hi; blk++) {
		i0 = blk * VBLOCK;
		i1 = v->n - i0 < VBLOCK ? v->n : i0 + VBLOCK;
		y = v->y;
		if (v->b != NULL && v->x != NULL)
			for (i = i0; i < i1; i++)
				y[i] = v->b[i] + v->a * v->x[i];
		else if (v->b != NULL)
			memcpy(y + i0, v->b + i0, (i1 - i0) * sizeof(*y));
		else if (v->x != NULL)
			la_axpy(i1 - i0, v->a, v->x + i0, y + i0);
		if (v->c != 1)
			la_scale(i1 - i0, v->c, y + i0);
		v->part[2 * blk] = v->s != NULL ?
		    la_dot(v->s + i0, y + i0, i1 - i0) : 0;
		v->part[2 * blk + 1] = v->s2 != NULL ?
		    la_dot(v->s2 + i0, y + i0, i1 - i0) : 0;
	}
}

/*
 * Run one vector operation over n elements on nthreads; *d2 (when not
 * NULL) gets y.s2.  part has room for 2 doubles a block.  Returns y.s.
 */
static double
vop_run(size_t n, int nthreads, double *part, double *y, const double *b,
    double a, const double *x, double c, const double *s,
    const double *s2, double *d2)
{
	struct vop v = { n, y, b, x, s, s2, a, c, part };
	size_t nb = (n + VBLOCK - 1) / VBLOCK, blk;
	double r = 0, r2 = 0;

	par_for_grain(nb, nthreads, 8, vop_blocks, &v);
	for (blk = 0; blk < nb; blk++) {
		r += part[2 * blk];
		r2 += part[2 * blk + 1];
	}
	if (d2 != NULL)
		*d2 = r2;
	return r;
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
	int		 nthreads;
	double		*part;		/* vop_run's block sums */
};

static void
ls_eval(struct ls *l, double t)
{
	vop_run(l->n, l->nthreads, l->part, l->xt, l->x, t, l->d, 1, NULL,
	    NULL, NULL);
	l->ft = l->fn(l->ctx, l->xt, l->gt);
	l->dgt = vop_run(l->n, l->nthreads, l->part, l->gt, NULL, 0, NULL, 1,
	    l->d, NULL, NULL);
	(*l->evals)++;
}

static int
ls_armijo(const struct ls *l, double t)
{
	return isfinite(l->ft) && l->ft <= l->f0 + ARMIJO * t * l->dg0;
}

/*
 * The minimiser of the cubic through (lo, flo, dlo) and (hi, fhi, dhi)
 * (Nocedal and Wright, 3.59), or of the quadratic through flo, dlo and
 * fhi when the slope at hi is unknown (NaN) or the cubic has none; NaN
 * when neither exists.
 */
static double
ls_interp(double lo, double flo, double dlo, double hi, double fhi,
    double dhi)
{
	double w = hi - lo, d1, d2, den;

	if (isfinite(dhi) && isfinite(fhi)) {
		d1 = dlo + dhi - 3 * (flo - fhi) / (lo - hi);
		d2 = d1 * d1 - dlo * dhi;
		if (d2 >= 0) {
			d2 = copysign(sqrt(d2), w);
			den = dhi - dlo + 2 * d2;
			if (den != 0)
				return hi - w * (dhi + d2 - d1) / den;
		}
	}
	den = 2 * (fhi - flo - dlo * w);
	return den > 0 ? lo - dlo * w * w / den : NAN;
}

/*
 * Nocedal and Wright's zoom between lo (Armijo holds, value flo, slope
 * dlo) and hi (value fhi, slope dhi or NaN), by safeguarded cubic
 * interpolation (as Moré and Thuente's search, which scipy's L-BFGS-B
 * uses, does first).  Returns 0 with the trial point accepted (strong
 * Wolfe), -1 when the evaluations run out.
 */
static int
ls_zoom(struct ls *l, double lo, double flo, double dlo, double hi,
    double fhi, double dhi, int left)
{
	double t, w;

	for (; left > 0; left--) {
		w = hi - lo;
		t = ls_interp(lo, flo, dlo, hi, fhi, dhi);
		if (!(fabs(t - lo) >= 0.1 * fabs(w) &&
		    fabs(hi - t) >= 0.1 * fabs(w)))
			t = lo + w / 2;
		ls_eval(l, t);
		if (!ls_armijo(l, t) || l->ft >= flo) {
			hi = t;
			fhi = isfinite(l->ft) ? l->ft : HUGE_VAL;
			dhi = isfinite(l->ft) ? l->dgt : NAN;
			continue;
		}
		if (fabs(l->dgt) <= -WOLFE * l->dg0)
			return 0;
		if (l->dgt * (hi - lo) >= 0) {
			hi = lo;
			fhi = flo;
			dhi = dlo;
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
    double t0, lbfgs_fn *fn, void *ctx, double *xn, double *gn, int *evals,
    int nthreads, double *part)
{
	struct ls l = { n, x, d, *f, 0, xn, gn, 0, 0, fn, ctx, evals,
	    nthreads, part };
	double t = t0, tp = 0, fp = *f, dp;
	int k, rc = -1;

	l.dg0 = vop_run(n, nthreads, part, g, NULL, 0, NULL, 1, d, NULL, NULL);
	dp = l.dg0;
	if (!(l.dg0 < 0))
		return -1;
	for (k = 0; k < MAXLS; k++) {
		ls_eval(&l, t);
		if (!ls_armijo(&l, t) || (k > 0 && l.ft >= fp)) {
			rc = ls_zoom(&l, tp, fp, dp, t, isfinite(l.ft) ?
			    l.ft : HUGE_VAL, isfinite(l.ft) ? l.dgt : NAN,
			    MAXLS - k - 1);
			break;
		}
		if (fabs(l.dgt) <= -WOLFE * l.dg0) {
			rc = 0;
			break;
		}
		if (l.dgt >= 0) {
			rc = ls_zoom(&l, t, l.ft, l.dgt, tp, fp, dp,
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
	vop_run(n, nthreads, part, x, xn, 0, NULL, 1, NULL, NULL, NULL);
	vop_run(n, nthreads, part, g, gn, 0, NULL, 1, NULL, NULL, NULL);
	*f = l.ft;
	return 0;
}

/*
 * The kept pairs (s, y) of the last m steps, oldest at head, in a ring;
 * and the vectors of one run, in one allocation.
 */
struct hist {
	double	**S, **Y, *rho, *alpha, *yy;
	int	  m, k, head, nthreads;
	double	 *part;		/* vop_run's block sums */
	double	 *g, *d, *xo, *go, *xn, *gn;
	double	 *mem;
};

static void
hist_init(struct hist *h, size_t n, int m, int nthreads)
{
	size_t nn = n > 0 ? n : 1, j;

	h->nthreads = nthreads;
	h->part = xcalloc(2 * ((n + VBLOCK - 1) / VBLOCK) + 2, sizeof(double));
	h->m = m;
	h->k = h->head = 0;
	h->mem = xcalloc((2 * (size_t)m + 6) * nn + 3 * (size_t)m,
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
	h->yy = h->alpha + m;
}

static void
hist_free(struct hist *h)
{
	free(h->S);
	free(h->Y);
	free(h->mem);
	free(h->part);
}

/*
 * The two-loop recursion: d = -H g from the kept pairs, each axpy fused
 * with the dot product that follows it (2k + 1 passes over n).
 */
static void
two_loop(size_t n, struct hist *h)
{
	int j, idx, nx, th = h->nthreads;
	double r, gamma = 1;

	idx = h->k > 0 ? (h->head + h->k - 1) % h->m : 0;
	/* d = -g, r = s_k-1 . d */
	r = vop_run(n, th, h->part, h->d, h->g, 0, NULL, -1, h->k > 0 ?
	    h->S[idx] : NULL, NULL, NULL);
	if (h->k == 0)
		return;
	gamma = 1 / (h->rho[idx] * h->yy[idx]);
	for (j = h->k - 1; j >= 0; j--) {
		idx = (h->head + j) % h->m;
		h->alpha[idx] = h->rho[idx] * r;
		/* d -= alpha y, then the next s . d (y_0 . d after gamma) */
		nx = (h->head + (j > 0 ? j - 1 : 0)) % h->m;
		r = vop_run(n, th, h->part, h->d, NULL, -h->alpha[idx],
		    h->Y[idx], j > 0 ? 1 : gamma, j > 0 ? h->S[nx] : h->Y[nx],
		    NULL, NULL);
	}
	for (j = 0; j < h->k; j++) {
		idx = (h->head + j) % h->m;
		nx = (h->head + j + 1) % h->m;
		r = vop_run(n, th, h->part, h->d, NULL, h->alpha[idx] -
		    h->rho[idx] * r, h->S[idx], 1, j + 1 < h->k ? h->Y[nx] :
		    NULL, NULL, NULL);
	}
}

/* Keep the pair of the step from xo to x, unless it has no curvature. */
static void
hist_push(struct hist *h, size_t n, const double *x)
{
	double sy, yy;
	int slot;

	/* in the scratch vectors of the line search first */
	vop_run(n, h->nthreads, h->part, h->xn, x, -1, h->xo, 1, NULL, NULL,
	    NULL);
	sy = vop_run(n, h->nthreads, h->part, h->gn, h->g, -1, h->go, 1,
	    h->xn, h->gn, &yy);
	if (!(sy > 1e-12 * yy && sy > 0))
		return;
	if (h->k == h->m) {
		slot = h->head;
		h->head = (h->head + 1) % h->m;
	} else
		slot = (h->head + h->k++) % h->m;
	vop_run(n, h->nthreads, h->part, h->S[slot], h->xn, 0, NULL, 1, NULL,
	    NULL, NULL);
	vop_run(n, h->nthreads, h->part, h->Y[slot], h->gn, 0, NULL, 1, NULL,
	    NULL, NULL);
	h->rho[slot] = 1 / sy;
	h->yy[slot] = yy;
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

	hist_init(&h, n, o->m > 0 ? o->m : 10, o->nthreads);
	f = fold = fn(ctx, x, h.g);
	in.evals = 1;
	while (!stop_test(o, fold, f, gmax(h.g, n), in.iters, &in)) {
		two_loop(n, &h);
		/* The first step is scaled to length at most 1. */
		t0 = h.k == 0 ? 1 / fmax(la_nrm2(h.g, n), 1e-300) : 1;
		vop_run(n, h.nthreads, h.part, h.xo, x, 0, NULL, 1, NULL, NULL,
		    NULL);
		vop_run(n, h.nthreads, h.part, h.go, h.g, 0, NULL, 1, NULL,
		    NULL, NULL);
		fold = f;
		if (wolfe(n, x, &f, h.g, h.d, t0, fn, ctx, h.xn, h.gn,
		    &in.evals, h.nthreads, h.part) == -1) {
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
