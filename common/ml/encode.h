/*
 * encode.h: the feature table of a learning program: chosen CSV columns
 * into a dense row-major double matrix, and the label column into
 * classes.  The fitted encoding is saved into a model file and loaded
 * back, so that predict builds exactly the features train built.
 * Core: nothing here prints or exits (the x-allocators aside); every
 * failure returns -1 and leaves a struct enc_err for the program to
 * report (input_bad with its what, or a usage error naming the column).
 *
 * Fed field by field, so that it needs no CSV reader: the program reads
 * rows through input.h and hands over the fields of the encoder's
 * columns, in the encoder's column order.
 *
 * Fit: enc_new, then enc_add_row for each training row (the values are
 * kept), then enc_fit.  A column is numeric when every non-blank value
 * parses as a strict number (num.h), else categorical; ENC_CATEGORICAL
 * and ENC_NUMERIC force a kind (a non-number in a numeric column is
 * then an error).  Numeric: a blank is imputed with the column's median
 * (default) or mean (enc_set_fill; ENC_IMPUTE) or is an error (ENC_REJECT);
 * optionally log1p, of every numeric column (enc_opts.log1p) or of the
 * columns named with enc_set_log1p (values must be > -1), then
 * optionally standardised with the mean and population standard
 * deviation (sklearn's StandardScaler; a constant column keeps scale 1,
 * constant meaning an sd of 0, or at most tol * max(1, |mean|) after
 * enc_set_const_tol, so that rounding never makes noise of it).
 * Categorical: one 0/1 feature per category in byte order; a blank
 * value is its own category (the empty string, the "missing" level)
 * with ENC_IMPUTE, an error with ENC_REJECT.  An unseen category gives
 * all zeros.
 *
 * Apply: enc_load (or the fitted encoder), enc_bind against the new
 * header, then enc_transform for each row.
 */
#ifndef CRM_ML_ENCODE_H
#define CRM_ML_ENCODE_H

#include <stddef.h>
#include <stdint.h>

struct model;
struct model_writer;

enum enc_kind { ENC_AUTO, ENC_NUMERIC, ENC_CATEGORICAL };
enum enc_missing { ENC_IMPUTE, ENC_REJECT };
/* The statistic a blank numeric value takes under ENC_IMPUTE. */
enum enc_fill { ENC_FILL_MEDIAN, ENC_FILL_MEAN };

struct enc_opts {
	enum enc_missing missing;
	int		 standardize;
	int		 log1p;		/* every numeric column */
};

enum enc_errkind {
	ENC_ERR_NONE,
	ENC_ERR_NUMBER,		/* a value of a numeric column: not a number */
	ENC_ERR_MISSING,	/* a blank value under ENC_REJECT */
	ENC_ERR_DOMAIN,		/* log1p of a value <= -1 */
	ENC_ERR_NOCOL,		/* enc_bind: the header lacks the column */
	ENC_ERR_LIMIT,		/* too many categories, or no rows to fit */
	ENC_ERR_MODEL,		/* enc_load: absent or malformed record */
	ENC_ERR_LABEL		/* labels: see label_fit */
};

/*
 * col is the encoder's column (-1: none), name its name; what is the
 * reason without the column or value ("not a number", "empty"), to be
 * given to input_bad or printed after the column.
 */
struct enc_err {
	enum enc_errkind kind;
	long		 col;
	const char	*name;
	char		 what[160];
};

struct encoder;

/*
 * "Every column but the id and the label": the names of header[0..n)
 * that are not among except[0..nexcept), in header order, into out
 * (room for n; the strings are borrowed).  Returns how many.
 */
size_t		 enc_columns_except(const char *const *header, size_t n,
		    const char *const *except, size_t nexcept,
		    const char **out);
/*
 * A new encoder of ncols columns named names[] (copied), of kinds kind[]
 * (NULL: all ENC_AUTO).
 */
struct encoder	*enc_new(const char *const *names, size_t ncols,
		    const enum enc_kind *kind, const struct enc_opts *);
void		 enc_free(struct encoder *);
const struct enc_err *enc_lasterr(const struct encoder *);
/*
 * log1p column i only (before the first enc_add_row).  A value <= -1
 * of such a column is then a row error (ENC_ERR_DOMAIN) in enc_add_row
 * and enc_transform, so that the program drops the row.
 */
void		 enc_set_log1p(struct encoder *, size_t i);
/* Before enc_fit: the statistic of blanks (ENC_FILL_MEDIAN by default). */
void		 enc_set_fill(struct encoder *, enum enc_fill);
/* Before enc_fit: a relative tolerance of the constant-column test. */
void		 enc_set_const_tol(struct encoder *, double tol);

/*
 * Fit pass: keep the values of one row (f[i] of len[i] bytes for column
 * i).  Returns 0, or -1 (ENC_ERR_NUMBER, ENC_ERR_MISSING) with nothing
 * kept: the program drops the row.
 */
int		 enc_add_row(struct encoder *, const char *const *f,
		    const size_t *len);
/*
 * Decide the kinds, categories, medians, means and scales from the
 * rows kept.  Returns 0, or -1 (ENC_ERR_LIMIT for no rows or over
 * ENC_MAXCAT categories in a column, ENC_ERR_DOMAIN).
 */
#define ENC_MAXCAT	65536
int		 enc_fit(struct encoder *);
/* The number of rows kept, and the number of features after the fit. */
size_t		 enc_nrows(const struct encoder *);
size_t		 enc_nfeatures(const struct encoder *);
/* The training matrix of the rows kept: nrows x nfeatures into X. */
void		 enc_matrix(const struct encoder *, double *X);
/*
 * The values of the rows kept in original units, blanks imputed, before
 * log1p and scaling: nrows x ncols into X (NaN for a categorical
 * column).  For profiles in the units the user knows.
 */
void		 enc_raw_matrix(const struct encoder *, double *X);
/*
 * The name of feature j: the column's name for a numeric one,
 * "name=category" for a category (into buf of size n; returns buf).
 */
const char	*enc_feature_name(const struct encoder *, size_t j, char *buf,
		    size_t n);
size_t		 enc_ncols(const struct encoder *);
const char	*enc_col_name(const struct encoder *, size_t i);
/* 1 when column i came out categorical (after enc_fit or enc_load). */
int		 enc_col_categorical(const struct encoder *, size_t i);

/*
 * Save the fitted encoding as records PREFIX.* in w (PREFIX.columns,
 * .missing, .standardize, .log1p, the arrays .impute, .center, .scale,
 * and PREFIX.cat.I, the categories of column I, for each categorical
 * column; PREFIX.log, a 0/1 array, only when enc_set_log1p was used,
 * and PREFIX.fill only when it is the mean: a model without them is
 * read as before); load it back.
 * enc_load returns NULL with *err filled (ENC_ERR_MODEL naming the
 * record) when a record is absent or malformed.
 */
void		 enc_save(const struct encoder *, struct model_writer *,
		    const char *prefix);
struct encoder	*enc_load(const struct model *, const char *prefix,
		    struct enc_err *err);

/*
 * Find each column among the header's names: map[i] gets the header
 * index of column i.  Returns 0, or -1 with ENC_ERR_NOCOL naming the
 * first missing column.
 */
int		 enc_bind(struct encoder *, const char *const *header,
		    size_t nheader, long *map);
/*
 * The features of one new row (fields in the encoder's column order)
 * into out[0..nfeatures).  Returns 0, or -1 (ENC_ERR_NUMBER,
 * ENC_ERR_MISSING, ENC_ERR_DOMAIN).
 */
int		 enc_transform(struct encoder *, const char *const *f,
		    const size_t *len, double *out);

/*
 * Labels.  label_new(positive): positive names the positive class of a
 * binary target (NULL: recognise it).  label_add interns a training
 * label (a blank one is an error) and returns its provisional id (or
 * -1); label_fit then orders the classes: two classes make a binary
 * target whose class 1 is the positive one: the value given, or the
 * first of yes, true, true., 1, y, t, positive (case-insensitive) when
 * the other is its partner (no, false, false., 0, n, f, negative), or
 * the one that names the event when the other does not (churn,
 * churned, left, exited, lost, cancelled, canceled, attrited, gone);
 * otherwise classes in byte order.  With positive given and more than
 * two labels, the target is positive against the rest (class 0, named
 * "", takes every other label, also in label_find).  label_fit fails (ENC_ERR_LABEL)
 * when there is one class, when positive is not among the labels, or
 * when two unrecognised labels leave the positive class unknown.
 */
struct label_enc;
struct label_enc *label_new(const char *positive);
void		 label_free(struct label_enc *);
const struct enc_err *label_lasterr(const struct label_enc *);
long		 label_add(struct label_enc *, const char *p, size_t len);
int		 label_fit(struct label_enc *);
/* The final class of a provisional id. */
uint32_t	 label_class(const struct label_enc *, long id);
size_t		 label_nclasses(const struct label_enc *);
/* 1 for a binary target. */
int		 label_binary(const struct label_enc *);
const char	*label_name(const struct label_enc *, uint32_t cls);
/* The class of a label (after fit or load), or -1 when unknown. */
long		 label_find(const struct label_enc *, const char *p,
		    size_t len);
void		 label_save(const struct label_enc *, struct model_writer *,
		    const char *prefix);
struct label_enc *label_load(const struct model *, const char *prefix,
		    struct enc_err *err);

#endif
