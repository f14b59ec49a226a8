/*
 * strsim.c: string similarity on code points (strsim.h).  Strings are
 * decoded into arrays of code points first: on the stack up to
 * STRSIM_STACK of them, else in memory from the x-allocators.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "strsim.h"
#include "text.h"

/* An invalid byte b decodes to INVALID_BASE + b: no valid code point. */
#define INVALID_BASE	0x110000u

/* A decoded string: cp[0..n), in buf or on the heap. */
struct cps {
	uint32_t	*cp;
	size_t		 n;
	uint32_t	 buf[STRSIM_STACK];
};

/* Decode p[0..len) into c (lower-cased when fold).  c->cp is freed by
 * cps_done. */
static void
cps_load(struct cps *c, const char *p, size_t len, int fold)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, k, n = 0;
	uint32_t cp, *out;

	out = c->cp = len <= STRSIM_STACK ? c->buf :
	    xreallocarray(NULL, len, sizeof(*c->cp));
	while (i < len) {
		if (fold)
			for (; i < len && u[i] < 0x80; i++)
				out[n++] = u[i] + ((unsigned)(u[i] - 'A') < 26u ?
				    'a' - 'A' :
				    0);
		else
			for (; i < len && u[i] < 0x80; i++)
				out[n++] = u[i];
		if (i == len)
			break;
		if ((k = utf8_decode(p + i, len - i, &cp)) == 0) {
			cp = INVALID_BASE + u[i];
			k = 1;
		} else if (fold)
			cp = text_lower_cp(cp);
		out[n++] = cp;
		i += k;
	}
	c->n = n;
}

static void
cps_done(struct cps *c)
{
	if (c->cp != c->buf)
		free(c->cp);
}

/* The Jaro formula for m matches and t half-transpositions. */
static double
jaro_of(size_t m, size_t t, size_t na, size_t nb)
{
	if (m == 0)
		return 0;
	return ((double)m / na + (double)m / nb +
	    ((double)m - (double)(t / 2)) / m) / 3;
}

#define BIT(v, i)	((v)[(i) >> 6] >> ((i) & 63) & 1)
#define SETBIT(v, i)	((v)[(i) >> 6] |= (uint64_t)1 << ((i) & 63))

/*
 * Jaro of two arrays of at most 64 code points each: the matched
 * characters are bits of one word each.  When b is ASCII and the
 * strings are not tiny, pos[c] holds the positions of c in b, and a
 * character's first free match in its window is the lowest bit of
 * pos[c] & ~mb & window; else the window is scanned.  Returns -1 as
 * soon as fewer than need characters of a can still match.
 */
static double
jaro_short(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    size_t need)
{
	static _Thread_local uint64_t pos[128];	/* all 0 between calls */
	uint64_t ma = 0, mb = 0, bit, cand, all;
	size_t win, i, j, lo, hi, m = 0, t = 0, miss = 0, m0;
	int table = na + nb >= 16;

	win = (na > nb ? na : nb) / 2;
	win = win > 0 ? win - 1 : 0;
	for (j = 0; table && j < nb; j++)
		if (b[j] >= 128)
			table = 0;
	if (table) {
		for (j = 0; j < nb; j++)
			pos[b[j]] |= (uint64_t)1 << j;
		all = nb == 64 ? ~(uint64_t)0 : ((uint64_t)1 << nb) - 1;
	}
	for (i = 0; i < na; i++) {
		lo = i > win ? i - win : 0;
		hi = i + win + 1 < nb ? i + win + 1 : nb;
		m0 = m;
		if (table) {
			if (a[i] < 128 && lo < hi) {
				cand = pos[a[i]] & ~mb & all &
				    (hi - lo == 64 ? ~(uint64_t)0 :
				    (((uint64_t)1 << (hi - lo)) - 1) << lo);
				if (cand != 0) {
					ma |= (uint64_t)1 << i;
					mb |= cand & -cand;
					m++;
				}
			}
		} else
			for (j = lo; j < hi; j++) {
				bit = (uint64_t)1 << j;
				if (a[i] == b[j] && !(mb & bit)) {
					ma |= (uint64_t)1 << i;
					mb |= bit;
					m++;
					break;
				}
			}
		if (m == m0 && na - ++miss < need)
			break;
	}
	for (j = 0; table && j < nb; j++)
		pos[b[j]] = 0;
	if (i < na)
		return -1;
	while (ma != 0) {
		t += a[__builtin_ctzll(ma)] != b[__builtin_ctzll(mb)];
		ma &= ma - 1;
		mb &= mb - 1;
	}
	return jaro_of(m, t, na, nb);
}

/*
 * Jaro similarity of two code point arrays; the matched characters are
 * bits (on the stack up to STRSIM_STACK characters).  Returns -1 as
 * soon as fewer than need characters of a can still match.
 */
static double
jaro_need(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    size_t need)
{
	uint64_t fa[STRSIM_STACK / 64 + 1], fb[STRSIM_STACK / 64 + 1];
	uint64_t *ma, *mb;
	size_t win, i, j, lo, hi, m = 0, t = 0, wa, wb, miss = 0, m0;
	double r;

	if (na == 0 && nb == 0)
		return 1;
	if (na == 0 || nb == 0)
		return 0;
	if (na <= 64 && nb <= 64)
		return jaro_short(a, na, b, nb, need);
	wa = na / 64 + 1;
	wb = nb / 64 + 1;
	ma = na <= STRSIM_STACK ? fa : xreallocarray(NULL, wa, sizeof(*ma));
	mb = nb <= STRSIM_STACK ? fb : xreallocarray(NULL, wb, sizeof(*mb));
	memset(ma, 0, wa * sizeof(*ma));
	memset(mb, 0, wb * sizeof(*mb));
	win = (na > nb ? na : nb) / 2;
	win = win > 0 ? win - 1 : 0;
	for (i = 0; i < na; i++) {
		lo = i > win ? i - win : 0;
		hi = i + win + 1 < nb ? i + win + 1 : nb;
		m0 = m;
		for (j = lo; j < hi; j++)
			if (a[i] == b[j] && !BIT(mb, j)) {
				SETBIT(ma, i);
				SETBIT(mb, j);
				m++;
				break;
			}
		if (m == m0 && na - ++miss < need)
			break;
	}
	if (i < na)
		r = -1;
	else {
		for (i = 0, j = 0; m > 0 && i < na; i++) {
			if (!BIT(ma, i))
				continue;
			while (!BIT(mb, j))
				j++;
			t += a[i] != b[j];
			j++;
		}
		r = jaro_of(m, t, na, nb);
	}
	if (ma != fa)
		free(ma);
	if (mb != fb)
		free(mb);
	return r;
}

static double
jaro_cp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return jaro_need(a, na, b, nb, 0);
}

/* Jaro-Winkler of two code point arrays. */
static double
jw_cp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	double j = jaro_cp(a, na, b, nb);
	size_t l = 0;

	while (l < 4 && l < na && l < nb && a[l] == b[l])
		l++;
	return j + (double)l * 0.1 * (1 - j);
}

/*
 * Jaro-Winkler when it can reach min, else -1: the fewest matches that
 * could give min (no transpositions, the actual common prefix) are
 * sought first, and the matching stops once they are out of reach.
 */
static double
jw_min_cp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    double min)
{
	size_t l = 0, m, top = na < nb ? na : nb;
	double j;

	if (na == 0 || nb == 0)
		return jw_cp(a, na, b, nb);
	while (l < 4 && l < na && l < nb && a[l] == b[l])
		l++;
	for (m = 0; m <= top; m++) {
		j = jaro_of(m, 0, na, nb);
		if (j + (double)l * 0.1 * (1 - j) >= min - 1e-9)
			break;
	}
	if (m > top)
		return -1;
	j = jaro_need(a, na, b, nb, m);
	if (j < 0)
		return -1;
	return j + (double)l * 0.1 * (1 - j);
}

/* Decode a and b (without folding) and apply fn to their code points. */
static double
on_cps(const char *a, size_t alen, const char *b, size_t blen,
    double (*fn)(const uint32_t *, size_t, const uint32_t *, size_t))
{
	struct cps x, y;
	double r;

	cps_load(&x, a, alen, 0);
	cps_load(&y, b, blen, 0);
	r = fn(x.cp, x.n, y.cp, y.n);
	cps_done(&x);
	cps_done(&y);
	return r;
}

double
strsim_jaro(const char *a, size_t alen, const char *b, size_t blen)
{
	return on_cps(a, alen, b, blen, jaro_cp);
}

double
strsim_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen)
{
	return on_cps(a, alen, b, blen, jw_cp);
}

double
strsim_jaro_winkler_min(const char *a, size_t alen, const char *b,
    size_t blen, double min)
{
	struct cps x, y;
	double r;

	cps_load(&x, a, alen, 0);
	cps_load(&y, b, blen, 0);
	r = jw_min_cp(x.cp, x.n, y.cp, y.n, min);
	cps_done(&x);
	cps_done(&y);
	return r;
}

/*
 * Bounded edit distance over code points, with adjacent transpositions
 * when osa.  Three rows of the table; cells outside the band of max
 * diagonals hold max + 1.
 */
static size_t
edit_cp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    size_t max, int osa)
{
	size_t *base, *r0, *r1, *r2, *tmp, i, j, lo, hi, best, v;
	size_t stack[3 * (STRSIM_STACK + 1)], cap;

	if (max > na + nb)
		max = na + nb;
	cap = max + 1;
	if ((na > nb ? na - nb : nb - na) > max)
		return cap;
	base = r0 = nb <= STRSIM_STACK ? stack :
	    xreallocarray(NULL, 3 * (nb + 1), sizeof(*r0));
	r1 = r0 + nb + 1;
	r2 = r1 + nb + 1;
	for (j = 0; j <= nb; j++)
		r1[j] = j < cap ? j : cap;
	for (i = 1; i <= na; i++) {
		tmp = r0, r0 = r1, r1 = r2, r2 = tmp;	/* r0: i-1, r2: i-2 */
		lo = i > max ? i - max : 1;
		hi = i + max < nb ? i + max : nb;
		r1[0] = i < cap ? i : cap;
		if (lo > 1)
			r1[lo - 1] = cap;
		best = r1[0];
		for (j = lo; j <= hi; j++) {
			v = r0[j - 1] + (a[i - 1] != b[j - 1]);
			if (r0[j] + 1 < v)
				v = r0[j] + 1;
			if (r1[j - 1] + 1 < v)
				v = r1[j - 1] + 1;
			if (osa && i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r2[j - 2] + 1 < v)
				v = r2[j - 2] + 1;
			r1[j] = v < cap ? v : cap;
			if (r1[j] < best)
				best = r1[j];
		}
		if (hi < nb)
			r1[hi + 1] = cap;
		if (best >= cap) {
			r1[nb] = cap;
			break;
		}
	}
	v = r1[nb];
	if (base != stack)
		free(base);
	return v < cap ? v : cap;
}

static size_t
edit(const char *a, size_t alen, const char *b, size_t blen, size_t max,
    int osa)
{
	struct cps x, y;
	size_t r;

	cps_load(&x, a, alen, 0);
	cps_load(&y, b, blen, 0);
	r = edit_cp(x.cp, x.n, y.cp, y.n, max, osa);
	cps_done(&x);
	cps_done(&y);
	return r;
}

size_t
strsim_levenshtein(const char *a, size_t alen, const char *b, size_t blen,
    size_t max)
{
	return edit(a, alen, b, blen, max, 0);
}

size_t
strsim_osa(const char *a, size_t alen, const char *b, size_t blen,
    size_t max)
{
	return edit(a, alen, b, blen, max, 1);
}

/* A letter or digit: ASCII alphanumerics and every code point from
 * U+00C0 up that is not an invalid byte, punctuation or a space. */
static int
is_word_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');
	if (c >= INVALID_BASE || c < 0xC0 || c == 0xD7 || c == 0xF7)
		return 0;
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F))
		return 0;
	return 1;
}

/* Tokens of a decoded string: start and length in code points. */
struct toks {
	size_t	(*t)[2];
	size_t	  n;
	size_t	  buf[STRSIM_STACK][2];
};

/* is_word_cp of ASCII */
static const unsigned char ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* A letter or digit that is not CJK: one that a token continues with
 * (text_is_cjk is false below U+1100). */
static int
word_cont(uint32_t c)
{
	return c < 0x80 ? ascii_word[c] : is_word_cp(c) && !text_is_cjk(c);
}

static void
toks_split(struct toks *k, const struct cps *c)
{
	size_t i = 0, s;
	uint32_t u;

	k->t = c->n <= STRSIM_STACK ? k->buf :
	    xreallocarray(NULL, c->n, sizeof(*k->t));
	k->n = 0;
	while (i < c->n) {
		u = c->cp[i];
		if (u < 0x80 ? !ascii_word[u] : !is_word_cp(u)) {
			i++;
			continue;
		}
		s = i++;
		if (u < 0x80 || !text_is_cjk(u))
			while (i < c->n && word_cont(c->cp[i]))
				i++;
		k->t[k->n][0] = s;
		k->t[k->n][1] = i - s;
		k->n++;
	}
}

static void
toks_done(struct toks *k)
{
	if (k->t != k->buf)
		free(k->t);
}

static int
tok_eq(const struct cps *x, const size_t *s, const struct cps *y,
    const size_t *t)
{
	return s[1] == t[1] &&
	    memcmp(x->cp + s[0], y->cp + t[0], s[1] * sizeof(uint32_t)) == 0;
}

/* Number of distinct tokens of k (in x) also in l (in y), and of k. */
static void
tok_overlap(const struct cps *x, const struct toks *k, const struct cps *y,
    const struct toks *l, size_t *common, size_t *distinct)
{
	size_t i, j, h;

	*common = *distinct = 0;
	for (i = 0; i < k->n; i++) {
		for (h = 0; h < i; h++)
			if (tok_eq(x, k->t[h], x, k->t[i]))
				break;
		if (h < i)
			continue;
		(*distinct)++;
		for (j = 0; j < l->n; j++)
			if (tok_eq(x, k->t[i], y, l->t[j])) {
				(*common)++;
				break;
			}
	}
}

double
strsim_token_jaccard(const char *a, size_t alen, const char *b, size_t blen)
{
	struct cps x, y;
	struct toks k, l;
	size_t common, da, db, dummy;
	double r;

	cps_load(&x, a, alen, 1);
	cps_load(&y, b, blen, 1);
	toks_split(&k, &x);
	toks_split(&l, &y);
	tok_overlap(&x, &k, &y, &l, &common, &da);
	tok_overlap(&y, &l, &x, &k, &dummy, &db);
	r = da + db == 0 ? 1 : (double)common / (double)(da + db - common);
	toks_done(&k);
	toks_done(&l);
	cps_done(&x);
	cps_done(&y);
	return r;
}

/* The code points of token t of x as bits (c mod 64: a superset). */
static uint64_t
tok_set(const struct cps *x, const size_t *t)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < t[1]; i++)
		m |= (uint64_t)1 << (x->cp[t[0] + i] & 63);
	return m;
}

/*
 * An upper bound of Jaro-Winkler of tokens s (of x, set sx) and t (of
 * y, set ty): at most as many matches as characters of each whose bit
 * is in the other's set, no transpositions, the actual prefix.
 */
static double
tok_jw_bound(const struct cps *x, const size_t *s, uint64_t sx,
    const struct cps *y, const size_t *t, uint64_t ty)
{
	const uint32_t *a = x->cp + s[0], *b = y->cp + t[0];
	size_t i, ma = 0, mb = 0, l = 0;
	double j;

	for (i = 0; i < s[1]; i++)
		ma += ty >> (a[i] & 63) & 1;
	for (i = 0; i < t[1]; i++)
		mb += sx >> (b[i] & 63) & 1;
	if (mb < ma)
		ma = mb;
	if (ma == 0)
		return 0;
	while (l < 4 && l < s[1] && l < t[1] && a[l] == b[l])
		l++;
	j = jaro_of(ma, 0, s[1], t[1]);
	return j + (double)l * 0.1 * (1 - j);
}

/*
 * The symmetric Monge-Elkan mean of tokens k (of x) and l (of y): one
 * table of Jaro-Winkler similarities, the best of each row and of each
 * column averaged, the two means averaged.  With the tokens' sets sk
 * and sl (tok_set), the same over tok_jw_bound: a bound of the mean.
 */
static double
monge_elkan(const struct cps *x, const struct toks *k, const struct cps *y,
    const struct toks *l, const uint64_t *sk, const uint64_t *sl)
{
	double sbuf[2 * STRSIM_STACK], *colbest, sa = 0, sb = 0, best, v;
	size_t i, j;

	colbest = l->n <= 2 * STRSIM_STACK ? sbuf :
	    xreallocarray(NULL, l->n, sizeof(*colbest));
	for (j = 0; j < l->n; j++)
		colbest[j] = 0;
	for (i = 0; i < k->n; i++) {
		best = 0;
		for (j = 0; j < l->n; j++) {
			v = sk != NULL ? tok_jw_bound(x, k->t[i], sk[i], y,
			    l->t[j], sl[j]) : jw_cp(x->cp + k->t[i][0],
			    k->t[i][1], y->cp + l->t[j][0], l->t[j][1]);
			if (v > best)
				best = v;
			if (v > colbest[j])
				colbest[j] = v;
		}
		sa += best;
	}
	for (j = 0; j < l->n; j++)
		sb += colbest[j];
	if (colbest != sbuf)
		free(colbest);
	return (sa / (double)k->n + sb / (double)l->n) / 2;
}

double
strsim_token_set(const char *a, size_t alen, const char *b, size_t blen)
{
	return strsim_token_set_min(a, alen, b, blen, 0);
}

/*
 * Whether the Monge-Elkan mean of k (of x) and l (of y) may reach min:
 * the same mean over the bounds of the tokens' similarities.
 */
static int
monge_elkan_may(const struct cps *x, const struct toks *k,
    const struct cps *y, const struct toks *l, double min)
{
	uint64_t sk[STRSIM_STACK], sl[STRSIM_STACK];
	size_t i;

	if (k->n > STRSIM_STACK || l->n > STRSIM_STACK)
		return 1;
	for (i = 0; i < k->n; i++)
		sk[i] = tok_set(x, k->t[i]);
	for (i = 0; i < l->n; i++)
		sl[i] = tok_set(y, l->t[i]);
	return monge_elkan(x, k, y, l, sk, sl) >= min - 1e-9;
}

double
strsim_token_set_min(const char *a, size_t alen, const char *b,
    size_t blen, double min)
{
	struct cps x, y;
	struct toks k, l;
	double r;

	cps_load(&x, a, alen, 1);
	cps_load(&y, b, blen, 1);
	toks_split(&k, &x);
	toks_split(&l, &y);
	if (k.n == 0 || l.n == 0)
		r = k.n == l.n;
	else if (min > 0 && !monge_elkan_may(&x, &k, &y, &l, min))
		r = -1;
	else
		r = monge_elkan(&x, &k, &y, &l, NULL, NULL);
	toks_done(&k);
	toks_done(&l);
	cps_done(&x);
	cps_done(&y);
	return r;
}

/* Latin-1 letters with accents folded to their base letter (U+00C0..FF,
 * lower-cased first); '\0' for the signs. */
static const char latin1_base[] =
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";

/* The Soundex class of an ASCII lower-case letter: '0' for a vowel,
 * 'h' for h and w (neither coded nor separating). */
static char
sdx_class(char c)
{
	static const char cls[] = "01230120022455012623010202";

	if (c == 'h' || c == 'w')
		return 'h';
	return cls[c - 'a'];
}

/* Code one Latin token (ASCII letters and digits) into out[0..4]. */
static void
soundex(const char *w, size_t n, char *out)
{
	size_t i, k = 1;
	char last, c;

	out[0] = (char)(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 'a' + 'A' : w[0]);
	last = w[0] >= 'a' && w[0] <= 'z' ? sdx_class(w[0]) : '0';
	for (i = 1; i < n && k < 4; i++) {
		if (w[i] < 'a' || w[i] > 'z') {
			last = '0';
			continue;
		}
		c = sdx_class(w[i]);
		if (c == 'h')
			continue;
		if (c != '0' && c != last)
			out[k++] = c;
		last = c;
	}
	while (k < 4)
		out[k++] = '0';
	out[4] = '\0';
}

/* One token's key, NUL-terminated, into key (>= 5 * STRSIM_STACK). */
static void
token_key(const struct cps *c, const size_t *t, char *key)
{
	char w[STRSIM_STACK];
	size_t i, n = 0, k = 0;
	uint32_t cp;
	int latin = 1;

	for (i = 0; i < t[1] && latin; i++) {
		cp = c->cp[t[0] + i];
		if (cp < 0x80)
			w[n++] = (char)cp;
		else if (cp >= 0xC0 && cp <= 0xFF && latin1_base[cp - 0xC0])
			w[n++] = latin1_base[cp - 0xC0];
		else
			latin = 0;
		if (n == sizeof(w) - 1)
			break;
	}
	if (latin && n > 0 && w[0] >= 'a' && w[0] <= 'z') {
		soundex(w, n, key);
		return;
	}
	for (i = 0; i < t[1] && i < STRSIM_STACK; i++) {
		cp = c->cp[t[0] + i];
		k += utf8_encode(cp >= INVALID_BASE ? 0xFFFD : cp, key + k);
	}
	key[k] = '\0';
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
strsim_phonetic(const char *p, size_t len, char *out, size_t cap)
{
	struct cps c;
	struct toks k;
	char **keys, *mem, *skeys[8], smem[8 * (4 * STRSIM_STACK + 1)];
	size_t i, n = 0, m, per = 4 * STRSIM_STACK + 1;

	if (cap == 0)
		return 0;
	cps_load(&c, p, len, 1);
	toks_split(&k, &c);
	keys = k.n <= 8 ? skeys : xreallocarray(NULL, k.n, sizeof(*keys));
	mem = k.n <= 8 ? smem : xreallocarray(NULL, k.n, per);
	for (i = 0; i < k.n; i++) {
		keys[i] = mem + i * per;
		token_key(&c, k.t[i], keys[i]);
	}
	qsort(keys, k.n, sizeof(*keys), cmp_str);
	for (i = 0; i < k.n; i++) {
		m = strlen(keys[i]);
		if (n + (i > 0) + m >= cap)
			break;
		if (i > 0)
			out[n++] = ' ';
		memcpy(out + n, keys[i], m);
		n += m;
	}
	out[n] = '\0';
	if (keys != skeys) {
		free(keys);
		free(mem);
	}
	toks_done(&k);
	cps_done(&c);
	return n;
}
