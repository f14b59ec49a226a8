/*
 * sparse.c: CSR matrices (see sparse.h).  The builder sorts its triples
 * with two counting sorts (by column, then stably by row), which is
 * linear in the number of entries.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "par.h"
#include "ml/linalg.h"
#include "ml/sparse.h"

struct triple {
	uint32_t	 row, col;
	double		 v;
};

struct csr_builder {
	struct strmap	*rows, *cols;
	struct triple	*t;
	size_t		 n, cap;
	size_t		 maxrow, maxcol;	/* one more than the largest */
};

struct csr *
csr_new(size_t nrows, size_t ncols, size_t nnz)
{
	struct csr *m = xcalloc(1, sizeof(*m));

	m->nrows = nrows;
	m->ncols = ncols;
	m->rowptr = xcalloc(nrows + 1, sizeof(*m->rowptr));
	m->col = xreallocarray(NULL, nnz > 0 ? nnz : 1, sizeof(*m->col));
	m->val = xreallocarray(NULL, nnz > 0 ? nnz : 1, sizeof(*m->val));
	return m;
}

void
csr_free(struct csr *m)
{
	if (m == NULL)
		return;
	free(m->rowptr);
	free(m->col);
	free(m->val);
	free(m);
}

size_t
csr_nnz(const struct csr *m)
{
	return m->rowptr[m->nrows];
}

struct csr_builder *
csr_builder_new(struct strmap *rows, struct strmap *cols)
{
	struct csr_builder *b = xcalloc(1, sizeof(*b));

	b->rows = rows;
	b->cols = cols;
	return b;
}

void
csr_builder_free(struct csr_builder *b)
{
	if (b == NULL)
		return;
	free(b->t);
	free(b);
}

void
csr_builder_add_id(struct csr_builder *b, uint32_t row, uint32_t col,
    double v)
{
	if (b->n == b->cap)
		b->t = xgrow(b->t, &b->cap, b->n + 1, sizeof(*b->t));
	b->t[b->n].row = row;
	b->t[b->n].col = col;
	b->t[b->n++].v = v;
	if ((size_t)row + 1 > b->maxrow)
		b->maxrow = (size_t)row + 1;
	if ((size_t)col + 1 > b->maxcol)
		b->maxcol = (size_t)col + 1;
}

int
csr_builder_add(struct csr_builder *b, const char *rkey, size_t rlen,
    const char *ckey, size_t clen, double v)
{
	size_t r, c;

	if (b->rows == NULL || b->cols == NULL)
		return -1;
	if ((r = strmap_intern(b->rows, rkey, rlen, NULL)) == STRMAP_FULL ||
	    (c = strmap_intern(b->cols, ckey, clen, NULL)) == STRMAP_FULL)
		return -1;
	csr_builder_add_id(b, (uint32_t)r, (uint32_t)c, v);
	return 0;
}

/* Stable counting sort of t[0..n) into out by row (byrow) or column. */
static void
count_sort(const struct triple *t, size_t n, struct triple *out,
    size_t nkeys, int byrow, size_t *cnt)
{
	size_t i, k, sum, c;

	memset(cnt, 0, (nkeys + 1) * sizeof(*cnt));
	for (i = 0; i < n; i++)
		cnt[byrow ? t[i].row : t[i].col]++;
	for (sum = 0, k = 0; k <= nkeys; k++) {
		c = cnt[k];
		cnt[k] = sum;
		sum += c;
	}
	for (i = 0; i < n; i++)
		out[cnt[byrow ? t[i].row : t[i].col]++] = t[i];
}

struct csr *
csr_builder_finish(struct csr_builder *b, size_t min_rows, size_t min_cols,
    int last)
{
	size_t nr = b->maxrow, nc = b->maxcol, i, k, *cnt;
	struct triple *s;
	struct csr *m;

	if (b->rows != NULL && strmap_count(b->rows) > nr)
		nr = strmap_count(b->rows);
	if (b->cols != NULL && strmap_count(b->cols) > nc)
		nc = strmap_count(b->cols);
	nr = nr > min_rows ? nr : min_rows;
	nc = nc > min_cols ? nc : min_cols;
	s = xreallocarray(NULL, b->n > 0 ? b->n : 1, sizeof(*s));
	cnt = xreallocarray(NULL, (nr > nc ? nr : nc) + 1, sizeof(*cnt));
	count_sort(b->t, b->n, s, nc, 0, cnt);
	count_sort(s, b->n, b->t, nr, 1, cnt);
	free(cnt);
	free(s);
	m = csr_new(nr, nc, b->n);
	for (i = 0, k = 0; i < b->n; i++) {
		if (k > 0 && b->t[i].row == b->t[i - 1].row &&
		    b->t[i].col == b->t[i - 1].col) {
			m->val[k - 1] = last ? b->t[i].v :
			    m->val[k - 1] + b->t[i].v;
			continue;
		}
		m->col[k] = b->t[i].col;
		m->val[k] = b->t[i].v;
		m->rowptr[b->t[i].row + 1]++;
		k++;
	}
	for (i = 0; i < nr; i++)
		m->rowptr[i + 1] += m->rowptr[i];
	b->n = 0;
	b->maxrow = b->maxcol = 0;
	return m;
}

struct csr *
csr_transpose(const struct csr *a)
{
	size_t nnz = csr_nnz(a), i, p, *next;
	struct csr *t = csr_new(a->ncols, a->nrows, nnz);

	for (p = 0; p < nnz; p++)
		t->rowptr[a->col[p] + 1]++;
	for (i = 0; i < a->ncols; i++)
		t->rowptr[i + 1] += t->rowptr[i];
	next = xreallocarray(NULL, a->ncols + 1, sizeof(*next));
	memcpy(next, t->rowptr, (a->ncols + 1) * sizeof(*next));
	/* Rows in order: each transposed row comes out ascending. */
	for (i = 0; i < a->nrows; i++)
		for (p = a->rowptr[i]; p < a->rowptr[i + 1]; p++) {
			t->col[next[a->col[p]]] = (uint32_t)i;
			t->val[next[a->col[p]]++] = a->val[p];
		}
	free(next);
	return t;
}

void
csr_normalize_rows(struct csr *m, int norm)
{
	size_t i, p, lo, hi;
	double s;

	for (i = 0; i < m->nrows; i++) {
		lo = m->rowptr[i];
		hi = m->rowptr[i + 1];
		if (norm == 1) {
			for (s = 0, p = lo; p < hi; p++)
				s += fabs(m->val[p]);
		} else
			s = la_nrm2(m->val + lo, hi - lo);
		if (s > 0)
			for (p = lo; p < hi; p++)
				m->val[p] /= s;
	}
}

double
csr_row_dot(const struct csr *a, size_t i, const struct csr *b, size_t j)
{
	size_t p = a->rowptr[i], pe = a->rowptr[i + 1];
	size_t q = b->rowptr[j], qe = b->rowptr[j + 1];
	double s = 0;

	while (p < pe && q < qe) {
		if (a->col[p] < b->col[q])
			p++;
		else if (a->col[p] > b->col[q])
			q++;
		else
			s += a->val[p++] * b->val[q++];
	}
	return s;
}

double
csr_row_dot_dense(const struct csr *m, size_t i, const double *w)
{
	size_t p;
	double s = 0;

	for (p = m->rowptr[i]; p < m->rowptr[i + 1]; p++)
		s += m->val[p] * w[m->col[p]];
	return s;
}

struct matvec_job {
	const struct csr	*m;
	const double		*x;
	double			*y;
};

static void
matvec_rows(void *arg, size_t lo, size_t hi, int thread)
{
	const struct matvec_job *j = arg;
	size_t i;

	(void)thread;
	for (i = lo; i < hi; i++)
		j->y[i] = csr_row_dot_dense(j->m, i, j->x);
}

void
csr_matvec(const struct csr *m, const double *x, double *y, int nthreads)
{
	struct matvec_job j = { m, x, y };

	par_for_grain(m->nrows, nthreads, 4096, matvec_rows, &j);
}

/*
 * The Gram job: thread t owns the output rows (first columns of a pair)
 * cut[t]..cut[t+1] and walks every row of the matrix for its pairs.
 */
struct gram_job {
	const struct csr	*m;
	double			*G;
	size_t			*cut;
};

static void
gram_part(void *arg, size_t lo, size_t hi, int thread)
{
	const struct gram_job *g = arg;
	const struct csr *m = g->m;
	size_t c0 = g->cut[thread], c1 = g->cut[thread + 1], i, p, q, pe;
	double v, *gr;

	(void)lo, (void)hi;
	for (i = 0; i < m->nrows; i++) {
		pe = m->rowptr[i + 1];
		for (p = m->rowptr[i]; p < pe && m->col[p] < c1; p++) {
			if (m->col[p] < c0)
				continue;
			v = m->val[p];
			gr = g->G + (size_t)m->col[p] * m->ncols;
			for (q = p; q < pe; q++)
				gr[m->col[q]] += v * m->val[q];
		}
	}
}

void
csr_gram(const struct csr *m, double *G, int nthreads)
{
	struct gram_job g = { m, G, NULL };
	size_t nc = m->ncols, i, p, c;
	double *w, total, acc;
	int k, t;

	memset(G, 0, nc * nc * sizeof(*G));
	k = par_nchunks(nc, nthreads, 16);
	if (k < 1)
		return;
	/* Balance by pairs: an entry at place q of a row of n starts n-q. */
	w = xcalloc(nc + 1, sizeof(*w));
	for (i = 0; i < m->nrows; i++)
		for (p = m->rowptr[i]; p < m->rowptr[i + 1]; p++)
			w[m->col[p]] += (double)(m->rowptr[i + 1] - p);
	g.cut = xcalloc((size_t)k + 1, sizeof(*g.cut));
	for (total = 0, c = 0; c < nc; c++)
		total += w[c];
	for (t = 1, acc = 0, c = 0; t < k; t++) {
		while (c < nc && acc < total * t / k)
			acc += w[c++];
		g.cut[t] = c;
	}
	g.cut[k] = nc;
	par_for((size_t)k, k, gram_part, &g);
	free(g.cut);
	free(w);
	for (i = 0; i < nc; i++)
		for (c = 0; c < i; c++)
			G[i * nc + c] = G[c * nc + i];
}
