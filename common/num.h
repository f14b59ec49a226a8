/* num.h: strict, locale-independent number parsing. */
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
 * qsort(3) comparator of doubles, ascending (NaN is neither below nor
 * above anything: keep NaN out of what is sorted).
 */
int	 num_cmp(const void *, const void *);

#endif
