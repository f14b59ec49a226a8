/*
 * crm-sentiment: what customers feel, in English and Chinese.  score
 * reads sentiment with a lexicon and rules (no training); train,
 * predict, eval and cv build and use naive Bayes and logistic models
 * over hashed word and character n-grams.  This file holds the options.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "err.h"
#include "opt.h"

#include "sentiment.h"

enum {
	OPT_ALGO = OPT_COMMON_LAST, OPT_ALPHA, OPT_BITS, OPT_CJK, OPT_COST, OPT_FOLD,
	OPT_LEXICON, OPT_NO_BIGRAMS, OPT_NO_BUILTIN, OPT_NO_LEXICON,
	OPT_NO_NEGATE,
	OPT_PREFIX
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CRM_OPT_LABEL,
	CRM_OPT_SEED,
	CRM_OPT_TEXT,
	CRM_OPT_THREADS,
	{ "algo",	required_argument, NULL, OPT_ALGO },
	{ "alpha",	required_argument, NULL, OPT_ALPHA },
	{ "bits",	required_argument, NULL, OPT_BITS },
	{ "cjk",	required_argument, NULL, OPT_CJK },
	{ "cost",	required_argument, NULL, OPT_COST },
	{ "fold",	required_argument, NULL, OPT_FOLD },
	{ "folds",	required_argument, NULL, 'k' },
	{ "lexicon",	required_argument, NULL, OPT_LEXICON },
	{ "model",	required_argument, NULL, 'm' },
	{ "no-bigrams",	no_argument,	   NULL, OPT_NO_BIGRAMS },
	{ "no-builtin",	no_argument,	   NULL, OPT_NO_BUILTIN },
	{ "no-lexicon",	no_argument,	   NULL, OPT_NO_LEXICON },
	{ "no-negate",	no_argument,	   NULL, OPT_NO_NEGATE },
	{ "prefix",	required_argument, NULL, OPT_PREFIX },
	{ NULL, 0, NULL, 0 }
};

static const char *const cmd_names[] = { "score", "train", "predict",
	"eval", "cv", NULL };
static const char *const algo_names[] = { "nbsvm", "nb", "logreg", NULL };

static const char synopsis[] =
"usage: crm-sentiment score [--lexicon file] [--no-builtin] [options]\n"
"           [file ...]\n"
"       crm-sentiment train -m model [--algo nbsvm | nb | logreg]\n"
"           [options] [file ...]\n"
"       crm-sentiment predict | eval -m model [options] [file ...]\n"
"       crm-sentiment cv [-k folds] [--algo name] [options] [file ...]\n"
"       crm-sentiment -h | -V\n";

static const char *const help[] = {
"\n"
"score     append sentiment_score (the compound score in [-1, 1]) and\n"
"          sentiment: positive (>= 0.05), negative (<= -0.05) or\n"
"          neutral, from the built-in English and Chinese lexicons\n"
"          (words and phrases) with negation, intensifiers, contrast,\n"
"          capitals and '!'\n"
"train     learn a model from labelled text; -m FILE writes it\n"
"predict   append sentiment_probability and sentiment from -m FILE\n"
"eval      accuracy, macro-F1, per-class precision, recall, F1 and the\n"
"          confusion matrix of -m FILE on labelled text\n"
"cv        the same figures by stratified k-fold cross-validation\n"
"\n"
"columns:  --text COL (text)  --label COL (label)\n"
"score:    --lexicon FILE (word<TAB>score lines, a word may be a\n"
"          phrase; repeat to add more)\n"
"          --no-builtin (only the --lexicon files)\n",
"models:   -m, --model FILE  --algo nbsvm|nb|logreg (nbsvm: logistic\n"
"          regression on naive-Bayes weighted features, the default)\n"
"          --bits N (2^N hashed features, 20)  --cjk N (CJK character\n"
"          n-grams up to N, 3)  --no-bigrams  --no-negate\n"
"          --no-lexicon (no lexicon score feature in nbsvm and logreg)\n"
"          --cost C (inverse L2 strength)  --alpha A (NB smoothing, 1)\n"
"          -k, --folds K (cv, 5)  --fold COL (cv: each row's fold from\n"
"          COL instead of seeded stratified folds)  --seed N  --threads N\n"
"output:   --prefix P (prefix the appended column names)\n"
"common:   -d, --delimiter C  -t, --tab  --ws  -o, --output FILE  --gzip\n"
"          --reject FILE  --skip-bad  -q, --quiet  -h, --help\n"
"          -V, --version\n"
"\n"
"example:\n"
"  crm-sentiment score samples/reviews.csv\n"
"  crm-sentiment train -m reviews.model labelled.csv\n"
"  crm-sentiment predict -m reviews.model samples/reviews.csv\n",
	NULL
};

static void
opts_init(struct sent_opts *o)
{
	memset(o, 0, sizeof(*o));
	crm_common_init(&o->com);
	o->algo = ALGO_NBSVM;
	o->bits = 20;
	o->bigrams = 1;
	o->cjk = 3;
	o->negate = 1;
	o->lexfeat = 1;
	o->alpha = 1;
	o->folds = 5;
}

/* The options of this program; 0 when ch is not one of them. */
static int
own_opt(struct sent_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_ALGO:
		o->algo = (enum sent_algo)opt_enum(arg, algo_names, "algo");
		break;
	case OPT_ALPHA:
		o->alpha = opt_double(arg, 1e-9, 1e9, "alpha");
		break;
	case OPT_BITS:
		o->bits = (int)opt_int(arg, 4, 28, "bits");
		break;
	case OPT_CJK:
		o->cjk = (int)opt_int(arg, 1, 5, "cjk");
		break;
	case OPT_COST:
		o->cost = opt_double(arg, 1e-9, 1e9, "cost");
		break;
	case OPT_FOLD:
		o->fold_col = arg;
		break;
	case 'k':
		o->folds = (int)opt_int(arg, 2, 100, "folds");
		break;
	case OPT_LEXICON:
		o->lexicons = xreallocarray(o->lexicons, o->nlex + 1,
		    sizeof(*o->lexicons));
		o->lexicons[o->nlex++] = arg;
		break;
	case 'm':
		o->model = arg;
		break;
	case OPT_NO_BIGRAMS:
		o->bigrams = 0;
		break;
	case OPT_NO_BUILTIN:
		o->no_builtin = 1;
		break;
	case OPT_NO_LEXICON:
		o->lexfeat = 0;
		break;
	case OPT_NO_NEGATE:
		o->negate = 0;
		break;
	case OPT_PREFIX:
		o->prefix = arg;
		break;
	default:
		return 0;
	}
	return 1;
}

static void
parse(struct sent_opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "k:m:",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help_parts(synopsis, help);
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (crm_common_opt(&o->com, ch, optarg) ||
		    own_opt(o, ch, optarg))
			continue;
		crm_usage(synopsis);
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

/* Options that make no sense for the subcommand are usage errors. */
static void
check_opts(const struct sent_opts *o)
{
	int needm = o->cmd == CMD_TRAIN || o->cmd == CMD_PREDICT ||
	    o->cmd == CMD_EVAL;

	if (needm && o->model == NULL)
		crm_errx(2, "%s needs -m FILE", cmd_names[o->cmd]);
	if (!needm && o->model != NULL)
		crm_errx(2, "%s takes no -m", cmd_names[o->cmd]);
	if (o->cmd != CMD_SCORE && (o->nlex > 0 || o->no_builtin))
		crm_errx(2, "--lexicon and --no-builtin are for score");
	if (o->cmd != CMD_CV && o->fold_col != NULL)
		crm_errx(2, "--fold is for cv");
	if (o->no_builtin && o->nlex == 0)
		crm_errx(2, "--no-builtin needs --lexicon FILE");
}

int
main(int argc, char **argv)
{
	struct sent_opts o;
	int rc = 0;

	crm_setprogname("crm-sentiment");
	opts_init(&o);
	o.cmd = (enum sent_cmd)crm_subcommand(argc, argv, synopsis, help,
	    cmd_names);
	parse(&o, argc - 1, argv + 1);
	check_opts(&o);
	switch (o.cmd) {
	case CMD_SCORE:
		rc = sent_score(&o);
		break;
	case CMD_TRAIN:
		rc = sent_train(&o);
		break;
	case CMD_PREDICT:
		rc = sent_predict(&o);
		break;
	case CMD_EVAL:
		rc = sent_eval(&o);
		break;
	case CMD_CV:
		rc = sent_cv(&o);
		break;
	}
	free(o.lexicons);
	return rc;
}
