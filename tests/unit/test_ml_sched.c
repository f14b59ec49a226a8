/* test_ml_sched.c: dynamic scheduling gives the same bytes at any
 * thread count for a seed. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "ml/sched.h"
#include "t.h"

enum { N = 200 };

struct job {
	double		 out[N];
	int		 runs[N];
	atomic_int	 maxthread;
};

/* Items of very uneven cost: item i draws (i % 13 + 1) * 2000 normals. */
static void
item(void *arg, size_t i, struct rng *r, int thread)
{
	struct job *j = arg;
	size_t k, n = (i % 13 + 1) * 2000;
	double s = 0;

	for (k = 0; k < n; k++)
		s += rng_normal(r);
	j->out[i] = s;
	j->runs[i]++;
	if (thread > atomic_load(&j->maxthread))
		atomic_store(&j->maxthread, thread);
}

static void
t_same_bytes(void)
{
	static struct job a, b, c;
	struct rng r;
	double s = 0;
	size_t k, i;

	atomic_init(&a.maxthread, 0);
	atomic_init(&b.maxthread, 0);
	atomic_init(&c.maxthread, 0);
	sched_run(N, 1, 42, item, &a);
	sched_run(N, 2, 42, item, &b);
	sched_run(N, 3, 42, item, &c);
	CHECK(memcmp(a.out, b.out, sizeof(a.out)) == 0);
	CHECK(memcmp(a.out, c.out, sizeof(a.out)) == 0);
	for (i = 0; i < N; i++)
		CHECK(a.runs[i] == 1 && b.runs[i] == 1 && c.runs[i] == 1);
	CHECK(atomic_load(&a.maxthread) == 0);
	CHECK(atomic_load(&c.maxthread) <= 2);
	/* item 5 drew from stream 5 of seed 42 */
	rng_seed_stream(&r, 42, 5);
	for (k = 0; k < 6 * 2000; k++)
		s += rng_normal(&r);
	CHECK(s == a.out[5]);
	/* another seed, other numbers */
	memset(b.runs, 0, sizeof(b.runs));
	sched_run(N, 2, 43, item, &b);
	CHECK(memcmp(a.out, b.out, sizeof(a.out)) != 0);
	sched_run(0, 2, 43, item, &b);		/* nothing to do */
}

int
main(void)
{
	RUN(t_same_bytes);
	T_EXIT();
}
