/*
 * test_ml_kmeans.c: k-means, and the way crm-segment will use the
 * layer: a feature table through the encoder (standardised numbers,
 * one-hot plan), then Lloyd from fixed centres against scikit-learn
 * 1.2.1's KMeans(init=..., n_init=1, algorithm="lloyd", tol=1e-4) on
 * the same features (inertia, centres, labels, iterations); seeded
 * k-means++ restarts giving the same bytes at 1, 2 and 3 threads; a
 * larger set past the row blocks against sklearn; an empty cluster;
 * bad arguments.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ml/encode.h"
#include "ml/kmeans.h"
#include "t.h"

static const char *const names[] = { "spend", "visits", "plan" };
static const char *const rows[12][3] = {
	{ "120", "3", "basic" }, { "85", "2", "basic" },
	{ "950", "14", "pro" }, { "1010", "12", "pro" },
	{ "40", "1", "basic" }, { "560", "7", "pro" },
	{ "610", "9", "basic" }, { "15", "1", "basic" },
	{ "870", "15", "pro" }, { "500", "6", "basic" },
	{ "65", "2", "pro" }, { "720", "10", "pro" },
};

/* The 12 x 4 feature table: spend, visits standardised; plan one-hot. */
static double *
table(void)
{
	struct enc_opts o = { ENC_REJECT, 1, 0 };
	struct encoder *e = enc_new(names, 3, NULL, &o);
	size_t len[3], r, i;
	double *X = NULL;

	for (r = 0; r < 12; r++) {
		for (i = 0; i < 3; i++)
			len[i] = strlen(rows[r][i]);
		if (enc_add_row(e, rows[r], len) != 0)
			goto out;
	}
	if (enc_fit(e) != 0 || enc_nfeatures(e) != 4)
		goto out;
	X = malloc(12 * 4 * sizeof(*X));
	enc_matrix(e, X);
out:
	enc_free(e);
	return X;
}

/* Every row at its nearest centre, every centre the mean of its rows,
 * and the inertia their sum of squares. */
static int
fixed_point(const double *X, size_t n, size_t p, size_t k, const double *C,
    const uint32_t *lab, double inertia)
{
	double *m = calloc(k * p, sizeof(*m)), *cnt = calloc(k, sizeof(*cnt));
	double s = 0, d;
	size_t i, j;
	int ok = 1;

	for (i = 0; i < n; i++) {
		if (kmeans_assign(C, k, p, X + i * p, &d) != lab[i])
			ok = 0;
		s += d;
		cnt[lab[i]]++;
		for (j = 0; j < p; j++)
			m[lab[i] * p + j] += X[i * p + j];
	}
	for (i = 0; i < k; i++) {
		if (cnt[i] == 0)
			ok = 0;
		for (j = 0; j < p && cnt[i] > 0; j++)
			if (fabs(m[i * p + j] / cnt[i] - C[i * p + j]) > 1e-12)
				ok = 0;
	}
	if (fabs(s - inertia) > 1e-9 * s)
		ok = 0;
	free(m);
	free(cnt);
	return ok;
}

static void
t_segment_fixed(void)
{
	static const double want[3][4] = {
		{ 0.2545405044032549, 0.13569070631055177, 1, 0 },
		{ -1.0877896892210845, -1.0244648326446653, 0.8,
		    0.19999999999999996 },
		{ 0.9859734874597829, 0.9701885501204447, 0, 1 },
	};
	static const uint32_t wlab[12] = { 1, 1, 2, 2, 1, 2, 0, 1, 2, 0, 1, 2 };
	double *X = table(), C[12], C2[12], in;
	uint32_t lab[12], lab2[12];
	struct kmeans_info info;
	size_t i, j;
	int ok = 1;

	CHECK(X != NULL);
	if (X == NULL)
		return;
	memcpy(C, X, 4 * sizeof(*C));
	memcpy(C + 4, X + 4 * 4, 4 * sizeof(*C));
	memcpy(C + 8, X + 5 * 4, 4 * sizeof(*C));
	memcpy(C2, C, sizeof(C));
	in = kmeans_lloyd(X, 12, 4, 3, C, lab, 300, 1e-4, 1, &info);
	CHECK(fabs(in - 4.7024736173792521) < 1e-12);
	CHECK(info.iters == 4 && info.converged && info.inertia == in);
	CHECK(memcmp(lab, wlab, sizeof(lab)) == 0);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 4; j++)
			if (fabs(C[i * 4 + j] - want[i][j]) > 1e-12)
				ok = 0;
	CHECK(ok);
	CHECK(fixed_point(X, 12, 4, 3, C, lab, in));
	/* the same on 2 threads */
	kmeans_lloyd(X, 12, 4, 3, C2, lab2, 300, 1e-4, 2, NULL);
	CHECK(memcmp(C, C2, sizeof(C)) == 0 && memcmp(lab, lab2,
	    sizeof(lab)) == 0);
	/* a new row goes to the nearest centre */
	CHECK(kmeans_assign(C, 3, 4, X + 6 * 4, NULL) == 0);
	free(X);
}

static void
t_segment_seeded(void)
{
	struct kmeans_opts o;
	struct kmeans_info info[3];
	double *X = table(), C[3][12];
	uint32_t lab[3][12];
	int t;

	CHECK(X != NULL);
	if (X == NULL)
		return;
	kmeans_defaults(&o);
	o.k = 3;
	o.ninit = 5;
	o.seed = 42;
	for (t = 0; t < 3; t++) {
		o.nthreads = t + 1;
		CHECK(kmeans_fit(X, 12, 4, &o, C[t], lab[t], &info[t]) == 0);
	}
	CHECK(memcmp(C[0], C[1], sizeof(C[0])) == 0);
	CHECK(memcmp(C[0], C[2], sizeof(C[0])) == 0);
	CHECK(memcmp(lab[0], lab[2], sizeof(lab[0])) == 0);
	CHECK(info[0].run == info[2].run && info[0].inertia ==
	    info[1].inertia);
	CHECK(info[0].converged);
	CHECK(fixed_point(X, 12, 4, 3, C[0], lab[0], info[0].inertia));
	/* the best of five restarts is no worse than sklearn's from the
	 * fixed centres above */
	CHECK(info[0].inertia <= 4.7024736173792521 + 1e-12);
	/* one run, its Lloyd passes on threads: still the same bytes */
	o.ninit = 1;
	o.nthreads = 1;
	kmeans_fit(X, 12, 4, &o, C[0], lab[0], &info[0]);
	o.nthreads = 2;
	kmeans_fit(X, 12, 4, &o, C[1], lab[1], &info[1]);
	CHECK(memcmp(C[0], C[1], sizeof(C[0])) == 0);
	free(X);
}

/* 5000 rows (three blocks of the Lloyd pass) in 5 clusters. */
static void
t_big(void)
{
	static const double want[5][3] = {
		{ 0.4923854730648465, 1.4950020181874306,
		    0.49389701721768653 },
		{ 3.4919033845088876, 1.494432177030653, 0.4934793738043273 },
		{ 6.49239587628866, 2.4935841584158416, 0.4944449438202247 },
		{ 9.492305154639176, 2.4935207920792077, 0.4947505617977528 },
		{ 1.9933088818398095, 4.495204207920793, 0.4957865168539326 },
	};
	static const size_t wcount[5] = { 834, 834, 1250, 1250, 832 };
	size_t n = 5000, i, count[5] = { 0 };
	double *X = malloc(n * 3 * sizeof(*X)), C[15], C2[15], in, err = 0;
	uint32_t *lab = malloc(n * sizeof(*lab)), *lab2 = malloc(n *
	    sizeof(*lab2));
	struct kmeans_info info;

	for (i = 0; i < n; i++) {
		X[i * 3] = (double)(i % 97) / 97.0 + 3 * (double)(i % 4);
		X[i * 3 + 1] = (double)(i * 37 % 101) / 101.0 +
		    2 * (double)(i / 4 % 3);
		X[i * 3 + 2] = (double)(i * 53 % 89) / 89.0;
	}
	memcpy(C, X, sizeof(C));
	memcpy(C2, X, sizeof(C2));
	in = kmeans_lloyd(X, n, 3, 5, C, lab, 300, 1e-4, 1, &info);
	CHECK(fabs(in - 11446.720850374884) < 1e-8);
	CHECK(info.iters == 6);
	for (i = 0; i < 15; i++)
		err = fmax(err, fabs(C[i] - want[i / 3][i % 3]));
	CHECK(err < 1e-12);
	for (i = 0; i < n; i++)
		count[lab[i]]++;
	CHECK(memcmp(count, wcount, sizeof(count)) == 0);
	kmeans_lloyd(X, n, 3, 5, C2, lab2, 300, 1e-4, 3, NULL);
	CHECK(memcmp(C, C2, sizeof(C)) == 0);
	CHECK(memcmp(lab, lab2, n * sizeof(*lab)) == 0);
	/* stopped by the shift (tol 0.01: 5 iterations, 0.05: 2) or by
	 * maxit, then one more assignment: sklearn's figures */
	memcpy(C, X, sizeof(C));
	in = kmeans_lloyd(X, n, 3, 5, C, lab, 300, 0.01, 2, &info);
	CHECK(fabs(in - 11446.720850374884) < 1e-8 && info.iters == 5);
	memcpy(C, X, sizeof(C));
	in = kmeans_lloyd(X, n, 3, 5, C, lab, 300, 0.05, 2, &info);
	CHECK(fabs(in - 12118.533745481538) < 1e-8 && info.iters == 2);
	CHECK(info.converged);
	memcpy(C, X, sizeof(C));
	in = kmeans_lloyd(X, n, 3, 5, C, lab, 2, 1e-4, 2, &info);
	CHECK(fabs(in - 12118.533745481538) < 1e-8 && !info.converged);
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		count[lab[i]]++;
	CHECK(count[0] == 630 && count[1] == 861 && count[4] == 1009);
	free(X);
	free(lab);
	free(lab2);
}

static void
t_edges(void)
{
	/* two equal starting centres: the second cluster starts empty */
	double X[] = { 0, 0, 1, 0, 10, 0, 11, 0 }, C[8] = { 0 };
	uint32_t lab[4];
	struct kmeans_opts o;
	double in;

	in = kmeans_lloyd(X, 4, 2, 2, C, lab, 300, 1e-4, 1, NULL);
	CHECK(fabs(in - 1) < 1e-15);
	CHECK(lab[0] == lab[1] && lab[2] == lab[3] && lab[0] != lab[2]);
	CHECK(fixed_point(X, 4, 2, 2, C, lab, in));
	/* ties go to the lowest centre */
	C[0] = C[2] = 5;
	C[1] = C[3] = 0;
	CHECK(kmeans_assign(C, 2, 2, X, NULL) == 0);
	kmeans_defaults(&o);
	o.k = 0;
	CHECK(kmeans_fit(X, 4, 2, &o, C, lab, NULL) == -1);
	o.k = 5;
	CHECK(kmeans_fit(X, 4, 2, &o, C, lab, NULL) == -1);
	o.k = 4;
	CHECK(kmeans_fit(X, 4, 2, &o, C, lab, NULL) == 0);
	CHECK(lab[0] != lab[1] && lab[1] != lab[2] && lab[2] != lab[3]);
}

/*
 * Hamerly against Lloyd: the same centres (bits), labels, iterations
 * and inertia, on 30000 rows of 4 features in 8 overlapping blobs
 * (many rows near the borders) with k = 8 and k = 12 (an empty
 * cluster forced by a duplicated start), on 1 and 2 threads.
 */
#include "rng.h"

typedef double kmeans_fn(const double *, size_t, size_t, size_t, double *,
    uint32_t *, int, double, int, struct kmeans_info *);

/*
 * fn against Lloyd from the first k rows as centres, k 8 and k 12 (two
 * equal starts: one cluster empties), on 1 and 2 threads: the same
 * inertia, iterations (more than minit), centres (bits) and labels.
 */
static void
vs_lloyd(const double *X, size_t n, size_t p, kmeans_fn *fn, int minit)
{
	double C0[48], C1[48], C2[48], i1, i2;
	uint32_t *l1 = malloc(n * sizeof(*l1)), *l2 = malloc(n * sizeof(*l2));
	struct kmeans_info a, b;
	size_t k;

	for (k = 8; k <= 12; k += 4) {
		memcpy(C0, X, k * p * sizeof(*X));
		if (k == 12)
			memcpy(C0 + 11 * p, C0 + 10 * p, p * sizeof(*X));
		memcpy(C1, C0, sizeof(C0));
		memcpy(C2, C0, sizeof(C0));
		i1 = kmeans_lloyd(X, n, p, k, C1, l1, 300, 1e-4, 1, &a);
		i2 = fn(X, n, p, k, C2, l2, 300, 1e-4, (int)k / 4 - 1, &b);
		CHECK(i1 == i2);
		CHECK(a.iters == b.iters && a.iters > minit);
		CHECK(memcmp(C1, C2, k * p * sizeof(*X)) == 0);
		CHECK(memcmp(l1, l2, n * sizeof(*l1)) == 0);
	}
	free(l1);
	free(l2);
}

static void
t_hamerly(void)
{
	size_t n = 30000, p = 4, i, j;
	double *X = malloc(n * p * sizeof(*X)), C1[48], C2[48];
	uint32_t *l1 = malloc(n * sizeof(*l1)), *l2 = malloc(n * sizeof(*l2));
	struct kmeans_info a, b;
	struct kmeans_opts o;
	struct rng r;

	rng_seed(&r, 7);
	for (i = 0; i < n; i++)
		for (j = 0; j < p; j++)
			X[i * p + j] = 1.5 * (double)((i % 8) >> (j % 3) & 1) +
			    rng_normal(&r);
	vs_lloyd(X, n, p, kmeans_hamerly, 5);
	kmeans_defaults(&o);
	o.ninit = 3;
	o.nthreads = 2;
	CHECK(kmeans_fit(X, n, p, &o, C1, l1, &a) == 0);
	o.algo = KMEANS_LLOYD;
	CHECK(kmeans_fit(X, n, p, &o, C2, l2, &b) == 0);
	CHECK(a.inertia == b.inertia && a.run == b.run);
	CHECK(memcmp(C1, C2, 8 * p * sizeof(*X)) == 0);
	/* Hartigan's moves: never a higher inertia, same bytes at 1 and 2
	 * threads; on these overlapping blobs they find a lower one */
	o.refine = 1;
	o.algo = KMEANS_HAMERLY;
	CHECK(kmeans_fit(X, n, p, &o, C1, l1, &b) == 0);
	CHECK(b.inertia < a.inertia);
	o.nthreads = 1;
	CHECK(kmeans_fit(X, n, p, &o, C2, l2, &a) == 0);
	CHECK(a.inertia == b.inertia);
	CHECK(memcmp(C1, C2, 8 * p * sizeof(*X)) == 0);
	CHECK(memcmp(l1, l2, n * sizeof(*l1)) == 0);
	free(X);
	free(l1);
	free(l2);
}

/*
 * Elkan against Lloyd, as Hamerly above: the same centres (bits),
 * labels, iterations and inertia on the overlapping blobs (k 8, and
 * k 12 with an empty cluster), on 1 and 2 threads; on a grid of
 * integers where many rows lie at equal distances from two centres
 * (ties go to the lowest centre); and kmeans_fit with --algo elkan.
 */
static void
t_elkan(void)
{
	size_t n = 30000, p = 4, i, j;
	double *X = malloc(n * p * sizeof(*X)), C1[48], C2[48];
	uint32_t *l1 = malloc(n * sizeof(*l1)), *l2 = malloc(n * sizeof(*l2));
	struct kmeans_info a, b;
	struct kmeans_opts o;
	struct rng r;
	int g;

	for (g = 0; g < 2; g++) {
		rng_seed(&r, 11);
		for (i = 0; i < n; i++)
			for (j = 0; j < p; j++)
				X[i * p + j] = g == 0 ? 1.5 * (double)((i % 8) >>
				    (j % 3) & 1) + rng_normal(&r) :
				    (double)rng_below(&r, 5);
		vs_lloyd(X, n, p, kmeans_elkan, 3);
	}
	kmeans_defaults(&o);
	o.ninit = 3;
	o.nthreads = 2;
	o.algo = KMEANS_ELKAN;
	CHECK(kmeans_fit(X, n, p, &o, C1, l1, &a) == 0);
	o.algo = KMEANS_LLOYD;
	CHECK(kmeans_fit(X, n, p, &o, C2, l2, &b) == 0);
	CHECK(a.inertia == b.inertia && a.run == b.run);
	CHECK(memcmp(C1, C2, 8 * p * sizeof(*X)) == 0);
	CHECK(memcmp(l1, l2, n * sizeof(*l1)) == 0);
	free(X);
	free(l1);
	free(l2);
}

int
main(void)
{
	RUN(t_segment_fixed);
	RUN(t_segment_seeded);
	RUN(t_big);
	RUN(t_edges);
	RUN(t_hamerly);
	RUN(t_elkan);
	T_EXIT();
}
