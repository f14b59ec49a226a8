/*
 * mfile.c: array and string-list records of model files (see mfile.h).
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "model.h"
#include "strbuf.h"
#include "ml/mfile.h"

void
mfile_put_array(struct model_writer *w, const char *key, const double *v,
    size_t n)
{
	locale_t c, old = (locale_t)0;
	struct strbuf b = STRBUF_INIT;
	char num[48];
	size_t i;
	int k;

	c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c != (locale_t)0)
		old = uselocale(c);
	k = snprintf(num, sizeof(num), "%zu", n);
	sb_add(&b, num, (size_t)k);
	b.p = xgrow(b.p, &b.cap, n * 24 + 32, 1);
	for (i = 0; i < n; i++) {
		k = snprintf(num, sizeof(num), " %.17g", v[i]);
		sb_add(&b, num, (size_t)k);
	}
	if (old != (locale_t)0)
		uselocale(old);
	if (c != (locale_t)0)
		freelocale(c);
	model_put(w, key, "%s", b.p);
	free(b.p);
}

/* The count at the start of a record: its end, or NULL. */
static const char *
get_count(const char *s, size_t *n)
{
	size_t v = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (v > ((size_t)-1 - 9) / 10)
			return NULL;
		v = v * 10 + (size_t)(*p - '0');
	}
	if (p == s || (*p != ' ' && *p != '\0'))
		return NULL;
	*n = v;
	return p;
}

/* The n doubles after the count at s: " v1 v2 ...", or "" for none. */
static int
parse_doubles(const struct model *m, const char *s, double *v, size_t n)
{
	if (n == 0)
		return *s == '\0' ? 0 : -1;
	if (*s != ' ')
		return -1;
	return model_parse_doubles(m, s + 1, v, n);
}

double *
mfile_get_array(const struct model *m, const char *key, size_t *n)
{
	const char *s;
	double *v;
	size_t cnt;

	*n = 0;
	if ((s = model_get(m, key)) == NULL)
		return NULL;
	*n = 1;
	/* A count beyond what the line can hold is malformed. */
	if ((s = get_count(s, &cnt)) == NULL || cnt > strlen(s) / 2)
		return NULL;
	v = xreallocarray(NULL, cnt > 0 ? cnt : 1, sizeof(*v));
	if (parse_doubles(m, s, v, cnt) == -1) {
		free(v);
		return NULL;
	}
	*n = cnt;
	return v;
}

int
mfile_get_array_n(const struct model *m, const char *key, double *v,
    size_t n)
{
	const char *s;
	size_t cnt;

	if ((s = model_get(m, key)) == NULL ||
	    (s = get_count(s, &cnt)) == NULL || cnt != n)
		return -1;
	return parse_doubles(m, s, v, n);
}

static int
needs_escape(unsigned char c)
{
	return c <= ' ' || c == '%' || c == 0x7f;
}

void
mfile_put_strings(struct model_writer *w, const char *key,
    const char *const *s, const size_t *len, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf b = STRBUF_INIT;
	char esc[3], num[32];
	size_t i, j, l, run;
	int k;

	k = snprintf(num, sizeof(num), "%zu", n);
	sb_add(&b, num, (size_t)k);
	for (i = 0; i < n; i++) {
		l = len != NULL ? len[i] : strlen(s[i]);
		sb_add(&b, " ", 1);
		if (l == 0) {
			sb_add(&b, "%", 1);
			continue;
		}
		for (run = 0, j = 0; j < l; j++) {
			if (!needs_escape((unsigned char)s[i][j]))
				continue;
			sb_add(&b, s[i] + run, j - run);
			esc[0] = '%';
			esc[1] = hex[(unsigned char)s[i][j] >> 4];
			esc[2] = hex[(unsigned char)s[i][j] & 15];
			sb_add(&b, esc, 3);
			run = j + 1;
		}
		sb_add(&b, s[i] + run, l - run);
	}
	model_put(w, key, "%s", b.p);
	free(b.p);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode the n strings after p into l's buffer; -1 when malformed. */
static int
decode_strs(const char *p, struct mfile_strs *l)
{
	char *o = l->buf;
	size_t i;
	int h, g;

	for (i = 0; i < l->n; i++) {
		if (*p++ != ' ')
			return -1;
		l->s[i] = o;
		if (*p == '%' && (p[1] == ' ' || p[1] == '\0')) {
			p++;
		} else {
			if (*p == ' ' || *p == '\0')
				return -1;
			for (; *p != ' ' && *p != '\0'; p++) {
				if (*p != '%') {
					*o++ = *p;
					continue;
				}
				if ((h = hexval(p[1])) < 0 ||
				    (g = hexval(p[2])) < 0 || h * 16 + g == 0)
					return -1;
				*o++ = (char)(h * 16 + g);
				p += 2;
			}
		}
		l->len[i] = (size_t)(o - l->s[i]);
		*o++ = '\0';
	}
	return *p == '\0' ? 0 : -1;
}

struct mfile_strs *
mfile_get_strings(const struct model *m, const char *key, int *bad)
{
	struct mfile_strs *l;
	const char *s, *p;
	size_t cnt;

	if (bad != NULL)
		*bad = 0;
	if ((s = model_get(m, key)) == NULL)
		return NULL;
	if ((p = get_count(s, &cnt)) == NULL || cnt > strlen(p) / 2) {
		if (bad != NULL)
			*bad = 1;
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->n = cnt;
	l->s = xreallocarray(NULL, cnt ? cnt : 1, sizeof(*l->s));
	l->len = xreallocarray(NULL, cnt ? cnt : 1, sizeof(*l->len));
	l->buf = xmalloc(strlen(p) + 1);
	if (decode_strs(p, l) == -1) {
		mfile_strs_free(l);
		if (bad != NULL)
			*bad = 1;
		return NULL;
	}
	return l;
}

void
mfile_strs_free(struct mfile_strs *l)
{
	if (l == NULL)
		return;
	free(l->s);
	free(l->len);
	free(l->buf);
	free(l);
}
