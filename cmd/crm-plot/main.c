/*
 * crm-plot: the charts an analyst looks at, as standalone SVG from CSV
 * (bar, hist, line, pie, scatter, heatmap), and the HTML report built
 * from them (table, page).  This file holds the options and picks the
 * subcommand; each chart is drawn in its own file.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "opt.h"

#include "plot.h"

enum {
	OPT_ALPHA = OPT_COMMON_LAST, OPT_BINS, OPT_BY, OPT_DECIMALS,
	OPT_HEIGHT, OPT_HIGH, OPT_LOG, OPT_LOW, OPT_MAX_POINTS,
	OPT_MAX_SLICES, OPT_SIZE, OPT_STACKED, OPT_TITLE, OPT_WIDTH,
	OPT_XLABEL, OPT_YLABEL
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CRM_OPT_SEED,
	{ "alpha",	required_argument, NULL, OPT_ALPHA },
	{ "bins",	required_argument, NULL, OPT_BINS },
	{ "by",		required_argument, NULL, OPT_BY },
	{ "decimals",	required_argument, NULL, OPT_DECIMALS },
	{ "height",	required_argument, NULL, OPT_HEIGHT },
	{ "high",	required_argument, NULL, OPT_HIGH },
	{ "log",	required_argument, NULL, OPT_LOG },
	{ "low",	required_argument, NULL, OPT_LOW },
	{ "max-points",	required_argument, NULL, OPT_MAX_POINTS },
	{ "max-slices",	required_argument, NULL, OPT_MAX_SLICES },
	{ "rows",	required_argument, NULL, 'n' },
	{ "size",	required_argument, NULL, OPT_SIZE },
	{ "stacked",	no_argument,	   NULL, OPT_STACKED },
	{ "title",	required_argument, NULL, OPT_TITLE },
	{ "width",	required_argument, NULL, OPT_WIDTH },
	{ "xlabel",	required_argument, NULL, OPT_XLABEL },
	{ "ylabel",	required_argument, NULL, OPT_YLABEL },
	{ NULL, 0, NULL, 0 }
};

static const char *const cmd_names[] = { "bar", "hist", "line", "pie",
	"scatter", "heatmap", "table", "page", NULL };
static const char *const log_names[] = { "x", "y", "xy", NULL };

static const char synopsis[] =
"usage: crm-plot bar -x col [-y col] [--by col] [--stacked] [options]\n"
"           [file ...]\n"
"       crm-plot hist -x col [--bins n | auto] [options] [file ...]\n"
"       crm-plot line -x col -y cols [--by col] [options] [file ...]\n"
"       crm-plot pie -x col -y col [--max-slices n] [options] [file ...]\n"
"       crm-plot scatter -x col -y col [--by col] [--size col] [options]\n"
"           [file ...]\n"
"       crm-plot heatmap -x col -y col -z col [options] [file ...]\n"
"       crm-plot table [-n rows] [--decimals n] [options] [file ...]\n"
"       crm-plot page [-o file] [--title text] part ...\n"
"       crm-plot -h | -V\n";

#define HELP_COMMON \
"look:     --title TEXT  --xlabel TEXT  --ylabel TEXT (\"\": none)\n" \
"          --width PX (720)  --height PX (420)\n" \
"common:   -d, --delimiter C  -t, --tab  --ws  -o, --output FILE  --gzip\n" \
"          --reject FILE  --skip-bad  -q, --quiet  -h, --help\n" \
"          -V, --version\n"

static const char help[] =
"\n"
"charts (SVG on stdout or -o FILE):\n"
"bar:      -x COL categories, -y COL values (without -y: rows counted)\n"
"          --by COL groups side by side, --stacked on top of each other\n"
"          --low COL --high COL an interval on each bar\n"
"hist:     -x COL  --bins N|auto (Freedman-Diaconis)\n"
"line:     -x COL (dates and periods laid out in time)  -y COL[,COL...]\n"
"          --by COL one line per group\n"
"pie:      -x COL labels  -y COL values (>= 0)  --max-slices N (8)\n"
"scatter:  -x COL  -y COL  --by COL  --size COL  --alpha A\n"
"          --max-points N (5000; a seeded sample above)  --seed N\n"
"heatmap:  -x COL  -y COL  -z COL (cohort retention, long form)\n"
"bar, hist, line, scatter: --log x|y|xy\n"
"report:   table: -n, --rows N  --decimals N (2)  --title TEXT\n"
"          page: --title TEXT  parts (.svg files and table fragments)\n"
HELP_COMMON
"\n"
"example:\n"
"  crm-plot line -x period -y revenue -o revenue.svg summary.csv\n"
"  crm-plot bar --help   (the options of one chart)\n";

/* One subcommand's own usage and help, for "crm-plot CMD --help". */
static const char *const sub_syn[] = {
"usage: crm-plot bar -x col [-y col] [--by col] [--stacked] [options]\n"
"           [file ...]\n",
"usage: crm-plot hist -x col [--bins n | auto] [options] [file ...]\n",
"usage: crm-plot line -x col -y cols [--by col] [options] [file ...]\n",
"usage: crm-plot pie -x col -y col [--max-slices n] [options] [file ...]\n",
"usage: crm-plot scatter -x col -y col [--by col] [--size col] [options]\n"
"           [file ...]\n",
"usage: crm-plot heatmap -x col -y col -z col [options] [file ...]\n",
"usage: crm-plot table [-n rows] [--decimals n] [options] [file ...]\n",
"usage: crm-plot page [-o file] [--title text] part ...\n"
};

static const char *const sub_help[] = {
"\n  One bar per row (rows with the same x add up); without -y, the\n"
"  number of rows of each x.\n"
"  -x COL  categories   -y COL  values   --by COL  groups (a legend)\n"
"  --stacked  groups on top of each other   --log y\n"
"  --low COL --high COL  an interval drawn on each bar (one series)\n"
HELP_COMMON
"\nexample:\n  crm-metrics nps --by channel samples/survey.csv |\n"
"      crm-plot bar -x channel -y nps --low nps_low --high nps_high\n",
"\n  Bins a numeric column.  --bins auto (the default) takes the\n"
"  Freedman-Diaconis width 2 IQR / n^(1/3), rounded to 1, 2 or 5 times\n"
"  a power of ten.\n"
"  -x COL  --bins N|auto  --log x|y|xy\n" HELP_COMMON
"\nexample:\n  crm-plot hist -x amount samples/transactions.csv \\\n"
"      > amounts.svg\n",
"\n  One line per -y column, or per --by group.  x may be numbers, dates\n"
"  (2024-03-05) or periods (2024-03, 2024-Q1, 2024-W10), laid out in\n"
"  time with calendar ticks, or other text (in the order first seen).\n"
"  -x COL  -y COL[,COL...]  --by COL  --log y\n" HELP_COMMON
"\nexample:\n  crm-metrics summary --period month samples/transactions.csv |\n"
"      crm-plot line -x period -y revenue > revenue.svg\n",
"\n  Slices largest first; past --max-slices N (8) the smallest are one\n"
"  slice \"other\".  A negative value is a bad row.\n"
"  -x COL  labels   -y COL  values   --max-slices N\n" HELP_COMMON
"\nexample:\n  crm-metrics nps --by channel samples/survey.csv |\n"
"      crm-plot pie -x channel -y responses > responses.svg\n",
"\n  Points of -x against -y, coloured by --by, sized by --size.  Above\n"
"  --max-points N (5000) a uniform sample of N points (seeded by\n"
"  --seed) is drawn, and a note says so.\n"
"  -x COL  -y COL  --by COL  --size COL  --alpha A (0..1)\n"
"  --max-points N  --seed N  --log x|y|xy\n" HELP_COMMON
"\nexample:\n  crm-metrics rfm samples/transactions.csv |\n"
"      crm-plot scatter -x frequency -y monetary_total > rfm.svg\n",
"\n  A matrix of -z values at (-x, -y), each cell coloured from light\n"
"  to dark with its value written in it when it fits.\n"
"  -x COL  -y COL  -z COL\n" HELP_COMMON
"\nexample:\n  crm-metrics retention --period quarter --pct --long \\\n"
"      samples/transactions.csv |\n"
"      crm-plot heatmap -x period -y cohort -z pct > retention.svg\n",
"\n  An HTML <table> fragment: every cell escaped, numbers right-aligned\n"
"  with thousands separators and --decimals N (2) decimals.\n"
"  -n, --rows N  the first N rows only   --title TEXT  the caption\n"
"common:   -d, --delimiter C  -t, --tab  --ws  -o, --output FILE  --gzip\n"
"          --reject FILE  --skip-bad  -q, --quiet  -h, --help\n"
"\nexample:\n  crm-plot table -n 10 --title 'NPS' nps.csv > nps.html\n",
"\n  One standalone HTML page with a table of contents: each part, an\n"
"  SVG file of crm-plot or a table fragment, in order, under the title\n"
"  it carries.\n"
"  --title TEXT  the page title   -o, --output FILE\n"
"\nexample:\n  crm-plot page --title 'Shop report' revenue.svg nps.html \\\n"
"      -o report.html\n"
};

static int
look_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_TITLE:
		o->title = arg;
		break;
	case OPT_XLABEL:
		o->xlabel = arg;
		break;
	case OPT_YLABEL:
		o->ylabel = arg;
		break;
	case OPT_WIDTH:
		o->width = (double)opt_int(arg, 100, 10000, "--width");
		break;
	case OPT_HEIGHT:
		o->height = (double)opt_int(arg, 100, 10000, "--height");
		break;
	case OPT_LOG:
		switch (opt_enum(arg, log_names, "--log")) {
		case 0: o->logx = 1; break;
		case 1: o->logy = 1; break;
		default: o->logx = o->logy = 1;
		}
		break;
	default:
		return 0;
	}
	return 1;
}

static int
chart_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'x': o->x = arg; break;
	case 'y': collist_add(&o->y, arg); break;
	case 'z': o->z = arg; break;
	case 'n': o->rows = opt_int(arg, 0, 1000000000, "--rows"); break;
	case OPT_BY: o->by = arg; break;
	case OPT_SIZE: o->size = arg; break;
	case OPT_LOW: o->low = arg; break;
	case OPT_HIGH: o->high = arg; break;
	case OPT_STACKED: o->stacked = 1; break;
	case OPT_ALPHA: o->alpha = opt_double(arg, 0, 1, "--alpha"); break;
	case OPT_MAX_POINTS:
		o->max_points = (size_t)opt_int(arg, 1, 10000000,
		    "--max-points");
		break;
	case OPT_MAX_SLICES:
		o->max_slices = (int)opt_int(arg, 2, 100, "--max-slices");
		break;
	case OPT_DECIMALS:
		o->decimals = (int)opt_int(arg, 0, 12, "--decimals");
		break;
	case OPT_BINS:
		o->bins = strcmp(arg, "auto") == 0 ? 0 :
		    (int)opt_int(arg, 1, 10000, "--bins");
		break;
	default:
		return 0;
	}
	return 1;
}

/* Exit 2 when opt (given: set) does not apply to the subcommand. */
static void
only(const struct opts *o, int set, const char *opt, unsigned cmds)
{
	if (set && !(cmds & (1u << o->cmd)))
		crm_errx(2, "%s does not apply to %s", opt, cmd_names[o->cmd]);
}

#define C(c)	(1u << (c))

static void
check_opts(const struct opts *o)
{
	unsigned charts = C(CMD_BAR) | C(CMD_HIST) | C(CMD_LINE) |
	    C(CMD_PIE) | C(CMD_SCATTER) | C(CMD_HEATMAP);
	int needy = o->cmd == CMD_LINE || o->cmd == CMD_PIE ||
	    o->cmd == CMD_SCATTER || o->cmd == CMD_HEATMAP;

	if ((charts & C(o->cmd)) && o->x == NULL)
		crm_errx(2, "%s needs -x COL", cmd_names[o->cmd]);
	if (needy && o->y.n == 0)
		crm_errx(2, "%s needs -y COL", cmd_names[o->cmd]);
	if (o->cmd == CMD_HEATMAP && o->z == NULL)
		crm_errx(2, "heatmap needs -z COL");
	if (o->y.n > 1 && o->cmd != CMD_LINE)
		crm_errx(2, "-y takes one column in %s", cmd_names[o->cmd]);
	only(o, o->x != NULL, "-x", charts);
	only(o, o->y.n > 0, "-y", charts & ~C(CMD_HIST));
	only(o, o->z != NULL, "-z", C(CMD_HEATMAP));
	only(o, o->by != NULL, "--by", C(CMD_BAR) | C(CMD_LINE) |
	    C(CMD_SCATTER));
	only(o, o->stacked, "--stacked", C(CMD_BAR));
	only(o, o->low || o->high, "--low and --high", C(CMD_BAR));
	if ((o->low == NULL) != (o->high == NULL))
		crm_errx(2, "--low and --high go together");
	if (o->low && (o->by || o->y.n == 0 || o->logy))
		crm_errx(2, "--low and --high need -y, and no --by or --log");
	only(o, o->bins >= 0 && o->bins != -1, "--bins", C(CMD_HIST));
	only(o, o->max_slices > 0, "--max-slices", C(CMD_PIE));
	only(o, o->size != NULL || o->alpha >= 0 || o->max_points > 0,
	    "--size, --alpha and --max-points", C(CMD_SCATTER));
	only(o, o->logx || o->logy, "--log", C(CMD_BAR) | C(CMD_HIST) |
	    C(CMD_LINE) | C(CMD_SCATTER));
	only(o, o->logx, "--log x", C(CMD_HIST) | C(CMD_SCATTER));
	only(o, o->rows >= 0 || o->decimals >= 0, "--rows and --decimals",
	    C(CMD_TABLE));
	only(o, o->xlabel || o->ylabel || o->width > 0 || o->height > 0,
	    "--xlabel, --ylabel, --width and --height", charts);
	if (o->cmd == CMD_PAGE && o->nfiles == 0)
		crm_errx(2, "page needs at least one part");
}

static void
parse(struct opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "n:x:y:z:",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help(sub_syn[o->cmd], sub_help[o->cmd]);
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (crm_common_opt(&o->com, ch, optarg) ||
		    look_opt(o, ch, optarg) || chart_opt(o, ch, optarg))
			continue;
		crm_usage(sub_syn[o->cmd]);
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
	check_opts(o);
	if (o->bins < 0)
		o->bins = 0;
	if (o->max_slices == 0)
		o->max_slices = 8;
	if (o->max_points == 0)
		o->max_points = 5000;
	if (o->width == 0)
		o->width = 720;
	if (o->height == 0)
		o->height = 420;
	if (o->decimals < 0)
		o->decimals = 2;
}

static int
run(const struct opts *o)
{
	switch (o->cmd) {
	case CMD_BAR: return plot_bar(o);
	case CMD_HIST: return plot_hist(o);
	case CMD_LINE: return plot_line(o);
	case CMD_PIE: return plot_pie(o);
	case CMD_SCATTER: return plot_scatter(o);
	case CMD_HEATMAP: return plot_heatmap(o);
	case CMD_TABLE: return plot_table(o);
	default: return plot_page(o);
	}
}

int
main(int argc, char **argv)
{
	struct opts o;
	int rc;

	crm_setprogname("crm-plot");
	if (argc < 2)
		crm_usage(synopsis);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		crm_help(synopsis, help);
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		crm_version();
		return 0;
	}
	memset(&o, 0, sizeof(o));
	crm_common_init(&o.com);
	o.alpha = -1;
	o.bins = -1;
	o.rows = -1;
	o.decimals = -1;
	o.cmd = (enum plot_cmd)opt_enum(argv[1], cmd_names, "subcommand");
	parse(&o, argc - 1, argv + 1);
	rc = run(&o);
	collist_free(&o.y);
	return rc;
}
