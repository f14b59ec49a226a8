/*
 * sparse.h: compressed sparse row matrices built from (row key, column
 * key, value) triples through the interner, their transpose (a CSC view
 * of the same matrix), row normalisation, row-wise dot products,
 * products with dense vectors and the dense Gram matrix X^T X.
 * Core: nothing here prints or exits (the x-allocators aside).
 *
 * Row i holds col[rowptr[i] .. rowptr[i+1]) (ascending, no duplicates)
 * with values val[...].  The struct is plain data so that hot loops can
 * walk it; csr_new and csr_free own the arrays.
 */
#ifndef CRM_ML_SPARSE_H
#define CRM_ML_SPARSE_H

#include <stddef.h>
#include <stdint.h>

struct strmap;

struct csr {
	size_t		 nrows, ncols;
	size_t		*rowptr;	/* nrows + 1 */
	uint32_t	*col;		/* nnz */
	double		*val;		/* nnz */
};

/* A matrix of nrows x ncols with room for nnz entries (rowptr zeroed). */
struct csr	*csr_new(size_t nrows, size_t ncols, size_t nnz);
void		 csr_free(struct csr *);
size_t		 csr_nnz(const struct csr *);

/*
 * The builder collects triples in any order.  Keys go through the
 * given interners (borrowed; they may already hold keys, e.g. the items
 * of a training run), whose ids are the row and column numbers.
 */
struct csr_builder;
struct csr_builder *csr_builder_new(struct strmap *rows, struct strmap *cols);
void		 csr_builder_free(struct csr_builder *);
/*
 * Add a triple by keys.  Returns 0, or -1 when an interner is full (or
 * the builder was made without interners).
 */
int		 csr_builder_add(struct csr_builder *, const char *rkey,
		    size_t rlen, const char *ckey, size_t clen, double v);
/* Add a triple by ids (a builder made with NULL interners takes these). */
void		 csr_builder_add_id(struct csr_builder *, uint32_t row,
		    uint32_t col, double v);
/*
 * The matrix: nrows and ncols are the interners' counts (or one more
 * than the largest id seen, at least the given minima); duplicate
 * (row, col) entries are summed, or the last one kept when last is
 * set.  The builder is emptied for reuse.
 */
struct csr	*csr_builder_finish(struct csr_builder *, size_t min_rows,
		    size_t min_cols, int last);

/* The transpose (ncols x nrows): the columns of the matrix as rows. */
struct csr	*csr_transpose(const struct csr *);
/* Scale each row to unit L2 norm (norm 2) or L1 norm (norm 1); empty
 * and all-zero rows stay as they are. */
void		 csr_normalize_rows(struct csr *, int norm);
/* The dot product of row i of A and row j of B (merge of two rows). */
double		 csr_row_dot(const struct csr *A, size_t i, const struct csr *B,
		    size_t j);
/* The dot product of row i with a dense vector w (ncols). */
double		 csr_row_dot_dense(const struct csr *, size_t i,
		    const double *w);
/* y = A x (y of nrows), rows split over threads. */
void		 csr_matvec(const struct csr *, const double *x, double *y,
		    int nthreads);
/*
 * G = A^T A, dense ncols x ncols (full symmetric), split over threads
 * by column ranges; every element is summed in row order, so the
 * result does not depend on nthreads.
 */
void		 csr_gram(const struct csr *, double *G, int nthreads);

#endif
