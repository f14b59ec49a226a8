/* test_text.c: UTF-8 edges, squeeze, case mapping and the tokenizer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "t.h"

#define V(s)	utf8_valid(s, sizeof(s) - 1)

static void
t_valid_edges(void)
{
	CHECK(utf8_valid("", 0));
	CHECK(V("plain ascii"));
	CHECK(V("\0"));			/* NUL is valid UTF-8 */
	CHECK(V("\xC2\x80") && V("\xDF\xBF"));		/* U+0080, U+07FF */
	CHECK(!V("\xC0\x80") && !V("\xC1\xBF"));	/* overlong */
	CHECK(!V("\xC2") && !V("\xC2\x41") && !V("\x80") && !V("\xBF"));
	CHECK(V("\xE0\xA0\x80"));			/* U+0800 */
	CHECK(!V("\xE0\x9F\xBF"));			/* overlong U+07FF */
	CHECK(V("\xED\x9F\xBF"));			/* U+D7FF */
	CHECK(!V("\xED\xA0\x80") && !V("\xED\xBF\xBF"));	/* surrogates */
	CHECK(V("\xEE\x80\x80") && V("\xEF\xBF\xBF"));	/* U+E000, U+FFFF */
	CHECK(!V("\xE2\x82") && !V("\xE2\x82\x41"));	/* truncated, bad */
	CHECK(V("\xF0\x90\x80\x80"));			/* U+10000 */
	CHECK(!V("\xF0\x8F\xBF\xBF"));			/* overlong */
	CHECK(V("\xF4\x8F\xBF\xBF"));			/* U+10FFFF */
	CHECK(!V("\xF4\x90\x80\x80"));			/* U+110000 */
	CHECK(!V("\xF5\x80\x80\x80") && !V("\xF8\x88\x80\x80\x80"));
	CHECK(!V("\xFE") && !V("\xFF"));
	CHECK(!V("\xF0\x9F\x98"));			/* truncated emoji */
	CHECK(V("\xF0\x9F\x98\x80"));
	/* invalid bytes past the 8-byte ASCII fast path */
	CHECK(!V("abcdefgh\x80") && !V("abcdefghijklm\xC3"));
	CHECK(V("abcdefghijklmnopq\xC3\xA9rstuvwxyz0123456789"));
}

/* Count the sequences that decode to each length: exactly Unicode's. */
static void
t_decode_counts(void)
{
	unsigned char b[4];
	uint32_t cp, b0, b1, b2, b3;
	long n2 = 0, n3 = 0, n4 = 0;

	for (b0 = 0xC0; b0 <= 0xDF; b0++)
		for (b1 = 0; b1 < 256; b1++) {
			b[0] = (unsigned char)b0;
			b[1] = (unsigned char)b1;
			n2 += utf8_decode((char *)b, 2, &cp) == 2;
		}
	for (b0 = 0xE0; b0 <= 0xEF; b0++)
		for (b1 = 0; b1 < 256; b1++)
			for (b2 = 0; b2 < 256; b2++) {
				b[0] = (unsigned char)b0;
				b[1] = (unsigned char)b1;
				b[2] = (unsigned char)b2;
				n3 += utf8_decode((char *)b, 3, &cp) == 3;
			}
	for (b0 = 0xF0; b0 <= 0xFF; b0++)
		for (b1 = 0; b1 < 256; b1++)
			for (b2 = 0x80; b2 < 0xC0; b2++)
				for (b3 = 0x80; b3 < 0xC0; b3++) {
					b[0] = (unsigned char)b0;
					b[1] = (unsigned char)b1;
					b[2] = (unsigned char)b2;
					b[3] = (unsigned char)b3;
					n4 += utf8_decode((char *)b, 4,
					    &cp) == 4;
				}
	CHECK(n2 == 0x800 - 0x80);
	CHECK(n3 == 0x10000 - 0x800 - 0x800);	/* minus surrogates */
	CHECK(n4 == 0x110000 - 0x10000);
}

static void
t_encode_roundtrip(void)
{
	char buf[4];
	uint32_t cp, back;
	size_t n;
	int ok = 1;

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = utf8_encode(cp, buf);
		ok &= n == (cp < 0x80 ? 1u : cp < 0x800 ? 2u :
		    cp < 0x10000 ? 3u : 4u);
		ok &= utf8_decode(buf, n, &back) == n && back == cp;
	}
	CHECK(ok);
	CHECK_STR(buf, utf8_encode(0xD800, buf), "\xEF\xBF\xBD");
	CHECK_STR(buf, utf8_encode(0x110000, buf), "\xEF\xBF\xBD");
	CHECK(utf8_decode("\xE2\x82\xAC", 3, &cp) == 3 && cp == 0x20AC);
	CHECK(utf8_decode("\xE2\x82\xAC", 2, &cp) == 0);
}

static void
t_squeeze(void)
{
	char out[64], buf[64];
	size_t n;
	const char *s;

	s = "  a \t b  ";
	CHECK_STR(out, text_squeeze(s, strlen(s), out), "a b");
	s = "\xC2\xA0x\xE3\x80\x80\xE3\x80\x80y\r\n";
	CHECK_STR(out, text_squeeze(s, strlen(s), out), "x y");
	CHECK(text_squeeze("", 0, out) == 0);
	CHECK(text_squeeze(" \t\n ", 4, out) == 0);
	s = "a\xFF  b";
	CHECK_STR(out, text_squeeze(s, strlen(s), out), "a\xFF b");
	s = "caf\xC3\xA9  \xC3\xBC";
	CHECK_STR(out, text_squeeze(s, strlen(s), out), "caf\xC3\xA9 \xC3\xBC");
	s = "\xC2\xA1 x";			/* U+00A1, not a space */
	CHECK_STR(out, text_squeeze(s, strlen(s), out), "\xC2\xA1 x");
	strcpy(buf, "   in   place  ");		/* out == p */
	n = text_squeeze(buf, strlen(buf), buf);
	CHECK_STR(buf, n, "in place");
}

static void
t_case(void)
{
	char out[128];
	const char *s;

	/* lower("ÀÉÎ ΑΒΓ АБВ") = "àéî αβγ абв" */
	s = "\xC3\x80\xC3\x89\xC3\x8E \xCE\x91\xCE\x92\xCE\x93 "
	    "\xD0\x90\xD0\x91\xD0\x92";
	CHECK_STR(out, text_lower(s, strlen(s), out),
	    "\xC3\xA0\xC3\xA9\xC3\xAE \xCE\xB1\xCE\xB2\xCE\xB3 "
	    "\xD0\xB0\xD0\xB1\xD0\xB2");
	/* upper("straße ÿ ς µ Ё ґ ž") = "STRAßE Ÿ Σ µ Ё Ґ Ž" */
	s = "stra\xC3\x9F" "e \xC3\xBF \xCF\x82 \xC2\xB5 \xD1\x91 \xD2\x91 "
	    "\xC5\xBE";
	CHECK_STR(out, text_upper(s, strlen(s), out),
	    "STRA\xC3\x9F" "E \xC5\xB8 \xCE\xA3 \xC2\xB5 \xD0\x81 \xD2\x90 "
	    "\xC5\xBD");
	/* lower("Ÿ × Ά İ ı") = "ÿ × ά İ ı" */
	s = "\xC5\xB8 \xC3\x97 \xCE\x86 \xC4\xB0 \xC4\xB1";
	CHECK_STR(out, text_lower(s, strlen(s), out),
	    "\xC3\xBF \xC3\x97 \xCE\xAC \xC4\xB0 \xC4\xB1");
	s = "A\xC3";				/* truncated: copied */
	CHECK_STR(out, text_lower(s, strlen(s), out), "a\xC3");
	s = "\xC3(\xFF";
	CHECK_STR(out, text_upper(s, strlen(s), out), "\xC3(\xFF");
	CHECK(text_lower_cp(0x178) == 0xFF && text_upper_cp(0xFF) == 0x178);
	CHECK(text_upper_cp(0xDF) == 0xDF && text_lower_cp(0x130) == 0x130);
}

static void
t_cjk(void)
{
	CHECK(text_is_cjk(0x4E0D));	/* 不 */
	CHECK(text_is_cjk(0x3042));	/* あ */
	CHECK(text_is_cjk(0x30AB));	/* カ */
	CHECK(text_is_cjk(0xD55C));	/* 한 */
	CHECK(text_is_cjk(0x3005));	/* 々 */
	CHECK(text_is_cjk(0x20000));
	CHECK(!text_is_cjk('a') && !text_is_cjk(0xFF01) &&
	    !text_is_cjk(0x3000) && !text_is_cjk(0x3002) &&
	    !text_is_cjk(0x30FB) && !text_is_cjk(0xE9));
}

struct toks {
	char	buf[4096];
	size_t	len;
	size_t	n;
};

/* Collect tokens as "tok|tok|...". */
static void
collect(const char *p, size_t len, void *arg)
{
	struct toks *t = arg;

	if (t->len + len + 1 < sizeof(t->buf)) {
		memcpy(t->buf + t->len, p, len);
		t->len += len;
		t->buf[t->len++] = '|';
	}
	t->n++;
}

static int
tok_is(struct tokenizer *tk, const char *in, const char *want)
{
	struct toks t;
	size_t n;

	memset(&t, 0, sizeof(t));
	n = tok_split(tk, in, strlen(in), collect, &t);
	if (t.len > 0)
		t.len--;	/* the last '|' */
	if (n != t.n || t.len != strlen(want) || memcmp(t.buf, want, t.len)) {
		printf("# got \"%.*s\", want \"%s\"\n", (int)t.len, t.buf, want);
		return 0;
	}
	return 1;
}

static void
t_tokenizer(void)
{
	struct tokenizer *tk = tok_new(1, 2);

	CHECK(tok_is(tk, "I don't like it, \xE4\xB8\x8D\xE5\xA4\xAA\xE5\xA5\xBD"
	    "\xE5\x90\x83\xEF\xBC\x81",
	    "i|don't|like|it|\xE4\xB8\x8D|\xE4\xB8\x8D\xE5\xA4\xAA|"
	    "\xE5\xA4\xAA|\xE5\xA4\xAA\xE5\xA5\xBD|\xE5\xA5\xBD|"
	    "\xE5\xA5\xBD\xE5\x90\x83|\xE5\x90\x83"));
	CHECK(tok_is(tk, "", ""));
	CHECK(tok_is(tk, " ,.!? ", ""));
	CHECK(tok_is(tk, "Don\xE2\x80\x99t STOP", "don't|stop"));
	CHECK(tok_is(tk, "'quoted' students' rock 'n' roll a''b",
	    "quoted|students|rock|n|roll|a|b"));
	CHECK(tok_is(tk, "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xEF\xBC\x91"
	    "\xEF\xBC\x92\xEF\xBC\x81ok", "abc12|ok"));
	CHECK(tok_is(tk, "Na\xC3\xAFve CAF\xC3\x89_au_lait 42",
	    "na\xC3\xAFve|caf\xC3\xA9_au_lait|42"));
	/* ΚΑΛΗΜΕΡΑ Σας -> καλημερα σασ (final sigma folded) */
	CHECK(tok_is(tk, "\xCE\x9A\xCE\x91\xCE\x9B\xCE\x97\xCE\x9C\xCE\x95"
	    "\xCE\xA1\xCE\x91 \xCE\xA3\xCE\xB1\xCF\x82",
	    "\xCE\xBA\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xB5\xCF\x81\xCE\xB1|"
	    "\xCF\x83\xCE\xB1\xCF\x83"));
	CHECK(tok_is(tk, "ab\xFF" "cd\xC3", "ab|cd"));
	CHECK(tok_is(tk, "great\xF0\x9F\x98\x80!!\xC2\xA0ok\xE2\x80\x94yes",
	    "great|ok|yes"));
	tok_free(tk);
	tk = tok_new(1, 1);	/* iPhone很好用 */
	CHECK(tok_is(tk, "iPhone\xE5\xBE\x88\xE5\xA5\xBD\xE7\x94\xA8",
	    "iphone|\xE5\xBE\x88|\xE5\xA5\xBD|\xE7\x94\xA8"));
	tok_free(tk);
	tk = tok_new(2, 2);	/* 好 / 很好 / 不太好 */
	CHECK(tok_is(tk, "\xE5\xA5\xBD", "\xE5\xA5\xBD"));
	CHECK(tok_is(tk, "\xE5\xBE\x88\xE5\xA5\xBD",
	    "\xE5\xBE\x88\xE5\xA5\xBD"));
	CHECK(tok_is(tk, "\xE4\xB8\x8D\xE5\xA4\xAA\xE5\xA5\xBD",
	    "\xE4\xB8\x8D\xE5\xA4\xAA|\xE5\xA4\xAA\xE5\xA5\xBD"));
	tok_free(tk);
	tok_free(NULL);
}

static void
count_tok(const char *p, size_t len, void *arg)
{
	size_t *n = arg, i;
	int ok = 1;

	for (i = 0; i < len; i++)
		ok &= p[i] == 'a';
	n[0]++;
	n[1] += len;
	n[2] += ok;
}

/* Buffers grow: a 3000-byte word, a 500-character CJK run. */
static void
t_tokenizer_long(void)
{
	struct tokenizer *tk = tok_new(1, 3);
	char *s = malloc(3000 + 500 * 3 + 1);
	size_t n[3] = { 0, 0, 0 }, i;

	memset(s, 'A', 3000);
	for (i = 0; i < 500; i++)
		memcpy(s + 3000 + 3 * i, "\xE5\xA5\xBD", 3);
	CHECK(tok_split(tk, s, 3000 + 1500, count_tok, n) ==
	    1 + 500 + 499 + 498);
	CHECK(n[0] == 1498 && n[2] == 1);
	CHECK(n[1] == 3000 + 3 * (500 + 2 * 499 + 3 * 498));
	tok_free(tk);
	free(s);
}

int
main(void)
{
	RUN(t_valid_edges);
	RUN(t_decode_counts);
	RUN(t_encode_roundtrip);
	RUN(t_squeeze);
	RUN(t_case);
	RUN(t_cjk);
	RUN(t_tokenizer);
	RUN(t_tokenizer_long);
	T_EXIT();
}
