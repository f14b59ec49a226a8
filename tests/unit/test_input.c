/*
 * test_input.c: the typed input of common/input.c: role columns, typed
 * fields, the bad-row policy (stop, skip, reject) and the reject file's
 * shape.  The paths that stop the program run in a forked child whose
 * stderr and exit status are checked to the letter.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "err.h"
#include "input.h"
#include "num.h"
#include "opt.h"
#include "t.h"
#include "child.h"

static char dir[] = "/tmp/crm-test-inputXXXXXX";

/* Write text to dir/name; returns the path (static, one at a time). */
static char *
put_file(const char *name, const char *text, size_t len)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL || fwrite(text, 1, len, f) != len)
		abort();
	fclose(f);
	return path;
}

/* The whole content of a file (malloc'd), or NULL. */
static char *
slurp(const char *path)
{
	char *buf;
	long n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	return buf;
}

static const char bad_csv[] =
    "customer_id,amount,date\n"
    "a,10,2024-01-01\n"
    "b,1,2,3\n"				/* line 3: ragged */
    "c,\"1\"x,2024-01-02\n"		/* line 4: bad quoting */
    "d,12.5x,2024-01-03\n"		/* line 5: bad number */
    "e,7,2024-02-30\n"			/* line 6: bad date */
    ",8,2024-01-04\n"			/* line 7: empty key */
    "\"f\nF\",20,2024-01-05\n";		/* line 8: good, two lines */

/*
 * Read bad_csv with the policy of c; sums the good amounts and counts
 * the good rows.
 */
static void
read_all(const struct crm_common *c, char *path, double *sum, int *good,
    struct input_counts *n)
{
	const struct csv_row *row;
	struct crm_input *in;
	long ccust, camt, cdate;
	const char *p;
	size_t len;
	int64_t day;
	double v;

	in = input_open(c, &path, 1);
	ccust = input_role(in, ROLE_CUSTOMER, INPUT_NEED);
	camt = input_role(in, ROLE_AMOUNT, INPUT_NEED);
	cdate = input_role(in, ROLE_DATE, INPUT_NEED);
	*sum = 0;
	*good = 0;
	while (input_next(in, &row)) {
		if (input_key(in, row, ccust, &p, &len) != 0 ||
		    input_num(in, row, camt, &v) != 0 ||
		    input_day(in, row, cdate, &day) != 0)
			continue;
		*sum += v;
		(*good)++;
	}
	input_counts(in, n);
	input_close(in);
}

static void
t_reject(void)
{
	struct crm_common c;
	struct input_counts n;
	char *path, *rej, rpath[128];
	double sum;
	int good;

	crm_common_init(&c);
	c.quiet = 1;
	snprintf(rpath, sizeof(rpath), "%s/rej.csv", dir);
	c.reject = rpath;
	path = strdup(put_file("in.csv", bad_csv, sizeof(bad_csv) - 1));
	read_all(&c, path, &sum, &good, &n);
	CHECK(good == 2 && sum == 30);
	CHECK(n.records == 7 && n.ragged == 1 && n.syntax == 1 &&
	    n.bad == 5);
	rej = slurp(rpath);
	CHECK(rej != NULL);
	if (rej == NULL)
		return;
#define SRC(l) "%s/in.csv:" #l
	{
		char want[2048];

		snprintf(want, sizeof(want),
		    "customer_id,amount,date,reason,source,raw\n"
		    ",,,\"expected 3 fields, got 4\"," SRC(3) ",\"b,1,2,3\"\n"
		    ",,,malformed quoting (text after a closing quote),"
		    SRC(4) ",\"c,\"\"1\"\"x,2024-01-02\"\n"
		    "d,12.5x,2024-01-03,column 'amount': not a number "
		    "('12.5x')," SRC(5) ",\n"
		    "e,7,2024-02-30,column 'date': no such date "
		    "('2024-02-30')," SRC(6) ",\n"
		    ",8,2024-01-04,column 'customer_id': empty ('')," SRC(7)
		    ",\n", dir, dir, dir, dir, dir);
		CHECK(strcmp(rej, want) == 0);
		if (strcmp(rej, want) != 0)
			printf("# got:\n%s# want:\n%s", rej, want);
	}
#undef SRC
	free(rej);
	free(path);
}

/* The reject file reads back as a rectangular CSV. */
static void
t_reject_reads_back(void)
{
	const struct csv_row *row;
	struct csv_reader *r;
	char rpath[128], *p = rpath;
	int k, rows = 0;

	snprintf(rpath, sizeof(rpath), "%s/rej.csv", dir);
	r = csv_open(&p, 1, ',');
	CHECK(csv_read_header(r) == 1 && csv_ncols(r) == 6);
	while ((k = csv_read(r, &row)) == 1)
		rows++;
	CHECK(k == 0 && rows == 5);
	csv_close(r);
}

static void
t_skip(void)
{
	struct crm_common c;
	struct input_counts n;
	char *path;
	double sum;
	int good;

	crm_common_init(&c);
	c.quiet = 1;
	c.skip_bad = 1;
	path = strdup(put_file("in.csv", bad_csv, sizeof(bad_csv) - 1));
	read_all(&c, path, &sum, &good, &n);
	CHECK(good == 2 && sum == 30 && n.bad == 5);
	free(path);
}

/* Read bad_csv with --skip-bad when skip is set, else stopping. */
static void
read_policy(const void *skip)
{
	struct crm_common c;
	struct input_counts n;
	char *path;
	double sum;
	int good;

	crm_common_init(&c);
	c.skip_bad = *(const int *)skip;
	path = put_file("in.csv", bad_csv, sizeof(bad_csv) - 1);
	read_all(&c, path, &sum, &good, &n);
}

static void
missing_role(const void *unused)
{
	struct crm_common c;
	struct crm_input *in;
	char *path;

	(void)unused;
	crm_common_init(&c);
	path = put_file("in.csv", bad_csv, sizeof(bad_csv) - 1);
	in = input_open(&c, &path, 1);
	input_role(in, ROLE_ORDER, INPUT_WANT);	/* absent: fine */
	c.role_set |= 1u << ROLE_ORDER;		/* as if --order order_id */
	input_role(in, ROLE_ORDER, INPUT_WANT);
}

static void
t_policy_messages(void)
{
	char buf[512], want[512];
	int stop = 0, skip = 1;

	snprintf(want, sizeof(want), "test_input: %s/in.csv:3: expected 3 "
	    "fields, got 4\n", dir);
	CHECK(in_child(read_policy, &stop, buf, sizeof(buf)) == 1);
	CHECK(strcmp(buf, want) == 0);
	CHECK(in_child(read_policy, &skip, buf, sizeof(buf)) == 99);
	CHECK(strcmp(buf, "test_input: 5 bad rows skipped\n") == 0);
	CHECK(in_child(missing_role, NULL, buf, sizeof(buf)) == 2);
	CHECK(strcmp(buf, "test_input: no column 'order_id' (have: "
	    "customer_id,amount,date)\n") == 0);
}

/* Completely empty input gives no input; a header alone gives no rows. */
static void
t_empty(void)
{
	const struct csv_row *row;
	struct crm_common c;
	struct crm_input *in;
	char *path;

	crm_common_init(&c);
	path = strdup(put_file("empty.csv", "", 0));
	CHECK(input_open(&c, &path, 1) == NULL);
	free(path);
	path = strdup(put_file("hdr.csv", "a,b\n", 4));
	in = input_open(&c, &path, 1);
	CHECK(in != NULL && input_next(in, &row) == 0);
	input_close(in);
	free(path);
}

/* input_period: the period holding the date, a bad date the policy. */
static void
t_period(void)
{
	const struct csv_row *row;
	struct crm_common c;
	struct crm_input *in;
	int64_t idx[3];
	char *path;
	long col;
	int k = 0;
	static const char text[] = "date\n2024-03-05\n2024-03-31\n"
	    "2024-13-01\n2024-04-01\n";

	crm_common_init(&c);
	c.quiet = 1;
	c.skip_bad = 1;
	path = strdup(put_file("p.csv", text, sizeof(text) - 1));
	in = input_open(&c, &path, 1);
	col = input_role(in, ROLE_DATE, INPUT_NEED);
	while (input_next(in, &row))
		if (k < 3 && input_period(in, row, col, PERIOD_MONTH,
		    &idx[k]) == 0)
			k++;
	CHECK(k == 3 && idx[0] == 2024 * 12 + 2 && idx[1] == idx[0] &&
	    idx[2] == idx[0] + 1);
	input_close(in);
	free(path);
}

static void
t_num_cmp(void)
{
	double v[] = { 3, -1, 2.5, 0, -7 };

	qsort(v, 5, sizeof(v[0]), num_cmp);
	CHECK(v[0] == -7 && v[1] == -1 && v[2] == 0 && v[3] == 2.5 &&
	    v[4] == 3);
}

int
main(void)
{
	char cmd[128];

	crm_setprogname("test_input");
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(t_reject);
	RUN(t_reject_reads_back);
	RUN(t_skip);
	RUN(t_policy_messages);
	RUN(t_empty);
	RUN(t_period);
	RUN(t_num_cmp);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	T_EXIT();
}
