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
	OPT_USE, OPT_WINDOW, OPT_RETURNS, OPT_DIGITS, OPT_SCALE
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
	{ "digits",	required_argument, NULL, OPT_DIGITS },
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
	{ "returns",	required_argument, NULL, OPT_RETURNS },
	{ "satisfied",	required_argument, NULL, OPT_SATISFIED },
	{ "scale",	required_argument, NULL, OPT_SCALE },
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
static const char *const returns_names[] = { "net", "drop", "keep", NULL };

static const char synopsis[] =
"usage: crm-metrics rfm | summary | clv | retention | churn | nps | csat |\n"
"           ces | engagement [options] [file ...]\n"
"       crm-metrics merge subcommand [options] [state ...]\n"
"       crm-metrics -h | -V\n";

static const char help[] =
"\n"
"columns:  --customer COL (customer_id)  --date COL (date)\n"
"          --amount COL (amount)  --order COL (order_id)\n"
"          --score COL (score)  --date-format FMT; a subcommand accepts\n"
"          every one of them, used or not\n"
"groups:   --by COL[,COL...] (or repeated)  --period day|week|month|\n"
"          quarter|year\n"
"purchases (rfm, summary): the lines of one order (same customer and\n"
"          --order value) are one purchase; without that column (and\n"
"          no --order) each row is one, said once on stderr\n"
"returns:  --returns net (default: returns lower the money, never count\n"
"          as a purchase; an order netting <= 0 is no purchase) | drop\n"
"          (returns ignored) | keep (every row a purchase)\n"
"rfm:      --asof DATE  --repeat  --lifetimes  --freq D|W\n"
"          --freq-multiplier N\n"
"summary:  --by COL  --period P\n"
"clv:      --margin M  --discount D  --retention R  --period P\n"
"          --algo bgnbd  --spend gammagamma  --horizon H  --penalizer C\n"
"          --summary  --params  -m, --model FILE (save the fit)\n"
"          --use FILE (load a fit instead of fitting)\n"
"retention: --by COL  --period P  --pct  --long\n"
"churn:    --by COL  --period P  --window N\n"
"nps, csat, ces: --by COL  --period P (with a partial column)\n"
"          --scale LO-HI (csat, ces)\n"
"          --satisfied N (csat)\n"
"engagement: --by COL  --period P\n"
"numbers:  --digits N (round non-integers to N decimals, half to even)\n"
"common:   --partial  -d, --delimiter C  -t, --tab  --ws  -o, --output FILE\n"
"          --gzip  --reject FILE  --skip-bad  -q, --quiet\n"
"          -h, --help  -V, --version\n"
"\n"
"crm-metrics SUBCOMMAND --help: that subcommand's options and an example\n"
"\n"
"example:\n"
"  crm-metrics rfm samples/transactions.csv\n";

/* Each subcommand's own usage and help (crm-metrics SUB --help). */
struct subhelp {
	const char	*synopsis;
	const char	*help;
};

#define COMMON_HELP \
"columns: --customer COL  --date COL  --amount COL  --order COL\n" \
"         --score COL  --date-format FMT (every subcommand takes them)\n" \
"common:  --digits N  --partial  -d C  -t  --ws  -o FILE  --gzip\n" \
"         --reject FILE  --skip-bad  -q  -h  -V\n"
#define RETURNS_HELP \
"  --returns net|drop|keep  returns lower the money and are no purchase\n" \
"                    (net, default), are ignored (drop), or are\n" \
"                    purchases like any row (keep)\n"

static const struct subhelp subhelps[] = {
	{ "usage: crm-metrics rfm [options] [file ...]\n",
	  "\nOne row per customer: first and last purchase, recency, frequency,\n"
	  "monetary total and mean, tenure.\n\n"
	  "  --asof DATE       the day of observation (default: the day after\n"
	  "                    the last date)\n"
	  "  --repeat          frequency = distinct purchase periods - 1\n"
	  "  --lifetimes       the lifetimes summary (frequency, recency, T,\n"
	  "                    monetary_value)\n"
	  "  --freq D|W  --freq-multiplier N   periods of --repeat/--lifetimes\n"
	  RETURNS_HELP COMMON_HELP
	  "\nexample:\n"
	  "  set -o pipefail\n"
	  "  crm-metrics rfm --reject bad.csv samples/transactions.csv\n" },
	{ "usage: crm-metrics summary [options] [file ...]\n",
	  "\nCustomers, orders, revenue, AOV, ARPU, repeat rate and purchase\n"
	  "frequency, overall or per group.\n\n"
	  "  --by COL[,COL...]  group by these columns (or repeat --by)\n"
	  "  --period P        day|week|month|quarter|year, with a partial\n"
	  "                    column for the first and last periods\n"
	  RETURNS_HELP COMMON_HELP
	  "\nexample:\n"
	  "  crm-metrics summary --by channel --period quarter \\\n"
	  "      samples/transactions.csv\n" },
	{ "usage: crm-metrics clv [options] [file ...]\n",
	  "\nHistorical CLV (discounted margin; --retention adds the retention\n"
	  "form) or predictive (BG/NBD, Gamma-Gamma).\n\n"
	  "  --margin M  --discount D  --retention R  --period P\n"
	  "  --algo bgnbd      fit BG/NBD: expected purchases and p_alive\n"
	  "  --spend gammagamma  fit Gamma-Gamma: expected spend and CLV\n"
	  "  --horizon H       in the summary's units (default 12 months;\n"
	  "                    at most 1200 months with --spend)\n"
	  "  --penalizer C  --summary  --params  --freq D|W\n"
	  "  --freq-multiplier N  -m, --model FILE  --use FILE\n"
	  RETURNS_HELP COMMON_HELP
	  "\nexample:\n"
	  "  crm-metrics clv --algo bgnbd --spend gammagamma --freq W \\\n"
	  "      --horizon 52 samples/transactions.csv\n" },
	{ "usage: crm-metrics retention [options] [file ...]\n",
	  "\nCohort retention: customers of each first-purchase period who\n"
	  "bought again k periods later; partial: 1 for a cohort period the\n"
	  "data cover in part (with --long: the cell's period).\n\n"
	  "  --by COL[,COL...]  one table per group\n"
	  "  --period P  --pct  --long  --asof DATE\n"
	  RETURNS_HELP COMMON_HELP
	  "\nexample:\n"
	  "  crm-metrics retention --period quarter --pct \\\n"
	  "      samples/transactions.csv\n" },
	{ "usage: crm-metrics churn [options] [file ...]\n",
	  "\nPer period: customers at the start, new, reactivated, churned,\n"
	  "customers at the end (start - churned + new + reactivated = end),\n"
	  "churn rate, and whether the period is partial.\n\n"
	  "  --by COL[,COL...]  one set of rows per group\n"
	  "  --period P  --window N (periods without a purchase = churned)\n"
	  "  --asof DATE\n"
	  RETURNS_HELP COMMON_HELP
	  "\nexample:\n"
	  "  crm-metrics churn --period month --window 3 \\\n"
	  "      samples/transactions.csv\n" },
	{ "usage: crm-metrics nps [options] [file ...]\n",
	  "\nNet promoter score (scores 0..10) with its 95% interval.\n\n"
	  "  --by COL[,COL...]  --period P (with a partial column)\n" COMMON_HELP
	  "\nexample:\n"
	  "  crm-metrics nps --by channel samples/survey.csv\n" },
	{ "usage: crm-metrics csat [options] [file ...]\n",
	  "\nShare of satisfied answers.\n\n"
	  "  --scale LO-HI     the answers' scale (default 1-5; within 0-10)\n"
	  "  --satisfied N     lowest satisfied answer (default: the top two)\n"
	  "  --by COL[,COL...]  --period P (with a partial column)\n" COMMON_HELP
	  "\nexample:\n"
	  "  crm-metrics csat --scale 0-10 --satisfied 9 answers.csv\n" },
	{ "usage: crm-metrics ces [options] [file ...]\n",
	  "\nCustomer effort score: the mean answer and its sd.\n\n"
	  "  --scale LO-HI     the answers' scale (default 1-7; within 0-10)\n"
	  "  --by COL[,COL...]  --period P (with a partial column)\n" COMMON_HELP
	  "\nexample:\n"
	  "  crm-metrics ces --scale 1-5 answers.csv\n" },
	{ "usage: crm-metrics engagement [options] [file ...]\n",
	  "\nInteractions per customer, or per period (and group).\n\n"
	  "  --asof DATE  --period P  --by COL[,COL...] (with --period)\n"
	  COMMON_HELP
	  "\nexample:\n"
	  "  crm-metrics engagement --period week interactions.csv\n" },
	{ "usage: crm-metrics merge subcommand [options] [state ...]\n",
	  "\nFinish SUBCOMMAND from the states that --partial wrote for\n"
	  "shards of the input, with the options of the serial run: the\n"
	  "output is byte for byte that of one run over all the shards (give\n"
	  "the states in the order of the data).  Every value of a state is\n"
	  "range-checked.\n"
	  "\nexample:\n"
	  "  for s in jan feb mar; do\n"
	  "      crm-metrics rfm --partial $s.csv > $s.state\n"
	  "  done\n"
	  "  crm-metrics merge rfm jan.state feb.state mar.state\n" },
};

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
	o->satisfied = -1;
	o->period = PERIOD_MONTH;
	o->digits = -1;
	o->scale_lo = -1;
}

/* --scale LO-HI: integers within 0..10, LO below HI. */
static void
parse_scale(struct opts *o, const char *arg)
{
	const char *dash = strchr(arg, '-');
	char lo[16];
	size_t n;

	n = dash == NULL ? 0 : (size_t)(dash - arg);
	if (dash == NULL || n == 0 || n >= sizeof(lo))
		crm_errx(2, "--scale: not LO-HI ('%s')", arg);
	memcpy(lo, arg, n);
	lo[n] = '\0';
	o->scale_lo = (int)opt_int(lo, 0, 9, "--scale");
	o->scale_hi = (int)opt_int(dash + 1, 1, 10, "--scale");
	if (o->scale_hi <= o->scale_lo)
		crm_errx(2, "--scale: LO must be below HI ('%s')", arg);
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
		o->asof = opt_day(arg, "--asof");
		o->has_asof = 1;
		break;
	case OPT_BY:
		collist_add(&o->by, arg);
		break;
	case OPT_DIGITS:
		o->digits = (int)opt_int(arg, 0, 17, "--digits");
		break;
	case OPT_RETURNS:
		o->returns = opt_enum(arg, returns_names, "--returns");
		break;
	case OPT_SCALE:
		parse_scale(o, arg);
		break;
	case OPT_PERIOD:
		o->period = opt_enum(arg, period_names, "--period");
		o->has_period = 1;
		break;
	case OPT_SATISFIED:
		o->satisfied = (int)opt_int(arg, 0, 10, "--satisfied");
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

/* The survey scale of csat and ces, and the satisfied threshold. */
static void
check_scale(struct opts *o)
{
	enum metrics_cmd c = o->cmd;

	if (o->scale_lo >= 0 && c != CMD_CSAT && c != CMD_CES)
		crm_errx(2, "--scale applies to csat and ces (nps is 0-10)");
	if (o->satisfied >= 0 && c != CMD_CSAT)
		crm_errx(2, "--satisfied applies to csat");
	if (o->scale_lo < 0) {
		o->scale_lo = c == CMD_NPS ? 0 : 1;
		o->scale_hi = c == CMD_NPS ? 10 : c == CMD_CES ? 7 : 5;
	}
	if (o->satisfied < 0)
		o->satisfied = o->scale_hi - 1 > o->scale_lo ?
		    o->scale_hi - 1 : o->scale_hi;
	if (o->satisfied < o->scale_lo || o->satisfied > o->scale_hi)
		crm_errx(2, "--satisfied: %d is not on the scale %d-%d",
		    o->satisfied, o->scale_lo, o->scale_hi);
}

/*
 * Conflicting or misplaced options: exit 2.  Role flags (--order,
 * --amount, ...) are accepted everywhere, used or not, so that one set
 * of flags serves every subcommand.
 */
static void
check_opts(struct opts *o)
{
	enum metrics_cmd c = o->cmd;

	if (o->lifetimes && c != CMD_RFM)
		crm_errx(2, "--lifetimes is an option of rfm");
	if (o->by.n > 0 && (c == CMD_RFM || c == CMD_CLV))
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
	check_scale(o);
}

static void
parse(struct opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "m:",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help(subhelps[o->cmd].synopsis,
			    subhelps[o->cmd].help);
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (crm_common_opt(&o->com, ch, optarg) || flag_opt(o, ch) ||
		    table_opt(o, ch, optarg) || model_opt(o, ch, optarg))
			continue;
		crm_errx(2, "try 'crm-metrics %s%s --help'", o->merging ?
		    "merge " : "", cmd_names[o->cmd]);
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
	int skip = 1, rc;

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
			crm_usage(subhelps[CMD_MERGE].synopsis);
		if (strcmp(argv[2], "-h") == 0 || strcmp(argv[2], "--help") == 0)
			crm_help(subhelps[CMD_MERGE].synopsis,
			    subhelps[CMD_MERGE].help);
		o.merging = 1;
		o.cmd = (enum metrics_cmd)opt_enum(argv[2], cmd_names,
		    "subcommand");
		if (o.cmd == CMD_MERGE)
			crm_usage(synopsis);
		skip = 2;
	}
	parse(&o, argc - skip, argv + skip);
	check_opts(&o);
	rc = o.partial ? metrics_partial(&o) : run(&o);
	collist_free(&o.by);
	return rc;
}
