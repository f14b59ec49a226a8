/* uf.c: union-find with path halving and union by size (uf.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "uf.h"

struct uf {
	size_t	*parent;
	size_t	*size;
};

struct uf *
uf_new(size_t n)
{
	struct uf *u = xmalloc(sizeof(*u));
	size_t i;

	u->parent = xreallocarray(NULL, n ? n : 1, sizeof(*u->parent));
	u->size = xreallocarray(NULL, n ? n : 1, sizeof(*u->size));
	for (i = 0; i < n; i++) {
		u->parent[i] = i;
		u->size[i] = 1;
	}
	return u;
}

void
uf_free(struct uf *u)
{
	if (u == NULL)
		return;
	free(u->parent);
	free(u->size);
	free(u);
}

size_t
uf_find(struct uf *u, size_t x)
{
	while (u->parent[x] != x) {
		u->parent[x] = u->parent[u->parent[x]];
		x = u->parent[x];
	}
	return x;
}

int
uf_union(struct uf *u, size_t a, size_t b)
{
	size_t t;

	a = uf_find(u, a);
	b = uf_find(u, b);
	if (a == b)
		return 0;
	if (u->size[a] < u->size[b]) {
		t = a;
		a = b;
		b = t;
	}
	u->parent[b] = a;
	u->size[a] += u->size[b];
	return 1;
}

size_t
uf_size(struct uf *u, size_t x)
{
	return u->size[uf_find(u, x)];
}
