/*
 * opt.c: the options all programs share, option-argument parsing, column
 * lists and the output.  Usage errors exit 2 from here, as usage() does.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "num.h"
#include "opt.h"

static const char *const role_flags[ROLE_COUNT] = {
	"customer", "date", "amount", "order", "item", "text", "label",
	"score"
};
static const char *const role_defaults[ROLE_COUNT] = {
	"customer_id", "date", "amount", "order_id", "item", "text", "label",
	"score"
};

const char *
crm_role_flag(enum crm_role r)
{
	return role_flags[r];
}

const char *
crm_role_default(enum crm_role r)
{
	return role_defaults[r];
}

void
crm_common_init(struct crm_common *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	c->delim = ',';
	c->seed = 42;
	for (i = 0; i < ROLE_COUNT; i++)
		c->role[i] = role_defaults[i];
}

int
crm_common_opt(struct crm_common *c, int ch, const char *arg)
{
	switch (ch) {
	case 'd':
		c->delim = opt_delim(arg);
		return 1;
	case 't':
		c->delim = '\t';
		return 1;
	case OPT_WS:		/* the last of -d, -t and --ws counts */
		c->delim = CSV_WS;
		return 1;
	case 'o':
		c->output = arg;
		return 1;
	case 'q':
		c->quiet = 1;
		return 1;
	case OPT_REJECT:
		c->reject = arg;
		return 1;
	case OPT_SKIP_BAD:
		c->skip_bad = 1;
		return 1;
	case OPT_SEED:
		c->seed = (uint64_t)opt_int(arg, 0, INT64_MAX, "--seed");
		return 1;
	case OPT_THREADS:
		c->threads = (int)opt_int(arg, 1, 1024, "--threads");
		return 1;
	case OPT_GZIP:
		c->gzip = 1;
		return 1;
	case OPT_DATE_FORMAT:
		if (date_fmt_check(arg) != NULL)
			crm_errx(2, "--date-format: %s ('%s')",
			    date_fmt_check(arg), arg);
		c->datefmt = arg;
		return 1;
	}
	if (ch >= OPT_ROLE && ch < OPT_ROLE + ROLE_COUNT) {
		if (*arg == '\0')
			crm_errx(2, "--%s: a column name cannot be empty",
			    role_flags[ch - OPT_ROLE]);
		c->role[ch - OPT_ROLE] = arg;
		c->role_set |= 1u << (ch - OPT_ROLE);
		return 1;
	}
	return 0;
}

int
crm_getopt(int argc, char *const argv[], const char *shortopts,
    const struct option *longopts)
{
	char spec[128];
	int ch;

	snprintf(spec, sizeof(spec), ":%s", shortopts);
	opterr = 0;
	ch = getopt_long(argc, argv, spec, longopts, NULL);
	if (ch == ':') {
		crm_warnx("option '%s' needs an argument", argv[optind - 1]);
		return '?';
	}
	if (ch == '?') {
		if (optopt != 0)
			crm_warnx("unknown option '-%c'", optopt);
		else
			crm_warnx("unknown option '%s'", argv[optind - 1]);
	}
	return ch;
}

int
crm_nthreads(const struct crm_common *c)
{
	long n;

	if (c->threads > 0)
		return c->threads;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int
crm_show_progress(const struct crm_common *c)
{
	return !c->quiet && isatty(2);
}

void
crm_version(void)
{
	printf("%s (crmkit) %s\n", crm_progname(), CRM_VERSION);
}

void
crm_usage(const char *synopsis)
{
	fflush(stdout);
	fputs(synopsis, stderr);
	exit(2);
}

void
crm_help(const char *synopsis, const char *help)
{
	const char *parts[2] = { help, NULL };

	crm_help_parts(synopsis, parts);
}

void
crm_help_parts(const char *synopsis, const char *const *parts)
{
	fputs(synopsis, stdout);
	for (; *parts != NULL; parts++)
		fputs(*parts, stdout);
	if (fflush(stdout) == EOF || ferror(stdout))
		crm_err(1, "write error on <stdout>");
	exit(0);
}

long long
opt_int(const char *arg, long long min, long long max, const char *what)
{
	const char *why;
	long long v;

	if (num_parse_int(arg, strlen(arg), min, max, &v, &why) == -1) {
		if (strcmp(why, "out of range") == 0)
			crm_errx(2, "%s: must be %lld to %lld ('%s')", what,
			    min, max, arg);
		crm_errx(2, "%s: %s ('%s')", what, why, arg);
	}
	return v;
}

double
opt_double(const char *arg, double min, double max, const char *what)
{
	const char *why;
	double v;

	if (num_parse(arg, strlen(arg), &v, &why) == -1)
		crm_errx(2, "%s: %s ('%s')", what, why, arg);
	if (v < min || v > max)
		crm_errx(2, "%s: must be %g to %g ('%s')", what, min, max, arg);
	return v;
}

int
crm_subcommand(int argc, char *const argv[], const char *synopsis,
    const char *const *help_parts, const char *const *names)
{
	if (argc < 2)
		crm_usage(synopsis);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		crm_help_parts(synopsis, help_parts);
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		crm_version();
		exit(0);
	}
	return opt_enum(argv[1], names, "subcommand");
}

long long
opt_day(const char *arg, const char *what)
{
	int64_t secs;
	const char *why = NULL;

	if (date_parse_iso(arg, strlen(arg), &secs, &why) != 0)
		crm_errx(2, "%s: %s ('%s')", what, why ? why : "not a date",
		    arg);
	return date_days(secs);
}

int
opt_enum(const char *arg, const char *const *names, const char *what)
{
	char list[256];
	size_t n = 0;
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	list[0] = '\0';
	for (i = 0; names[i] && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
		    i ? ", " : "", names[i]);
	crm_errx(2, "%s: must be one of %s ('%s')", what, list, arg);
}

int
opt_delim(const char *arg)
{
	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
		return '\t';
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' ||
	    arg[0] == '\r')
		crm_errx(2, "--delimiter: must be one character other than a "
		    "quote or newline, or '\\t' ('%s')", arg);
	return (unsigned char)arg[0];
}

void
collist_add(struct collist *l, const char *arg)
{
	char *name = xmalloc(strlen(arg) + 1), *q = name;
	const char *p;

	for (p = arg;; p++) {
		if (*p == '\\' && (p[1] == ',' || p[1] == '\\')) {
			*q++ = *++p;
			continue;
		}
		if (*p != ',' && *p != '\0') {
			*q++ = *p;
			continue;
		}
		*q = '\0';
		l->names = xgrow(l->names, &l->cap, l->n + 1,
		    sizeof(*l->names));
		l->names[l->n++] = xstrdup(name);
		q = name;
		if (*p == '\0')
			break;
	}
	free(name);
}

void
collist_free(struct collist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	free(l->idx);
	memset(l, 0, sizeof(*l));
}

/* "a,b,c" of the header, cut short when long, for messages. */
static void
header_list(const struct csv_reader *r, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < csv_ncols(r); i++) {
		if (n + strlen(csv_name(r, i)) + 5 >= size) {
			snprintf(buf + n, size - n, ",...");
			return;
		}
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "," : "",
		    csv_name(r, i));
	}
}

long
col_optional(const struct csv_reader *r, const char *name)
{
	long k = csv_col(r, name);

	if (k == -2)
		crm_errx(2, "column '%s' is ambiguous (the header has it more "
		    "than once)", name);
	return k;
}

size_t
col_require(const struct csv_reader *r, const char *name)
{
	char have[512];
	long k = col_optional(r, name);

	if (k < 0) {
		header_list(r, have, sizeof(have));
		crm_errx(2, "no column '%s' (have: %s)", name, have);
	}
	return (size_t)k;
}

void
collist_resolve(struct collist *l, const struct csv_reader *r)
{
	size_t i;

	free(l->idx);
	l->idx = xcalloc(l->n ? l->n : 1, sizeof(*l->idx));
	for (i = 0; i < l->n; i++)
		l->idx[i] = (long)col_require(r, l->names[i]);
}

void
col_check_new(const struct csv_reader *r, const char *prefix,
    const char *const *names)
{
	char name[256];

	for (; *names; names++) {
		snprintf(name, sizeof(name), "%s%s", prefix ? prefix : "",
		    *names);
		if (csv_col(r, name) != -1)
			crm_errx(2, "the input already has a column '%s' (use "
			    "--prefix to rename the new ones)", name);
	}
}

struct csv_writer *
crm_open_file(const char *path, int gzip)
{
	struct csv_writer *w;

	if ((w = csv_writer_open(path, gzip)) == NULL)
		crm_err(1, "%s", path ? path : "<stdout>");
	return w;
}

struct csv_writer *
crm_open_output(const struct crm_common *c)
{
	return crm_open_file(c->output, c->gzip);
}

void
crm_close_output(struct csv_writer *w)
{
	char *name = xstrdup(csv_writer_path(w));

	if (csv_writer_close(w) == -1)
		crm_err(1, "write error on %s", name);
	free(name);
}
