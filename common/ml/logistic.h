/*
 * logistic.h: the logistic function and its relatives, computed without
 * overflow, and L2-regularised logistic regression on dense or sparse
 * features.  Core: nothing here prints or exits (the x-allocators aside).
 */
#ifndef CRM_ML_LOGISTIC_H
#define CRM_ML_LOGISTIC_H

#include <stddef.h>

struct csr;
struct lbfgs_info;

/* 1 / (1 + e^-x), never overflowing, 0 < result < 1 for finite x. */
double	 sigmoid(double x);
/* log(1 + e^x), exact to rounding from -inf to +inf. */
double	 log1pexp(double x);
/* log(sum e^v[i]); -inf for n == 0 or all -inf; +inf if any is. */
double	 logsumexp(const double *v, size_t n);

/*
 * The training set: n rows of p features, dense (X, row-major n x p)
 * or sparse (Xs, n x p CSR); exactly one of the two.  y holds 0 or 1
 * (anything else non-zero counts as 1); sw per-row weights (class
 * weights go here) or NULL for 1.
 */
struct logreg_data {
	size_t		 n, p;
	const double	*X;
	const struct csr *Xs;
	const double	*y;
	const double	*sw;
};

struct logreg_opts {
	double	 C;		/* inverse L2 strength, as sklearn (1) */
	int	 intercept;	/* fit an unpenalised intercept (1) */
	int	 newton;	/* Newton/IRLS (small p) instead of L-BFGS */
	int	 maxit;		/* iterations (1000) */
	double	 tol;		/* max |gradient| of the mean loss (1e-8) */
	int	 nthreads;	/* threads for the gradient (1) */
};

void	 logreg_defaults(struct logreg_opts *);
/*
 * Minimise sum_i sw_i logloss_i + |w|^2 / (2C) (sklearn's objective;
 * the intercept unpenalised) from coef = 0, b0 = 0.  coef gets p
 * weights, *b0 the intercept (0 without one).  Returns 0 when
 * converged, -1 when not (the best point is still returned; info says
 * why, when not NULL); -1 also for bad input (C not > 0, no data
 * matrix), with info->stop LBFGS_NOTFINITE.  The result does not depend
 * on nthreads: sums are made in fixed blocks of rows.
 */
int	 logreg_fit(const struct logreg_data *, const struct logreg_opts *,
	    double *coef, double *b0, struct lbfgs_info *info);
/* The probability of row i of the data under coef and b0. */
double	 logreg_prob(const struct logreg_data *, size_t i,
	    const double *coef, double b0);

#endif
