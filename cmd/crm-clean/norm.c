/*
 * norm.c: crm-clean's normalisers, each rewriting one cell: --email,
 * --phone (E.164), --date (ISO 8601), --amount (plain decimals), --name;
 * and the column statistics behind --fill and --outliers.  A normaliser
 * writes into a buffer the caller sizes with NORM_ROOM and allocates
 * nothing; a value it cannot read is an error with its reason.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "hash.h"
#include "ml/order.h"
#include "num.h"
#include "text.h"
#include "prep.h"

/* ---- e-mail ---- */

static int
local_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80 ||
	    (c != 0 && strchr("!#$%&'*+/=?^_`{|}~.-", c) != NULL);
}

/* A domain: two or more labels of letters, digits and '-'. */
static int
domain_ok(const char *p, size_t n)
{
	size_t i, start = 0, labels = 0;
	int digits_only = 1;

	if (n == 0 || n > 253)
		return 0;
	for (i = 0; i <= n; i++) {
		unsigned char c = i < n ? (unsigned char)p[i] : '.';

		if (c == '.') {
			if (i == start || p[start] == '-' || p[i - 1] == '-' ||
			    i - start > 63)
				return 0;
			labels++;
			if (i < n)
				digits_only = 1;
			start = i + 1;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c >= 0x80)
			digits_only = 0;
		else if (!(c >= '0' && c <= '9') && c != '-')
			return 0;
	}
	return labels >= 2 && !digits_only;
}

/* Gmail ignores dots and a +tag in the local part; googlemail = gmail. */
static size_t
gmail_local(const char *p, size_t n, char *out)
{
	size_t i, k = 0;

	for (i = 0; i < n && p[i] != '+'; i++)
		if (p[i] != '.')
			out[k++] = p[i];
	return text_lower(out, k, out);
}

long
norm_email(const struct norm_cfg *cfg, const char *p, size_t n, char *out,
    char *why, size_t whylen)
{
	const char *at, *dom;
	size_t i, ln, dn, k;

	(void)whylen;
	n = text_squeeze(p, n, out);
	if ((at = memchr(out, '@', n)) == NULL ||
	    memchr(at + 1, '@', n - (size_t)(at - out) - 1) != NULL) {
		snprintf(why, whylen, "not an e-mail address (%s '@')",
		    at == NULL ? "no" : "more than one");
		return -1;
	}
	ln = (size_t)(at - out);
	dom = at + 1;
	dn = n - ln - 1;
	for (i = 0; i < ln; i++)
		if (!local_char((unsigned char)out[i]) || (out[i] == '.' &&
		    (i == 0 || i == ln - 1 || out[i + 1] == '.')))
			break;
	if (ln == 0 || ln > 64 || i < ln) {
		snprintf(why, whylen, "not an e-mail address (bad local part)");
		return -1;
	}
	if (!domain_ok(dom, dn)) {
		snprintf(why, whylen, "not an e-mail address (bad domain)");
		return -1;
	}
	text_lower(out + ln + 1, dn, out + ln + 1);
	if (cfg->po->email_lower_local)
		text_lower(out, ln, out);
	if (cfg->po->email_canonical && ((dn == 9 &&
	    memcmp(dom, "gmail.com", 9) == 0) || (dn == 14 &&
	    memcmp(dom, "googlemail.com", 14) == 0))) {
		k = gmail_local(out, ln, out);
		if (k == 0) {
			snprintf(why, whylen, "not an e-mail address "
			    "(empty gmail local part)");
			return -1;
		}
		memcpy(out + k, "@gmail.com", 10);
		return (long)(k + 10);
	}
	return (long)n;
}

/* ---- phone numbers ---- */

/* A region: its calling code, trunk and international prefixes and the
 * digits of a national significant number. */
static const struct country {
	const char	*cc;
	const char	*code;
	const char	*trunk;
	const char	*intl;
	unsigned	 min, max;
} countries[] = {
	{ "US", "1", "1", "011", 10, 10 },
	{ "CA", "1", "1", "011", 10, 10 },
	{ "CN", "86", "0", "00", 9, 11 },
	{ "GB", "44", "0", "00", 9, 10 },
	{ "DE", "49", "0", "00", 6, 13 },
	{ "FR", "33", "0", "00", 9, 9 },
	{ "IN", "91", "0", "00", 10, 10 },
	{ "JP", "81", "0", "010", 9, 10 },
	{ "AU", "61", "0", "0011", 9, 9 },
	{ "ES", "34", "", "00", 9, 9 },
};
#define NCOUNTRIES (sizeof(countries) / sizeof(countries[0]))

static const struct country *
country_find(const char *cc, size_t n)
{
	size_t i;

	for (i = 0; i < NCOUNTRIES; i++)
		if (n == 2 && (cc[0] & ~0x20) == countries[i].cc[0] &&
		    (cc[1] & ~0x20) == countries[i].cc[1])
			return &countries[i];
	return NULL;
}

int
norm_country_known(const char *cc, size_t n)
{
	return country_find(cc, n) != NULL;
}

static int
starts(const char *d, size_t n, const char *pre)
{
	size_t k = strlen(pre);

	return k <= n && memcmp(d, pre, k) == 0;
}

/*
 * Check the national significant number nsn of region c and write
 * +CODE NSN to out.  Returns the length or -1.
 */
static long
e164(const struct country *c, const char *nsn, size_t n, char *out,
    char *why, size_t whylen)
{
	size_t k;

	if (n < c->min || n > c->max) {
		if (c->min == c->max)
			snprintf(why, whylen, "not a phone number of %s (%zu "
			    "digits, %u expected)", c->cc, n, c->min);
		else
			snprintf(why, whylen, "not a phone number of %s (%zu "
			    "digits, %u to %u expected)", c->cc, n, c->min,
			    c->max);
		return -1;
	}
	if (nsn[0] == '0' || (strcmp(c->code, "1") == 0 && (nsn[0] < '2' ||
	    nsn[3] < '2')) || (strcmp(c->code, "86") == 0 &&
	    nsn[0] == '1' && nsn[1] >= '3' && n != 11)) {
		snprintf(why, whylen, "not a phone number of %s", c->cc);
		return -1;
	}
	out[0] = '+';
	k = strlen(c->code);
	memcpy(out + 1, c->code, k);
	memcpy(out + 1 + k, nsn, n);
	return (long)(1 + k + n);
}

/* An international number: digits after + (or the intl prefix). */
static long
phone_intl(const char *d, size_t n, char *out, char *why, size_t whylen)
{
	const struct country *c;
	size_t i, k;

	for (i = 0; i < NCOUNTRIES; i++) {
		c = &countries[i];
		if (!starts(d, n, c->code) || (i > 0 && c->code ==
		    countries[i - 1].code))
			continue;
		k = strlen(c->code);
		/* "+44 020 ...": a trunk 0 that does not belong */
		if (n - k > c->max && d[k] == '0' && *c->trunk == '0')
			k++;
		return e164(c, d + k, n - k, out, why, whylen) == -1 ? -1 :
		    (long)(1 + strlen(c->code) + n - k);
	}
	if (n < 7 || n > 15) {
		snprintf(why, whylen, "not a phone number (%zu digits; "
		    "E.164 has 7 to 15)", n);
		return -1;
	}
	out[0] = '+';
	memcpy(out + 1, d, n);
	return (long)(n + 1);
}

/*
 * Collect the digits of p into d: formatting (spaces, - . / ( )) goes,
 * anything else is an error; *plus when it starts with '+'.  A "(0)"
 * after a '+' is the trunk prefix written in brackets: dropped.
 */
static long
phone_digits(const char *p, size_t n, char *d, int *plus)
{
	size_t i, k = 0;

	p = text_strip(p, &n);
	*plus = n > 0 && p[0] == '+';
	for (i = *plus; i < n; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			d[k++] = p[i];
		else if (*plus && p[i] == '(' && i + 2 < n && p[i + 1] == '0' &&
		    p[i + 2] == ')')
			i += 2;
		else if (strchr(" -./()", p[i]) == NULL || p[i] == '\0')
			return -1;
	}
	return (long)k;
}

long
norm_phone(const struct norm_cfg *cfg, const char *cc, const char *p,
    size_t n, char *out, char *why, size_t whylen)
{
	const struct country *c = NULL;
	char *d = out + n + 24;		/* the digits, after the output */
	long k;
	size_t nd, t;
	int plus;

	if ((k = phone_digits(p, n, d, &plus)) <= 0) {
		snprintf(why, whylen, "not a phone number");
		return -1;
	}
	nd = (size_t)k;
	if (plus)
		return phone_intl(d, nd, out, why, whylen);
	if (cc != NULL)
		c = country_find(cc, strlen(cc));
	if (c == NULL && cfg->po->country != NULL)
		c = country_find(cfg->po->country, strlen(cfg->po->country));
	if (c == NULL) {
		snprintf(why, whylen, "phone number without a country code "
		    "(name the default with --country)");
		return -1;
	}
	if (starts(d, nd, c->intl) && nd > strlen(c->intl) + 6)
		return phone_intl(d + strlen(c->intl), nd - strlen(c->intl),
		    out, why, whylen);
	t = strlen(c->trunk);
	/* a national number never starts with 0: that is the trunk */
	if (starts(d, nd, c->trunk) && (*c->trunk == '0' ||
	    (nd - t >= c->min && nd - t <= c->max)))
		return e164(c, d + t, nd - t, out, why, whylen);
	return e164(c, d, nd, out, why, whylen);
}

/* ---- dates ---- */

void
norm_cfg_init(struct norm_cfg *cfg, const struct prep_opts *po)
{
	static const char *const times[] = {
		"", " %H:%M:%S", " %H:%M", "T%H:%M:%S", "T%H:%M"
	};
	size_t i, j, n;
	char **f;

	cfg->po = po;
	n = po->ndatefmt * 5;
	f = xcalloc(n + 1, sizeof(*f));
	cfg->nfmts = 0;
	for (i = 0; i < po->ndatefmt; i++)
		for (j = 0; j < 5; j++) {
			if (j > 0 && strstr(po->datefmt[i], "%H") != NULL)
				break;
			f[cfg->nfmts] = xmalloc(strlen(po->datefmt[i]) + 12);
			snprintf(f[cfg->nfmts], strlen(po->datefmt[i]) + 12,
			    "%s%s", po->datefmt[i], times[j]);
			cfg->nfmts++;
		}
	cfg->fmts = (const char *const *)f;
}

void
norm_cfg_free(struct norm_cfg *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nfmts; i++)
		free((char *)cfg->fmts[i]);
	free((void *)cfg->fmts);
}

/* The date (and time, when it has one) of secs as ISO 8601. */
static long
iso_out(int64_t secs, int with_time, char *out)
{
	int64_t r = secs - date_days(secs) * 86400;
	size_t n = date_fmt_day(out, date_days(secs));

	if (!with_time)
		return (long)n;
	return (long)(n + (size_t)snprintf(out + n, 16, "T%02d:%02d:%02d",
	    (int)(r / 3600), (int)(r / 60 % 60), (int)(r % 60)));
}

/* Index into po->datefmt of the base format of fmts[i]. */
static size_t
base_of(const struct norm_cfg *cfg, size_t i)
{
	size_t b, j = 0;

	for (b = 0; b < cfg->po->ndatefmt; b++) {
		size_t nv = strstr(cfg->po->datefmt[b], "%H") ? 1 : 5;

		if (i < j + nv)
			return b;
		j += nv;
	}
	return 0;
}

long
norm_date(const struct norm_cfg *cfg, const char *p, size_t n, char *out,
    char *why, size_t whylen)
{
	const char *w, *nosuch = NULL;
	int64_t secs, first = 0;
	size_t i, fb = 0, q, nbase = (size_t)-1;
	long len = -1;
	char a[32], b[32];

	q = n;
	text_strip(p, &q);
	if (date_parse_iso(p, n, &secs, &w) == 0)
		return iso_out(secs, q > 10, out);
	if (strcmp(w, "no such date") == 0 || strcmp(w, "no such time") == 0)
		nosuch = w;
	for (i = 0; i < cfg->nfmts; i++) {
		if (date_parse_fmt(cfg->fmts[i], p, n, &secs, &w) == -1) {
			if (strcmp(w, "no such date") == 0 ||
			    strcmp(w, "no such time") == 0) {
				nosuch = w;
				nbase = base_of(cfg, i);
			}
			continue;
		}
		if (len < 0) {
			first = secs;
			fb = base_of(cfg, i);
			len = iso_out(secs, strstr(cfg->fmts[i], "%H") != NULL,
			    out);
		} else if (secs != first && base_of(cfg, i) != fb) {
			iso_out(first, 0, a);
			iso_out(secs, 0, b);
			snprintf(why, whylen, "ambiguous date: %s gives %s, %s "
			    "gives %s (keep one --date-format)",
			    cfg->po->datefmt[fb], a,
			    cfg->po->datefmt[base_of(cfg, i)], b);
			return -1;
		}
	}
	if (len >= 0)
		return len;
	if (nosuch != NULL && nbase != (size_t)-1)
		snprintf(why, whylen, "%s as %s (written in another format? "
		    "name it with --date-format)", nosuch,
		    cfg->po->datefmt[nbase]);
	else if (nosuch != NULL)
		snprintf(why, whylen, "%s", nosuch);
	else if (cfg->po->ndatefmt == 0)
		snprintf(why, whylen, "not a date (expected YYYY-MM-DD; "
		    "name its format with --date-format)");
	else
		snprintf(why, whylen, "not a date in the formats given (add "
		    "its format with --date-format)");
	return -1;
}

/* ---- amounts ---- */

/* Skip a currency sign or code at p: its length, or 0. */
static size_t
currency(const char *p, size_t n)
{
	static const char *const signs[] = {
		"$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5", "\xef\xbf\xa5",
		"\xe2\x82\xb9", "\xe5\x85\x83", "US$", "A$", "C$", "HK$", "R$",
		"kr", "CHF", NULL
	};
	size_t i, k;

	for (i = 0; signs[i] != NULL; i++) {
		k = strlen(signs[i]);
		if (k <= n && memcmp(p, signs[i], k) == 0)
			return k;
	}
	if (n >= 3 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' &&
	    p[1] <= 'Z' && p[2] >= 'A' && p[2] <= 'Z' && (n == 3 ||
	    !((p[3] | 0x20) >= 'a' && (p[3] | 0x20) <= 'z')))
		return 3;
	return 0;
}

/* White space inside an amount: ASCII blanks, U+00A0, U+2009, U+202F. */
static size_t
amount_space(const char *p, size_t n)
{
	if (n >= 1 && (p[0] == ' ' || p[0] == '\t'))
		return 1;
	if (n >= 2 && memcmp(p, "\xc2\xa0", 2) == 0)
		return 2;
	if (n >= 3 && (memcmp(p, "\xe2\x80\xaf", 3) == 0 ||
	    memcmp(p, "\xe2\x80\x89", 3) == 0))
		return 3;
	return 0;
}

/*
 * The number part: digits with group separators (every group after the
 * first of three digits, or Indian: twos then a final three) and one
 * decimal mark.  Writes the digits and '.' to out; -1 when malformed.
 */
static long
amount_body(const char *p, size_t n, char dec, char *out)
{
	size_t i, k = 0, g = 0, ng = 0, first = 0, sp;
	int frac = 0, two = 0, three = 0;
	char grp = dec == '.' ? ',' : '.';

	for (i = 0; i < n; i++) {
		if (p[i] >= '0' && p[i] <= '9') {
			out[k++] = p[i];
			g++;
			continue;
		}
		if (!frac && p[i] == dec) {
			if (ng > 0 && g != 3)
				return -1;
			frac = 1;
			out[k++] = '.';
			g = 0;
			continue;
		}
		sp = 0;
		if (frac || g == 0 || (p[i] != grp && p[i] != '\'' &&
		    (sp = amount_space(p + i, n - i)) == 0))
			return -1;
		if (ng++ == 0)
			first = g;
		else if (g == 2)
			two = 1;
		else if (g == 3)
			three = 1;
		else
			return -1;
		if (first > 3)
			return -1;
		if (sp > 0)
			i += sp - 1;
		g = 0;
	}
	if ((ng > 0 && !frac && g != 3) || (two && (three || first > 2)))
		return -1;
	if (k == 0 || (k == 1 && out[0] == '.'))
		return -1;
	return (long)k;
}

/* One comma and no point after it: perhaps written 12,5 for 12.5. */
static int
comma_decimal(const char *p, size_t n)
{
	const char *c = memchr(p, ',', n);

	return c != NULL && memchr(c + 1, ',', n - (size_t)(c - p) - 1) ==
	    NULL && memchr(c + 1, '.', n - (size_t)(c - p) - 1) == NULL;
}

long
norm_amount(const struct norm_cfg *cfg, const char *p, size_t n, char *out,
    char *why, size_t whylen)
{
	char dec = cfg->po->decimal_comma ? ',' : '.';
	const char *e;
	size_t k, i, s;
	long bl;
	int neg = 0, paren = 0;

	p = text_strip(p, &n);
	e = p + n;
	if (n > 0 && p[0] == '(' && p[n - 1] == ')') {
		paren = neg = 1;
		p++;
		e--;
	}
	/* sign and currency, in either order, then the same at the end */
	for (i = 0; i < 4 && p < e && !(*p >= '0' && *p <= '9'); i++) {
		if (*p == '-' || *p == '+') {
			neg |= *p++ == '-';
		} else if ((k = currency(p, (size_t)(e - p))) > 0)
			p += k;
		else if ((s = amount_space(p, (size_t)(e - p))) > 0)
			p += s;
		else
			break;
	}
	for (i = 0; i < 4 && p < e && !(e[-1] >= '0' && e[-1] <= '9'); i++) {
		for (k = 1; k <= 4 && k <= (size_t)(e - p); k++)
			if (currency(e - k, k) == k)
				break;
		if (k <= 4 && k <= (size_t)(e - p))
			e -= k;
		else if (e[-1] == ' ' || e[-1] == '\t')
			e--;
		else if (e - p >= 2 && memcmp(e - 2, "\xc2\xa0", 2) == 0)
			e -= 2;
		else if (e[-1] == '-' && !paren) {
			neg = 1;
			e--;
		} else
			break;
	}
	out[0] = '-';
	if ((bl = amount_body(p, (size_t)(e - p), dec, out + neg)) < 0) {
		snprintf(why, whylen, "not an amount%s", dec == '.' &&
		    comma_decimal(p, (size_t)(e - p)) ?
		    " (a decimal comma? use --decimal-comma)" : "");
		return -1;
	}
	/* leading zeros go ("007.5" is 7.5); ".5" becomes 0.5 */
	k = (size_t)neg;
	while ((size_t)bl > 1 && out[k] == '0' && out[k + 1] != '.') {
		memmove(out + k, out + k + 1, (size_t)bl - 1);
		bl--;
	}
	if (out[k] == '.') {
		memmove(out + k + 1, out + k, (size_t)bl);
		out[k] = '0';
		bl++;
	}
	if (out[k + (size_t)bl - 1] == '.')
		bl--;			/* "12." is 12 */
	return bl + neg;
}

/* ---- names ---- */

static int
name_sep(uint32_t c)
{
	return c == ' ' || c == '-' || c == '\'' || c == 0x2019 || c == '.';
}

/* title_word for an ASCII word: 1, or 0 when it is not ASCII. */
static int
title_ascii(const char *p, size_t n, char *out)
{
	size_t i;
	int up = 0, low = 0, first = 1;
	char c;

	for (i = 0; i < n; i++) {
		if ((unsigned char)p[i] >= 0x80)
			return 0;
		up |= p[i] >= 'A' && p[i] <= 'Z';
		low |= p[i] >= 'a' && p[i] <= 'z';
	}
	memmove(out, p, n);
	if (up && low)
		return 1;		/* McDonald: as written */
	for (i = 0; i < n; i++) {
		c = out[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c >= 'a' && c <= 'z' && first) {
			c -= 'a' - 'A';
			first = 0;
		}
		out[i] = c;
	}
	return 1;
}

/* Title-case the word p[0..n) into out when it is all one case. */
static void
title_word(const char *p, size_t n, char *out)
{
	uint32_t c, m;
	size_t i, k, first = 1;
	int up = 0, low = 0;
	char buf[4];

	if (title_ascii(p, n, out))
		return;
	memcpy(out, p, n);
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(p + i, n - i, &c)) == 0)
			return;		/* invalid UTF-8: as written */
		if (text_is_cjk(c))
			return;
		up |= text_lower_cp(c) != c;
		low |= text_upper_cp(c) != c;
	}
	if (up && low)
		return;			/* McDonald, van der Berg: as written */
	for (i = 0; i < n; i += k) {
		k = utf8_decode(p + i, n - i, &c);
		m = first ? text_upper_cp(c) : text_lower_cp(c);
		if (text_upper_cp(c) != c || text_lower_cp(c) != c)
			first = 0;
		if (utf8_encode(m, buf) == k)
			memcpy(out + i, buf, k);
	}
}

long
norm_name(const char *p, size_t n, char *out)
{
	size_t i, k, start = 0;
	uint32_t c;

	n = text_squeeze(p, n, out);
	for (i = 0; i <= n; i += k) {
		k = 1;
		c = 0;
		if (i < n && (k = utf8_decode(out + i, n - i, &c)) == 0)
			k = 1;
		if (i == n || name_sep(c)) {
			title_word(out + start, i - start, out + start);
			start = i + k;
		}
	}
	return (long)n;
}

/* ---- statistics ---- */

void
stats_add(struct colstats *cs, const char *p, size_t n, int mode)
{
	const char *why;
	double v;
	size_t id;
	int isnew;

	if (num_blank(p, n))
		return;
	if (mode) {
		if (cs->modes == NULL)
			cs->modes = strmap_new();
		id = strmap_intern(cs->modes, p, n, &isnew);
		if (id == STRMAP_FULL)
			return;
		cs->counts = xgrow(cs->counts, &cs->ccap, id + 1,
		    sizeof(*cs->counts));
		if (isnew)
			cs->counts[id] = 0;
		cs->counts[id]++;
		return;
	}
	if (num_parse(p, n, &v, &why) == -1) {
		cs->nonnum++;
		return;
	}
	cs->v = xgrow(cs->v, &cs->cap, cs->n + 1, sizeof(*cs->v));
	cs->v[cs->n++] = v;
}

int
stats_fill(struct colstats *cs, enum fill_kind kind, char *buf,
    const char **out, size_t *outlen)
{
	double s = 0;
	size_t i, best = 0;

	if (kind == FILL_MODE) {
		if (cs->modes == NULL || strmap_count(cs->modes) == 0)
			return -1;
		for (i = 1; i < strmap_count(cs->modes); i++)
			if (cs->counts[i] > cs->counts[best])
				best = i;
		*out = strmap_key(cs->modes, best, outlen);
		return 0;
	}
	if (cs->n == 0)
		return -1;
	if (kind == FILL_MEAN) {
		for (i = 0; i < cs->n; i++)
			s += cs->v[i];
		s /= (double)cs->n;
	} else {
		s = quantile_sel(cs->v, cs->n, 0.5);
	}
	*outlen = num_fmt(buf, s);
	*out = buf;
	return 0;
}

int
stats_bounds(struct colstats *cs, enum outlier_method m, double k,
    double *lo, double *hi)
{
	double mean = 0, var = 0, med, dev;
	size_t i;

	if (cs->n == 0)
		return -1;
	if (m == OUT_IQR) {
		double q1 = quantile_sel(cs->v, cs->n, 0.25);
		double q3 = quantile_sel(cs->v, cs->n, 0.75);

		*lo = q1 - k * (q3 - q1);
		*hi = q3 + k * (q3 - q1);
		return 0;
	}
	if (m == OUT_ZSCORE) {
		for (i = 0; i < cs->n; i++)
			mean += cs->v[i];
		mean /= (double)cs->n;
		for (i = 0; i < cs->n; i++)
			var += (cs->v[i] - mean) * (cs->v[i] - mean);
		var = sqrt(var / (double)cs->n);
		*lo = mean - k * var;
		*hi = mean + k * var;
		return 0;
	}
	med = median(cs->v, cs->n);
	dev = mad(cs->v, cs->n) * 1.4826;	/* the normal-consistent MAD */
	*lo = med - k * dev;
	*hi = med + k * dev;
	return 0;
}

void
stats_free(struct colstats *cs)
{
	free(cs->v);
	free(cs->counts);
	strmap_free(cs->modes);
	memset(cs, 0, sizeof(*cs));
}
