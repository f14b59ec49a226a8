/*
 * num.h: numbers in text, locale-independent: strict parsing (num.c) and
 * the shortest round-trip formatting (numfmt.c).
 */
#ifndef CRM_NUM_H
#define CRM_NUM_H

#include <stddef.h>

/*
 * Parse a decimal number: optional surrounding spaces, sign, digits with
 * an optional point, optional exponent.  Rejects "", "nan", "inf", hex,
 * thousands separators and trailing garbage.  Returns 0, or -1 with a
 * short reason in *why ("not a number", "empty", "out of range").
 */
int	 num_parse(const char *p, size_t len, double *out, const char **why);
/* The same for integers within [min, max]. */
int	 num_parse_int(const char *p, size_t len, long long min,
	    long long max, long long *out, const char **why);
/* True when the field is empty or only spaces. */
int	 num_blank(const char *p, size_t len);
/*
 * Write v into buf (at least 32 bytes) in the shortest form that reads
 * back as the same double: what the first of %.15g, %.16g, %.17g that
 * round-trips writes ("0.1", "1e+21", "nan", "-inf"; -0 as "0").
 * NUL-terminated; returns the length.
 */
size_t	 num_fmt(char *buf, double v);
/* Write v in decimal into buf (at least 21 bytes); returns the length. */
size_t	 num_fmt_int(char *buf, long long v);

/*
 * qsort(3) comparator of doubles, ascending (NaN is neither below nor
 * above anything: keep NaN out of what is sorted).
 */
int	 num_cmp(const void *, const void *);

#endif
