/*
 * strbuf.h: a growable text buffer, always NUL-terminated, for output
 * built piece by piece (SVG, HTML, model records).  Core: allocation
 * failure aside (alloc.h), nothing here prints or exits.
 */
#ifndef CRM_STRBUF_H
#define CRM_STRBUF_H

#include <stddef.h>

struct strbuf {
	char	*p;		/* NULL until the first byte */
	size_t	 len, cap;
};

#define STRBUF_INIT	{ NULL, 0, 0 }

void	 sb_add(struct strbuf *, const char *, size_t);
void	 sb_str(struct strbuf *, const char *);
void	 sb_printf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Free the text and start empty again. */
void	 sb_free(struct strbuf *);

#endif
