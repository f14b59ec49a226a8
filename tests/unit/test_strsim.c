/* test_strsim.c: string similarity against hand-computed values, and the
 * bounded edit distances against a full-table reference. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "strsim.h"
#include "t.h"

#define S(s)	s, strlen(s)
#define NEAR(x, y)	(fabs((x) - (y)) < 1e-12)

static void
t_jaro_winkler(void)
{
	/* MARTHA/MARHTA: m = 6, t = 1: (1 + 1 + 5/6) / 3 = 17/18;
	 * prefix MAR: + 3 * 0.1 * (1/18) = 0.961111... */
	CHECK(NEAR(strsim_jaro(S("MARTHA"), S("MARHTA")), 17.0 / 18));
	CHECK(NEAR(strsim_jaro_winkler(S("MARTHA"), S("MARHTA")),
	    17.0 / 18 + 0.3 / 18));
	/* DIXON/DICKSONX: window 3, m = 4 (D I O N), t = 0:
	 * (4/5 + 4/8 + 1) / 3 = 23/30; prefix DI: + 0.2 * 7/30 */
	CHECK(NEAR(strsim_jaro(S("DIXON"), S("DICKSONX")), 23.0 / 30));
	CHECK(NEAR(strsim_jaro_winkler(S("DIXON"), S("DICKSONX")),
	    23.0 / 30 + 0.2 * 7.0 / 30));
	/* DWAYNE/DUANE: window 2, m = 4 (D A N E), t = 0:
	 * (4/6 + 4/5 + 1) / 3 = 37/45; prefix D: + 0.1 * 8/45 */
	CHECK(NEAR(strsim_jaro_winkler(S("DWAYNE"), S("DUANE")),
	    37.0 / 45 + 0.1 * 8.0 / 45));
	CHECK(strsim_jaro_winkler(S(""), S("")) == 1);
	CHECK(strsim_jaro_winkler(S("a"), S("")) == 0);
	CHECK(strsim_jaro_winkler(S("abc"), S("xyz")) == 0);
	CHECK(strsim_jaro_winkler(S("same"), S("same")) == 1);
	/* UTF-8 by code point: 张伟 / 张伟明: m = 2, (1 + 2/3 + 1) / 3 = 8/9,
	 * prefix 2: + 0.2 * 1/9 */
	CHECK(NEAR(strsim_jaro_winkler(S("张伟"), S("张伟明")),
	    8.0 / 9 + 0.2 / 9));
	/* é is one character: José/Jose: m = 3 of 4, (3/4 + 3/4 + 1) / 3 =
	 * 5/6, prefix Jos: + 0.3 / 6 */
	CHECK(NEAR(strsim_jaro_winkler(S("José"), S("Jose")),
	    5.0 / 6 + 0.3 / 6));
}

/* Jaro by the definition on bytes: each character of a takes the first
 * free equal character of b within the window. */
static double
ref_jaro(const char *a, size_t na, const char *b, size_t nb)
{
	char ua[200] = { 0 }, ub[200] = { 0 };
	size_t win, i, j, lo, hi, m = 0, t = 0;

	if (na == 0 && nb == 0)
		return 1;
	if (na == 0 || nb == 0)
		return 0;
	win = (na > nb ? na : nb) / 2;
	win = win > 0 ? win - 1 : 0;
	for (i = 0; i < na; i++) {
		lo = i > win ? i - win : 0;
		hi = i + win + 1 < nb ? i + win + 1 : nb;
		for (j = lo; j < hi; j++)
			if (!ub[j] && a[i] == b[j]) {
				ua[i] = ub[j] = 1;
				m++;
				break;
			}
	}
	if (m == 0)
		return 0;
	for (i = 0, j = 0; i < na; i++) {
		if (!ua[i])
			continue;
		while (!ub[j])
			j++;
		t += a[i] != b[j++];
	}
	return ((double)m / na + (double)m / nb + ((double)m -
	    (double)(t / 2)) / m) / 3;
}

/*
 * Jaro against the definition on random strings short (the one-word
 * masks, with and without the position table) and long; Jaro-Winkler
 * with a threshold the same when it reaches it, else below it.
 */
static void
t_jaro_random(void)
{
	char a[200], b[200];
	struct rng r;
	size_t na, nb, i, k, l;
	double j, jw, min, got;
	int bad = 0, cut = 0;

	rng_seed(&r, 11);
	for (k = 0; k < 20000; k++) {
		l = k % 3 == 0 ? 8 : k % 3 == 1 ? 40 : 150;
		na = rng_below(&r, l);
		nb = rng_below(&r, l);
		for (i = 0; i < na; i++)
			a[i] = (char)('a' + rng_below(&r, 4));
		for (i = 0; i < nb; i++)
			b[i] = (char)('a' + rng_below(&r, 4));
		j = ref_jaro(a, na, b, nb);
		bad += strsim_jaro(a, na, b, nb) != j;
		for (l = 0; l < 4 && l < na && l < nb && a[l] == b[l]; l++)
			;
		jw = j + (double)l * 0.1 * (1 - j);
		bad += strsim_jaro_winkler(a, na, b, nb) != jw;
		min = (double)rng_below(&r, 101) / 100;
		got = strsim_jaro_winkler_min(a, na, b, nb, min);
		if (jw >= min)
			bad += got != jw;
		else {
			bad += got >= min;
			cut += got == -1;
		}
	}
	CHECK(bad == 0);
	CHECK(cut > 1000);	/* the early exit does happen */
	CHECK(strsim_jaro_winkler_min(S("MARTHA"), S("MARHTA"), 0.9) ==
	    strsim_jaro_winkler(S("MARTHA"), S("MARHTA")));
	CHECK(strsim_jaro_winkler_min(S("abcdefgh"), S("stuvwxyz"), 0.5) ==
	    -1);
	CHECK(strsim_jaro_winkler_min(S("abc"), S("xyz"), 0) == 0);
}

static void
t_levenshtein(void)
{
	CHECK(strsim_levenshtein(S("kitten"), S("sitting"), 10) == 3);
	CHECK(strsim_levenshtein(S("kitten"), S("sitting"), 2) == 3);
	CHECK(strsim_levenshtein(S("kitten"), S("sitting"), 1) == 2);
	CHECK(strsim_levenshtein(S("flaw"), S("lawn"), 5) == 2);
	CHECK(strsim_levenshtein(S(""), S("abc"), 5) == 3);
	CHECK(strsim_levenshtein(S(""), S(""), 0) == 0);
	CHECK(strsim_levenshtein(S("abc"), S("abc"), 0) == 0);
	CHECK(strsim_levenshtein(S("abcdef"), S("a"), 2) == 3);
	/* code points: one substitution, not two or three bytes */
	CHECK(strsim_levenshtein(S("Müller"), S("Muller"), 5) == 1);
	CHECK(strsim_levenshtein(S("张伟"), S("张卫"), 5) == 1);
	/* transpositions: 2 for Levenshtein, 1 for OSA */
	CHECK(strsim_levenshtein(S("19081209"), S("19082109"), 5) == 2);
	CHECK(strsim_osa(S("19081209"), S("19082109"), 5) == 1);
	CHECK(strsim_osa(S("ca"), S("abc"), 5) == 3);	/* OSA, not Damerau */
	CHECK(strsim_osa(S("abcd"), S("badc"), 5) == 2);
	CHECK(strsim_osa(S("abcd"), S("badc"), 1) == 2);
	CHECK(strsim_levenshtein(S("a"), S("b"), (size_t)-1) == 1);
	/* invalid bytes are characters of their own */
	CHECK(strsim_levenshtein(S("a\xff"), S("a\xfe"), 5) == 1);
	CHECK(strsim_levenshtein(S("\xc3"), S("\xc3\xa9"), 5) == 1);
}

/* Full-table edit distance over bytes of ASCII strings. */
static size_t
ref_edit(const char *a, size_t na, const char *b, size_t nb, int osa)
{
	size_t d[20][20], i, j, v;

	for (i = 0; i <= na; i++)
		d[i][0] = i;
	for (j = 0; j <= nb; j++)
		d[0][j] = j;
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (osa && i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[na][nb];
}

/* The band and the early stop never change a distance within max. */
static void
t_edit_random(void)
{
	struct rng r;
	char a[20], b[20];
	size_t na, nb, i, max, want, got;
	int k, osa;

	rng_seed(&r, 7);
	for (k = 0; k < 20000; k++) {
		na = rng_below(&r, 12);
		nb = rng_below(&r, 12);
		for (i = 0; i < na; i++)
			a[i] = (char)('a' + rng_below(&r, 3));
		for (i = 0; i < nb; i++)
			b[i] = (char)('a' + rng_below(&r, 3));
		max = rng_below(&r, 8);
		osa = k & 1;
		want = ref_edit(a, na, b, nb, osa);
		if (want > max)
			want = max + 1;
		got = osa ? strsim_osa(a, na, b, nb, max) :
		    strsim_levenshtein(a, na, b, nb, max);
		CHECK(got == want);
		if (got != want)
			break;
	}
}

/* Longer than STRSIM_STACK code points: the heap path. */
static void
t_long(void)
{
	char a[400], b[400];

	memset(a, 'x', sizeof(a));
	memcpy(b, a, sizeof(b));
	b[200] = 'y';
	CHECK(strsim_levenshtein(a, sizeof(a), b, sizeof(b), 3) == 1);
	CHECK(strsim_osa(a, sizeof(a), b, sizeof(b) - 1, 3) == 2);
	CHECK(strsim_jaro_winkler(a, sizeof(a), a, sizeof(a)) == 1);
	CHECK(NEAR(strsim_jaro(a, 200, b, 201), (1 + 200.0 / 201 + 1) / 3));
	CHECK(strsim_token_set(a, sizeof(a), a, sizeof(a)) == 1);
}

static void
t_tokens(void)
{
	/* {wei, zhang} both ways */
	CHECK(strsim_token_jaccard(S("Zhang Wei"), S("WEI,  zhang")) == 1);
	/* {12, main, st} / {12, main, street}: 2 / 4 */
	CHECK(NEAR(strsim_token_jaccard(S("12 Main St"), S("12 main street")),
	    0.5));
	CHECK(strsim_token_jaccard(S(""), S("  ")) == 1);
	CHECK(strsim_token_jaccard(S("a"), S("")) == 0);
	/* duplicates count once: {a, b} / {a}: 1/2 */
	CHECK(NEAR(strsim_token_jaccard(S("a a b"), S("a")), 0.5));
	/* CJK characters are tokens: {张, 伟} / {伟, 张} */
	CHECK(strsim_token_jaccard(S("张伟"), S("伟张")) == 1);
	CHECK(strsim_token_set(S("Zhang Wei"), S("wei zhang")) == 1);
	/* {john, smith} / {jon, smith}: jw(john, jon) = (3/4 + 1 + 1)/3 =
	 * 11/12, prefix jo: + 0.2/12 = 0.93333; each side (x + 1)/2 */
	CHECK(NEAR(strsim_token_set(S("John Smith"), S("Jon Smith")),
	    (11.0 / 12 + 0.2 / 12 + 1) / 2));
	/* {john} / {john, smith}: 1 one way, (1 + jw(smith, john) = 0) / 2
	 * the other: 0.75 */
	CHECK(NEAR(strsim_token_set(S("john"), S("john smith")), 0.75));
	CHECK(strsim_token_set(S("x"), S("")) == 0);
}

/*
 * strsim_token_set_min against strsim_token_set on random strings of a
 * few short tokens: the same when it reaches min, else below min.
 */
static void
t_token_set_min(void)
{
	static const char *const al[] = { "a", "b", "c", "d", " ", "-",
		"\xc3\xa9", "\xe5\xbc\xa0" };
	char a[64], b[64];
	struct rng r;
	size_t na, nb, i, k, n;
	double t, min, got;
	int bad = 0, cut = 0;

	rng_seed(&r, 13);
	for (k = 0; k < 20000; k++) {
		for (na = 0, n = rng_below(&r, 12); n > 0; n--) {
			i = rng_below(&r, 8);
			memcpy(a + na, al[i], strlen(al[i]));
			na += strlen(al[i]);
		}
		for (nb = 0, n = rng_below(&r, 12); n > 0; n--) {
			i = rng_below(&r, 8);
			memcpy(b + nb, al[i], strlen(al[i]));
			nb += strlen(al[i]);
		}
		t = strsim_token_set(a, na, b, nb);
		min = (double)rng_below(&r, 101) / 100;
		got = strsim_token_set_min(a, na, b, nb, min);
		if (t >= min)
			bad += got != t;
		else {
			bad += got >= min;
			cut += got == -1;
		}
	}
	CHECK(bad == 0);
	CHECK(cut > 1000);
	/* no character in common: ruled out without Jaro-Winkler */
	CHECK(strsim_token_set_min(S("abc def"), S("xyz uvw"), 0.5) == -1);
	CHECK(strsim_token_set_min(S("Zhang Wei"), S("wei zhang"), 0.9) == 1);
}

static void
t_phonetic(void)
{
	char k[64];
	size_t n;

	/* The classic Soundex table values. */
	n = strsim_phonetic(S("Robert"), k, sizeof(k));
	CHECK_STR(k, n, "R163");
	n = strsim_phonetic(S("Rupert"), k, sizeof(k));
	CHECK_STR(k, n, "R163");
	n = strsim_phonetic(S("Ashcraft"), k, sizeof(k));
	CHECK_STR(k, n, "A261");
	n = strsim_phonetic(S("Tymczak"), k, sizeof(k));
	CHECK_STR(k, n, "T522");
	n = strsim_phonetic(S("Pfister"), k, sizeof(k));
	CHECK_STR(k, n, "P236");
	n = strsim_phonetic(S("Honeyman"), k, sizeof(k));
	CHECK_STR(k, n, "H555");
	n = strsim_phonetic(S("Lee"), k, sizeof(k));
	CHECK_STR(k, n, "L000");
	/* accents folded; tokens sorted; case and spacing ignored */
	n = strsim_phonetic(S("Müller"), k, sizeof(k));
	CHECK_STR(k, n, "M460");
	n = strsim_phonetic(S("ZHANG  Wei"), k, sizeof(k));
	CHECK_STR(k, n, "W000 Z520");
	n = strsim_phonetic(S("wei, zhang"), k, sizeof(k));
	CHECK_STR(k, n, "W000 Z520");
	/* CJK: each character is a token, kept (sorted by bytes) */
	n = strsim_phonetic(S("张伟"), k, sizeof(k));
	CHECK_STR(k, n, "伟 张");
	/* digits stay as they are */
	n = strsim_phonetic(S("Flat 12b"), k, sizeof(k));
	CHECK_STR(k, n, "12b F430");
	/* cut at cap: whole tokens only */
	n = strsim_phonetic(S("Robert Rupert"), k, 7);
	CHECK_STR(k, n, "R163");
	n = strsim_phonetic(S(""), k, sizeof(k));
	CHECK(n == 0 && k[0] == '\0');
}

int
main(void)
{
	RUN(t_jaro_winkler);
	RUN(t_jaro_random);
	RUN(t_levenshtein);
	RUN(t_edit_random);
	RUN(t_long);
	RUN(t_tokens);
	RUN(t_token_set_min);
	RUN(t_phonetic);
	T_EXIT();
}
