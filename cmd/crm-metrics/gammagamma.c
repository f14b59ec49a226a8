/*
 * gammagamma.c: the Gamma-Gamma model of spend per transaction (Fader,
 * Hardie and Lee 2005, "RFM and CLV"; Fader and Hardie, note 025),
 * fitted on the repeat buyers (x > 0, mean repeat spend m > 0):
 *   LL = ln G(px+q) - ln G(px) - ln G(q) + q ln v + (px-1) ln m
 *        + px ln x - (px+q) ln(xm+v)
 * minimising -(1/n) sum LL + penalizer * (p^2 + q^2 + v^2) in
 * log-parameters, as the lifetimes library does.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "num.h"

#include "ml/optim.h"
#include "ml/special.h"

#include "metrics.h"

struct gg_ctx {
	size_t		 n, nx;
	const double	*x, *m;		/* per customer */
	size_t		*xi;		/* index of the customer's x in xs */
	double		*xs, *lgs, *lg0, *ps, *p0;	/* per distinct x */
	double		 pen;
};

static double
gg_fn(const double *th, double *grad, void *arg)
{
	struct gg_ctx *c = arg;
	double p = exp(th[0]), q = exp(th[1]), v = exp(th[2]);
	double ll = 0, g[3] = { 0, 0, 0 }, lgq = lgamma(q), psq;
	double lv = log(v), x, m, px, lxm;
	size_t i, k;

	if (!isfinite(p + q + v) || p <= 0 || q <= 0 || v <= 0)
		return INFINITY;
	psq = sf_digamma(q);
	for (k = 0; k < c->nx; k++) {
		px = p * c->xs[k];
		c->lgs[k] = lgamma(px + q);
		c->lg0[k] = lgamma(px);
		c->ps[k] = sf_digamma(px + q);
		c->p0[k] = sf_digamma(px);
	}
	for (i = 0; i < c->n; i++) {
		k = c->xi[i];
		x = c->x[i];
		m = c->m[i];
		px = p * x;
		lxm = log(x * m + v);
		ll += c->lgs[k] - c->lg0[k] - lgq + q * lv + (px - 1) * log(m) +
		    px * log(x) - (px + q) * lxm;
		g[0] += x * (c->ps[k] - c->p0[k] + log(m) + log(x) - lxm);
		g[1] += c->ps[k] - psq + lv - lxm;
		g[2] += q / v - (px + q) / (x * m + v);
	}
	grad[0] = -p * g[0] / (double)c->n + 2 * c->pen * p * p;
	grad[1] = -q * g[1] / (double)c->n + 2 * c->pen * q * q;
	grad[2] = -v * g[2] / (double)c->n + 2 * c->pen * v * v;
	return -ll / (double)c->n + c->pen * (p * p + q * q + v * v);
}

/* Collect the repeat buyers of t and the distinct frequencies. */
static void
gg_setup(struct gg_ctx *c, const struct ltsum *t)
{
	double *x = xcalloc(t->n + 1, sizeof(double));
	double *m = xcalloc(t->n + 1, sizeof(double));
	size_t i, lo, hi, mid;

	for (i = 0; i < t->n; i++)
		if (t->x[i] > 0 && t->m[i] > 0) {
			x[c->n] = t->x[i];
			m[c->n++] = t->m[i];
		}
	c->x = x;
	c->m = m;
	c->xs = xcalloc(c->n + 1, sizeof(double));
	memcpy(c->xs, x, c->n * sizeof(double));
	qsort(c->xs, c->n, sizeof(double), num_cmp);
	for (i = 0; i < c->n; i++)
		if (c->nx == 0 || c->xs[c->nx - 1] != c->xs[i])
			c->xs[c->nx++] = c->xs[i];
	c->xi = xcalloc(c->n + 1, sizeof(size_t));
	for (i = 0; i < c->n; i++) {
		for (lo = 0, hi = c->nx; hi - lo > 1;) {
			mid = (lo + hi) / 2;
			if (c->xs[mid] <= x[i])
				lo = mid;
			else
				hi = mid;
		}
		c->xi[i] = lo;
	}
	c->lgs = xcalloc(c->nx + 1, sizeof(double));
	c->lg0 = xcalloc(c->nx + 1, sizeof(double));
	c->ps = xcalloc(c->nx + 1, sizeof(double));
	c->p0 = xcalloc(c->nx + 1, sizeof(double));
}

static void
gg_cleanup(struct gg_ctx *c)
{
	free((double *)c->x);
	free((double *)c->m);
	free(c->xi);
	free(c->xs);
	free(c->lgs);
	free(c->lg0);
	free(c->ps);
	free(c->p0);
}

static const double gg_starts[][3] = {
	{ 0, 0, 0 }, { 1, 1, 2 }, { -1, 0.5, 1 }
};

/*
 * Fit on the repeat buyers of t.  Returns 0, or -1 with a message in
 * err when there are none or no start converges.
 */
int
metrics_gg_fit(const struct ltsum *t, double penalizer, struct gammagamma *g,
    char *err, size_t errlen)
{
	struct gg_ctx c;
	double best[3], grad[3];
	int total = 0, ok = 0;

	memset(&c, 0, sizeof(c));
	c.pen = penalizer;
	gg_setup(&c, t);
	if (c.n > 0)
		ok = optim_multistart(3, gg_starts[0],
		    sizeof(gg_starts) /
		    sizeof(gg_starts[0]), gg_fn, &c, OPT_MAXITER, 1e-9, best,
		    &g->iter,
		    &total) == 0;
	if (ok) {
		c.pen = 0;
		g->ll = -gg_fn(best, grad, &c) * (double)c.n;
	}
	g->n = c.n;
	gg_cleanup(&c);
	if (g->n == 0) {
		snprintf(err, errlen, "gamma-gamma fit needs repeat buyers "
		    "with a positive monetary value");
		return -1;
	}
	if (!ok) {
		snprintf(err, errlen, "gamma-gamma fit did not converge after "
		    "%d iterations", total);
		return -1;
	}
	g->p = exp(best[0]);
	g->q = exp(best[1]);
	g->v = exp(best[2]);
	return 0;
}

/*
 * E[M | x, m] = (q-1)/(px+q-1) * vp/(q-1) + px/(px+q-1) * m
 *             = (vp + pxm) / (px+q-1).
 */
double
metrics_gg_expected_spend(const struct gammagamma *g, double x, double m)
{
	return (g->v * g->p + g->p * x * m) / (g->p * x + g->q - 1);
}
