/*
 * csvref.h: for the reader's tests (unit and fuzz): dump() gives the
 * records crmkit's reader yields from a buffer, ref2_dump() those of an
 * independent one-character-at-a-time reference, ref_dump() those of
 * libcsv alone (strict mode, no space trimming), all in one text form:
 * "R:f1|f2|...\n" per record (fields escaped), "E:message\n" per error.
 */
#ifndef CRM_CSVREF_H
#define CRM_CSVREF_H

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "csv.h"

static char tmpl[] = "/tmp/crm-test-csvXXXXXX";

/* Write data to a fresh temporary file; returns its name (static). */
static const char *
tmpfile_with(const void *data, size_t len)
{
	static char name[64];
	FILE *f;
	int fd;

	snprintf(name, sizeof(name), "%s", tmpl);
	fd = mkstemp(name);
	f = fdopen(fd, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
	return name;
}

/* Escape \\, |, CR and LF so that a record is one line. */
static size_t
esc(char *out, const char *p, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (p[i] == '\\' || p[i] == '|') {
			out[n++] = '\\';
			out[n++] = p[i];
		} else if (p[i] == '\n' || p[i] == '\r') {
			out[n++] = '\\';
			out[n++] = p[i] == '\n' ? 'n' : 'r';
		} else
			out[n++] = p[i];
	}
	return n;
}

/* The reader's last error as the old "FILE:LINE: what" text. */
static const char *
errtext(const struct csv_reader *r)
{
	static char buf[512];
	const struct csv_err *e = csv_lasterr(r);

	if (e->line)
		snprintf(buf, sizeof(buf), "%s:%llu: %s", e->path, e->line,
		    e->what);
	else
		snprintf(buf, sizeof(buf), "%s: %s", e->path, e->what);
	return buf;
}

/* All records of data as "R:f1|f2|...\n" lines, errors as "E:msg\n". */
static char *
dump(const void *data, size_t len, int delim)
{
	const struct csv_row *row;
	struct csv_reader *r;
	char *out = NULL, *path;
	size_t cap = 0, n = 0, i, fl;
	const char *f;
	int k;

	path = xstrdup(tmpfile_with(data, len));
	r = csv_open(&path, 1, delim);
	k = csv_read_header(r);
	row = csv_header(r);
	for (;;) {
		if (k == -1) {
			f = errtext(r);
			fl = strlen(f);
			out = xgrow(out, &cap, n + fl + 8, 1);
			n += (size_t)sprintf(out + n, "E:%s\n", f);
			if (csv_lasterr(r)->fatal)
				break;
		}
		if (k == 0)
			break;
		out = xgrow(out, &cap, n + 3, 1);
		out[n++] = 'R';
		out[n++] = ':';
		for (i = 0; i < csv_nfields(row); i++) {
			f = csv_field(row, i, &fl);
			out = xgrow(out, &cap, n + 2 * fl + 4, 1);
			if (i)
				out[n++] = '|';
			n += esc(out + n, f, fl);
		}
		out = xgrow(out, &cap, n + 2, 1);
		out[n++] = '\n';
		while ((k = csv_read(r, &row)) == -1 && row == NULL) {
			f = errtext(r);
			out = xgrow(out, &cap, n + strlen(f) + 8, 1);
			n += (size_t)sprintf(out + n, "E:%s\n", f);
			if (csv_lasterr(r)->fatal)
				goto done;
		}
	}
done:
	out = xgrow(out, &cap, n + 1, 1);
	out[n] = '\0';
	csv_close(r);
	unlink(path);
	free(path);
	return out;
}

/* Reference: libcsv alone, same options, records as dump() writes them. */
struct ref {
	char	*out;
	size_t	 n, cap;
	int	 nf;
};

static void
ref_field(void *s, size_t len, void *arg)
{
	struct ref *x = arg;

	x->out = xgrow(x->out, &x->cap, x->n + 2 * len + 4, 1);
	if (x->nf++ == 0) {
		x->out[x->n++] = 'R';
		x->out[x->n++] = ':';
	} else
		x->out[x->n++] = '|';
	x->n += esc(x->out + x->n, s, len);
}

static void
ref_row(int c, void *arg)
{
	struct ref *x = arg;

	(void)c;
	x->out = xgrow(x->out, &x->cap, x->n + 2, 1);
	x->out[x->n++] = '\n';
	x->nf = 0;
}

static int
no_sp(unsigned char c)
{
	(void)c;
	return 0;
}

/* Returns the records; *err set when libcsv failed. */
static char *
ref_dump(const char *in, size_t len, int *err)
{
	struct csv_parser p;
	struct ref x = { NULL, 0, 0, 0 };

	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_space_func(&p, no_sp);
	*err = csv_parse(&p, in, len, ref_field, ref_row, &x) != len ||
	    csv_fini(&p, ref_field, ref_row, &x) != 0;
	csv_free(&p);
	x.out = xgrow(x.out, &x.cap, x.n + 1, 1);
	x.out[x.n] = '\0';
	return x.out;
}

/* The offset just after the line end (LF, CRLF or CR) at in[i]. */
static size_t
ref_eol(const char *in, size_t len, size_t i)
{
	if (in[i] == '\r' && i + 1 < len && in[i + 1] == '\n')
		return i + 2;
	return i + 1;
}

/*
 * An independent reference, one character at a time: RFC 4180, a quote
 * inside an unquoted field is an ordinary character, blank lines are not
 * records, a leading UTF-8 BOM is skipped; LF, CRLF and a lone CR end a
 * line.  A record with an error (text after a closing quote, a NUL byte,
 * a quote still open at the end or after CSV_MAX_SPAN lines) yields
 * "E:LINE\n" (the line where it starts) and reading goes on with the
 * line after that one; a bad header ends the input.  A later record
 * still open (inside a quoted field) at the start of a line that a bad
 * record over several lines held open is bad too.  *err is set when
 * there was an error.
 */
static char *
ref2_dump(const char *in, size_t len, int *err)
{
	struct ref x = { NULL, 0, 0, 0 };
	size_t i = 0, rec = 0, s, fl;
	unsigned long long line = 1, rline, open;
	unsigned long long run_first = 0, run_last = 0;
	char *fld = xmalloc(len + 1);

	*err = 0;
	if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0)
		i = 3;		/* a UTF-8 byte order mark is skipped */
	for (;;) {
		while (i < len && (in[i] == '\r' || in[i] == '\n')) {
			i = ref_eol(in, len, i);
			line++;
		}
		if (i >= len)
			break;
		rec = x.n;
		s = i;
		rline = line;
		open = 0;
		for (;;) {		/* one field */
			fl = 0;
			if (i < len && in[i] == '"') {
				for (i++;; i++) {
					if (i >= len || in[i] == '\0')
						goto bad;
					if (in[i] == '"') {
						if (i + 1 < len && in[i + 1] == '"')
							i++;
						else
							break;
					}
					if ((in[i] == '\n' || (in[i] == '\r' &&
					    (i + 1 >= len || in[i + 1] != '\n')))) {
						/* open at the start of line rline+open */
						if (++open == 1 && rline > run_first &&
						    rline + 1 <= run_last)
							goto doomed;
						if (open >= CSV_MAX_SPAN)
							goto bad;
					}
					fld[fl++] = in[i];
				}
				i++;
				if (i < len && in[i] != ',' && in[i] != '\r' &&
				    in[i] != '\n')
					goto bad;
			} else {
				for (; i < len && in[i] != ',' &&
				    in[i] != '\r' && in[i] != '\n'; i++) {
					if (in[i] == '\0')
						goto bad;
					fld[fl++] = in[i];
				}
			}
			ref_field(fld, fl, &x);
			if (i < len && in[i] == ',') {
				i++;
				continue;
			}
			break;
		}
		ref_row(0, &x);
		line += open;
		if (i < len) {
			i = ref_eol(in, len, i);
			line++;
		}
		continue;
bad:
		/*
		 * a bad record over several lines: a later one open at the
		 * start of a line it held open reads the same text to the
		 * same error, and is rejected too
		 */
		if (open > 0) {
			run_first = rline;
			run_last = rline + open;
		}
doomed:
		/* the bad record is its first line alone */
		*err = 1;
		x.n = rec;
		x.nf = 0;
		x.out = xgrow(x.out, &x.cap, x.n + 32, 1);
		x.n += (size_t)sprintf(x.out + x.n, "E:%llu\n", rline);
		if (rec == 0)
			break;		/* no header: nothing follows */
		for (i = s; i < len && in[i] != '\r' && in[i] != '\n'; i++)
			;
		if (i < len)
			i = ref_eol(in, len, i);
		line = rline + 1;
	}
	free(fld);
	x.out = xgrow(x.out, &x.cap, x.n + 1, 1);
	x.out[x.n] = '\0';
	return x.out;
}

/*
 * A dump of ours in the reference's form: ragged-row messages dropped
 * (libcsv and the reference have none) and "E:FILE:LINE: what" cut to
 * "E:LINE".  In place.
 */
static void
norm_errs(char *mine)
{
	char *p = mine, *q = mine, *c;
	size_t n;

	while (*p) {
		n = strcspn(p, "\n") + (p[strcspn(p, "\n")] != '\0');
		if (strncmp(p, "E:", 2) == 0) {
			c = strstr(p, ": expected ");
			if (c != NULL && c < p + n) {
				p += n;		/* ragged */
				continue;
			}
			c = strchr(p + 2, ':');
			*q++ = 'E';
			*q++ = ':';
			for (c++; *c >= '0' && *c <= '9'; c++)
				*q++ = *c;
			*q++ = '\n';
		} else {
			memmove(q, p, n);
			q += n;
		}
		p += n;
	}
	*q = '\0';
}

static void
show(const char *label, const char *p, size_t len)
{
	size_t i;

	printf("# %s: ", label);
	for (i = 0; i < len; i++)
		printf(p[i] == '\r' ? "\\r" : p[i] == '\n' ? "\\n" : "%c", p[i]);
	printf("\n");
}

#endif
