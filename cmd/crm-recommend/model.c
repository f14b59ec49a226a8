/*
 * model.c: the fitted recommender of crm-recommend: fitting the parts
 * of a blend, scoring one customer (a part alone, or the weighted sum
 * of min-max normalised part scores) and taking the top N, and the
 * model file (train -m / top -m).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "err.h"
#include "hash.h"
#include "model.h"
#include "ml/mfile.h"
#include "ml/order.h"
#include "ml/sparse.h"

#include "rec.h"

const char *const rec_algo_names[] = { "popular", "itemknn", "userknn",
	"ease", "als", "content", "hybrid", NULL };
const char *const rec_sim_names[] = { "cosine", "jaccard",
	"asymmetric-cosine", NULL };

void
rec_model_init(struct rec_model *m, const struct rec_opts *o)
{
	memset(m, 0, sizeof(*m));
	m->algo = o->algo;
	if (o->algo == ALGO_HYBRID) {
		m->nparts = o->nparts;
		memcpy(m->part_algo, o->part_algo, sizeof(m->part_algo));
		memcpy(m->part_w, o->part_w, sizeof(m->part_w));
	} else {
		m->nparts = 1;
		m->part_algo[0] = o->algo;
		m->part_w[0] = 1;
	}
	m->neighbours = o->neighbours;
	m->sim = o->sim;
	m->sim_alpha = o->sim_alpha;
	m->lambda = o->lambda;
	m->reg = o->reg;
	m->alpha = o->alpha;
	m->factors = o->factors;
	m->iterations = o->iterations;
	m->max_items = o->max_items;
	m->cg_steps = o->cg_steps;
	m->nthreads = crm_nthreads(&o->com);
	m->seed = o->com.seed;
	m->quiet = !crm_show_progress(&o->com);
}

static int
has_part(const struct rec_model *m, int algo)
{
	int p;

	for (p = 0; p < m->nparts; p++)
		if (m->part_algo[p] == algo)
			return 1;
	return 0;
}

/* Popularity (customers per item), its order, and the norms. */
static void
fit_common(struct rec_model *m)
{
	size_t i, j, p;
	double s;

	m->ncust = m->X->nrows;
	m->nitems = m->X->ncols;
	m->XT = csr_transpose(m->X);
	m->pop = xcalloc(m->nitems + 1, sizeof(*m->pop));
	m->inorm = xcalloc(m->nitems + 1, sizeof(*m->inorm));
	m->unorm = xcalloc(m->ncust + 1, sizeof(*m->unorm));
	for (i = 0; i < m->nitems; i++) {
		s = 0;
		for (p = m->XT->rowptr[i]; p < m->XT->rowptr[i + 1]; p++)
			s += m->XT->val[p] * m->XT->val[p];
		m->pop[i] = (double)(m->XT->rowptr[i + 1] - m->XT->rowptr[i]);
		m->inorm[i] = s;
	}
	for (j = 0; j < m->ncust; j++) {
		s = 0;
		for (p = m->X->rowptr[j]; p < m->X->rowptr[j + 1]; p++)
			s += m->X->val[p] * m->X->val[p];
		m->unorm[j] = s;
	}
	{
		size_t *idx = xcalloc(m->nitems + 1, sizeof(*idx));

		argsort_double(m->pop, m->nitems, idx, 1);
		m->popord = xcalloc(m->nitems + 1, sizeof(*m->popord));
		for (i = 0; i < m->nitems; i++)
			m->popord[i] = (uint32_t)idx[i];
		free(idx);
	}
}

void
rec_fit(struct rec_model *m, struct csr *X, struct csr *C)
{
	m->X = X;
	if (C != NULL && !has_part(m, ALGO_CONTENT)) {
		csr_free(C);
		C = NULL;
	}
	m->C = C;
	fit_common(m);
	if (has_part(m, ALGO_ITEMKNN))
		knn_item_fit(m);
	if (has_part(m, ALGO_USERKNN))
		knn_user_fit(m);
	if (has_part(m, ALGO_EASE))
		ease_fit(m);
	if (has_part(m, ALGO_ALS))
		als_fit(m);
	if (has_part(m, ALGO_CONTENT))
		content_fit(m);
}

void
rec_model_free(struct rec_model *m)
{
	csr_free(m->X);
	csr_free(m->XT);
	csr_free(m->C);
	csr_free(m->CT);
	free(m->pop);
	free(m->popord);
	free(m->inorm);
	free(m->unorm);
	free(m->nb_n);
	free(m->nb_id);
	free(m->nb_sim);
	free(m->B);
	free(m->U);
	free(m->V);
	free(m->loss);
	memset(m, 0, sizeof(*m));
}

struct rec_ws *
rec_ws_new(const struct rec_model *m, size_t n)
{
	struct rec_ws *w = xcalloc(1, sizeof(*w));
	size_t ni = m->nitems + 1;

	w->acc = xcalloc(ni, sizeof(*w->acc));
	w->tmp = xcalloc(ni, sizeof(*w->tmp));
	w->out = xcalloc(ni, sizeof(*w->out));
	w->mark = xcalloc(ni, 1);
	w->touched = xcalloc(ni, sizeof(*w->touched));
	if (has_part(m, ALGO_USERKNN)) {
		w->big = xcalloc(m->ncust + 1, sizeof(*w->big));
		w->ulist = xcalloc(m->ncust + 1, sizeof(*w->ulist));
	}
	if (m->C != NULL) {
		w->tvec = xcalloc(m->nterms + 1, sizeof(*w->tvec));
		w->tlist = xcalloc(m->nterms + 1, sizeof(*w->tlist));
	}
	w->tk = topk_new(n > 0 ? n : 1);
	w->tkn = topk_new(m->neighbours > 0 ? m->neighbours : 1);
	return w;
}

void
rec_ws_free(struct rec_ws *w)
{
	if (w == NULL)
		return;
	free(w->acc);
	free(w->tmp);
	free(w->out);
	free(w->mark);
	free(w->touched);
	free(w->big);
	free(w->ulist);
	free(w->tvec);
	free(w->tlist);
	topk_free(w->tk);
	topk_free(w->tkn);
	free(w);
}

/* The raw scores of one part for customer u into out (nitems). */
static void
part_score(const struct rec_model *m, struct rec_ws *w, int algo, size_t u,
    double *out)
{
	switch (algo) {
	case ALGO_POPULAR:
		memcpy(out, m->pop, m->nitems * sizeof(*out));
		break;
	case ALGO_ITEMKNN:
		knn_item_score(m, w, u, out);
		break;
	case ALGO_USERKNN:
		knn_user_score(m, w, u, out);
		break;
	case ALGO_EASE:
		ease_score(m, u, out);
		break;
	case ALGO_ALS:
		als_score(m, u, out);
		break;
	default:
		content_score(m, w, u, out);
		break;
	}
}

/* Scale v to [0, 1] by its minimum and maximum (all 0 when flat). */
static void
minmax(double *v, size_t n)
{
	double lo = INFINITY, hi = -INFINITY;
	size_t i;

	for (i = 0; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	for (i = 0; i < n; i++)
		v[i] = hi > lo ? (v[i] - lo) / (hi - lo) : 0;
}

static void
score(const struct rec_model *m, struct rec_ws *w, size_t u)
{
	size_t i;
	int p;

	if (m->nparts == 1) {
		part_score(m, w, m->part_algo[0], u, w->out);
		return;
	}
	memset(w->out, 0, m->nitems * sizeof(*w->out));
	for (p = 0; p < m->nparts; p++) {
		part_score(m, w, m->part_algo[p], u, w->tmp);
		minmax(w->tmp, m->nitems);
		for (i = 0; i < m->nitems; i++)
			w->out[i] += m->part_w[p] * w->tmp[i];
	}
}

/*
 * The candidates are pushed in order of popularity, so that equal
 * scores (the items no neighbour reaches, say) go to the more popular
 * item: topk breaks ties towards the smaller id it is given.
 */
size_t
rec_top(const struct rec_model *m, struct rec_ws *w, size_t u, size_t n,
    int include_seen, uint32_t *id, double *sc)
{
	size_t r, p, got, rid[1024], *ids = rid;
	const double *s;

	if (u == (size_t)-1) {
		s = m->pop;
	} else {
		score(m, w, u);
		s = w->out;
		if (!include_seen)
			for (p = m->X->rowptr[u]; p < m->X->rowptr[u + 1]; p++)
				w->mark[m->X->col[p]] = 1;
	}
	for (r = 0; r < m->nitems; r++)
		if (!w->mark[m->popord[r]])
			topk_push(w->tk, s[m->popord[r]], r);
	if (n > 1024)
		ids = xcalloc(n, sizeof(*ids));
	got = topk_take(w->tk, ids, sc);
	for (r = 0; r < got; r++)
		id[r] = m->popord[ids[r]];
	if (ids != rid)
		free(ids);
	if (u != (size_t)-1 && !include_seen)
		for (p = m->X->rowptr[u]; p < m->X->rowptr[u + 1]; p++)
			w->mark[m->X->col[p]] = 0;
	return got;
}

/* The model file. */

static const char *
algo_name(int a)
{
	return rec_algo_names[a];
}

static void
put_csr(struct model_writer *mw, const char *key, const struct csr *A)
{
	char k[64];
	double *v;
	size_t i, nnz = csr_nnz(A);

	v = xcalloc(A->nrows + nnz + 2, sizeof(*v));
	for (i = 0; i <= A->nrows; i++)
		v[i] = (double)A->rowptr[i];
	snprintf(k, sizeof(k), "%s.rowptr", key);
	mfile_put_array(mw, k, v, A->nrows + 1);
	for (i = 0; i < nnz; i++)
		v[i] = A->col[i];
	snprintf(k, sizeof(k), "%s.col", key);
	mfile_put_array(mw, k, v, nnz);
	snprintf(k, sizeof(k), "%s.val", key);
	mfile_put_array(mw, k, A->val, nnz);
	free(v);
}

static void
put_keys(struct model_writer *mw, const char *key, struct strmap *s)
{
	size_t i, n = strmap_count(s);
	const char **k = xcalloc(n + 1, sizeof(*k));
	size_t *len = xcalloc(n + 1, sizeof(*len));

	for (i = 0; i < n; i++)
		k[i] = strmap_key(s, i, &len[i]);
	mfile_put_strings(mw, key, k, len, n);
	free(k);
	free(len);
}

void
rec_save(const struct rec_model *m, const struct rec_opts *o,
    struct strmap *custs, struct strmap *items, const char *path)
{
	struct model_writer *mw;
	double *v;
	size_t i, nk = m->nitems * m->neighbours;
	int p;

	(void)o;
	if ((mw = model_create(path, "crm-recommend", algo_name(m->algo))) ==
	    NULL)
		crm_err(1, "%s", path);
	for (p = 0; p < m->nparts; p++) {
		char k[32];

		snprintf(k, sizeof(k), "part.%d", p);
		model_put(mw, k, "%s %.17g", algo_name(m->part_algo[p]),
		    m->part_w[p]);
	}
	model_put(mw, "sim", "%s", rec_sim_names[m->sim]);
	model_put_double(mw, "sim_alpha", m->sim_alpha);
	model_put_double(mw, "neighbours", (double)m->neighbours);
	model_put_double(mw, "lambda", m->lambda);
	model_put_double(mw, "max_items", (double)m->max_items);
	put_keys(mw, "customers", custs);
	put_keys(mw, "items", items);
	put_csr(mw, "X", m->X);
	if (m->nb_n != NULL) {
		v = xcalloc(nk + 1, sizeof(*v));
		for (i = 0; i < m->nitems; i++)
			v[i] = m->nb_n[i];
		mfile_put_array(mw, "knn.n", v, m->nitems);
		for (i = 0; i < nk; i++)
			v[i] = m->nb_id[i];
		mfile_put_array(mw, "knn.id", v, nk);
		mfile_put_array(mw, "knn.sim", m->nb_sim, nk);
		free(v);
	}
	if (m->U != NULL) {
		model_put_double(mw, "factors", (double)m->factors);
		mfile_put_array(mw, "als.loss", m->loss, m->iterations);
		mfile_put_array(mw, "als.U", m->U, m->ncust * m->factors);
		mfile_put_array(mw, "als.V", m->V, m->nitems * m->factors);
	}
	if (m->C != NULL) {
		model_put_double(mw, "nterms", (double)m->nterms);
		put_csr(mw, "content", m->C);
	}
	if (model_close(mw) != 0)
		crm_err(1, "%s", path);
}

/* Reading the model back: any inconsistency is a corrupted model. */
static void
corrupt(const char *path, const char *what)
{
	crm_errx(2, "%s: corrupted model (%s)", path, what);
}

static double *
get_array(const struct model *md, const char *path, const char *key,
    size_t n)
{
	double *v = xcalloc(n + 1, sizeof(*v));

	if (mfile_get_array_n(md, key, v, n) != 0)
		corrupt(path, key);
	return v;
}

static struct csr *
get_csr(const struct model *md, const char *path, const char *key,
    size_t nrows, size_t ncols)
{
	char k[64];
	double *v;
	struct csr *A;
	size_t i, nnz, n;

	snprintf(k, sizeof(k), "%s.rowptr", key);
	v = get_array(md, path, k, nrows + 1);
	nnz = v[nrows] >= 0 && v[nrows] < 1e15 ? (size_t)v[nrows] : 0;
	A = csr_new(nrows, ncols, nnz);
	for (i = 0; i <= nrows; i++) {
		if (!(v[i] >= 0 && v[i] <= (double)nnz) ||
		    (i > 0 && v[i] < v[i - 1]) || v[i] != floor(v[i]))
			corrupt(path, k);
		A->rowptr[i] = (size_t)v[i];
	}
	free(v);
	snprintf(k, sizeof(k), "%s.col", key);
	v = get_array(md, path, k, nnz);
	for (i = 0; i < nnz; i++) {
		if (!(v[i] >= 0 && v[i] < (double)ncols))
			corrupt(path, k);
		A->col[i] = (uint32_t)v[i];
	}
	free(v);
	snprintf(k, sizeof(k), "%s.val", key);
	if (mfile_get_array_n(md, k, A->val, nnz) != 0)
		corrupt(path, k);
	for (i = 0; i < nrows; i++)
		for (n = A->rowptr[i] + 1; n < A->rowptr[i + 1]; n++)
			if (A->col[n] <= A->col[n - 1])
				corrupt(path, k);
	return A;
}

static struct strmap *
get_keys(const struct model *md, const char *path, const char *key)
{
	struct mfile_strs *s = mfile_get_strings(md, key, NULL);
	struct strmap *m;
	size_t i;
	int isnew;

	if (s == NULL)
		corrupt(path, key);
	m = strmap_new();
	for (i = 0; i < s->n; i++)
		if (strmap_intern(m, s->s[i], s->len[i], &isnew) != i ||
		    !isnew)
			corrupt(path, key);
	mfile_strs_free(s);
	return m;
}

static double
get_num(const struct model *md, const char *path, const char *key,
    double lo, double hi)
{
	double v;

	if (model_get_double(md, key, &v) != 0 || !(v >= lo && v <= hi))
		corrupt(path, key);
	return v;
}

static void
get_parts(struct rec_model *m, const struct model *md, const char *path)
{
	char k[32];
	const char *s, *sp;
	double w;
	int p, a;

	m->algo = -1;
	for (a = 0; rec_algo_names[a] != NULL; a++)
		if (strcmp(model_algorithm(md), rec_algo_names[a]) == 0)
			m->algo = a;
	if (m->algo < 0)
		corrupt(path, "algorithm");
	for (p = 0; p < REC_MAXPARTS; p++) {
		snprintf(k, sizeof(k), "part.%d", p);
		if ((s = model_get(md, k)) == NULL)
			break;
		/* "NAME WEIGHT": the weight through the model's parser */
		if ((sp = strchr(s, ' ')) == NULL ||
		    model_parse_double(md, sp + 1, &w) != 0)
			corrupt(path, k);
		for (a = 0; a < ALGO_HYBRID; a++)
			if (strlen(rec_algo_names[a]) == (size_t)(sp - s) &&
			    strncmp(s, rec_algo_names[a], (size_t)(sp - s)) == 0)
				break;
		if (a == ALGO_HYBRID)
			corrupt(path, k);
		m->part_algo[p] = a;
		m->part_w[p] = w;
	}
	if ((m->nparts = p) == 0)
		corrupt(path, "part.0");
	s = model_get(md, "sim");
	for (a = 0; rec_sim_names[a] != NULL; a++)
		if (s != NULL && strcmp(s, rec_sim_names[a]) == 0)
			break;
	if (rec_sim_names[a] == NULL)
		corrupt(path, "sim");
	m->sim = a;
}

static void
get_knn(struct rec_model *m, const struct model *md, const char *path)
{
	size_t nk = m->nitems * m->neighbours, i;
	double *v;

	v = get_array(md, path, "knn.n", m->nitems);
	m->nb_n = xcalloc(m->nitems + 1, sizeof(*m->nb_n));
	for (i = 0; i < m->nitems; i++) {
		if (!(v[i] >= 0 && v[i] <= (double)m->neighbours))
			corrupt(path, "knn.n");
		m->nb_n[i] = (uint32_t)v[i];
	}
	free(v);
	v = get_array(md, path, "knn.id", nk);
	m->nb_id = xcalloc(nk + 1, sizeof(*m->nb_id));
	for (i = 0; i < nk; i++) {
		if (!(v[i] >= 0 && v[i] < (double)m->nitems))
			corrupt(path, "knn.id");
		m->nb_id[i] = (uint32_t)v[i];
	}
	free(v);
	m->nb_sim = get_array(md, path, "knn.sim", nk);
}

void
rec_load(struct rec_model *m, const struct rec_opts *o,
    struct strmap **custs, struct strmap **items, const char *path)
{
	struct model *md;
	char err[512];

	rec_model_init(m, o);
	if ((md = model_load(path, "crm-recommend", err, sizeof(err))) == NULL)
		crm_errx(2, "%s", err);
	get_parts(m, md, path);
	m->sim_alpha = get_num(md, path, "sim_alpha", 0, 1);
	m->neighbours = (size_t)get_num(md, path, "neighbours", 0, 1e6);
	m->lambda = get_num(md, path, "lambda", -1, 1e300);
	m->max_items = (size_t)get_num(md, path, "max_items", 1, 1e9);
	*custs = get_keys(md, path, "customers");
	*items = get_keys(md, path, "items");
	m->X = get_csr(md, path, "X", strmap_count(*custs),
	    strmap_count(*items));
	fit_common(m);
	if (has_part(m, ALGO_ITEMKNN))
		get_knn(m, md, path);
	if (has_part(m, ALGO_EASE))
		ease_fit(m);
	if (has_part(m, ALGO_ALS)) {
		m->factors = (size_t)get_num(md, path, "factors", 1, 4096);
		m->U = get_array(md, path, "als.U", m->ncust * m->factors);
		m->V = get_array(md, path, "als.V", m->nitems * m->factors);
	}
	if (has_part(m, ALGO_CONTENT)) {
		m->nterms = (size_t)get_num(md, path, "nterms", 0, 1e9);
		m->C = get_csr(md, path, "content", m->nitems, m->nterms);
		m->CT = csr_transpose(m->C);
	}
	model_free(md);
}
