/* test_sha256.c: SHA-256 against the FIPS 180-2 / NIST example vectors. */
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "t.h"

/* The hex digest of p[0..len) fed in pieces of step bytes. */
static void
digest(const char *p, size_t len, size_t step, char *hex)
{
	struct sha256 s;
	unsigned char d[SHA256_LEN];
	size_t i, n;

	sha256_init(&s);
	for (i = 0; i < len; i += n) {
		n = len - i < step ? len - i : step;
		sha256_update(&s, p + i, n);
	}
	sha256_final(&s, d);
	sha256_hex(d, hex);
	hex[SHA256_HEXLEN] = '\0';
}

static void
test_abc(void)
{
	char h[SHA256_HEXLEN + 1];

	digest("abc", 3, 3, h);
	CHECK(strcmp(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad") == 0);
}

static void
test_empty(void)
{
	char h[SHA256_HEXLEN + 1];

	digest("", 0, 1, h);
	CHECK(strcmp(h, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855") == 0);
}

/* 56 bytes: the padding needs a second block. */
static void
test_two_blocks(void)
{
	static const char m[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char h[SHA256_HEXLEN + 1];
	size_t step;

	for (step = 1; step <= 64; step++) {
		digest(m, strlen(m), step, h);
		CHECK(strcmp(h, "248d6a61d20638b8e5c026930c3e6039"
		    "a33ce45964ff2167f6ecedd419db06c1") == 0);
	}
}

/* 112 bytes (FIPS 180-4's two-block example of SHA-512's length). */
static void
test_896_bits(void)
{
	static const char m[] =
	    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	char h[SHA256_HEXLEN + 1];

	digest(m, strlen(m), 7, h);
	CHECK(strcmp(h, "cf5b16a778af8380036ce59e7b049237"
	    "0b249b11e8f07a51afac45037afee9d1") == 0);
}

/* One million 'a' (the long-message vector). */
static void
test_million_a(void)
{
	char h[SHA256_HEXLEN + 1], *m;

	m = malloc(1000000);
	CHECK(m != NULL);
	if (m == NULL)
		return;
	memset(m, 'a', 1000000);
	digest(m, 1000000, 1000, h);
	CHECK(strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0") == 0);
	digest(m, 1000000, 999983, h);
	CHECK(strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0") == 0);
	free(m);
}

int
main(void)
{
	RUN(test_abc);
	RUN(test_empty);
	RUN(test_two_blocks);
	RUN(test_896_bits);
	RUN(test_million_a);
	T_EXIT();
}
