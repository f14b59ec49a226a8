/*
 * crm-metrics: the figures a CRM team reports, from transactions
 * (RFM, summary, CLV, retention, churn), surveys (NPS, CSAT, CES) and
 * interactions (engagement); mergeable partial states for sharded runs.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "opt.h"

#include "metrics.h"

enum {
	OPT_ALGO = OPT_COMMON_LAST, OPT_ASOF, OPT_BY, OPT_DISCOUNT, OPT_FREQ,
	OPT_FREQMULT, OPT_HORIZON, OPT_LIFETIMES, OPT_LONG, OPT_MARGIN,
	OPT_PARAMS, OPT_PARTIAL, OPT_PCT, OPT_PENALIZER, OPT_PERIOD,
	OPT_REPEAT, OPT_RETENTION, OPT_SATISFIED, OPT_SPEND, OPT_SUMMARY,
	OPT_USE, OPT_WINDOW
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CRM_OPT_AMOUNT,
	CRM_OPT_CUSTOMER,
	CRM_OPT_DATE,
	CRM_OPT_DATE_FORMAT,
	CRM_OPT_ORDER,
	CRM_OPT_SCORE,
	{ "algo",	required_argument, NULL, OPT_ALGO },
	{ "asof",	required_argument, NULL, OPT_ASOF },
	{ "by",		required_argument, NULL, OPT_BY },
	{ "discount",	required_argument, NULL, OPT_DISCOUNT },
	{ "freq",	required_argument, NULL, OPT_FREQ },
	{ "freq-multiplier", required_argument, NULL, OPT_FREQMULT },
	{ "horizon",	required_argument, NULL, OPT_HORIZON },
	{ "lifetimes",	no_argument,	   NULL, OPT_LIFETIMES },
	{ "long",	no_argument,	   NULL, OPT_LONG },
	{ "margin",	required_argument, NULL, OPT_MARGIN },
	{ "model",	required_argument, NULL, 'm' },
	{ "params",	no_argument,	   NULL, OPT_PARAMS },
	{ "partial",	no_argument,	   NULL, OPT_PARTIAL },
	{ "pct",	no_argument,	   NULL, OPT_PCT },
	{ "penalizer",	required_argument, NULL, OPT_PENALIZER },
	{ "period",	required_argument, NULL, OPT_PERIOD },
	{ "repeat",	no_argument,	   NULL, OPT_REPEAT },
	{ "retention",	required_argument, NULL, OPT_RETENTION },
	{ "satisfied",	required_argument, NULL, OPT_SATISFIED },
	{ "spend",	required_argument, NULL, OPT_SPEND },
	{ "summary",	no_argument,	   NULL, OPT_SUMMARY },
	{ "use",	required_argument, NULL, OPT_USE },
	{ "window",	required_argument, NULL, OPT_WINDOW },
	{ NULL, 0, NULL, 0 }
};

static const char *const cmd_names[] = { "rfm", "summary", "clv",
	"retention", "churn", "nps", "csat", "ces", "engagement", "merge",
	NULL };
static const char *const freq_names[] = { "D", "W", NULL };
static const char *const algo_names[] = { "bgnbd", NULL };
static const char *const spend_names[] = { "gammagamma", NULL };

static const char synopsis[] =
"usage: crm-metrics rfm | summary | clv | retention | churn | nps | csat |\n"
"           ces | engagement [options] [file ...]\n"
"       crm-metrics merge subcommand [options] [state ...]\n"
"       crm-metrics -h | -V\n";

static const char help[] =
"\n"
"columns:  --customer COL (customer_id)  --date COL (date)\n"
"          --amount COL (amount)  --order COL (order_id)\n"
"          --score COL (score)  --by COL  --date-format FMT\n"
"purchases (rfm, summary): the lines of one order (same customer and\n"
"          --order value) are one purchase; without that column (and\n"
"          no --order) each row is one\n"
"rfm:      --asof DATE  --repeat  --lifetimes  --freq D|W\n"
"          --freq-multiplier N\n"
"summary:  --by COL  --period day|week|month|quarter|year\n"
"clv:      --margin M  --discount D  --retention R  --period P\n"
"          --algo bgnbd  --spend gammagamma  --horizon H  --penalizer C\n"
"          --summary  --params  -m, --model FILE (save the fit)\n"
"          --use FILE (load a fit instead of fitting)\n"
"retention: --period P  --pct  --long      churn: --period P  --window N\n"
"nps, csat, ces: --by COL  --period P  --satisfied N (csat)\n"
"engagement: --period P\n"
"common:   --partial  -d, --delimiter C  -t, --tab  -o, --output FILE\n"
"          --gzip  --reject FILE  --skip-bad  -q, --quiet\n"
"          -h, --help  -V, --version\n"
"\n"
"example:\n"
"  crm-metrics rfm samples/transactions.csv\n";

static void
opts_init(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	crm_common_init(&o->com);
	o->freq = 'D';
	o->freq_mult = 1;
	o->margin = 1;
	o->discount = 0.01;
	o->horizon = -1;
	o->window = 1;
	o->satisfied = 4;
	o->period = PERIOD_MONTH;
}

static int64_t
parse_day(const char *arg)
{
	int64_t secs;
	const char *why = NULL;

	if (date_parse_iso(arg, strlen(arg), &secs, &why) != 0)
		crm_errx(2, "--asof: %s ('%s')", why ? why : "not a date", arg);
	return date_days(secs);
}

/* Options of the model and of the numbers. */
static int
model_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_DISCOUNT:
		o->discount = opt_double(arg, 0, 100, "--discount");
		break;
	case OPT_FREQ:
		o->freq = freq_names[opt_enum(arg, freq_names, "--freq")][0];
		break;
	case OPT_FREQMULT:
		o->freq_mult = opt_double(arg, 1e-9, 1e9, "--freq-multiplier");
		break;
	case OPT_HORIZON:
		o->horizon = opt_double(arg, 0, 1e7, "--horizon");
		break;
	case OPT_MARGIN:
		o->margin = opt_double(arg, -1e9, 1e9, "--margin");
		break;
	case OPT_ALGO:
		o->bgnbd = opt_enum(arg, algo_names, "--algo") == 0;
		break;
	case OPT_PENALIZER:
		o->penalizer = opt_double(arg, 0, 1e9, "--penalizer");
		break;
	case OPT_RETENTION:
		o->retention = opt_double(arg, 0, 1, "--retention");
		o->has_retention = 1;
		break;
	case OPT_SPEND:
		o->gammagamma = opt_enum(arg, spend_names, "--spend") == 0;
		break;
	default:
		return 0;
	}
	return 1;
}

/* Column and flag options. */
static int
table_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'm':
		o->save = arg;
		break;
	case OPT_ASOF:
		o->asof = parse_day(arg);
		o->has_asof = 1;
		break;
	case OPT_BY:
		o->by = arg;
		break;
	case OPT_PERIOD:
		o->period = opt_enum(arg, period_names, "--period");
		o->has_period = 1;
		break;
	case OPT_SATISFIED:
		o->satisfied = (int)opt_int(arg, 1, 5, "--satisfied");
		break;
	case OPT_USE:
		o->use = arg;
		break;
	case OPT_WINDOW:
		o->window = (int)opt_int(arg, 1, 100000, "--window");
		break;
	default:
		return 0;
	}
	return 1;
}

static int
flag_opt(struct opts *o, int ch)
{
	switch (ch) {
	case OPT_LIFETIMES:
		o->lifetimes = 1;
		break;
	case OPT_LONG:
		o->longfmt = 1;
		break;
	case OPT_PARAMS:
		o->params = 1;
		break;
	case OPT_PARTIAL:
		o->partial = 1;
		break;
	case OPT_PCT:
		o->pct = 1;
		break;
	case OPT_REPEAT:
		o->repeat = 1;
		break;
	case OPT_SUMMARY:
		o->summary_in = 1;
		break;
	default:
		return 0;
	}
	return 1;
}

/* Conflicting or misplaced options: exit 2. */
static void
check_opts(const struct opts *o)
{
	enum metrics_cmd c = o->cmd;
	int order_set = (o->com.role_set & (1u << ROLE_ORDER)) != 0;

	if (o->lifetimes && c != CMD_RFM)
		crm_errx(2, "--lifetimes is an option of rfm");
	if (order_set && c != CMD_RFM && c != CMD_SUMMARY)
		crm_errx(2, "--order does not apply to %s", cmd_names[c]);
	if (order_set && o->lifetimes)
		crm_errx(2, "--order does not apply to rfm --lifetimes "
		    "(it counts purchase periods)");
	if (o->by != NULL && (c == CMD_RFM || c == CMD_CLV ||
	    c == CMD_RETENTION || c == CMD_CHURN))
		crm_errx(2, "--by does not apply to %s", cmd_names[c]);
	if ((o->gammagamma || o->params || o->save || o->summary_in) &&
	    !o->bgnbd && o->use == NULL)
		crm_errx(2, "--spend, --params, --model and --summary need "
		    "--algo bgnbd or --use");
	if (o->bgnbd && o->use != NULL)
		crm_errx(2, "--algo and --use exclude each other");
	if (o->save != NULL && o->use != NULL)
		crm_errx(2, "--model and --use exclude each other");
	if (o->has_retention && o->retention >= 1 + o->discount)
		crm_errx(2, "--retention must be below 1 + discount");
	if (o->partial && o->merging)
		crm_errx(2, "--partial does not apply to merge");
	if (o->merging && o->summary_in)
		crm_errx(2, "--summary input cannot be merged");
}

static void
parse(struct opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "m:",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help(synopsis, help);
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (crm_common_opt(&o->com, ch, optarg) || flag_opt(o, ch) ||
		    table_opt(o, ch, optarg) || model_opt(o, ch, optarg))
			continue;
		crm_usage(synopsis);
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

static int
run(const struct opts *o)
{
	switch (o->cmd) {
	case CMD_RFM:
		return metrics_rfm(o);
	case CMD_SUMMARY:
		return metrics_summary(o);
	case CMD_CLV:
		return metrics_clv(o);
	case CMD_RETENTION:
		return metrics_retention(o);
	case CMD_CHURN:
		return metrics_churn(o);
	case CMD_ENGAGEMENT:
		return metrics_engagement(o);
	default:
		return metrics_survey(o);
	}
}

int
main(int argc, char **argv)
{
	struct opts o;
	int skip = 1;

	crm_setprogname("crm-metrics");
	opts_init(&o);
	if (argc < 2)
		crm_usage(synopsis);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		crm_help(synopsis, help);
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		crm_version();
		return 0;
	}
	o.cmd = (enum metrics_cmd)opt_enum(argv[1], cmd_names, "subcommand");
	if (o.cmd == CMD_MERGE) {
		if (argc < 3)
			crm_usage(synopsis);
		o.merging = 1;
		o.cmd = (enum metrics_cmd)opt_enum(argv[2], cmd_names,
		    "subcommand");
		if (o.cmd == CMD_MERGE)
			crm_usage(synopsis);
		skip = 2;
	}
	parse(&o, argc - skip, argv + skip);
	check_opts(&o);
	if (o.partial)
		return metrics_partial(&o);
	return run(&o);
}
