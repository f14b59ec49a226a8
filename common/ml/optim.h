/*
 * optim.h: minimisation of smooth functions of a few variables.
 * Core: nothing here prints or exits.
 */
#ifndef CRM_ML_OPTIM_H
#define CRM_ML_OPTIM_H

#include <stddef.h>

#define OPTIM_NMAX	8	/* variables optim_bfgs handles */

/* fn returns the value at th and writes the gradient into grad. */
typedef double optim_fn(const double *th, double *grad, void *ctx);

/*
 * Minimise fn over n (<= OPTIM_NMAX) variables from th, in place.
 * Converged when the largest gradient component is below gtol (or the
 * value stays flat with a small gradient): returns 0; -1 when maxit
 * iterations pass or no descent is possible away from a stationary
 * point.  *iters and *fmin tell where it stopped.
 */
int	 optim_bfgs(int n, double *th, optim_fn *fn, void *ctx, int maxit,
	    double gtol, int *iters, double *fmin);

/*
 * optim_bfgs from each of nstarts points (n values each, one after
 * another in starts) until one converges; its minimiser goes to best.
 * Returns 0 with *iters the iterations of that run, or -1; *total counts
 * the iterations of every run.
 */
int	 optim_multistart(int n, const double *starts, size_t nstarts,
	    optim_fn *fn, void *ctx, int maxit, double gtol, double *best,
	    int *iters, int *total);

#endif
