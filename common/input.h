/*
 * input.h: the typed input every program reads through (tool runtime).
 *
 * It opens the inputs with the common options, reads the header, finds
 * each column once by name (the roles of opt.h, or any name), hands out
 * records with the bad-row policy applied to the reader's errors, and
 * parses fields (numbers, integers, days, periods, keys) applying the
 * same policy to a bad value, with the one message form
 *
 *	prog: FILE:LINE: column 'x': what ('value')
 *
 * Policy: without --skip-bad or --reject the first bad row stops the
 * program (exit 1); with either it is counted and, with --reject FILE,
 * written there.  The reject file is a rectangular CSV: the input's
 * columns, then reason, source (FILE:LINE) and raw.  A row that was
 * split into the header's columns keeps its fields and an empty raw; a
 * row that was not (ragged, bad quoting, a NUL byte) has empty fields
 * and its exact text in raw.  Rows in = rows used + rows rejected.
 * When the input has a column named reason, source or raw already, the
 * reject file's own takes the first free suffix: reason_1, reason_2, ...
 *
 * Like err.c and opt.c, this layer prints (through err.h) and exits;
 * the core (csv.h, num.h, date.h, ...) only returns errors.
 */
#ifndef CRM_INPUT_H
#define CRM_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "opt.h"

struct crm_input;
struct csv_reader;
struct csv_row;

/*
 * Open files[0..nfiles-1] (none, or "-": stdin) as one stream, read the
 * header and open the reject file if asked.  Returns NULL when the input
 * is completely empty: the program then writes nothing and exits 0 (a
 * reject file asked for is created empty, as -o FILE is).  An
 * unreadable file or header exits 1; a reject file that cannot be
 * created exits 1.
 */
struct crm_input *input_open(const struct crm_common *, char *const *files,
	    size_t nfiles);
/*
 * Close the reject file (exit 1 on a write error), say on stderr how
 * many bad rows were skipped or rejected (unless --quiet), and free.
 */
void		 input_close(struct crm_input *);
/* The reader, for the header and the position (csv.h). */
struct csv_reader *input_reader(const struct crm_input *);

/* How input_role treats a column that is absent from the header. */
enum input_need {
	INPUT_NEED,		/* exit 2: "no column 'x' (have: ...)" */
	INPUT_WANT		/* -1, unless its flag was given: then exit 2 */
};

/* The index of a role's column (opt.h), or -1 (INPUT_WANT). */
long		 input_role(struct crm_input *, enum crm_role, enum input_need);
/* The same for a column named on the command line. */
long		 input_col(struct crm_input *, const char *name,
		    enum input_need);

/*
 * The next good record in *row (borrowed until the next call): 1, or 0
 * at the end.  Ragged and unparsable records go through the policy;
 * fatal reader errors (I/O, gzip, limits) exit 1.
 */
int		 input_next(struct crm_input *, const struct csv_row **row);

/*
 * Typed fields.  Each returns 0 with the value, or -1 after applying
 * the policy to the row (the caller then drops it): the reason is
 * "column 'x': what ('value')".
 */
int		 input_num(struct crm_input *, const struct csv_row *, long col,
		    double *);
int		 input_int(struct crm_input *, const struct csv_row *, long col,
		    long long min, long long max, long long *);
/* A date (ISO 8601, or --date-format) as a day number. */
int		 input_day(struct crm_input *, const struct csv_row *, long col,
		    int64_t *day);
/* The index of the period (date.h) holding the date of col. */
int		 input_period(struct crm_input *, const struct csv_row *,
		    long col, enum period, int64_t *idx);
/* A key (a customer or order id): any text but blank. */
int		 input_key(struct crm_input *, const struct csv_row *, long col,
		    const char **p, size_t *len);
/* Any text; col -1 (an absent optional column) gives "". */
const char	*input_str(const struct csv_row *, long col, size_t *len);

/*
 * Apply the policy to a row for a reason of the caller's: input_bad for
 * the value of one column ("column 'x': why ('value')"), input_reject
 * for the whole row (the reason as given).  Both return -1.
 */
int		 input_bad(struct crm_input *, const struct csv_row *, long col,
		    const char *why);
int		 input_reject(struct crm_input *, const struct csv_row *,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * strmap_intern (hash.h) for a key read from the input: a full map is a
 * resource limit, "too many distinct WHAT (over 4 GB of keys)", exit 1.
 */
struct strmap;
size_t		 input_intern(struct strmap *, const char *key, size_t len,
		    int *isnew, const char *what);

/* Counts so far. */
struct input_counts {
	unsigned long long records;	/* every record read, good or bad */
	unsigned long long ragged;	/* of them: not the header's width */
	unsigned long long syntax;	/* bad quoting or a NUL byte */
	unsigned long long bad;		/* every row the policy took */
};

void		 input_counts(const struct crm_input *, struct input_counts *);

#endif
