/* par.h: run a loop over [0, n) on several threads (pthreads). */
#ifndef CRM_PAR_H
#define CRM_PAR_H

#include <stddef.h>

/*
 * Call fn(arg, lo, hi, thread) for disjoint chunks covering [0, n) on up
 * to nthreads threads; thread is 0..nthreads-1.  Chunks are contiguous
 * and assigned statically (k = min(nthreads, n) chunks of n/k items,
 * the first n%k of them one item longer), so that results are the same on every run;
 * per-thread results merged in thread order are deterministic for a
 * given nthreads.  The calling thread runs chunk 0.  nthreads <= 1 or
 * n <= 1 runs fn(arg, 0, n, 0) inline; if a thread cannot be created,
 * its chunk runs inline on the calling thread (same thread index).
 * Returns when every chunk is done.  n == 0 calls nothing.
 */
void	 par_for(size_t n, int nthreads,
	    void (*fn)(void *arg, size_t lo, size_t hi, int thread), void *arg);
/*
 * The same with chunks of at least grain items (fewer threads for small
 * n), for loops whose items are too cheap to be worth a thread each.
 */
void	 par_for_grain(size_t n, int nthreads, size_t grain,
	    void (*fn)(void *arg, size_t lo, size_t hi, int thread), void *arg);
/* The number of chunks (threads) par_for_grain would use. */
int	 par_nchunks(size_t n, int nthreads, size_t grain);

#endif
