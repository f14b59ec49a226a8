/*
 * test_opt.c: the option layer of common/opt.c: column lists, option
 * arguments, the common options and column lookup.  The usage errors
 * exit 2; those run in a forked child whose stderr and status are
 * checked to the letter.
 */
#include <sys/wait.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "err.h"
#include "opt.h"
#include "t.h"
#include "child.h"

/* fn(arg) must exit 2 with exactly msg on stderr. */
#define CHECK_EXIT2(fn, arg, msg) do { \
	char out_[512]; \
	int st_ = in_child((fn), (arg), out_, sizeof(out_)); \
	CHECK(st_ == 2); \
	CHECK(strcmp(out_, (msg)) == 0); \
	if (strcmp(out_, (msg)) != 0) \
		printf("# got: %s", out_); \
} while (0)

/* A temporary CSV file holding text; the caller unlinks and frees. */
static char *
tmpcsv(const char *text)
{
	char *path = strdup("/tmp/crm-test-optXXXXXX");
	int fd = mkstemp(path);
	size_t len = strlen(text);

	if (fd == -1 || write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
	return path;
}

/* A reader on a file holding text, its header read. */
static struct csv_reader *
open_text(const char *text, char **path)
{
	struct csv_reader *r;

	*path = tmpcsv(text);
	r = csv_open(path, 1, ',');
	if (csv_read_header(r) != 1)
		abort();
	return r;
}

/* l holds exactly the n names of want. */
static int
list_is(const struct collist *l, const char *const *want, size_t n)
{
	size_t i;

	if (l->n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(l->names[i], want[i]) != 0)
			return 0;
	return 1;
}

static void
t_collist(void)
{
	static const char *const ab[] = { "a", "b" }, *const comma[] = {
		"a,b" }, *const bs[] = { "a\\b" }, *const acc[] = { "a", "b",
		"c", "d,e" }, *const trail[] = { "a", "" }, *const lead[] = {
		"", "a" }, *const mid[] = { "a", "", "b" }, *const empty[] = {
		"" }, *const lone[] = { "a\\b", "c\\" };
	struct collist l;

	memset(&l, 0, sizeof(l));
	collist_add(&l, "a,b");
	CHECK(list_is(&l, ab, 2));
	collist_free(&l);
	CHECK(l.n == 0 && l.names == NULL && l.cap == 0);
	collist_add(&l, "a\\,b");		/* one name: a,b */
	CHECK(list_is(&l, comma, 1));
	collist_free(&l);
	collist_add(&l, "a\\\\b");		/* a\\b: one backslash */
	CHECK(list_is(&l, bs, 1));
	collist_free(&l);
	collist_add(&l, "a\\b,c\\");		/* a lone backslash stays */
	CHECK(list_is(&l, lone, 2));
	collist_free(&l);
	collist_add(&l, "a,");
	CHECK(list_is(&l, trail, 2));
	collist_free(&l);
	collist_add(&l, ",a");
	CHECK(list_is(&l, lead, 2));
	collist_free(&l);
	collist_add(&l, "a,,b");
	CHECK(list_is(&l, mid, 3));
	collist_free(&l);
	collist_add(&l, "");
	CHECK(list_is(&l, empty, 1));
	collist_free(&l);
	collist_add(&l, "a");			/* repeated flags add up */
	collist_add(&l, "b,c");
	collist_add(&l, "d\\,e");
	CHECK(list_is(&l, acc, 4));
	collist_free(&l);
	collist_free(&l);			/* an empty list frees too */
}

static void
t_opt_args(void)
{
	static const char *const names[] = { "mean", "median", "sum", NULL };

	CHECK(opt_delim("\\t") == '\t');
	CHECK(opt_delim("\t") == '\t');
	CHECK(opt_delim("tab") == '\t');
	CHECK(opt_delim(";") == ';');
	CHECK(opt_delim("|") == '|');
	CHECK(opt_enum("mean", names, "--stat") == 0);
	CHECK(opt_enum("sum", names, "--stat") == 2);
	CHECK(opt_int("-5", -10, 10, "--k") == -5);
	CHECK(opt_int("10", -10, 10, "--k") == 10);
	CHECK(opt_int("-10", -10, 10, "--k") == -10);
	CHECK(opt_int("9223372036854775807", 0, INT64_MAX, "--seed") ==
	    INT64_MAX);
	CHECK(opt_double("0.25", 0, 1, "--p") == 0.25);
	CHECK(opt_double("1e3", 0, 1e6, "--x") == 1000.0);
	CHECK(opt_double("-2", -2, 0, "--x") == -2.0);
}

static void
t_roles(void)
{
	static const char *const flag[ROLE_COUNT] = { "customer", "date",
		"amount", "order", "item", "text", "label", "score" };
	static const char *const def[ROLE_COUNT] = { "customer_id", "date",
		"amount", "order_id", "item", "text", "label", "score" };
	int i;

	for (i = 0; i < ROLE_COUNT; i++) {
		CHECK(strcmp(crm_role_flag((enum crm_role)i), flag[i]) == 0);
		CHECK(strcmp(crm_role_default((enum crm_role)i), def[i]) == 0);
	}
}

static void
t_common_init(void)
{
	struct crm_common c;
	int i;

	memset(&c, 0xa5, sizeof(c));		/* init must set every field */
	crm_common_init(&c);
	CHECK(c.delim == ',' && c.output == NULL && c.reject == NULL);
	CHECK(c.skip_bad == 0 && c.gzip == 0 && c.quiet == 0);
	CHECK(c.seed == 42 && c.threads == 0 && c.datefmt == NULL);
	CHECK(c.role_set == 0);
	for (i = 0; i < ROLE_COUNT; i++)
		CHECK(c.role[i] != NULL && strcmp(c.role[i],
		    crm_role_default((enum crm_role)i)) == 0);
}

static void
t_common_opt(void)
{
	struct crm_common c;

	crm_common_init(&c);
	CHECK(crm_common_opt(&c, OPT_ROLE + ROLE_AMOUNT, "revenue") == 1);
	CHECK(strcmp(c.role[ROLE_AMOUNT], "revenue") == 0);
	CHECK(c.role_set == 1u << ROLE_AMOUNT);
	CHECK(strcmp(c.role[ROLE_CUSTOMER], "customer_id") == 0);
	CHECK(crm_common_opt(&c, OPT_ROLE + ROLE_SCORE, "p") == 1);
	CHECK(c.role_set == (1u << ROLE_AMOUNT | 1u << ROLE_SCORE));
	CHECK(crm_common_opt(&c, OPT_DATE_FORMAT, "%d/%m/%Y") == 1);
	CHECK(c.datefmt != NULL && strcmp(c.datefmt, "%d/%m/%Y") == 0);
	CHECK(crm_common_opt(&c, 'd', ";") == 1 && c.delim == ';');
	CHECK(crm_common_opt(&c, 't', NULL) == 1 && c.delim == '\t');
	CHECK(crm_common_opt(&c, 'o', "out.csv") == 1 &&
	    strcmp(c.output, "out.csv") == 0);
	CHECK(crm_common_opt(&c, 'q', NULL) == 1 && c.quiet == 1);
	CHECK(crm_common_opt(&c, OPT_SEED, "7") == 1 && c.seed == 7);
	CHECK(crm_common_opt(&c, OPT_THREADS, "3") == 1 && c.threads == 3);
	CHECK(crm_common_opt(&c, OPT_GZIP, NULL) == 1 && c.gzip == 1);
	CHECK(crm_common_opt(&c, OPT_SKIP_BAD, NULL) == 1 && c.skip_bad);
	CHECK(crm_common_opt(&c, OPT_REJECT, "bad.csv") == 1 &&
	    strcmp(c.reject, "bad.csv") == 0);
	CHECK(crm_common_opt(&c, 'x', "y") == 0);	/* not ours */
	CHECK(crm_common_opt(&c, OPT_COMMON_LAST, "y") == 0);
	CHECK(crm_common_opt(&c, 'h', NULL) == 0);
}

static void
t_columns(void)
{
	struct csv_reader *r;
	struct collist l;
	char *path;

	r = open_text("a,b,c\n1,2,3\n", &path);
	CHECK(col_optional(r, "a") == 0 && col_optional(r, "c") == 2);
	CHECK(col_optional(r, "x") == -1 && col_optional(r, "") == -1);
	CHECK(col_optional(r, "A") == -1);	/* names are exact */
	CHECK(col_require(r, "b") == 1);
	memset(&l, 0, sizeof(l));
	collist_add(&l, "c,a");
	collist_resolve(&l, r);
	CHECK(l.idx != NULL && l.idx[0] == 2 && l.idx[1] == 0);
	collist_free(&l);
	csv_close(r);
	unlink(path);
	free(path);
}

/* The children of t_usage_errors: each must exit 2. */
static void
c_int(const void *arg)
{
	opt_int(arg, 1, 10, "--k");
}

static void
c_double_range(const void *arg)
{
	opt_double(arg, 0, 1, "--p");
}

static void
c_enum(const void *arg)
{
	static const char *const names[] = { "mean", "median", NULL };

	opt_enum(arg, names, "--stat");
}

static void
c_delim(const void *arg)
{
	opt_delim(arg);
}

static void
c_role_empty(const void *arg)
{
	struct crm_common c;

	crm_common_init(&c);
	crm_common_opt(&c, OPT_ROLE + ROLE_CUSTOMER, arg);
}

static void
c_datefmt(const void *arg)
{
	struct crm_common c;

	crm_common_init(&c);
	crm_common_opt(&c, OPT_DATE_FORMAT, arg);
}

static void
c_require(const void *arg)
{
	col_require(arg, "x");
}

static void
c_require_dup(const void *arg)
{
	col_require(arg, "a");
}

static void
c_optional_dup(const void *arg)
{
	col_optional(arg, "a");
}

static void
t_usage_errors(void)
{
	CHECK_EXIT2(c_int, "11",
	    "test_opt: --k: must be 1 to 10 ('11')\n");
	CHECK_EXIT2(c_int, "0",
	    "test_opt: --k: must be 1 to 10 ('0')\n");
	CHECK_EXIT2(c_int, "3x",
	    "test_opt: --k: not an integer ('3x')\n");
	CHECK_EXIT2(c_double_range, "1.5",
	    "test_opt: --p: must be 0 to 1 ('1.5')\n");
	CHECK_EXIT2(c_enum, "mode",
	    "test_opt: --stat: must be one of mean, median ('mode')\n");
	CHECK_EXIT2(c_delim, "ab", "test_opt: --delimiter: must be one "
	    "character other than a quote or newline, or '\\t' ('ab')\n");
	CHECK_EXIT2(c_role_empty, "",
	    "test_opt: --customer: a column name cannot be empty\n");
	CHECK_EXIT2(c_datefmt, "%Y-%Q", "test_opt: --date-format: "
	    "unsupported conversion (use %Y %y %m %d %e %H %M %S %b %B %j "
	    "%p %%) ('%Y-%Q')\n");
}

static void
t_column_errors(void)
{
	struct csv_reader *r;
	char *path;

	r = open_text("a,b,c\n1,2,3\n", &path);
	CHECK_EXIT2(c_require, r, "test_opt: no column 'x' (have: a,b,c)\n");
	csv_close(r);
	unlink(path);
	free(path);
	r = open_text("a,b,a\n", &path);
	CHECK(col_optional(r, "b") == 1);
	CHECK_EXIT2(c_require_dup, r, "test_opt: column 'a' is ambiguous "
	    "(the header has it more than once)\n");
	CHECK_EXIT2(c_optional_dup, r, "test_opt: column 'a' is ambiguous "
	    "(the header has it more than once)\n");
	csv_close(r);
	unlink(path);
	free(path);
}

int
main(void)
{
	crm_setprogname("test_opt");
	RUN(t_collist);
	RUN(t_opt_args);
	RUN(t_roles);
	RUN(t_common_init);
	RUN(t_common_opt);
	RUN(t_columns);
	RUN(t_usage_errors);
	RUN(t_column_errors);
	T_EXIT();
}
