/*
 * bgnbd.c: the BG/NBD model of Fader, Hardie and Lee (2005), "Counting
 * your customers the easy way": maximum-likelihood fit in log-parameters
 * with analytic gradients, conditional expected purchases and P(alive).
 *
 * For a customer with x repeat purchases, the last at t_x, observed
 * for T:
 *   LL = ln G(r+x) - ln G(r) + r ln(alpha) + ln B(a, b+x) - ln B(a, b)
 *        + ln( (alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x) )
 * The last term is summed as a log-sum-exp with the larger part factored
 * out.  As in the lifetimes library, time is scaled so that the largest
 * T is 1 while fitting, and the objective is
 *   -(1/n) sum LL + penalizer * (r^2 + alpha_s^2 + a^2 + b^2).
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

struct bg_ctx {
	const struct ltsum	*t;
	double			 scale, pen;
	size_t			 xmax;
	/* Per x: ln-gamma differences and digamma differences. */
	double			*l12, *dr, *da, *db, *lbx;
	/* The distinct values of T and t_x, and each customer's. */
	double			*u, *lu, *iu;
	size_t			 nu;
	uint32_t		*iT, *itx;
};

/* Fill the per-x tables for r, a, b by the recurrences of G and psi. */
static void
bg_tables(struct bg_ctx *c, double r, double a, double b)
{
	double lr = 0, lb = 0, lab = 0, pr = 0, pb = 0, pab = 0;
	size_t x;

	for (x = 0; x <= c->xmax; x++) {
		c->l12[x] = lr + lb - lab;
		c->dr[x] = pr;
		c->da[x] = -pab;
		c->db[x] = pb - pab;
		c->lbx[x] = x > 0 ? log(b + (double)x - 1) : 0;
		lr += log(r + (double)x);
		lb += log(b + (double)x);
		lab += log(a + b + (double)x);
		pr += 1 / (r + (double)x);
		pb += 1 / (b + (double)x);
		pab += 1 / (a + b + (double)x);
	}
}

/* The objective and its gradient in log-parameters. */
static double
bg_fn(const double *th, double *grad, void *arg)
{
	struct bg_ctx *c = arg;
	const struct ltsum *t = c->t;
	double r = exp(th[0]), al = exp(th[1]), a = exp(th[2]), b = exp(th[3]);
	double ll = 0, g[4] = { 0, 0, 0, 0 }, la = log(al), lna = log(a);
	double a3, a4, e, w3, w4, lse, rx;
	size_t i, x, k, j;

	if (!isfinite(r + al + a + b) || r <= 0 || al <= 0 || a <= 0 ||
	    b <= 0)
		return INFINITY;
	bg_tables(c, r, a, b);
	for (k = 0; k < c->nu; k++) {
		c->lu[k] = log(al + c->u[k]);
		c->iu[k] = 1 / (al + c->u[k]);
	}
	for (i = 0; i < t->n; i++) {
		x = (size_t)t->x[i];
		rx = r + (double)x;
		k = c->iT[i];
		j = c->itx[i];
		a3 = -rx * c->lu[k];
		w3 = 1;
		w4 = 0;
		lse = a3;
		if (x > 0) {
			a4 = lna - c->lbx[x] - rx * c->lu[j];
			e = exp(-fabs(a4 - a3));
			lse = (a3 > a4 ? a3 : a4) + log1p(e);
			w3 = a3 > a4 ? 1 / (1 + e) : e / (1 + e);
			w4 = 1 - w3;
		}
		ll += c->l12[x] + r * la + lse;
		g[0] += c->dr[x] + la - w3 * c->lu[k] - w4 * c->lu[j];
		g[1] += r / al - rx * (w3 * c->iu[k] + w4 * c->iu[j]);
		g[2] += c->da[x] + w4 / a;
		g[3] += c->db[x] - (x > 0 ? w4 / (b + (double)x - 1) : 0);
	}
	grad[0] = -r * g[0] / (double)t->n + 2 * c->pen * r * r;
	grad[1] = -al * g[1] / (double)t->n + 2 * c->pen * al * al;
	grad[2] = -a * g[2] / (double)t->n + 2 * c->pen * a * a;
	grad[3] = -b * g[3] / (double)t->n + 2 * c->pen * b * b;
	return -ll / (double)t->n + c->pen * (r * r + al * al + a * a + b * b);
}

static uint32_t
find_u(const struct bg_ctx *c, double v)
{
	size_t lo = 0, hi = c->nu, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (c->u[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/*
 * Tables of the distinct scaled T and t_x values (few with daily or
 * weekly data), so that an evaluation takes their logarithms once.
 */
static void
bg_setup(struct bg_ctx *c, const struct ltsum *t)
{
	size_t i, n = t->n;

	c->l12 = xcalloc(c->xmax + 1, sizeof(double));
	c->dr = xcalloc(c->xmax + 1, sizeof(double));
	c->da = xcalloc(c->xmax + 1, sizeof(double));
	c->db = xcalloc(c->xmax + 1, sizeof(double));
	c->lbx = xcalloc(c->xmax + 1, sizeof(double));
	c->u = xcalloc(2 * n + 1, sizeof(double));
	for (i = 0; i < n; i++) {
		c->u[2 * i] = t->T[i] * c->scale;
		c->u[2 * i + 1] = t->tx[i] * c->scale;
	}
	qsort(c->u, 2 * n, sizeof(double), num_cmp);
	for (i = 0; i < 2 * n; i++)
		if (c->nu == 0 || c->u[c->nu - 1] != c->u[i])
			c->u[c->nu++] = c->u[i];
	c->lu = xcalloc(c->nu + 1, sizeof(double));
	c->iu = xcalloc(c->nu + 1, sizeof(double));
	c->iT = xcalloc(n + 1, sizeof(uint32_t));
	c->itx = xcalloc(n + 1, sizeof(uint32_t));
	for (i = 0; i < n; i++) {
		c->iT[i] = find_u(c, t->T[i] * c->scale);
		c->itx[i] = find_u(c, t->tx[i] * c->scale);
	}
}

static void
bg_cleanup(struct bg_ctx *c)
{
	free(c->l12);
	free(c->dr);
	free(c->da);
	free(c->db);
	free(c->lbx);
	free(c->u);
	free(c->lu);
	free(c->iu);
	free(c->iT);
	free(c->itx);
}

/* The log-likelihood of the data under m, in the data's time units. */
double
metrics_bgnbd_loglik(const struct bgnbd *m, const struct ltsum *t)
{
	double ll = 0, x, a3, a4, mx;
	size_t i;

	for (i = 0; i < t->n; i++) {
		x = t->x[i];
		ll += lgamma(m->r + x) - lgamma(m->r) + m->r * log(m->alpha) +
		    lgamma(m->a + m->b) + lgamma(m->b + x) - lgamma(m->b) -
		    lgamma(m->a + m->b + x);
		a3 = -(m->r + x) * log(m->alpha + t->T[i]);
		if (x > 0) {
			a4 = log(m->a) - log(m->b + x - 1) -
			    (m->r + x) * log(m->alpha + t->tx[i]);
			mx = a3 > a4 ? a3 : a4;
			ll += mx + log(exp(a3 - mx) + exp(a4 - mx));
		} else
			ll += a3;
	}
	return ll;
}

static const double bg_starts[][4] = {
	{ 0, 0, 0, 0 }, { -1, 1, -0.5, 0.5 }, { 0.5, -1, 1, 1.5 }
};

/*
 * Fit the model to the summary t.  Returns 0, or -1 with a message in
 * err when the data are unusable or no start converges.
 */
int
metrics_bgnbd_fit(const struct ltsum *t, double penalizer, struct bgnbd *m,
    char *err, size_t errlen)
{
	struct bg_ctx c;
	double best[4], tmax = 0;
	size_t i;
	int total, ok;

	memset(&c, 0, sizeof(c));
	c.t = t;
	c.pen = penalizer;
	for (i = 0; i < t->n; i++) {
		if (t->T[i] > tmax)
			tmax = t->T[i];
		if (t->x[i] > (double)c.xmax)
			c.xmax = (size_t)t->x[i];
	}
	if (t->n == 0 || tmax <= 0) {
		snprintf(err, errlen, "bg/nbd fit needs customers with T > 0");
		return -1;
	}
	c.scale = 1 / tmax;
	bg_setup(&c, t);
	ok = optim_multistart(4, bg_starts[0], sizeof(bg_starts) /
	    sizeof(bg_starts[0]), bg_fn, &c, OPT_MAXITER, 1e-9, best, &m->iter,
	    &total) == 0;
	bg_cleanup(&c);
	if (!ok) {
		snprintf(err, errlen, "bg/nbd fit did not converge after %d "
		    "iterations", total);
		return -1;
	}
	m->r = exp(best[0]);
	m->alpha = exp(best[1]) / c.scale;
	m->a = exp(best[2]);
	m->b = exp(best[3]);
	m->ll = metrics_bgnbd_loglik(m, t);
	return 0;
}

/*
 * E[X(t) | x, t_x, T], equation (10) of the paper, with 2F1 taken in
 * Euler's form 2F1(a+b-1-r, a-1; a+b+x-1; z), z = t/(alpha+T+t), whose
 * parameters do not grow with x.  NaN when the series fails.
 */
double
metrics_bgnbd_expected(const struct bgnbd *m, double t, double x, double tx,
    double T)
{
	double z, f, num, ld;

	if (t <= 0)
		return 0;
	z = t / (m->alpha + T + t);
	if (sf_hyp2f1(m->a + m->b - 1 - m->r, m->a - 1,
	    m->a + m->b + x - 1, z, &f) != 0)
		return NAN;
	num = (m->a + m->b + x - 1) / (m->a - 1) *
	    (1 - exp((m->a - 1) * log1p(-z)) * f);
	if (x <= 0)
		return num;
	ld = log(m->a) - log(m->b + x - 1) +
	    (m->r + x) * log((m->alpha + T) / (m->alpha + tx));
	return num / (1 + exp(ld));
}

/* P(alive | x, t_x, T) (Fader, Hardie and Lee, note 021). */
double
metrics_bgnbd_palive(const struct bgnbd *m, double x, double tx, double T)
{
	double ld;

	if (x <= 0)
		return 1;
	ld = log(m->a) - log(m->b + x - 1) +
	    (m->r + x) * log((m->alpha + T) / (m->alpha + tx));
	return 1 / (1 + exp(ld));
}

double
metrics_bgnbd_clv(const struct bgnbd *bg, double spend, double x, double tx,
    double T, double u, double h, double d)
{
	double prev = 0, e, clv = 0, ti;
	long i, months;

	if (!(h / u <= METRICS_MAX_MONTHS))
		return NAN;
	months = (long)ceil(h / u - 1e-9);
	for (i = 1; i <= months; i++) {
		ti = fmin((double)i * u, h);
		e = metrics_bgnbd_expected(bg, ti, x, tx, T);
		clv += spend * (e - prev) / pow(1 + d, (double)i);
		prev = e;
	}
	return clv;
}
