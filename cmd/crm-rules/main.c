/*
 * crm-rules: frequent itemsets and cross-sell rules from baskets
 * (FP-growth, with Eclat and Apriori to cross-check), and apply: the
 * consequents that each basket's items trigger.
 */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "input.h"
#include "opt.h"

#include "rules.h"

enum {
	OPT_ALGO = OPT_COMMON_LAST, OPT_ANTE, OPT_BASKETS, OPT_CONS,
	OPT_ITEMSETS, OPT_MAXCONS, OPT_MAXLEN, OPT_MINCONF, OPT_MINCOUNT,
	OPT_MINLEN, OPT_MINLIFT, OPT_MINSUPP, OPT_NOHEADER, OPT_RULES,
	OPT_SORT
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CRM_OPT_ITEM,
	CRM_OPT_ORDER,
	CRM_OPT_THREADS,
	{ "algo",	required_argument, NULL, OPT_ALGO },
	{ "antecedent",	required_argument, NULL, OPT_ANTE },
	{ "baskets",	no_argument,	   NULL, OPT_BASKETS },
	{ "consequent",	required_argument, NULL, OPT_CONS },
	{ "itemsets",	required_argument, NULL, OPT_ITEMSETS },
	{ "max-consequent", required_argument, NULL, OPT_MAXCONS },
	{ "max-len",	required_argument, NULL, OPT_MAXLEN },
	{ "min-confidence", required_argument, NULL, OPT_MINCONF },
	{ "min-count",	required_argument, NULL, OPT_MINCOUNT },
	{ "min-len",	required_argument, NULL, OPT_MINLEN },
	{ "min-lift",	required_argument, NULL, OPT_MINLIFT },
	{ "min-support", required_argument, NULL, OPT_MINSUPP },
	{ "no-header",	no_argument,	   NULL, OPT_NOHEADER },
	{ "rules",	required_argument, NULL, OPT_RULES },
	{ "sort",	required_argument, NULL, OPT_SORT },
	{ "top",	required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 }
};

static const char *const algo_names[] = { "fpgrowth", "eclat", "apriori",
	NULL };
static const char *const target_names[] = { "rules", "frequent", "closed",
	"maximal", NULL };
static const char *const sort_names[] = { "lift", "confidence", "support",
	NULL };

static const char synopsis[] =
"usage: crm-rules [mine] [options] [file ...]\n"
"       crm-rules apply --rules FILE [options] [file ...]\n"
"       crm-rules -h | -V\n";

static const char help[] =
"\n"
"Frequent itemsets and association rules (arules' conventions) from\n"
"baskets; apply lists the consequents each basket's items trigger.\n"
"\n"
"input:    --order COL (order_id)  --item COL (item): one row per order\n"
"          and item, an order's rows anywhere in the input\n"
"  --baskets         one basket a line, items separated by the delimiter\n"
"                    (ragged lines; empty fields ignored)\n"
"  --no-header       with --baskets: the first line is a basket too\n"
"mine:\n"
"  --min-support S   share of baskets (default 0.1, as arules)\n"
"  --min-count N     or a number of baskets\n"
"  --min-confidence C  (default 0.8)   --min-lift L (default 0)\n"
"  --min-len N  --max-len N   items of a rule or itemset (1, 10)\n"
"  --max-consequent N  items of a consequent (default 1)\n"
"  --itemsets frequent|closed|maximal   itemsets instead of rules\n"
"  --algo fpgrowth|eclat|apriori   (default fpgrowth)\n"
"  --antecedent ITEM  --consequent ITEM   rules holding ITEM there\n"
"  --sort lift|confidence|support   rules order (default lift)\n"
"  -n, --top N       the first N rules or itemsets only\n"
"  --threads N       FP-growth on N threads (default: all cores)\n"
"apply:\n"
"  --rules FILE      rules written by crm-rules (antecedent, consequent,\n"
"                    confidence, lift)\n"
"  --sort confidence|lift   rank by (default confidence)\n"
"  -n, --top N       the N best items per basket (default: all)\n"
"common:   -d, --delimiter C  -t, --tab  --ws  -o, --output FILE  --gzip\n"
"          --reject FILE  --skip-bad  -q, --quiet  -h, --help\n"
"          -V, --version\n"
"\n"
"Rules: antecedent,consequent,support,confidence,lift,leverage,\n"
"conviction,count; items joined by ';' in byte order (a ';' or '\\' in a\n"
"name escaped with '\\'); conviction at confidence 1 is inf.\n"
"Itemsets: itemset,size,support,count.  apply: the basket's order id (or\n"
"basket: its items), item, rank, confidence, lift, antecedent.\n"
"\n"
"examples:\n"
"  crm-rules --baskets --no-header --min-support 0.01 \\\n"
"      --min-confidence 0.5 groceries.csv\n"
"  crm-rules --min-support 0.01 --min-confidence 0.3 -o rules.csv \\\n"
"      samples/transactions.csv\n"
"  crm-rules apply --rules rules.csv -n 3 samples/transactions.csv\n";

static void
opts_init(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	crm_common_init(&o->com);
	o->min_support = 0.1;
	o->min_conf = 0.8;
	o->min_len = 1;
	o->max_len = 10;
	o->max_cons = 1;
}

static int
mine_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_ALGO:
		o->algo = opt_enum(arg, algo_names, "--algo");
		break;
	case OPT_ITEMSETS:
		o->target = opt_enum(arg, target_names + 1, "--itemsets") + 1;
		break;
	case OPT_MAXCONS:
		o->max_cons = (unsigned)opt_int(arg, 1, 63, "--max-consequent");
		break;
	case OPT_MAXLEN:
		o->max_len = (unsigned)opt_int(arg, 1, 64, "--max-len");
		break;
	case OPT_MINCONF:
		o->min_conf = opt_double(arg, 0, 1, "--min-confidence");
		break;
	case OPT_MINCOUNT:
		o->min_count = (unsigned long long)opt_int(arg, 1,
		    UINT32_MAX, "--min-count");
		break;
	case OPT_MINLEN:
		o->min_len = (unsigned)opt_int(arg, 1, 64, "--min-len");
		break;
	case OPT_MINLIFT:
		o->min_lift = opt_double(arg, 0, 1e300, "--min-lift");
		break;
	case OPT_MINSUPP:
		o->min_support = opt_double(arg, 0, 1, "--min-support");
		if (o->min_support <= 0)
			crm_errx(2, "--min-support: must be above 0 ('%s')",
			    arg);
		break;
	default:
		return 0;
	}
	o->mine_only = 1;
	return 1;
}

static int
other_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'n':
		o->top = (unsigned long long)opt_int(arg, 1, LLONG_MAX,
		    "--top");
		break;
	case OPT_ANTE:
		o->ante_item = arg;
		break;
	case OPT_BASKETS:
		o->baskets = 1;
		break;
	case OPT_CONS:
		o->cons_item = arg;
		break;
	case OPT_NOHEADER:
		o->no_header = 1;
		break;
	case OPT_RULES:
		o->rules_file = arg;
		break;
	case OPT_SORT:
		o->sort = opt_enum(arg, sort_names, "--sort");
		o->sort_set = 1;
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
	if (o->no_header && !o->baskets)
		crm_errx(2, "--no-header applies to --baskets");
	if (o->apply) {
		if (o->rules_file == NULL)
			crm_errx(2, "apply needs --rules FILE");
		if (o->sort == SORT_SUPPORT)
			crm_errx(2, "--sort: apply ranks by confidence or "
			    "lift");
		if (o->mine_only || o->cons_item || o->ante_item)
			crm_errx(2, "the options of mining (--algo, "
			    "--itemsets, --min-*, --max-*, --antecedent, "
			    "--consequent) are not options of apply");
		return;
	}
	if (o->rules_file != NULL)
		crm_errx(2, "--rules applies to apply");
	if (o->min_len > o->max_len)
		crm_errx(2, "--min-len is above --max-len");
	if (o->target != TARGET_RULES && (o->sort_set &&
	    o->sort != SORT_SUPPORT))
		crm_errx(2, "--sort: itemsets are sorted by support");
	if (o->target != TARGET_RULES && (o->cons_item || o->ante_item))
		crm_errx(2, "--antecedent and --consequent apply to rules");
}

static void
parse(struct opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "n:",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help(synopsis, help);
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (crm_common_opt(&o->com, ch, optarg) ||
		    mine_opt(o, ch, optarg) || other_opt(o, ch, optarg))
			continue;
		crm_usage(synopsis);
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

/* The minimum count: --min-count, or the support share rounded up. */
static uint64_t
min_count(const struct opts *o, size_t n)
{
	double v = o->min_support * (double)n;
	uint64_t c;

	if (o->min_count > 0)
		return o->min_count;
	c = (uint64_t)ceil(v - v * 1e-12);
	return c < 1 ? 1 : c;
}

/*
 * Nothing to mine: say why on stderr (the empty output is still
 * written), with the count of the most frequent item, so that the
 * user knows how far to lower --min-support.
 */
static void
explain_empty(const struct opts *o, const struct baskets *bk, uint64_t minc)
{
	size_t *cnt, i, top = 0;

	if (o->com.quiet || bk->n == 0)
		return;
	cnt = xcalloc(bk->nitems + 1, sizeof(*cnt));
	for (i = 0; i < bk->start[bk->n]; i++)
		if (++cnt[bk->item[i]] > top)
			top = cnt[bk->item[i]];
	free(cnt);
	crm_warnx("no item is in at least %llu of the %zu baskets (the most frequent "
	    "is in %zu, a support of %.4g): lower --min-support or "
	    "--min-count", (unsigned long long)minc, bk->n, top,
	    (double)top / (double)bk->n);
}

static int
mine(const struct opts *o)
{
	struct crm_input *in;
	struct baskets bk;
	struct txdb db;
	struct isets s = { 0 };
	struct csv_writer *w;
	uint64_t minc;
	unsigned maxlen = o->max_len;

	if (rules_read(o, &in, &bk, 0) == -1) {
		crm_close_output(crm_open_output(&o->com));
		return 0;
	}
	minc = min_count(o, bk.n);
	rules_txdb_build(&db, &bk, minc);
	if (db.nitems == 0)
		explain_empty(o, &bk, minc);
	if (o->algo == ALGO_ECLAT)
		rules_eclat(&db, minc, maxlen, &s);
	else if (o->algo == ALGO_APRIORI)
		rules_apriori(&db, minc, maxlen, &s);
	else
		rules_fpgrowth(&db, minc, maxlen, crm_nthreads(&o->com), &s);
	if (o->target == TARGET_CLOSED || o->target == TARGET_MAXIMAL)
		rules_isets_filter(&s, o->target);
	w = crm_open_output(&o->com);
	if (o->target == TARGET_RULES) {
		if (rules_write_rules(o, &s, &db, &bk, w) == 0 &&
		    db.nitems > 0 && !o->com.quiet)
			crm_warnx("no rule passes the thresholds%s (%zu "
			    "frequent itemsets at --min-support; "
			    "--min-confidence %g, --min-lift %g)",
			    o->cons_item != NULL || o->ante_item != NULL ?
			    " with the --antecedent or --consequent given" :
			    "", s.n, o->min_conf, o->min_lift);
	} else
		rules_write_itemsets(o, &s, &db, &bk, w);
	crm_close_output(w);
	input_close(in);
	rules_isets_free(&s);
	rules_txdb_free(&db);
	rules_baskets_free(&bk);
	return 0;
}

int
main(int argc, char **argv)
{
	struct opts o;
	int skip = 0;

	crm_setprogname("crm-rules");
	opts_init(&o);
	if (argc > 1 && strcmp(argv[1], "apply") == 0) {
		o.apply = 1;
		o.sort = SORT_CONFIDENCE;
		skip = 1;
	} else if (argc > 1 && strcmp(argv[1], "mine") == 0)
		skip = 1;
	parse(&o, argc - skip, argv + skip);
	check_opts(&o);
	return o.apply ? rules_apply(&o) : mine(&o);
}
