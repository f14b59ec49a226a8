/*
 * opt.h: the options every program shares, option-argument parsing and
 * column lists.  These helpers exit 2 on a usage error, like usage().
 */
#ifndef CRM_OPT_H
#define CRM_OPT_H

#include <stddef.h>
#include <stdint.h>

struct csv_reader;
struct csv_writer;
struct option;

/*
 * The column roles of DESIGN's one vocabulary: each has a flag of its
 * name (--customer, --date, ...) and the same default column in every
 * program (customer_id, date, amount, order_id, item, text, label,
 * score).  A program lists only the role flags it uses.
 */
enum crm_role {
	ROLE_CUSTOMER, ROLE_DATE, ROLE_AMOUNT, ROLE_ORDER, ROLE_ITEM,
	ROLE_TEXT, ROLE_LABEL, ROLE_SCORE, ROLE_COUNT
};

/* The flag name of a role ("customer") and its default column. */
const char	*crm_role_flag(enum crm_role);
const char	*crm_role_default(enum crm_role);

/* Long-only option codes shared by all programs (above any char). */
enum {
	OPT_REJECT = 1000,
	OPT_SKIP_BAD,
	OPT_SEED,
	OPT_THREADS,
	OPT_GZIP,
	OPT_DATE_FORMAT,
	OPT_WS,
	OPT_ROLE,			/* OPT_ROLE + enum crm_role */
	OPT_COMMON_LAST = OPT_ROLE + ROLE_COUNT
};

/*
 * Entries for struct option tables: place inside the array.  Every
 * program takes CRM_COMMON_LONGOPTS; the others only where they mean
 * something (a program that draws no random numbers takes no --seed).
 */
#define CRM_COMMON_LONGOPTS \
	{ "delimiter",	required_argument, NULL, 'd' }, \
	{ "gzip",	no_argument,	   NULL, OPT_GZIP }, \
	{ "help",	no_argument,	   NULL, 'h' }, \
	{ "output",	required_argument, NULL, 'o' }, \
	{ "quiet",	no_argument,	   NULL, 'q' }, \
	{ "reject",	required_argument, NULL, OPT_REJECT }, \
	{ "skip-bad",	no_argument,	   NULL, OPT_SKIP_BAD }, \
	{ "tab",	no_argument,	   NULL, 't' }, \
	{ "version",	no_argument,	   NULL, 'V' }, \
	{ "ws",		no_argument,	   NULL, OPT_WS }
#define CRM_OPT_SEED	{ "seed", required_argument, NULL, OPT_SEED }
#define CRM_OPT_THREADS	{ "threads", required_argument, NULL, OPT_THREADS }
#define CRM_OPT_DATE_FORMAT \
	{ "date-format", required_argument, NULL, OPT_DATE_FORMAT }
#define CRM_OPT_ROLE(name, role) \
	{ name, required_argument, NULL, OPT_ROLE + (role) }
#define CRM_OPT_CUSTOMER CRM_OPT_ROLE("customer", ROLE_CUSTOMER)
#define CRM_OPT_DATE	CRM_OPT_ROLE("date", ROLE_DATE)
#define CRM_OPT_AMOUNT	CRM_OPT_ROLE("amount", ROLE_AMOUNT)
#define CRM_OPT_ORDER	CRM_OPT_ROLE("order", ROLE_ORDER)
#define CRM_OPT_ITEM	CRM_OPT_ROLE("item", ROLE_ITEM)
#define CRM_OPT_TEXT	CRM_OPT_ROLE("text", ROLE_TEXT)
#define CRM_OPT_LABEL	CRM_OPT_ROLE("label", ROLE_LABEL)
#define CRM_OPT_SCORE	CRM_OPT_ROLE("score", ROLE_SCORE)
/* Short letters of the common options, for getopt_long's optstring. */
#define CRM_COMMON_SHORTOPTS "d:ho:qtV"

struct crm_common {
	int		 delim;		/* input delimiter; CSV_WS: --ws */
	const char	*output;	/* NULL: stdout */
	const char	*reject;	/* NULL: none */
	int		 skip_bad;
	int		 gzip;
	uint64_t	 seed;
	int		 threads;	/* 0: all cores */
	int		 quiet;
	const char	*datefmt;	/* --date-format, NULL: ISO 8601 */
	const char	*role[ROLE_COUNT];	/* column of each role */
	unsigned	 role_set;	/* bit r: --role given on the line */
};

/* Defaults: ',' , stdout, seed 42, all cores, the roles' columns. */
void	 crm_common_init(struct crm_common *);
/*
 * Handle one getopt_long result.  Returns 1 if ch was a common option
 * (consumed), 0 otherwise.  -h and -V are not handled here (the program
 * prints its own usage/version).  Bad arguments exit 2.
 */
int	 crm_common_opt(struct crm_common *, int ch, const char *arg);
/*
 * getopt_long(3) with crmkit's messages: an unknown option or a missing
 * argument prints "prog: unknown option '--x'" or "prog: option '-o'
 * needs an argument" and returns '?', upon which the program prints its
 * usage and exits 2.  shortopts must not start with ':'.
 */
int	 crm_getopt(int argc, char *const argv[], const char *shortopts,
	    const struct option *longopts);
/* Number of threads to use: the option, or the online cores. */
int	 crm_nthreads(const struct crm_common *);
/* True when progress may be shown (stderr a tty, not quiet). */
int	 crm_show_progress(const struct crm_common *);
/* Print "prog (crmkit) VERSION" to stdout. */
void	 crm_version(void);
/*
 * The usage template every program follows: crm_usage prints the
 * synopsis (identical to the man page's SYNOPSIS) to stderr and exits 2;
 * crm_help prints the synopsis, then the help text (every option and an
 * example) to stdout and exits 0.
 */
void	 crm_usage(const char *synopsis) __attribute__((noreturn));
void	 crm_help(const char *synopsis, const char *help)
	    __attribute__((noreturn));
/* The same for a help text in parts (NULL-terminated), when one string
 * would pass the 4095 characters C compilers must support. */
void	 crm_help_parts(const char *synopsis, const char *const *parts)
	    __attribute__((noreturn));
/*
 * The first word of a program with subcommands (argv[1]): absent is a
 * usage error, -h/--help prints the help (in parts, as above),
 * -V/--version the version, and anything else must be one of the
 * NULL-terminated names (exit 2 otherwise); returns its index.
 */
int	 crm_subcommand(int argc, char *const argv[], const char *synopsis,
	    const char *const *help_parts, const char *const *names);

/*
 * Option-argument parsers: exit 2 with "prog: what: reason ('arg')"
 * on failure.
 */
long long	 opt_int(const char *arg, long long min, long long max,
		    const char *what);
double		 opt_double(const char *arg, double min, double max,
		    const char *what);
/* An ISO date (YYYY-MM-DD) as days since 1970-01-01 (--asof). */
long long	 opt_day(const char *arg, const char *what);
/* One of the NULL-terminated names; returns its index. */
int		 opt_enum(const char *arg, const char *const *names,
		    const char *what);
/* Delimiter argument: one byte, or "\t", "tab". */
int		 opt_delim(const char *arg);

/*
 * A list of column names: "a,b\,c" gives a and b,c.  Lists accumulate
 * over repeated flags.
 */
struct collist {
	char	**names;
	size_t	  n;
	size_t	  cap;
	long	 *idx;		/* resolved indices, after collist_resolve */
};

void	 collist_add(struct collist *, const char *arg);
void	 collist_free(struct collist *);
/*
 * Resolve every name against the reader's header; exits 2 with
 * "no column 'x' (have: a,b,c)" or "column 'x' is ambiguous" when a
 * name cannot be resolved.
 */
void	 collist_resolve(struct collist *, const struct csv_reader *);
/*
 * Resolve one column name to its index; exit 2 as collist_resolve does
 * when it is missing or ambiguous.
 */
size_t	 col_require(const struct csv_reader *, const char *name);
/* Like col_require but returns -1 when absent (ambiguity still exits). */
long	 col_optional(const struct csv_reader *, const char *name);

/*
 * Exit 2 unless the new column names (NULL-terminated), each prefixed
 * with prefix (may be NULL), are absent from the input header.
 */
void	 col_check_new(const struct csv_reader *, const char *prefix,
	    const char *const *names);

/*
 * Open the output named by the common options (stdout, -o FILE, --gzip)
 * or exit 1 with a message.  The file is removed if the program exits
 * through crm_err* before crm_close_output.
 */
struct csv_writer *crm_open_output(const struct crm_common *);
/* The same for another output file (a side file such as --duplicates). */
struct csv_writer *crm_open_file(const char *path, int gzip);
/* Close the writer; exit 1 with a message on a write error. */
void	 crm_close_output(struct csv_writer *);

#endif
