/* par.h: run a loop over [0, n) on several threads (pthreads). */
#ifndef CRM_PAR_H
#define CRM_PAR_H

#include <stddef.h>

/*
 * Call fn(arg, lo, hi, thread) for disjoint chunks covering [0, n) on up
 * to nthreads threads; thread is 0..nthreads-1.  Chunks are contiguous
 * and assigned statically so that results are the same on every run.
 */
void	 par_for(size_t n, int nthreads,
	    void (*fn)(void *arg, size_t lo, size_t hi, int thread), void *arg);

#endif
