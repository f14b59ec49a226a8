/*
 * crm-segment: group customers: RFM scores and named segments, k-means
 * (Hamerly's or Elkan's exact acceleration, k by silhouette), Ward
 * hierarchical clustering, DBSCAN, lifecycle stages from transactions,
 * and models that apply to new customers.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "opt.h"

#include "segment.h"

enum {
	OPT_ALGO = OPT_COMMON_LAST, OPT_ASOF, OPT_BINS, OPT_CHANGE, OPT_CURVE,
	OPT_EPS, OPT_FREQUENCY, OPT_HEIGHT, OPT_IMPUTE, OPT_KMAX, OPT_KMIN,
	OPT_LAPSED, OPT_LOG, OPT_MAP, OPT_MATURE, OPT_MAXITER, OPT_MAXPAIRS,
	OPT_MAXROWS,
	OPT_MINPTS, OPT_MONETARY, OPT_NEWDAYS, OPT_NINIT, OPT_NOREFINE, OPT_NOSTD,
	OPT_PREFIX, OPT_PROFILE, OPT_RECENCY, OPT_SAMPLE, OPT_SUMMARY, OPT_TOL,
	OPT_WINDOW
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CRM_OPT_AMOUNT,
	CRM_OPT_CUSTOMER,
	CRM_OPT_DATE,
	CRM_OPT_DATE_FORMAT,
	CRM_OPT_SEED,
	CRM_OPT_THREADS,
	{ "algo",	required_argument, NULL, OPT_ALGO },
	{ "asof",	required_argument, NULL, OPT_ASOF },
	{ "bins",	required_argument, NULL, OPT_BINS },
	{ "change",	required_argument, NULL, OPT_CHANGE },
	{ "columns",	required_argument, NULL, 'c' },
	{ "curve",	required_argument, NULL, OPT_CURVE },
	{ "eps",	required_argument, NULL, OPT_EPS },
	{ "frequency",	required_argument, NULL, OPT_FREQUENCY },
	{ "height",	required_argument, NULL, OPT_HEIGHT },
	{ "impute",	required_argument, NULL, OPT_IMPUTE },
	{ "k-max",	required_argument, NULL, OPT_KMAX },
	{ "k-min",	required_argument, NULL, OPT_KMIN },
	{ "lapsed-days", required_argument, NULL, OPT_LAPSED },
	{ "log",	required_argument, NULL, OPT_LOG },
	{ "map",	required_argument, NULL, OPT_MAP },
	{ "mature-days", required_argument, NULL, OPT_MATURE },
	{ "max-iter",	required_argument, NULL, OPT_MAXITER },
	{ "max-pairs",	required_argument, NULL, OPT_MAXPAIRS },
	{ "max-rows",	required_argument, NULL, OPT_MAXROWS },
	{ "min-pts",	required_argument, NULL, OPT_MINPTS },
	{ "model",	required_argument, NULL, 'm' },
	{ "monetary",	required_argument, NULL, OPT_MONETARY },
	{ "n-init",	required_argument, NULL, OPT_NINIT },
	{ "new-days",	required_argument, NULL, OPT_NEWDAYS },
	{ "no-refine",	no_argument,	   NULL, OPT_NOREFINE },
	{ "no-standardize", no_argument,  NULL, OPT_NOSTD },
	{ "prefix",	required_argument, NULL, OPT_PREFIX },
	{ "profile",	required_argument, NULL, OPT_PROFILE },
	{ "recency",	required_argument, NULL, OPT_RECENCY },
	{ "sample",	required_argument, NULL, OPT_SAMPLE },
	{ "summary",	no_argument,	   NULL, OPT_SUMMARY },
	{ "tol",	required_argument, NULL, OPT_TOL },
	{ "window",	required_argument, NULL, OPT_WINDOW },
	{ NULL, 0, NULL, 0 }
};

static const char *const cmd_names[] = { "rfm", "kmeans", "apply",
	"hierarchical", "dbscan", "lifecycle", NULL };
static const char *const algo_names[] = { "hamerly", "lloyd", "elkan",
	NULL };
static const char *const impute_names[] = { "mean", "median", NULL };

static const char synopsis[] =
"usage: crm-segment rfm | kmeans | apply | hierarchical | dbscan |\n"
"           lifecycle [options] [file ...]\n"
"       crm-segment -h | -V\n";

static const char *const help[] = {
"\n"
"rfm       R, F, M scores 1..N (--bins, 5) by rank: score =\n"
"          ceil(N * (average rank - 0.5) / rows), so equal values share a\n"
"          score; R reversed (recent = N; a blank recency: R 1); appends\n"
"          r_score, f_score, m_score, rfm_cell and segment (the R x F\n"
"          map of crm-segment(1))\n"
"  --recency COL (recency)  --frequency COL (frequency)\n"
"  --monetary COL (monetary_total): the columns of crm-metrics rfm\n"
"  --bins N  --map FILE (CSV r,f,segment; a score or a range LO-HI)\n"
"  --summary  one row per segment: customers, share, mean R, F, M,\n"
"             revenue share (instead of the rows)\n"
"  -m FILE    save the score edges and the map for apply\n"
"kmeans    appends segment (0..k-1) and distance (to the centre, in\n"
"          the transformed units)\n"
"  -c, --columns A,B  features (default: every column but --customer\n"
"             and those with a date on the first row)\n"
"  --log A,B  log1p of these columns first (e.g. frequency and money)\n"
"  --no-standardize  (default: standardise, mean 0 and sd 1)\n"
"  --impute mean|median  fill blanks (default: a blank is a bad row)\n"
"  -k N | -k auto  clusters (8); auto: the best silhouette for k in\n"
"             --k-min (2) .. --k-max (10), on --sample N rows (5000);\n"
"             the curve (k, inertia, silhouette): a table on stderr,\n"
"             or CSV to --curve FILE\n",
"  --n-init N (10)  --max-iter N (300)  --tol X (1e-4)\n"
"  --algo hamerly|elkan|lloyd (hamerly; the same result, elkan with\n"
"             bounds per centre, lloyd every distance)\n"
"  --no-refine  no Hartigan moves on the best run (they lower the\n"
"             inertia; without them the figures are scikit-learn's)\n"
"  --profile FILE  size, share and feature means in original units\n"
"  -m FILE    save the model (columns, transforms, scalers, centres)\n"
"  --seed N (42)  --threads N (all cores; same bytes at any count)\n"
"apply     -m FILE: a kmeans or rfm model on new rows (a pure map)\n"
"hierarchical  Ward linkage, cut at -k N (8) or --height H (the\n"
"          scipy/sklearn merge distance); --max-rows N (20000); the\n"
"          features of kmeans; appends segment\n"
"dbscan    --eps X (0.5)  --min-pts N (5, the point included); the\n"
"          features of kmeans; appends segment, -1 for noise\n"
"  --max-pairs N (1e8)  an error before any work when the pairs of\n"
"             distinct rows to compare are more (eps too large)\n"
"lifecycle from transactions (--customer, --date, --amount): per\n"
"          customer the stage new, growing, mature, declining or lapsed\n"
"          and the evidence (see crm-segment(1) for the rules)\n"
"  --asof DATE (the day after the last date)  --window DAYS (90)\n"
"  --new-days N (90)  --lapsed-days N (180)  --mature-days N (365)\n"
"  --change X (0.25: the relative change that counts as a trend)\n",
"common:   --prefix P  --customer COL  --date COL  --amount COL\n"
"          --date-format FMT  -d, --delimiter C  -t, --tab  --ws\n"
"          -o, --output FILE  --gzip  --reject FILE  --skip-bad\n"
"          -q, --quiet  -h, --help  -V, --version\n"
"\n"
"example:\n"
"  crm-metrics rfm samples/transactions.csv | crm-segment rfm --summary\n"
"  crm-metrics rfm samples/transactions.csv |\n"
"      crm-segment kmeans -c recency,frequency,monetary_total \\\n"
"      --log frequency,monetary_total -k 4 -m seg.model\n",
	NULL
};

static void
opts_init(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	crm_common_init(&o->com);
	o->rcol = "recency";
	o->fcol = "frequency";
	o->mcol = "monetary_total";
	o->bins = 5;
	o->k = 8;
	o->kmin = 2;
	o->kmax = 10;
	o->sample = 5000;
	o->ninit = 10;
	o->maxit = 300;
	o->tol = 1e-4;
	o->height = -1;
	o->maxrows = 20000;
	o->eps = 0.5;
	o->maxpairs = 1e8;
	o->minpts = 5;
	o->window = 90;
	o->newdays = 90;
	o->lapsed = 180;
	o->maturedays = 365;
	o->change = 0.25;
}

/* Options of the features and clustering. */
static int
cluster_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'c':
		collist_add(&o->cols, arg);
		break;
	case 'k':
		if (strcmp(arg, "auto") == 0)
			o->kauto = 1;
		else {
			o->k = (size_t)opt_int(arg, 1, 100000, "-k");
			o->kauto = 0;
		}
		break;
	case OPT_ALGO:
		o->algo = (enum kmeans_algo)opt_enum(arg, algo_names,
		    "--algo");
		break;
	case OPT_CURVE:
		o->curve = arg;
		break;
	case OPT_EPS:
		o->eps = opt_double(arg, 1e-300, 1e300, "--eps");
		break;
	case OPT_HEIGHT:
		o->height = opt_double(arg, 0, 1e300, "--height");
		break;
	case OPT_IMPUTE:
		o->impute = (enum seg_impute)(1 + opt_enum(arg, impute_names,
		    "--impute"));
		break;
	case OPT_KMAX:
		o->kmax = (size_t)opt_int(arg, 2, 1000, "--k-max");
		break;
	case OPT_KMIN:
		o->kmin = (size_t)opt_int(arg, 2, 1000, "--k-min");
		break;
	case OPT_LOG:
		collist_add(&o->logcols, arg);
		break;
	case OPT_MAXITER:
		o->maxit = (int)opt_int(arg, 1, 1000000, "--max-iter");
		break;
	case OPT_MAXPAIRS:
		o->maxpairs = opt_double(arg, 1, 1e18, "--max-pairs");
		break;
	case OPT_MAXROWS:
		o->maxrows = (size_t)opt_int(arg, 1, 10000000, "--max-rows");
		break;
	case OPT_MINPTS:
		o->minpts = (size_t)opt_int(arg, 1, 1000000, "--min-pts");
		break;
	case OPT_NINIT:
		o->ninit = (int)opt_int(arg, 1, 10000, "--n-init");
		break;
	case OPT_NOREFINE:
		o->norefine = 1;
		break;
	case OPT_NOSTD:
		o->nostd = 1;
		break;
	case OPT_SAMPLE:
		o->sample = (size_t)opt_int(arg, 10, 1000000, "--sample");
		break;
	case OPT_TOL:
		o->tol = opt_double(arg, 0, 1, "--tol");
		break;
	default:
		return 0;
	}
	return 1;
}

/* Options of rfm, lifecycle and the files. */
static int
other_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'm':
		o->model = arg;
		break;
	case OPT_ASOF:
		o->asof = opt_day(arg, "--asof");
		o->has_asof = 1;
		break;
	case OPT_BINS:
		o->bins = (int)opt_int(arg, 2, 100, "--bins");
		break;
	case OPT_CHANGE:
		o->change = opt_double(arg, 0, 1, "--change");
		break;
	case OPT_FREQUENCY:
		o->fcol = arg;
		break;
	case OPT_LAPSED:
		o->lapsed = (int)opt_int(arg, 1, 100000, "--lapsed-days");
		break;
	case OPT_MAP:
		o->map = arg;
		break;
	case OPT_MATURE:
		o->maturedays = (int)opt_int(arg, 1, 100000, "--mature-days");
		break;
	case OPT_MONETARY:
		o->mcol = arg;
		break;
	case OPT_NEWDAYS:
		o->newdays = (int)opt_int(arg, 0, 100000, "--new-days");
		break;
	case OPT_PREFIX:
		o->prefix = arg;
		break;
	case OPT_PROFILE:
		o->profile = arg;
		break;
	case OPT_RECENCY:
		o->rcol = arg;
		break;
	case OPT_SUMMARY:
		o->summary = 1;
		break;
	case OPT_WINDOW:
		o->window = (int)opt_int(arg, 1, 100000, "--window");
		break;
	default:
		return 0;
	}
	return 1;
}

/* Options that do not fit the subcommand, and ranges: exit 2. */
static void
check_opts(const struct opts *o)
{
	enum seg_cmd c = o->cmd;

	if (c == CMD_APPLY && o->model == NULL)
		crm_errx(2, "apply needs -m FILE");
	if (o->kmin > o->kmax)
		crm_errx(2, "--k-min is above --k-max");
	if (o->kauto && c != CMD_KMEANS)
		crm_errx(2, "-k auto applies to kmeans");
	if (o->summary && c != CMD_RFM)
		crm_errx(2, "--summary applies to rfm");
	if (o->summary && o->model != NULL)
		crm_errx(2, "--summary and --model exclude each other");
	if (o->map != NULL && c != CMD_RFM)
		crm_errx(2, "--map applies to rfm");
	if ((o->profile != NULL || o->curve != NULL) && c != CMD_KMEANS)
		crm_errx(2, "--profile and --curve apply to kmeans");
	if (o->model != NULL && c != CMD_KMEANS && c != CMD_RFM &&
	    c != CMD_APPLY)
		crm_errx(2, "-m applies to rfm, kmeans and apply");
	if (o->height >= 0 && c != CMD_HIER)
		crm_errx(2, "--height applies to hierarchical");
}

static void
parse(struct opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "c:k:m:",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help_parts(synopsis, help);
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (crm_common_opt(&o->com, ch, optarg) ||
		    cluster_opt(o, ch, optarg) || other_opt(o, ch, optarg))
			continue;
		crm_usage(synopsis);
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

int
main(int argc, char **argv)
{
	static int (*const run[])(const struct opts *) = { seg_rfm,
		seg_kmeans, seg_apply, seg_hier, seg_dbscan, seg_lifecycle };
	struct opts o;
	int rc;

	crm_setprogname("crm-segment");
	opts_init(&o);
	o.cmd = (enum seg_cmd)crm_subcommand(argc, argv, synopsis, help,
	    cmd_names);
	parse(&o, argc - 1, argv + 1);
	check_opts(&o);
	rc = run[o.cmd](&o);
	collist_free(&o.cols);
	collist_free(&o.logcols);
	return rc;
}
