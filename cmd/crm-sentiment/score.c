/*
 * score.c: the lexicon scorer.  The text is cut into tokens: words
 * (lower-cased, apostrophes dropped: "don't" is "dont"), emoticons and
 * emoji, the lexicon's longest matches in runs of CJK characters, and
 * clause breaks (punctuation).  Each valence is then adjusted by the
 * rules (see sentiment.h for the constants; the man page gives the
 * formulas), summed and squashed into [-1, 1].
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "text.h"

#include "sentiment.h"

enum { T_WORD, T_NEG, T_BOOST, T_CONTRAST, T_BREAK, T_OTHER };

struct token {
	int	 kind;
	int	 caps;		/* an all-capitals word */
	double	 v;
};

struct scorer {
	const struct lexicon *lex;
	struct token	*t;
	size_t		 n, cap;
	char		*w;		/* the word being looked up */
	size_t		 wcap;
	char		*sq;		/* the word squeezed (find_loose) */
	size_t		 sqcap;
	int		 excl, quest;
	int		 has_lower;	/* the text has a lower-case letter */
};

struct scorer *
scorer_new(const struct lexicon *lex)
{
	struct scorer *s = xcalloc(1, sizeof(*s));

	s->lex = lex;
	return s;
}

void
scorer_free(struct scorer *s)
{
	if (s == NULL)
		return;
	free(s->t);
	free(s->w);
	free(s->sq);
	free(s);
}

const char *
score_label(double c)
{
	if (c >= SENT_THRESH)
		return "positive";
	if (c <= -SENT_THRESH)
		return "negative";
	return "neutral";
}

static void
push(struct scorer *s, int kind, double v, int caps)
{
	s->t = xgrow(s->t, &s->cap, s->n + 1, sizeof(*s->t));
	s->t[s->n].kind = kind;
	s->t[s->n].v = v;
	s->t[s->n].caps = caps;
	s->n++;
}

static void
push_entry(struct scorer *s, const struct lex_val *e, int caps)
{
	if (e == NULL || e->kind == LEX_NONE)
		push(s, T_OTHER, 0, 0);
	else if (e->kind == LEX_WORD)
		push(s, T_WORD, e->v, caps);
	else if (e->kind == LEX_NEGATE)
		push(s, T_NEG, e->v, 0);
	else if (e->kind == LEX_BOOST)
		push(s, T_BOOST, e->v, 0);
	else
		push(s, T_CONTRAST, 0, 0);
}

/* Emoji and pictographs (looked up one by one). */
static int
is_emoji(uint32_t cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF) ||
	    (cp >= 0x2600 && cp <= 0x27BF) || cp == 0x2B50 || cp == 0x2B55;
}

/* A code point that continues an English word. */
static int
is_wordch(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '_';
	return cp >= 0xC0 && !text_is_cjk(cp) && !is_emoji(cp) &&
	    cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp <= 0x2BFF) &&
	    !(cp >= 0x3000 && cp <= 0x303F) && !(cp >= 0xFE00 && cp <= 0xFFFF);
}

static int
is_apos(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2BC;
}

/*
 * The lexicon entry of a word not found as it is: elongations squeezed
 * ("goooood" -> "good", then "god"), then a few suffixes stripped.
 */
static const struct lex_val *
find_loose(struct scorer *s, char *w, size_t n)
{
	static const char *const suf[] = { "s", "es", "ed", "d", "ing",
	    "ly", NULL };
	const struct lex_val *e;
	size_t i, j, k, m;
	int run = 0;

	for (i = 2; i < n; i++)
		run |= w[i] == w[i - 1] && w[i] == w[i - 2];
	if (run)
		s->sq = xgrow(s->sq, &s->sqcap, n + 1, 1);
	for (k = 2; run && k >= 1; k--) {
		for (i = j = 0; i < n; i++) {
			if (j >= k && s->sq[j - 1] == w[i] &&
			    (k == 1 || s->sq[j - 2] == w[i]))
				continue;
			s->sq[j++] = w[i];
		}
		if ((e = lex_find(s->lex, s->sq, j)) != NULL &&
		    e->kind != LEX_NONE)
			return e;
	}
	for (i = 0; suf[i] != NULL; i++) {
		m = strlen(suf[i]);
		if (n < m + 3 || memcmp(w + n - m, suf[i], m) != 0)
			continue;
		if ((e = lex_find(s->lex, w, n - m)) != NULL &&
		    e->kind == LEX_WORD)
			return e;
	}
	return NULL;
}

/*
 * Read the word at p[0..len) lower-cased into s->w from offset *n on
 * (apostrophes inside it dropped), counting its capitals and letters.
 * Returns the bytes read.
 */
static size_t
read_word(struct scorer *s, const char *p, size_t len, size_t *n,
    size_t *nup, size_t *nletter)
{
	size_t i = 0, k, m = *n, up = 0, let = 0;
	uint32_t cp, c2, lo;
	char *w;

	/* a lower-case letter takes at most 1.5 times its bytes */
	s->w = xgrow(s->w, &s->wcap, m + 2 * len + 8, 1);
	w = s->w;
	while (i < len && (k = utf8_decode(p + i, len - i, &cp)) > 0) {
		if (is_apos(cp) && i > 0 && i + k < len &&
		    utf8_decode(p + i + k, len - i - k, &c2) > 0 &&
		    is_wordch(c2)) {
			i += k;
			continue;
		}
		if (!is_wordch(cp))
			break;
		lo = text_lower_cp(cp);
		if (lo != cp) {
			up++;
			let++;
		} else if (text_upper_cp(cp) != cp) {
			let++;
			s->has_lower = 1;
		}
		if (lo < 0x80)
			w[m++] = (char)lo;
		else
			m += utf8_encode(lo, w + m);
		i += k;
	}
	*n = m;
	*nup += up;
	*nletter += let;
	return i;
}

/*
 * The longest phrase of the lexicon that starts with the word s->w[0..n)
 * (read from p[0..i)) and goes on over the words after it, separated by
 * blanks or a hyphen.  Returns its entry and sets *used to the bytes it
 * takes, or NULL.
 */
static const struct lex_val *
scan_phrase(struct scorer *s, const char *p, size_t len, size_t i,
    size_t n, size_t *used, size_t *nup, size_t *nletter)
{
	const struct lex_val *e, *best = NULL;
	size_t words = 1, j, k, up = *nup, let = *nletter;
	size_t maxw = lex_phrase_maxwords(s->lex);
	uint32_t cp;

	while (words < maxw) {
		for (j = i; j < len && (p[j] == ' ' || p[j] == '\t'); j++)
			;
		if (j < len && p[j] == '-' && j == i)
			for (j++; j < len && p[j] == ' '; j++)
				;
		if (j == i || j >= len || utf8_decode(p + j, len - j, &cp) == 0 ||
		    !is_wordch(cp))
			break;
		s->w = xgrow(s->w, &s->wcap, n + 8, 1);
		s->w[n++] = ' ';
		k = read_word(s, p + j, len - j, &n, &up, &let);
		words++;
		if ((e = lex_find(s->lex, s->w, n)) == NULL)
			break;
		i = j + k;
		if (e->kind != LEX_NONE) {
			best = e;
			*used = i;
			*nup = up;
			*nletter = let;
		}
		if (!e->prefix)
			break;
	}
	return best;
}

/* Scan one Latin word (or phrase) at p[0..len); returns its length. */
static size_t
scan_word(struct scorer *s, const char *p, size_t len)
{
	size_t i, n = 0, nup = 0, nletter = 0, used;
	const struct lex_val *e, *ph;

	i = read_word(s, p, len, &n, &nup, &nletter);
	e = lex_find(s->lex, s->w, n);
	if (e != NULL && e->prefix &&
	    (ph = scan_phrase(s, p, len, i, n, &used, &nup, &nletter)) !=
	    NULL) {
		push_entry(s, ph, nup >= 2 && nup == nletter);
		return used;
	}
	if ((e == NULL || e->kind == LEX_NONE) && n > 3 &&
	    memcmp(s->w + n - 2, "nt", 2) == 0 && memchr(p, '\'', i) != NULL)
		e = lex_find(s->lex, "not", 3);
	if (e == NULL || e->kind == LEX_NONE)
		e = find_loose(s, s->w, n);
	push_entry(s, e, nup >= 2 && nup == nletter);
	return i;
}

/* Longest lexicon matches over a run of CJK characters. */
static size_t
scan_cjk(struct scorer *s, const char *p, size_t len)
{
	size_t end = 0, i = 0, k, m, best;
	uint32_t cp;
	const struct lex_val *e, *be;
	size_t maxlen = lex_cjk_maxlen(s->lex);
	int other = 0;

	while (end < len && (k = utf8_decode(p + end, len - end, &cp)) > 0 &&
	    text_is_cjk(cp))
		end += k;
	while (i < end) {
		best = 0;
		be = NULL;
		for (m = i; m < end && m - i < maxlen; ) {
			k = utf8_decode(p + m, end - m, &cp);
			m += k;
			if ((e = lex_find(s->lex, p + i, m - i)) != NULL) {
				best = m - i;
				be = e;
			}
		}
		if (be == NULL) {
			/* a run of unknown characters is one token */
			if (!other)
				push(s, T_OTHER, 0, 0);
			other = 1;
			i += utf8_decode(p + i, end - i, &cp);
			continue;
		}
		other = 0;
		push_entry(s, be, 0);
		i += best;
	}
	return end;
}

/* Punctuation at p: an emoticon of the lexicon, or one mark. */
static size_t
scan_punct(struct scorer *s, const char *p, size_t len)
{
	size_t n, m;
	const struct lex_val *e;

	for (n = 0; n < len && n < 6 && p[n] > ' ' && (unsigned char)p[n] < 0x80;
	    n++)
		;
	for (m = n; m >= 2; m--)
		if ((e = lex_find(s->lex, p, m)) != NULL &&
		    e->kind == LEX_WORD) {
			push(s, T_WORD, e->v, 0);
			return m;
		}
	switch (p[0]) {
	case '!':
		s->excl++;
		push(s, T_BREAK, 0, 0);
		break;
	case '?':
		s->quest++;
		push(s, T_BREAK, 0, 0);
		break;
	case '.': case ',': case ';': case ':': case '(': case ')':
		push(s, T_BREAK, 0, 0);
		break;
	}
	return 1;
}

/* A mark of CJK or fullwidth punctuation, or an emoji. */
static void
scan_other(struct scorer *s, const char *p, size_t k, uint32_t cp)
{
	if (cp == 0xFF01) {
		s->excl++;
		push(s, T_BREAK, 0, 0);
	} else if (cp == 0xFF1F) {
		s->quest++;
		push(s, T_BREAK, 0, 0);
	} else if (cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C ||
	    cp == 0xFF1B || cp == 0xFF1A || cp == 0x2026 || cp == 0xFF5E ||
	    cp == 0xFF08 || cp == 0xFF09)
		push(s, T_BREAK, 0, 0);
	else if (is_emoji(cp) || cp == 0x2665)
		push_entry(s, lex_find(s->lex, p, k), 0);
}

static void
tokenize(struct scorer *s, const char *p, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	s->n = 0;
	s->excl = s->quest = s->has_lower = 0;
	while (i < len) {
		k = utf8_decode(p + i, len - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		if (is_wordch(cp))
			k = scan_word(s, p + i, len - i);
		else if (text_is_cjk(cp))
			k = scan_cjk(s, p + i, len - i);
		else if (cp < 0x80 && cp > ' ')
			k = scan_punct(s, p + i, len - i);
		else
			scan_other(s, p + i, k, cp);
		i += k;
	}
}

/*
 * The valence of word token i after capitals, boosters and negation.
 * A booster between a negator and the word softens the negation ("not
 * very good", 不太好); one before the negator, and an emphatic negator
 * (一点也不, 根本不: a negator with a value), strengthens it ("really
 * not good", 很不好).
 */
static double
adjust(const struct scorer *s, size_t i)
{
	double v = s->t[i].v, sg = v > 0 ? 1 : -1, in = 0, out = 0, w;
	size_t j, d;
	int neg = 0;

	if (s->t[i].caps && s->has_lower)
		v += sg * SENT_CAPS;
	for (j = i, d = 0; j > 0 && d < SENT_WINDOW; d++) {
		const struct token *t = &s->t[--j];

		if (t->kind == T_BREAK || t->kind == T_CONTRAST)
			break;
		if (t->kind == T_BOOST)
			*(neg ? &out : &in) += t->v;
		else if (t->kind == T_NEG) {
			neg = 1;
			out += t->v;
		}
	}
	if (!neg)
		return v + sg * (in + out);
	/* softened or strengthened, a word never turns over twice */
	v -= sg * in;
	if (v * sg <= 0)
		return 0;
	v *= SENT_NEG;
	w = v - sg * out;
	return w * v > 0 ? w : 0;
}

double
scorer_score(struct scorer *s, const char *text, size_t len)
{
	size_t i, last = (size_t)-1;
	double sum = 0, v, sg;

	tokenize(s, text, len);
	for (i = 0; i < s->n; i++)
		if (s->t[i].kind == T_CONTRAST)
			last = i;
	for (i = 0; i < s->n; i++) {
		if (s->t[i].kind != T_WORD || s->t[i].v == 0)
			continue;
		v = adjust(s, i);
		if (last != (size_t)-1)
			v *= i < last ? SENT_BEFORE : SENT_AFTER;
		sum += v;
	}
	if (sum == 0)
		return 0;
	sg = sum > 0 ? 1 : -1;
	sum += sg * SENT_EXCL * (s->excl < 4 ? s->excl : 4);
	if (s->quest > 1)
		sum += sg * SENT_QUEST * (s->quest < 4 ? s->quest : 4);
	return sum / sqrt(sum * sum + SENT_ALPHA);
}
