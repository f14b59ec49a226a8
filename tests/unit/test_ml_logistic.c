/*
 * test_ml_logistic.c: stable logistic functions, L-BFGS and Newton, and
 * logistic regression against scikit-learn 1.2.1's coefficients
 * (LogisticRegression(C=..., solver="newton-cg", tol=1e-10): its lbfgs
 * solver stops about 1e-6 short of the optimum even at tol=1e-12).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ml/lbfgs.h"
#include "ml/logistic.h"
#include "ml/sparse.h"
#include "t.h"

/* numpy: RandomState(3), normal(40, 3) rounded to 2 places; labels
 * from 1.5 x0 - 2 x1 + 0.5 x2 + 0.3 + noise > 0. */
static const double X[40 * 3] = {
	1.79, 0.44, 0.1, -1.86, -0.28, -0.35, -0.08, -0.63, -0.04, -0.48,
	-1.31, 0.88, 0.88, 1.71, 0.05, -0.4, -0.55, -1.55, 0.98, -1.1, -1.19,
	-0.21, 1.49, 0.24, -1.02, -0.71, 0.63, -0.16, -0.77, -0.23, 0.75,
	1.98, -1.24, -0.63, -0.8, -2.42, -0.92, -1.02, 1.12, -0.13, -1.62,
	0.65, -0.36, -1.74, -0.6, -0.59, -0.87, 0.03, -2.25, -0.27, 1.01,
	0.85, 1.11, 1.12, 1.49, -1.12, 0.85, -1.86, -0.6, -1.91, 1.05, 1.33,
	-0.2, 1.77, -0.67, 0.15, 0.15, -1.06, 0.44, 1.94, -1.02, 0.9, -0.15,
	1.77, 0.48, 0.68, 0.64, 0.25, -1.4, 1.39, -1.37, 0.24, 0.61, -0.84,
	0.15, 1.17, -0.02, -0.89, -2.92, -0.97, -0.59, -0.52, -0.96, 0.38,
	-0.57, -0.11, 0.68, -0.86, -0.3, 2.16, 0.87, -1.29, -0.08, 0.56, 1.23,
	0.15, -0.53, -0.73, 0.65, 0.31, -0.52, -0.19, -0.42, 0.72, -0.69,
	0.49, 0.85, 0.49, -0.83, 1.34
};
static const double Y[40] = {
	1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1,
	1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1
};

static void
t_stable(void)
{
	double v[] = { 1000, 1000 }, w[] = { -INFINITY, -INFINITY };
	double u[] = { 0, log(3) };

	CHECK(sigmoid(0) == 0.5);
	CHECK(sigmoid(-700) > 0 && sigmoid(-700) < 1e-300);
	CHECK(sigmoid(800) == 1);
	CHECK(fabs(sigmoid(-2) - 0.11920292202211755) < 1e-16);
	CHECK(log1pexp(-800) == exp(-800));
	CHECK(log1pexp(800) == 800);
	CHECK(fabs(log1pexp(0) - log(2)) < 1e-16);
	CHECK(fabs(log1pexp(20) - (20 + exp(-20))) < 1e-14);
	CHECK(fabs(log1pexp(-20) - log1p(exp(-20))) < 1e-30);
	CHECK(fabs(logsumexp(v, 2) - (1000 + log(2))) < 1e-12);
	CHECK(logsumexp(w, 2) == -INFINITY);
	CHECK(logsumexp(v, 0) == -INFINITY);
	CHECK(fabs(logsumexp(u, 2) - log(4)) < 1e-15);
}

/* Rosenbrock's valley: minimum 0 at (1, 1). */
static double
rosen(void *ctx, const double *x, double *g)
{
	double a = 1 - x[0], b = x[1] - x[0] * x[0];

	(void)ctx;
	g[0] = -2 * a - 400 * x[0] * b;
	g[1] = 200 * b;
	return a * a + 100 * b * b;
}

static double
rosen_h(void *ctx, const double *x, double *g, double *H)
{
	double f = rosen(ctx, x, g);

	if (H != NULL) {
		H[0] = 2 - 400 * (x[1] - 3 * x[0] * x[0]);
		H[1] = H[2] = -400 * x[0];
		H[3] = 200;
	}
	return f;
}

static void
t_minimisers(void)
{
	struct lbfgs_opts o;
	struct lbfgs_info in;
	double x[2] = { -1.2, 1 };

	lbfgs_defaults(&o);
	o.gtol = 1e-10;
	CHECK(lbfgs_min(2, x, rosen, NULL, &o, &in) == 0);
	CHECK(in.stop == LBFGS_GTOL);
	CHECK(fabs(x[0] - 1) < 1e-8 && fabs(x[1] - 1) < 1e-8);
	x[0] = -1.2;
	x[1] = 1;
	CHECK(newton_min(2, x, rosen_h, NULL, &o, &in) == 0);
	CHECK(fabs(x[0] - 1) < 1e-8 && fabs(x[1] - 1) < 1e-8);
	x[0] = -1.2;
	x[1] = 1;
	o.maxit = 3;
	CHECK(lbfgs_min(2, x, rosen, NULL, &o, &in) == -1);
	CHECK(in.stop == LBFGS_MAXIT && in.iters == 3);
}

/* sum_i w_i (x_i - c_i)^2 / 2 + (x_i - c_i)^4 / 4, w_i in 1..10. */
static double
quartic(void *ctx, const double *x, double *g)
{
	size_t n = *(const size_t *)ctx, i;
	double f = 0, e, w, c;

	for (i = 0; i < n; i++) {
		w = 1 + (double)(i % 10);
		c = (double)(i % 7) - 3;
		e = x[i] - c;
		f += w * e * e / 2 + e * e * e * e / 4;
		g[i] = w * e + e * e * e;
	}
	return f;
}

/*
 * Many variables (past the blocks the vector work is split by): the
 * same bytes with 1, 2 and 3 threads, stopped early or converged.
 */
static void
t_lbfgs_threads(void)
{
	size_t n = 150001, i;
	struct lbfgs_opts o;
	struct lbfgs_info in[3];
	double *x[3], err = 0;
	int t;

	lbfgs_defaults(&o);
	for (t = 0; t < 3; t++)
		x[t] = calloc(n, sizeof(double));
	for (o.maxit = 4; o.maxit <= 1000; o.maxit += 996) {
		for (t = 0; t < 3; t++) {
			memset(x[t], 0, n * sizeof(double));
			o.nthreads = t + 1;
			lbfgs_min(n, x[t], quartic, &n, &o, &in[t]);
		}
		CHECK(memcmp(x[0], x[1], n * sizeof(double)) == 0);
		CHECK(memcmp(x[0], x[2], n * sizeof(double)) == 0);
		CHECK(in[0].iters == in[1].iters && in[0].f == in[2].f);
	}
	CHECK(in[0].stop == LBFGS_GTOL);
	for (i = 0; i < n; i++)
		err = fmax(err, fabs(x[0][i] - ((double)(i % 7) - 3)));
	CHECK(err < 1e-6);
	for (t = 0; t < 3; t++)
		free(x[t]);
}

static int
close_to(const double *got, double b0, const double *want, double wb0)
{
	size_t i;

	for (i = 0; i < 3; i++)
		if (!(fabs(got[i] - want[i]) < 1e-6))
			return 0;
	return fabs(b0 - wb0) < 1e-6;
}

static void
t_logreg_sklearn(void)
{
	static const double c05[] = { 1.0937116999344301,
	    -1.4809088205219085, 0.120749016776535 };
	static const double c10[] = { 3.2038211317938581,
	    -3.6930538359722815, 0.39400241094331012 };
	static const double csw[] = { 1.5336173774810529,
	    -1.851956086920117, -0.054803601029196493 };
	static const double cni[] = { 1.0944710987543598,
	    -1.4971680021223259, 0.087270358860589231 };
	struct logreg_data d = { 40, 3, X, NULL, Y, NULL };
	struct logreg_opts o;
	struct lbfgs_info in;
	double coef[3], b0, sw[40];
	size_t i;

	logreg_defaults(&o);
	o.C = 0.5;
	CHECK(logreg_fit(&d, &o, coef, &b0, &in) == 0);
	CHECK(close_to(coef, b0, c05, 0.31926142764681248));
	o.newton = 1;
	CHECK(logreg_fit(&d, &o, coef, &b0, &in) == 0);
	CHECK(close_to(coef, b0, c05, 0.31926142764681248));
	o.newton = 0;
	o.C = 10;
	CHECK(logreg_fit(&d, &o, coef, &b0, &in) == 0);
	CHECK(close_to(coef, b0, c10, 0.42802772964271207));
	/* sample weights 1, 2, 3, 1, 2, 3, ... */
	for (i = 0; i < 40; i++)
		sw[i] = 1 + (double)(i % 3);
	d.sw = sw;
	o.C = 0.5;
	CHECK(logreg_fit(&d, &o, coef, &b0, &in) == 0);
	CHECK(close_to(coef, b0, csw, 0.42523099699377848));
	d.sw = NULL;
	o.intercept = 0;
	CHECK(logreg_fit(&d, &o, coef, &b0, &in) == 0);
	CHECK(close_to(coef, b0, cni, 0));
	o.C = 0;
	CHECK(logreg_fit(&d, &o, coef, &b0, &in) == -1);
}

/* The same data as CSR gives the same fit, at 1 and 2 threads alike. */
static void
t_logreg_sparse(void)
{
	static const double c05[] = { 1.0937116999344301,
	    -1.4809088205219085, 0.120749016776535 };
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	struct logreg_data d = { 40, 3, NULL, NULL, Y, NULL };
	struct logreg_opts o;
	double c1[3], c2[3], b1, b2;
	size_t i, j;

	for (i = 0; i < 40; i++)
		for (j = 0; j < 3; j++)
			csr_builder_add_id(b, (uint32_t)i, (uint32_t)j,
			    X[i * 3 + j]);
	d.Xs = csr_builder_finish(b, 40, 3, 0);
	logreg_defaults(&o);
	o.C = 0.5;
	CHECK(logreg_fit(&d, &o, c1, &b1, NULL) == 0);
	CHECK(close_to(c1, b1, c05, 0.31926142764681248));
	o.nthreads = 2;
	CHECK(logreg_fit(&d, &o, c2, &b2, NULL) == 0);
	CHECK(memcmp(c1, c2, sizeof(c1)) == 0 && b1 == b2);
	CHECK(fabs(logreg_prob(&d, 0, c1, b1) -
	    sigmoid(1.79 * c1[0] + 0.44 * c1[1] + 0.1 * c1[2] + b1)) < 1e-15);
	csr_free((struct csr *)d.Xs);
	csr_builder_free(b);
}

/*
 * Enough rows and columns for several blocks and column chunks: 1, 2
 * and 3 threads give the same bits, sparse and dense.
 */
static void
t_logreg_threads(void)
{
	enum { R = 6000, P = 300 };
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	struct logreg_data d = { R, P, NULL, NULL, NULL, NULL };
	struct logreg_opts o;
	static double y[R], c[3][P], b0[3], *dense;
	uint64_t s = 12345;
	size_t i, k, col;
	int t;

	dense = calloc((size_t)R * P, sizeof(*dense));
	for (i = 0; i < R; i++) {
		for (k = 0; k < 8; k++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			col = (s >> 33) % P;
			csr_builder_add_id(b, (uint32_t)i, (uint32_t)col, 1);
			dense[i * P + col] += 1;
		}
		y[i] = ((s >> 20) & 7) < (col % 8);
	}
	d.Xs = csr_builder_finish(b, R, P, 0);
	d.y = y;
	logreg_defaults(&o);
	o.maxit = 50;
	for (t = 0; t < 3; t++) {
		o.nthreads = t + 1;
		logreg_fit(&d, &o, c[t], &b0[t], NULL);
	}
	CHECK(memcmp(c[0], c[1], sizeof(c[0])) == 0 && b0[0] == b0[1]);
	CHECK(memcmp(c[0], c[2], sizeof(c[0])) == 0 && b0[0] == b0[2]);
	csr_free((struct csr *)d.Xs);
	d.Xs = NULL;
	d.X = dense;
	for (t = 0; t < 2; t++) {
		o.nthreads = t + 1;
		logreg_fit(&d, &o, c[t], &b0[t], NULL);
	}
	CHECK(memcmp(c[0], c[1], sizeof(c[0])) == 0 && b0[0] == b0[1]);
	free(dense);
	csr_builder_free(b);
}

int
main(void)
{
	RUN(t_stable);
	RUN(t_minimisers);
	RUN(t_logreg_sklearn);
	RUN(t_logreg_sparse);
	RUN(t_logreg_threads);
	RUN(t_lbfgs_threads);
	T_EXIT();
}
