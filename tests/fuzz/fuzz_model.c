/*
 * fuzz_model.c: libFuzzer target for model_load.  The first byte picks
 * the mode: odd, the input is the file as it is; even, the rest gets a
 * valid end line (its real CRC-32) so that the fuzzer reaches the line
 * parser behind the checksum.  Every loaded model is walked in full:
 * each line also as an array and a string-list record (ml/mfile.h),
 * and the whole as a feature encoding and labels (ml/encode.h) under
 * the prefixes "enc" and "label".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "model.h"
#include "ml/encode.h"
#include "ml/mfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char path[64];		/* this process's scratch file */

static void
cleanup(void)
{
	unlink(path);
}

/* The records of the learning layer: arrays, strings, encodings. */
static void
walk_ml(const struct model *m, const char *k)
{
	struct mfile_strs *l;
	double *a;
	size_t n, i;
	int bad;

	a = mfile_get_array(m, k, &n);
	if (a == NULL && n != 0 && n != 1)
		abort();
	free(a);
	l = mfile_get_strings(m, k, &bad);
	if (l != NULL) {
		for (i = 0; i < l->n; i++)
			if (strlen(l->s[i]) != l->len[i])
				abort();	/* no NUL inside */
		mfile_strs_free(l);
	} else if (bad != 0 && bad != 1)
		abort();
}

static void
walk_enc(const struct model *m)
{
	struct enc_err err;
	struct encoder *e;
	struct label_enc *l;
	const char *f[4] = { "1", "", "x", "2.5" };
	size_t len[4] = { 1, 0, 1, 3 };
	double out[64];
	char buf[64];

	err.what[0] = '\0';
	if ((e = enc_load(m, "enc", &err)) == NULL) {
		if (err.what[0] == '\0')
			abort();	/* a failure always says why */
	} else {
		if (enc_ncols(e) <= 4 && enc_nfeatures(e) <= 64) {
			(void)enc_transform(e, f, len, out);
			if (enc_nfeatures(e) > 0)
				(void)enc_feature_name(e,
				    enc_nfeatures(e) - 1, buf, sizeof(buf));
		}
		enc_free(e);
	}
	if ((l = label_load(m, "label", &err)) != NULL) {
		(void)label_find(l, "x", 1);
		(void)label_name(l, 0);
		label_free(l);
	}
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
		walk_ml(m, k);
	}
	walk_enc(m);
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
