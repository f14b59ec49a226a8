/*
 * optim.c: small smooth minimisation: BFGS with an Armijo backtracking
 * line search on analytic gradients, and restarts from several points.
 * Moved here from crm-metrics' model fits (BG/NBD, Gamma-Gamma).
 */
#include <math.h>
#include <string.h>

#include "ml/optim.h"

#define NMAX	OPTIM_NMAX

/* Largest step in any coordinate (log-parameters: a factor of e^3). */
#define MAXSTEP	3.0

static double
dot(int n, const double *a, const double *b)
{
	double s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

static void
bfgs_update(int n, double H[NMAX][NMAX], const double *s, const double *y)
{
	double Hy[NMAX], sy = dot(n, s, y), yHy, c;
	int i, j;

	if (!(sy > 1e-300))
		return;
	for (i = 0; i < n; i++)
		Hy[i] = dot(n, H[i], y);
	yHy = dot(n, y, Hy);
	c = (sy + yHy) / (sy * sy);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			H[i][j] += c * s[i] * s[j] -
			    (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
}

/*
 * Backtracking line search along d from th (value f, gradient g).
 * On success th, f, g hold the new point and 1 is returned.
 */
static int
line_search(int n, double *th, double *f, double *g, const double *d,
    double (*fn)(const double *, double *, void *), void *ctx, double *s)
{
	double t = 1, big = 0, nth[NMAX], ng[NMAX], nf, slope = dot(n, g, d);
	int i, k;

	for (i = 0; i < n; i++)
		if (fabs(d[i]) > big)
			big = fabs(d[i]);
	if (big > MAXSTEP)
		t = MAXSTEP / big;
	for (k = 0; k < 80; k++, t *= 0.5) {
		for (i = 0; i < n; i++)
			nth[i] = th[i] + t * d[i];
		nf = fn(nth, ng, ctx);
		if (isfinite(nf) && nf <= *f + 1e-4 * t * slope) {
			for (i = 0; i < n; i++) {
				s[i] = nth[i] - th[i];
				th[i] = nth[i];
			}
			*f = nf;
			memcpy(g, ng, sizeof(double) * (size_t)n);
			return 1;
		}
	}
	return 0;
}

static double
maxabs(int n, const double *v)
{
	double m = 0;
	int i;

	for (i = 0; i < n; i++)
		if (fabs(v[i]) > m)
			m = fabs(v[i]);
	return m;
}

/*
 * Minimise fn over n (<= 8) variables from th.  fn returns the value
 * and writes the gradient.  Converged when the largest gradient
 * component is below gtol; returns 0 then, -1 when maxit iterations
 * pass or no descent is possible away from a stationary point.
 */
int
optim_bfgs(int n, double *th, double (*fn)(const double *, double *,
    void *),
    void *ctx, int maxit, double gtol, int *iters, double *fmin)
{
	double H[NMAX][NMAX], g[NMAX], og[NMAX], d[NMAX], s[NMAX], y[NMAX];
	double f, fold;
	int i, j, it, stuck = 0, flat = 0;

	f = fn(th, g, ctx);
	memset(H, 0, sizeof(H));
	for (i = 0; i < n; i++)
		H[i][i] = 1;
	for (it = 0; it < maxit && isfinite(f); it++) {
		*iters = it;
		*fmin = f;
		if (maxabs(n, g) < gtol)
			return 0;
		for (i = 0; i < n; i++)
			d[i] = -dot(n, H[i], g);
		if (dot(n, d, g) >= 0) {
			for (i = 0; i < n; i++) {
				for (j = 0; j < n; j++)
					H[i][j] = i == j;
				d[i] = -g[i];
			}
		}
		memcpy(og, g, sizeof(og));
		fold = f;
		if (!line_search(n, th, &f, g, d, fn, ctx, s)) {
			/* No decrease along the gradient either: done. */
			if (stuck++ || maxabs(n, g) > 1e3 * gtol)
				return maxabs(n, g) < 1e3 * gtol ? 0 : -1;
			for (i = 0; i < n; i++)
				for (j = 0; j < n; j++)
					H[i][j] = i == j;
			continue;
		}
		stuck = 0;
		/*
		 * Rounding bounds the gradient from below: a flat run of
		 * iterations with a small gradient is convergence too.
		 */
		flat = fold - f <= 1e-14 * (1 + fabs(f)) ? flat + 1 : 0;
		if (flat >= 5 && maxabs(n, g) < 1e-5) {
			*iters = it + 1;
			*fmin = f;
			return 0;
		}
		for (i = 0; i < n; i++)
			y[i] = g[i] - og[i];
		bfgs_update(n, H, s, y);
	}
	*iters = it;
	*fmin = f;
	return isfinite(f) && maxabs(n, g) < gtol ? 0 : -1;
}

/*
 * Run optim_bfgs from each of nstarts starting points (n values each,
 * one after another in starts) until one converges; its minimum goes to
 * best.  Returns 0 with *iters the iterations of that run, or -1; *total
 * counts the iterations of every run.
 */
int
optim_multistart(int n, const double *starts, size_t nstarts,
    double (*fn)(const double *, double *, void *), void *ctx, int maxit,
    double gtol, double *best, int *iters, int *total)
{
	double f;
	size_t k;
	int it = 0;

	*total = 0;
	for (k = 0; k < nstarts; k++) {
		memcpy(best, starts + k * (size_t)n, (size_t)n * sizeof(*best));
		it = 0;
		if (optim_bfgs(n, best, fn, ctx, maxit, gtol, &it, &f) == 0) {
			*iters = it;
			*total += it;
			return 0;
		}
		*total += it;
	}
	return -1;
}
