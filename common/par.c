/*
 * par.c: a static parallel for over pthreads.  No pool: threads are
 * created per call, which costs tens of microseconds, so callers use it
 * for loops that run for milliseconds or more.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "alloc.h"
#include "par.h"

struct par_task {
	void	(*fn)(void *, size_t, size_t, int);
	void	 *arg;
	size_t	  lo, hi;
	int	  thread;
	pthread_t tid;
	int	  started;
};

static void *
par_run(void *p)
{
	struct par_task *t = p;

	t->fn(t->arg, t->lo, t->hi, t->thread);
	return NULL;
}

int
par_nchunks(size_t n, int nthreads, size_t grain)
{
	size_t k;

	if (n == 0)
		return 0;
	if (grain == 0)
		grain = 1;
	k = n / grain;
	if (k < 1)
		k = 1;
	if (nthreads < 1)
		nthreads = 1;
	if (k > (size_t)nthreads)
		k = (size_t)nthreads;
	return (int)k;
}

void
par_for_grain(size_t n, int nthreads, size_t grain,
    void (*fn)(void *, size_t, size_t, int), void *arg)
{
	struct par_task *t;
	size_t q, r, i, k;

	k = (size_t)par_nchunks(n, nthreads, grain);
	if (k == 0)
		return;
	if (k == 1) {
		fn(arg, 0, n, 0);
		return;
	}
	t = xcalloc(k, sizeof(*t));
	q = n / k;
	r = n % k;
	for (i = 0; i < k; i++) {
		t[i].fn = fn;
		t[i].arg = arg;
		t[i].lo = i * q + (i < r ? i : r);
		t[i].hi = t[i].lo + q + (i < r);
		t[i].thread = (int)i;
	}
	for (i = 1; i < k; i++)
		t[i].started = pthread_create(&t[i].tid, NULL, par_run,
		    &t[i]) == 0;
	par_run(&t[0]);
	for (i = 1; i < k; i++) {
		if (t[i].started)
			pthread_join(t[i].tid, NULL);
		else
			par_run(&t[i]);
	}
	free(t);
}

void
par_for(size_t n, int nthreads, void (*fn)(void *, size_t, size_t, int),
    void *arg)
{
	par_for_grain(n, nthreads, 1, fn, arg);
}
