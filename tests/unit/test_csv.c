/*
 * test_csv.c: the reader and writer (common/csv_read.c, csv_write.c),
 * with the differential test: on random inputs the reader (fast path +
 * libcsv) must give exactly the records and the errors of libcsv alone.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "csv.h"
#include "rng.h"
#include "t.h"
#include "csvref.h"

/* dump() of a string literal, without its final NUL */
#define DUMP(lit)	dump((lit), sizeof(lit) - 1, ',')

static void
t_plain(void)
{
	char *s = DUMP("a,b,c\n1,2,3\n4,,\n");

	CHECK(strcmp(s, "R:a|b|c\nR:1|2|3\nR:4||\n") == 0);
	free(s);
}

static void
t_quoted(void)
{
	const char in[] = "id,text\r\n1,\"x, \"\"y\"\"\r\nz\"\r\n2,\"\"\r\n";
	char *s = dump(in, sizeof(in) - 1, ',');

	CHECK(strcmp(s, "R:id|text\nR:1|x, \"y\"\\r\\nz\nR:2|\n") == 0);
	free(s);
}

static void
t_bom_crlf_noeol(void)
{
	const char in[] = "\xef\xbb\xbf" "a,b\r\n\r\n1,2";
	char *s = dump(in, sizeof(in) - 1, ',');

	CHECK(strcmp(s, "R:a|b\nR:1|2\n") == 0);
	free(s);
}

static void
t_errors(void)
{
	char *s;

	s = DUMP("a,b\n1,2\n3\n4,5\n");
	CHECK(strstr(s, ":3: expected 2 fields, got 1\n") != NULL);
	CHECK(strstr(s, "R:4|5\n") != NULL);	/* reading goes on */
	free(s);
	s = DUMP("a,b\n1,\"x\n\n");
	CHECK(strstr(s, ":2: unterminated quoted field\n") != NULL);
	free(s);
	s = DUMP("a,b\n1,x\"y\n2,3\n");
	CHECK(strstr(s, "R:1|x\"y\n") != NULL);	/* a bare quote is a character */
	free(s);
	s = DUMP("a,b\n1,\"x\"y\n2,3\n");
	CHECK(strstr(s, ":2: malformed quoting") != NULL);
	CHECK(strstr(s, "R:2|3\n") != NULL);
	free(s);
	s = DUMP("a,b\n1,x\0y\n");
	CHECK(strstr(s, ":2: NUL byte in record") != NULL);
	free(s);
}

static void
t_tab_and_empty(void)
{
	char *s = dump("a\tb\n1,2\t3\n", sizeof("a\tb\n1,2\t3\n") - 1, '\t');

	CHECK(strcmp(s, "R:a|b\nR:1,2|3\n") == 0);
	free(s);
	s = DUMP("");
	CHECK(strcmp(s, "") == 0);
	free(s);
}

static void
t_huge_field(void)
{
	size_t n = 10 << 20, i;
	char *in = xmalloc(n + 32), *s;

	memcpy(in, "a\n\"", 3);
	for (i = 3; i < n; i++)
		in[i] = i % 1000 == 0 ? '\n' : 'x';
	memcpy(in + n, "\"\n", 2);
	s = dump(in, n + 2, ',');
	/* "R:a\nR:" + the field with its 10485 LFs escaped + "\n" */
	CHECK(strlen(s) == 6 + (n - 3) + (n - 3) / 1000 + 1);
	CHECK(strncmp(s, "R:a\nR:xxx", 9) == 0);
	free(s);
	free(in);
}

static void
t_gzip(void)
{
	const char in[] = "a,b\n1,\"2\n3\"\n";
	unsigned char gz[256];
	z_stream zs;
	char *s;

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (unsigned char *)in;
	zs.avail_in = sizeof(in) - 1;
	zs.next_out = gz;
	zs.avail_out = sizeof(gz);
	deflate(&zs, Z_FINISH);
	deflateEnd(&zs);
	s = dump(gz, sizeof(gz) - zs.avail_out, ',');
	CHECK(strcmp(s, "R:a|b\nR:1|2\\n3\n") == 0);
	free(s);
	s = dump(gz, sizeof(gz) - zs.avail_out - 5, ',');
	CHECK(strstr(s, "truncated gzip input") != NULL ||
	    strstr(s, "gzip:") != NULL);
	free(s);
}

static void
t_differential(void)
{
	static const char alpha[] = "ab,\"\r\n x\"\n\r";
	struct rng g;
	char in[64], *mine, *ref, *ref2;
	size_t len, i;
	int iter, niter, err, err2;

	/* CRM_DIFF_ITERS and CRM_DIFF_SEED run it longer by hand */
	niter = getenv("CRM_DIFF_ITERS") ? atoi(getenv("CRM_DIFF_ITERS")) : 20000;
	rng_seed(&g, getenv("CRM_DIFF_SEED") ?
	    strtoull(getenv("CRM_DIFF_SEED"), NULL, 10) : 7);
	for (iter = 0; iter < niter && !t_failed; iter++) {
		len = rng_below(&g, sizeof(in));
		for (i = 0; i < len; i++)
			in[i] = alpha[rng_below(&g, sizeof(alpha) - 1)];
		mine = dump(in, len, ',');
		norm_errs(mine);
		ref = ref_dump(in, len, &err);
		ref2 = ref2_dump(in, len, &err2);
		/* where libcsv alone accepts the input, we give the same */
		if (!err)
			CHECK(strcmp(mine, ref) == 0);
		/*
		 * always: the same records and errors (at the same lines) as
		 * the reference, past the errors too
		 */
		CHECK(strcmp(mine, ref2) == 0);
		if (t_failed) {
			show("input", in, len);
			show("mine", mine, strlen(mine));
			show("libcsv", ref, strlen(ref));
			show("reference", ref2, strlen(ref2));
		}
		free(mine);
		free(ref);
		free(ref2);
	}
}

/* Lone CR line ends: records and true line numbers. */
static void
t_cr_lines(void)
{
	char *s = DUMP("a,b,c\r1,2,3\r\r4,5\r\"x\ry\",6,7\r8,9,0");

	CHECK(strstr(s, "R:a|b|c\nR:1|2|3\n") == s);
	CHECK(strstr(s, ":4: expected 3 fields, got 2\n") != NULL);
	CHECK(strstr(s, "R:x\\ry|6|7\nR:8|9|0\n") != NULL);
	free(s);
	s = DUMP("a\r\r\n\"x\r\n\ry\"\r\"bad\r2");
	CHECK(strstr(s, ":6: unterminated quoted field\nR:2\n") != NULL);
	free(s);
}

/*
 * A stray quote takes only its own line: the record is rejected as its
 * first line (raw) and reading goes on with the next line.
 */
/* Columns by name: exact first, then the trimmed names of "a, b, c". */
static void
t_col_names(void)
{
	static const char in[] = "id, given name ,b, b,c\n";
	char *path;
	struct csv_reader *r;

	path = xstrdup(tmpfile_with(in, sizeof(in) - 1));
	r = csv_open(&path, 1, ',');
	CHECK(csv_read_header(r) == 1);
	CHECK(csv_col(r, "id") == 0);
	CHECK(csv_col(r, "given name") == 1);	/* trimmed */
	CHECK(csv_col(r, " given name ") == 1);	/* exact */
	CHECK(csv_col(r, "b") == 2);		/* exact wins over " b" */
	CHECK(csv_col(r, " b") == 3);
	CHECK(csv_col(r, "given") == -1);
	csv_close(r);
	unlink(path);
	free(path);
	path = xstrdup(tmpfile_with(" x,x \n", 6));
	r = csv_open(&path, 1, ',');
	CHECK(csv_read_header(r) == 1);
	CHECK(csv_col(r, "x") == -2);		/* two trimmed matches */
	csv_close(r);
	unlink(path);
	free(path);
}

static void
t_stray_quote(void)
{
	static const char in[] = "id,t\n1,\"ab\n2,x\n3,\"c\nd\"e\n4,y\n";
	char *path;
	struct csv_reader *r;
	const struct csv_row *row;
	const char *raw;
	size_t len, n = 0;
	int k;

	path = xstrdup(tmpfile_with(in, sizeof(in) - 1));
	r = csv_open(&path, 1, ',');
	CHECK(csv_read_header(r) == 1);
	CHECK(csv_read(r, &row) == -1 && row == NULL);
	CHECK(csv_line(r) == 2 && csv_lasterr(r)->line == 2);
	raw = csv_raw(r, &len);
	CHECK_STR(raw, len, "1,\"ab");
	CHECK(csv_read(r, &row) == 1 && csv_line(r) == 3);
	raw = csv_field(row, 1, &len);
	CHECK_STR(raw, len, "x");
	/* the quote opened on line 4 is closed on line 5, then text */
	CHECK(csv_read(r, &row) == -1 && csv_lasterr(r)->line == 4);
	CHECK(strstr(csv_lasterr(r)->what, "on line 5") != NULL);
	raw = csv_raw(r, &len);
	CHECK_STR(raw, len, "3,\"c");
	while ((k = csv_read(r, &row)) != 0)
		n += k == 1;
	CHECK(n == 1);		/* 4,y (line 5 alone is ragged) */
	csv_close(r);
	unlink(path);
	free(path);
}

/* A quoted field open over CSV_MAX_SPAN lines gives its first line up. */
static void
t_span_limit(void)
{
	size_t n = CSV_MAX_SPAN + 10, i, len;
	char *in = xmalloc(2 * n + 16), *s, *p;

	memcpy(in, "a\n\"", 3);
	for (len = 3, i = 0; i < n; i++) {
		in[len++] = 'x';
		in[len++] = '\n';
	}
	s = dump(in, len, ',');
	CHECK(strstr(s, ":2: quoted field still open after") != NULL);
	for (i = 0, p = s; (p = strstr(p, "R:x\n")) != NULL; p++)
		i++;
	CHECK(i == n - 1);	/* every line after the first is a record */
	free(s);
	memcpy(in + len - 2, "\"\n", 2);	/* closed before the limit */
	in[2 * (CSV_MAX_SPAN - 1) + 1] = '"';
	in[2 * (CSV_MAX_SPAN - 1) + 2] = '\n';
	s = dump(in, 2 * (CSV_MAX_SPAN - 1) + 3, ',');
	CHECK(strncmp(s, "R:a\nR:x\\nx", 10) == 0 && strstr(s, "E:") == NULL);
	free(s);
	free(in);
}

/*
 * Lines that each close a quote and open one ('a",b,"c') form one
 * runaway quoted field from line 2 to the end: every line is rejected
 * alone, at its own line, and a record open where the runaway was is
 * rejected at once (without that, reading was quadratic).  A record
 * that closes on its own line is read.
 */
static void
t_runaway(void)
{
	size_t n = 3000, i, len = 0;
	char *in = xmalloc(16 * n + 64), *s, *ref;
	char want[32];
	int err;

	len += (size_t)sprintf(in, "x,y,z\n");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(in + len, i == n / 2 ? "1,\"2\",3\n" :
		    "a\",b,\"c\n");
	s = dump(in, len, ',');
	norm_errs(s);
	ref = ref2_dump(in, len, &err);
	CHECK(strcmp(s, ref) == 0);
	for (i = 0; i < n; i++) {
		if (i == n / 2)
			snprintf(want, sizeof(want), "R:1|2|3\n");
		else
			snprintf(want, sizeof(want), "E:%zu\n", i + 2);
		CHECK(strstr(s, want) != NULL);
	}
	free(s);
	free(ref);
	free(in);
}

/* --ws: runs of blanks and tabs separate fields, quotes are text. */
static void
t_ws(void)
{
	static const char in[] = " id  date\tamount\r\n 1 2024-01-01  \"9\r\n"
	    "\n \t \n2\t\t2024-01-02 3 4\r\n5\r\n";
	char *s = dump(in, sizeof(in) - 1, CSV_WS);

	norm_errs(s);		/* drops the ragged-row message of line 5 */
	CHECK(strcmp(s, "R:id|date|amount\nR:1|2024-01-01|\"9\n"
	    "R:2|2024-01-02|3|4\nR:5\n") == 0);
	free(s);
	s = dump("a b\n1 \0\n2 3", 11, CSV_WS);
	CHECK(strstr(s, ":2: NUL byte in record") != NULL &&
	    strstr(s, "R:2|3\n") != NULL);
	free(s);
}

static void
t_writer(void)
{
	char out[] = "/tmp/crm-test-outXXXXXX";
	char buf[256];
	struct csv_writer *w;
	FILE *f;
	size_t n;
	int fd;

	fd = mkstemp(out);
	close(fd);
	w = csv_writer_open(out, 0);
	csv_put_str(w, "plain");
	csv_put_str(w, "a,b");
	csv_put_str(w, "say \"hi\"");
	csv_put_str(w, "two\nlines");
	csv_put(w, "", 0);
	csv_end_row(w);
	csv_put(w, "", 0);
	csv_end_row(w);
	csv_put_num(w, 0.1);
	csv_put_num(w, 1e21);
	csv_put_num(w, -3);
	csv_put_num(w, 2.0 / 3);
	csv_put_fixed(w, -0.001, 2);
	csv_end_row(w);
	CHECK(csv_writer_close(w) == 0);
	f = fopen(out, "rb");
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	unlink(out);
	CHECK(strcmp(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n"
	    "\"\"\n0.1,1e+21,-3,0.6666666666666666,-0.00\n") == 0);
}

/*
 * A first field that begins with a UTF-8 BOM is quoted, else the reader
 * would skip the BOM (found by fuzz_write).
 */
static void
t_writer_bom(void)
{
	char out[] = "/tmp/crm-test-outXXXXXX";
	char *path = out;
	struct csv_writer *w;
	struct csv_reader *r;
	const char *f;
	size_t len;
	int fd;

	fd = mkstemp(out);
	close(fd);
	w = csv_writer_open(out, 0);
	csv_put_str(w, "\xef\xbb\xbfid");
	csv_put_str(w, "\xef\xbb\xbfx");
	csv_end_row(w);
	CHECK(csv_writer_close(w) == 0);
	r = csv_open(&path, 1, ',');
	CHECK(csv_read_header(r) == 1);
	f = csv_name_len(r, 0, &len);
	CHECK_STR(f, len, "\xef\xbb\xbfid");
	f = csv_name_len(r, 1, &len);
	CHECK_STR(f, len, "\xef\xbb\xbfx");
	csv_close(r);
	unlink(out);
}

/* A row read by the fast path is copied whole; appended fields follow. */
static void
t_put_plain_row(void)
{
	char in[] = "/tmp/crm-test-inXXXXXX", out[] = "/tmp/crm-test-outXXXXXX";
	char buf[256], *path = in;
	const struct csv_row *row;
	struct csv_reader *r;
	struct csv_writer *w;
	FILE *f;
	size_t n;
	int fd;

	fd = mkstemp(in);
	CHECK(write(fd, "a,b\n1,\n\"x,y\",2\n", 15) == 15);
	close(fd);
	fd = mkstemp(out);
	close(fd);
	r = csv_open(&path, 1, ',');
	w = csv_writer_open(out, 0);
	CHECK(csv_read_header(r) == 1);
	while (csv_read(r, &row) == 1) {
		csv_put_str(w, "<");
		csv_put_row(w, row);
		csv_put_str(w, ">");
		csv_end_row(w);
	}
	CHECK(csv_writer_close(w) == 0);
	csv_close(r);
	f = fopen(out, "rb");
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	unlink(in);
	unlink(out);
	CHECK(strcmp(buf, "<,1,,>\n<,\"x,y\",2,>\n") == 0);
}

int
main(void)
{
	RUN(t_plain);
	RUN(t_quoted);
	RUN(t_bom_crlf_noeol);
	RUN(t_errors);
	RUN(t_tab_and_empty);
	RUN(t_huge_field);
	RUN(t_gzip);
	RUN(t_differential);
	RUN(t_cr_lines);
	RUN(t_stray_quote);
	RUN(t_span_limit);
	RUN(t_runaway);
	RUN(t_ws);
	RUN(t_col_names);
	RUN(t_writer);
	RUN(t_writer_bom);
	RUN(t_put_plain_row);
	T_EXIT();
}
