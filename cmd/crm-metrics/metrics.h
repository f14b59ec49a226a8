/*
 * metrics.h: what the files of crm-metrics share: the options, the input
 * with its resolved columns and bad-row handling, exact sums, and the
 * model fitters.  Not a library header: only cmd/crm-metrics includes it.
 */
#ifndef CRM_METRICS_H
#define CRM_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "fixsum.h"
#include "input.h"
#include "opt.h"

struct csv_reader;
struct csv_row;
struct csv_writer;
struct model;
struct strmap;

enum metrics_cmd {
	CMD_RFM, CMD_SUMMARY, CMD_CLV, CMD_RETENTION, CMD_CHURN, CMD_NPS,
	CMD_CSAT, CMD_CES, CMD_ENGAGEMENT, CMD_MERGE
};

struct opts {
	struct crm_common com;
	enum metrics_cmd cmd;
	struct collist	 by;		/* --by columns */
	enum period	 period;
	int		 has_period;
	int64_t		 asof;		/* a day */
	int		 has_asof;
	int		 repeat, lifetimes, summary_in;
	int		 freq;		/* 'D' or 'W' */
	double		 freq_mult;
	double		 margin, discount, retention;
	int		 has_retention;
	int		 bgnbd, gammagamma, params;
	double		 horizon;	/* <0: default */
	double		 penalizer;
	const char	*save, *use;
	int		 pct, longfmt;
	int		 window, satisfied;
	int		 scale_lo, scale_hi;	/* survey scores */
	int		 digits;	/* --digits, -1: shortest round-trip */
	int		 partial, merging;
	int		 returns;	/* RETURNS_NET, _DROP, _KEEP */
	char *const	*files;
	size_t		 nfiles;
};

/* Input: a reader with the columns a subcommand needs. */
#define NEED_CUST	0x01
#define NEED_DATE	0x02
#define NEED_AMOUNT	0x04
#define NEED_SCORE	0x08
#define WANT_AMOUNT	0x10	/* amount if present (or asked for) */
#define WANT_CUST	0x20
#define WANT_ORDER	0x40	/* order if present (or asked for) */

/* The input (input.h) and the columns of the roles a subcommand reads. */
struct src {
	const struct opts	*o;
	struct crm_input	*in;
	long			 c_cust, c_date, c_amount, c_score;
	long			 c_order;
	long			*c_by;		/* the --by columns */
	char			*gkey;		/* scratch of metrics_group */
	size_t			 gcap;
};

int	 metrics_open(struct src *, const struct opts *, int need);
void	 metrics_need(struct src *, int need);
int	 metrics_uses_order(const struct opts *);
int	 metrics_counts_orders(const struct opts *);
void	 metrics_close(struct src *);
/*
 * The group of a row: the values of the --by columns joined by NUL bytes
 * (which no field holds), so that keys sort as the tuples of values;
 * "" without --by.  Valid until the next call.
 */
const char *metrics_group(struct src *, const struct csv_row *, size_t *len);
/* The --by column names as header fields, and a group key's values. */
void	 metrics_put_by_header(struct csv_writer *, const struct opts *);
void	 metrics_put_group(struct csv_writer *, const struct opts *,
	    const char *key, size_t len);

/*
 * One (customer, group, day, order) record of the transaction log.
 * Without an order column every record has order ORDER_NONE and each of
 * its rows is a purchase; with one, a purchase is a distinct (customer,
 * order) pair, whatever the days and groups of its lines.
 */
#define ORDER_NONE	UINT32_MAX

/*
 * The sign of a record's amount (rows of each sign are kept apart, so
 * that a return never hides in a purchase's record), and --returns.
 */
enum { REC_BUY, REC_ZERO, REC_RET };
enum { RETURNS_NET, RETURNS_DROP, RETURNS_KEEP };

struct rec {
	uint32_t	 cust;
	uint32_t	 group;
	int32_t		 day;
	uint32_t	 n;		/* rows folded into this record */
	uint32_t	 order;		/* id in orders, or ORDER_NONE */
	uint8_t		 cls;		/* REC_BUY, REC_ZERO, REC_RET */
	uint8_t		 buy;		/* a purchase (metrics_txlog_mark) */
	struct fixsum	 amount;
};

/* The class of an amount: positive, zero (below 2^-64 too), negative. */
int	 metrics_rec_class(const struct fixsum *);

/* Transactions read into records, and customer/group/order names. */
struct txlog {
	struct strmap	*custs;
	struct strmap	*groups;
	struct strmap	*orders;
	struct rec	*v;
	size_t		 n, cap;
	int		 has_amount;
	int64_t		 minday, maxday;
};

void	 metrics_txlog_init(struct txlog *);
void	 metrics_txlog_free(struct txlog *);
void	 metrics_txlog_add(struct txlog *, const struct rec *);
/*
 * The purchases of one customer's records [i, j) on days up to maxday:
 * of the records marked buy, rows without an order one each, distinct
 * orders once.  *buf (of
 * capacity *cap) is scratch space, grown as needed; the caller frees it.
 */
uint64_t metrics_txlog_purchases(const struct txlog *, size_t i, size_t j,
	    int64_t maxday, uint32_t **buf, size_t *cap);
/*
 * The value of an exact sum of the amounts of customer id[0..len) (id
 * NULL: of a group); exit 1 when it overflowed, never a wrong figure.
 */
double	 metrics_sum(const struct fixsum *, const char *id, size_t len);
/* Sort by customer, group, day, order and class; fold equal keys. */
void	 metrics_txlog_sort(struct txlog *);
/*
 * Mark the purchases of the sorted log (rec.buy): with --returns keep
 * every record; otherwise every record but returns (negative amounts),
 * except the lines of a cancelled order: one with a return line whose
 * net (the customer's lines of that order up to --asof) is not above 0.
 */
void	 metrics_txlog_mark(struct txlog *, const struct opts *);
/* Read a whole transaction input (or partial states) into the log. */
int	 metrics_txlog_read(struct txlog *, const struct opts *, int need);
void	 metrics_txlog_read_src(struct txlog *, struct src *);
int	 metrics_partial_read(struct txlog *, const struct opts *);
struct csv_reader *metrics_partial_open(const struct opts *,
	    const char *const *cols,
	    size_t n, const char *what);
int	 metrics_partial_next(struct csv_reader *, const struct csv_row **);
long long metrics_partial_int(struct csv_reader *, const struct csv_row *,
	    size_t i,
	    const char *col, long long min, long long max);
void	 metrics_partial_write(const struct txlog *, const struct opts *,
	    struct csv_writer *);

/*
 * The distinct (customer, order) pairs of a stream (orderset.c): add
 * them, duplicates and all, then count each customer's.  Memory is
 * about twice that of the distinct pairs.
 */
struct orderset;

struct orderset	*metrics_oset_new(void);
void		 metrics_oset_free(struct orderset *);
/* A line of (customer, order p[0..len)) of amount v on day. */
void		 metrics_oset_add(struct orderset *, uint32_t cust,
		    const char *p, size_t len, int32_t day, double v);
/* Another line of the pair added last. */
void		 metrics_oset_more(struct orderset *, int32_t day, double v);
/*
 * cnt[c]: the distinct orders of customer c; with cancel, only those
 * not cancelled (a return line, a net not above 0), with the first and
 * last days of their lines but returns in first[c] and last[c].
 */
void		 metrics_oset_count(struct orderset *, uint64_t *cnt,
		    size_t ncust, int cancel, int32_t *first, int32_t *last);

/* The lifetimes-style per-customer summary. */
struct ltsum {
	size_t		 n;
	double		*x, *tx, *T, *m;
	uint32_t	*cust;		/* index into the customer names */
	int		 has_m;
};

void	 metrics_ltsum_free(struct ltsum *);
void	 metrics_ltsum_from_log(struct ltsum *, const struct txlog *,
	    const struct opts *);
void	 metrics_ltsum_read(struct ltsum *, struct strmap *, struct src *);

/* Fitted models. */
struct bgnbd {
	double	 r, alpha, a, b, ll;
	int	 iter;
};

struct gammagamma {
	double	 p, q, v, ll;
	size_t	 n;
	int	 iter;
};

/* The fitted (or loaded) models and the time units they were fitted in. */
struct fits {
	struct bgnbd		 bg;
	struct gammagamma	 gg;
	int			 has_gg;
	int			 freq;		/* 'D' or 'W' */
	double			 freq_mult;
};

/* Limits of input values (and so of what a state file may hold). */
#define METRICS_MAX_AMOUNT	1e15	/* |amount| of one row below this */
#define METRICS_MIN_FREQMULT	1e-9
#define METRICS_MAX_FREQMULT	1e9
#define METRICS_MAX_MONTHS	1200	/* the CLV horizon: 100 years */

/*
 * state.c: the values of partial state rows and model files, checked
 * without printing or exiting.  Each returns 0, or -1 with the column
 * (or parameter) and what is wrong.
 */
struct state_tx {
	int64_t		 day;
	uint32_t	 rows;
	int		 has_amount;
	struct fixsum	 amount;
};

struct state_sv {
	int64_t		 period;
	int		 score;
	uint64_t	 count;
};

int	 metrics_state_tx(const struct csv_row *, struct state_tx *,
	    const char **col, const char **why);
/* A "span" row of a survey state: its first and last days. */
int	 metrics_state_span(const struct csv_row *, int64_t *first,
	    int64_t *last, const char **col, const char **why);
int	 metrics_state_survey(const struct csv_row *, int lo, int hi,
	    int has_period, enum period, struct state_sv *, const char **col,
	    const char **why);
/* Fold r's rows and amount into e: 0, or -1 when the rows would wrap. */
int	 metrics_rec_fold(struct rec *e, const struct rec *r);
/* The fits of a loaded model, every parameter in its domain. */
int	 metrics_fits_read(const struct model *, struct fits *, char *err,
	    size_t errlen);
/*
 * CLV over the horizon h (in units of u, the length of a month) as
 * lifetimes' customer_lifetime_value: the expected purchases of month i
 * times spend, discounted by (1+d)^i.  NaN when h/u is over
 * METRICS_MAX_MONTHS (callers check that first).
 */
double	 metrics_bgnbd_clv(const struct bgnbd *, double spend, double x,
	    double tx, double T, double u, double h, double d);

int	 metrics_bgnbd_fit(const struct ltsum *, double penalizer,
	    struct bgnbd *,
	    char *err, size_t errlen);
double	 metrics_bgnbd_expected(const struct bgnbd *, double t, double x,
	    double tx,
	    double T);
double	 metrics_bgnbd_palive(const struct bgnbd *, double x, double tx,
	    double T);
double	 metrics_bgnbd_loglik(const struct bgnbd *, const struct ltsum *);
int	 metrics_gg_fit(const struct ltsum *, double penalizer,
	    struct gammagamma *,
	    char *err, size_t errlen);
double	 metrics_gg_expected_spend(const struct gammagamma *, double x,
	    double m);

/* The fits use ml/optim.h from OPT_MAXITER iterations. */
#define OPT_MAXITER	2000

/* Subcommands. */
int	 metrics_rfm(const struct opts *);
int	 metrics_summary(const struct opts *);
int	 metrics_clv(const struct opts *);
int	 metrics_retention(const struct opts *);
int	 metrics_churn(const struct opts *);
int	 metrics_survey(const struct opts *);
int	 metrics_engagement(const struct opts *);
int	 metrics_partial(const struct opts *);
void	 metrics_group_table(const struct opts *, const struct txlog *,
	    int money);

/* Sorting groups by (by value bytewise, period). */
struct gkey {
	const char	*key;
	size_t		 len;
	int64_t		 period;
	size_t		 idx;
};

int	 metrics_gkey_cmp(const void *, const void *);

/*
 * Whether period idx is only partly covered by the data of l (up to
 * --asof if given), or by the days first..last.
 */
int	 metrics_partial_period(const struct opts *, const struct txlog *,
	    int64_t idx);
int	 metrics_partial_span(const struct opts *, int64_t first,
	    int64_t last, int64_t idx);

/* Helpers of output. */
void	 metrics_put_day(struct csv_writer *, int64_t day);
void	 metrics_put_ratio(struct csv_writer *, const struct opts *,
	    double num, double den);
/*
 * A figure: integers plainly; others in the shortest round-trip form,
 * or with --digits N rounded to N decimals (half to even on the exact
 * binary value, as printf rounds).
 */
void	 metrics_put_num(struct csv_writer *, const struct opts *, double);

#endif
