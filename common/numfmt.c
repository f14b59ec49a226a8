/*
 * numfmt.c: numbers as crmkit writes them.  num_fmt gives the shortest
 * decimal that reads back as the same double, exactly what the first of
 * %.15g, %.16g, %.17g that round-trips would print; two printf-free fast
 * paths cover the usual magnitudes (money, means, ratios) because output
 * of millions of numbers otherwise spends most of its time in printf.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

/* 10^0 .. 10^19, for the scales of fmt_exact (pow10x). */
static const uint64_t p10u[20] = { 1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL,
	100000ULL, 1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL,
	10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
	10000000000000000000ULL };

static const double p10[16] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15
};

/*
 * Write -?d * 10^-s as a plain decimal ("0.05", "12.5", "7") into buf;
 * d has no trailing zeros after the point.  Returns the length.
 */
static size_t
fmt_decimal(char *buf, int neg, uint64_t d, int s)
{
	char dig[24];
	size_t len = 0;
	int n = 0, nint;

	do
		dig[n++] = (char)('0' + d % 10);	/* reversed */
	while ((d /= 10) > 0);
	if (neg)
		buf[len++] = '-';
	nint = n - s;			/* digits before the point */
	if (nint <= 0) {
		buf[len++] = '0';
		buf[len++] = '.';
		for (; nint < 0; nint++)
			buf[len++] = '0';
	}
	while (n > 0) {
		buf[len++] = dig[--n];
		if (--nint == 0 && n > 0)
			buf[len++] = '.';
	}
	buf[len] = '\0';
	return len;
}

/*
 * The first fast path of num_fmt: v as n / 10^d with the fewest
 * decimals d such that the division gives v back.  n and 10^d are exact
 * doubles (n < 2^53, d <= 15), so the division is correctly rounded, as
 * strtod of the decimal n/10^d is: the text reads back as v, and it is
 * what %.15g writes.  Returns the length, or 0 when v needs more digits.
 */
#define FIXED_MAXD	8

static size_t
fmt_fixed(char *buf, double v)
{
	double a = fabs(v), n = 0;
	int d;

	/* Money, counts and ratios have few decimals; past FIXED_MAXD
	 * fmt_exact is quicker than more tries here. */
	for (d = 0; d <= FIXED_MAXD; d++) {
		if (a * p10[d] >= 1e15)		/* beyond %.15g */
			return 0;
		n = nearbyint(a * p10[d]);
		if (n / p10[d] == a)
			break;
	}
	if (d > FIXED_MAXD)
		return 0;
	return fmt_decimal(buf, v < 0, (uint64_t)n, d);
}

/* 10^s in 128 bits, s <= 38. */
static __uint128_t
pow10x(int s)
{
	if (s < 20)
		return p10u[s];
	return (__uint128_t)p10u[19] * p10u[s - 19];
}

/*
 * The p-significant-digit decimal of a = m / 2^k (m < 2^53, 0 <= k <=
 * 62) whose leading digit is at 10^x10: the digits *d, to be scaled by
 * 10^-*s (*s = p - 1 - x10 >= 0), rounded half to even as printf does.
 * The arithmetic is exact in 128 bits: m * 10^s < 2^117.
 */
static void
digits_p(uint64_t m, int k, int x10, int p, uint64_t *d, int *s)
{
	__uint128_t num, q, r, half;

	*s = p - 1 - x10;
	num = (__uint128_t)m * pow10x(*s);
	q = num >> k;
	if (k > 0) {
		r = num - (q << k);
		half = (__uint128_t)1 << (k - 1);
		if (r > half || (r == half && (q & 1)))
			q++;
	}
	*d = (uint64_t)q;
}

/*
 * True when the decimal d * 10^-s reads back as m / 2^k: it lies inside
 * the rounding interval of m, whose ends belong to it when m is even
 * (round half to even).  The interval's lower half is narrower when m is
 * the smallest mantissa of its binade (narrow).
 */
static int
roundtrips(uint64_t m, int k, uint64_t d, int s, int narrow)
{
	__uint128_t p10s = pow10x(s), x, lo, hi;

	x = (__uint128_t)d << (k + 2);
	hi = (__uint128_t)(4 * m + 2) * p10s;
	lo = (__uint128_t)(4 * m - (narrow ? 1 : 2)) * p10s;
	if (m % 2 == 0)
		return x >= lo && x <= hi;
	return x > lo && x < hi;
}

/*
 * The second fast path: what the first of %.15g, %.16g, %.17g that
 * reads back as v writes, without printf, for 1e-3 <= |v| < 1e15 (where
 * %g writes no exponent and the arithmetic fits in 128 bits).  Returns
 * the length, or 0 outside that range.
 */
static size_t
fmt_exact(char *buf, double v)
{
	static const uint64_t lim[18] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000, 10000000, 100000000, 1000000000, 10000000000ULL,
	    100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	    100000000000000000ULL };
	double a = fabs(v);
	uint64_t bits, frac, m, d = 0;
	int k, x10, p, s = 0, i;

	if (!(a >= 1e-3 && a < 1e15))
		return 0;
	memcpy(&bits, &a, sizeof(bits));
	frac = bits & ((1ULL << 52) - 1);
	m = frac | (1ULL << 52);
	k = 1075 - (int)(bits >> 52);		/* a = m / 2^k */
	if (k < 0 || k > 62)
		return 0;
	x10 = (int)floor(log10(a));		/* may be one off: mended */
	for (i = 0; i < 3; i++) {
		digits_p(m, k, x10, 17, &d, &s);
		if (d >= lim[17])
			x10++;
		else if (d < lim[16])
			x10--;
		else
			break;
	}
	if (i == 3 || x10 < -3 || x10 > 14)
		return 0;
	for (p = 15; p <= 17; p++) {
		digits_p(m, k, x10, p, &d, &s);
		if (d >= lim[p]) {		/* 9.99.. rounded up to 10.0.. */
			d /= 10;
			s--;
		}
		if (s >= 0 && roundtrips(m, k, d, s, frac == 0 &&
		    (bits >> 52) > 1))
			break;
	}
	if (p > 17)
		return 0;
	while (s > 0 && d % 10 == 0) {		/* %g drops trailing zeros */
		d /= 10;
		s--;
	}
	return fmt_decimal(buf, v < 0, d, s);
}

size_t
num_fmt(char *buf, double v)
{
	size_t len;
	int prec, n;

	if (isnan(v))
		return (size_t)snprintf(buf, 32, "nan");
	if (isinf(v))
		return (size_t)snprintf(buf, 32, v > 0 ? "inf" : "-inf");
	if (v == 0)
		return (size_t)snprintf(buf, 32, "0");
	if ((len = fmt_fixed(buf, v)) > 0 || (len = fmt_exact(buf, v)) > 0)
		return len;
	for (prec = 15; prec < 17; prec++) {
		n = snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return (size_t)n;
	}
	return (size_t)snprintf(buf, 32, "%.17g", v);
}

size_t
num_fmt_int(char *buf, long long v)
{
	char dig[24];
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v :
	    (unsigned long long)v;
	size_t n = 0, len = 0;

	do
		dig[n++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		buf[len++] = '-';
	while (n > 0)
		buf[len++] = dig[--n];
	buf[len] = '\0';
	return len;
}
