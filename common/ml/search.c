/*
 * search.c: BM25 and TF-IDF cosine postings (search.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ml/search.h"
#include "ml/sparse.h"
#include "ml/textfeat.h"

static double
bm25_idf(double n, double df)
{
	return log(1 + (n - df + 0.5) / (df + 0.5));
}

struct search_index *
search_bm25(struct csr *counts, double k1, double b)
{
	struct search_index *s = xcalloc(1, sizeof(*s));
	struct csr *w = counts;
	size_t i, p, nnz = csr_nnz(w), *df;
	double avg = 0, dl, n = (double)counts->nrows;

	df = xcalloc(w->ncols ? w->ncols : 1, sizeof(*df));
	for (p = 0; p < nnz; p++)
		df[w->col[p]]++;
	s->idf = xreallocarray(NULL, w->ncols ? w->ncols : 1, sizeof(double));
	for (i = 0; i < w->ncols; i++)
		s->idf[i] = bm25_idf(n, (double)df[i]);
	for (p = 0; p < nnz; p++)
		avg += w->val[p];
	avg = counts->nrows > 0 && avg > 0 ? avg / n : 1;
	for (i = 0; i < w->nrows; i++) {
		for (dl = 0, p = w->rowptr[i]; p < w->rowptr[i + 1]; p++)
			dl += w->val[p];
		for (p = w->rowptr[i]; p < w->rowptr[i + 1]; p++)
			w->val[p] = s->idf[w->col[p]] * w->val[p] * (k1 + 1) /
			    (w->val[p] + k1 * (1 - b + b * dl / avg));
	}
	free(df);
	s->ndocs = counts->nrows;
	s->post = csr_transpose(w);
	s->k1 = k1;
	s->b = b;
	s->avgdl = avg;
	return s;
}

struct search_index *
search_tfidf(struct csr *counts, int sublinear)
{
	return search_tfidfw(counts, sublinear, NULL);
}

struct search_index *
search_tfidfw(struct csr *counts, int sublinear, const double *tw)
{
	struct search_index *s = xcalloc(1, sizeof(*s));
	struct csr *w = counts;
	size_t p, nnz = csr_nnz(w);

	if (sublinear)
		for (p = 0; p < nnz; p++)
			w->val[p] = 1 + log(w->val[p]);
	s->idf = xreallocarray(NULL, w->ncols ? w->ncols : 1, sizeof(double));
	tfidf_fit(w, s->idf);
	if (tw != NULL)
		for (p = 0; p < nnz; p++)
			w->val[p] *= tw[w->col[p]];
	tfidf_apply(w, s->idf, 1);
	s->ndocs = counts->nrows;
	s->post = csr_transpose(w);
	s->sublinear = sublinear;
	return s;
}

void
search_free(struct search_index *s)
{
	if (s == NULL)
		return;
	csr_free(s->post);
	free(s->idf);
	free(s);
}

double
search_idf(const struct search_index *s, size_t t, int bm25)
{
	double n = (double)s->ndocs;

	if (t < s->post->nrows)
		return s->idf[t];
	return bm25 ? bm25_idf(n, 0) : log((1 + n) / 1) + 1;
}

void
search_query_bm25(const struct search_index *s, const uint32_t *term,
    const double *qtf, size_t n, double *qw)
{
	search_query_bm25w(s, term, qtf, NULL, n, qw);
}

void
search_query_bm25w(const struct search_index *s, const uint32_t *term,
    const double *qtf, const double *tw, size_t n, double *qw)
{
	double norm = 0, len = 0, k, t;
	size_t i;

	for (i = 0; i < n; i++)
		len += qtf[i];
	k = s->k1 * (1 - s->b + s->b * len / s->avgdl);
	for (i = 0; i < n; i++) {
		t = tw != NULL ? tw[i] : 1;
		norm += t * qtf[i] * search_idf(s, term[i], 1) * qtf[i] *
		    (s->k1 + 1) / (qtf[i] + k);
	}
	for (i = 0; i < n; i++)
		qw[i] = norm > 0 ? (tw != NULL ? tw[i] : 1) * qtf[i] / norm : 0;
}

void
search_query_tfidf(const struct search_index *s, const uint32_t *term,
    const double *qtf, size_t n, double *qw)
{
	search_query_tfidfw(s, term, qtf, NULL, n, qw);
}

void
search_query_tfidfw(const struct search_index *s, const uint32_t *term,
    const double *qtf, const double *tw, size_t n, double *qw)
{
	double norm = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		qw[i] = 0;
		if (term[i] >= s->post->nrows)
			continue;
		qw[i] = (s->sublinear ? 1 + log(qtf[i]) : qtf[i]) *
		    s->idf[term[i]] * (tw != NULL ? tw[i] : 1);
		norm += qw[i] * qw[i];
	}
	norm = sqrt(norm);
	for (i = 0; i < n; i++)
		qw[i] = norm > 0 ? qw[i] / norm : 0;
}

void
search_accumulate(const struct search_index *s, const uint32_t *term,
    const double *qw, size_t n, double *acc)
{
	const struct csr *m = s->post;
	const uint32_t *col;
	const double *val;
	size_t i, p, len;
	double q;

	for (i = 0; i < n; i++) {
		if (term[i] >= m->nrows || qw[i] == 0)
			continue;
		col = m->col + m->rowptr[term[i]];
		val = m->val + m->rowptr[term[i]];
		len = m->rowptr[term[i] + 1] - m->rowptr[term[i]];
		q = qw[i];
		/* A term's documents are distinct: four updates at a time. */
		for (p = 0; p + 4 <= len; p += 4) {
			double a0 = acc[col[p]] + q * val[p];
			double a1 = acc[col[p + 1]] + q * val[p + 1];
			double a2 = acc[col[p + 2]] + q * val[p + 2];
			double a3 = acc[col[p + 3]] + q * val[p + 3];

			acc[col[p]] = a0;
			acc[col[p + 1]] = a1;
			acc[col[p + 2]] = a2;
			acc[col[p + 3]] = a3;
		}
		for (; p < len; p++)
			acc[col[p]] += q * val[p];
	}
}
