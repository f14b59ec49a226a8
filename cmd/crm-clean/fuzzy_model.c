/*
 * fuzzy_model.c: how crm-clean --fuzzy compares two records and weighs
 * the evidence.
 *
 * Each field is normalised by its type, and a pair of values gets a
 * level: 3 the same, 2 nearly (one typo, a swapped day and month), 1
 * somewhat, 0 different, or FZ_MISSING when either is empty (missing
 * values neither help nor hurt).  Names and texts that differ are also
 * compared across the fields of their type, so that a given name typed
 * into the surname field still agrees.
 *
 * The weights are Fellegi-Sunter's: for field f at level l, log(m/u),
 * m = P(level | same customer), u = P(level | different customers).
 * u starts from random pairs of rows (almost all different customers),
 * m from a fixed guess; EM on the candidate pairs of the blocking then
 * fits m, u and the prior share of matches among those pairs (the
 * candidates' non-matches agree on their blocking fields more often
 * than random pairs do, which a u held at random pairs would miss).
 * No labels are needed.  Both are floored at FZ_FLOOR so that no one
 * field can outweigh the rest; the final weights never fall as the
 * level rises.
 *
 * The full model (clean_fz_full_weight) keeps u from the random pairs
 * (ur, floored at FZ_UFLOOR), or at level 3 the value's frequency, and
 * fits its own m (mf, floored at FZ_MFLOOR when weighing) and the log
 * odds of a match among all pairs by a second EM with u held.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "rng.h"
#include "strsim.h"
#include "text.h"
#include "u64map.h"
#include "fuzzy.h"

#define FZ_FLOOR	0.001
#define FZ_USAMPLE	2000	/* random pairs for u */
#define FZ_EM_MAX	100
#define FZ_TF_FLOOR	1e-5		/* u of the rarest value */
#define FZ_MFLOOR	0.01		/* m of the full weights */
#define FZ_UFLOOR	3e-4		/* u of the full weights */

const char *const clean_fz_type_names[] = { "name", "text", "id", "date",
	"email", "phone", NULL };

/* Does the lower-cased column name s contain any of the words? */
static int
has_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words) != NULL)
			return 1;
	return 0;
}

/* The type a column's name suggests (text when nothing does). */
enum ftype
clean_fz_guess_type(const char *colname)
{
	static const char *const email[] = { "mail", NULL };
	static const char *const phone[] = { "phone", "mobile", "tel", "fax",
		"cell", NULL };
	static const char *const date[] = { "birth", "dob", "date", "day",
		NULL };
	static const char *const id[] = { "id", "number", "num", "code",
		"zip", "post", "ssn", "_no", NULL };
	static const char *const name[] = { "name", "given", "first", "last",
		NULL };
	char s[128];
	size_t n;

	n = strlen(colname);
	if (n >= sizeof(s))
		n = sizeof(s) - 1;
	n = text_lower(colname, n, s);
	s[n] = '\0';
	if (has_any(s, email))
		return FT_EMAIL;
	if (has_any(s, phone))
		return FT_PHONE;
	if (has_any(s, date))
		return FT_DATE;
	if (has_any(s, id))
		return FT_ID;
	if (has_any(s, name))
		return FT_NAME;
	return FT_TEXT;
}

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Keep only the digits of p. */
static size_t
digits(const char *p, size_t len, char *out)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (p[i] >= '0' && p[i] <= '9')
			out[n++] = p[i];
	return n;
}

/*
 * A date as YYYYMMDD when it is three groups of digits with the year
 * first or last (D/M/Y; M/D/Y comes out with day and month swapped,
 * which the comparison forgives), else its digits.
 */
static size_t
date_norm(const char *p, size_t len, char *out)
{
	size_t g[3][2], ng = 0, i = 0, s, y, k;

	while (i < len && ng < 4) {
		while (i < len && (p[i] < '0' || p[i] > '9'))
			i++;
		if (i == len)
			break;
		s = i;
		while (i < len && p[i] >= '0' && p[i] <= '9')
			i++;
		if (ng < 3) {
			g[ng][0] = s;
			g[ng][1] = i - s;
		}
		ng++;
	}
	if (ng != 3 || (g[0][1] != 4 && g[2][1] != 4) || g[1][1] > 2)
		return digits(p, len, out);
	y = g[0][1] == 4 ? 0 : 2;
	memcpy(out, p + g[y][0], 4);
	k = 4;
	for (i = 0; i < 2; i++) {
		s = y == 0 ? i + 1 : 1 - i;	/* month, then day */
		if (g[s][1] > 2)
			return digits(p, len, out);
		if (g[s][1] == 1)
			out[k++] = '0';
		memcpy(out + k, p + g[s][0], g[s][1]);
		k += g[s][1];
	}
	return k;
}

/*
 * text_squeeze and text_lower in one pass when p is ASCII (0 as soon as
 * it is not: out is then to be written again).
 */
static int
ascii_squeeze_lower(const char *p, size_t len, char *out, size_t *outlen)
{
	size_t i, o = 0;
	int gap = 0;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)p[i];
		if (c >= 0x80)
			return 0;
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			gap = o > 0;
			continue;
		}
		if (gap) {
			out[o++] = ' ';
			gap = 0;
		}
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	*outlen = o;
	return 1;
}

/*
 * Normalise p[0..len) for type t into out (>= len bytes): names and
 * texts trimmed, spaces collapsed, lower-cased; ids without spaces,
 * dashes and dots, lower-cased; emails lower-cased without spaces;
 * phones their digits; dates YYYYMMDD (date_norm).
 */
void
clean_fz_normalise(enum ftype t, const char *p, size_t len, char *out,
    size_t *outlen)
{
	size_t i, n = 0;

	switch (t) {
	case FT_NAME:
	case FT_TEXT:
		if (ascii_squeeze_lower(p, len, out, &n))
			break;
		n = text_squeeze(p, len, out);
		n = text_lower(out, n, out);
		break;
	case FT_ID:
	case FT_EMAIL:
		for (i = 0; i < len; i++)
			if (p[i] != ' ' && p[i] != '\t' &&
			    (t == FT_EMAIL || (p[i] != '-' && p[i] != '.')))
				out[n++] = p[i];
		n = text_lower(out, n, out);
		break;
	case FT_PHONE:
		n = digits(p, len, out);
		break;
	case FT_DATE:
		n = date_norm(p, len, out);
		break;
	default:
		break;
	}
	*outlen = n;
}

static int
same(const char *a, size_t na, const char *b, size_t nb)
{
	return na == nb && memcmp(a, b, na) == 0;
}

/* One token: letters and digits only (ASCII or not), no separator. */
static int
one_token(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x80 && !(p[i] >= 'a' && p[i] <= 'z')
		    && !(p[i] >= '0' && p[i] <= '9'))
			return 0;
	return 1;
}

static unsigned char
name_level(const char *a, size_t na, const char *b, size_t nb)
{
	double s, t;

	if (same(a, na, b, nb))
		return 3;
	/* below 0.8, s counts for nothing: -1 then */
	s = strsim_jaro_winkler_min(a, na, b, nb, 0.8);
	if (s < 0.92 && !(one_token(a, na) && one_token(b, nb))) {
		/* t counts only where it would raise the level */
		t = strsim_token_set_min(a, na, b, nb, s >= 0.8 ? 0.92 : 0.8);
		s = s > t ? s : t;
	}
	return s >= 0.92 ? 2 : s >= 0.8 ? 1 : 0;
}

/* Copy p without spaces into out (>= len bytes). */
static size_t
nospace(const char *p, size_t len, char *out)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (p[i] != ' ')
			out[n++] = p[i];
	return n;
}

static unsigned char
text_level(const char *a, size_t na, const char *b, size_t nb)
{
	char sa[256], sb[256];
	size_t ma, mb;
	double s, t;

	if (same(a, na, b, nb))
		return 3;
	s = 0;
	if (na <= sizeof(sa) && nb <= sizeof(sb)) {
		ma = nospace(a, na, sa);
		mb = nospace(b, nb, sb);
		if (same(sa, ma, sb, mb))
			return 3;
		/* below 0.75, s counts for nothing: -1 then */
		s = strsim_jaro_winkler_min(sa, ma, sb, mb, 0.75);
	}
	if (s < 0.9 && !(one_token(a, na) && one_token(b, nb))) {
		/* t counts only where it would raise the level */
		t = strsim_token_set_min(a, na, b, nb, s >= 0.75 ? 0.9 : 0.75);
		s = s > t ? s : t;
	}
	return s >= 0.9 ? 2 : s >= 0.75 ? 1 : 0;
}

static unsigned char
id_level(const char *a, size_t na, const char *b, size_t nb)
{
	size_t d;

	if (same(a, na, b, nb))
		return 3;
	d = strsim_osa(a, na, b, nb, 2);
	if (na >= 4 && nb >= 4)
		return d == 1 ? 2 : d == 2 ? 1 : 0;
	return d == 1 ? 1 : 0;
}

static unsigned char
date_level(const char *a, size_t na, const char *b, size_t nb)
{
	size_t d;

	if (same(a, na, b, nb))
		return 3;
	if (na == 8 && nb == 8 && memcmp(a, b, 4) == 0 &&
	    memcmp(a + 4, b + 6, 2) == 0 && memcmp(a + 6, b + 4, 2) == 0)
		return 2;
	d = strsim_osa(a, na, b, nb, 2);
	if (d == 1)
		return 2;
	if (d == 2 || (na == 8 && nb == 8 && memcmp(a, b, 4) == 0))
		return 1;
	return 0;
}

/* The local part of an email without dots and without a +tag. */
static size_t
email_local(const char *p, size_t len, char *out)
{
	size_t i, n = 0;

	for (i = 0; i < len && p[i] != '@' && p[i] != '+'; i++)
		if (p[i] != '.')
			out[n++] = p[i];
	return n;
}

/* The domain of an email (after the last '@'; empty when none). */
static const char *
email_domain(const char *p, size_t len, size_t *dlen)
{
	const char *at = NULL;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] == '@')
			at = p + i;
	*dlen = at ? len - (size_t)(at + 1 - p) : 0;
	return at ? at + 1 : p + len;
}

/*
 * Whether two local parts are the same but for different digits (one
 * person's name with another's number: zhang.wei88, zhang.wei85).
 */
static int
digits_differ(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0, j = 0, si, sj;
	int any = 0;

	while (i < na && j < nb) {
		if (!isdig(a[i]) && !isdig(b[j])) {
			if (a[i++] != b[j++])
				return 0;
			continue;
		}
		if (!isdig(a[i]) || !isdig(b[j]))
			return 0;
		for (si = i; i < na && isdig(a[i]); i++)
			;
		for (sj = j; j < nb && isdig(b[j]); j++)
			;
		if (!same(a + si, i - si, b + sj, j - sj))
			any = 1;
	}
	return any && i == na && j == nb;
}

/*
 * Emails: 3 the same; 2 the same but for dots or a +tag in the local
 * part (zhang.wei / zhangwei), or one typo; 1 the same local part at
 * another domain, or two typos; else 0.  A local part made of a common
 * name (yangliu@) at another domain is weak evidence, hence only 1.
 */
static unsigned char
email_level(const char *a, size_t na, const char *b, size_t nb)
{
	char la[256], lb[256];
	const char *da, *db;
	size_t ma = 0, mb = 0, dla, dlb, d;
	int local = 0;

	if (same(a, na, b, nb))
		return 3;
	if (na <= sizeof(la) && nb <= sizeof(lb)) {
		ma = email_local(a, na, la);
		mb = email_local(b, nb, lb);
		local = ma > 0 && same(la, ma, lb, mb);
	}
	da = email_domain(a, na, &dla);
	db = email_domain(b, nb, &dlb);
	if (local && same(da, dla, db, dlb))
		return 2;
	if (!local && na <= sizeof(la) && nb <= sizeof(lb) &&
	    digits_differ(la, ma, lb, mb))
		return 0;
	d = strsim_osa(a, na, b, nb, 2);
	if (d <= 1)
		return 2;
	return local || d == 2 ? 1 : 0;
}

/* Phones agree on their last digits (a country code may be missing). */
static unsigned char
phone_level(const char *a, size_t na, const char *b, size_t nb)
{
	size_t k = na < nb ? na : nb;

	if (k > 9)
		k = 9;
	if (k < 6)
		return same(a, na, b, nb) ? 3 : 0;
	if (memcmp(a + na - k, b + nb - k, k) == 0)
		return 3;
	return strsim_osa(a + na - k, k, b + nb - k, k, 1) <= 1 ? 2 : 0;
}

static unsigned char
level(enum ftype t, const char *a, size_t na, const char *b, size_t nb)
{
	switch (t) {
	case FT_NAME:
		return name_level(a, na, b, nb);
	case FT_TEXT:
		return text_level(a, na, b, nb);
	case FT_ID:
		return id_level(a, na, b, nb);
	case FT_DATE:
		return date_level(a, na, b, nb);
	case FT_EMAIL:
		return email_level(a, na, b, nb);
	case FT_PHONE:
		return phone_level(a, na, b, nb);
	default:
		return 0;
	}
}

static const char *
val(const struct fz_values *v, uint32_t r, size_t f, size_t *len)
{
	*len = v->len[(size_t)r * v->nf + f];
	return v->norm + v->off[(size_t)r * v->nf + f];
}

/*
 * The levels of rows a and b, one per field.  A name or text value
 * below level 2 is also held against the other fields of its type of
 * the other row (fields swapped on entry), and the best level counts.
 */
void
clean_fz_compare(const struct fz_values *v, uint32_t a, uint32_t b,
    unsigned char *levels)
{
	const char *x, *y;
	size_t f, g, nx, ny;
	unsigned char l, best;
	enum ftype t;

	for (f = 0; f < v->nf; f++) {
		t = v->f[f].type;
		x = val(v, a, f, &nx);
		y = val(v, b, f, &ny);
		if (nx == 0 || ny == 0) {
			levels[f] = FZ_MISSING;
			continue;
		}
		best = level(t, x, nx, y, ny);
		if (t == FT_NAME || (t == FT_TEXT && best == 0))
			for (g = 0; g < v->nf && best < 2; g++) {
				if (g == f || v->f[g].type != t)
					continue;
				y = val(v, b, g, &ny);
				if (ny > 0 && (l = level(t, x, nx, y, ny)) >
				    best)
					best = l;
			}
		levels[f] = best;
	}
}

void
clean_fz_model_init(struct fz_model *m, size_t nf)
{
	size_t f;

	memset(m, 0, sizeof(*m));
	m->nf = nf;
	m->m = xcalloc(nf ? nf : 1, sizeof(*m->m));
	m->u = xcalloc(nf ? nf : 1, sizeof(*m->u));
	m->w = xcalloc(nf ? nf : 1, sizeof(*m->w));
	m->ur = xcalloc(nf ? nf : 1, sizeof(*m->ur));
	m->mf = xcalloc(nf ? nf : 1, sizeof(*m->mf));
	for (f = 0; f < nf; f++) {
		m->m[f][0] = 0.05;
		m->m[f][1] = 0.1;
		m->m[f][2] = 0.15;
		m->m[f][3] = 0.7;
	}
	m->prior = 0.5;
}

void
clean_fz_model_free(struct fz_model *m)
{
	free(m->m);
	free(m->u);
	free(m->w);
	free(m->ur);
	free(m->mf);
}

/* Floor the probabilities of one field's levels and make them sum to 1. */
static void
floor_norm(double *p, double floor)
{
	double s = 0;
	int l;

	for (l = 0; l < FZ_LEVELS; l++)
		s += p[l];
	for (l = 0; l < FZ_LEVELS; l++) {
		p[l] = s > 0 ? p[l] / s : 1.0 / FZ_LEVELS;
		if (p[l] < floor)
			p[l] = floor;
	}
	s = 0;
	for (l = 0; l < FZ_LEVELS; l++)
		s += p[l];
	for (l = 0; l < FZ_LEVELS; l++)
		p[l] /= s;
}

static void
set_weights(struct fz_model *m)
{
	size_t f;
	int l;

	for (f = 0; f < m->nf; f++)
		for (l = 0; l < FZ_LEVELS; l++)
			m->w[f][l] = log(m->m[f][l] / m->u[f][l]);
}

void
clean_fz_usample_init(struct fz_usample *s, const struct fz_values *v,
    size_t nrows, uint64_t seed)
{
	double all = (double)nrows * (double)(nrows - 1) / 2;

	s->v = v;
	s->nrows = nrows;
	s->seed = seed;
	s->per = (size_t)((all < FZ_USAMPLE ? all : FZ_USAMPLE) / FZ_UBLOCKS)
	    + 1;
	s->cnt = xcalloc(FZ_UBLOCKS * (v->nf ? v->nf : 1), sizeof(*s->cnt));
}

/* The random pairs of stream k (< FZ_UBLOCKS): counts of their levels. */
void
clean_fz_usample_block(struct fz_usample *s, size_t k)
{
	struct rng r;
	unsigned char lv[FZ_MAXFIELDS];
	uint32_t a, b;
	size_t i, f, nf = s->v->nf;

	rng_seed_stream(&r, s->seed, k);
	for (i = 0; i < s->per; i++) {
		a = (uint32_t)rng_below(&r, s->nrows);
		b = (uint32_t)rng_below(&r, s->nrows - 1);
		if (b >= a)
			b++;
		clean_fz_compare(s->v, a, b, lv);
		for (f = 0; f < nf; f++)
			if (lv[f] != FZ_MISSING)
				s->cnt[k * nf + f][lv[f]] += 1;
	}
}

/*
 * u from random pairs: FZ_USAMPLE of them (or about every pair of a
 * small input), drawn in FZ_UBLOCKS fixed streams (any thread may draw
 * any of them: the result does not depend on the schedule).
 */
void
clean_fz_usample_finish(struct fz_model *m, struct fz_usample *s)
{
	size_t f, k, nf = s->v->nf;
	int l;

	for (f = 0; f < nf; f++) {
		for (l = 0; l < FZ_LEVELS; l++) {
			m->u[f][l] = 0;
			for (k = 0; k < FZ_UBLOCKS; k++)
				m->u[f][l] += s->cnt[k * nf + f][l];
		}
		memcpy(m->ur[f], m->u[f], sizeof(m->ur[f]));
		floor_norm(m->u[f], FZ_FLOOR);
		floor_norm(m->ur[f], FZ_UFLOOR);
	}
	free(s->cnt);
	s->cnt = NULL;
	set_weights(m);
}

/* The match probability of a weight under the model's prior. */
double
clean_fz_probability(const struct fz_model *m, double weight)
{
	double z = weight + log(m->prior / (1 - m->prior));

	return 1 / (1 + exp(-z));
}

/*
 * The log odds of a match for any pair of rows: the expected matches
 * among the candidates (the prior EM found) over all pairs.
 */
void
clean_fz_set_lodds(struct fz_model *m, size_t npairs, size_t nrows)
{
	double all = (double)nrows * ((double)nrows - 1) / 2;
	double k = m->prior * (double)npairs;

	if (all < 1)
		all = 1;
	if (k < 1)
		k = 1;
	if (k > all / 2)
		k = all / 2;
	m->lodds = log(k / (all - k));
	memcpy(m->mf, m->m, m->nf * sizeof(*m->mf));
}

static double	 m_step(double *, const double *);

/*
 * Fit the full model's m and log odds by EM over the candidate pairs
 * (levels and tfu: npairs * nf each, tfu the u of an agreement at
 * level 3, 0 for none), starting from the candidates' model, u held at
 * the random pairs' and the values' frequencies.  A pair's probability
 * under the full model does not depend on how it became a candidate,
 * so this one needs no field left out.  The matches outside the
 * candidates are taken to be few.
 */
void
clean_fz_em_full(struct fz_model *m, const unsigned char *levels,
    const float *tfu, size_t npairs, size_t nrows)
{
	double (*acc)[FZ_LEVELS], (*lm)[FZ_LEVELS], g, w, tot, d, k;
	double all = (double)nrows * ((double)nrows - 1) / 2;
	size_t i, f, nf = m->nf;
	unsigned char l;
	float *lu;
	int it;

	if (npairs == 0 || all < 2)
		return;
	acc = xcalloc(nf ? nf : 1, sizeof(*acc));
	lm = xcalloc(nf ? nf : 1, sizeof(*lm));
	/* log u of each pair's fields, fixed: only m moves */
	lu = xreallocarray(NULL, npairs * nf + 1, sizeof(*lu));
	for (i = 0; i < npairs * nf; i++) {
		f = i % nf;
		if ((l = levels[i]) == FZ_MISSING)
			lu[i] = 0;
		else if (l == 3 && tfu[i] > 0)
			lu[i] = (float)log(fmax(tfu[i], FZ_TF_FLOOR));
		else
			lu[i] = (float)log(m->ur[f][l]);
	}
	for (it = 0; it < FZ_EM_MAX; it++) {
		for (f = 0; f < nf; f++)
			for (l = 0; l < FZ_LEVELS; l++)
				lm[f][l] = log(l == 3 ? m->mf[f][l] :
				    fmax(m->mf[f][l], FZ_MFLOOR));
		memset(acc, 0, (nf ? nf : 1) * sizeof(*acc));
		tot = 0;
		for (i = 0; i < npairs; i++) {
			w = 0;
			for (f = 0; f < nf; f++)
				if ((l = levels[i * nf + f]) != FZ_MISSING)
					w += lm[f][l] - lu[i * nf + f];
			g = clean_fz_full_probability(m, w);
			tot += g;
			for (f = 0; f < nf; f++)
				if ((l = levels[i * nf + f]) != FZ_MISSING)
					acc[f][l] += g;
		}
		k = fmin(fmax(tot, 1), all / 2);
		d = fabs(log(k / (all - k)) - m->lodds);
		m->lodds = log(k / (all - k));
		for (f = 0; f < nf; f++)
			d = fmax(d, m_step(m->mf[f], acc[f]));
		if (d < 1e-6)
			break;
	}
	free(lu);
	free(lm);
	free(acc);
}

/*
 * The weight of levels counting every field: log(m/u) with m from EM
 * and u from random pairs, but at level 3 u = tfu[f] when above 0 (how
 * often a random row has this value: agreeing on a rare name is
 * stronger evidence than on a common one).
 */
double
clean_fz_full_weight(const struct fz_model *m, const unsigned char *levels,
    const double *tfu)
{
	double w = 0, x;
	size_t f;
	unsigned char l;

	for (f = 0; f < m->nf; f++) {
		if ((l = levels[f]) == FZ_MISSING)
			continue;
		x = log(fmax(m->mf[f][l], FZ_MFLOOR) / m->ur[f][l]);
		if (l == 3 && tfu[f] > 0)
			x = log(m->mf[f][3] / fmax(tfu[f], FZ_TF_FLOOR));
		w += x;
	}
	return w;
}

/* The match probability of a full weight among all pairs. */
double
clean_fz_full_probability(const struct fz_model *m, double weight)
{
	return 1 / (1 + exp(-(weight + m->lodds)));
}

double
clean_fz_weight(const struct fz_model *m, const unsigned char *levels)
{
	double w = 0;
	size_t f;

	for (f = 0; f < m->nf; f++)
		if (levels[f] != FZ_MISSING)
			w += m->w[f][levels[f]];
	return w;
}

/* Distinct level patterns and how often each occurs. */
struct patterns {
	struct u64map	*map;
	unsigned char	*lv;		/* npat * nf */
	double		*cnt;
	size_t		 npat;
};

/* Patterns of npairs rows of levels (nf each), by a base-5 code. */
static void
patterns_count(struct patterns *p, const unsigned char *levels,
    size_t npairs, size_t nf)
{
	size_t i, f, id, cap = 0;
	uint64_t code;
	int isnew;

	p->map = u64map_new(0);
	p->lv = NULL;
	p->cnt = NULL;
	p->npat = 0;
	for (i = 0; i < npairs; i++) {
		const unsigned char *l = levels + i * nf;

		code = 0;
		for (f = 0; f < nf; f++)
			code = code * 5 + (l[f] == FZ_MISSING ? 4 : l[f]);
		id = u64map_intern(p->map, code, &isnew);
		if (isnew) {
			p->cnt = xgrow(p->cnt, &cap, id + 1, sizeof(*p->cnt));
			p->lv = xreallocarray(p->lv, cap, nf ? nf : 1);
			memcpy(p->lv + id * nf, l, nf);
			p->cnt[id] = 0;
			p->npat++;
		}
		p->cnt[id] += 1;
	}
}

/*
 * Make the weights of one field's levels non-decreasing (pool adjacent
 * violators, equal weights): a closer agreement is never less evidence
 * of a match, whatever a small or odd sample taught EM.
 */
static void
monotone(double *w)
{
	double v[FZ_LEVELS];
	int n[FZ_LEVELS], k = 0, l, j, i = 0;

	for (l = 0; l < FZ_LEVELS; l++) {
		v[k] = w[l];
		n[k++] = 1;
		while (k > 1 && v[k - 2] > v[k - 1]) {
			v[k - 2] = (v[k - 2] * n[k - 2] + v[k - 1] * n[k - 1]) /
			    (n[k - 2] + n[k - 1]);
			n[k - 2] += n[k - 1];
			k--;
		}
	}
	for (j = 0; j < k; j++)
		for (l = 0; l < n[j]; l++)
			w[i++] = v[j];
}

/*
 * Replace the probabilities p[0..FZ_LEVELS) of one field by the counts
 * acc, floored and normalised; returns the largest change.
 */
static double
m_step(double *p, const double *acc)
{
	double prev[FZ_LEVELS], d = 0;
	int l;

	memcpy(prev, p, sizeof(prev));
	memcpy(p, acc, sizeof(prev));
	floor_norm(p, FZ_FLOOR);
	for (l = 0; l < FZ_LEVELS; l++)
		if (fabs(p[l] - prev[l]) > d)
			d = fabs(p[l] - prev[l]);
	return d;
}

/*
 * One E-step over the patterns: the match probability g of each, and
 * the expected level counts of matches (acc) and non-matches (acu).
 * Returns the expected number of matching pairs.
 */
static double
e_step(const struct fz_model *m, const struct patterns *p, double *g,
    double (*acc)[FZ_LEVELS], double (*acu)[FZ_LEVELS])
{
	size_t i, f, nf = m->nf;
	double tot = 0;
	unsigned char l;

	memset(acc, 0, (nf ? nf : 1) * sizeof(*acc));
	memset(acu, 0, (nf ? nf : 1) * sizeof(*acu));
	for (i = 0; i < p->npat; i++) {
		g[i] = clean_fz_probability(m,
		    clean_fz_weight(m, p->lv + i * nf));
		tot += g[i] * p->cnt[i];
		for (f = 0; f < nf; f++)
			if ((l = p->lv[i * nf + f]) != FZ_MISSING) {
				acc[f][l] += g[i] * p->cnt[i];
				acu[f][l] += (1 - g[i]) * p->cnt[i];
			}
	}
	return tot;
}

/*
 * Fit m, u and the prior by EM over the candidate pairs' level
 * patterns, starting from u's random-pair estimate.  Stops when the
 * prior and every m and u move by less than 1e-6, or after FZ_EM_MAX
 * rounds.  The weights are then made non-decreasing in the level.
 */
void
clean_fz_em(struct fz_model *m, const unsigned char *levels, size_t npairs)
{
	struct patterns p;
	double (*acc)[FZ_LEVELS], (*acu)[FZ_LEVELS], *g, d, old;
	size_t f, nf = m->nf;
	int it;

	if (npairs == 0)
		return;
	patterns_count(&p, levels, npairs, nf);
	acc = xcalloc(nf ? nf : 1, sizeof(*acc));
	acu = xcalloc(nf ? nf : 1, sizeof(*acu));
	g = xcalloc(p.npat, sizeof(*g));
	for (it = 0; it < FZ_EM_MAX; it++) {
		set_weights(m);
		old = m->prior;
		m->prior = e_step(m, &p, g, acc, acu) / (double)npairs;
		if (m->prior < FZ_FLOOR)
			m->prior = FZ_FLOOR;
		if (m->prior > 1 - FZ_FLOOR)
			m->prior = 1 - FZ_FLOOR;
		d = fabs(m->prior - old);
		for (f = 0; f < nf; f++) {
			d = fmax(d, m_step(m->m[f], acc[f]));
			d = fmax(d, m_step(m->u[f], acu[f]));
		}
		if (d < 1e-6)
			break;
	}
	m->iterations = it + 1;
	set_weights(m);
	for (f = 0; f < nf; f++)
		monotone(m->w[f]);
	free(acc);
	free(acu);
	free(g);
	free(p.lv);
	free(p.cnt);
	u64map_free(p.map);
}

/*
 * The blocking key of a normalised value of type t into out (>= len + 1
 * bytes, and >= 64): names their phonetic key, texts without spaces,
 * emails their local part (email_local), phones their last 9 digits,
 * ids and dates as they are.
 */
size_t
clean_fz_key(enum ftype t, const char *p, size_t len, char *out, size_t cap)
{
	switch (t) {
	case FT_NAME:
		return strsim_phonetic(p, len, out, cap);
	case FT_TEXT:
		return nospace(p, len, out);
	case FT_EMAIL:
		return email_local(p, len, out);
	case FT_PHONE:
		if (len > 9) {
			p += len - 9;
			len = 9;
		}
		break;
	default:
		break;
	}
	memcpy(out, p, len);
	return len;
}
