/*
 * fuzz_date.c: libFuzzer target for the date parsers.
 * Invariants: a parsed ISO date formats back (date_fmt_secs) and
 * re-parses to the same time; days and civil dates convert both ways;
 * every period contains its day and starts where its index says.  With
 * a NUL in the input, the part before it is a date_parse_fmt format.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_periods(int64_t days)
{
	char buf[32];
	int64_t idx, start;
	int p;

	for (p = PERIOD_DAY; p <= PERIOD_YEAR; p++) {
		idx = period_index((enum period)p, days);
		start = period_start((enum period)p, idx);
		if (start > days || period_index((enum period)p, start) != idx)
			abort();
		if (period_index((enum period)p, start - 1) != idx - 1)
			abort();
		if (period_label(buf, (enum period)p, idx) >= sizeof(buf))
			abort();
	}
}

static void
check_secs(int64_t secs)
{
	char buf[64];
	const char *why;
	int64_t days, y, again;
	unsigned m, d;
	size_t n;

	days = date_days(secs);
	date_civil_from_days(days, &y, &m, &d);
	if (m < 1 || m > 12 || d < 1 || d > 31 ||
	    date_days_from_civil(y, m, d) != days)
		abort();
	/* Only four-digit years have an ISO form that parses back. */
	if (y < 1 || y > 9999)
		return;
	check_periods(days);
	n = date_fmt_secs(buf, secs);
	why = NULL;
	if (date_parse_iso(buf, n, &again, &why) != 0 || again != secs)
		abort();
	n = date_fmt_day(buf, days);
	if (date_parse_iso(buf, n, &again, &why) != 0 ||
	    again != days * 86400)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL, *nul;
	char *copy, *fmt;
	int64_t secs;

	copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	if (date_parse_iso(copy, size, &secs, &why) == 0)
		check_secs(secs);
	else if (why == NULL)
		abort();
	nul = memchr(copy, '\0', size);
	if (nul != NULL) {
		fmt = copy;	/* NUL-terminated format, then the text */
		if (date_fmt_check(fmt) == NULL) {
			why = NULL;
			if (date_parse_fmt(fmt, nul + 1,
			    size - (size_t)(nul + 1 - copy), &secs, &why) == 0)
				check_secs(secs);
			else if (why == NULL)
				abort();
		}
	}
	free(copy);
	return 0;
}
