/*
 * text.h: UTF-8 text helpers: validation, whitespace, case and the
 * tokenizer that splits text into words and CJK character n-grams.
 *
 * Invalid UTF-8 never makes these functions fail: bytes that are not
 * part of a valid sequence are copied as they are (squeeze, case) or
 * treated as separators (tokenizer).
 */
#ifndef CRM_TEXT_H
#define CRM_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Strip spaces and tabs from both ends of p[0..*len): returns the new
 * start and sets *len.  (Numbers and dates allow them around a value.)
 */
const char *text_strip(const char *p, size_t *len);

/*
 * Returns 1 when p[0..len) is valid UTF-8: no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated
 * sequence.  NUL bytes are valid UTF-8.
 */
int	 utf8_valid(const char *p, size_t len);
/*
 * Decode one code point at p (len > 0); returns its byte length (1..4),
 * or 0 on an invalid or truncated sequence.
 */
size_t	 utf8_decode(const char *p, size_t len, uint32_t *cp);
/*
 * Encode cp into buf (>= 4 bytes); returns its length.  A surrogate or
 * a value above U+10FFFF is encoded as U+FFFD.
 */
size_t	 utf8_encode(uint32_t cp, char *buf);

/*
 * Write p trimmed of leading/trailing whitespace and with inner runs of
 * whitespace collapsed to one ASCII space into out (>= len bytes; out
 * may be p itself).  ASCII whitespace (space, \t, \n, \v, \f, \r),
 * U+00A0 and U+3000 count.  Returns the new length.
 */
size_t	 text_squeeze(const char *p, size_t len, char *out);
/*
 * Lower- or upper-case p into out (>= len bytes; out may be p; the
 * length never changes).  Mapped: ASCII; Latin-1 supplement (À..Þ
 * with à..þ, not × ÷) and ÿ with Ÿ (U+0178); Latin Extended-A pairs
 * (Ā..ž); Greek (Α..Ω with α..ω, the accented ones, ς upper-cases to Σ);
 * Cyrillic (Ѐ..Я with ѐ..я and the paired letters Ѡ..ӿ, including Ґ).
 * Left as they are because their other case has a different length or
 * is not one character: ß, ŉ, ſ, İ, ı, ĸ, ΐ, ΰ, and µ (a unit sign in
 * practice).  Other bytes and invalid sequences are copied.
 */
size_t	 text_lower(const char *p, size_t len, char *out);
size_t	 text_upper(const char *p, size_t len, char *out);
/* The same for one code point (unchanged when not mapped). */
uint32_t text_lower_cp(uint32_t cp);
uint32_t text_upper_cp(uint32_t cp);

/*
 * True for a code point in a CJK ideograph block (U+3400..U+4DBF,
 * U+4E00..U+9FFF, U+F900..U+FAFF, U+20000..U+323AF), 々〆〇, kana
 * (hiragana, katakana, halfwidth katakana) or hangul (jamo, syllables).
 */
int	 text_is_cjk(uint32_t cp);

/*
 * The tokenizer: hand-written UTF-8 scanning, no regex, no allocation
 * per token.
 *
 * Words are maximal runs of word characters: ASCII letters, digits and
 * '_', and every code point from U+00C0 up that is not punctuation,
 * a symbol, a space or CJK (the separators known are Latin-1 signs,
 * × ÷, general punctuation U+2000..U+2BFF, U+2E00..U+2E7F, CJK
 * punctuation U+3000..U+303F, U+FE30..U+FE6F, emoji and pictographs
 * U+1F000..U+1FAFF, variation selectors, private use, and the
 * punctuation of Greek, Armenian, Hebrew, Arabic, Devanagari and Thai).
 * Combining marks (U+0300..U+036F and the like) continue a word but
 * never start one.  Scripts without spaces other than CJK
 * (Thai, ...) therefore come out as long words.  Invalid UTF-8 bytes
 * are separators.  Words are lower-cased as text_lower does, and the
 * final sigma ς is folded to σ so that a word has one spelling.
 *
 * An apostrophe (', U+2019 ’ or U+02BC ʼ) between two word characters
 * stays in the word, written as ASCII ': "Don’t" gives "don't";
 * "'quoted'" gives "quoted", "students'" gives "students".
 *
 * Fullwidth ASCII forms (U+FF01..U+FF5E) are read as their ASCII
 * characters: "ＡＢＣ１２３！" gives "abc123".
 *
 * A maximal run of CJK characters (text_is_cjk) gives character
 * n-grams, ordered by start position and then by size: for "不太好"
 * with sizes 1..2, 不 不太 太 太好 好.  A run shorter than nmin gives
 * the whole run as one token, so that no CJK text is lost.  CJK tokens
 * are the input bytes unchanged.
 */
struct tokenizer;

/* 1 <= cjk_nmin <= cjk_nmax (out-of-range values are clamped to 1..8). */
struct tokenizer *tok_new(int cjk_nmin, int cjk_nmax);
void		 tok_free(struct tokenizer *);
/*
 * Split p[0..len) into tokens, calling fn(tok, toklen, arg) for each in
 * order.  The token is only valid during the call.  Returns the number
 * of tokens.  A tokenizer holds buffers: use one per thread.
 */
size_t		 tok_split(struct tokenizer *, const char *p, size_t len,
		    void (*fn)(const char *, size_t, void *), void *arg);

#endif
