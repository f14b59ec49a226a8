/*
 * rules.c: what crm-clean does to one row: the cell transformations
 * (--trim, --lower, --upper) and the validation rules (--require,
 * --match), with the reason of a rejection.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "num.h"
#include "rx.h"
#include "text.h"
#include "clean.h"

/* Longest part of a bad value quoted in a reason. */
#define WHY_VALUE_MAX	64

/*
 * Transform the cells of the columns with ops into cl->scratch, setting
 * cl->val/len/chg for those columns and cl->changed.  An unchanged cell
 * keeps pointing at the row, so that its bytes pass through as they were.
 * Each cell needs at most twice its length of scratch (trim, then case).
 */
void
clean_rules_transform(struct cleaner *cl, const struct csv_row *row)
{
	const char *src;
	size_t k, c, n, need = 1;
	char *p, *q;

	cl->changed = 0;
	if (cl->ntcols == 0)
		return;
	for (k = 0; k < cl->ntcols; k++) {
		c = cl->tcols[k];
		cl->val[c] = csv_field(row, c, &cl->len[c]);
		need += 2 * cl->len[c];
	}
	cl->scratch = xgrow(cl->scratch, &cl->scap, need, 1);
	p = cl->scratch;
	for (k = 0; k < cl->ntcols; k++) {
		c = cl->tcols[k];
		src = cl->val[c];
		n = cl->len[c];
		q = p;
		if (cl->ops[c] & OP_TRIM) {
			n = text_squeeze(src, n, p);
			src = p;
			p += n;
		}
		if (cl->ops[c] & OP_LOWER) {
			n = text_lower(src, n, p);
			src = p;
			p += n;
		} else if (cl->ops[c] & OP_UPPER) {
			n = text_upper(src, n, p);
			src = p;
			p += n;
		}
		cl->chg[c] = n != cl->len[c] || memcmp(src, cl->val[c], n) != 0;
		if (cl->chg[c]) {
			cl->val[c] = src;
			cl->len[c] = n;
			cl->changed = 1;
		} else
			p = q;
	}
}

/* The value of column col in this row, after its transformations. */
const char *
clean_rules_value(const struct cleaner *cl, const struct csv_row *row,
    size_t col,
    size_t *len)
{
	if (cl->ops[col]) {
		*len = cl->len[col];
		return cl->val[col];
	}
	return csv_field(row, col, len);
}

/* Set the reason of a rejection (cl->why, grown as needed). */
void
clean_rules_why(struct cleaner *cl, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(cl->why, cl->whycap, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < cl->whycap)
		return;
	cl->why = xgrow(cl->why, &cl->whycap, (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(cl->why, cl->whycap, fmt, ap);
	va_end(ap);
}

/*
 * The length of v to quote in a message: at most WHY_VALUE_MAX bytes,
 * not cutting a UTF-8 sequence.
 */
int
clean_quote_len(const char *v, size_t n)
{
	if (n <= WHY_VALUE_MAX)
		return (int)n;
	n = WHY_VALUE_MAX;
	while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/*
 * Apply --require and --match to the transformed row.  Returns 0 when
 * the row passes, or -1 with the reason in cl->why and the count of
 * that rule incremented.  The first failing rule gives the reason.
 */
int
clean_rules_check(struct cleaner *cl, const struct csv_row *row)
{
	const struct opts *o = cl->o;
	const struct match *m;
	const char *v;
	size_t i, c, n;
	int rc, q;

	for (i = 0; i < o->require.n; i++) {
		c = (size_t)o->require.idx[i];
		v = clean_rules_value(cl, row, c, &n);
		if (num_blank(v, n)) {
			cl->t.required[c]++;
			clean_rules_why(cl, "column '%s': empty (required)",
			    o->require.names[i]);
			return -1;
		}
	}
	for (i = 0; i < o->nmatch; i++) {
		m = &o->match[i];
		v = clean_rules_value(cl, row, m->idx, &n);
		if ((rc = rx_match(m->rx, v, n, 0, NULL, NULL)) == 1)
			continue;
		cl->t.nomatch[m->idx]++;
		q = clean_quote_len(v, n);
		clean_rules_why(cl, "column '%s': %s '%s' ('%.*s%s')", m->col,
		    rc == 0 ? "does not match" : "match failed for", m->pattern,
		    q, v, (size_t)q < n ? "..." : "");
		return -1;
	}
	return 0;
}
