/*
 * evalrec.c: crm-recommend eval: hold out interactions, train on the
 * rest, rank k items for every customer who has both training items
 * and held-out items they did not have in training, and report
 * precision, recall, NDCG, MAP and hit rate at k (eval.h, averaged over
 * those customers) and the catalogue coverage of the recommendations,
 * one row per algorithm with the popularity baseline first.
 *
 * Splits (--split): random holds out a seeded --test-share of the
 * distinct (customer, item) pairs; last holds out each customer's last
 * basket (the rows of their latest date; the last row without a date
 * column), for customers with an earlier date; time holds out the
 * rows from the date where the latest --test-share of rows begins.
 * --test FILE takes the held-out rows from a file instead.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "par.h"
#include "ml/eval.h"
#include "ml/order.h"
#include "ml/sparse.h"

#include "rec.h"

/* The position of (c, i) in X, or -1. */
static long
find_pair(const struct csr *X, uint32_t c, uint32_t i)
{
	size_t lo = X->rowptr[c], hi = X->rowptr[c + 1], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (X->col[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < X->rowptr[c + 1] && X->col[lo] == i ? (long)lo : -1;
}

static void
split_random(const struct rec_opts *o, const struct rec_data *d,
    unsigned char *test)
{
	struct csr *P = rec_matrix(o, d, NULL);
	unsigned char *tp = xcalloc(csr_nnz(P) + 1, 1);
	size_t r;

	split_holdout(csr_nnz(P), o->test_share, o->com.seed, tp);
	for (r = 0; r < d->n; r++)
		test[r] = tp[find_pair(P, d->cust[r], d->item[r])];
	free(tp);
	csr_free(P);
}

static void
split_last(const struct rec_data *d, unsigned char *test)
{
	size_t nc = strmap_count(d->custs), r;
	double *last = xcalloc(nc + 1, sizeof(*last));
	unsigned char *earlier = xcalloc(nc + 1, 1), *seen = xcalloc(nc + 1, 1);

	for (r = 0; r < d->n; r++)
		if (!seen[d->cust[r]] || d->t[r] > last[d->cust[r]]) {
			last[d->cust[r]] = d->t[r];
			seen[d->cust[r]] = 1;
		}
	for (r = 0; r < d->n; r++)
		if (d->t[r] < last[d->cust[r]])
			earlier[d->cust[r]] = 1;
	for (r = 0; r < d->n; r++)
		test[r] = earlier[d->cust[r]] && d->t[r] == last[d->cust[r]];
	free(last);
	free(earlier);
	free(seen);
}

static void
split_time(const struct rec_opts *o, const struct rec_data *d,
    unsigned char *test)
{
	double *t = xcalloc(d->n + 1, sizeof(*t)), cut;
	size_t r, k;

	memcpy(t, d->t, d->n * sizeof(*t));
	k = (size_t)((double)d->n * (1 - o->test_share) + 0.5);
	if (k >= d->n) {
		free(t);
		return;
	}
	cut = quantile_sel(t, d->n, (double)k / (double)(d->n - 1 > 0 ?
	    d->n - 1 : 1));
	for (r = 0; r < d->n; r++)
		test[r] = d->t[r] >= cut;
	free(t);
}

/* A copy of a matrix (the content features go to every model). */
static struct csr *
csr_dup(const struct csr *A)
{
	struct csr *B;

	if (A == NULL)
		return NULL;
	B = csr_new(A->nrows, A->ncols, csr_nnz(A));
	memcpy(B->rowptr, A->rowptr, (A->nrows + 1) * sizeof(*B->rowptr));
	memcpy(B->col, A->col, csr_nnz(A) * sizeof(*B->col));
	memcpy(B->val, A->val, csr_nnz(A) * sizeof(*B->val));
	return B;
}

struct ev_job {
	const struct rec_model *m;
	const struct csr *X, *T;	/* training, held out */
	const size_t	*users;
	size_t		 k;
	struct rec_ws	**ws;
	uint32_t	*rec;		/* nusers x k */
	size_t		*nrec;
	struct eval_rank *res;
	uint32_t	**rel;		/* per thread: nitems */
};

/* The held-out items of u that u did not have in training. */
static size_t
relevant(const struct csr *X, const struct csr *T, size_t u, uint32_t *rel)
{
	size_t p, q = X->rowptr[u], n = 0;

	for (p = T->rowptr[u]; p < T->rowptr[u + 1]; p++) {
		while (q < X->rowptr[u + 1] && X->col[q] < T->col[p])
			q++;
		if (q < X->rowptr[u + 1] && X->col[q] == T->col[p])
			continue;
		rel[n++] = T->col[p];
	}
	return n;
}

static void
ev_rows(void *arg, size_t lo, size_t hi, int th)
{
	struct ev_job *jb = arg;
	size_t i, u, nrel;
	double sc[1];
	double *s = xcalloc(jb->k + 1, sizeof(*s));

	(void)sc;
	for (i = lo; i < hi; i++) {
		u = jb->users[i];
		jb->nrec[i] = rec_top(jb->m, jb->ws[th], u, jb->k, 0,
		    jb->rec + i * jb->k, s);
		nrel = relevant(jb->X, jb->T, u, jb->rel[th]);
		eval_rank_at_k(jb->rec + i * jb->k, jb->nrec[i], jb->rel[th],
		    nrel, jb->k, &jb->res[i]);
	}
	free(s);
}

static void
put_row(struct csv_writer *w, const char *algo, size_t k, size_t nu,
    const struct eval_rank *sum, double cov)
{
	double n = nu > 0 ? (double)nu : 1;

	csv_put_str(w, algo);
	csv_put_int(w, (long long)k);
	csv_put_int(w, (long long)nu);
	csv_put_fixed(w, sum->precision / n, 6);
	csv_put_fixed(w, sum->recall / n, 6);
	csv_put_fixed(w, sum->ndcg / n, 6);
	csv_put_fixed(w, sum->ap / n, 6);
	csv_put_fixed(w, sum->hit / n, 6);
	csv_put_fixed(w, cov, 6);
	csv_end_row(w);
}

/* Fit algorithm a on the training rows and evaluate it. */
static void
eval_one(const struct rec_opts *o, int a, const struct rec_data *d,
    const unsigned char *test, const struct csr *C, const struct csr *T,
    const size_t *users, size_t nu, struct csv_writer *w)
{
	struct rec_opts oo = *o;
	struct rec_model m;
	struct ev_job jb;
	struct eval_rank sum;
	unsigned char *train = xcalloc(d->n + 1, 1);
	size_t i, k = o->k;
	int t, nt = crm_nthreads(&o->com);

	for (i = 0; i < d->n; i++)
		train[i] = !test[i];
	oo.algo = a;
	rec_model_init(&m, &oo);
	rec_fit(&m, rec_matrix(o, d, train), csr_dup(C));
	free(train);
	memset(&jb, 0, sizeof(jb));
	jb.m = &m;
	jb.X = m.X;
	jb.T = T;
	jb.users = users;
	jb.k = k;
	jb.ws = xcalloc((size_t)nt, sizeof(*jb.ws));
	jb.rel = xcalloc((size_t)nt, sizeof(*jb.rel));
	for (t = 0; t < nt; t++) {
		jb.ws[t] = rec_ws_new(&m, k);
		jb.rel[t] = xcalloc(m.nitems + 1, sizeof(**jb.rel));
	}
	jb.rec = xcalloc(nu * k + 1, sizeof(*jb.rec));
	jb.nrec = xcalloc(nu + 1, sizeof(*jb.nrec));
	jb.res = xcalloc(nu + 1, sizeof(*jb.res));
	par_for_grain(nu, nt, 16, ev_rows, &jb);
	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < nu; i++) {
		sum.precision += jb.res[i].precision;
		sum.recall += jb.res[i].recall;
		sum.ndcg += jb.res[i].ndcg;
		sum.ap += jb.res[i].ap;
		sum.hit += jb.res[i].hit;
	}
	{
		/* coverage counts what was recommended, short lists too */
		uint32_t *all = xcalloc(nu * k + 1, sizeof(*all));
		size_t n = 0, r;

		for (i = 0; i < nu; i++)
			for (r = 0; r < jb.nrec[i]; r++)
				all[n++] = jb.rec[i * k + r];
		put_row(w, a == ALGO_HYBRID ? "hybrid" : rec_algo_names[a], k,
		    nu, &sum, eval_coverage(all, n, m.nitems));
		free(all);
	}
	for (t = 0; t < nt; t++) {
		rec_ws_free(jb.ws[t]);
		free(jb.rel[t]);
	}
	free(jb.ws);
	free(jb.rel);
	free(jb.rec);
	free(jb.nrec);
	free(jb.res);
	rec_model_free(&m);
}

static void
put_header(struct csv_writer *w)
{
	static const char *const h[] = { "algo", "k", "customers",
	    "precision", "recall", "ndcg", "map", "hit_rate", "coverage",
	    NULL };
	const char *const *p;

	for (p = h; *p != NULL; p++)
		csv_put_str(w, *p);
	csv_end_row(w);
}

int
rec_cmd_eval(const struct rec_opts *o)
{
	struct rec_data d;
	struct csv_writer *w;
	struct csr *C = NULL, *X, *T;
	unsigned char *test;
	size_t *users, nu = 0, u, ntrain, i;
	uint32_t *rel;
	char *tf[1];

	rec_data_init(&d);
	if (rec_read(o, o->files, o->nfiles, &d, o->split != SPLIT_RANDOM)
	    != 0) {
		rec_data_free(&d);
		return 0;
	}
	ntrain = d.n;
	if (o->test != NULL) {
		tf[0] = (char *)o->test;
		rec_read(o, tf, 1, &d, 0);
	}
	w = crm_open_output(&o->com);
	put_header(w);
	if (ntrain == 0) {
		crm_close_output(w);
		rec_data_free(&d);
		return 0;
	}
	if (o->items != NULL)
		C = content_read(o, d.items);
	test = xcalloc(d.n + 1, 1);
	if (o->test != NULL)
		for (i = ntrain; i < d.n; i++)
			test[i] = 1;
	else if (o->split == SPLIT_RANDOM)
		split_random(o, &d, test);
	else if (o->split == SPLIT_LAST)
		split_last(&d, test);
	else
		split_time(o, &d, test);
	for (i = 0; i < d.n; i++)
		test[i] = !test[i];
	X = rec_matrix(o, &d, test);
	for (i = 0; i < d.n; i++)
		test[i] = !test[i];
	T = rec_matrix(o, &d, test);
	users = xcalloc(X->nrows + 1, sizeof(*users));
	rel = xcalloc(X->ncols + 1, sizeof(*rel));
	for (u = 0; u < X->nrows; u++)
		if (X->rowptr[u + 1] > X->rowptr[u] &&
		    relevant(X, T, u, rel) > 0)
			users[nu++] = u;
	for (i = 0; i < o->nevalgo; i++)
		eval_one(o, o->evalgo[i], &d, test, C, T, users, nu, w);
	crm_close_output(w);
	free(users);
	free(rel);
	free(test);
	csr_free(X);
	csr_free(T);
	csr_free(C);
	rec_data_free(&d);
	return 0;
}
