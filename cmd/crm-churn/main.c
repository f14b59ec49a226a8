/*
 * crm-churn: who is about to leave, and why.  Train a churn classifier
 * (logistic regression, a random forest, one CART tree or
 * gradient-boosted trees) on a labelled customer table, append churn
 * probabilities to new rows, evaluate, cross-validate, rank the
 * features and print a tree's rules.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "opt.h"

#include "churn.h"

enum {
	OPT_ALGO = OPT_COMMON_LAST, OPT_BINS, OPT_C, OPT_CALIBRATION,
	OPT_CATEGORICAL, OPT_CLASS_WEIGHT, OPT_FORMAT, OPT_ID, OPT_IGNORE,
	OPT_L2, OPT_LR, OPT_MAX_DEPTH, OPT_MIN_LEAF, OPT_MTRY, OPT_NUMERIC,
	OPT_PERMUTATION, OPT_POSITIVE, OPT_PREFIX, OPT_PROBABILITY,
	OPT_REPEATS, OPT_ROUNDS, OPT_THRESHOLD, OPT_TREES, OPT_VALIDATION
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CRM_OPT_LABEL,
	CRM_OPT_SEED,
	CRM_OPT_THREADS,
	{ "algo",	required_argument, NULL, OPT_ALGO },
	{ "bins",	required_argument, NULL, OPT_BINS },
	{ "C",		required_argument, NULL, OPT_C },
	{ "calibration", no_argument,	   NULL, OPT_CALIBRATION },
	{ "categorical", required_argument, NULL, OPT_CATEGORICAL },
	{ "class-weight", required_argument, NULL, OPT_CLASS_WEIGHT },
	{ "columns",	required_argument, NULL, 'c' },
	{ "folds",	required_argument, NULL, 'k' },
	{ "format",	required_argument, NULL, OPT_FORMAT },
	{ "id",		required_argument, NULL, OPT_ID },
	{ "ignore",	required_argument, NULL, OPT_IGNORE },
	{ "l2",		required_argument, NULL, OPT_L2 },
	{ "learning-rate", required_argument, NULL, OPT_LR },
	{ "max-depth",	required_argument, NULL, OPT_MAX_DEPTH },
	{ "min-leaf",	required_argument, NULL, OPT_MIN_LEAF },
	{ "model",	required_argument, NULL, 'm' },
	{ "mtry",	required_argument, NULL, OPT_MTRY },
	{ "numeric",	required_argument, NULL, OPT_NUMERIC },
	{ "permutation", no_argument,	   NULL, OPT_PERMUTATION },
	{ "positive",	required_argument, NULL, OPT_POSITIVE },
	{ "prefix",	required_argument, NULL, OPT_PREFIX },
	{ "probability", required_argument, NULL, OPT_PROBABILITY },
	{ "repeats",	required_argument, NULL, OPT_REPEATS },
	{ "rounds",	required_argument, NULL, OPT_ROUNDS },
	{ "threshold",	required_argument, NULL, OPT_THRESHOLD },
	{ "trees",	required_argument, NULL, OPT_TREES },
	{ "validation",	required_argument, NULL, OPT_VALIDATION },
	{ NULL, 0, NULL, 0 }
};

static const char *const cmd_names[] = { "train", "predict", "eval", "cv",
	"importance", "rules", NULL };
static const char *const algo_names[] = { "logreg", "forest", "tree", "gbt",
	NULL };
static const char *const weight_names[] = { "none", "balanced", NULL };
static const char *const format_names[] = { "csv", "text", NULL };

static const char synopsis[] =
"usage: crm-churn train | cv [options] [file ...]\n"
"       crm-churn predict | eval | importance | rules [-m model] [options]\n"
"           [file ...]\n"
"       crm-churn -h | -V\n";

static const char help1[] =
"\n"
"train:     fit a model on a labelled CSV and write it to -m FILE\n"
"predict:   append churn_probability and churn to every row (-m FILE)\n"
"eval:      accuracy, precision, recall, F1, ROC AUC, PR AUC, log loss,\n"
"           Brier score, confusion matrix, calibration: of predictions\n"
"           (label and churn_probability columns) or, with -m, of the\n"
"           model on labelled rows\n"
"cv:        stratified k-fold cross-validation of a training\n"
"           configuration: mean and sd of each metric\n"
"importance: feature importance of -m FILE (impurity gain of trees,\n"
"           standardised coefficients of logreg), or --permutation on\n"
"           labelled rows\n"
"rules:     the tree of -m FILE (--algo tree) as if/then rules\n"
"\n"
"features:  --label COL (label)  -c, --columns A,B,...  --id COL\n"
"           --ignore COLS  --categorical COLS  --numeric COLS\n"
"           (default: every column but the label and the id; a column\n"
"           of distinct non-numbers is an id and left out)\n"
"labels:    --positive VALUE (else yes/no, true/false, 1/0, churned)\n"
"           --class-weight none|balanced\n"
"algorithm: --algo forest|logreg|tree|gbt (forest)\n"
"  logreg:  --C C (inverse L2 strength, 1)\n"
"  forest:  --trees N (500)  --mtry N (sqrt p)  --max-depth N (none)\n"
"           --min-leaf N (20)\n";

static const char help2[] =
"  tree:    --max-depth N (4)  --min-leaf N (20)\n"
"  gbt:     --rounds N (1000)  --learning-rate R (0.25)  --max-depth N (3)\n"
"           --min-leaf N (20)  --l2 L (1)  --validation SHARE (0.1,\n"
"           early stopping after 20 rounds without gain; 0: none)\n"
"  trees:   --bins N (255, at most 255)\n"
"predict:   --threshold T (0.5)  --prefix P (for churn_probability and\n"
"           churn)\n"
"eval:      --probability COL (churn_probability)  --threshold T\n"
"           --format csv|text  --calibration (the decile table)\n"
"cv:        -k, --folds K (5)  --format csv|text\n"
"importance: --permutation  --repeats N (5)\n"
"common:    -m, --model FILE  --seed N (42)  --threads N  -q, --quiet\n"
"           -d, --delimiter C  -t, --tab  --ws  -o, --output FILE  --gzip\n"
"           --reject FILE  --skip-bad  -h, --help  -V, --version\n"
"\n"
"example:\n"
"  crm-churn train --label churned --id customer_id -m churn.model \\\n"
"      samples/customers.csv\n"
"  crm-churn predict -m churn.model samples/customers.csv |\n"
"      crm-churn eval --label churned --format text\n";

static void
opts_init(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	crm_common_init(&o->com);
	o->algo = ALGO_FOREST;
	o->C = 1;
	o->trees = 500;
	o->rounds = 1000;
	o->lr = 0.25;
	o->l2 = 1;
	o->valid = 0.1;
	o->bins = 255;
	o->threshold = 0.5;
	o->k = 5;
	o->repeats = 5;
	o->prob = "churn_probability";
}

static int
model_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_ALGO:
		o->algo = (enum churn_algo)opt_enum(arg, algo_names, "--algo");
		break;
	case OPT_BINS:
		o->bins = (int)opt_int(arg, 2, 255, "--bins");
		break;
	case OPT_C:
		o->C = opt_double(arg, 1e-12, 1e12, "--C");
		break;
	case OPT_L2:
		o->l2 = opt_double(arg, 0, 1e9, "--l2");
		break;
	case OPT_LR:
		o->lr = opt_double(arg, 1e-6, 1, "--learning-rate");
		break;
	case OPT_MAX_DEPTH:
		o->max_depth = (int)opt_int(arg, 0, 1000, "--max-depth");
		o->has_depth = 1;
		break;
	case OPT_MIN_LEAF:
		o->min_leaf = (int)opt_int(arg, 1, 1000000000, "--min-leaf");
		o->has_leaf = 1;
		break;
	case OPT_MTRY:
		o->mtry = (int)opt_int(arg, 1, 100000000, "--mtry");
		break;
	case OPT_ROUNDS:
		o->rounds = (int)opt_int(arg, 1, 1000000, "--rounds");
		break;
	case OPT_TREES:
		o->trees = (int)opt_int(arg, 1, 1000000, "--trees");
		break;
	case OPT_VALIDATION:
		o->valid = opt_double(arg, 0, 0.9, "--validation");
		break;
	case OPT_CLASS_WEIGHT:
		o->balanced = opt_enum(arg, weight_names, "--class-weight");
		break;
	default:
		return 0;
	}
	return 1;
}

static int
table_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'c':
		collist_add(&o->columns, arg);
		break;
	case 'k':
		o->k = (int)opt_int(arg, 2, 1000, "--folds");
		break;
	case 'm':
		o->model = arg;
		break;
	case OPT_CALIBRATION:
		o->calibration = 1;
		break;
	case OPT_CATEGORICAL:
		collist_add(&o->categorical, arg);
		break;
	case OPT_FORMAT:
		o->text = opt_enum(arg, format_names, "--format");
		break;
	case OPT_ID:
		o->id = arg;
		break;
	case OPT_IGNORE:
		collist_add(&o->ignore, arg);
		break;
	case OPT_NUMERIC:
		collist_add(&o->numeric, arg);
		break;
	case OPT_PERMUTATION:
		o->permutation = 1;
		break;
	case OPT_POSITIVE:
		o->positive = arg;
		break;
	case OPT_PREFIX:
		o->prefix = arg;
		break;
	case OPT_PROBABILITY:
		o->prob = arg;
		break;
	case OPT_REPEATS:
		o->repeats = (int)opt_int(arg, 1, 1000, "--repeats");
		break;
	case OPT_THRESHOLD:
		o->threshold = opt_double(arg, 0, 1, "--threshold");
		break;
	default:
		return 0;
	}
	return 1;
}

/* Per-algorithm defaults, and options that do not fit the subcommand. */
static void
check_opts(struct opts *o)
{
	enum churn_cmd c = o->cmd;

	if (!o->has_depth)
		o->max_depth = o->algo == ALGO_FOREST ? 0 :
		    o->algo == ALGO_GBT ? 3 : 4;
	if (!o->has_leaf)
		o->min_leaf = 20;
	if ((c == CMD_PREDICT || c == CMD_IMPORTANCE || c == CMD_RULES) &&
	    o->model == NULL)
		crm_errx(2, "%s needs -m FILE", cmd_names[c]);
	if (c == CMD_TRAIN && o->model == NULL)
		crm_errx(2, "train needs -m FILE (where to write the model)");
	if (c == CMD_CV && o->model != NULL)
		crm_errx(2, "cv writes no model (-m is for train)");
	if (o->permutation && c != CMD_IMPORTANCE)
		crm_errx(2, "--permutation is an option of importance");
	if (o->calibration && c != CMD_EVAL)
		crm_errx(2, "--calibration is an option of eval");
}

static void
parse(struct opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "c:k:m:",
	    longopts)) != -1) {
		if (ch == 'h') {
			static const char *const parts[] = { help1, help2,
			    NULL };
			crm_help_parts(synopsis, parts);
		}
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (crm_common_opt(&o->com, ch, optarg) ||
		    model_opt(o, ch, optarg) || table_opt(o, ch, optarg))
			continue;
		crm_usage(synopsis);
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

int
main(int argc, char **argv)
{
	static const char *const parts[] = { help1, help2, NULL };
	static int (*const run[])(const struct opts *) = { churn_train,
	    churn_predict, churn_eval, churn_cv, churn_importance,
	    churn_rules };
	struct opts o;
	int rc;

	crm_setprogname("crm-churn");
	opts_init(&o);
	o.cmd = (enum churn_cmd)crm_subcommand(argc, argv, synopsis, parts,
	    cmd_names);
	parse(&o, argc - 1, argv + 1);
	check_opts(&o);
	rc = run[o.cmd](&o);
	collist_free(&o.columns);
	collist_free(&o.categorical);
	collist_free(&o.numeric);
	collist_free(&o.ignore);
	return rc;
}
