/*
 * csv_write.c: the CSV writer every crmkit program uses.
 *
 * Fields are quoted only when they hold the delimiter, a quote, CR or LF
 * (and a lone empty field, which would otherwise read back as a blank
 * line); LF ends records.  Output is buffered, optionally deflated, and
 * written to a temporary file renamed into place on close.
 */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "csv.h"
#include "csv_row.h"
#include "err.h"

#define WBUFSZ	(1 << 16)

struct csv_writer {
	int		 fd;
	char		*path;		/* final name, NULL for stdout */
	char		*tmp;		/* temporary name */
	int		 gz;
	z_stream	 zs;
	unsigned char	*zout;
	char		*buf;
	size_t		 len;
	size_t		 nf;		/* fields in the current record */
	int		 last_empty;
	int		 failed;
	int		 err;
};

/* Bytes that force quoting. */
static const unsigned char needq[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

static int
full_write(int fd, const void *p, size_t n)
{
	const char *q = p;
	ssize_t k;

	while (n > 0) {
		k = write(fd, q, n);
		if (k == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		q += k;
		n -= k;
	}
	return 0;
}

/* Send buffered bytes on (through deflate when compressing). */
static void
wflush(struct csv_writer *w, int finish)
{
	int ret;

	if (w->failed)
		return;
	if (!w->gz) {
		if (w->len && full_write(w->fd, w->buf, w->len) == -1) {
			w->failed = 1;
			w->err = errno;
		}
		w->len = 0;
		return;
	}
	w->zs.next_in = (unsigned char *)w->buf;
	w->zs.avail_in = (uInt)w->len;
	do {
		w->zs.next_out = w->zout;
		w->zs.avail_out = WBUFSZ;
		ret = deflate(&w->zs, finish ? Z_FINISH : Z_NO_FLUSH);
		if (ret == Z_STREAM_ERROR ||
		    full_write(w->fd, w->zout, WBUFSZ - w->zs.avail_out)) {
			w->failed = 1;
			w->err = ret == Z_STREAM_ERROR ? EIO : errno;
			break;
		}
	} while (w->zs.avail_out == 0 || (finish && ret != Z_STREAM_END));
	w->len = 0;
}

static void
wbytes(struct csv_writer *w, const char *p, size_t n)
{
	while (n > 0) {
		size_t k = WBUFSZ - w->len;

		if (k == 0) {
			wflush(w, 0);
			k = WBUFSZ;
		}
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, p, k);
		w->len += k;
		p += k;
		n -= k;
	}
}

static void
unlink_tmp(void *arg)
{
	struct csv_writer *w = arg;

	if (w->tmp)
		unlink(w->tmp);
}

struct csv_writer *
csv_writer_open(const char *path, int gzip)
{
	struct csv_writer *w;
	size_t n;
	mode_t um;

	w = xcalloc(1, sizeof(*w));
	w->fd = 1;
	if (path && strcmp(path, "-") != 0) {
		n = strlen(path);
		if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
			gzip = 1;
		w->path = xstrdup(path);
		w->tmp = xmalloc(n + 16);
		snprintf(w->tmp, n + 16, "%s.tmpXXXXXX", path);
		if ((w->fd = mkstemp(w->tmp)) == -1) {
			int e = errno;

			free(w->tmp);
			free(w->path);
			free(w);
			errno = e;
			return NULL;
		}
		um = umask(0);
		umask(um);
		fchmod(w->fd, 0666 & ~um);
		crm_atexit(unlink_tmp, w);
	}
	w->buf = xmalloc(WBUFSZ);
	if (gzip) {
		w->gz = 1;
		w->zout = xmalloc(WBUFSZ);
		if (deflateInit2(&w->zs, 6, Z_DEFLATED, 15 + 16, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK) {
			w->gz = 0;
			csv_writer_abort(w);
			errno = ENOMEM;
			return NULL;
		}
	}
	return w;
}

void
csv_put(struct csv_writer *w, const char *p, size_t len)
{
	size_t i, s;
	int q = 0;

	if (w->nf++)
		wbytes(w, ",", 1);
	for (i = 0; i < len; i++)
		if (needq[(unsigned char)p[i]]) {
			q = 1;
			break;
		}
	w->last_empty = len == 0;
	if (!q) {
		if (len <= WBUFSZ - w->len) {
			memcpy(w->buf + w->len, p, len);
			w->len += len;
		} else
			wbytes(w, p, len);
		return;
	}
	wbytes(w, "\"", 1);
	for (s = 0, i = 0; i < len; i++)
		if (p[i] == '"') {
			wbytes(w, p + s, i + 1 - s);
			wbytes(w, "\"", 1);
			s = i + 1;
		}
	wbytes(w, p + s, len - s);
	wbytes(w, "\"", 1);
}

void
csv_put_str(struct csv_writer *w, const char *s)
{
	csv_put(w, s, strlen(s));
}

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
 * The first fast path of csv_fmt_num: v as n / 10^d with the fewest
 * decimals d such that the division gives v back.  n and 10^d are exact
 * doubles (n < 2^53, d <= 15), so the division is correctly rounded, as
 * strtod of the decimal n/10^d is: the text reads back as v, and it is
 * what %.15g writes.  Returns the length, or 0 when v needs more digits.
 */
static size_t
fmt_fixed(char *buf, double v)
{
	double a = fabs(v), n = 0;
	int d;

	for (d = 0; d < 16; d++) {
		if (a * p10[d] >= 1e15)		/* beyond %.15g */
			return 0;
		n = nearbyint(a * p10[d]);
		if (n / p10[d] == a)
			break;
	}
	if (d == 16)
		return 0;
	return fmt_decimal(buf, v < 0, (uint64_t)n, d);
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
	__uint128_t num = m, q, r, half;
	int i;

	*s = p - 1 - x10;
	for (i = 0; i < *s; i++)
		num *= 10;
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
	__uint128_t p10s = 1, x, lo, hi;
	int i;

	for (i = 0; i < s; i++)
		p10s *= 10;
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
csv_fmt_num(char *buf, double v)
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

void
csv_put_num(struct csv_writer *w, double v)
{
	char buf[32];

	csv_put(w, buf, csv_fmt_num(buf, v));
}

/* Decimal digits of v into buf (>= 21 bytes), no NUL; returns length. */
static size_t
fmt_int(char *buf, long long v)
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
	return len;
}

void
csv_put_int(struct csv_writer *w, long long v)
{
	char buf[32];

	csv_put(w, buf, fmt_int(buf, v));
}

void
csv_put_fixed(struct csv_writer *w, double v, int decimals)
{
	char buf[64];
	int n;

	if (v == 0)
		v = 0;		/* no "-0.00" */
	n = snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (n < 0 || (size_t)n >= sizeof(buf))
		csv_put_num(w, v);
	else
		csv_put(w, buf, (size_t)n);
}

void
csv_put_row(struct csv_writer *w, const struct csv_row *row)
{
	size_t i;

	if (row->plain && row->n > 0) {		/* the line as it was */
		if (w->nf)
			wbytes(w, ",", 1);
		wbytes(w, row->raw, row->rawlen);
		w->nf += row->n;
		w->last_empty = row->f[row->n - 1].len == 0;
		return;
	}
	for (i = 0; i < row->n; i++)
		csv_put(w, row->f[i].p, row->f[i].len);
}

void
csv_put_raw(struct csv_writer *w, const char *p, size_t len)
{
	wbytes(w, p, len);
}

int
csv_end_row(struct csv_writer *w)
{
	if (w->nf == 1 && w->last_empty)
		wbytes(w, "\"\"", 2);	/* else it reads back as a blank line */
	w->nf = 0;
	if (w->len == WBUFSZ)
		wflush(w, 0);
	if (w->len < WBUFSZ)
		w->buf[w->len++] = '\n';
	else
		wbytes(w, "\n", 1);
	if (w->failed) {
		errno = w->err;
		return -1;
	}
	return 0;
}

const char *
csv_writer_path(const struct csv_writer *w)
{
	return w->path ? w->path : "<stdout>";
}

static void
writer_free(struct csv_writer *w)
{
	if (w->gz)
		deflateEnd(&w->zs);
	crm_atexit(NULL, w);
	free(w->zout);
	free(w->buf);
	free(w->tmp);
	free(w->path);
	free(w);
}

int
csv_writer_close(struct csv_writer *w)
{
	int e;

	if (w == NULL)
		return 0;
	wflush(w, 1);
	if (w->path) {
		if (close(w->fd) == -1 && !w->failed) {
			w->failed = 1;
			w->err = errno;
		}
		if (!w->failed && rename(w->tmp, w->path) == -1) {
			w->failed = 1;
			w->err = errno;
		}
		if (w->failed)
			unlink(w->tmp);
	}
	e = w->failed ? w->err : 0;
	writer_free(w);
	if (e) {
		errno = e;
		return -1;
	}
	return 0;
}

void
csv_writer_abort(struct csv_writer *w)
{
	if (w == NULL)
		return;
	if (w->path) {
		close(w->fd);
		unlink(w->tmp);
	}
	writer_free(w);
}
