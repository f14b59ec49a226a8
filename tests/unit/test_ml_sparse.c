/* test_ml_sparse.c: CSR from keyed triples, transpose, norms, products. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "rng.h"
#include "ml/sparse.h"
#include "t.h"

static void
t_build(void)
{
	struct strmap *rows = strmap_new(), *cols = strmap_new();
	struct csr_builder *b = csr_builder_new(rows, cols);
	struct csr *m, *t;
	double x[3] = { 1, 10, 100 }, y[3];

	/* customers x items, out of order, one pair twice */
	CHECK(csr_builder_add(b, "bob", 3, "tea", 3, 2) == 0);
	CHECK(csr_builder_add(b, "ann", 3, "milk", 4, 1) == 0);
	CHECK(csr_builder_add(b, "bob", 3, "milk", 4, 3) == 0);
	CHECK(csr_builder_add(b, "ann", 3, "tea", 3, 5) == 0);
	CHECK(csr_builder_add(b, "bob", 3, "tea", 3, 4) == 0);
	CHECK(csr_builder_add(b, "cid", 3, "jam", 3, 1) == 0);
	m = csr_builder_finish(b, 0, 0, 0);
	/* rows bob=0 ann=1 cid=2, cols tea=0 milk=1 jam=2 */
	CHECK(m->nrows == 3 && m->ncols == 3 && csr_nnz(m) == 5);
	CHECK(m->rowptr[1] == 2 && m->rowptr[2] == 4 && m->rowptr[3] == 5);
	CHECK(m->col[0] == 0 && m->val[0] == 6);	/* bob tea 2 + 4 */
	CHECK(m->col[1] == 1 && m->val[1] == 3);
	CHECK(m->col[2] == 0 && m->val[2] == 5);
	CHECK(m->col[3] == 1 && m->val[3] == 1);
	CHECK(m->col[4] == 2 && m->val[4] == 1);
	CHECK(csr_row_dot(m, 0, m, 1) == 6 * 5 + 3 * 1);
	CHECK(csr_row_dot(m, 0, m, 2) == 0);
	CHECK(csr_row_dot_dense(m, 1, x) == 5 + 10);
	csr_matvec(m, x, y, 2);
	CHECK(y[0] == 36 && y[1] == 15 && y[2] == 100);
	t = csr_transpose(m);
	CHECK(t->nrows == 3 && t->ncols == 3 && csr_nnz(t) == 5);
	/* tea: bob 6, ann 5; milk: bob 3, ann 1; jam: cid 1 */
	CHECK(t->rowptr[1] == 2 && t->col[0] == 0 && t->val[0] == 6 &&
	    t->col[1] == 1 && t->val[1] == 5);
	CHECK(t->col[4] == 2 && t->val[4] == 1);
	csr_normalize_rows(m, 2);
	CHECK(fabs(m->val[0] - 6 / sqrt(45)) < 1e-15);
	CHECK(fabs(m->val[1] - 3 / sqrt(45)) < 1e-15);
	csr_normalize_rows(t, 1);
	CHECK(fabs(t->val[0] - 6.0 / 11) < 1e-15);
	csr_free(m);
	csr_free(t);
	/* last wins, ids, minimum sizes, an empty matrix */
	csr_builder_add_id(b, 1, 1, 7);
	csr_builder_add_id(b, 1, 1, 8);
	m = csr_builder_finish(b, 5, 4, 1);
	CHECK(m->nrows == 5 && m->ncols == 4 && csr_nnz(m) == 1);
	CHECK(m->val[0] == 8 && m->rowptr[5] == 1 && m->rowptr[1] == 0);
	csr_free(m);
	m = csr_builder_finish(b, 0, 0, 0);
	CHECK(csr_nnz(m) == 0);
	csr_free(m);
	csr_builder_free(b);
	strmap_free(rows);
	strmap_free(cols);
}

static void
t_gram(void)
{
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	size_t nr = 500, nc = 70, i, j, k, p;
	double *D, *G, *G2, s, err = 0;
	struct rng g;
	struct csr *m;

	rng_seed(&g, 4);
	D = calloc(nr * nc, sizeof(*D));
	for (i = 0; i < nr; i++)
		for (k = 0; k < 6; k++) {
			j = rng_below(&g, nc);
			D[i * nc + j] = 1;
		}
	for (i = 0; i < nr; i++)
		for (j = 0; j < nc; j++)
			if (D[i * nc + j] != 0)
				csr_builder_add_id(b, (uint32_t)i, (uint32_t)j,
				    1);
	m = csr_builder_finish(b, nr, nc, 1);
	G = malloc(nc * nc * sizeof(*G));
	G2 = malloc(nc * nc * sizeof(*G2));
	csr_gram(m, G, 1);
	for (i = 0; i < nc; i++)
		for (j = 0; j < nc; j++) {
			for (s = 0, p = 0; p < nr; p++)
				s += D[p * nc + i] * D[p * nc + j];
			err = fmax(err, fabs(s - G[i * nc + j]));
		}
	CHECK(err == 0);
	csr_gram(m, G2, 2);
	CHECK(memcmp(G, G2, nc * nc * sizeof(*G)) == 0);
	csr_free(m);
	csr_builder_free(b);
	free(D), free(G), free(G2);
}

int
main(void)
{
	RUN(t_build);
	RUN(t_gram);
	T_EXIT();
}
