/* strbuf.c: a growable text buffer (strbuf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "strbuf.h"

static void
room(struct strbuf *b, size_t n)
{
	if (b->len + n + 1 > b->cap)
		b->p = xgrow(b->p, &b->cap, b->len + n + 1, 1);
}

void
sb_add(struct strbuf *b, const char *s, size_t n)
{
	room(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
sb_str(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void
sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	room(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
sb_free(struct strbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
