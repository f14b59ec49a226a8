/*
 * text.h: UTF-8 text helpers: validation, whitespace, case and the
 * tokenizer that splits text into words and CJK character n-grams.
 */
#ifndef CRM_TEXT_H
#define CRM_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Returns 1 when p[0..len) is valid UTF-8 (no overlongs, surrogates). */
int	 utf8_valid(const char *p, size_t len);
/*
 * Decode one code point at p (len > 0); returns its byte length, or 0 on
 * an invalid sequence.
 */
size_t	 utf8_decode(const char *p, size_t len, uint32_t *cp);
/* Encode cp into buf (>= 4 bytes); returns its length. */
size_t	 utf8_encode(uint32_t cp, char *buf);

/*
 * Write p trimmed of leading/trailing whitespace and with inner runs of
 * whitespace collapsed to one space into out (>= len bytes).  ASCII
 * whitespace and U+00A0, U+3000 count.  Returns the new length.
 */
size_t	 text_squeeze(const char *p, size_t len, char *out);
/*
 * Lower- or upper-case p into out (>= len bytes; same length): ASCII,
 * Latin-1 supplement, Greek and Cyrillic basic letters.  Other bytes
 * are copied.  Returns the length.
 */
size_t	 text_lower(const char *p, size_t len, char *out);
size_t	 text_upper(const char *p, size_t len, char *out);

/* True for a code point in a CJK ideograph, kana or hangul block. */
int	 text_is_cjk(uint32_t cp);

/*
 * The tokenizer.  Words are runs of letters, digits, apostrophes inside
 * words and underscores (Unicode, by PCRE2 \w with UCP), lower-cased;
 * runs of CJK characters yield character n-grams of sizes nmin..nmax
 * instead (with nmin = 1, each character).
 */
struct tokenizer;

struct tokenizer *tok_new(int cjk_nmin, int cjk_nmax);
void		 tok_free(struct tokenizer *);
/*
 * Split p[0..len) into tokens, calling fn(tok, toklen, arg) for each in
 * order.  The token is only valid during the call.  Returns the number
 * of tokens.
 */
size_t		 tok_split(struct tokenizer *, const char *p, size_t len,
		    void (*fn)(const char *, size_t, void *), void *arg);

#endif
