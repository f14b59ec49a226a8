/*
 * lbfgs.h: minimisers for smooth functions of many variables: L-BFGS
 * for high-dimensional objectives (hashed-feature models), and Newton's
 * method with a Cholesky solve for small ones (IRLS for logistic
 * regression is Newton's method).  optim.h keeps the small BFGS.
 * Core: nothing here prints or exits (the x-allocators aside).
 */
#ifndef CRM_ML_LBFGS_H
#define CRM_ML_LBFGS_H

#include <stddef.h>

/* fn returns the value at x and writes the gradient into grad. */
typedef double lbfgs_fn(void *ctx, const double *x, double *grad);
/*
 * The same plus the Hessian (n x n, row-major, symmetric) when hess is
 * not NULL.
 */
typedef double newton_fn(void *ctx, const double *x, double *grad,
    double *hess);

struct lbfgs_opts {
	int	 m;		/* corrections kept (default 10) */
	int	 maxit;		/* iterations (default 1000) */
	double	 gtol;		/* stop: max |grad| <= gtol (default 1e-6) */
	double	 ftol;		/* stop: relative decrease below (0: off) */
	int	 nthreads;	/* threads for the vector work (1) */
};

/* Why a minimiser stopped. */
enum lbfgs_stop {
	LBFGS_GTOL,		/* the gradient is small: converged */
	LBFGS_FTOL,		/* the value stopped falling: converged */
	LBFGS_MAXIT,		/* out of iterations */
	LBFGS_LINESEARCH,	/* no step lowers the value */
	LBFGS_NOTFINITE		/* the value or gradient is NaN or inf */
};

struct lbfgs_info {
	enum lbfgs_stop	 stop;
	int		 iters;		/* iterations done */
	int		 evals;		/* function evaluations */
	double		 f;		/* value at the result */
	double		 gmax;		/* max |grad| there */
};

/* Fill o with the defaults above. */
void	 lbfgs_defaults(struct lbfgs_opts *o);
/*
 * Minimise fn over n variables from x, in place (strong Wolfe line
 * search with c1 1e-3 and c2 0.9 and cubic interpolation, the first
 * step of length 1 along -g, as scipy's L-BFGS-B; pairs without
 * curvature skipped).  The vector work (the two-loop recursion, the
 * trial points) runs on o->nthreads, summed in fixed blocks of
 * elements: the result has the same bits at any thread count.
 * Returns 0 when converged
 * (GTOL or FTOL), -1 otherwise; info (when not NULL) says where it
 * stopped.  x is the best point found either way.
 */
int	 lbfgs_min(size_t n, double *x, lbfgs_fn *fn, void *ctx,
	    const struct lbfgs_opts *o, struct lbfgs_info *info);
/*
 * Newton's method with backtracking; the Hessian must be positive
 * definite along the way (a failed Cholesky falls back to a gradient
 * step).  Same returns as lbfgs_min; o->m is unused.
 */
int	 newton_min(size_t n, double *x, newton_fn *fn, void *ctx,
	    const struct lbfgs_opts *o, struct lbfgs_info *info);

#endif
