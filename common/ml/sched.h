/*
 * sched.h: dynamic scheduling on top of par_for (par.h) for work items
 * of uneven cost (trees of a forest, restarts of k-means, users), each
 * with its own random stream, so that results are the same bytes for a
 * seed whatever the thread count.
 * Core: nothing here prints or exits (the x-allocators aside).
 */
#ifndef CRM_ML_SCHED_H
#define CRM_ML_SCHED_H

#include <stddef.h>
#include <stdint.h>

struct rng;

/*
 * Call fn(arg, item, rng, thread) once for each item in [0, n), items
 * handed out one at a time to whichever of up to nthreads threads is
 * free (thread in 0..nthreads-1).  rng is seeded with
 * rng_seed_stream(seed, item) before each call: what an item draws
 * depends on the seed and the item alone.  fn writes only what belongs
 * to its item (or to its thread); the caller merges per-item results in
 * item order for output that does not depend on the schedule.
 */
void	 sched_run(size_t n, int nthreads, uint64_t seed,
	    void (*fn)(void *arg, size_t item, struct rng *r, int thread),
	    void *arg);

#endif
