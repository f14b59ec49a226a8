/*
 * strsim.h: string similarity for record linkage and retrieval:
 * Jaro-Winkler, bounded Levenshtein and optimal-string-alignment
 * distances, token-set similarities and a phonetic key.
 *
 * Every function reads UTF-8 and works on code points, so that "é" or
 * "张" is one character, not two or three bytes.  A byte that is not
 * part of a valid UTF-8 sequence counts as one character of its own
 * (never equal to a valid one).  Nothing here allocates except for
 * strings longer than STRSIM_STACK code points (x-allocators), and
 * nothing prints or fails: every function is safe on any bytes.
 */
#ifndef CRM_STRSIM_H
#define CRM_STRSIM_H

#include <stddef.h>

/* Strings up to this many code points are compared without malloc. */
#define STRSIM_STACK	128

/*
 * Jaro similarity in [0, 1]: 1 for equal strings (two empty strings
 * included), 0 when one is empty or no character matches.  Matches are
 * sought within max(|a|, |b|) / 2 - 1 positions.
 */
double	 strsim_jaro(const char *a, size_t alen, const char *b, size_t blen);
/*
 * Jaro-Winkler: jaro + l * 0.1 * (1 - jaro), l the length of the common
 * prefix (at most 4 code points).
 */
double	 strsim_jaro_winkler(const char *a, size_t alen, const char *b,
	    size_t blen);
/*
 * The same when it is at least min, else -1 (found sooner: the matching
 * stops once too few characters are left to reach min).
 */
double	 strsim_jaro_winkler_min(const char *a, size_t alen, const char *b,
	    size_t blen, double min);
/*
 * The Levenshtein distance (insert, delete, substitute, each 1) in code
 * points, bounded: when it is above max the result is max + 1, found
 * without filling the whole table (a band of 2 * max + 1 diagonals).
 */
size_t	 strsim_levenshtein(const char *a, size_t alen, const char *b,
	    size_t blen, size_t max);
/*
 * The same with a swap of two adjacent characters counting 1 (optimal
 * string alignment: "1908" and "1980" are 1 apart).
 */
size_t	 strsim_osa(const char *a, size_t alen, const char *b, size_t blen,
	    size_t max);
/*
 * Tokens: maximal runs of letters and digits, lower-cased (text.h's
 * case mapping); every CJK character (text_is_cjk) is a token by itself.
 *
 * strsim_token_jaccard: |A n B| / |A u B| of the two token sets; 1 when
 * both have no token.
 */
double	 strsim_token_jaccard(const char *a, size_t alen, const char *b,
	    size_t blen);
/*
 * A soft token-set similarity that forgives typos inside tokens and
 * any order of tokens: the symmetric Monge-Elkan mean, the average
 * over the tokens of each side of the best Jaro-Winkler against the
 * other side, averaged over the two sides.  1 when both have no token,
 * 0 when one has none.
 */
double	 strsim_token_set(const char *a, size_t alen, const char *b,
	    size_t blen);
/*
 * The same when it is at least min, else -1 (found sooner: bounds of
 * the tokens' similarities from the characters they share rule min out
 * before any Jaro-Winkler is computed).
 */
double	 strsim_token_set_min(const char *a, size_t alen, const char *b,
	    size_t blen, double min);
/*
 * A phonetic key of p for Latin-script names: each token coded as
 * Soundex codes it (first letter, then digits for the consonant classes
 * bfpv cgjkqsxz dt l mn r, vowels separating repeats, h and w not),
 * padded to four characters, with Latin-1 accents folded (é as e, ß as
 * s); CJK characters are kept as they are, one token each; tokens of
 * any other script are kept lower-cased.  The tokens' codes are sorted
 * and joined by one space, so that "Wei Zhang" and "ZHANG  Wei" share a
 * key.  Writes at most cap - 1 bytes and a NUL into out (a key cut at
 * cap stays whole code points); returns the length written.
 */
size_t	 strsim_phonetic(const char *p, size_t len, char *out, size_t cap);

#endif
