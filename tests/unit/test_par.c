/* test_par.c: par_for covers [0, n) once, in static chunks. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "par.h"
#include "t.h"

#define MAXT	16

struct job {
	unsigned char	*hits;
	double		 sum[MAXT];
	size_t		 lo[MAXT], hi[MAXT];
	int		 calls[MAXT];
	int		 badthread;
	pthread_t	 self[MAXT];
};

static void
work(void *arg, size_t lo, size_t hi, int t)
{
	struct job *j = arg;
	size_t i;

	if (t < 0 || t >= MAXT) {
		j->badthread = 1;
		return;
	}
	j->calls[t]++;
	j->lo[t] = lo;
	j->hi[t] = hi;
	j->self[t] = pthread_self();
	for (i = lo; i < hi; i++) {
		j->hits[i]++;
		j->sum[t] += (double)i;
	}
}

/* Run par_for(n, nt) and check coverage; returns the chunks used. */
static int
run(size_t n, int nt, size_t grain, struct job *j)
{
	size_t i;
	int t, k = 0, ok = 1;

	memset(j, 0, sizeof(*j));
	j->hits = calloc(n + 1, 1);
	par_for_grain(n, nt, grain, work, j);
	for (i = 0; i < n; i++)
		ok &= j->hits[i] == 1;
	for (t = 0; t < MAXT; t++) {
		ok &= j->calls[t] <= 1;
		k += j->calls[t];
	}
	/* contiguous: chunk t ends where chunk t+1 starts */
	for (t = 0; t + 1 < k; t++)
		ok &= j->hi[t] == j->lo[t + 1];
	if (k > 0)
		ok &= j->lo[0] == 0 && j->hi[k - 1] == n;
	free(j->hits);
	CHECK(ok && !j->badthread);
	return k;
}

static void
t_cover(void)
{
	struct job *j = malloc(sizeof(*j));
	double total;
	int t;

	CHECK(run(1000000, 4, 1, j) == 4);
	for (total = 0, t = 0; t < 4; t++)
		total += j->sum[t];
	CHECK(total == 999999.0 * 1000000 / 2);
	CHECK(j->hi[0] - j->lo[0] == 250000);
	CHECK(!pthread_equal(j->self[0], j->self[1]));
	CHECK(run(10, 4, 1, j) == 4);		/* 3 3 2 2 */
	CHECK(j->hi[0] == 3 && j->hi[1] == 6 && j->hi[2] == 8);
	CHECK(run(3, 8, 1, j) == 3);		/* more threads than items */
	CHECK(run(0, 4, 1, j) == 0);
	CHECK(run(1, 4, 1, j) == 1);
	CHECK(run(100, 1, 1, j) == 1 && pthread_equal(j->self[0],
	    pthread_self()));
	CHECK(run(100, 0, 1, j) == 1);
	CHECK(run(100, -3, 1, j) == 1);
	CHECK(run(100, 8, 40, j) == 2);		/* grain */
	CHECK(run(39, 8, 40, j) == 1);
	CHECK(par_nchunks(100, 8, 40) == 2 && par_nchunks(0, 8, 1) == 0);
	CHECK(par_nchunks(1000, 8, 0) == 8);
	free(j);
}

/* The same chunks on every run. */
static void
t_static(void)
{
	struct job *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	int t, same = 1;

	run(12345, 7, 1, a);
	run(12345, 7, 1, b);
	for (t = 0; t < 7; t++)
		same &= a->lo[t] == b->lo[t] && a->hi[t] == b->hi[t] &&
		    a->sum[t] == b->sum[t];
	CHECK(same);
	free(a);
	free(b);
}

int
main(void)
{
	RUN(t_cover);
	RUN(t_static);
	T_EXIT();
}
