/* alloc.h: allocators that die on exhaustion, and a growth helper. */
#ifndef CRM_ALLOC_H
#define CRM_ALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xmemdup(const void *, size_t);	/* adds a NUL */
/*
 * Make room for at least need elements of size elsize in *p, whose
 * capacity is *cap; grows geometrically.  Returns the (new) pointer.
 */
void	*xgrow(void *p, size_t *cap, size_t need, size_t elsize);

#endif
