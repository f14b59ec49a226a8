/*
 * fuzz_num.c: libFuzzer target for num_parse and num_parse_int.
 * Invariants: a parsed number is finite and re-parses to the same bits
 * from its num_fmt form; an integer lies in its range and re-parses
 * from %lld; a failure always gives a reason.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_double(const char *p, size_t len)
{
	const char *why = NULL;
	char buf[64];
	double d, e;
	size_t n;

	if (num_parse(p, len, &d, &why) != 0) {
		if (why == NULL)
			abort();
		return;
	}
	if (!isfinite(d))
		abort();	/* nan and inf are refused */
	n = num_fmt(buf, d);
	if (n == 0 || n >= sizeof(buf))
		abort();
	why = NULL;
	if (num_parse(buf, n, &e, &why) != 0)
		abort();	/* our own output must parse */
	if (memcmp(&d, &e, sizeof(d)) != 0 && !(d == 0 && e == 0))
		abort();	/* ... to the same value */
}

static void
check_int(const char *p, size_t len, long long min, long long max)
{
	const char *why = NULL;
	char buf[32];
	long long v, w;
	int n;

	if (num_parse_int(p, len, min, max, &v, &why) != 0) {
		if (why == NULL)
			abort();
		return;
	}
	if (v < min || v > max)
		abort();
	n = snprintf(buf, sizeof(buf), "%lld", v);
	if (num_parse_int(buf, (size_t)n, min, max, &w, &why) != 0 || w != v)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	char *copy;

	/* Not NUL-terminated: a parser reading past len trips ASan. */
	copy = malloc(size ? size : 1);
	memcpy(copy, p, size);
	check_double(copy, size);
	check_int(copy, size, INT64_MIN, INT64_MAX);
	check_int(copy, size, -5, 1000);
	(void)num_blank(copy, size);
	free(copy);
	return 0;
}
