/*
 * crm-clean: make customer data trustworthy before analysis.  This file
 * holds the options and the stream loop: read each record, reject the
 * malformed and the invalid, transform the cells, drop exact duplicates
 * and write the rest; rows in = rows out + rejected + duplicates.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "input.h"
#include "opt.h"
#include "rx.h"
#include "clean.h"
#include "prep.h"

enum {
	OPT_DEDUP = OPT_COMMON_LAST,
	OPT_DUPLICATES,
	OPT_KEEP,
	OPT_LOWER,
	OPT_MATCH,
	OPT_REPORT,
	OPT_REQUIRE,
	OPT_TRIM,
	OPT_UPPER
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CLEAN_PREP_LONGOPTS,
	{ "dedup",	required_argument, NULL, OPT_DEDUP },
	{ "duplicates",	required_argument, NULL, OPT_DUPLICATES },
	{ "keep",	required_argument, NULL, OPT_KEEP },
	{ "lower",	required_argument, NULL, OPT_LOWER },
	{ "match",	required_argument, NULL, OPT_MATCH },
	{ "report",	required_argument, NULL, OPT_REPORT },
	{ "require",	required_argument, NULL, OPT_REQUIRE },
	{ "trim",	optional_argument, NULL, OPT_TRIM },
	{ "upper",	required_argument, NULL, OPT_UPPER },
	{ "verbose",	no_argument,	   NULL, 'v' },
	{ NULL,		0,		   NULL, 0 }
};

static const char *const keep_names[] = { "first", "last", NULL };

static const char synopsis[] =
"usage: crm-clean [-hqtVv] [-d delim] [-o file] [--amount cols]\n"
"                 [--country cc] [--country-column col] [--date cols]\n"
"                 [--date-format fmt] [--decimal-comma] [--dedup cols]\n"
"                 [--derive name=expr] [--drop cols] [--duplicates file]\n"
"                 [--email cols] [--email-canonical] [--email-lower-local]\n"
"                 [--excel-safe] [--fill col=value|mean|median|mode]\n"
"                 [--filtered file] [--flag] [--gzip] [--hash cols]\n"
"                 [--keep first|last] [--lower cols] [--mask cols]\n"
"                 [--mask-keep n] [--match col=regex] [--name cols]\n"
"                 [--outliers cols] [--method iqr|zscore|mad] [--k k]\n"
"                 [--outliers-reject] [--phone cols] [--reject file]\n"
"                 [--report file] [--require cols] [--salt salt]\n"
"                 [--salt-file file] [--schema file] [--select cols]\n"
"                 [--skip-bad] [--trim[=cols]] [--upper cols]\n"
"                 [--where expr] [file ...]\n";

static const char help[] =
"\n"
"  -d, --delimiter C   input field delimiter (default ',')\n"
"  -t, --tab           tab-separated input\n"
"  -o, --output FILE   write to FILE atomically (gzip when it ends in .gz)\n"
"      --gzip          compress the output\n"
"rows and columns (expressions: see crm-clean(1)):\n"
"      --where EXPR    keep the rows where EXPR is true; the others are\n"
"                      filtered (counted, not bad)\n"
"      --filtered FILE write the rows --where filtered out to FILE\n"
"      --derive NAME=EXPR  add or replace column NAME (repeatable, in order)\n"
"      --select COLS   write these columns, in this order (after --derive)\n"
"      --drop COLS     do not write these columns\n"
"cells:\n"
"      --trim[=COLS]   trim and collapse spaces (all columns without COLS)\n"
"      --lower COLS    lower-case the cells of COLS\n"
"      --upper COLS    upper-case the cells of COLS\n"
"      --fill COL=V    fill empty cells with V, or the column's mean,\n"
"                      median or mode (reads the input twice)\n"
"      --email COLS    trim, lower-case the domain, check the address\n"
"      --email-lower-local  lower-case the local part too\n"
"      --email-canonical    fold gmail dots and +tags, googlemail\n"
"      --phone COLS    to E.164 (+4420...); needs --country for numbers\n"
"                      without a country code\n"
"      --country CC    default region: AU CA CN DE ES FR GB IN JP US\n"
"      --country-column COL  the region of each row (else --country)\n"
"      --date COLS     to ISO 8601 YYYY-MM-DD[THH:MM:SS]\n"
"      --date-format F input date format, %Y %m %d ... (repeatable;\n"
"                      a value two formats read differently is an error)\n"
"      --amount COLS   $1,234.50 and (12.00) to 1234.50 and -12.00\n"
"      --decimal-comma amounts are written 1.234,50\n"
"      --name COLS     collapse spaces, title-case names written in one\n"
"                      case; CJK as written\n"
"      --outliers COLS add COL_outlier (1 or 0) by --method (iqr, zscore,\n"
"                      mad; default iqr) with --k (1.5, 3, 3.5)\n"
"      --outliers-reject  reject the outliers instead\n"
"validation:\n"
"      --require COLS  reject rows with an empty cell in COLS\n"
"      --match COL=RE  reject rows whose COL does not match the PCRE2 RE\n"
"      --schema FILE   check each column's type (CSV column,type,required)\n"
"      --flag          write what is wrong to an errors column instead of\n"
"                      rejecting (normalisers and --schema)\n"
"personal data:\n"
"      --hash COLS     hex SHA-256 of the salt and the cell\n"
"      --salt S, --salt-file FILE  the salt of --hash\n"
"      --mask COLS     replace all but the last 4 characters with *\n"
"      --mask-keep N   keep the last N characters instead\n"
"      --excel-safe    prefix ' to cells starting with = + - @ tab CR\n"
"duplicates:\n"
"      --dedup COLS    drop rows whose COLS repeat an earlier row's\n"
"      --keep WHICH    with --dedup: keep the first or last of each key\n"
"      --duplicates FILE  with --dedup: write the rows dropped to FILE\n"
"bad rows and counts:\n"
"      --reject FILE   write rejected rows with a reason column to FILE\n"
"      --skip-bad      drop bad rows (counted) instead of stopping\n"
"      --report FILE   write the counts as CSV metric,column,count\n"
"  -v, --verbose       print the counts on stderr\n"
"  -q, --quiet         no progress or skip warnings\n"
"  -h, --help          this help\n"
"  -V, --version       the version\n"
"\n"
"examples:\n"
"  crm-clean --trim --lower email --require email --dedup email \\\n"
"      --reject bad.csv samples/customers.csv > clean.csv\n"
"  crm-clean --where 'Quantity > 0 and not is_empty(CustomerID)' \\\n"
"      --derive 'amount=Quantity*UnitPrice' \\\n"
"      --select CustomerID,InvoiceNo,InvoiceDate,amount retail.csv\n";

/* Add one --match COL=REGEX, compiling the pattern now (exit 2 if bad). */
static void
add_match(struct opts *o, const char *arg)
{
	struct match *m;
	char *eq, err[256];

	if ((eq = strchr(arg, '=')) == NULL || eq == arg)
		crm_errx(2, "--match: expected COL=REGEX ('%s')", arg);
	o->match = xreallocarray(o->match, o->nmatch + 1, sizeof(*o->match));
	m = &o->match[o->nmatch++];
	m->col = xstrdup(arg);
	m->col[eq - arg] = '\0';
	m->pattern = m->col + (eq - arg) + 1;
	m->idx = 0;
	if ((m->rx = rx_compile(m->pattern, 0, err, sizeof(err))) == NULL)
		crm_errx(2, "--match: %s ('%s')", err, m->pattern);
}

/* Handle one option that is crm-clean's own; 0 if ch is unknown. */
static int
own_opt(struct opts *o, int ch, char *arg)
{
	switch (ch) {
	case 'v':
		o->verbose = 1;
		break;
	case OPT_DEDUP:
		collist_add(&o->dedup, arg);
		break;
	case OPT_DUPLICATES:
		o->duplicates = arg;
		break;
	case OPT_KEEP:
		o->keep_last = opt_enum(arg, keep_names, "--keep") == 1;
		o->keep_set = 1;
		break;
	case OPT_LOWER:
		collist_add(&o->lower, arg);
		break;
	case OPT_MATCH:
		add_match(o, arg);
		break;
	case OPT_REPORT:
		o->report = arg;
		break;
	case OPT_REQUIRE:
		collist_add(&o->require, arg);
		break;
	case OPT_TRIM:
		if (arg == NULL)
			o->trim_all = 1;
		else
			collist_add(&o->trim, arg);
		break;
	case OPT_UPPER:
		collist_add(&o->upper, arg);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Parse the command line into o; exits 0 for -h/-V, 2 on misuse. */
static void
opts_parse(struct opts *o, int argc, char *argv[])
{
	int ch;

	memset(o, 0, sizeof(*o));
	crm_common_init(&o->com);
	prep_opts_init(&o->prep);
	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "v",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help(synopsis, help);
		else if (ch == 'V') {
			crm_version();
			exit(0);
		} else if (!prep_opt(&o->prep, ch, optarg) &&
		    !crm_common_opt(&o->com, ch, optarg) &&
		    !own_opt(o, ch, optarg))
			crm_usage(synopsis);
	}
	if (o->keep_set && o->dedup.n == 0)
		crm_errx(2, "--keep needs --dedup");
	if (o->duplicates && o->dedup.n == 0)
		crm_errx(2, "--duplicates needs --dedup");
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
	prep_opts_check(&o->prep, argc - optind, o->files);
}

static void
opts_free(struct opts *o)
{
	size_t i;

	collist_free(&o->trim);
	collist_free(&o->lower);
	collist_free(&o->upper);
	collist_free(&o->require);
	collist_free(&o->dedup);
	for (i = 0; i < o->nmatch; i++) {
		rx_free(o->match[i].rx);
		free(o->match[i].col);
	}
	free(o->match);
	prep_opts_free(&o->prep);
}

/* Mark the columns of list with op; a column both lowered and upper-cased
 * is a usage error. */
static void
mark_ops(struct cleaner *cl, struct collist *list, unsigned char op)
{
	size_t i, c;

	collist_resolve(list, cl->r);
	for (i = 0; i < list->n; i++) {
		c = (size_t)list->idx[i];
		if (((op | cl->ops[c]) & (OP_LOWER | OP_UPPER)) ==
		    (OP_LOWER | OP_UPPER))
			crm_errx(2,
			    "column '%s' is in both --lower and --upper",
			    list->names[i]);
		cl->ops[c] |= op;
	}
}

/*
 * Resolve every column named on the command line (exit 2 when one is
 * missing or ambiguous) and allocate the per-column state.
 */
static void
cleaner_setup(struct cleaner *cl, struct opts *o)
{
	size_t i, n = csv_ncols(cl->r);

	cl->ncols = n;
	cl->ops = xcalloc(n, 1);
	cl->chg = xcalloc(n, 1);
	cl->val = xcalloc(n, sizeof(*cl->val));
	cl->len = xcalloc(n, sizeof(*cl->len));
	cl->tcols = xcalloc(n, sizeof(*cl->tcols));
	if (o->trim_all)
		memset(cl->ops, OP_TRIM, n);
	mark_ops(cl, &o->trim, OP_TRIM);
	mark_ops(cl, &o->lower, OP_LOWER);
	mark_ops(cl, &o->upper, OP_UPPER);
	collist_resolve(&o->require, cl->r);
	collist_resolve(&o->dedup, cl->r);
	for (i = 0; i < o->nmatch; i++)
		o->match[i].idx = col_require(cl->r, o->match[i].col);
	cl->prep = prep_new(cl, &o->prep);
	for (i = 0; i < n; i++)
		if (cl->ops[i])
			cl->tcols[cl->ntcols++] = i;
	if (o->dedup.n > 0)
		cl->dd = clean_dedup_new(o->keep_last,
		    cl->prep != NULL ? prep_nslots(cl->prep) : n);
	clean_tally_init(&cl->t, n);
}

static void
end_row(struct csv_writer *w)
{
	if (csv_end_row(w) == -1)
		crm_err(1, "write error on %s", csv_writer_path(w));
}

/* The output header: the input's, or the columns prep writes. */
static void
put_header(struct cleaner *cl, struct csv_writer *w)
{
	if (cl->prep != NULL)
		prep_put_header(cl->prep, w);
	else
		csv_put_row(w, csv_header(cl->r));
	end_row(w);
}

/* Write the current row, with its transformed cells, to w. */
static void
put_cells(struct cleaner *cl, struct csv_writer *w, const struct csv_row *row)
{
	const char *v;
	size_t i, n;

	if (cl->prep != NULL)
		prep_put_row(cl, w, row);
	else if (!cl->changed)
		csv_put_row(w, row);
	else
		for (i = 0; i < cl->ncols; i++) {
			v = clean_rules_value(cl, row, i, &n);
			csv_put(w, v, n);
		}
	end_row(w);
}

/* Write the current row to the output. */
static void
emit(struct cleaner *cl, const struct csv_row *row)
{
	size_t i;

	put_cells(cl, cl->out, row);
	for (i = 0; i < cl->ntcols; i++)
		cl->t.changed[cl->tcols[i]] += cl->chg[cl->tcols[i]];
	cl->t.out++;
}

/* --keep last replaced an earlier row: write that one to --duplicates. */
static void
dropped(void *arg, const char *const *val, const size_t *len)
{
	struct cleaner *cl = arg;
	size_t i;

	if (cl->prep != NULL)
		prep_put_cells(cl, cl->dupw, val, len);
	else
		for (i = 0; i < cl->ncols; i++)
			csv_put(cl->dupw, val[i], len[i]);
	end_row(cl->dupw);
}

/* Write a row kept by --keep last; flags are its changed cells. */
static void
emit_kept(void *arg, const char *const *val, const size_t *len,
    const unsigned char *flags)
{
	struct cleaner *cl = arg;
	size_t i;

	if (cl->prep != NULL)
		prep_put_cells(cl, cl->out, val, len);
	else
		for (i = 0; i < cl->ncols; i++)
			csv_put(cl->out, val[i], len[i]);
	for (i = 0; i < cl->ntcols; i++)
		cl->t.changed[cl->tcols[i]] += flags[cl->tcols[i]];
	end_row(cl->out);
	cl->t.out++;
}

/* A row that passed validation: de-duplicate it, or write it. */
static void
keep(struct cleaner *cl, const struct csv_row *row)
{
	const char *v;
	size_t i, n;

	if (cl->dd == NULL) {
		emit(cl, row);
		return;
	}
	clean_dedup_key_reset(cl->dd);
	for (i = 0; i < cl->o->dedup.n; i++) {
		v = clean_rules_value(cl, row, (size_t)cl->o->dedup.idx[i], &n);
		clean_dedup_key_add(cl->dd, v, n);
	}
	if (!cl->o->keep_last) {
		if (clean_dedup_first(cl->dd))
			emit(cl, row);
		else {
			cl->t.dup++;
			if (cl->dupw != NULL)
				put_cells(cl, cl->dupw, row);
		}
		return;
	}
	for (i = 0; i < cl->ncols; i++)
		cl->val[i] = clean_rules_value(cl, row, i, &cl->len[i]);
	cl->t.dup += cl->prep != NULL ? prep_dedup_last(cl->prep, cl->dd,
	    cl->chg, cl->dupw != NULL ? dropped : NULL, cl) :
	    clean_dedup_last_put(cl->dd, cl->val, cl->len, cl->chg,
	    cl->dupw != NULL ? dropped : NULL, cl);
}

/* The stream loop. */
static void
clean(struct cleaner *cl)
{
	const struct csv_row *row;

	while (input_next(cl->in, &row)) {
		cl->t.in++;
		clean_rules_transform(cl, row);
		if (cl->prep != NULL && prep_cells(cl, row) == -1)
			continue;
		if (clean_rules_check(cl, row) == -1)
			input_reject(cl->in, row, "%s", cl->why);
		else if (cl->prep == NULL || prep_row(cl, row) == 0)
			keep(cl, row);
	}
	if (cl->dd != NULL && cl->o->keep_last)
		clean_dedup_last_flush(cl->dd, emit_kept, cl);
}

/*
 * Close the outputs (exit 1 on a write error) and report the counts.
 * The records the reader refused are counted by the input layer.
 */
static void
finish(struct cleaner *cl)
{
	const struct opts *o = cl->o;
	struct input_counts n;

	crm_close_output(cl->out);
	if (cl->dupw != NULL)
		crm_close_output(cl->dupw);
	prep_finish(cl->prep);
	if (cl->in != NULL) {
		input_counts(cl->in, &n);
		cl->t.ragged = n.ragged;
		cl->t.syntax = n.syntax;
		cl->t.in += n.ragged + n.syntax;
	}
	if (o->report != NULL)
		clean_report_write(&cl->t, cl->r, o->report);
	if (o->verbose)
		clean_report_verbose(&cl->t, cl->r);
	input_close(cl->in);
	cl->in = NULL;
}

static void
cleaner_free(struct cleaner *cl)
{
	free(cl->ops);
	free(cl->chg);
	free(cl->val);
	free(cl->len);
	free(cl->tcols);
	free(cl->scratch);
	free(cl->why);
	clean_dedup_free(cl->dd);
	prep_free(cl->prep);
	clean_tally_free(&cl->t);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct cleaner cl;

	crm_setprogname("crm-clean");
	opts_parse(&o, argc, argv);
	memset(&cl, 0, sizeof(cl));
	cl.o = &o;
	if ((cl.in = input_open(&o.com, o.files, o.nfiles)) != NULL) {
		cl.r = input_reader(cl.in);
		cleaner_setup(&cl, &o);
	} else {
		clean_tally_init(&cl.t, 0);	/* empty input */
		if (o.prep.filtered != NULL)	/* created empty, as -o is */
			crm_close_output(crm_open_file(o.prep.filtered, 0));
	}
	cl.out = crm_open_output(&o.com);
	if (cl.in != NULL) {
		put_header(&cl, cl.out);
		if (o.duplicates != NULL) {
			cl.dupw = crm_open_file(o.duplicates, 0);
			put_header(&cl, cl.dupw);
		}
		clean(&cl);
	}
	finish(&cl);
	cleaner_free(&cl);
	opts_free(&o);
	return 0;
}
