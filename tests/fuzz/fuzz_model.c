/*
 * fuzz_model.c: libFuzzer target for model_load.  The first byte picks
 * the mode: odd, the input is the file as it is; even, the rest gets a
 * valid end line (its real CRC-32) so that the fuzzer reaches the line
 * parser behind the checksum.  Every loaded model is walked in full.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char path[64];		/* this process's scratch file */

static void
cleanup(void)
{
	unlink(path);
}

static void
walk(const struct model *m)
{
	const char *k, *v;
	size_t pos = 0;
	double d[4];
	long n;

	(void)model_algorithm(m);
	while (model_next(m, &pos, &k, &v)) {
		if (model_get(m, k) == NULL)
			abort();	/* every key is found */
		(void)model_parse_double(m, v, &d[0]);
		n = model_count(m, k);
		if (n < 0)
			abort();
		if (n <= 4)
			(void)model_get_doubles(m, k, d, (size_t)n);
		(void)model_get_double(m, k, &d[0]);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256], end[32];
	struct model *m;
	FILE *f;
	unsigned long crc;

	if (size == 0)
		return 0;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz_model.%ld",
		    (long)getpid());
		atexit(cleanup);
	}
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data + 1, 1, size - 1, f);
	if ((data[0] & 1) == 0) {
		crc = crc32(0L, data + 1, (uInt)(size - 1));
		snprintf(end, sizeof(end), "end %08lx\n", crc);
		fputs(end, f);
	}
	fclose(f);
	err[0] = '\0';
	m = model_load(path, (data[0] & 2) ? "crm-churn" : NULL, err,
	    sizeof(err));
	if (m == NULL && err[0] == '\0')
		abort();	/* a failure always says why */
	if (m != NULL) {
		walk(m);
		model_free(m);
	}
	return 0;
}
