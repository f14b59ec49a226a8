/*
 * order.h: sorting, selection and ranks for the learning layer.
 * Core: nothing here prints or exits (the x-allocators aside).
 *
 * NaN has no place in an order: callers keep NaN out of what they sort,
 * select or rank (argsort_double alone puts NaN last, stably).
 */
#ifndef CRM_ML_ORDER_H
#define CRM_ML_ORDER_H

#include <stddef.h>
#include <stdint.h>

/* A comparison with a context pointer (what qsort(3) lacks). */
typedef int sort_cmp_fn(const void *a, const void *b, void *ctx);

/*
 * Stable merge sort of n elements of size bytes at base, O(n log n),
 * with a scratch copy of n * size bytes.
 */
void	 sort_r(void *base, size_t n, size_t size, sort_cmp_fn *cmp,
	    void *ctx);
/*
 * The permutation that sorts v: idx[0..n) gets 0..n-1 ordered by v
 * ascending (descending when desc), equal values in index order, NaN
 * last either way.
 */
void	 argsort_double(const double *v, size_t n, size_t *idx, int desc);
/*
 * Radix sort of 32-bit keys, ascending (4 passes of 8 bits, stable).
 * sort_u32_idx moves idx[] along with the keys (idx may be NULL).
 */
void	 sort_u32(uint32_t *keys, size_t n);
void	 sort_u32_idx(uint32_t *keys, uint32_t *idx, size_t n);

/*
 * The k best of a stream: the largest scores, ties to the smaller id.
 * topk_push is O(log k); topk_take writes the kept ids (and scores when
 * score is not NULL) best first, returns how many (min(k, pushed)) and
 * empties the heap for reuse.
 */
struct topk;
struct topk	*topk_new(size_t k);
void		 topk_free(struct topk *);
void		 topk_push(struct topk *, double score, size_t id);
size_t		 topk_take(struct topk *, size_t *id, double *score);
/* The k best of scores[0..n) (ids are indices) into id; returns count. */
size_t		 topk_array(const double *scores, size_t n, size_t k,
		    size_t *id);

/*
 * Quantile q (0..1) of v[0..n) by selection in O(n), with numpy's
 * default "linear" interpolation: h = (n-1)q, v(floor h) + (h - floor
 * h)(v(floor h + 1) - v(floor h)) over the sorted values.  v is
 * reordered.  NaN for n == 0 or q outside [0, 1].
 */
double	 quantile_sel(double *v, size_t n, double q);
/* The same leaving v as it is (a copy is made); nq quantiles at once. */
void	 quantiles(const double *v, size_t n, const double *q, size_t nq,
	    double *out);
double	 median(const double *v, size_t n);
/* Median absolute deviation from the median (unscaled; NaN for n 0). */
double	 mad(const double *v, size_t n);
/*
 * Ranks 1..n of v with ties given the average of their ranks (scipy's
 * rankdata "average").
 */
void	 rank_avg(const double *v, size_t n, double *rank);

#endif
