/*
 * sched.c: dynamic scheduling with per-item random streams (see
 * sched.h): par_for starts one worker per thread, and the workers take
 * items from a shared atomic counter.
 */
#include <stdatomic.h>

#include "par.h"
#include "rng.h"
#include "ml/sched.h"

struct sched {
	atomic_size_t	 next;
	size_t		 n;
	uint64_t	 seed;
	void		(*fn)(void *, size_t, struct rng *, int);
	void		*arg;
};

static void
worker(void *p, size_t lo, size_t hi, int thread)
{
	struct sched *s = p;
	struct rng r;
	size_t item;

	(void)lo, (void)hi;
	while ((item = atomic_fetch_add(&s->next, 1)) < s->n) {
		rng_seed_stream(&r, s->seed, item);
		s->fn(s->arg, item, &r, thread);
	}
}

void
sched_run(size_t n, int nthreads, uint64_t seed,
    void (*fn)(void *, size_t, struct rng *, int), void *arg)
{
	struct sched s;
	int k;

	atomic_init(&s.next, 0);
	s.n = n;
	s.seed = seed;
	s.fn = fn;
	s.arg = arg;
	k = par_nchunks(n, nthreads, 1);
	if (k > 0)
		par_for((size_t)k, k, worker, &s);
}
