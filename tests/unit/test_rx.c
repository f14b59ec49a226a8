/* test_rx.c: the PCRE2 wrapper: errors, anchoring, UTF, groups. */
#include <string.h>

#include "rx.h"
#include "t.h"

static int
m(struct rx *x, const char *s, size_t start, size_t *so, size_t *eo)
{
	return rx_match(x, s, strlen(s), start, so, eo);
}

static void
t_compile_error(void)
{
	char err[128];
	struct rx *x;

	x = rx_compile("(ab", 0, err, sizeof(err));
	CHECK(x == NULL);
	CHECK(strcmp(err, "missing closing parenthesis at offset 3") == 0);
	x = rx_compile("a**", 0, err, sizeof(err));
	CHECK(x == NULL && strstr(err, "at offset 2") != NULL);
	CHECK(rx_compile("[", 0, NULL, 0) == NULL);
	rx_free(NULL);
}

static void
t_search(void)
{
	struct rx *x = rx_compile("a+", 0, NULL, 0);
	size_t so = 9, eo = 9, n = 0, pos = 0;

	CHECK(m(x, "xaay", 0, &so, &eo) == 1 && so == 1 && eo == 3);
	CHECK(m(x, "xyz", 0, &so, &eo) == 0);
	CHECK(m(x, "aXa", 1, &so, &eo) == 1 && so == 2 && eo == 3);
	CHECK(m(x, "a", 2, NULL, NULL) == -1 && *rx_errmsg(x) != '\0');
	CHECK(rx_match(x, NULL, 0, 0, NULL, NULL) == 0);
	CHECK(m(x, "", 0, NULL, NULL) == 0 && *rx_errmsg(x) == '\0');
	rx_free(x);
	x = rx_compile("\\w+", 0, NULL, 0);
	while (m(x, "one two, three", pos, &so, &eo) == 1) {
		n++;
		pos = eo;
	}
	CHECK(n == 3);
	rx_free(x);
}

static void
t_anchored(void)
{
	struct rx *x = rx_compile("[0-9]+", RX_ANCHORED, NULL, 0);
	struct rx *y = rx_compile("a|ab", RX_ANCHORED, NULL, 0);
	size_t so, eo;

	CHECK(m(x, "123", 0, &so, &eo) == 1 && so == 0 && eo == 3);
	CHECK(m(x, "123x", 0, NULL, NULL) == 0);
	CHECK(m(x, "x123", 0, NULL, NULL) == 0);
	CHECK(m(x, "", 0, NULL, NULL) == 0);
	/* the whole subject: the second alternative must be found */
	CHECK(m(y, "ab", 0, &so, &eo) == 1 && eo == 2);
	rx_free(x);
	rx_free(y);
}

static void
t_utf(void)
{
	struct rx *x = rx_compile("caf\xC3\xA9", RX_CASELESS, NULL, 0);
	struct rx *w = rx_compile("^\\w+$", 0, NULL, 0);
	struct rx *b = rx_compile("b", 0, NULL, 0);
	struct rx *dot = rx_compile("a.b", RX_ANCHORED, NULL, 0);
	size_t so, eo;

	CHECK(m(x, "CAF\xC3\x89", 0, NULL, NULL) == 1);	/* CAFÉ */
	CHECK(m(w, "na\xC3\xAFve", 0, NULL, NULL) == 1);	/* UCP \w */
	CHECK(m(w, "\xE4\xB8\x8D\xE5\xA5\xBD", 0, NULL, NULL) == 1);
	/* invalid UTF-8: no error, matches only in the valid parts */
	CHECK(m(b, "a\xFF" "b", 0, &so, &eo) == 1 && so == 2 && eo == 3);
	CHECK(m(dot, "a\xFF" "b", 0, NULL, NULL) == 0);
	CHECK(m(dot, "a\xC3\xA9" "b", 0, NULL, NULL) == 1);
	CHECK(m(dot, "a\xED\xA0\x80" "b", 0, NULL, NULL) == 0);
	CHECK(m(w, "ab\xC3", 0, NULL, NULL) == 0);
	/* a start offset inside a character is not an error */
	CHECK(m(b, "\xC3\xA9" "b", 1, &so, &eo) == 1 && so == 2);
	rx_free(x);
	rx_free(w);
	rx_free(b);
	rx_free(dot);
}

static void
t_groups(void)
{
	struct rx *x = rx_compile("(\\d+)-(\\d+)?(x)?", 0, NULL, 0);
	size_t so, eo;

	CHECK(rx_ngroups(x) == 3);
	CHECK(rx_group(x, 0, &so, &eo) == 0);	/* before any match */
	CHECK(m(x, "ab 12-345 c", 0, &so, &eo) == 1 && so == 3 && eo == 9);
	CHECK(rx_group(x, 1, &so, &eo) == 1 && so == 3 && eo == 5);
	CHECK(rx_group(x, 2, &so, &eo) == 1 && so == 6 && eo == 9);
	CHECK(rx_group(x, 3, &so, &eo) == 0);
	CHECK(rx_group(x, 4, &so, &eo) == 0 && rx_group(x, -1, &so, &eo) == 0);
	CHECK(m(x, "12-", 0, NULL, NULL) == 1);
	CHECK(rx_group(x, 2, &so, &eo) == 0);
	CHECK(m(x, "none", 0, NULL, NULL) == 0);
	CHECK(rx_group(x, 0, &so, &eo) == 0);
	rx_free(x);
}

/* Catastrophic backtracking ends in an error, not a hang. */
static void
t_limit(void)
{
	struct rx *x = rx_compile("(a|aa)+$", 0, NULL, 0);
	char s[64];

	memset(s, 'a', 60);
	s[60] = 'b';
	s[61] = '\0';
	CHECK(m(x, s, 0, NULL, NULL) == -1);
	CHECK(strstr(rx_errmsg(x), "limit") != NULL);
	rx_free(x);
}

int
main(void)
{
	RUN(t_compile_error);
	RUN(t_search);
	RUN(t_anchored);
	RUN(t_utf);
	RUN(t_groups);
	RUN(t_limit);
	T_EXIT();
}
