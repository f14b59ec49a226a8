/*
 * pii.c: protecting personal data in crm-clean's output: salted SHA-256
 * (--hash), masking all but the last characters (--mask), and the
 * spreadsheet formula prefix of --excel-safe.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "err.h"
#include "num.h"
#include "sha256.h"
#include "prep.h"

/*
 * The hex SHA-256 of the salt's bytes followed by the value's bytes, with
 * nothing between them: the same salt and value give the same 64
 * characters on every machine, so hashed ids still join.
 */
void
pii_hash(const char *salt, size_t saltlen, const char *p, size_t n,
    char *out)
{
	struct sha256 s;
	unsigned char d[SHA256_LEN];

	sha256_init(&s);
	sha256_update(&s, salt, saltlen);
	sha256_update(&s, p, n);
	sha256_final(&s, d);
	sha256_hex(d, out);
}

/*
 * Replace every character (UTF-8 sequence, or stray byte) but the last
 * keep with one '*'; a value of keep characters or fewer is masked
 * whole, so that a short value is never shown.  Returns the length.
 */
size_t
pii_mask(const char *p, size_t n, size_t keep, char *out)
{
	size_t i, nch = 0, ch = 0, k = 0;

	for (i = 0; i < n; i++)
		nch += ((unsigned char)p[i] & 0xC0) != 0x80;
	if (nch <= keep)
		keep = 0;
	for (i = 0; i < n; i++) {
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			ch++;
		if (ch + keep > nch)
			out[k++] = p[i];
		else if (((unsigned char)p[i] & 0xC0) != 0x80)
			out[k++] = '*';
	}
	return k;
}

/*
 * A cell a spreadsheet would run as a formula: one that starts with
 * = + - @, a tab or a CR (OWASP's CSV injection list), unless it is a
 * plain number such as -12.5, which no spreadsheet runs.
 */
int
pii_excel_risky(const char *p, size_t n)
{
	const char *why;
	double v;

	if (n == 0 || strchr("=+-@\t\r", p[0]) == NULL)
		return 0;
	if ((p[0] == '-' || p[0] == '+') && num_parse(p, n, &v, &why) == 0 &&
	    p[n - 1] != ' ')
		return 0;
	return 1;
}

/* The salt in path: its bytes, one final newline (LF or CRLF) removed. */
char *
pii_read_salt(const char *path, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, n = 0, k;

	if ((f = fopen(path, "rb")) == NULL)
		crm_err(2, "--salt-file: %s", path);
	do {
		buf = xgrow(buf, &cap, n + 4096, 1);
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	if (ferror(f))
		crm_err(2, "--salt-file: %s", path);
	fclose(f);
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	if (n == 0)
		crm_errx(2, "--salt-file: %s: empty", path);
	*len = n;
	return buf;
}
