/* test_uf.c: union-find sets, sizes and a long chain. */
#include <stddef.h>

#include "uf.h"
#include "t.h"

static void
t_sets(void)
{
	struct uf *u = uf_new(6);

	CHECK(uf_union(u, 0, 1) == 1);
	CHECK(uf_union(u, 2, 3) == 1);
	CHECK(uf_union(u, 1, 0) == 0);
	CHECK(uf_find(u, 0) == uf_find(u, 1));
	CHECK(uf_find(u, 0) != uf_find(u, 2));
	CHECK(uf_union(u, 1, 3) == 1);
	CHECK(uf_find(u, 0) == uf_find(u, 3));
	CHECK(uf_size(u, 2) == 4 && uf_size(u, 4) == 1);
	CHECK(uf_find(u, 5) == 5);
	uf_free(u);
	uf_free(NULL);
}

static void
t_chain(void)
{
	struct uf *u = uf_new(100000);
	size_t i;

	for (i = 1; i < 100000; i++)
		uf_union(u, i - 1, i);
	CHECK(uf_size(u, 0) == 100000);
	CHECK(uf_find(u, 99999) == uf_find(u, 0));
	uf_free(u);
}

int
main(void)
{
	RUN(t_sets);
	RUN(t_chain);
	T_EXIT();
}
