/* test_ml_mfile.c: array and string-list records of model files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "rng.h"
#include "ml/mfile.h"
#include "t.h"

static char dir[64];

static const char *
path(const char *name)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

/* Doubles of every kind: random bits, subnormals, zeros, inf, nan. */
static void
fill(double *v, size_t n)
{
	struct rng g;
	uint64_t b;
	size_t i;

	rng_seed(&g, 8);
	for (i = 0; i < n; i++) {
		do {
			b = rng_next(&g);
			memcpy(&v[i], &b, sizeof(b));
		} while (isnan(v[i]));
	}
	v[0] = 0;
	v[1] = -0.0;
	v[2] = 4.9406564584124654e-324;
	v[3] = INFINITY;
	v[4] = -INFINITY;
	v[5] = 0.1;
	v[6] = 1e300;
}

static void
roundtrip(const char *name)
{
	enum { N = 20000 };
	static double v[N], *got;
	const char *strs[] = { "plain", "with space", "", "100%", "tab\there",
	    "new\nline", "back\\slash", "日本", "%41" };
	size_t n, i, lens[9];
	struct model_writer *w;
	struct mfile_strs *l;
	struct model *m;
	char err[256];
	double few[3], nanv[1] = { NAN };
	int bad;

	fill(v, N);
	w = model_create(path(name), "crm-test", "arrays");
	CHECK(w != NULL);
	mfile_put_array(w, "w", v, N);
	mfile_put_array(w, "empty", v, 0);
	mfile_put_array(w, "nan", nanv, 1);
	mfile_put_strings(w, "vocab", strs, NULL, 9);
	for (i = 0; i < 9; i++)
		lens[i] = strlen(strs[i]);
	mfile_put_strings(w, "none", strs, lens, 0);
	CHECK(model_close(w) == 0);
	m = model_load(path(name), "crm-test", err, sizeof(err));
	CHECK(m != NULL);
	if (m == NULL)
		return;
	got = mfile_get_array(m, "w", &n);
	CHECK(got != NULL && n == N);
	if (got != NULL)
		CHECK(memcmp(got, v, sizeof(v)) == 0);	/* same bits */
	free(got);
	got = mfile_get_array(m, "empty", &n);
	CHECK(got != NULL && n == 0);
	free(got);
	got = mfile_get_array(m, "nan", &n);
	CHECK(got != NULL && n == 1 && isnan(got[0]));
	free(got);
	CHECK(mfile_get_array(m, "absent", &n) == NULL && n == 0);
	CHECK(mfile_get_array_n(m, "w", few, 3) == -1);
	l = mfile_get_strings(m, "vocab", &bad);
	CHECK(l != NULL && l->n == 9 && bad == 0);
	for (i = 0; l != NULL && i < 9; i++)
		CHECK(l->len[i] == strlen(strs[i]) &&
		    strcmp(l->s[i], strs[i]) == 0);
	mfile_strs_free(l);
	l = mfile_get_strings(m, "none", &bad);
	CHECK(l != NULL && l->n == 0);
	mfile_strs_free(l);
	CHECK(mfile_get_strings(m, "absent", &bad) == NULL && bad == 0);
	model_free(m);
	unlink(path(name));
}

static void
t_roundtrip_plain(void)
{
	roundtrip("a.model");
}

static void
t_roundtrip_gz(void)
{
	roundtrip("a.model.gz");
}

/* Lines written by hand: what a damaged or edited file may hold. */
static void
t_malformed(void)
{
	struct model_writer *w;
	struct model *m;
	char err[256];
	double v[3];
	size_t n;
	int bad;

	w = model_create(path("bad.model"), "crm-test", "arrays");
	model_put(w, "short", "3 1 2");
	model_put(w, "long", "1 1 2");
	model_put(w, "word", "2 1 x");
	model_put(w, "twospace", "2 1  2");
	model_put(w, "ok", "3 1 -2.5 1e3");
	model_put(w, "huge", "99999999999999999999999 1");
	model_put(w, "s_short", "2 a");
	model_put(w, "s_badhex", "%s", "1 %4");
	model_put(w, "s_nul", "%s", "1 %00");
	model_put(w, "s_lower", "%s", "1 %4a");
	model_put(w, "s_ok", "%s", "2 %41b %");
	CHECK(model_close(w) == 0);
	m = model_load(path("bad.model"), NULL, err, sizeof(err));
	CHECK(m != NULL);
	if (m == NULL)
		return;
	CHECK(mfile_get_array(m, "short", &n) == NULL && n == 1);
	CHECK(mfile_get_array(m, "long", &n) == NULL && n == 1);
	CHECK(mfile_get_array(m, "word", &n) == NULL);
	CHECK(mfile_get_array(m, "twospace", &n) == NULL);
	CHECK(mfile_get_array(m, "huge", &n) == NULL);
	CHECK(mfile_get_array_n(m, "ok", v, 3) == 0 && v[1] == -2.5 &&
	    v[2] == 1000);
	CHECK(mfile_get_strings(m, "s_short", &bad) == NULL && bad == 1);
	CHECK(mfile_get_strings(m, "s_badhex", &bad) == NULL && bad == 1);
	CHECK(mfile_get_strings(m, "s_nul", &bad) == NULL && bad == 1);
	CHECK(mfile_get_strings(m, "s_lower", &bad) == NULL && bad == 1);
	{
		struct mfile_strs *l = mfile_get_strings(m, "s_ok", &bad);

		CHECK(l != NULL && l->n == 2 && strcmp(l->s[0], "Ab") == 0 &&
		    l->len[1] == 0);
		mfile_strs_free(l);
	}
	model_free(m);
	unlink(path("bad.model"));
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/mfile.XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		printf("not ok mkdtemp\n");
		return 1;
	}
	RUN(t_roundtrip_plain);
	RUN(t_roundtrip_gz);
	RUN(t_malformed);
	rmdir(dir);
	T_EXIT();
}
