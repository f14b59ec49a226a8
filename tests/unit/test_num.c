/* test_num.c: number parsing (common/num.c) and formatting (numfmt.c). */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "rng.h"
#include "t.h"

static int
parses(const char *s, double want)
{
	const char *why;
	double v;

	return num_parse(s, strlen(s), &v, &why) == 0 && v == want &&
	    signbit(v) == signbit(want);
}

static int
rejects(const char *s, const char *reason)
{
	const char *why = "";
	double v;

	return num_parse(s, strlen(s), &v, &why) == -1 &&
	    strcmp(why, reason) == 0;
}

static void
t_accepts(void)
{
	CHECK(parses("1e3", 1000));
	CHECK(parses(" 12 ", 12));
	CHECK(parses("-0.5", -0.5));
	CHECK(parses("+7", 7));
	CHECK(parses(".5", 0.5));
	CHECK(parses("5.", 5));
	CHECK(parses("0.1", 0.1));
	CHECK(parses("-0", -0.0));
	CHECK(parses("1234.50", 1234.5));
	CHECK(parses("1.7976931348623157e308", 1.7976931348623157e308));
	CHECK(parses("4.9e-324", 4.9e-324));
	CHECK(parses("123456789012345678901234567890", 1.2345678901234568e29));
	CHECK(parses("0.000000000000000000000000001", 1e-27));
	CHECK(parses("\t3\t", 3));
}

static void
t_rejects(void)
{
	CHECK(rejects("12abc", "not a number"));
	CHECK(rejects("", "empty"));
	CHECK(rejects("   ", "empty"));
	CHECK(rejects("nan", "not a number"));
	CHECK(rejects("inf", "not a number"));
	CHECK(rejects("0x10", "not a number"));
	CHECK(rejects("1,234", "not a number"));
	CHECK(rejects("12,5x", "not a number"));
	CHECK(rejects("1e", "not a number"));
	CHECK(rejects("--1", "not a number"));
	CHECK(rejects(".", "not a number"));
	CHECK(rejects("1e999", "out of range"));
	CHECK(rejects("$5", "not a number"));
}

/* The fast path must agree with strtod on every decimal it takes. */
static void
t_fast_equals_strtod(void)
{
	struct rng g;
	char buf[64];
	const char *why;
	double v;
	int i, n;

	rng_seed(&g, 3);
	for (i = 0; i < 200000; i++) {
		n = snprintf(buf, sizeof(buf), "%s%llu.%0*llue%d",
		    rng_below(&g, 2) ? "-" : "",
		    (unsigned long long)rng_below(&g, 100000000),
		    (int)rng_below(&g, 9) + 1,
		    (unsigned long long)rng_below(&g, 1000000000),
		    (int)rng_below(&g, 50) - 25);
		CHECK(num_parse(buf, (size_t)n, &v, &why) == 0);
		CHECK(v == strtod(buf, NULL));
		if (t_failed) {
			printf("# %s\n", buf);
			break;
		}
	}
}

static void
t_ints(void)
{
	const char *why;
	long long v;

	CHECK(num_parse_int(" 42 ", 4, 0, 100, &v, &why) == 0 && v == 42);
	CHECK(num_parse_int("-9223372036854775808", 20, LLONG_MIN, LLONG_MAX,
	    &v, &why) == 0 && v == LLONG_MIN);
	CHECK(num_parse_int("9223372036854775808", 19, LLONG_MIN, LLONG_MAX,
	    &v, &why) == -1 && strcmp(why, "out of range") == 0);
	CHECK(num_parse_int("101", 3, 0, 100, &v, &why) == -1);
	CHECK(num_parse_int("1.0", 3, 0, 100, &v, &why) == -1 &&
	    strcmp(why, "not an integer") == 0);
	CHECK(num_parse_int("-", 1, -5, 5, &v, &why) == -1);
}

/* num_fmt: shortest form that reads back to the same double. */
static void
t_format_roundtrip(void)
{
	struct rng g;
	char buf[32];
	double v;
	int i;

	num_fmt(buf, 0.1);
	CHECK(strcmp(buf, "0.1") == 0);
	num_fmt(buf, 1.0 / 3);
	CHECK(strcmp(buf, "0.3333333333333333") == 0);
	num_fmt(buf, 123456);
	CHECK(strcmp(buf, "123456") == 0);
	num_fmt(buf, -0.0);
	CHECK(strcmp(buf, "0") == 0);
	rng_seed(&g, 11);
	for (i = 0; i < 100000; i++) {
		uint64_t bits = rng_next(&g);

		memcpy(&v, &bits, sizeof(v));
		if (!isfinite(v))
			continue;
		num_fmt(buf, v);
		CHECK(strtod(buf, NULL) == v);
	}
}

/* The slow, obvious form num_fmt must equal: %.15g..%.17g. */
static void
fmt_reference(char *buf, double v)
{
	int prec;

	if (v == trunc(v) && fabs(v) < 1e15) {
		snprintf(buf, 32, "%.0f", v);
		return;
	}
	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, 32, "%.17g", v);
}

/* The printf-free paths of num_fmt write what printf would. */
static void
t_format_fast_paths(void)
{
	struct rng g;
	char want[32], got[32];
	uint64_t bits;
	double v;
	int i;

	rng_seed(&g, 5);
	for (i = 0; i < 400000 && !t_failed; i++) {
		switch (i % 4) {
		case 0:		/* any magnitude around the fast ranges */
			v = rng_uniform(&g) * pow(10, (int)rng_below(&g, 21) - 5);
			break;
		case 1:		/* ratios, like means */
			v = (double)rng_below(&g, 100000) /
			    (double)(rng_below(&g, 999) + 1);
			break;
		case 2:		/* any double */
			bits = rng_next(&g);
			memcpy(&v, &bits, sizeof(v));
			break;
		default:	/* money */
			v = round(rng_uniform(&g) * 1e6) / 100;
			break;
		}
		if (!isfinite(v) || v == 0)
			continue;
		if (rng_below(&g, 2))
			v = -v;
		fmt_reference(want, v);
		num_fmt(got, v);
		CHECK(strcmp(want, got) == 0);
		if (t_failed)
			printf("# %.17g: want %s got %s\n", v, want, got);
	}
	/* edges: binade bottoms, 9.99.. rounding up, the range ends */
	{
		static const double edge[] = { 0.001, 0.0009999999999999998,
		    1e15 - 0.5, 999999999999999.9, 0.1 + 0.2, 1.0 / 3, 2.0 / 3,
		    9.999999999999999, 99.99999999999999, 1.0000000000000002,
		    0.5000000000000001, 4503599627370495.5, 1e-3 * 3 };
		size_t k;

		for (k = 0; k < sizeof(edge) / sizeof(edge[0]); k++) {
			fmt_reference(want, edge[k]);
			num_fmt(got, edge[k]);
			CHECK(strcmp(want, got) == 0);
		}
	}
}

static void
t_format_int(void)
{
	char buf[32];

	CHECK(num_fmt_int(buf, 0) == 1 && strcmp(buf, "0") == 0);
	CHECK(num_fmt_int(buf, -42) == 3 && strcmp(buf, "-42") == 0);
	CHECK(num_fmt_int(buf, LLONG_MIN) == 20 &&
	    strcmp(buf, "-9223372036854775808") == 0);
	CHECK(num_fmt_int(buf, LLONG_MAX) == 19 &&
	    strcmp(buf, "9223372036854775807") == 0);
}

int
main(void)
{
	RUN(t_accepts);
	RUN(t_rejects);
	RUN(t_fast_equals_strtod);
	RUN(t_ints);
	RUN(t_format_roundtrip);
	RUN(t_format_fast_paths);
	RUN(t_format_int);
	T_EXIT();
}
