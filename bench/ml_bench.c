/*
 * ml_bench.c: the timing driver of bench/b_ml.sh for the learning layer
 * (common/ml).  Each mode builds its data from a seed, times one
 * operation with the monotonic clock and prints "seconds S" and a check
 * figure; with a directory it also writes the data as raw arrays for
 * the numpy/scipy/sklearn script that does the same work.
 *
 *	ml_bench lbfgs ROWS BITS NNZ THREADS ITERS [DIR]
 *	ml_bench gram ROWS COLS NNZ THREADS [DIR]
 *	ml_bench cholinv N THREADS [DIR]
 *	ml_bench topk N K [DIR]
 *	ml_bench mfile N DIR	(writes DIR/m.model and DIR/m.model.gz)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "hash.h"
#include "model.h"
#include "rng.h"
#include "ml/lbfgs.h"
#include "ml/linalg.h"
#include "ml/logistic.h"
#include "ml/mfile.h"
#include "ml/order.h"
#include "ml/sparse.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
dump(const char *dir, const char *name, const void *p, size_t size, size_t n)
{
	char path[4096];
	FILE *f;

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(p, size, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void
dump_csr(const char *dir, const struct csr *m)
{
	size_t nnz = csr_nnz(m), i;
	long long *ip = xcalloc(m->nrows + 1, sizeof(*ip));
	int *ix = xcalloc(nnz + 1, sizeof(*ix));
	long long shape[2] = { (long long)m->nrows, (long long)m->ncols };

	if (dir == NULL) {
		free(ip);
		free(ix);
		return;
	}
	for (i = 0; i <= m->nrows; i++)
		ip[i] = (long long)m->rowptr[i];
	for (i = 0; i < nnz; i++)
		ix[i] = (int)m->col[i];
	dump(dir, "indptr.i64", ip, sizeof(*ip), m->nrows + 1);
	dump(dir, "indices.i32", ix, sizeof(*ix), nnz);
	dump(dir, "data.f64", m->val, sizeof(double), nnz);
	dump(dir, "shape.i64", shape, sizeof(shape[0]), 2);
	free(ip);
	free(ix);
}

/* Rows of nnz features each, drawn Zipf-like from a million tokens and
 * hashed into ncols buckets (value 1, duplicates summed). */
static struct csr *
hashed_rows(size_t rows, size_t ncols, size_t nnz, struct rng *g)
{
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	struct csr *m;
	uint64_t tok, h;
	size_t i, k;

	for (i = 0; i < rows; i++)
		for (k = 0; k < nnz; k++) {
			tok = (uint64_t)floor(exp(rng_uniform(g) * log(1e6)));
			h = hash_bytes(&tok, sizeof(tok), 0);
			csr_builder_add_id(b, (uint32_t)i,
			    (uint32_t)(h % ncols), 1);
		}
	m = csr_builder_finish(b, rows, ncols, 0);
	csr_builder_free(b);
	return m;
}

static int
b_lbfgs(size_t rows, int bits, size_t nnz, int threads, int iters,
    const char *dir)
{
	size_t p = (size_t)1 << bits, i;
	struct logreg_data d = { rows, p, NULL, NULL, NULL, NULL };
	struct logreg_opts o;
	struct lbfgs_info in;
	double *wt, *y, *coef, b0, t;
	struct csr *m;
	struct rng g;

	rng_seed(&g, 1);
	m = hashed_rows(rows, p, nnz, &g);
	wt = xcalloc(p, sizeof(*wt));
	for (i = 0; i < p; i++)
		wt[i] = rng_normal(&g) * 0.5;
	y = xcalloc(rows, sizeof(*y));
	for (i = 0; i < rows; i++)
		y[i] = rng_uniform(&g) < sigmoid(csr_row_dot_dense(m, i, wt));
	dump_csr(dir, m);
	dump(dir, "y.f64", y, sizeof(*y), rows);
	d.Xs = m;
	d.y = y;
	logreg_defaults(&o);
	o.maxit = iters;
	o.tol = 1e-12;
	o.nthreads = threads;
	coef = xcalloc(p, sizeof(*coef));
	t = now();
	logreg_fit(&d, &o, coef, &b0, &in);
	t = now() - t;
	printf("seconds %.3f\niterations %d\nevals %d\nobjective %.10g\n", t,
	    in.iters, in.evals, in.f * (double)rows);
	csr_free(m);
	free(wt), free(y), free(coef);
	return 0;
}

static int
b_gram(size_t rows, size_t cols, size_t nnz, int threads, const char *dir)
{
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	struct csr *m;
	struct rng g;
	double *G, t, tr = 0, all = 0;
	size_t i, k;

	rng_seed(&g, 2);
	for (i = 0; i < rows; i++)
		for (k = 0; k < nnz; k++)	/* popular items more often */
			csr_builder_add_id(b, (uint32_t)i, (uint32_t)floor(
			    (double)cols * pow(rng_uniform(&g), 2)), 1);
	m = csr_builder_finish(b, rows, cols, 1);
	csr_builder_free(b);
	dump_csr(dir, m);
	G = xcalloc(cols * cols, sizeof(*G));
	t = now();
	csr_gram(m, G, threads);
	t = now() - t;
	for (i = 0; i < cols; i++)
		tr += G[i * cols + i];
	for (i = 0; i < cols * cols; i++)
		all += G[i];
	printf("seconds %.3f\nnnz %zu\ntrace %.0f\nsum %.0f\n", t, csr_nnz(m),
	    tr, all);
	csr_free(m);
	free(G);
	return 0;
}

static int
b_cholinv(size_t n, int threads, const char *dir)
{
	double *B = xcalloc(n * n, sizeof(*B)), *A = xcalloc(n * n, sizeof(*A));
	double t, tr = 0;
	struct rng g;
	size_t i;

	rng_seed(&g, 3);
	for (i = 0; i < n * n; i++)
		B[i] = rng_normal(&g);
	la_gram(n, n, B, A, threads);
	for (i = 0; i < n; i++)
		A[i * n + i] += (double)n;
	dump(dir, "A.f64", A, sizeof(*A), n * n);
	t = now();
	if (la_chol_inverse(A, n, NULL, threads) == -1) {
		fprintf(stderr, "ml_bench: not positive definite\n");
		return 1;
	}
	t = now() - t;
	for (i = 0; i < n; i++)
		tr += A[i * n + i];
	printf("seconds %.3f\ntrace %.12g\n", t, tr);
	free(A);
	free(B);
	return 0;
}

static int
b_topk(size_t n, size_t k, const char *dir)
{
	double *s = xcalloc(n, sizeof(*s)), t;
	size_t *id = xcalloc(k, sizeof(*id)), i;
	struct rng g;

	rng_seed(&g, 4);
	for (i = 0; i < n; i++)
		s[i] = rng_uniform(&g);
	dump(dir, "s.f64", s, sizeof(*s), n);
	t = now();
	k = topk_array(s, n, k, id);
	t = now() - t;
	printf("seconds %.4f\nbest", t);
	for (i = 0; i < k; i++)
		printf(" %zu", id[i]);
	printf("\n");
	free(s);
	free(id);
	return 0;
}

/* Write and read back an array of n doubles, plain and gzip. */
static int
b_mfile(size_t n, const char *dir)
{
	double *v = xcalloc(n, sizeof(*v)), *got = NULL, tw, tr, tz;
	struct model_writer *w;
	struct model *m;
	char path[4096], err[512];
	struct rng g;
	size_t i, k;
	int gz;

	rng_seed(&g, 5);
	for (i = 0; i < n; i++)
		v[i] = rng_normal(&g);
	for (gz = 0; gz < 2; gz++) {
		snprintf(path, sizeof(path), "%s/m.model%s", dir,
		    gz ? ".gz" : "");
		tw = now();
		if ((w = model_create(path, "crm-bench", "array")) == NULL)
			return 1;
		mfile_put_array(w, "w", v, n);
		if (model_close(w) != 0)
			return 1;
		tw = now() - tw;
		tr = now();
		if ((m = model_load(path, "crm-bench", err, sizeof(err))) ==
		    NULL) {
			fprintf(stderr, "ml_bench: %s\n", err);
			return 1;
		}
		got = mfile_get_array(m, "w", &k);
		tr = now() - tr;
		if (got == NULL || k != n || memcmp(got, v, n * sizeof(*v)))
			return 1;
		model_free(m);
		free(got);
		if (gz)
			tz = tr;
		else
			printf("seconds %.3f\nwrite %.3f\n", tr, tw);
	}
	printf("gzip_read %.3f\nexact yes\n", tz);
	free(v);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 7 && strcmp(argv[1], "lbfgs") == 0)
		return b_lbfgs(strtoul(argv[2], NULL, 10), atoi(argv[3]),
		    strtoul(argv[4], NULL, 10), atoi(argv[5]), atoi(argv[6]),
		    argc > 7 ? argv[7] : NULL);
	if (argc >= 6 && strcmp(argv[1], "gram") == 0)
		return b_gram(strtoul(argv[2], NULL, 10),
		    strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10),
		    atoi(argv[5]), argc > 6 ? argv[6] : NULL);
	if (argc >= 4 && strcmp(argv[1], "cholinv") == 0)
		return b_cholinv(strtoul(argv[2], NULL, 10), atoi(argv[3]),
		    argc > 4 ? argv[4] : NULL);
	if (argc >= 4 && strcmp(argv[1], "topk") == 0)
		return b_topk(strtoul(argv[2], NULL, 10),
		    strtoul(argv[3], NULL, 10), argc > 4 ? argv[4] : NULL);
	if (argc >= 4 && strcmp(argv[1], "mfile") == 0)
		return b_mfile(strtoul(argv[2], NULL, 10), argv[3]);
	fprintf(stderr, "usage: ml_bench lbfgs|gram|cholinv|topk|mfile ...\n");
	return 2;
}
