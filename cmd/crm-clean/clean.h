/*
 * clean.h: the parts of crm-clean shared between its files: the options,
 * the per-stream state, the counts of the report, and the prototypes of
 * rules.c (cell transformations and validation), dedup.c (exact
 * de-duplication) and report.c (the summary).
 */
#ifndef CRM_CLEAN_H
#define CRM_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"
#include "prep.h"

struct csv_reader;
struct csv_row;
struct csv_writer;
struct crm_input;
struct rx;

/* What to do to a column's cells, in this order. */
#define OP_TRIM		1
#define OP_LOWER	2
#define OP_UPPER	4
#define OP_PREP		8	/* filled or normalised (prep.c) */

/* One --match COL=REGEX. */
struct match {
	char		*col;		/* owned copy of COL */
	const char	*pattern;	/* points into col */
	struct rx	*rx;
	size_t		 idx;		/* resolved column */
};

/* The command line. */
struct opts {
	struct crm_common com;
	struct collist	 trim;
	struct collist	 lower;
	struct collist	 upper;
	struct collist	 require;
	struct collist	 dedup;
	struct match	*match;
	size_t		 nmatch;
	int		 trim_all;	/* --trim without a list */
	int		 keep_last;	/* --keep last */
	int		 keep_set;	/* --keep given */
	int		 verbose;
	const char	*report;
	const char	*duplicates;	/* --duplicates FILE */
	struct prep_opts prep;		/* prep.h: --where, --derive, ... */
	char *const	*files;
	size_t		 nfiles;
};

/*
 * The counts behind the report.  rows in = out + rejected + duplicates
 * + filtered, where rejected = syntax + ragged + expr + the per-column
 * required, nomatch, invalid and outlier counts.  Per-column arrays
 * have ncols entries.
 */
struct tally {
	uint64_t	 in;
	uint64_t	 out;
	uint64_t	 dup;
	uint64_t	 syntax;
	uint64_t	 ragged;
	uint64_t	*required;
	uint64_t	*nomatch;
	uint64_t	*changed;
	uint64_t	 filtered;	/* --where false */
	uint64_t	 expr;		/* --where/--derive could not evaluate */
	uint64_t	 flagged;	/* --flag: rows with errors */
	uint64_t	 escaped;	/* --excel-safe: cells prefixed */
	uint64_t	*invalid;	/* a normaliser or the schema refused */
	uint64_t	*outlier;	/* --outliers-reject */
	uint64_t	*outliers;	/* --outliers: flagged, written */
	uint64_t	*filled;	/* --fill, written */
	uint64_t	*hashed;
	uint64_t	*masked;
	size_t		 ncols;
};

/* The state of one run over the input. */
struct cleaner {
	const struct opts *o;
	struct crm_input *in;		/* NULL on empty input */
	struct csv_reader *r;		/* in's reader */
	struct csv_writer *out;
	size_t		 ncols;
	unsigned char	*ops;		/* per column: OP_* */
	size_t		*tcols;		/* columns with ops, in header order */
	size_t		 ntcols;
	const char	**val;		/* per column: this row's value */
	size_t		*len;
	unsigned char	*chg;		/* per column: changed in this row */
	int		 changed;	/* some cell of this row changed */
	char		*scratch;	/* transformed cells live here */
	size_t		 scap;
	char		*why;		/* reason of the last rejection */
	size_t		 whycap;
	struct dedup	*dd;		/* NULL without --dedup */
	struct csv_writer *dupw;	/* --duplicates: dropped rows */
	struct prep	*prep;		/* NULL without prep options */
	struct tally	 t;
};

/* rules.c */
void	 clean_rules_transform(struct cleaner *, const struct csv_row *);
const char *clean_rules_value(const struct cleaner *, const struct csv_row *,
	    size_t col, size_t *len);
int	 clean_rules_check(struct cleaner *, const struct csv_row *);
void	 clean_rules_why(struct cleaner *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 clean_quote_len(const char *v, size_t n);

/* dedup.c */
struct dedup;
struct dedup *clean_dedup_new(int keep_last, size_t ncols);
void	 clean_dedup_free(struct dedup *);
void	 clean_dedup_key_reset(struct dedup *);
void	 clean_dedup_key_add(struct dedup *, const char *p, size_t len);
int	 clean_dedup_first(struct dedup *);
int	 clean_dedup_last_put(struct dedup *, const char *const *val,
	    const size_t *len, const unsigned char *flags,
	    void (*dropped)(void *, const char *const *, const size_t *),
	    void *arg);
void	 clean_dedup_last_flush(struct dedup *,
	    void (*)(void *, const char *const *, const size_t *,
	    const unsigned char *), void *);

/* report.c */
void	 clean_tally_init(struct tally *, size_t ncols);
void	 clean_tally_free(struct tally *);
uint64_t clean_tally_rejected(const struct tally *);
void	 clean_report_write(const struct tally *, const struct csv_reader *,
	    const char *path);
void	 clean_report_verbose(const struct tally *, const struct csv_reader *);

#endif
