/*
 * textfeat.h: text into sparse features: the terms of a document (word
 * unigrams, optionally the bigrams of adjacent words, and the CJK
 * character n-grams of the tokenizer of text.h), feature hashing of the
 * terms into 2^bits buckets with a signed hash, or a vocabulary of
 * terms; TF and TF-IDF weighting (sklearn's smooth idf) and L2 rows.
 * Core: nothing here prints or exits (the x-allocators aside).
 */
#ifndef CRM_ML_TEXTFEAT_H
#define CRM_ML_TEXTFEAT_H

#include <stddef.h>
#include <stdint.h>

struct csr;
struct csr_builder;
struct strmap;

struct tf_opts {
	int	 bigrams;	/* add "w1 w2" for adjacent words (1) */
	int	 cjk_nmin;	/* CJK n-gram sizes (1 and 2) */
	int	 cjk_nmax;
	int	 bits;		/* hashing: 2^bits buckets (18; 1..30) */
	int	 sign;		/* hashing: signed (1) */
	/*
	 * Negation marking (0): after a negator word (not, no, never,
	 * nor, cannot, without, or a word ending in n't), the next
	 * TF_NEG_WINDOW words also give the term "!word".
	 */
	int	 negate;
};

#define TF_NEG_WINDOW	3

void	 tf_defaults(struct tf_opts *);

struct textfeat;
struct textfeat *tf_new(const struct tf_opts *);
void		 tf_free(struct textfeat *);
/*
 * Call fn for each term of text in order: words as the tokenizer gives
 * them (lower-cased), then after each word that follows a word the
 * bigram "previous word" (a bigram never spans a CJK token, which
 * comes out as the tokenizer's n-grams); with negate, "!word" after
 * each word in a negator's reach.  The term is valid during the
 * call.  A textfeat holds buffers: one per thread.  Returns the count.
 */
size_t		 tf_terms(struct textfeat *, const char *text, size_t len,
		    void (*fn)(const char *, size_t, void *), void *arg);
/*
 * The bucket and sign of a term: bucket = hash & (2^bits - 1), sign
 * from the top bit of the 64-bit hash (hash.h, seed 0).
 */
uint32_t	 tf_bucket(const struct textfeat *, const char *term,
		    size_t len, double *sign);
/*
 * Add document text as row row of b: each term's bucket with its count
 * (signed when opts.sign; summed per bucket by csr_builder_finish).
 */
void		 tf_add_hashed(struct textfeat *, struct csr_builder *,
		    uint32_t row, const char *text, size_t len);
/*
 * The same through a vocabulary: a term's column is its id in vocab;
 * grow adds unseen terms (training), else they are skipped (apply).
 * Returns 0, or -1 when vocab is full.
 */
int		 tf_add_vocab(struct textfeat *, struct csr_builder *,
		    uint32_t row, const char *text, size_t len,
		    struct strmap *vocab, int grow);
/*
 * Document frequencies of the columns of X into smooth idf (ncols):
 * idf = ln((1 + n) / (1 + df)) + 1, n the rows of X.
 */
void		 tfidf_fit(const struct csr *X, double *idf);
/* Multiply each entry by its column's idf, then scale rows to unit L2
 * (l2 set). */
void		 tfidf_apply(struct csr *X, const double *idf, int l2);

#endif
