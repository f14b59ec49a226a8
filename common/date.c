/*
 * date.c: dates and times, proleptic Gregorian calendar, UTC.  The day
 * arithmetic counts days from 1970-01-01 through 400-year eras, so it is
 * exact for any year a CRM file holds (and far beyond).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "text.h"

const char *const period_names[] = {
	"day", "week", "month", "quarter", "year", NULL
};

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int64_t
date_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void
date_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = floordiv(z, 146097);
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static unsigned
days_in_month(int64_t y, unsigned m)
{
	static const unsigned char dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28u + leap : dim[m - 1];
}

int64_t
date_days(int64_t secs)
{
	return floordiv(secs, 86400);
}

/* Read exactly n digits at *p (bounded by e). */
static int
digits(const char **p, const char *e, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (*p >= e || **p < '0' || **p > '9')
			return -1;
		*v = *v * 10 + (*(*p)++ - '0');
	}
	return 0;
}

static int
mktime_utc(int y, int mo, int d, int h, int mi, int s, int64_t *secs,
    const char **why)
{
	if (mo < 1 || mo > 12 || d < 1 || (unsigned)d > days_in_month(y, mo)) {
		*why = "no such date";
		return -1;
	}
	if (h > 23 || mi > 59 || s > 60) {
		*why = "no such time";
		return -1;
	}
	if (s == 60)
		s = 59;		/* a leap second stays in its minute */
	*secs = date_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	return 0;
}

/* The time part after the date: [T ]HH:MM[:SS[.frac]][Z|+HH[:MM]]. */
static int
iso_time(const char *p, const char *e, int *h, int *mi, int *s, int *off)
{
	int oh, om = 0, sign;

	if (p == e)
		return 0;
	if (*p != 'T' && *p != ' ')
		return -1;
	p++;
	if (digits(&p, e, 2, h) || p >= e || *p++ != ':' ||
	    digits(&p, e, 2, mi))
		return -1;
	if (p < e && *p == ':') {
		p++;
		if (digits(&p, e, 2, s))
			return -1;
		if (p < e && (*p == '.' || *p == ',')) {
			for (p++; p < e && *p >= '0' && *p <= '9'; p++)
				;	/* fractions of a second are dropped */
		}
	}
	if (p < e && *p == 'Z')
		p++;
	else if (p < e && (*p == '+' || *p == '-')) {
		sign = *p++ == '-' ? -1 : 1;
		if (digits(&p, e, 2, &oh))
			return -1;
		if (p < e && *p == ':')
			p++;
		if (p < e && digits(&p, e, 2, &om))
			return -1;
		if (oh > 23 || om > 59)
			return -1;
		*off = sign * (oh * 3600 + om * 60);
	}
	return p == e ? 0 : -1;
}

static int
all_digits(const char *p, size_t n)
{
	while (n-- > 0)
		if (p[n] < '0' || p[n] > '9')
			return 0;
	return 1;
}

int
date_parse_iso(const char *p, size_t len, int64_t *secs, const char **why)
{
	const char *e;
	int y, mo, d, h = 0, mi = 0, s = 0, off = 0;

	p = text_strip(p, &len);
	e = p + len;
	*why = "not a date (expected YYYY-MM-DD)";
	if (len == 0) {
		*why = "empty";
		return -1;
	}
	if (len == 8 && all_digits(p, 8)) {		/* YYYYMMDD */
		digits(&p, e, 4, &y);
		digits(&p, e, 2, &mo);
		digits(&p, e, 2, &d);
	} else {
		if (digits(&p, e, 4, &y) || p >= e || *p++ != '-' ||
		    digits(&p, e, 2, &mo) || p >= e || *p++ != '-' ||
		    digits(&p, e, 2, &d))
			return -1;
		if (iso_time(p, e, &h, &mi, &s, &off) == -1)
			return -1;
	}
	if (mktime_utc(y, mo, d, h, mi, s, secs, why) == -1)
		return -1;
	*secs -= off;
	return 0;
}

/* Read 1..max digits (a leading space allowed when sp). */
static int
num_field(const char **p, const char *e, int max, int sp, int *v)
{
	int n = 0;

	if (sp && *p < e && **p == ' ')
		(*p)++;
	*v = 0;
	while (n < max && *p < e && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (*(*p)++ - '0');
		n++;
	}
	return n ? 0 : -1;
}

static int
month_name(const char **p, const char *e, int *mo)
{
	size_t n, k;
	int i;

	for (n = 0; *p + n < e && ((*p)[n] | 0x20) >= 'a' &&
	    ((*p)[n] | 0x20) <= 'z'; n++)
		;
	if (n < 3)
		return -1;
	for (i = 0; i < 12; i++) {
		if (n != 3 && n != strlen(month_names[i]))
			continue;
		for (k = 0; k < n; k++)
			if (((*p)[k] | 0x20) != month_names[i][k])
				break;
		if (k == n) {
			*mo = i + 1;
			*p += n;
			return 0;
		}
	}
	return -1;
}

const char *
date_fmt_check(const char *fmt)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%')
			continue;
		if (fmt[1] == '\0')
			return "format ends in '%'";
		if (strchr("YymdeHMSbBjp%", fmt[1]) == NULL)
			return "unsupported conversion (use %Y %y %m %d %e %H "
			    "%M %S %b %B %j %p %%)";
		fmt++;
	}
	return NULL;
}

/* One conversion of date_parse_fmt; fields: y mo d h mi s yday pm. */
static int
convert(char c, const char **p, const char *e, int *f)
{
	switch (c) {
	case 'Y': return num_field(p, e, 4, 0, &f[0]);
	case 'y':
		if (num_field(p, e, 2, 0, &f[0]))
			return -1;
		f[0] += f[0] < 69 ? 2000 : 1900;
		return 0;
	case 'm': return num_field(p, e, 2, 0, &f[1]);
	case 'd': case 'e': return num_field(p, e, 2, 1, &f[2]);
	case 'H': return num_field(p, e, 2, 0, &f[3]);
	case 'M': return num_field(p, e, 2, 0, &f[4]);
	case 'S': return num_field(p, e, 2, 0, &f[5]);
	case 'j': return num_field(p, e, 3, 0, &f[6]);
	case 'b': case 'B': return month_name(p, e, &f[1]);
	case 'p':
		if (e - *p < 2 || ((*p)[1] | 0x20) != 'm')
			return -1;
		if (((*p)[0] | 0x20) == 'a')
			f[7] = 1;
		else if (((*p)[0] | 0x20) == 'p')
			f[7] = 2;
		else
			return -1;
		*p += 2;
		return 0;
	case '%':
		return *p < e && *(*p)++ == '%' ? 0 : -1;
	}
	return -1;
}

int
date_parse_fmt(const char *fmt, const char *p, size_t len, int64_t *secs,
    const char **why)
{
	const char *e;
	int f[8] = { 1970, 1, 1, 0, 0, 0, -1, 0 };	/* -1: no %j */

	p = text_strip(p, &len);
	e = p + len;
	*why = "does not match the date format";
	if (len == 0) {
		*why = "empty";
		return -1;
	}
	for (; *fmt; fmt++) {
		if (*fmt == '%') {
			if (convert(*++fmt, &p, e, f) == -1)
				return -1;
		} else if (*fmt == ' ') {
			while (p < e && *p == ' ')
				p++;
		} else if (p >= e || *p++ != *fmt)
			return -1;
	}
	if (p != e)
		return -1;
	if (f[7]) {		/* 12-hour clock */
		if (f[3] < 1 || f[3] > 12) {
			*why = "no such time";
			return -1;
		}
		f[3] = f[3] % 12 + (f[7] == 2 ? 12 : 0);
	}
	if (f[6] >= 0) {	/* day of the year, 001 to 365 or 366 */
		int64_t d0 = date_days_from_civil(f[0], 1, 1);

		if (f[6] < 1 ||
		    f[6] > 365 + (int)(days_in_month(f[0], 2) == 29)) {
			*why = "no such date";
			return -1;
		}
		*secs = (d0 + f[6] - 1) * 86400 + f[3] * 3600 + f[4] * 60 +
		    f[5];
		return 0;
	}
	return mktime_utc(f[0], f[1], f[2], f[3], f[4], f[5], secs, why);
}

/* The length of a label snprintf'd into 16 bytes (it may be cut). */
static size_t
label_len(int n)
{
	return n < 0 ? 0 : n > 15 ? 15 : (size_t)n;
}

/*
 * A year as ISO 8601 writes it: four digits for 0000 to 9999, else the
 * expanded form, a sign and at least four digits (-0001, +10000).
 */
static const char *
year_fmt(int64_t y)
{
	return y >= 0 && y <= 9999 ? "%04lld" : "%+05lld";
}

size_t
date_fmt_day(char *buf, int64_t days)
{
	char fmt[32];
	int64_t y;
	unsigned m, d;

	date_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(fmt, sizeof(fmt), "%s-%%02u-%%02u", year_fmt(y));
		return label_len(snprintf(buf, 16, fmt, (long long)y, m, d));
	}
	/* the common case by hand: this runs once per output date */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return 10;
}

size_t
date_fmt_secs(char *buf, int64_t secs)
{
	int64_t days = date_days(secs), r = secs - days * 86400;
	size_t n = date_fmt_day(buf, days);

	if (r == 0)
		return n;
	return n + (size_t)snprintf(buf + n, 16, "T%02d:%02d:%02d",
	    (int)(r / 3600), (int)(r / 60 % 60), (int)(r % 60));
}

int64_t
period_index(enum period p, int64_t days)
{
	int64_t y;
	unsigned m, d;

	switch (p) {
	case PERIOD_DAY:
		return days;
	case PERIOD_WEEK:		/* 1970-01-01 was a Thursday */
		return floordiv(days + 3, 7);
	default:
		break;
	}
	date_civil_from_days(days, &y, &m, &d);
	if (p == PERIOD_MONTH)
		return y * 12 + m - 1;
	if (p == PERIOD_QUARTER)
		return y * 4 + (m - 1) / 3;
	return y;
}

int64_t
period_start(enum period p, int64_t idx)
{
	switch (p) {
	case PERIOD_DAY:
		return idx;
	case PERIOD_WEEK:
		return idx * 7 - 3;
	case PERIOD_MONTH:
		return date_days_from_civil(floordiv(idx, 12),
		    (unsigned)(idx - floordiv(idx, 12) * 12) + 1, 1);
	case PERIOD_QUARTER:
		return date_days_from_civil(floordiv(idx, 4),
		    (unsigned)(idx - floordiv(idx, 4) * 4) * 3 + 1, 1);
	case PERIOD_YEAR:
		return date_days_from_civil(idx, 1, 1);
	}
	return 0;
}

size_t
period_label(char *buf, enum period p, int64_t idx)
{
	int64_t y, start = period_start(p, idx);
	unsigned m, d;
	char fmt[32];

	switch (p) {
	case PERIOD_DAY:
		return date_fmt_day(buf, idx);
	case PERIOD_WEEK:		/* the ISO year is its Thursday's */
		date_civil_from_days(start + 3, &y, &m, &d);
		snprintf(fmt, sizeof(fmt), "%s-W%%02lld", year_fmt(y));
		return label_len(snprintf(buf, 16, fmt, (long long)y,
		    (long long)((start + 3 - date_days_from_civil(y, 1, 1)) / 7 +
		    1)));
	case PERIOD_MONTH:
		date_civil_from_days(start, &y, &m, &d);
		snprintf(fmt, sizeof(fmt), "%s-%%02u", year_fmt(y));
		return label_len(snprintf(buf, 16, fmt, (long long)y, m));
	case PERIOD_QUARTER:
		date_civil_from_days(start, &y, &m, &d);
		snprintf(fmt, sizeof(fmt), "%s-Q%%u", year_fmt(y));
		return label_len(snprintf(buf, 16, fmt, (long long)y,
		    (m - 1) / 3 + 1));
	case PERIOD_YEAR:
		return label_len(snprintf(buf, 16, year_fmt(idx), (long long)idx));
	}
	return 0;
}
