/* test_fixsum.c: exact sums, order independence and overflow. */
#include <math.h>
#include <stdint.h>

#include "fixsum.h"
#include "t.h"

/* 0.1 ten million times in floating point drifts; exactly it does not. */
static void
exact_decimal_sum(void)
{
	struct fixsum s = FIXSUM_ZERO;
	double naive = 0;
	int i;

	for (i = 0; i < 1000; i++) {
		fixsum_add(&s, 0.1);
		naive += 0.1;
	}
	/* 1000 * double(0.1) = 100.0000000000000055511151231257827..., so
	 * the exact sum rounds to 100; the naive one is 99.9999999999986. */
	CHECK(fixsum_get(&s) == 100.0);
	CHECK(naive != 100.0);
	CHECK(fixsum_ok(&s));
}

/* Any order, any split into shards: the same bits. */
static void
order_independent(void)
{
	static const double v[] = { 1e15, -3.25, 0.1, -1e15, 7.5e-3,
	    123456.789, -0.1, 2.5 };
	struct fixsum a = FIXSUM_ZERO, b = FIXSUM_ZERO, c = FIXSUM_ZERO;
	int i;

	for (i = 0; i < 8; i++)
		fixsum_add(&a, v[i]);
	for (i = 7; i >= 4; i--)
		fixsum_add(&b, v[i]);
	for (i = 3; i >= 0; i--)
		fixsum_add(&c, v[i]);
	fixsum_addf(&b, &c);
	CHECK(a.hi == b.hi && a.lo == b.lo);
	CHECK(fabs(fixsum_get(&a) - 123456.0465) < 1e-9);
}

/* Tiny negatives: v - floor(v) rounds to 1; the sum must stay right. */
static void
tiny_negative(void)
{
	struct fixsum s = FIXSUM_ZERO;

	fixsum_add(&s, -1e-30);
	fixsum_add(&s, 1);
	CHECK(fixsum_get(&s) == 1);
	fixsum_add(&s, -2.5);
	CHECK(fixsum_get(&s) == -1.5);
}

/* 10000 x 999999999999999 = 9.99999999999999e18 > 2^63: poisoned. */
static void
overflow_poisons(void)
{
	struct fixsum s = FIXSUM_ZERO, t = FIXSUM_ZERO;
	int i;

	for (i = 0; i < 9000; i++)
		fixsum_add(&s, 999999999999999.0);
	CHECK(fixsum_ok(&s));		/* 8.99999999999999e18 < 2^63 */
	for (i = 0; i < 1000; i++)
		fixsum_add(&s, 999999999999999.0);
	CHECK(!fixsum_ok(&s));
	CHECK(isnan(fixsum_get(&s)));
	fixsum_add(&s, -1e18);		/* sticky */
	CHECK(!fixsum_ok(&s));
	fixsum_addf(&t, &s);		/* and contagious */
	CHECK(!fixsum_ok(&t));

	t = (struct fixsum)FIXSUM_ZERO;
	fixsum_add(&t, -0x1p62);
	fixsum_add(&t, -0x1p62);	/* exactly -2^63: out of range */
	CHECK(!fixsum_ok(&t));
	t = (struct fixsum)FIXSUM_ZERO;
	fixsum_add(&t, 0x1p63);
	CHECK(!fixsum_ok(&t));
	t = (struct fixsum)FIXSUM_ZERO;
	fixsum_add(&t, NAN);
	CHECK(!fixsum_ok(&t));
	t = (struct fixsum)FIXSUM_ZERO;
	fixsum_add(&t, -0x1p62);
	fixsum_add(&t, -0x1p62 + 1024);	/* -2^63 + 1024: still exact */
	CHECK(fixsum_ok(&t) && t.hi == INT64_MIN + 1024);
}

int
main(void)
{
	RUN(exact_decimal_sum);
	RUN(order_independent);
	RUN(tiny_negative);
	RUN(overflow_poisons);
	T_EXIT();
}
