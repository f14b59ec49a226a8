/* test_date.c: ISO and formatted dates, periods (common/date.c). */
#include <string.h>

#include "date.h"
#include "t.h"

static int64_t
iso(const char *s)
{
	const char *why;
	int64_t t;

	return date_parse_iso(s, strlen(s), &t, &why) == 0 ? t : -999999;
}

static int64_t
fmt(const char *f, const char *s)
{
	const char *why;
	int64_t t;

	return date_parse_fmt(f, s, strlen(s), &t, &why) == 0 ? t : -999999;
}

static void
t_iso(void)
{
	CHECK(iso("1970-01-01") == 0);
	CHECK(iso("2000-03-01") == 951868800);
	CHECK(iso("2024-02-29") == 1709164800);
	CHECK(iso("20240229") == 1709164800);
	CHECK(iso("2024-02-29T13:45:10") == 1709164800 + 49510);
	CHECK(iso("2024-02-29 13:45") == 1709164800 + 49500);
	CHECK(iso("2024-02-29T13:45:10.250Z") == 1709164800 + 49510);
	CHECK(iso("2024-02-29T13:45:10+02:00") == 1709164800 + 49510 - 7200);
	CHECK(iso("1969-12-31") == -86400);
	CHECK(iso(" 1900-01-01 ") == -2208988800LL);
	CHECK(iso("2023-02-29") == -999999);
	CHECK(iso("2023-13-01") == -999999);
	CHECK(iso("2023-1-1") == -999999);
	CHECK(iso("2023-01-01T25:00") == -999999);
	CHECK(iso("2023-01-01x") == -999999);
	CHECK(iso("") == -999999);
	CHECK(iso("01/02/2023") == -999999);
}

static void
t_formats(void)
{
	CHECK(fmt("%d/%m/%Y", "29/02/2024") == 1709164800);
	CHECK(fmt("%m/%d/%y", "2/29/24") == 1709164800);
	CHECK(fmt("%d %b %Y", "29 Feb 2024") == 1709164800);
	CHECK(fmt("%B %e, %Y", "february 29, 2024") == 1709164800);
	CHECK(fmt("%Y%j", "2024060") == 1709164800);
	CHECK(fmt("%d/%m/%Y %H:%M", "29/02/2024 13:45") == 1709164800 + 49500);
	CHECK(fmt("%m/%d/%Y %H:%M %p", "02/29/2024 01:45 PM") ==
	    1709164800 + 49500);
	CHECK(fmt("%m/%d/%Y %H:%M %p", "02/29/2024 12:05 am") ==
	    1709164800 + 300);
	CHECK(fmt("%d/%m/%Y", "30/02/2024") == -999999);
	/* %j is 001 to 365 (366 in a leap year): day 000 does not exist */
	CHECK(fmt("%Y%j", "2024000") == -999999);
	CHECK(fmt("%Y-%j", "2023-000") == -999999);
	CHECK(fmt("%Y%j", "2023001") == iso("2023-01-01"));
	CHECK(fmt("%Y%j", "2024366") == iso("2024-12-31"));
	CHECK(fmt("%Y%j", "2023366") == -999999);
	CHECK(fmt("%d/%m/%Y", "29/02/2024x") == -999999);
	CHECK(date_fmt_check("%d/%m/%Y") == NULL);
	CHECK(date_fmt_check("%Q") != NULL);
	CHECK(date_fmt_check("abc%") != NULL);
}

static void
t_civil_roundtrip(void)
{
	int64_t d, y;
	unsigned m, dd;

	for (d = -800000; d < 800000; d += 7) {
		date_civil_from_days(d, &y, &m, &dd);
		CHECK(date_days_from_civil(y, m, dd) == d);
	}
}

static void
t_periods(void)
{
	char buf[32];
	int64_t d = iso("2024-02-29") / 86400, i;

	CHECK(date_days(-1) == -1);
	period_label(buf, PERIOD_MONTH, period_index(PERIOD_MONTH, d));
	CHECK(strcmp(buf, "2024-02") == 0);
	period_label(buf, PERIOD_QUARTER, period_index(PERIOD_QUARTER, d));
	CHECK(strcmp(buf, "2024-Q1") == 0);
	period_label(buf, PERIOD_YEAR, period_index(PERIOD_YEAR, d));
	CHECK(strcmp(buf, "2024") == 0);
	period_label(buf, PERIOD_WEEK, period_index(PERIOD_WEEK, d));
	CHECK(strcmp(buf, "2024-W09") == 0);
	/* ISO weeks at year ends: 2021-01-03 is in 2020-W53 */
	i = period_index(PERIOD_WEEK, iso("2021-01-03") / 86400);
	period_label(buf, PERIOD_WEEK, i);
	CHECK(strcmp(buf, "2020-W53") == 0);
	i = period_index(PERIOD_WEEK, iso("2024-12-30") / 86400);
	period_label(buf, PERIOD_WEEK, i);
	CHECK(strcmp(buf, "2025-W01") == 0);
	CHECK(period_start(PERIOD_WEEK, i) == iso("2024-12-30") / 86400);
	CHECK(period_start(PERIOD_MONTH, period_index(PERIOD_MONTH, d)) ==
	    iso("2024-02-01") / 86400);
	CHECK(period_start(PERIOD_QUARTER, period_index(PERIOD_QUARTER, d)) ==
	    iso("2024-01-01") / 86400);
	CHECK(period_index(PERIOD_MONTH, iso("2024-03-01") / 86400) ==
	    period_index(PERIOD_MONTH, d) + 1);
	/*
	 * Years outside 0000..9999 in ISO 8601's expanded form: the ISO
	 * week of 0000-01-01 (a Saturday) is the last of year -1, which
	 * began on a Friday and has 52 weeks (it printed as -001-W52)
	 */
	i = period_index(PERIOD_WEEK, date_days_from_civil(0, 1, 1));
	period_label(buf, PERIOD_WEEK, i);
	CHECK(strcmp(buf, "-0001-W52") == 0);
	i = period_index(PERIOD_WEEK, date_days_from_civil(0, 1, 3));
	period_label(buf, PERIOD_WEEK, i);
	CHECK(strcmp(buf, "0000-W01") == 0);
	period_label(buf, PERIOD_YEAR, -1);
	CHECK(strcmp(buf, "-0001") == 0);
	period_label(buf, PERIOD_MONTH, 10000 * 12 + 2);
	CHECK(strcmp(buf, "+10000-03") == 0);
	period_label(buf, PERIOD_QUARTER, -4);
	CHECK(strcmp(buf, "-0001-Q1") == 0);
	date_fmt_day(buf, date_days_from_civil(-1, 12, 31));
	CHECK(strcmp(buf, "-0001-12-31") == 0);
	date_fmt_secs(buf, iso("2024-02-29T13:45:10"));
	CHECK(strcmp(buf, "2024-02-29T13:45:10") == 0);
	date_fmt_day(buf, -1);
	CHECK(strcmp(buf, "1969-12-31") == 0);
}

int
main(void)
{
	RUN(t_iso);
	RUN(t_formats);
	RUN(t_civil_roundtrip);
	RUN(t_periods);
	T_EXIT();
}
