/*
 * text.c: UTF-8 validation and coding, whitespace squeezing, simple case
 * mapping and the tokenizer used by crm-sentiment and crm-recommend.
 * Hand-written scanning throughout: these run over millions of reviews.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "text.h"

#define HIBITS	0x8080808080808080ULL

/* Continuation byte? */
#define CONT(b)	(((b) & 0xC0) == 0x80)

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		if (len < 2 || !CONT(p[1]))
			return 0;
		*cp = ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (len < 3 || !CONT(p[1]) || !CONT(p[2]))
			return 0;
		/* E0 needs A0..BF (no overlongs), ED 80..9F (no surrogates). */
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
			return 0;
		*cp = ((uint32_t)(c & 0x0F) << 12) |
		    ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (len < 4 || !CONT(p[1]) || !CONT(p[2]) || !CONT(p[3]))
			return 0;
		/* F0 needs 90..BF (no overlongs), F4 80..8F (<= U+10FFFF). */
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
			return 0;
		*cp = ((uint32_t)(c & 0x07) << 18) |
		    ((uint32_t)(p[1] & 0x3F) << 12) |
		    ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
		return 4;
	}
	return 0;	/* 80..C1 (continuation or overlong lead), F5..FF */
}

int
utf8_valid(const char *p, size_t len)
{
	size_t i = 0, n;
	uint64_t w;
	uint32_t cp;

	while (i < len) {
		/* Skip ASCII eight bytes at a time. */
		while (len - i >= 8) {
			memcpy(&w, p + i, 8);
			if (w & HIBITS)
				break;
			i += 8;
		}
		if (i == len)
			break;
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_decode(p + i, len - i, &cp)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the whitespace character at p, or 0 if there is none. */
static size_t
space_len(const unsigned char *p, size_t len)
{
	switch (p[0]) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
		return 1;
	case 0xC2:
		return len >= 2 && p[1] == 0xA0 ? 2 : 0;
	case 0xE3:
		return len >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
	}
	return 0;
}

/*
 * The output never runs ahead of the input (a run of n >= 1 bytes
 * becomes at most 1), so out may be p.
 */
size_t
text_squeeze(const char *s, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, n, k;
	int gap = 0;

	while (i < len) {
		if ((n = space_len(p + i, len - i)) > 0) {
			gap = o > 0;
			i += n;
			continue;
		}
		if (gap) {
			out[o++] = ' ';
			gap = 0;
		}
		/* Copy one character, so that C2 A0 is never split. */
		k = utf8_decode(s + i, len - i, &(uint32_t){0});
		if (k == 0)
			k = 1;
		while (k-- > 0)
			out[o++] = (char)p[i++];
	}
	return o;
}

/*
 * Case mapping.  Every code point mapped here lies in U+0080..U+07FF
 * (two bytes in UTF-8) or is ASCII, and so is its image: the byte
 * length never changes.
 */
uint32_t
text_lower_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 0x20;
	if (cp >= 0x100 && cp <= 0x17F) {
		if ((cp <= 0x12F || (cp >= 0x132 && cp <= 0x137) ||
		    (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 0)
			return cp + 1;
		if (((cp >= 0x139 && cp <= 0x148) ||
		    (cp >= 0x179 && cp <= 0x17E)) && cp % 2 == 1)
			return cp + 1;
		return cp == 0x178 ? 0xFF : cp;
	}
	if (cp >= 0x386 && cp <= 0x3AB) {
		if (cp >= 0x391 && cp != 0x3A2)
			return cp + 0x20;
		if (cp == 0x386)
			return 0x3AC;
		if (cp >= 0x388 && cp <= 0x38A)
			return cp + 0x25;
		if (cp == 0x38C)
			return 0x3CC;
		if (cp == 0x38E || cp == 0x38F)
			return cp + 0x3F;
		return cp;
	}
	if (cp >= 0x400 && cp <= 0x4FF) {
		if (cp <= 0x40F)
			return cp + 0x50;
		if (cp <= 0x42F)
			return cp + 0x20;
		if (((cp >= 0x460 && cp <= 0x481) ||
		    (cp >= 0x48A && cp <= 0x4BF) || cp >= 0x4D0) && cp % 2 == 0)
			return cp + 1;
		if (cp >= 0x4C1 && cp <= 0x4CE && cp % 2 == 1)
			return cp + 1;
		return cp == 0x4C0 ? 0x4CF : cp;
	}
	return cp;
}

uint32_t
text_upper_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
	if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
		return cp - 0x20;
	if (cp == 0xFF)
		return 0x178;
	if (cp >= 0x100 && cp <= 0x17F) {
		if ((cp <= 0x12F || (cp >= 0x132 && cp <= 0x137) ||
		    (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 1)
			return cp - 1;
		if (((cp >= 0x139 && cp <= 0x148) ||
		    (cp >= 0x179 && cp <= 0x17E)) && cp % 2 == 0)
			return cp - 1;
		return cp;
	}
	if (cp >= 0x3AC && cp <= 0x3CE) {
		if (cp >= 0x3B1 && cp <= 0x3CB)
			return cp == 0x3C2 ? 0x3A3 : cp - 0x20;
		if (cp == 0x3AC)
			return 0x386;
		if (cp >= 0x3AD && cp <= 0x3AF)
			return cp - 0x25;
		if (cp == 0x3CC)
			return 0x38C;
		if (cp == 0x3CD || cp == 0x3CE)
			return cp - 0x3F;
		return cp;
	}
	if (cp >= 0x430 && cp <= 0x4FF) {
		if (cp <= 0x44F)
			return cp - 0x20;
		if (cp <= 0x45F)
			return cp - 0x50;
		if (((cp >= 0x460 && cp <= 0x481) ||
		    (cp >= 0x48A && cp <= 0x4BF) || cp >= 0x4D0) && cp % 2 == 1)
			return cp - 1;
		if (cp >= 0x4C1 && cp <= 0x4CE && cp % 2 == 0)
			return cp - 1;
		return cp == 0x4CF ? 0x4C0 : cp;
	}
	return cp;
}

/* Map every two-byte character through map; copy everything else. */
static size_t
text_map(const char *s, size_t len, char *out, uint32_t (*map)(uint32_t),
    int upper)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;
	unsigned char c;

	while (i < len) {
		c = p[i];
		if (c < 0x80) {
			if (upper)
				out[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
			else
				out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
		} else if (c >= 0xC2 && c <= 0xDF && i + 1 < len &&
		    CONT(p[i + 1])) {
			cp = map(((uint32_t)(c & 0x1F) << 6) | (p[i + 1] & 0x3F));
			utf8_encode(cp, out + i);
			i += 2;
		} else {
			out[i] = (char)c;
			i++;
		}
	}
	return len;
}

size_t
text_lower(const char *p, size_t len, char *out)
{
	return text_map(p, len, out, text_lower_cp, 0);
}

size_t
text_upper(const char *p, size_t len, char *out)
{
	return text_map(p, len, out, text_upper_cp, 1);
}

int
text_is_cjk(uint32_t cp)
{
	if (cp < 0x1100)
		return 0;
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||	/* unified ideographs */
	    (cp >= 0x3400 && cp <= 0x4DBF) ||		/* extension A */
	    (cp >= 0x3041 && cp <= 0x30FF && cp != 0x30A0 &&
	    cp != 0x30FB) ||				/* kana, not ゠ ・ */
	    (cp >= 0xAC00 && cp <= 0xD7AF) ||		/* hangul syllables */
	    (cp >= 0x3005 && cp <= 0x3007) ||		/* 々 〆 〇 */
	    (cp >= 0x1100 && cp <= 0x11FF) ||		/* hangul jamo */
	    (cp >= 0x3130 && cp <= 0x318F) ||		/* compatibility jamo */
	    (cp >= 0x31F0 && cp <= 0x31FF) ||		/* katakana ext. */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||		/* compatibility */
	    (cp >= 0xFF66 && cp <= 0xFF9F) ||		/* halfwidth kana */
	    (cp >= 0x20000 && cp <= 0x323AF);		/* extensions B..H */
}

/*
 * Character classes of the tokenizer.  A combining mark continues a
 * word but does not start one.
 */
enum tok_class { TC_SEP, TC_WORD, TC_APOS, TC_CJK, TC_MARK };

/* Non-ASCII punctuation, symbols and spaces: separators, sorted. */
static const uint32_t tok_seps[][2] = {
	{ 0x80, 0xA9 }, { 0xAB, 0xB1 }, { 0xB4, 0xB4 }, { 0xB6, 0xB8 },
	{ 0xBB, 0xBB }, { 0xBF, 0xBF }, { 0xD7, 0xD7 }, { 0xF7, 0xF7 },
	{ 0x37E, 0x37E }, { 0x387, 0x387 }, { 0x55A, 0x55F },
	{ 0x589, 0x58A }, { 0x5BE, 0x5BE }, { 0x5C0, 0x5C0 },
	{ 0x5C3, 0x5C3 }, { 0x5C6, 0x5C6 }, { 0x5F3, 0x5F4 },
	{ 0x609, 0x60D }, { 0x61B, 0x61B }, { 0x61D, 0x61F },
	{ 0x66A, 0x66D }, { 0x6D4, 0x6D4 }, { 0x964, 0x965 },
	{ 0x970, 0x970 }, { 0xE3F, 0xE3F }, { 0xE4F, 0xE4F },
	{ 0xE5A, 0xE5B }, { 0x2000, 0x2BFF }, { 0x2E00, 0x2E7F },
	{ 0x3000, 0x303F }, { 0x30A0, 0x30A0 }, { 0x30FB, 0x30FB },
	{ 0xE000, 0xF8FF }, { 0xFE00, 0xFE1F }, { 0xFE30, 0xFE6F },
	{ 0xFEFF, 0xFEFF }, { 0xFF00, 0xFF00 }, { 0xFF5F, 0xFF65 },
	{ 0xFFE0, 0xFFFF }, { 0x1F000, 0x1FAFF }, { 0xE0000, 0xE007F },
	{ 0xF0000, 0x10FFFF },
};

static int
tok_is_sep(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(tok_seps) / sizeof(tok_seps[0]), mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < tok_seps[mid][0])
			hi = mid;
		else if (cp > tok_seps[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static enum tok_class
tok_class(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '_')
			return TC_WORD;
		return cp == '\'' ? TC_APOS : TC_SEP;
	}
	if (cp == 0x2019 || cp == 0x2BC)
		return TC_APOS;
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0xFE20 && cp <= 0xFE2F))
		return TC_MARK;
	if (text_is_cjk(cp))
		return TC_CJK;
	return tok_is_sep(cp) ? TC_SEP : TC_WORD;
}

/*
 * Read the character at p[i]: its class, code point (fullwidth ASCII
 * folded) and byte length.  Invalid bytes are one-byte separators.
 */
static enum tok_class
tok_read(const char *p, size_t len, size_t i, uint32_t *cp, size_t *n)
{
	unsigned char c = (unsigned char)p[i];

	if (c < 0x80) {
		*cp = c;
		*n = 1;
		return tok_class(c);
	}
	if ((*n = utf8_decode(p + i, len - i, cp)) == 0) {
		*n = 1;
		*cp = 0xFFFD;
		return TC_SEP;
	}
	if (*cp >= 0xFF01 && *cp <= 0xFF5E)
		*cp -= 0xFEE0;
	return tok_class(*cp);
}

struct tokenizer {
	int	 nmin, nmax;
	char	*buf;		/* the current word, lower-cased */
	size_t	 len, cap;
	size_t	*pos;		/* byte offsets of a CJK run's characters */
	size_t	 npos, poscap;
};

struct tokenizer *
tok_new(int cjk_nmin, int cjk_nmax)
{
	struct tokenizer *t;

	t = xcalloc(1, sizeof(*t));
	t->nmin = cjk_nmin < 1 ? 1 : cjk_nmin > 8 ? 8 : cjk_nmin;
	t->nmax = cjk_nmax < t->nmin ? t->nmin : cjk_nmax > 8 ? 8 : cjk_nmax;
	t->cap = 256;
	t->buf = xmalloc(t->cap);
	t->poscap = 64;
	t->pos = xmalloc(t->poscap * sizeof(t->pos[0]));
	return t;
}

void
tok_free(struct tokenizer *t)
{
	if (t == NULL)
		return;
	free(t->buf);
	free(t->pos);
	free(t);
}

/* Append the lower case of cp to the current word. */
static void
tok_add(struct tokenizer *t, uint32_t cp)
{
	if (t->len + 4 > t->cap)
		t->buf = xgrow(t->buf, &t->cap, t->len + 4, 1);
	if (cp < 0x80)
		t->buf[t->len++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
	else {
		cp = text_lower_cp(cp);
		if (cp == 0x3C2)	/* final sigma folds to σ */
			cp = 0x3C3;
		t->len += utf8_encode(cp, t->buf + t->len);
	}
}

/*
 * Emit the n-grams of the CJK run starting at p[i]; returns the offset
 * after the run and adds the tokens emitted to *count.
 */
static size_t
tok_cjk(struct tokenizer *t, const char *p, size_t len, size_t i,
    void (*fn)(const char *, size_t, void *), void *arg, size_t *count)
{
	size_t n, k, g, end;
	uint32_t cp;

	t->npos = 0;
	while (i < len && tok_read(p, len, i, &cp, &n) == TC_CJK) {
		if (t->npos + 2 > t->poscap)
			t->pos = xgrow(t->pos, &t->poscap, t->npos + 2,
			    sizeof(t->pos[0]));
		t->pos[t->npos++] = i;
		i += n;
	}
	t->pos[t->npos] = i;		/* end of the last character */
	if (t->npos < (size_t)t->nmin) {
		fn(p + t->pos[0], i - t->pos[0], arg);
		(*count)++;
		return i;
	}
	for (k = 0; k < t->npos; k++) {
		for (g = (size_t)t->nmin; g <= (size_t)t->nmax; g++) {
			if (k + g > t->npos)
				break;
			end = t->pos[k + g];
			fn(p + t->pos[k], end - t->pos[k], arg);
			(*count)++;
		}
	}
	return i;
}

size_t
tok_split(struct tokenizer *t, const char *p, size_t len,
    void (*fn)(const char *, size_t, void *), void *arg)
{
	size_t i = 0, n, n2, count = 0;
	uint32_t cp, cp2;
	enum tok_class c;

	t->len = 0;
	while (i < len) {
		c = tok_read(p, len, i, &cp, &n);
		if (c == TC_MARK)
			c = t->len > 0 ? TC_WORD : TC_SEP;
		if (c == TC_WORD) {
			tok_add(t, cp);
			i += n;
			continue;
		}
		/* An apostrophe between word characters belongs to the word. */
		if (c == TC_APOS && t->len > 0 && i + n < len &&
		    tok_read(p, len, i + n, &cp2, &n2) == TC_WORD) {
			tok_add(t, '\'');
			tok_add(t, cp2);
			i += n + n2;
			continue;
		}
		if (t->len > 0) {
			fn(t->buf, t->len, arg);
			count++;
			t->len = 0;
		}
		if (c == TC_CJK)
			i = tok_cjk(t, p, len, i, fn, arg, &count);
		else
			i += n;
	}
	if (t->len > 0) {
		fn(t->buf, t->len, arg);
		count++;
		t->len = 0;
	}
	return count;
}

const char *
text_strip(const char *p, size_t *len)
{
	size_t n = *len;

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*len = n;
	return p;
}
