/*
 * knn.c: item-based and user-based nearest neighbours on the customers
 * x items matrix X (binary, or the --weight values).
 *
 * Similarity of two rows a and b of a matrix (items: the columns of X;
 * customers: its rows), with c = sum of the products of their values
 * and n = sum of their squares:
 *	cosine			c / sqrt(n_a n_b)
 *	jaccard			|a and b| / |a or b| (on the binary matrix)
 *	asymmetric-cosine	c / (n_a^alpha n_b^(1 - alpha))
 * Item-kNN keeps the neighbours best neighbours of every item (found by
 * walking the item's customers, a dense accumulator per thread, so
 * only co-occurring pairs cost anything); a customer's score of item j
 * is the sum over their items i of x_ui sim(i, j) over j among the
 * neighbours of i.  User-kNN finds the customer's neighbours the same
 * way at scoring time and sums sim(u, v) x_vj.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "par.h"
#include "ml/order.h"
#include "ml/sparse.h"

#include "rec.h"

static double
similarity(const struct rec_model *m, double c, double na, double nb,
    double pa, double pb)
{
	switch (m->sim) {
	case SIM_JACCARD:
		return c / (pa + pb - c);
	case SIM_ASYM:
		return c / (pow(na, m->sim_alpha) * pow(nb, 1 - m->sim_alpha));
	default:
		return c / sqrt(na * nb);
	}
}

struct item_job {
	struct rec_model *m;
	double		**acc;
	uint32_t	**touched;
	struct topk	**tk;
};

static void
item_rows(void *arg, size_t lo, size_t hi, int th)
{
	struct item_job *jb = arg;
	struct rec_model *m = jb->m;
	const struct csr *X = m->X, *XT = m->XT;
	double *acc = jb->acc[th], x, s;
	uint32_t *touched = jb->touched[th], j;
	size_t i, p, q, nt, got, K = m->neighbours;
	size_t *id = xcalloc(K + 1, sizeof(*id));
	int bin = m->sim == SIM_JACCARD;

	for (i = lo; i < hi; i++) {
		nt = 0;
		for (p = XT->rowptr[i]; p < XT->rowptr[i + 1]; p++) {
			size_t u = XT->col[p];

			x = bin ? 1 : XT->val[p];
			for (q = X->rowptr[u]; q < X->rowptr[u + 1]; q++) {
				j = X->col[q];
				if (acc[j] == 0)
					touched[nt++] = j;
				acc[j] += x * (bin ? 1 : X->val[q]);
			}
		}
		for (p = 0; p < nt; p++) {
			j = touched[p];
			if (j != i) {
				s = similarity(m, acc[j], m->inorm[i],
				    m->inorm[j], m->pop[i], m->pop[j]);
				if (s > 0 && isfinite(s))
					topk_push(jb->tk[th], s, j);
			}
			acc[j] = 0;
		}
		got = topk_take(jb->tk[th], id, m->nb_sim + i * K);
		m->nb_n[i] = (uint32_t)got;
		for (p = 0; p < got; p++)
			m->nb_id[i * K + p] = (uint32_t)id[p];
	}
	free(id);
}

/*
 * An accumulator entry of exactly 0 marks an untouched item; a sum of
 * products of positive weights is never 0, and zero weights add
 * nothing, so a touched entry that stays 0 is harmless.
 */
void
knn_item_fit(struct rec_model *m)
{
	struct item_job jb;
	size_t K = m->neighbours, n = m->nitems;
	int t, nt = m->nthreads > 0 ? m->nthreads : 1;

	m->nb_n = xcalloc(n + 1, sizeof(*m->nb_n));
	m->nb_id = xcalloc(n * K + 1, sizeof(*m->nb_id));
	m->nb_sim = xcalloc(n * K + 1, sizeof(*m->nb_sim));
	jb.m = m;
	jb.acc = xcalloc((size_t)nt, sizeof(*jb.acc));
	jb.touched = xcalloc((size_t)nt, sizeof(*jb.touched));
	jb.tk = xcalloc((size_t)nt, sizeof(*jb.tk));
	for (t = 0; t < nt; t++) {
		jb.acc[t] = xcalloc(n + 1, sizeof(**jb.acc));
		jb.touched[t] = xcalloc(n + 1, sizeof(**jb.touched));
		jb.tk[t] = topk_new(K > 0 ? K : 1);
	}
	if (K > 0)
		par_for_grain(n, nt, 16, item_rows, &jb);
	for (t = 0; t < nt; t++) {
		free(jb.acc[t]);
		free(jb.touched[t]);
		topk_free(jb.tk[t]);
	}
	free(jb.acc);
	free(jb.touched);
	free(jb.tk);
}

void
knn_item_score(const struct rec_model *m, struct rec_ws *w, size_t u,
    double *out)
{
	const struct csr *X = m->X;
	size_t p, r, i, K = m->neighbours;
	double x;

	(void)w;
	memset(out, 0, m->nitems * sizeof(*out));
	for (p = X->rowptr[u]; p < X->rowptr[u + 1]; p++) {
		i = X->col[p];
		x = X->val[p];
		for (r = 0; r < m->nb_n[i]; r++)
			out[m->nb_id[i * K + r]] += x * m->nb_sim[i * K + r];
	}
}

/* User-kNN has nothing to fit beyond the norms (model.c). */
void
knn_user_fit(struct rec_model *m)
{
	(void)m;
}

void
knn_user_score(const struct rec_model *m, struct rec_ws *w, size_t u,
    double *out)
{
	const struct csr *X = m->X, *XT = m->XT;
	size_t p, q, v, nt = 0, got, r;
	size_t K = m->neighbours, *nid;
	double x, s, *sim;
	int bin = m->sim == SIM_JACCARD;
	uint32_t c;

	memset(out, 0, m->nitems * sizeof(*out));
	for (p = X->rowptr[u]; p < X->rowptr[u + 1]; p++) {
		x = bin ? 1 : X->val[p];
		for (q = XT->rowptr[X->col[p]]; q < XT->rowptr[X->col[p] + 1];
		    q++) {
			c = XT->col[q];
			if (w->big[c] == 0)
				w->ulist[nt++] = c;
			w->big[c] += x * (bin ? 1 : XT->val[q]);
		}
	}
	for (p = 0; p < nt; p++) {
		v = w->ulist[p];
		if (v != u) {
			s = similarity(m, w->big[v], m->unorm[u], m->unorm[v],
			    (double)(X->rowptr[u + 1] - X->rowptr[u]),
			    (double)(X->rowptr[v + 1] - X->rowptr[v]));
			if (s > 0 && isfinite(s))
				topk_push(w->tkn, s, v);
		}
		w->big[v] = 0;
	}
	nid = xcalloc(K + 1, sizeof(*nid));
	sim = xcalloc(K + 1, sizeof(*sim));
	got = topk_take(w->tkn, nid, sim);
	for (r = 0; r < got; r++)
		for (q = X->rowptr[nid[r]]; q < X->rowptr[nid[r] + 1]; q++)
			out[X->col[q]] += sim[r] * X->val[q];
	free(nid);
	free(sim);
}
