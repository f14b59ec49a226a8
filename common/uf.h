/*
 * uf.h: union-find (disjoint sets) over the integers 0..n-1, with path
 * halving and union by size, for transitive clusters (record linkage,
 * connected components).
 */
#ifndef CRM_UF_H
#define CRM_UF_H

#include <stddef.h>
#include <stdint.h>

struct uf;

/* n singletons; exits only when memory runs out (x-allocators). */
struct uf	*uf_new(size_t n);
void		 uf_free(struct uf *);
/* The representative of x's set. */
size_t		 uf_find(struct uf *, size_t x);
/* Join the sets of a and b; returns 1 when they were apart, else 0. */
int		 uf_union(struct uf *, size_t a, size_t b);
/* The number of elements in x's set. */
size_t		 uf_size(struct uf *, size_t x);

#endif
