/*
 * num.c: numbers as crmkit reads them: decimal, C locale, strict.
 * Short decimals (up to 19 significant digits, exponent within 10^±22)
 * are converted exactly with one multiplication or division of exact
 * doubles (Clinger's fast path), which is correctly rounded; everything
 * else goes through strtod.  Both give the same result.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "text.h"

static const double pow10tab[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

int
num_blank(const char *p, size_t len)
{
	text_strip(p, &len);
	return len == 0;
}

/*
 * Check the syntax of p[0..len) (spaces already trimmed) and compute the
 * value exactly when the fast path applies.  Returns 1 when *out is set,
 * 0 when the syntax is valid but strtod is needed, -1 on bad syntax.
 */
static int
scan(const char *p, size_t len, double *out)
{
	const char *e = p + len;
	uint64_t m = 0;
	int neg = 0, ndig = 0, sig = 0, exp10 = 0, eneg = 0, ev = 0, edig = 0;
	int frac = 0;

	if (p < e && (*p == '+' || *p == '-'))
		neg = *p++ == '-';
	for (; p < e; p++) {
		if (*p >= '0' && *p <= '9') {
			ndig++;
			if (m == 0 && *p == '0') {
				exp10 -= frac;
				continue;
			}
			if (sig < 19) {
				m = m * 10 + (uint64_t)(*p - '0');
				sig++;
				exp10 -= frac;
			} else {
				sig = 99;	/* too many digits: strtod */
				exp10 += !frac;
			}
		} else if (*p == '.' && !frac)
			frac = 1;
		else
			break;
	}
	if (ndig == 0)
		return -1;
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		for (; p < e && *p >= '0' && *p <= '9'; p++, edig++)
			if (ev < 100000)
				ev = ev * 10 + (*p - '0');
		if (edig == 0)
			return -1;
		exp10 += eneg ? -ev : ev;
	}
	if (p != e)
		return -1;
	if (sig > 19 || m > ((uint64_t)1 << 53))
		return 0;
	if (m == 0) {
		*out = neg ? -0.0 : 0.0;
		return 1;
	}
	if (exp10 < -22 || exp10 > 22)
		return 0;
	*out = exp10 < 0 ? (double)m / pow10tab[-exp10] :
	    (double)m * pow10tab[exp10];
	if (neg)
		*out = -*out;
	return 1;
}

int
num_parse(const char *p, size_t len, double *out, const char **why)
{
	char tmp[128], *end;
	double v;
	int k;

	p = text_strip(p, &len);
	if (len == 0) {
		*why = "empty";
		return -1;
	}
	if ((k = scan(p, len, out)) == 1)
		return 0;
	if (k == -1 || len >= sizeof(tmp)) {
		*why = "not a number";
		return -1;
	}
	memcpy(tmp, p, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (end != tmp + len) {
		*why = "not a number";
		return -1;
	}
	if (errno == ERANGE && isinf(v)) {
		*why = "out of range";
		return -1;
	}
	*out = v;		/* an underflow to 0 or a subnormal is fine */
	return 0;
}

int
num_parse_int(const char *p, size_t len, long long min, long long max,
    long long *out, const char **why)
{
	unsigned long long v = 0, lim;
	int neg = 0;
	size_t i;

	p = text_strip(p, &len);
	if (len == 0) {
		*why = "empty";
		return -1;
	}
	i = 0;
	if (p[0] == '+' || p[0] == '-')
		neg = p[i++] == '-';
	if (i == len) {
		*why = "not an integer";
		return -1;
	}
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (; i < len; i++) {
		if (p[i] < '0' || p[i] > '9') {
			*why = "not an integer";
			return -1;
		}
		if (v > (lim - (unsigned)(p[i] - '0')) / 10) {
			*why = "out of range";
			return -1;
		}
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	*out = neg ? (long long)(0 - v) : (long long)v;
	if (*out < min || *out > max) {
		*why = "out of range";
		return -1;
	}
	return 0;
}

int
num_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}
