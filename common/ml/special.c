/*
 * special.c: special functions of the model fits: digamma and the Gauss
 * hypergeometric 2F1 (moved here from crm-metrics).
 */
#include <math.h>

#include "ml/special.h"

/* Digamma for x > 0: recurrence up to 6, then the asymptotic series. */
double
sf_digamma(double x)
{
	double r = 0, x2;

	while (x < 6) {
		r -= 1 / x;
		x += 1;
	}
	x2 = 1 / (x * x);
	return r + log(x) - 0.5 / x - x2 * (1.0 / 12 - x2 * (1.0 / 120 -
	    x2 * (1.0 / 252 - x2 * (1.0 / 240 - x2 * (1.0 / 132)))));
}

/*
 * The Gauss hypergeometric series 2F1(a, b; c; z) for 0 <= z < 1,
 * summed until a term no longer changes the sum (at most 10^7 terms).
 * Returns 0, or -1 when it does not converge.
 */
int
sf_hyp2f1(double a, double b, double c, double z, double *out)
{
	double term = 1, sum = 1, rho;
	long k;

	if (!(z >= 0 && z < 1) || c <= 0)
		return -1;
	for (k = 0; k < 10000000; k++) {
		term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
		sum += term;
		if (!isfinite(sum))
			return -1;
		/* The tail is below term * rho / (1 - rho) once rho < 1. */
		rho = fmax((a + k + 1) * (b + k + 1) / ((c + k + 1) * (k + 2)) *
		    z, z);
		if (rho < 1 && fabs(term) * rho <= 1e-16 * (1 - rho) *
		    fabs(sum)) {
			*out = sum;
			return 0;
		}
	}
	return -1;
}
