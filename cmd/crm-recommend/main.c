/*
 * crm-recommend: top-N offers for every customer from interactions
 * (customer, item, optional weight and date): popularity, item- and
 * user-based neighbours, EASE, implicit ALS, content (TF-IDF of item
 * text) and weighted hybrids; similar items; an honest evaluation; and
 * model files that separate training from serving.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "opt.h"

#include "rec.h"

enum {
	OPT_ALGO = OPT_COMMON_LAST, OPT_ALPHA, OPT_BLEND, OPT_CG, OPT_CUSTS,
	OPT_FACTORS, OPT_INCLUDE, OPT_ITEMS, OPT_ITER, OPT_LAMBDA, OPT_MAXI,
	OPT_NEIGH, OPT_REG, OPT_SIM, OPT_SIMALPHA, OPT_SPLIT, OPT_TEST,
	OPT_SHARE, OPT_WEIGHT
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CRM_OPT_SEED,
	CRM_OPT_THREADS,
	CRM_OPT_CUSTOMER,
	CRM_OPT_DATE,
	CRM_OPT_DATE_FORMAT,
	CRM_OPT_ITEM,
	CRM_OPT_TEXT,
	{ "algo",	required_argument, NULL, OPT_ALGO },
	{ "alpha",	required_argument, NULL, OPT_ALPHA },
	{ "blend",	required_argument, NULL, OPT_BLEND },
	{ "cg-steps",	required_argument, NULL, OPT_CG },
	{ "customers",	required_argument, NULL, OPT_CUSTS },
	{ "factors",	required_argument, NULL, OPT_FACTORS },
	{ "include-seen", no_argument,	   NULL, OPT_INCLUDE },
	{ "items",	required_argument, NULL, OPT_ITEMS },
	{ "iterations",	required_argument, NULL, OPT_ITER },
	{ "k",		required_argument, NULL, 'k' },
	{ "lambda",	required_argument, NULL, OPT_LAMBDA },
	{ "max-items",	required_argument, NULL, OPT_MAXI },
	{ "model",	required_argument, NULL, 'm' },
	{ "neighbours",	required_argument, NULL, OPT_NEIGH },
	{ "reg",	required_argument, NULL, OPT_REG },
	{ "sim",	required_argument, NULL, OPT_SIM },
	{ "sim-alpha",	required_argument, NULL, OPT_SIMALPHA },
	{ "split",	required_argument, NULL, OPT_SPLIT },
	{ "test",	required_argument, NULL, OPT_TEST },
	{ "test-share",	required_argument, NULL, OPT_SHARE },
	{ "top",	required_argument, NULL, 'n' },
	{ "weight",	required_argument, NULL, OPT_WEIGHT },
	{ NULL, 0, NULL, 0 }
};

static const char *const cmd_names[] = { "top", "similar", "eval", "train",
	NULL };
static const char *const split_names[] = { "random", "last", "time", NULL };

static const char synopsis[] =
"usage: crm-recommend top [options] [file ...]\n"
"       crm-recommend top -m model [options] [customers ...]\n"
"       crm-recommend similar [options] [file ...]\n"
"       crm-recommend eval [options] [file ...]\n"
"       crm-recommend train -m model [options] [file ...]\n"
"       crm-recommend -h | -V\n";

static const char *const help[] = {
"\n"
"Input: interactions, one row per customer and item (repeats add up).\n"
"top writes customer,item,rank,score,cold_start (a customer the model\n"
"does not know gets the popular items, cold_start 1); similar writes\n"
"item,similar_item,rank,score; eval writes one row per algorithm,\n"
"popular first: algo,k,customers,precision,recall,ndcg,map,hit_rate,\n"
"coverage.\n"
"\n"
"columns:  --customer COL (customer_id)  --item COL (item)\n"
"          --weight COL (none: each pair counts 1)  --date COL (date;\n"
"          eval --split last|time)  --date-format FMT\n"
"algorithms:\n"
"  --algo A          popular | itemknn (default) | userknn | ease | als |\n"
"                    content | hybrid; eval takes a list (a,b,c)\n"
"  -n, --top N       items per customer (10; similar: per item)\n"
"  --include-seen    keep the items a customer has already\n"
"  --customers FILE  rank only the customers (customer column) of FILE\n"
"  --sim S           cosine (default) | jaccard | asymmetric-cosine\n"
"  --sim-alpha A     the exponent of asymmetric-cosine (0.5)\n"
"  --neighbours K    neighbours kept by itemknn and userknn (50)\n",
"  --lambda L        EASE's L2 weight (default: the mean number of\n"
"                    customers per item, the diagonal of X'X)\n"
"  --max-items N     EASE's catalogue limit (20000)\n"
"  --factors F  --iterations I  --reg R  --alpha A  --cg-steps S\n"
"                    ALS: 64, 15, 1, 2, 3 (0: exact Cholesky solves)\n"
"  --items FILE      item attributes for content: the --item column and\n"
"  --text COL[,COL]  the text columns (text)\n"
"  --blend A:W,...   hybrid: weights of min-max normalised scores\n"
"                    (ease:0.8,als:0.2; with --items\n"
"                    ease:0.9,content:0.1)\n"
"eval:     --split random|last|time (random)  --test-share S (0.2)\n"
"          --test FILE (held-out rows instead of a split)  -k N (10)\n"
"models:   -m, --model FILE  train writes it; top -m reads it and ranks\n"
"          the customers of its input (a pure map: shards give the\n"
"          same bytes)\n"
"common:   -d, --delimiter C  -t, --tab  --ws  -o, --output FILE  --gzip\n"
"          --reject FILE  --skip-bad  --seed N  --threads N  -q, --quiet\n"
"          -h, --help  -V, --version\n"
"\n"
"example:\n"
"  crm-recommend top -n 5 --algo ease samples/transactions.csv\n"
"  crm-recommend eval --algo itemknn,ease,als samples/transactions.csv\n",
NULL
};

static void
opts_init(struct rec_opts *o)
{
	memset(o, 0, sizeof(*o));
	crm_common_init(&o->com);
	o->algo = ALGO_ITEMKNN;
	o->n = 10;
	o->k = 10;
	o->neighbours = 50;
	o->sim = SIM_COSINE;
	o->sim_alpha = 0.5;
	o->lambda = -1;
	o->max_items = 20000;
	o->factors = 64;
	o->iterations = 15;
	o->reg = 1;
	o->alpha = 2;
	o->cg_steps = 3;
	o->split = SPLIT_RANDOM;
	o->test_share = 0.2;
}

/* --blend ease:0.7,content:0.3 */
static void
parse_blend(struct rec_opts *o, const char *arg)
{
	char buf[256], *s, *tok, *colon, *save = NULL;
	int a;

	if (strlen(arg) >= sizeof(buf))
		crm_errx(2, "--blend: too long ('%s')", arg);
	strcpy(buf, arg);
	o->nparts = 0;
	for (s = buf; (tok = strtok_r(s, ",", &save)) != NULL; s = NULL) {
		if ((colon = strchr(tok, ':')) == NULL)
			crm_errx(2, "--blend: not ALGO:WEIGHT ('%s')", tok);
		*colon = '\0';
		a = opt_enum(tok, rec_algo_names, "--blend");
		if (a == ALGO_HYBRID)
			crm_errx(2, "--blend: hybrid cannot be a part");
		if (o->nparts == REC_MAXPARTS)
			crm_errx(2, "--blend: more than %d parts", REC_MAXPARTS);
		o->part_algo[o->nparts] = a;
		o->part_w[o->nparts++] = opt_double(colon + 1, 0, 1e6,
		    "--blend");
	}
	if (o->nparts == 0)
		crm_errx(2, "--blend: no part ('%s')", arg);
}

/* --algo, a list for eval */
static void
parse_algo(struct rec_opts *o, const char *arg)
{
	char buf[256], *s, *tok, *save = NULL;
	size_t i;
	int a;

	if (strlen(arg) >= sizeof(buf))
		crm_errx(2, "--algo: too long ('%s')", arg);
	strcpy(buf, arg);
	o->nevalgo = 0;
	for (s = buf; (tok = strtok_r(s, ",", &save)) != NULL; s = NULL) {
		a = opt_enum(tok, rec_algo_names, "--algo");
		for (i = 0; i < o->nevalgo && o->evalgo[i] != a; i++)
			;
		if (i == o->nevalgo)
			o->evalgo[o->nevalgo++] = a;
		o->algo = a;
	}
	if (o->nevalgo == 0)
		crm_errx(2, "--algo: none given ('%s')", arg);
	if (o->nevalgo > 1 && o->cmd != CMD_EVAL)
		crm_errx(2, "--algo: a list is for eval ('%s')", arg);
}

static int
algo_opt(struct rec_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_ALGO:
		parse_algo(o, arg);
		break;
	case OPT_ALPHA:
		o->alpha = opt_double(arg, 0, 1e9, "--alpha");
		break;
	case OPT_BLEND:
		parse_blend(o, arg);
		break;
	case OPT_CG:
		o->cg_steps = (int)opt_int(arg, 0, 1000, "--cg-steps");
		break;
	case OPT_FACTORS:
		o->factors = (size_t)opt_int(arg, 1, 1024, "--factors");
		break;
	case OPT_ITER:
		o->iterations = (size_t)opt_int(arg, 1, 10000,
		    "--iterations");
		break;
	case OPT_LAMBDA:
		o->lambda = opt_double(arg, 0, 1e12, "--lambda");
		break;
	case OPT_MAXI:
		o->max_items = (size_t)opt_int(arg, 1, 1000000, "--max-items");
		break;
	case OPT_NEIGH:
		o->neighbours = (size_t)opt_int(arg, 1, 100000,
		    "--neighbours");
		break;
	case OPT_REG:
		o->reg = opt_double(arg, 1e-12, 1e12, "--reg");
		break;
	case OPT_SIM:
		o->sim = opt_enum(arg, rec_sim_names, "--sim");
		break;
	case OPT_SIMALPHA:
		o->sim_alpha = opt_double(arg, 0, 1, "--sim-alpha");
		break;
	default:
		return 0;
	}
	return 1;
}

static int
run_opt(struct rec_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'k':
		o->k = (size_t)opt_int(arg, 1, 100000, "-k");
		break;
	case 'm':
		o->model = arg;
		break;
	case 'n':
		o->n = (size_t)opt_int(arg, 1, 100000, "-n");
		break;
	case OPT_CUSTS:
		o->customers = arg;
		break;
	case OPT_INCLUDE:
		o->include_seen = 1;
		break;
	case OPT_ITEMS:
		o->items = arg;
		break;
	case OPT_ROLE + ROLE_TEXT:
		collist_add(&o->text, arg);
		break;
	case OPT_SHARE:
		o->test_share = opt_double(arg, 0, 1, "--test-share");
		break;
	case OPT_SPLIT:
		o->split = opt_enum(arg, split_names, "--split");
		break;
	case OPT_TEST:
		o->test = arg;
		break;
	case OPT_WEIGHT:
		o->weight = arg;
		break;
	default:
		return 0;
	}
	return 1;
}

static int
has_algo(const struct rec_opts *o, int a)
{
	int p;
	size_t i;

	for (i = 0; i < o->nevalgo; i++)
		if (o->evalgo[i] == a)
			return 1;
	if (o->algo == ALGO_HYBRID || o->nevalgo == 0)
		for (p = 0; p < o->nparts; p++)
			if (o->part_algo[p] == a)
				return 1;
	return o->algo == a;
}

/* Defaults that depend on other options, and conflicts: exit 2. */
static void
check_opts(struct rec_opts *o)
{
	size_t i;

	if (o->nevalgo == 0)
		o->evalgo[o->nevalgo++] = o->algo;
	if (o->nparts > 0 && !(o->algo == ALGO_HYBRID ||
	    (o->cmd == CMD_EVAL && has_algo(o, ALGO_HYBRID))))
		crm_errx(2, "--blend needs --algo hybrid");
	if (o->nparts == 0) {
		o->part_algo[0] = ALGO_EASE;
		o->part_w[0] = o->items != NULL ? 0.9 : 0.8;
		o->part_algo[1] = o->items != NULL ? ALGO_CONTENT : ALGO_ALS;
		o->part_w[1] = o->items != NULL ? 0.1 : 0.2;
		o->nparts = 2;
	}
	if (o->cmd == CMD_TRAIN && o->model == NULL)
		crm_errx(2, "train needs -m FILE");
	if (o->model != NULL && o->cmd != CMD_TRAIN && o->cmd != CMD_TOP)
		crm_errx(2, "-m applies to train and top");
	if (o->model != NULL && o->cmd == CMD_TOP && (o->items != NULL ||
	    o->customers != NULL || o->weight != NULL))
		crm_errx(2, "top -m reads customers: --items, --customers "
		    "and --weight belong to train");
	if (o->cmd != CMD_EVAL && (o->test != NULL))
		crm_errx(2, "--test applies to eval");
	if (has_algo(o, ALGO_CONTENT) && o->items == NULL &&
	    !(o->cmd == CMD_TOP && o->model != NULL))
		crm_errx(2, "--algo content needs --items FILE");
	/* eval: popular first, always */
	for (i = 0; i < o->nevalgo && o->evalgo[i] != ALGO_POPULAR; i++)
		;
	if (i == o->nevalgo && o->nevalgo < ALGO_COUNT)
		o->nevalgo++;
	for (; i > 0; i--)
		o->evalgo[i] = o->evalgo[i - 1];
	o->evalgo[0] = ALGO_POPULAR;
}

static void
parse(struct rec_opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "k:m:n:",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help_parts(synopsis, help);
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (ch == '?')
			crm_usage(synopsis);
		if (run_opt(o, ch, optarg) || algo_opt(o, ch, optarg) ||
		    crm_common_opt(&o->com, ch, optarg))
			continue;
		crm_usage(synopsis);
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

int
main(int argc, char **argv)
{
	struct rec_opts o;
	int rc;

	crm_setprogname("crm-recommend");
	opts_init(&o);
	o.cmd = (enum rec_cmd)crm_subcommand(argc, argv, synopsis, help,
	    cmd_names);
	parse(&o, argc - 1, argv + 1);
	check_opts(&o);
	switch (o.cmd) {
	case CMD_TOP:
		rc = rec_cmd_top(&o);
		break;
	case CMD_SIMILAR:
		rc = rec_cmd_similar(&o);
		break;
	case CMD_EVAL:
		rc = rec_cmd_eval(&o);
		break;
	default:
		rc = rec_cmd_train(&o);
		break;
	}
	collist_free(&o.text);
	return rc;
}
