/*
 * special.h: special functions.  Core: nothing here prints or exits.
 */
#ifndef CRM_ML_SPECIAL_H
#define CRM_ML_SPECIAL_H

/* Digamma for x > 0. */
double	 sf_digamma(double x);
/*
 * Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 and c > 0, summed
 * until a term no longer changes the sum.  Returns 0 with *out, or -1
 * when it does not converge within 10^7 terms.
 */
int	 sf_hyp2f1(double a, double b, double c, double z, double *out);

#endif
