/*
 * prep.h: crm-clean's data preparation: the options and the prototypes
 * of expr.c (the expression language of --where and --derive), norm.c
 * (the normalisers --email, --phone, --date, --amount, --name, --fill,
 * --outliers), schema.c (--schema), pii.c (--hash, --mask,
 * --excel-safe) and prep.c (the glue: the row hooks and the output
 * columns of --derive, --select and --drop).
 */
#ifndef CRM_CLEAN_PREP_H
#define CRM_CLEAN_PREP_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"

struct cleaner;
struct csv_reader;
struct csv_row;
struct csv_writer;
struct rx;

/* Option codes, clear of main.c's and of any other file's. */
enum {
	OPT_AMOUNT = OPT_COMMON_LAST + 100,
	OPT_COUNTRY,
	OPT_COUNTRY_COLUMN,
	OPT_DATECOLS,
	OPT_DECIMAL_COMMA,
	OPT_DERIVE,
	OPT_DROP,
	OPT_EMAIL,
	OPT_EMAIL_CANONICAL,
	OPT_EMAIL_LOWER_LOCAL,
	OPT_EXCEL_SAFE,
	OPT_FILL,
	OPT_FILTERED,
	OPT_FLAG,
	OPT_HASH,
	OPT_K,
	OPT_MASK,
	OPT_MASK_KEEP,
	OPT_METHOD,
	OPT_NAME,
	OPT_OUTLIERS,
	OPT_OUTLIERS_REJECT,
	OPT_PHONE,
	OPT_SALT,
	OPT_SALT_FILE,
	OPT_SCHEMA,
	OPT_SELECT,
	OPT_WHERE
};

#define CLEAN_PREP_LONGOPTS \
	{ "amount",	required_argument, NULL, OPT_AMOUNT }, \
	{ "country",	required_argument, NULL, OPT_COUNTRY }, \
	{ "country-column", required_argument, NULL, OPT_COUNTRY_COLUMN }, \
	{ "date",	required_argument, NULL, OPT_DATECOLS }, \
	{ "date-format", required_argument, NULL, OPT_DATE_FORMAT }, \
	{ "decimal-comma", no_argument,	   NULL, OPT_DECIMAL_COMMA }, \
	{ "derive",	required_argument, NULL, OPT_DERIVE }, \
	{ "drop",	required_argument, NULL, OPT_DROP }, \
	{ "email",	required_argument, NULL, OPT_EMAIL }, \
	{ "email-canonical", no_argument,  NULL, OPT_EMAIL_CANONICAL }, \
	{ "email-lower-local", no_argument, NULL, OPT_EMAIL_LOWER_LOCAL }, \
	{ "excel-safe",	no_argument,	   NULL, OPT_EXCEL_SAFE }, \
	{ "fill",	required_argument, NULL, OPT_FILL }, \
	{ "filtered",	required_argument, NULL, OPT_FILTERED }, \
	{ "flag",	no_argument,	   NULL, OPT_FLAG }, \
	{ "hash",	required_argument, NULL, OPT_HASH }, \
	{ "k",		required_argument, NULL, OPT_K }, \
	{ "mask",	required_argument, NULL, OPT_MASK }, \
	{ "mask-keep",	required_argument, NULL, OPT_MASK_KEEP }, \
	{ "method",	required_argument, NULL, OPT_METHOD }, \
	{ "name",	required_argument, NULL, OPT_NAME }, \
	{ "outliers",	required_argument, NULL, OPT_OUTLIERS }, \
	{ "outliers-reject", no_argument,  NULL, OPT_OUTLIERS_REJECT }, \
	{ "phone",	required_argument, NULL, OPT_PHONE }, \
	{ "salt",	required_argument, NULL, OPT_SALT }, \
	{ "salt-file",	required_argument, NULL, OPT_SALT_FILE }, \
	{ "schema",	required_argument, NULL, OPT_SCHEMA }, \
	{ "select",	required_argument, NULL, OPT_SELECT }, \
	{ "where",	required_argument, NULL, OPT_WHERE }

/* Outlier rules of --method. */
enum outlier_method { OUT_IQR, OUT_ZSCORE, OUT_MAD };

/* One --fill COL=VALUE|mean|median|mode. */
enum fill_kind { FILL_VALUE, FILL_MEAN, FILL_MEDIAN, FILL_MODE };
struct fill {
	char		*col;		/* owned; the value follows its NUL */
	const char	*value;		/* FILL_VALUE: the text */
	enum fill_kind	 kind;
};

/* The options of the preparation (struct opts holds one). */
struct prep_opts {
	const char	*where;
	const char	*filtered;	/* --filtered FILE */
	const char	**derive;	/* NAME=EXPR, in order */
	size_t		 nderive;
	struct collist	 select;
	struct collist	 drop;
	struct collist	 email;
	struct collist	 phone;
	struct collist	 date;
	struct collist	 amount;
	struct collist	 name;
	struct collist	 outliers;
	struct collist	 hash;
	struct collist	 mask;
	struct fill	*fill;
	size_t		 nfill;
	const char	**datefmt;	/* --date-format, in order */
	size_t		 ndatefmt;
	const char	*country;	/* --country CC */
	const char	*country_col;
	const char	*schema;
	const char	*salt;
	size_t		 saltlen;
	char		*saltbuf;	/* --salt-file contents, owned */
	char		*spool;		/* stdin copied for two passes */
	double		 k;		/* --k; 0: the method's default */
	long long	 mask_keep;
	enum outlier_method method;
	int		 method_set;
	int		 email_lower_local;
	int		 email_canonical;
	int		 decimal_comma;
	int		 excel_safe;
	int		 flag;		/* --flag: an errors column */
	int		 outliers_reject;
};

/* prep.c: options */
void	 prep_opts_init(struct prep_opts *);
/* Handle option ch; 0 when it is not one of prep's.  Exits 2 on misuse. */
int	 prep_opt(struct prep_opts *, int ch, const char *arg);
/* Checks across options, after parsing (exit 2). */
void	 prep_opts_check(struct prep_opts *, int nfiles, char *const *files);
void	 prep_opts_free(struct prep_opts *);

/* prep.c: the run */
struct prep;
/*
 * Resolve the columns, compile the expressions, read the schema and (for
 * --fill statistics and --outliers) make the first pass over the files.
 * Marks the cells prep changes in cl->ops (OP_PREP).  Exits 2 on misuse.
 */
struct prep *prep_new(struct cleaner *, struct prep_opts *);
void	 prep_free(struct prep *);
/* Fill and normalise the row's cells (cl->val/len/chg); -1: rejected. */
int	 prep_cells(struct cleaner *, const struct csv_row *);
/*
 * After the --require and --match rules: schema, --where (0 when the row
 * is kept, 1 when it is filtered out, -1 rejected) and --derive.
 */
int	 prep_row(struct cleaner *, const struct csv_row *);
/* The slots (input columns, derived, flags) and this row's values. */
size_t	 prep_nslots(const struct prep *);
const char *const *prep_slots(const struct prep *, const size_t **len);
/* Write the output header / the current row with its derived columns. */
void	 prep_put_header(const struct prep *, struct csv_writer *);
void	 prep_put_row(struct cleaner *, struct csv_writer *,
	    const struct csv_row *);
/* The same for a row kept by --keep last (cells as stored). */
void	 prep_put_cells(struct cleaner *, struct csv_writer *,
	    const char *const *val, const size_t *len);
/* --keep last: clean_dedup_last_put with the row's slots. */
struct dedup;
int	 prep_dedup_last(struct prep *, struct dedup *,
	    const unsigned char *flags,
	    void (*dropped)(void *, const char *const *, const size_t *),
	    void *arg);
/* Close the --filtered file (exit 1 on a write error). */
void	 prep_finish(struct prep *);

/* expr.c: the expression language */
struct expr;
/*
 * Names the expression may read: slot i is named names[i].  With names
 * NULL any name is accepted: a syntax check before the header is read.
 */
struct expr_scope {
	const char	*const *names;
	size_t		 n;
	const char	*const *datefmt;	/* --date-format, in order */
	size_t		 ndatefmt;
};
/*
 * Parse src once (exit 2 with a caret under the character on a syntax
 * error or an unknown column; what names the option in the message).
 */
struct expr *expr_parse(const char *src, const struct expr_scope *,
	    const char *what);
void	 expr_free(struct expr *);
/*
 * Evaluate over the slots' values.  0: the result is in *p, *plen as text
 * (valid until the next evaluation of e), or -1 with the reason in
 * why[whylen] (a bad row).  expr_truth gives 1 or 0 for a condition.
 */
int	 expr_eval_text(struct expr *, const char *const *val,
	    const size_t *len, const char **p, size_t *plen, char *why,
	    size_t whylen);
int	 expr_truth(struct expr *, const char *const *val, const size_t *len,
	    int *truth, char *why, size_t whylen);

/* norm.c: one normaliser; out needs NORM_ROOM(len) bytes. */
#define NORM_ROOM(len)	(2 * (len) + 64)
struct norm_cfg {
	const struct prep_opts *po;
	const char	*const *fmts;	/* date formats with their time forms */
	size_t		 nfmts;
};
/*
 * Each returns the new length written to out, or -1 with the reason in
 * why (a static string or written into why[whylen]).
 */
long	 norm_email(const struct norm_cfg *, const char *p, size_t n,
	    char *out, char *why, size_t whylen);
long	 norm_phone(const struct norm_cfg *, const char *country,
	    const char *p, size_t n, char *out, char *why, size_t whylen);
long	 norm_date(const struct norm_cfg *, const char *p, size_t n,
	    char *out, char *why, size_t whylen);
long	 norm_amount(const struct norm_cfg *, const char *p, size_t n,
	    char *out, char *why, size_t whylen);
long	 norm_name(const char *p, size_t n, char *out);
/* True for a country code norm_phone knows (US, GB, ...). */
int	 norm_country_known(const char *cc, size_t len);
/* Build the date formats tried by norm_date (with trailing times). */
void	 norm_cfg_init(struct norm_cfg *, const struct prep_opts *);
void	 norm_cfg_free(struct norm_cfg *);

/* norm.c: statistics of --fill and --outliers over the first pass. */
struct colstats {
	double		*v;		/* the numbers of the column */
	size_t		 n;
	size_t		 cap;
	struct strmap	*modes;		/* FILL_MODE: counts per value */
	uint64_t	*counts;
	size_t		 ccap;
	size_t		 nonnum;	/* non-blank cells not numbers */
};
void	 stats_add(struct colstats *, const char *p, size_t n, int mode);
/*
 * The mean, median or mode in *out (numbers written in buf[40], a mode
 * borrowed from cs); -1 when there is no value.
 */
int	 stats_fill(struct colstats *, enum fill_kind, char *buf,
	    const char **out, size_t *outlen);
/* The bounds outside which a value is an outlier; -1 without values. */
int	 stats_bounds(struct colstats *, enum outlier_method, double k,
	    double *lo, double *hi);
void	 stats_free(struct colstats *);

/* schema.c */
struct schema;
struct schema *schema_load(const char *path, const struct csv_reader *,
	    const struct norm_cfg *);
void	 schema_free(struct schema *);
/*
 * Check the row's cells (after the normalisers).  Each violation is
 * passed to fn(arg, col, reason); returns the number of violations.
 */
size_t	 schema_check(struct schema *, const char *const *val,
	    const size_t *len, void (*fn)(void *, size_t, const char *),
	    void *arg);

/* pii.c */
/* Hex SHA-256 of salt + value into out[64]. */
void	 pii_hash(const char *salt, size_t saltlen, const char *p, size_t n,
	    char *out);
/* Mask all but the last keep characters with '*'; out >= n bytes. */
size_t	 pii_mask(const char *p, size_t n, size_t keep, char *out);
/* 1 when a cell would run as a spreadsheet formula. */
int	 pii_excel_risky(const char *p, size_t n);
/* Read --salt-file: its bytes, one final newline removed. */
char	*pii_read_salt(const char *path, size_t *len);

#endif
