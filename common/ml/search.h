/*
 * search.h: inverted indexes for ranking short documents against a
 * query: Okapi BM25 and TF-IDF cosine, both as postings of
 * precomputed weights (term -> documents) that a query adds up into a
 * score per document.  Built from a matrix of term counts (documents x
 * terms, sparse.h) whose terms came from any tokenizer (words, CJK
 * n-grams, character n-grams).  Core: nothing here prints or exits
 * (the x-allocators aside).
 */
#ifndef CRM_ML_SEARCH_H
#define CRM_ML_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct csr;

struct search_index {
	size_t		 ndocs;
	struct csr	*post;	/* terms x documents: the weights */
	double		*idf;	/* per term */
	double		 k1, b, avgdl;	/* BM25 only */
	int		 sublinear;	/* TF-IDF only: 1 + ln tf */
};

/*
 * BM25 (the Lucene form): idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)),
 * w(t, d) = idf(t) tf (k1 + 1) / (tf + k1 (1 - b + b |d| / avgdl)),
 * |d| the document's term count, avgdl their mean.  The values of
 * counts are overwritten by the weights (the caller frees it; the index
 * keeps their transpose), which spares a copy of a large matrix.
 */
struct search_index *search_bm25(struct csr *counts, double k1,
		    double b);
/*
 * TF-IDF cosine: w(t, d) = tf'(t, d) idf(t) over the document's L2 norm,
 * tf' = tf, or 1 + ln tf when sublinear; idf the smooth idf of
 * textfeat.h (scikit-learn's TfidfVectorizer).  counts is overwritten
 * as for search_bm25.
 */
struct search_index *search_tfidf(struct csr *counts, int sublinear);
/*
 * The same with a weight tw[t] >= 0 per term (NULL: all 1) multiplying
 * tf' before the idf and the norm: with the same weights on the query's
 * terms (search_query_tfidfw), a kind of term counts less and a
 * document equal to the query still scores 1.
 */
struct search_index *search_tfidfw(struct csr *counts, int sublinear,
		    const double *tw);
void		 search_free(struct search_index *);

/* The idf of term t, or that of a term no document has (t out of range). */
double		 search_idf(const struct search_index *, size_t t,
		    int bm25);
/*
 * The query weights qw[0..n) of terms term[0..n) (distinct, with counts
 * qtf): BM25 qtf as it is, divided by the BM25 score that a document
 * equal to the query would have (its terms, known or not, with their
 * idf, the query's length as the document's), so that a phrasing equal
 * to the question scores 1; TF-IDF tf' idf over the L2 norm of the terms
 * the index knows.  Terms at or beyond the index's count are unknown.
 */
void		 search_query_bm25(const struct search_index *,
		    const uint32_t *term, const double *qtf, size_t n,
		    double *qw);
void		 search_query_tfidf(const struct search_index *,
		    const uint32_t *term, const double *qtf, size_t n,
		    double *qw);
/*
 * The same with a weight tw[i] >= 0 per query term (NULL: all 1): BM25
 * qw[i] = tw[i] qtf[i] over the weighted score of a perfect match (the
 * sum of tw[i] times its terms' parts), so that a phrasing equal to the
 * question still scores 1; TF-IDF tf' idf tw before the L2 norm.  A
 * weight below 1 makes a kind of term (CJK bigrams, say) count less.
 */
void		 search_query_bm25w(const struct search_index *,
		    const uint32_t *term, const double *qtf, const double *tw,
		    size_t n, double *qw);
void		 search_query_tfidfw(const struct search_index *,
		    const uint32_t *term, const double *qtf, const double *tw,
		    size_t n, double *qw);
/*
 * acc[d] += qw[i] w(term[i], d) for each posting of each known term
 * (acc: one per document, cleared by the caller).
 */
void		 search_accumulate(const struct search_index *,
		    const uint32_t *term, const double *qw, size_t n,
		    double *acc);

#endif
