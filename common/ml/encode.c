/*
 * encode.c: the feature encoder and the label encoder (see encode.h).
 * The fit pass keeps, per column, one double and one string id a row;
 * enc_fit turns them into the encoding and enc_matrix into features.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "model.h"
#include "num.h"
#include "ml/encode.h"
#include "ml/mfile.h"
#include "ml/order.h"

struct enc_col {
	char		*name;
	enum enc_kind	 kind;		/* as asked */
	int		 cat;		/* decided: categorical */
	int		 nonnum;	/* a non-blank value is not a number */
	struct strmap	*vals;		/* distinct strings of the fit rows */
	double		*num;		/* per fit row; NaN: blank */
	uint32_t	*sid;		/* per fit row: id in vals */
	uint32_t	*rank;		/* vals id -> category index */
	struct strmap	*cats;		/* category -> index (byte order) */
	double		 impute, center, scale;
	int		 log;		/* enc_set_log1p */
	size_t		 off;		/* first feature */
};

struct encoder {
	struct enc_col	*c;
	size_t		 ncols, nrows, cap, nfeat;
	struct enc_opts	 o;
	int		 fitted;
	struct enc_err	 err;
	double		*tmp;		/* per column: parsed values */
	int		 percol;	/* enc_set_log1p was used */
	enum enc_fill	 fill;
	double		 const_tol;
};

/* Whether numeric column c is log1p'd. */
#define ENC_LOG(e, c)	((e)->o.log1p || (c)->log)

static int
enc_fail(struct encoder *e, enum enc_errkind kind, long col,
    const char *fmt, ...)
{
	va_list ap;

	e->err.kind = kind;
	e->err.col = col;
	e->err.name = col >= 0 ? e->c[col].name : NULL;
	va_start(ap, fmt);
	vsnprintf(e->err.what, sizeof(e->err.what), fmt, ap);
	va_end(ap);
	return -1;
}

size_t
enc_columns_except(const char *const *header, size_t n,
    const char *const *except, size_t nexcept, const char **out)
{
	size_t i, k, m = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < nexcept; k++)
			if (strcmp(header[i], except[k]) == 0)
				break;
		if (k == nexcept)
			out[m++] = header[i];
	}
	return m;
}

struct encoder *
enc_new(const char *const *names, size_t ncols, const enum enc_kind *kind,
    const struct enc_opts *o)
{
	struct encoder *e = xcalloc(1, sizeof(*e));
	size_t i;

	e->c = xcalloc(ncols ? ncols : 1, sizeof(*e->c));
	e->ncols = ncols;
	e->o = *o;
	e->tmp = xcalloc(ncols ? ncols : 1, sizeof(*e->tmp));
	for (i = 0; i < ncols; i++) {
		e->c[i].name = xstrdup(names[i]);
		e->c[i].kind = kind != NULL ? kind[i] : ENC_AUTO;
		e->c[i].scale = 1;
		if (e->c[i].kind != ENC_NUMERIC)
			e->c[i].vals = strmap_new();
	}
	return e;
}

void
enc_free(struct encoder *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->ncols; i++) {
		free(e->c[i].name);
		strmap_free(e->c[i].vals);
		strmap_free(e->c[i].cats);
		free(e->c[i].num);
		free(e->c[i].sid);
		free(e->c[i].rank);
	}
	free(e->c);
	free(e->tmp);
	free(e);
}

const struct enc_err *
enc_lasterr(const struct encoder *e)
{
	return &e->err;
}

void
enc_set_log1p(struct encoder *e, size_t i)
{
	e->c[i].log = 1;
	e->percol = 1;
}

void
enc_set_fill(struct encoder *e, enum enc_fill fill)
{
	e->fill = fill;
}

void
enc_set_const_tol(struct encoder *e, double tol)
{
	e->const_tol = tol;
}

/*
 * Read field f of column i as a number into *v (NaN for a blank):
 * 1 when it is one, 0 when it is not (a category), -1 on an error.
 */
static int
enc_parse(struct encoder *e, size_t i, const char *f, size_t len,
    double *v, int numeric)
{
	const char *why;

	*v = NAN;
	if (num_blank(f, len)) {
		if (e->o.missing == ENC_REJECT)
			return enc_fail(e, ENC_ERR_MISSING, (long)i, "empty");
		return 1;
	}
	if (num_parse(f, len, v, &why) == 0)
		return 1;
	*v = NAN;
	if (numeric)
		return enc_fail(e, ENC_ERR_NUMBER, (long)i, "%s", why);
	return 0;
}

int
enc_add_row(struct encoder *e, const char *const *f, const size_t *len)
{
	struct enc_col *c;
	size_t i, id, blank;
	int r;

	for (i = 0; i < e->ncols; i++) {
		c = &e->c[i];
		if (c->kind == ENC_CATEGORICAL) {
			if (e->o.missing == ENC_REJECT &&
			    num_blank(f[i], len[i]))
				return enc_fail(e, ENC_ERR_MISSING, (long)i,
				    "empty");
			continue;
		}
		r = enc_parse(e, i, f[i], len[i], &e->tmp[i],
		    c->kind == ENC_NUMERIC);
		if (r == -1)
			return -1;
		if (c->log && !(e->tmp[i] > -1) && !isnan(e->tmp[i]))
			return enc_fail(e, ENC_ERR_DOMAIN, (long)i,
			    "log1p of a value not above -1");
	}
	if (e->nrows == e->cap) {
		size_t cap = e->cap;

		for (i = 0; i < e->ncols; i++) {
			cap = e->cap;
			e->c[i].num = xgrow(e->c[i].num, &cap, e->nrows + 1,
			    sizeof(double));
			cap = e->cap;
			e->c[i].sid = xgrow(e->c[i].sid, &cap, e->nrows + 1,
			    sizeof(uint32_t));
		}
		e->cap = e->ncols > 0 ? cap : e->nrows + 1;
	}
	for (i = 0; i < e->ncols; i++) {
		c = &e->c[i];
		c->num[e->nrows] = c->kind == ENC_CATEGORICAL ? NAN : e->tmp[i];
		if (c->vals == NULL)
			continue;
		blank = num_blank(f[i], len[i]);
		if (!blank && isnan(e->tmp[i]))
			c->nonnum = 1;
		id = strmap_intern(c->vals, f[i], blank ? 0 : len[i], NULL);
		if (id == STRMAP_FULL)
			return enc_fail(e, ENC_ERR_LIMIT, (long)i,
			    "too many distinct values");
		c->sid[e->nrows] = (uint32_t)id;
	}
	e->nrows++;
	return 0;
}

/* Byte order of two keys of a strmap (the context). */
static int
key_cmp(const void *a, const void *b, void *ctx)
{
	const struct strmap *m = ctx;
	size_t la, lb;
	const char *ka = strmap_key(m, *(const uint32_t *)a, &la);
	const char *kb = strmap_key(m, *(const uint32_t *)b, &lb);
	int r = memcmp(ka, kb, la < lb ? la : lb);

	return r != 0 ? r : (la > lb) - (la < lb);
}

/* Order the categories of column c (from its fit values). */
static int
fit_cat(struct encoder *e, size_t i)
{
	struct enc_col *c = &e->c[i];
	size_t n = strmap_count(c->vals), k, len;
	uint32_t *ord;
	const char *key;

	if (n > ENC_MAXCAT)
		return enc_fail(e, ENC_ERR_LIMIT, (long)i,
		    "%zu categories (more than %d)", n, ENC_MAXCAT);
	ord = xreallocarray(NULL, n ? n : 1, sizeof(*ord));
	for (k = 0; k < n; k++)
		ord[k] = (uint32_t)k;
	sort_r(ord, n, sizeof(*ord), key_cmp, c->vals);
	c->rank = xreallocarray(NULL, n ? n : 1, sizeof(*c->rank));
	c->cats = strmap_new();
	for (k = 0; k < n; k++) {
		c->rank[ord[k]] = (uint32_t)k;
		key = strmap_key(c->vals, ord[k], &len);
		strmap_intern(c->cats, key, len, NULL);
	}
	free(ord);
	return 0;
}

/* The fill value of a blank: the median or mean of the numbers (0: none). */
static double
fill_value(const struct encoder *e, double *v, size_t m)
{
	double s = 0;
	size_t k;

	if (m == 0)
		return 0;
	if (e->fill == ENC_FILL_MEDIAN)
		return quantile_sel(v, m, 0.5);
	for (k = 0; k < m; k++)
		s += v[k];
	return s / (double)m;
}

/* Whether sd is that of a constant column (scale 1). */
static int
is_constant(const struct encoder *e, double sd, double mean)
{
	if (!(sd > 0) || !isfinite(sd))
		return 1;
	return e->const_tol > 0 &&
	    !(sd > e->const_tol * fmax(1, fabs(mean)));
}

/* Fill, log1p check, mean and scale of numeric column i. */
static int
fit_num(struct encoder *e, size_t i)
{
	struct enc_col *c = &e->c[i];
	double *v = xreallocarray(NULL, e->nrows, sizeof(*v)), x, s, ss;
	size_t k, m = 0;

	for (k = 0; k < e->nrows; k++)
		if (!isnan(c->num[k]))
			v[m++] = c->num[k];
	c->impute = fill_value(e, v, m);
	for (s = 0, k = 0; k < e->nrows; k++) {
		x = isnan(c->num[k]) ? c->impute : c->num[k];
		if (ENC_LOG(e, c)) {
			if (!(x > -1)) {
				free(v);
				return enc_fail(e, ENC_ERR_DOMAIN, (long)i,
				    "log1p of a value not above -1 (%.17g)", x);
			}
			x = log1p(x);
		}
		v[k] = x;
		s += x;
	}
	c->center = 0;
	c->scale = 1;
	if (e->o.standardize) {
		c->center = s / (double)e->nrows;
		for (ss = 0, k = 0; k < e->nrows; k++)
			ss += (v[k] - c->center) * (v[k] - c->center);
		ss = sqrt(ss / (double)e->nrows);
		c->scale = is_constant(e, ss, c->center) ? 1 : ss;
	}
	free(v);
	return 0;
}

int
enc_fit(struct encoder *e)
{
	size_t i;
	int r;

	if (e->nrows == 0)
		return enc_fail(e, ENC_ERR_LIMIT, -1, "no rows to fit");
	e->nfeat = 0;
	for (i = 0; i < e->ncols; i++) {
		e->c[i].cat = e->c[i].kind == ENC_CATEGORICAL ||
		    (e->c[i].kind == ENC_AUTO && e->c[i].nonnum);
		e->c[i].off = e->nfeat;
		r = e->c[i].cat ? fit_cat(e, i) : fit_num(e, i);
		if (r == -1)
			return -1;
		e->nfeat += e->c[i].cat ? strmap_count(e->c[i].cats) : 1;
	}
	e->fitted = 1;
	return 0;
}

size_t
enc_nrows(const struct encoder *e)
{
	return e->nrows;
}

size_t
enc_nfeatures(const struct encoder *e)
{
	return e->nfeat;
}

size_t
enc_ncols(const struct encoder *e)
{
	return e->ncols;
}

const char *
enc_col_name(const struct encoder *e, size_t i)
{
	return e->c[i].name;
}

int
enc_col_categorical(const struct encoder *e, size_t i)
{
	return e->c[i].cat;
}

/* The feature of a number of column c: impute, log1p, scale. */
static double
num_feature(const struct encoder *e, const struct enc_col *c, double x)
{
	if (isnan(x))
		x = c->impute;
	if (ENC_LOG(e, c))
		x = log1p(x);
	return (x - c->center) / c->scale;
}

void
enc_raw_matrix(const struct encoder *e, double *X)
{
	const struct enc_col *c;
	size_t r, i;

	for (r = 0; r < e->nrows; r++)
		for (i = 0; i < e->ncols; i++) {
			c = &e->c[i];
			X[r * e->ncols + i] = c->cat ? NAN : isnan(c->num[r]) ?
			    c->impute : c->num[r];
		}
}

void
enc_matrix(const struct encoder *e, double *X)
{
	const struct enc_col *c;
	size_t r, i;
	double *row;

	memset(X, 0, e->nrows * e->nfeat * sizeof(*X));
	for (r = 0; r < e->nrows; r++) {
		row = X + r * e->nfeat;
		for (i = 0; i < e->ncols; i++) {
			c = &e->c[i];
			if (c->cat)
				row[c->off + c->rank[c->sid[r]]] = 1;
			else
				row[c->off] = num_feature(e, c, c->num[r]);
		}
	}
}

const char *
enc_feature_name(const struct encoder *e, size_t j, char *buf, size_t n)
{
	const struct enc_col *c;
	const char *key;
	size_t i, len;

	buf[0] = '\0';
	for (i = e->ncols; i-- > 0;) {
		c = &e->c[i];
		if (j < c->off)
			continue;
		if (!c->cat)
			snprintf(buf, n, "%s", c->name);
		else {
			key = strmap_key(c->cats, j - c->off, &len);
			snprintf(buf, n, "%s=%.*s", c->name, (int)len, key);
		}
		break;
	}
	return buf;
}

int
enc_bind(struct encoder *e, const char *const *header, size_t nheader,
    long *map)
{
	size_t i, h;

	for (i = 0; i < e->ncols; i++) {
		for (h = 0; h < nheader; h++)
			if (strcmp(header[h], e->c[i].name) == 0)
				break;
		if (h == nheader)
			return enc_fail(e, ENC_ERR_NOCOL, (long)i,
			    "no column '%s'", e->c[i].name);
		map[i] = (long)h;
	}
	return 0;
}

int
enc_transform(struct encoder *e, const char *const *f, const size_t *len,
    double *out)
{
	const struct enc_col *c;
	size_t i, id;
	int blank;

	for (i = 0; i < e->ncols; i++) {
		c = &e->c[i];
		if (c->cat) {
			if (num_blank(f[i], len[i]) &&
			    e->o.missing == ENC_REJECT)
				return enc_fail(e, ENC_ERR_MISSING, (long)i,
				    "empty");
		} else if (enc_parse(e, i, f[i], len[i], &e->tmp[i], 1) == -1)
			return -1;
		else if (ENC_LOG(e, c) && !((isnan(e->tmp[i]) ? c->impute :
		    e->tmp[i]) > -1))
			return enc_fail(e, ENC_ERR_DOMAIN, (long)i,
			    "log1p of a value not above -1");
	}
	memset(out, 0, e->nfeat * sizeof(*out));
	for (i = 0; i < e->ncols; i++) {
		c = &e->c[i];
		if (!c->cat) {
			out[c->off] = num_feature(e, c, e->tmp[i]);
			continue;
		}
		blank = num_blank(f[i], len[i]);
		id = strmap_find(c->cats, f[i], blank ? 0 : len[i]);
		if (id != (size_t)-1)
			out[c->off + id] = 1;
	}
	return 0;
}

/* The record name PREFIX.what into buf. */
static const char *
rec(char *buf, size_t n, const char *prefix, const char *what)
{
	snprintf(buf, n, "%s.%s", prefix, what);
	return buf;
}

void
enc_save(const struct encoder *e, struct model_writer *w, const char *prefix)
{
	const char **names = xcalloc(e->ncols + 1, sizeof(*names));
	const char **keys;
	double *imp = xcalloc(e->ncols + 1, sizeof(double));
	double *cen = xcalloc(e->ncols + 1, sizeof(double));
	double *sc = xcalloc(e->ncols + 1, sizeof(double));
	size_t *lens, i, k, n;
	char key[256];

	for (i = 0; i < e->ncols; i++) {
		names[i] = e->c[i].name;
		imp[i] = e->c[i].impute;
		cen[i] = e->c[i].center;
		sc[i] = e->c[i].scale;
	}
	mfile_put_strings(w, rec(key, sizeof(key), prefix, "columns"), names,
	    NULL, e->ncols);
	model_put(w, rec(key, sizeof(key), prefix, "missing"), "%s",
	    e->o.missing == ENC_REJECT ? "reject" : "impute");
	model_put(w, rec(key, sizeof(key), prefix, "standardize"), "%d",
	    e->o.standardize != 0);
	model_put(w, rec(key, sizeof(key), prefix, "log1p"), "%d",
	    e->o.log1p != 0);
	mfile_put_array(w, rec(key, sizeof(key), prefix, "impute"), imp,
	    e->ncols);
	mfile_put_array(w, rec(key, sizeof(key), prefix, "center"), cen,
	    e->ncols);
	mfile_put_array(w, rec(key, sizeof(key), prefix, "scale"), sc,
	    e->ncols);
	if (e->fill == ENC_FILL_MEAN)
		model_put(w, rec(key, sizeof(key), prefix, "fill"), "mean");
	if (e->percol) {
		for (i = 0; i < e->ncols; i++)
			imp[i] = e->c[i].log;
		mfile_put_array(w, rec(key, sizeof(key), prefix, "log"), imp,
		    e->ncols);
	}
	for (i = 0; i < e->ncols; i++) {
		if (!e->c[i].cat)
			continue;
		n = strmap_count(e->c[i].cats);
		keys = xcalloc(n + 1, sizeof(*keys));
		lens = xcalloc(n + 1, sizeof(*lens));
		for (k = 0; k < n; k++)
			keys[k] = strmap_key(e->c[i].cats, k, &lens[k]);
		snprintf(key, sizeof(key), "%s.cat.%zu", prefix, i);
		mfile_put_strings(w, key, keys, lens, n);
		free(keys);
		free(lens);
	}
	free(names);
	free(imp);
	free(cen);
	free(sc);
}

/* Fill err for a bad record and return NULL. */
static void *
load_fail(struct enc_err *err, const char *key)
{
	err->kind = ENC_ERR_MODEL;
	err->col = -1;
	err->name = NULL;
	snprintf(err->what, sizeof(err->what),
	    "bad or missing record '%.100s'", key);
	return NULL;
}

/* Read a 0/1 flag record. */
static int
get_flag(const struct model *m, const char *key, int *v)
{
	const char *s = model_get(m, key);

	if (s == NULL || (strcmp(s, "0") != 0 && strcmp(s, "1") != 0))
		return -1;
	*v = s[0] == '1';
	return 0;
}

/* The numeric records of the columns; 0 or -1 with err (key named). */
static int
load_nums(struct encoder *e, const struct model *m, const char *prefix,
    struct enc_err *err)
{
	static const char *const what[] = { "impute", "center", "scale" };
	double *v = xcalloc(e->ncols + 1, sizeof(*v));
	char key[256];
	size_t i, k;

	for (k = 0; k < 3; k++) {
		rec(key, sizeof(key), prefix, what[k]);
		if (mfile_get_array_n(m, key, v, e->ncols) == -1) {
			free(v);
			load_fail(err, key);
			return -1;
		}
		for (i = 0; i < e->ncols; i++)
			*(k == 0 ? &e->c[i].impute : k == 1 ? &e->c[i].center :
			    &e->c[i].scale) = v[i];
	}
	free(v);
	return 0;
}

/* The optional per-column log1p flags PREFIX.log. */
static int
load_logs(struct encoder *e, const struct model *m, const char *prefix,
    struct enc_err *err)
{
	double *v;
	char key[256];
	size_t i;

	if (model_get(m, rec(key, sizeof(key), prefix, "log")) == NULL)
		return 0;
	v = xcalloc(e->ncols + 1, sizeof(*v));
	if (mfile_get_array_n(m, key, v, e->ncols) == -1) {
		free(v);
		load_fail(err, key);
		return -1;
	}
	for (i = 0; i < e->ncols; i++) {
		if (v[i] != 0 && v[i] != 1) {
			free(v);
			load_fail(err, key);
			return -1;
		}
		if (v[i] == 1)
			enc_set_log1p(e, i);
	}
	free(v);
	return 0;
}

/* The categories of column i, when the model has them. */
static int
load_cats(struct encoder *e, const struct model *m, const char *prefix,
    size_t i, struct enc_err *err)
{
	struct mfile_strs *l;
	struct enc_col *c = &e->c[i];
	char key[256];
	size_t k;
	int bad, isnew;

	snprintf(key, sizeof(key), "%s.cat.%zu", prefix, i);
	c->off = e->nfeat;
	if ((l = mfile_get_strings(m, key, &bad)) == NULL) {
		if (bad) {
			load_fail(err, key);
			return -1;
		}
		e->nfeat++;
		return 0;	/* a numeric column */
	}
	c->cat = 1;
	c->cats = strmap_new();
	for (k = 0; k < l->n; k++) {
		strmap_intern(c->cats, l->s[k], l->len[k], &isnew);
		if (!isnew) {
			mfile_strs_free(l);
			load_fail(err, key);
			return -1;
		}
	}
	e->nfeat += l->n;
	mfile_strs_free(l);
	return 0;
}

struct encoder *
enc_load(const struct model *m, const char *prefix, struct enc_err *err)
{
	struct enc_opts o = { ENC_IMPUTE, 0, 0 };
	struct mfile_strs *names;
	struct encoder *e;
	const char *s;
	char key[256];
	size_t i;

	names = mfile_get_strings(m, rec(key, sizeof(key), prefix, "columns"),
	    NULL);
	if (names == NULL)
		return load_fail(err, key);
	s = model_get(m, rec(key, sizeof(key), prefix, "missing"));
	if (s == NULL || (strcmp(s, "impute") != 0 &&
	    strcmp(s, "reject") != 0)) {
		mfile_strs_free(names);
		return load_fail(err, key);
	}
	o.missing = strcmp(s, "reject") == 0 ? ENC_REJECT : ENC_IMPUTE;
	if (get_flag(m, rec(key, sizeof(key), prefix, "standardize"),
	    &o.standardize) == -1 || get_flag(m, rec(key, sizeof(key),
	    prefix, "log1p"), &o.log1p) == -1) {
		mfile_strs_free(names);
		return load_fail(err, key);
	}
	s = model_get(m, rec(key, sizeof(key), prefix, "fill"));
	if (s != NULL && strcmp(s, "mean") != 0) {
		mfile_strs_free(names);
		return load_fail(err, key);
	}
	e = enc_new((const char *const *)names->s, names->n, NULL, &o);
	mfile_strs_free(names);
	if (s != NULL)
		enc_set_fill(e, ENC_FILL_MEAN);
	if (load_nums(e, m, prefix, err) == -1 ||
	    load_logs(e, m, prefix, err) == -1)
		goto fail;
	for (i = 0; i < e->ncols; i++)
		if (load_cats(e, m, prefix, i, err) == -1)
			goto fail;
	e->fitted = 1;
	return e;
fail:
	enc_free(e);
	return NULL;
}

struct label_enc {
	char		*positive;
	struct strmap	*vals;		/* provisional ids */
	uint32_t	*map;		/* provisional id -> class */
	struct strmap	*cls;		/* class name -> class */
	int		 binary;
	int		 rest;		/* positive against all the rest */
	struct enc_err	 err;
};

struct label_enc *
label_new(const char *positive)
{
	struct label_enc *l = xcalloc(1, sizeof(*l));

	l->positive = positive != NULL ? xstrdup(positive) : NULL;
	l->vals = strmap_new();
	return l;
}

void
label_free(struct label_enc *l)
{
	if (l == NULL)
		return;
	free(l->positive);
	strmap_free(l->vals);
	strmap_free(l->cls);
	free(l->map);
	free(l);
}

const struct enc_err *
label_lasterr(const struct label_enc *l)
{
	return &l->err;
}

static int
label_fail(struct label_enc *l, enum enc_errkind kind, const char *fmt, ...)
{
	va_list ap;

	l->err.kind = kind;
	l->err.col = -1;
	l->err.name = NULL;
	va_start(ap, fmt);
	vsnprintf(l->err.what, sizeof(l->err.what), fmt, ap);
	va_end(ap);
	return -1;
}

long
label_add(struct label_enc *l, const char *p, size_t len)
{
	size_t id;

	if (num_blank(p, len))
		return label_fail(l, ENC_ERR_MISSING, "empty");
	if ((id = strmap_intern(l->vals, p, len, NULL)) == STRMAP_FULL)
		return label_fail(l, ENC_ERR_LIMIT, "too many labels");
	return (long)id;
}

/* Case-insensitive equality of p[0..len) and the lower-case word w. */
static int
word_is(const char *p, size_t len, const char *w)
{
	size_t i;

	if (len != strlen(w))
		return 0;
	for (i = 0; i < len; i++)
		if (tolower((unsigned char)p[i]) != w[i])
			return 0;
	return 1;
}

/* The positive one (0 or 1) of two recognised labels, or -1. */
static int
known_pair(const char *a, size_t la, const char *b, size_t lb)
{
	static const char *const pos[] = { "yes", "true", "true.", "1", "y",
	    "t", "positive" };
	static const char *const neg[] = { "no", "false", "false.", "0", "n",
	    "f", "negative" };
	/* Words that name the event (churned/active, exited/stayed). */
	static const char *const event[] = { "churn", "churned", "left",
	    "exited", "lost", "cancelled", "canceled", "attrited", "gone" };
	size_t i;
	int ea = 0, eb = 0;

	for (i = 0; i < sizeof(pos) / sizeof(pos[0]); i++) {
		if (word_is(a, la, pos[i]) && word_is(b, lb, neg[i]))
			return 0;
		if (word_is(b, lb, pos[i]) && word_is(a, la, neg[i]))
			return 1;
	}
	for (i = 0; i < sizeof(event) / sizeof(event[0]); i++) {
		ea |= word_is(a, la, event[i]);
		eb |= word_is(b, lb, event[i]);
	}
	return ea && !eb ? 0 : eb && !ea ? 1 : -1;
}

/* Classes in the order given: ord[c] is the provisional id of class c. */
static void
label_order(struct label_enc *l, const uint32_t *ord, size_t ncls)
{
	size_t c, len;
	const char *k;

	l->cls = strmap_new();
	for (c = 0; c < ncls; c++) {
		k = strmap_key(l->vals, ord[c], &len);
		strmap_intern(l->cls, k, len, NULL);
		l->map[ord[c]] = (uint32_t)c;
	}
}

int
label_fit(struct label_enc *l)
{
	size_t n = strmap_count(l->vals), i, la, lb, pid;
	uint32_t *ord, two[2];
	const char *a, *b;
	int p;

	l->map = xcalloc(n ? n : 1, sizeof(*l->map));
	if (l->positive != NULL) {
		pid = strmap_find(l->vals, l->positive, strlen(l->positive));
		if (pid == (size_t)-1)
			return label_fail(l, ENC_ERR_LABEL,
			    "no label '%s' (the positive class)",
			    l->positive);
		if (n < 2)
			return label_fail(l, ENC_ERR_LABEL,
			    "only one class ('%s')", l->positive);
		l->binary = 1;
		l->rest = n > 2;
		l->cls = strmap_new();
		if (!l->rest) {
			a = strmap_key(l->vals, 1 - pid, &la);
			strmap_intern(l->cls, a, la, NULL);
		} else
			strmap_intern(l->cls, "", 0, NULL);
		strmap_intern(l->cls, l->positive, strlen(l->positive), NULL);
		for (i = 0; i < n; i++)
			l->map[i] = i == pid;
		return 0;
	}
	if (n < 2)
		return label_fail(l, ENC_ERR_LABEL, n == 0 ? "no labels" :
		    "only one class ('%s')", strmap_key(l->vals, 0, &la));
	if (n == 2) {
		a = strmap_key(l->vals, 0, &la);
		b = strmap_key(l->vals, 1, &lb);
		if ((p = known_pair(a, la, b, lb)) == -1)
			return label_fail(l, ENC_ERR_LABEL,
			    "cannot tell the positive class of '%s' and '%s'",
			    a, b);
		two[0] = (uint32_t)(1 - p);
		two[1] = (uint32_t)p;
		l->binary = 1;
		label_order(l, two, 2);
		return 0;
	}
	ord = xcalloc(n, sizeof(*ord));
	for (i = 0; i < n; i++)
		ord[i] = (uint32_t)i;
	sort_r(ord, n, sizeof(*ord), key_cmp, l->vals);
	label_order(l, ord, n);
	free(ord);
	return 0;
}

uint32_t
label_class(const struct label_enc *l, long id)
{
	return l->map[id];
}

size_t
label_nclasses(const struct label_enc *l)
{
	return strmap_count(l->cls);
}

int
label_binary(const struct label_enc *l)
{
	return l->binary;
}

const char *
label_name(const struct label_enc *l, uint32_t cls)
{
	size_t len;

	return strmap_key(l->cls, cls, &len);
}

long
label_find(const struct label_enc *l, const char *p, size_t len)
{
	size_t id;

	if (num_blank(p, len))
		return -1;
	id = strmap_find(l->cls, p, len);
	if (id != (size_t)-1 && !(l->rest && id == 0))
		return (long)id;
	return l->rest ? 0 : -1;
}

void
label_save(const struct label_enc *l, struct model_writer *w,
    const char *prefix)
{
	size_t n = strmap_count(l->cls), i;
	const char **s = xcalloc(n + 1, sizeof(*s));
	size_t *len = xcalloc(n + 1, sizeof(*len));
	char key[256];

	for (i = 0; i < n; i++)
		s[i] = strmap_key(l->cls, i, &len[i]);
	mfile_put_strings(w, rec(key, sizeof(key), prefix, "classes"), s, len,
	    n);
	model_put(w, rec(key, sizeof(key), prefix, "binary"), "%s",
	    l->rest ? "rest" : l->binary ? "1" : "0");
	free(s);
	free(len);
}

struct label_enc *
label_load(const struct model *m, const char *prefix, struct enc_err *err)
{
	struct mfile_strs *cls;
	struct label_enc *l;
	const char *b;
	char key[256];
	size_t i;
	int isnew;

	cls = mfile_get_strings(m, rec(key, sizeof(key), prefix, "classes"),
	    NULL);
	if (cls == NULL || cls->n < 2)
		goto bad;
	b = model_get(m, rec(key, sizeof(key), prefix, "binary"));
	if (b == NULL || (strcmp(b, "0") != 0 && strcmp(b, "1") != 0 &&
	    strcmp(b, "rest") != 0) || (strcmp(b, "0") != 0 && cls->n != 2))
		goto bad;
	l = label_new(NULL);
	l->binary = strcmp(b, "0") != 0;
	l->rest = strcmp(b, "rest") == 0;
	l->cls = strmap_new();
	for (i = 0; i < cls->n; i++) {
		strmap_intern(l->cls, cls->s[i], cls->len[i], &isnew);
		if (!isnew) {
			label_free(l);
			rec(key, sizeof(key), prefix, "classes");
			goto bad;
		}
	}
	mfile_strs_free(cls);
	return l;
bad:
	mfile_strs_free(cls);
	return load_fail(err, key);
}
