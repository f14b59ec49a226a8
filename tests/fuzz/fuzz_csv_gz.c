/*
 * fuzz_csv_gz.c: libFuzzer target for gzip input.  The first byte picks
 * how: odd, the rest is compressed (as one gzip member, or as several
 * when the byte says so, at a level it gives) and the reader must give
 * the same dump as for the plain text; even, the rest follows the gzip
 * magic bytes as it is (corrupt or truncated streams) and must be read
 * without a crash, ending in a gzip error or in records.  Build with
 * `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>

#include <zlib.h>

#include "csvref.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Append data[0..n) to *out as one gzip member; returns the new size. */
static size_t
member(unsigned char **out, size_t len, const uint8_t *data, size_t n,
    int level)
{
	z_stream zs;
	size_t cap = len + compressBound((uLong)n) + 64;

	*out = realloc(*out, cap);
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	zs.next_in = (unsigned char *)data;
	zs.avail_in = (uInt)n;
	zs.next_out = *out + len;
	zs.avail_out = (uInt)(cap - len);
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
		abort();
	len = cap - zs.avail_out;
	deflateEnd(&zs);
	return len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *gz = NULL;
	char *plain, *mine;
	size_t len = 0, cut;
	int mode;

	if (size == 0)
		return 0;
	mode = data[0];
	data++;
	size--;
	if (mode & 1) {
		if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
			return 0;	/* the plain text must not be gzip */
		cut = mode & 2 ? size / 2 : size;
		len = member(&gz, 0, data, cut, (mode >> 2) % 10);
		if (cut < size)		/* a second member */
			len = member(&gz, len, data + cut, size - cut,
			    (mode >> 2) % 10);
		plain = dump(data, size, ',');
		mine = dump(gz, len, ',');
		norm_errs(plain);	/* the file names differ */
		norm_errs(mine);
		if (strcmp(mine, plain) != 0) {
			show("plain", plain, strlen(plain));
			show("gzip", mine, strlen(mine));
			abort();
		}
		free(plain);
	} else {
		gz = malloc(size + 2);
		gz[0] = 0x1f;
		gz[1] = 0x8b;
		memcpy(gz + 2, data, size);
		mine = dump(gz, size + 2, ',');
	}
	free(mine);
	free(gz);
	return 0;
}
