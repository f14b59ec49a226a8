/*
 * rx.c: the PCRE2 wrapper.  One compiled pattern, one match data block,
 * one match context and JIT stack per struct rx, so that matching
 * allocates nothing.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "alloc.h"
#include "rx.h"

/* JIT stack: starts small, may grow to this for deep patterns. */
#define RX_JIT_STACK_MIN	(32 * 1024)
#define RX_JIT_STACK_MAX	(1024 * 1024)

struct rx {
	pcre2_code		*code;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	pcre2_jit_stack		*jstack;
	int			 matched;	/* last rx_match returned 1 */
	char			 errmsg[128];
};

static void
rx_fail(char *err, size_t errlen, const char *what, int code, size_t off)
{
	PCRE2_UCHAR msg[128];

	if (err == NULL || errlen == 0)
		return;
	if (code == 0) {
		snprintf(err, errlen, "%s", what);
		return;
	}
	if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
		snprintf((char *)msg, sizeof(msg), "error %d", code);
	snprintf(err, errlen, "%s at offset %zu", (char *)msg, off);
}

/* Set up JIT (silently skipped where unsupported) and its stack. */
static void
rx_jit(struct rx *x)
{
	if (pcre2_jit_compile(x->code, PCRE2_JIT_COMPLETE) != 0)
		return;
	x->jstack = pcre2_jit_stack_create(RX_JIT_STACK_MIN,
	    RX_JIT_STACK_MAX, NULL);
	if (x->jstack != NULL && x->mctx != NULL)
		pcre2_jit_stack_assign(x->mctx, NULL, x->jstack);
}

struct rx *
rx_compile(const char *pattern, int flags, char *err, size_t errlen)
{
	struct rx *x;
	uint32_t opts;
	int code;
	PCRE2_SIZE off;

	opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
	if (flags & RX_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & RX_ANCHORED)
		opts |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
	x = xcalloc(1, sizeof(*x));
	x->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &code, &off, NULL);
	if (x->code == NULL) {
		rx_fail(err, errlen, "invalid pattern", code, (size_t)off);
		free(x);
		return NULL;
	}
	x->md = pcre2_match_data_create_from_pattern(x->code, NULL);
	x->mctx = pcre2_match_context_create(NULL);
	if (x->md == NULL || x->mctx == NULL) {
		rx_fail(err, errlen, "out of memory", 0, 0);
		rx_free(x);
		return NULL;
	}
	rx_jit(x);
	return x;
}

void
rx_free(struct rx *x)
{
	if (x == NULL)
		return;
	pcre2_jit_stack_free(x->jstack);
	pcre2_match_context_free(x->mctx);
	pcre2_match_data_free(x->md);
	pcre2_code_free(x->code);
	free(x);
}

int
rx_match(struct rx *x, const char *p, size_t len, size_t start,
    size_t *so, size_t *eo)
{
	PCRE2_SIZE *ov;
	int rc;

	x->matched = 0;
	x->errmsg[0] = '\0';
	if (start > len) {
		snprintf(x->errmsg, sizeof(x->errmsg),
		    "start offset beyond the subject");
		return -1;
	}
	if (p == NULL)
		p = "";
	rc = pcre2_match(x->code, (PCRE2_SPTR)p, len, start, 0, x->md,
	    x->mctx);
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return 0;
	if (rc < 0) {
		pcre2_get_error_message(rc, (PCRE2_UCHAR *)x->errmsg,
		    sizeof(x->errmsg));
		return -1;
	}
	x->matched = 1;
	ov = pcre2_get_ovector_pointer(x->md);
	if (so != NULL)
		*so = ov[0];
	if (eo != NULL)
		*eo = ov[1];
	return 1;
}

int
rx_ngroups(const struct rx *x)
{
	uint32_t n = 0;

	pcre2_pattern_info(x->code, PCRE2_INFO_CAPTURECOUNT, &n);
	return (int)n;
}

int
rx_group(const struct rx *x, int n, size_t *so, size_t *eo)
{
	PCRE2_SIZE *ov;

	if (!x->matched || n < 0 ||
	    (uint32_t)n >= pcre2_get_ovector_count(x->md))
		return 0;
	ov = pcre2_get_ovector_pointer(x->md);
	if (ov[2 * n] == PCRE2_UNSET)
		return 0;
	if (so != NULL)
		*so = ov[2 * n];
	if (eo != NULL)
		*eo = ov[2 * n + 1];
	return 1;
}

const char *
rx_errmsg(const struct rx *x)
{
	return x->errmsg;
}
