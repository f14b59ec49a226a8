/*
 * rx.h: PCRE2 (8-bit, UTF mode) compiled once and matched many times.
 * Subjects that are not valid UTF-8 never match and never error.
 */
#ifndef CRM_RX_H
#define CRM_RX_H

#include <stddef.h>

struct rx;

#define RX_CASELESS	1	/* match without regard to case */
#define RX_ANCHORED	2	/* the whole subject must match */

/*
 * Compile pattern; returns NULL and writes the reason (with the offset)
 * into err[errlen] on failure.
 */
struct rx	*rx_compile(const char *pattern, int flags, char *err,
		    size_t errlen);
void		 rx_free(struct rx *);
/*
 * Match against p[0..len).  Returns 1 on a match (with the match span in
 * *so, *eo when not NULL), 0 on none, -1 on a matching error (such as the
 * match limit).  Not thread-safe on one struct rx: use one per thread.
 */
int		 rx_match(struct rx *, const char *p, size_t len,
		    size_t start, size_t *so, size_t *eo);

#endif
