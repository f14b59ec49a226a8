/*
 * date.h: calendar dates and times, proleptic Gregorian, UTC.
 * Days count from 1970-01-01 (day 0); times are seconds since then.
 */
#ifndef CRM_DATE_H
#define CRM_DATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * ISO 8601: YYYY-MM-DD, optionally followed by 'T' or ' ' and
 * HH:MM[:SS[.frac]] and an optional 'Z' or +HH:MM / -HH:MM offset
 * (converted to UTC).  Also the basic form YYYYMMDD.  Returns 0 and the
 * time in *secs, or -1 with *why set.
 */
int	 date_parse_iso(const char *p, size_t len, int64_t *secs,
	    const char **why);
/*
 * Parse with a strftime-like format: %Y %y %m %d %e %H %M %S %b (month
 * name or abbreviation, any case) %j %p %% and literal characters.
 * Returns 0 or -1 with *why.
 */
int	 date_parse_fmt(const char *fmt, const char *p, size_t len,
	    int64_t *secs, const char **why);
/* A format string that date_parse_fmt accepts, or a reason it does not. */
const char *date_fmt_check(const char *fmt);

int64_t	 date_days_from_civil(int64_t y, unsigned m, unsigned d);
void	 date_civil_from_days(int64_t days, int64_t *y, unsigned *m,
	    unsigned *d);
/* Floor division of seconds to days. */
int64_t	 date_days(int64_t secs);
/*
 * Format a day as YYYY-MM-DD into buf (>= 16 bytes; the year as
 * period_label writes it); returns length.
 */
size_t	 date_fmt_day(char *buf, int64_t days);
/* Format seconds as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS if not midnight. */
size_t	 date_fmt_secs(char *buf, int64_t secs);

enum period { PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER,
	PERIOD_YEAR };
/* Names for opt_enum: "day", "week", ... NULL-terminated. */
extern const char *const period_names[];
/*
 * The index of the period containing days: for day, the day; week,
 * the ISO week (Monday-based) as days of its Monday / 7; month, y*12+m-1;
 * quarter, y*4+q-1; year, y.  Consecutive periods differ by 1.
 */
int64_t	 period_index(enum period, int64_t days);
/* The first day of period index idx. */
int64_t	 period_start(enum period, int64_t idx);
/*
 * Label a period: 2024-03-05 (day), 2024-W10 (ISO week), 2024-03,
 * 2024-Q1, 2024.  Years outside 0000..9999 take ISO 8601's expanded
 * form, a sign and at least four digits: -0001-W52 (the ISO week of
 * 0000-01-01), +10000-01.  buf >= 16 bytes (a longer label is cut).
 * Returns length.
 */
size_t	 period_label(char *buf, enum period, int64_t idx);

#endif
