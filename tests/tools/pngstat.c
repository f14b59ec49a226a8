/*
 * pngstat: read a PNG (8-bit RGB or RGBA, not interlaced: what
 * rsvg-convert writes) and print "WIDTHxHEIGHT ink N": N is the number
 * of pixels that differ from the top-left one, so 0 means a blank
 * image.  Exit 1 on a file it cannot decode.  For make check, which
 * renders every SVG crm-plot writes and wants to see something drawn.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int
fail(const char *path, const char *why)
{
	fprintf(stderr, "pngstat: %s: %s\n", path, why);
	return 1;
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undo the per-row filters in place; raw rows are 1 + stride bytes. */
static int
unfilter(unsigned char *raw, uint32_t h, size_t stride, int bpp)
{
	size_t x, y;
	unsigned char *row, *prev = NULL;

	for (y = 0; y < h; y++) {
		row = raw + y * (stride + 1) + 1;
		for (x = 0; x < stride; x++) {
			int a = x >= (size_t)bpp ? row[x - bpp] : 0;
			int b = prev ? prev[x] : 0;
			int c = prev && x >= (size_t)bpp ? prev[x - bpp] : 0;
			switch (row[-1]) {
			case 0:
				break;
			case 1:
				row[x] = (unsigned char)(row[x] + a);
				break;
			case 2:
				row[x] = (unsigned char)(row[x] + b);
				break;
			case 3:
				row[x] = (unsigned char)(row[x] + (a + b) / 2);
				break;
			case 4:
				row[x] =
				    (unsigned char)(row[x] + paeth(a, b, c));
				break;
			default:
				return -1;
			}
		}
		prev = row;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	FILE *f;
	unsigned char *file = NULL, *idat = NULL, *raw;
	size_t n = 0, cap = 0, ni = 0, pos = 8, stride, x, y;
	uLongf rawlen;
	uint32_t w = 0, h = 0, len;
	int bpp = 0;
	unsigned long long ink = 0;

	if (argc != 2)
		return fail("usage", "pngstat FILE.png");
	if ((f = fopen(argv[1], "rb")) == NULL)
		return fail(argv[1], "cannot open");
	for (;;) {
		if (n == cap &&
		    (file = realloc(file, cap = cap * 2 + 65536)) == NULL)
			return fail(argv[1], "out of memory");
		size_t k = fread(file + n, 1, cap - n, f);
		if (k == 0)
			break;
		n += k;
	}
	fclose(f);
	if (n < 8 || memcmp(file, "\x89PNG\r\n\x1a\n", 8) != 0)
		return fail(argv[1], "not a PNG");
	idat = malloc(n);
	while (pos + 12 <= n) {
		len = be32(file + pos);
		if (len > n - pos - 12)
			return fail(argv[1], "truncated chunk");
		if (memcmp(file + pos + 4, "IHDR", 4) == 0) {
			w = be32(file + pos + 8);
			h = be32(file + pos + 12);
			if (file[pos + 16] != 8 || file[pos + 20] != 0)
				return fail(
				    argv[1], "not 8-bit, not interlaced");
			bpp = file[pos + 17] == 6 ? 4
			    : file[pos + 17] == 2 ? 3
						  : 0;
			if (bpp == 0)
				return fail(argv[1], "not RGB or RGBA");
		} else if (memcmp(file + pos + 4, "IDAT", 4) == 0) {
			memcpy(idat + ni, file + pos + 8, len);
			ni += len;
		}
		pos += 12 + len;
	}
	if (w == 0 || h == 0 || w > 20000 || h > 20000)
		return fail(argv[1], "bad size");
	stride = (size_t)w * (size_t)bpp;
	rawlen = (uLongf)((stride + 1) * h);
	raw = malloc(rawlen);
	if (uncompress(raw, &rawlen, idat, ni) != Z_OK ||
	    rawlen != (stride + 1) * h || unfilter(raw, h, stride, bpp) != 0)
		return fail(argv[1], "bad image data");
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			if (memcmp(raw + y * (stride + 1) + 1 + x * (size_t)bpp,
				raw + 1, (size_t)bpp) != 0)
				ink++;
	printf("%ux%u ink %llu\n", w, h, ink);
	free(raw);
	free(idat);
	free(file);
	return 0;
}
