/*
 * rx.h: PCRE2 (8-bit, UTF and UCP mode) compiled once and matched many
 * times, JIT-compiled when the platform allows.
 *
 * Subjects need not be valid UTF-8 and never cause an error: invalid
 * byte sequences match nothing (not even '.'), so an RX_ANCHORED match
 * of an invalid subject fails and a search only finds matches inside
 * the valid stretches (PCRE2_MATCH_INVALID_UTF).
 */
#ifndef CRM_RX_H
#define CRM_RX_H

#include <stddef.h>

struct rx;

#define RX_CASELESS	1	/* match without regard to case */
#define RX_ANCHORED	2	/* the whole subject must match */

/*
 * Compile pattern (a NUL-terminated string); returns NULL and writes the
 * reason with the offset, e.g. "missing closing parenthesis at offset 3",
 * into err[errlen] on failure (err may be NULL).
 */
struct rx	*rx_compile(const char *pattern, int flags, char *err,
		    size_t errlen);
void		 rx_free(struct rx *);
/*
 * Match against p[0..len) starting the search at byte start (<= len).
 * Returns 1 on a match (with the match span in *so, *eo when not NULL),
 * 0 on none, -1 on a matching error (such as the match limit;
 * rx_errmsg says which).  Not thread-safe on one struct rx: use one per
 * thread.  Lookbehinds see the bytes before start.
 */
int		 rx_match(struct rx *, const char *p, size_t len,
		    size_t start, size_t *so, size_t *eo);
/* Number of capturing groups in the pattern. */
int		 rx_ngroups(const struct rx *);
/*
 * After rx_match returned 1: the span of group n (0 is the whole match).
 * Returns 1, or 0 when group n did not take part in the match.
 */
int		 rx_group(const struct rx *, int n, size_t *so, size_t *eo);
/* The message of the last matching error ("" if none). */
const char	*rx_errmsg(const struct rx *);

#endif
