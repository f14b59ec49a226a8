/*
 * fixsum.c: exact sums of doubles in 64.64 fixed point (fixsum.h).
 * The poisoned state is hi = INT64_MIN, lo = 0, i.e. -2^63, a value
 * outside the documented range |sum| < 2^63.
 */
#include <math.h>

#include "fixsum.h"

static void
poison(struct fixsum *s)
{
	s->hi = INT64_MIN;
	s->lo = 0;
}

int
fixsum_ok(const struct fixsum *s)
{
	return !(s->hi == INT64_MIN && s->lo == 0);
}

/* s->hi += add + carry, poisoning on overflow or on reaching -2^63. */
static void
addhi(struct fixsum *s, int64_t add, int carry)
{
	int64_t h;

	if (__builtin_add_overflow(s->hi, add, &h) ||
	    (carry && __builtin_add_overflow(h, 1, &h)))
		poison(s);
	else {
		s->hi = h;
		if (!fixsum_ok(s))
			poison(s);
	}
}

void
fixsum_add(struct fixsum *s, double v)
{
	double fl, fr;
	uint64_t lo;

	if (!fixsum_ok(s))
		return;
	if (!isfinite(v) || fabs(v) >= 0x1p63) {
		poison(s);
		return;
	}
	fl = floor(v);
	fr = v - fl;
	/* v - floor(v) rounds up to 1 for tiny negative v. */
	if (fr >= 1) {
		fr = 0;
		fl += 1;
	}
	lo = (uint64_t)(fr * 0x1p64);	/* exact: a power of two */
	s->lo += lo;
	addhi(s, (int64_t)fl, s->lo < lo);
}

void
fixsum_addf(struct fixsum *s, const struct fixsum *t)
{
	if (!fixsum_ok(s))
		return;
	if (!fixsum_ok(t)) {
		poison(s);
		return;
	}
	s->lo += t->lo;
	addhi(s, t->hi, s->lo < t->lo);
}

double
fixsum_get(const struct fixsum *s)
{
	if (!fixsum_ok(s))
		return NAN;
	return (double)s->hi + ldexp((double)s->lo, -64);
}
