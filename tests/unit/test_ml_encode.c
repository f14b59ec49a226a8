/*
 * test_ml_encode.c: the feature encoder (median and mean imputation,
 * one-hot in byte order, standardisation, log1p of all or some columns) with figures worked by hand, its
 * round trip through a model file, and the label encoder.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "ml/encode.h"
#include "t.h"

static char dir[64];

static const char *const names[] = { "age", "plan", "spend" };
static const char *const rows[5][3] = {
	{ "30", "gold", "100" },
	{ "", "silver", "50" },
	{ " 50 ", "gold", "" },
	{ "40", "  ", "10" },
	{ "20", "bronze", "0" },
};

static int
add(struct encoder *e, const char *const *f)
{
	size_t len[3], i;

	for (i = 0; i < 3; i++)
		len[i] = strlen(f[i]);
	return enc_add_row(e, f, len);
}

static int
transform(struct encoder *e, const char *a, const char *b, const char *c,
    double *out)
{
	const char *f[3] = { a, b, c };
	size_t len[3] = { strlen(a), strlen(b), strlen(c) };

	return enc_transform(e, f, len, out);
}

static struct encoder *
fitted(int standardize, int log1p)
{
	struct enc_opts o = { ENC_IMPUTE, standardize, log1p };
	struct encoder *e = enc_new(names, 3, NULL, &o);
	size_t r;

	for (r = 0; r < 5; r++)
		if (add(e, rows[r]) != 0)
			return NULL;
	if (enc_fit(e) != 0)
		return NULL;
	return e;
}

/*
 * age: median of 30 50 40 20 is 35; imputed 30 35 50 40 20 has mean 35
 * and population sd 10.  spend: median of 100 50 10 0 is 30; imputed
 * 100 50 30 10 0 has mean 38 and sd sqrt(1256).  plan: "", bronze,
 * gold, silver (a blank is the empty category).
 */
static const double want[5][6] = {
	{ -0.5, 0, 0, 1, 0, 62 }, { 0, 0, 0, 0, 1, 12 },
	{ 1.5, 0, 0, 1, 0, -8 }, { 0.5, 1, 0, 0, 0, -28 },
	{ -1.5, 0, 1, 0, 0, -38 },
};

static int
same_row(const double *got, const double *w)
{
	size_t j;

	for (j = 0; j < 6; j++)
		if (fabs(got[j] - (j == 5 ? w[j] / sqrt(1256) : w[j])) > 1e-15)
			return 0;
	return 1;
}

static void
t_fit(void)
{
	struct encoder *e = fitted(1, 0);
	double X[30];
	char buf[64];
	size_t r;

	CHECK(e != NULL);
	if (e == NULL)
		return;
	CHECK(enc_nrows(e) == 5 && enc_nfeatures(e) == 6);
	CHECK(!enc_col_categorical(e, 0) && enc_col_categorical(e, 1));
	enc_matrix(e, X);
	for (r = 0; r < 5; r++)
		CHECK(same_row(X + r * 6, want[r]));
	CHECK(strcmp(enc_feature_name(e, 0, buf, sizeof(buf)), "age") == 0);
	CHECK(strcmp(enc_feature_name(e, 1, buf, sizeof(buf)), "plan=") == 0);
	CHECK(strcmp(enc_feature_name(e, 3, buf, sizeof(buf)),
	    "plan=gold") == 0);
	CHECK(strcmp(enc_feature_name(e, 5, buf, sizeof(buf)), "spend") == 0);
	enc_free(e);
}

static void
t_roundtrip(void)
{
	struct encoder *e = fitted(1, 0), *l;
	const char *hdr[] = { "spend", "id", "age", "plan" }, *bad[] = {
	    "age", "plan" };
	struct model_writer *w;
	struct enc_err err;
	struct model *m;
	char path[128], msg[256];
	double out[6], X[30];
	long map[3];
	size_t r;

	snprintf(path, sizeof(path), "%s/enc.model.gz", dir);
	w = model_create(path, "crm-test", "enc");
	enc_save(e, w, "enc");
	CHECK(model_close(w) == 0);
	m = model_load(path, "crm-test", msg, sizeof(msg));
	CHECK(m != NULL);
	if (m == NULL)
		return;
	l = enc_load(m, "enc", &err);
	CHECK(l != NULL);
	model_free(m);
	unlink(path);
	if (l == NULL)
		return;
	CHECK(enc_nfeatures(l) == 6 && enc_ncols(l) == 3);
	/* the training rows rebuild the training features */
	enc_matrix(e, X);
	for (r = 0; r < 5; r++) {
		CHECK(transform(l, rows[r][0], rows[r][1], rows[r][2], out) ==
		    0);
		CHECK(memcmp(out, X + r * 6, sizeof(out)) == 0);
	}
	/* an unseen category is all zeros */
	CHECK(transform(l, "25", "platinum", "38", out) == 0);
	CHECK(out[0] == -1 && out[1] == 0 && out[2] == 0 && out[3] == 0 &&
	    out[4] == 0 && out[5] == 0);
	CHECK(transform(l, "x1", "gold", "1", out) == -1);
	CHECK(enc_lasterr(l)->kind == ENC_ERR_NUMBER &&
	    enc_lasterr(l)->col == 0 &&
	    strcmp(enc_lasterr(l)->what, "not a number") == 0);
	CHECK(enc_bind(l, hdr, 4, map) == 0);
	CHECK(map[0] == 2 && map[1] == 3 && map[2] == 0);
	CHECK(enc_bind(l, bad, 2, map) == -1);
	CHECK(enc_lasterr(l)->kind == ENC_ERR_NOCOL &&
	    strcmp(enc_lasterr(l)->name, "spend") == 0);
	enc_free(l);
	enc_free(e);
}

static void
t_options(void)
{
	struct enc_opts o = { ENC_REJECT, 0, 1 };
	enum enc_kind kinds[3] = { ENC_NUMERIC, ENC_AUTO, ENC_CATEGORICAL };
	const char *r1[] = { "1", "x", "7" }, *r2[] = { "3", "2", "7" };
	const char *r3[] = { "", "2", "7" }, *r4[] = { "z", "2", "7" };
	const char *r5[] = { "-2", "2", "8" };
	struct encoder *e = enc_new(names, 3, kinds, &o);
	double X[12];

	CHECK(add(e, r1) == 0 && add(e, r2) == 0);
	CHECK(add(e, r3) == -1 && enc_lasterr(e)->kind == ENC_ERR_MISSING);
	CHECK(add(e, r4) == -1 && enc_lasterr(e)->kind == ENC_ERR_NUMBER &&
	    enc_lasterr(e)->col == 0);
	CHECK(enc_nrows(e) == 2);
	CHECK(enc_fit(e) == 0);
	/* age numeric, plan has an 'x': categorical, spend forced */
	CHECK(enc_nfeatures(e) == 1 + 2 + 1);
	enc_matrix(e, X);
	CHECK(X[0] == log1p(1) && X[1] == 0 && X[2] == 1 && X[3] == 1);
	CHECK(X[4] == log1p(3) && X[5] == 1 && X[6] == 0);
	enc_free(e);
	e = enc_new(names, 3, kinds, &o);
	CHECK(add(e, r5) == 0);
	CHECK(enc_fit(e) == -1 && enc_lasterr(e)->kind == ENC_ERR_DOMAIN);
	enc_free(e);
	e = enc_new(names, 3, NULL, &o);
	CHECK(enc_fit(e) == -1 && enc_lasterr(e)->kind == ENC_ERR_LIMIT);
	enc_free(e);
}

static void
t_columns_except(void)
{
	const char *hdr[] = { "customer_id", "age", "label", "plan" };
	const char *ex[] = { "label", "customer_id", "absent" }, *out[4];

	CHECK(enc_columns_except(hdr, 4, ex, 3, out) == 2);
	CHECK(strcmp(out[0], "age") == 0 && strcmp(out[1], "plan") == 0);
	CHECK(enc_columns_except(hdr, 4, NULL, 0, out) == 4);
	CHECK(enc_columns_except(hdr, 4, hdr, 4, out) == 0);
}

/*
 * Per-column log1p, the mean fill and the constant-column tolerance
 * (what crm-segment uses), figures by hand; their round trip through a
 * model file (records feat.log and feat.fill).
 */
static struct encoder *
percol(double tol)
{
	struct enc_opts o = { ENC_IMPUTE, 1, 0 };
	enum enc_kind kinds[3] = { ENC_NUMERIC, ENC_NUMERIC, ENC_NUMERIC };
	const char *r1[] = { "0", "2", "0.1" }, *r2[] = { "3", "", "0.1" };
	const char *r3[] = { "", "6", "0.1" }, *r4[] = { "-1", "1", "0.1" };
	struct encoder *e = enc_new(names, 3, kinds, &o);

	enc_set_log1p(e, 0);
	enc_set_fill(e, ENC_FILL_MEAN);
	enc_set_const_tol(e, tol);
	CHECK(add(e, r1) == 0 && add(e, r2) == 0 && add(e, r3) == 0);
	/* a value <= -1 of a log1p column is a row error */
	CHECK(add(e, r4) == -1 && enc_lasterr(e)->kind == ENC_ERR_DOMAIN &&
	    enc_lasterr(e)->col == 0 && strcmp(enc_lasterr(e)->what,
	    "log1p of a value not above -1") == 0);
	CHECK(enc_fit(e) == 0);
	return e;
}

static void
t_percol(void)
{
	struct encoder *e = percol(1e-12), *l;
	struct model_writer *w;
	struct model *m;
	struct enc_err err;
	double X[9], R[9], out[3], c0, s0, a[3];
	char path[128], msg[256];
	size_t r;

	enc_raw_matrix(e, R);
	/* the blanks take the mean: a (0+3)/2, b (2+6)/2 */
	CHECK(R[0] == 0 && R[3] == 3 && R[6] == 1.5);
	CHECK(R[1] == 2 && R[4] == 4 && R[7] == 6 && R[2] == 0.1);
	enc_matrix(e, X);
	/* a is log1p'd: ln 1, ln 4, ln 2.5, mean ln(10)/3 */
	a[0] = 0;
	a[1] = log(4);
	a[2] = log(2.5);
	c0 = log(10) / 3;
	s0 = sqrt(((a[0] - c0) * (a[0] - c0) + (a[1] - c0) * (a[1] - c0) +
	    (a[2] - c0) * (a[2] - c0)) / 3);
	for (r = 0; r < 3; r++)
		CHECK(fabs(X[r * 3] - (a[r] - c0) / s0) < 1e-12);
	/* b is linear: 2, 4, 6 around 4, sd sqrt(8/3) */
	CHECK(fabs(X[1] + 2 / sqrt(8.0 / 3)) < 1e-12 && fabs(X[4]) < 1e-12);
	/* c is constant up to rounding: scale 1, features ~0 */
	for (r = 0; r < 3; r++)
		CHECK(fabs(X[r * 3 + 2]) < 1e-15);
	snprintf(path, sizeof(path), "%s/percol.model", dir);
	w = model_create(path, "crm-test", "enc");
	enc_save(e, w, "feat");
	CHECK(model_close(w) == 0);
	m = model_load(path, "crm-test", msg, sizeof(msg));
	CHECK(m != NULL && strcmp(model_get(m, "feat.fill"), "mean") == 0 &&
	    model_get(m, "feat.log") != NULL);
	l = m != NULL ? enc_load(m, "feat", &err) : NULL;
	model_free(m);
	unlink(path);
	CHECK(l != NULL);
	if (l != NULL) {
		CHECK(transform(l, "0", "2", "0.1", out) == 0 &&
		    memcmp(out, X, sizeof(out)) == 0);
		CHECK(transform(l, "", "", "0.1", out) == 0 &&
		    out[0] == X[6] && out[1] == X[4]);
		CHECK(transform(l, "-1.5", "2", "0.1", out) == -1 &&
		    enc_lasterr(l)->kind == ENC_ERR_DOMAIN);
		/* b is not log1p'd: -5 is a value like any other */
		CHECK(transform(l, "1", "-5", "0.1", out) == 0);
	}
	enc_free(l);
	enc_free(e);
	/* without the tolerance, rounding noise is blown up to ~1 */
	e = percol(0);
	enc_matrix(e, X);
	CHECK(fabs(X[2]) > 0.5);
	enc_free(e);
}

static long
ladd(struct label_enc *l, const char *s)
{
	return label_add(l, s, strlen(s));
}

static void
t_labels(void)
{
	struct label_enc *l = label_new(NULL), *l2;
	struct model_writer *w;
	struct enc_err err;
	struct model *m;
	long a, b;
	char path[128], msg[256];

	a = ladd(l, "No");
	b = ladd(l, "Yes");
	CHECK(ladd(l, "No") == a && ladd(l, " ") == -1);
	CHECK(label_fit(l) == 0 && label_binary(l));
	CHECK(label_class(l, a) == 0 && label_class(l, b) == 1);
	CHECK(strcmp(label_name(l, 1), "Yes") == 0);
	label_free(l);
	l = label_new(NULL);
	a = ladd(l, "True.");
	b = ladd(l, "False.");
	CHECK(label_fit(l) == 0 && label_class(l, a) == 1 &&
	    label_class(l, b) == 0);
	label_free(l);
	l = label_new(NULL);
	ladd(l, "1");
	ladd(l, "0");
	CHECK(label_fit(l) == 0 && label_find(l, "1", 1) == 1);
	label_free(l);
	l = label_new(NULL);
	ladd(l, "stay");
	ladd(l, "move");
	CHECK(label_fit(l) == -1 && label_lasterr(l)->kind == ENC_ERR_LABEL);
	label_free(l);
	l = label_new(NULL);
	ladd(l, "stay");
	ladd(l, "Left");
	CHECK(label_fit(l) == 0 && label_find(l, "Left", 4) == 1 &&
	    label_find(l, "stay", 4) == 0);
	label_free(l);
	l = label_new("left");
	a = ladd(l, "stay");
	b = ladd(l, "left");
	CHECK(label_fit(l) == 0 && label_class(l, b) == 1 &&
	    label_class(l, a) == 0);
	label_free(l);
	l = label_new("gone");
	ladd(l, "stay");
	ladd(l, "left");
	CHECK(label_fit(l) == -1);
	label_free(l);
	/* multi-class: byte order */
	l = label_new(NULL);
	a = ladd(l, "cat");
	ladd(l, "ant");
	b = ladd(l, "bee");
	CHECK(label_fit(l) == 0 && !label_binary(l) &&
	    label_nclasses(l) == 3);
	CHECK(label_class(l, a) == 2 && label_class(l, b) == 1);
	snprintf(path, sizeof(path), "%s/label.model", dir);
	w = model_create(path, "crm-test", "labels");
	label_save(l, w, "label");
	CHECK(model_close(w) == 0);
	m = model_load(path, NULL, msg, sizeof(msg));
	l2 = m != NULL ? label_load(m, "label", &err) : NULL;
	CHECK(l2 != NULL);
	if (l2 != NULL) {
		CHECK(label_nclasses(l2) == 3 && !label_binary(l2));
		CHECK(label_find(l2, "ant", 3) == 0 &&
		    label_find(l2, "cat", 3) == 2 &&
		    label_find(l2, "dog", 3) == -1);
	}
	label_free(l2);
	model_free(m);
	unlink(path);
	label_free(l);
	/* positive against the rest */
	l = label_new("cat");
	ladd(l, "cat");
	ladd(l, "ant");
	ladd(l, "bee");
	CHECK(label_fit(l) == 0 && label_binary(l));
	CHECK(label_find(l, "cat", 3) == 1 && label_find(l, "dog", 3) == 0);
	label_free(l);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/enc.XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		printf("not ok mkdtemp\n");
		return 1;
	}
	RUN(t_fit);
	RUN(t_roundtrip);
	RUN(t_options);
	RUN(t_columns_except);
	RUN(t_percol);
	RUN(t_labels);
	rmdir(dir);
	T_EXIT();
}
