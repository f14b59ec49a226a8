/*
 * csv_read.c: the CSV reader every crmkit program uses.
 *
 * Input comes from a list of files (or stdin), each plain or gzip (by
 * magic bytes), into one growable buffer, and records are cut from it.
 * Lines end in LF, CRLF or a lone CR (line_end; find_lf remembers how
 * far it looked, so that CR-only input is read in linear time).  A line
 * in which no field begins with a quote and with no NUL is split at the
 * delimiter with memchr: the common case, at memory speed.  Every other
 * record is parsed whole by libcsv (strict, no space trimming), fed one
 * line at a time (with its line end) until its row callback fires or the
 * input ends; its fields are what the field callback handed over.  Where
 * strict libcsv stops at a quote inside an unquoted field, that quote is
 * fed again as an ordinary character (lp_feed), so that both paths read
 * it as Python does.  A NUL byte is checked for before feeding.  After a
 * syntax error, a quote open at the end of the input or one open after
 * CSV_MAX_SPAN lines, the record is given up as its first line alone and
 * reading resumes at the next line (slow_error): a stray quote costs one
 * line, never the rest of the file.  --ws (CSV_WS) splits lines at runs
 * of blanks, with no quoting (split_ws).
 * tests/unit/test_csv.c and tests/fuzz/fuzz_csv.c check both paths
 * against libcsv alone and an independent reference.  Blank lines are
 * not records (as libcsv reads them).
 */
#include <sys/stat.h>

#include <assert.h>
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "csv.h"
#include "csv_row.h"

#define BUFSZ	(1 << 20)	/* initial read buffer */
#define ZINSZ	(1 << 18)	/* compressed input chunk */

struct csv_reader {
	char *const	*paths;
	size_t		 npaths;
	size_t		 next;		/* next path to open */
	int		 delim;
	int		 ws;		/* fields separated by runs of blanks */
	const char	*path;		/* name for messages */
	int		 fd;		/* -1: no file open */
	int		 eof;		/* current file fully read */
	int		 at_start;	/* nothing read yet from this file */
	int		 gz;
	z_stream	 zs;
	unsigned char	*zin;
	int		 zend;		/* inflate reached a stream end */

	char		*buf;
	size_t		 cap, start, end;
	unsigned long long line;	/* line number at buf[start] */
	unsigned long long rec_line;	/* where the current record starts */
	unsigned long long nrec;
	size_t		 raw_off, raw_len;
	/*
	 * The last runaway: a record over several lines that ended in an
	 * error, rejected as its first line run_first; it was open (inside
	 * a quoted field) at the start of each line up to run_last.  A later
	 * record open at the start of one of those lines is in the same
	 * state there, reads the same text to the same error and is
	 * rejected at once with the message run_what: without this, lines
	 * such as 'a",b,"c' took quadratic time.
	 */
	unsigned long long run_first, run_last;
	char		 run_what[160];
	/* find_lf's memory: buf[lf_from..lf_at) holds no LF */
	size_t		 lf_from, lf_at;
	int		 lf_found;	/* buf[lf_at] is an LF */

	struct csv_row	 row;
	struct csv_row	 hdr;
	char		*hdrbuf;
	int		 have_header;

	struct csv_parser lp;		/* libcsv, off the memchr path */
	int		 lp_ok;		/* lp is initialised */
	char		*fbuf;		/* fields libcsv handed over */
	size_t		 fcap, flen;
	size_t		*foff;		/* field start offsets into fbuf */
	size_t		 nfoff, foffcap;
	int		 done;		/* libcsv's row callback fired */

	struct csv_err	 err;		/* the last error */
	int		 failed;	/* a fatal error happened */

	void		(*progfn)(void *, uint64_t, uint64_t);
	void		*progarg;
	uint64_t	 progtotal;	/* bytes of the named files, 0: unknown */
	uint64_t	 nread;		/* bytes read from the files */
	uint64_t	 done_files;	/* bytes of the files finished */
};

static int	 fill(struct csv_reader *);

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * libcsv in strict mode with no space trimming.  Its field buffer grows
 * by blk_size bytes at a time: 1 MiB steps keep a 10 MB quoted field
 * from being copied thousands of times.
 */
static int
lp_init(struct csv_reader *r)
{
	if (csv_init(&r->lp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		r->lp_ok = 0;
		return -1;
	}
	r->lp_ok = 1;
	csv_set_delim(&r->lp, (unsigned char)r->delim);
	csv_set_space_func(&r->lp, no_space);
	csv_set_blk_size(&r->lp, (size_t)1 << 20);
	return 0;
}

/*
 * Record an error of the given kind at the current record (what says
 * what is wrong, without the position) and return -1.  Open, read,
 * gzip, limit, header and memory errors are fatal.
 */
static int
seterr(struct csv_reader *r, enum csv_errkind kind, const char *fmt, ...)
{
	va_list ap;

	r->err.kind = kind;
	r->err.fatal = kind != CSV_ERR_RAGGED && kind != CSV_ERR_SYNTAX;
	r->err.path = r->path;
	r->err.line = kind == CSV_ERR_OPEN ? 0 : r->rec_line;
	r->err.errnum = kind == CSV_ERR_OPEN || kind == CSV_ERR_READ ?
	    errno : 0;
	va_start(ap, fmt);
	vsnprintf(r->err.what, sizeof(r->err.what), fmt, ap);
	va_end(ap);
	if (r->err.fatal)
		r->failed = 1;
	return -1;
}

struct csv_reader *
csv_open(char *const *paths, size_t npaths, int delim)
{
	struct csv_reader *r;

	r = xcalloc(1, sizeof(*r));
	r->paths = paths;
	r->npaths = npaths;
	r->delim = delim ? delim : ',';
	if (delim == CSV_WS) {
		r->ws = 1;
		r->delim = ' ';
	}
	r->fd = -1;
	r->path = "<stdin>";
	r->cap = BUFSZ;
	r->buf = xmalloc(r->cap);
	r->fbuf = xgrow(NULL, &r->fcap, 256, 1);
	if (lp_init(r) == -1)
		seterr(r, CSV_ERR_NOMEM, "out of memory (libcsv)");
	return r;
}

static void
close_file(struct csv_reader *r)
{
	if (r->fd > 0)
		close(r->fd);
	if (r->gz)
		inflateEnd(&r->zs);
	r->gz = 0;
	r->fd = -1;
}

void
csv_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	close_file(r);
	if (r->lp_ok)
		csv_free(&r->lp);
	free(r->zin);
	free(r->buf);
	free(r->row.f);
	free(r->hdr.f);
	free(r->hdrbuf);
	free(r->fbuf);
	free(r->foff);
	free(r);
}

/* Open the next input; 0 when there is none, -1 on error. */
static int
open_next(struct csv_reader *r)
{
	const char *p;

	close_file(r);
	if (r->next >= r->npaths && !(r->npaths == 0 && r->next == 0))
		return 0;
	p = r->npaths ? r->paths[r->next] : "-";
	r->next++;
	if (strcmp(p, "-") == 0) {
		r->fd = 0;
		r->path = "<stdin>";
	} else {
		r->path = p;
		if ((r->fd = open(p, O_RDONLY)) == -1)
			return seterr(r, CSV_ERR_OPEN, "%s", strerror(errno));
	}
	r->eof = 0;
	r->at_start = 1;
	r->line = 1;
	r->run_first = r->run_last = 0;
	r->start = r->end = 0;
	r->lf_from = r->lf_at = 0;
	r->lf_found = 0;
	return 1;
}

/*
 * read(2) that retries on EINTR and counts the bytes for the progress
 * report; returns bytes, 0 at EOF, -1 on error.
 */
static ssize_t
rread(struct csv_reader *r, void *p, size_t n)
{
	ssize_t k;

	do
		k = read(r->fd, p, n);
	while (k == -1 && errno == EINTR);
	if (k > 0 && r->progfn != NULL) {
		r->nread += (uint64_t)k;
		r->progfn(r->progarg, r->nread, r->progtotal);
	}
	return k;
}

/*
 * Inflate more data into buf[end..cap).  Returns bytes, 0 at the end of
 * the last gzip member, -1 on an error.
 */
static ssize_t
gz_read(struct csv_reader *r)
{
	ssize_t k;
	int ret;

	for (;;) {
		if (r->zs.avail_in == 0 && !r->eof) {
			if ((k = rread(r, r->zin, ZINSZ)) == -1)
				return seterr(r, CSV_ERR_READ,
				    "read error: %s", strerror(errno));
			if (k == 0)
				r->eof = 1;
			r->zs.next_in = r->zin;
			r->zs.avail_in = (uInt)k;
		}
		if (r->zend) {
			if (r->zs.avail_in == 0 && r->eof)
				return 0;
			inflateReset(&r->zs);	/* another member follows */
			r->zend = 0;
		}
		r->zs.next_out = (unsigned char *)r->buf + r->end;
		r->zs.avail_out = (uInt)(r->cap - r->end);
		ret = inflate(&r->zs, Z_NO_FLUSH);
		if (ret == Z_STREAM_END)
			r->zend = 1;
		else if (ret != Z_OK && ret != Z_BUF_ERROR)
			return seterr(r, CSV_ERR_GZIP, "gzip: %s", r->zs.msg ?
			    r->zs.msg : "corrupt data");
		k = (ssize_t)(r->cap - r->end - r->zs.avail_out);
		if (k > 0)
			return k;
		if (!r->zend && r->zs.avail_in == 0 && r->eof)
			return seterr(r, CSV_ERR_GZIP,
			    "truncated gzip input");
	}
}

/* Switch to gzip when the file begins with its magic bytes. */
static int
sniff_gzip(struct csv_reader *r)
{
	ssize_t k;
	size_t n = r->end - r->start;

	while (n < 2 && !r->eof) {
		if ((k = rread(r, r->buf + r->end, r->cap - r->end)) == -1)
			return seterr(r, CSV_ERR_READ, "read error: %s",
			    strerror(errno));
		if (k == 0)
			r->eof = 1;
		r->end += k;
		n += k;
	}
	r->at_start = 0;
	if (n < 2 || (unsigned char)r->buf[r->start] != 0x1f ||
	    (unsigned char)r->buf[r->start + 1] != 0x8b)
		return 0;
	if (r->zin == NULL)
		r->zin = xmalloc(ZINSZ > n ? ZINSZ : n);
	memcpy(r->zin, r->buf + r->start, n);
	memset(&r->zs, 0, sizeof(r->zs));
	if (inflateInit2(&r->zs, 15 + 16) != Z_OK)
		return seterr(r, CSV_ERR_NOMEM,
		    "gzip: cannot initialise zlib");
	r->zs.next_in = r->zin;
	r->zs.avail_in = (uInt)n;
	r->gz = 1;
	r->zend = 0;
	r->end = r->start;
	r->lf_from = r->lf_at = r->start;
	r->lf_found = 0;
	return 0;
}

/*
 * Append more input at buf[end], moving unread data to the front or
 * growing the buffer as needed.  Returns 1 if bytes were added, 0 at the
 * end of the current file, -1 on a fatal error.
 */
static int
fill(struct csv_reader *r)
{
	ssize_t k;
	size_t d = r->start;

	if (d > 0 && (r->end == r->cap || d > r->cap / 2)) {
		memmove(r->buf, r->buf + d, r->end - d);
		r->end -= d;
		r->start = 0;
		if (r->lf_at >= d) {		/* find_lf's memory moves too */
			r->lf_from = r->lf_from > d ? r->lf_from - d : 0;
			r->lf_at -= d;
		} else {
			r->lf_from = r->lf_at = 0;
			r->lf_found = 0;
		}
	}
	if (r->end == r->cap) {
		if (r->cap >= CSV_MAX_RECORD)
			return seterr(r, CSV_ERR_LIMIT, "record too large (over %zu MiB)",
			    CSV_MAX_RECORD >> 20);
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	if (r->at_start) {
		size_t before = r->end;

		if (sniff_gzip(r) == -1)
			return -1;
		if (!r->gz && r->end > before)
			return 1;
	}
	if (r->gz)
		k = gz_read(r);
	else if (r->eof)
		k = 0;
	else if ((k = rread(r, r->buf + r->end, r->cap - r->end)) == -1)
		return seterr(r, CSV_ERR_READ, "read error: %s",
			    strerror(errno));
	if (k < 0)
		return -1;
	if (k == 0) {
		r->eof = 1;
		return 0;
	}
	r->end += k;
	return 1;
}

static void
row_add(struct csv_row *row, const char *p, size_t len)
{
	if (row->n == row->cap)
		row->f = xgrow(row->f, &row->cap, row->n + 1, sizeof(*row->f));
	row->f[row->n].p = p;
	row->f[row->n].len = len;
	row->n++;
}

/*
 * Split a line that needs no quote handling (quotes holds whether it has
 * any, all inside fields).  Separate memchr calls beat one fused pass
 * over the bytes here: they run on vectors.
 */
static void
split_plain(struct csv_reader *r, const char *p, size_t len, int quotes)
{
	const char *end = p + len, *q;
	int d = r->delim;

	r->row.n = 0;
	/* a comma-separated line without quotes can be written as it is */
	r->row.plain = d == ',' && !quotes;
	r->row.raw = p;
	r->row.rawlen = len;
	for (;;) {
		if ((q = memchr(p, d, end - p)) == NULL) {
			row_add(&r->row, p, end - p);
			return;
		}
		row_add(&r->row, p, q - p);
		p = q + 1;
	}
}

/* libcsv's field callback: keep a copy (its buffer is reused). */
static void
lcb_field(void *s, size_t len, void *arg)
{
	struct csv_reader *r = arg;

	if (r->nfoff == r->foffcap)
		r->foff = xgrow(r->foff, &r->foffcap, r->nfoff + 1,
		    sizeof(*r->foff));
	if (r->flen + len > r->fcap)
		r->fbuf = xgrow(r->fbuf, &r->fcap, r->flen + len, 1);
	r->foff[r->nfoff++] = r->flen;
	if (len)
		memcpy(r->fbuf + r->flen, s, len);
	r->flen += len;
}

/* libcsv's row callback: the record is complete. */
static void
lcb_row(int c, void *arg)
{
	struct csv_reader *r = arg;

	(void)c;
	r->done = 1;
}

/* Forget a half-parsed libcsv record (after an error). */
static int
lp_reset(struct csv_reader *r)
{
	csv_free(&r->lp);
	if (lp_init(r) == -1)
		return seterr(r, CSV_ERR_NOMEM, "out of memory (libcsv)");
	return 0;
}

/* Build the row from the fields libcsv handed over. */
static void
row_from_fbuf(struct csv_reader *r)
{
	size_t i, e;

	r->row.n = 0;
	r->row.plain = 0;
	for (i = 0; i < r->nfoff; i++) {
		e = i + 1 < r->nfoff ? r->foff[i + 1] : r->flen;
		row_add(&r->row, r->fbuf + r->foff[i], e - r->foff[i]);
	}
}

/* Make sure buf[start+off] exists; 0 when the input ends first. */
static int
need(struct csv_reader *r, size_t off)
{
	int k;

	while (r->start + off >= r->end) {
		if (r->eof)
			return 0;
		if ((k = fill(r)) == -1)
			return -1;
	}
	return 1;
}

/*
 * The offset (from buf) of the first LF at or after buf[from], or r->end
 * when none is buffered.  How far it looked is remembered (buf[lf_from..
 * lf_at) holds no LF), so that input with CR line ends, which has no LF
 * to find, is not scanned again for each of its lines.
 */
static inline size_t
find_lf(struct csv_reader *r, size_t from)
{
	const char *q;

	if (from < r->lf_from || from > r->lf_at || r->lf_at > r->end) {
		r->lf_from = r->lf_at = from;
		r->lf_found = 0;
	}
	if (!r->lf_found) {
		q = memchr(r->buf + r->lf_at, '\n', r->end - r->lf_at);
		r->lf_found = q != NULL;
		r->lf_at = q ? (size_t)(q - r->buf) : r->end;
	}
	return r->lf_at;
}

/*
 * The line that begins at buf[start+off]: line ends are LF, CRLF and a
 * lone CR (old Mac exports).  Sets *len to the offset (from start) where
 * its text ends and *next to where the next line begins.  Returns 1, 0
 * when the input ends first (*len = *next = the end of the input), -1 on
 * a fatal error.  Two memchr calls beat one loop testing both bytes.
 */
static inline int
line_end(struct csv_reader *r, size_t off, size_t *len, size_t *next)
{
	size_t s = off, lf, avail, c;
	const char *p, *cr;

	for (;;) {
		p = r->buf + r->start;
		avail = r->end - r->start;
		lf = find_lf(r, r->start + s) - r->start;
		if ((cr = memchr(p + s, '\r', lf - s)) != NULL) {
			c = (size_t)(cr - p);
			if (c + 1 < avail || r->eof) {
				*len = c;
				*next = c + 1 + (c + 1 < avail && p[c + 1] == '\n');
				return 1;
			}
			s = c;		/* a CR last: is an LF next? */
		} else if (lf < avail) {
			*len = lf;
			*next = lf + 1;
			return 1;
		} else if (r->eof) {
			*len = *next = avail;
			return 0;
		} else
			s = avail;
		if (fill(r) == -1)
			return -1;
	}
}

/*
 * After a syntax error in the record at buf[start]: reject its first
 * line alone (its text is the raw record) and go on with the next line,
 * so that a stray quote never takes the records after it down with it.
 * nl: the lines the record had passed, open, when the error showed (on
 * line rec_line + nl, which the message names when online is set).  A
 * record over several lines is remembered as a runaway (struct
 * csv_reader): a later record still open at the start of one of its
 * lines would read the same text to the same error.
 */
static int
slow_error(struct csv_reader *r, unsigned long long nl, int online,
    const char *what)
{
	size_t len, next;
	int k;

	if (online && nl > 0)
		snprintf(r->run_what, sizeof(r->run_what), "%s, on line %llu",
		    what, r->rec_line + nl);
	else if (what != r->run_what)
		snprintf(r->run_what, sizeof(r->run_what), "%s", what);
	if (nl > 0) {
		r->run_first = r->rec_line;
		r->run_last = r->rec_line + nl;
	}
	if (lp_reset(r) == -1)
		return -1;
	if ((k = line_end(r, 0, &len, &next)) == -1)
		return -1;
	r->raw_off = r->start;
	r->raw_len = len;
	r->start += next;
	r->line += k;
	return seterr(r, CSV_ERR_SYNTAX, "%s", r->run_what);
}

/*
 * Skip the line ends before a record (libcsv skips empty rows too) and
 * note the line where it starts.  Returns 1, 0 when only line ends were
 * left in the input, -1 on a fatal error.
 */
static int
skip_line_ends(struct csv_reader *r)
{
	size_t off = 0;
	unsigned long long nl = 0;
	int k;
	char c;

	while ((k = need(r, off)) == 1 &&
	    ((c = r->buf[r->start + off]) == '\n' || c == '\r')) {
		off++;
		if (c == '\r' && (k = need(r, off)) == 1 &&
		    r->buf[r->start + off] == '\n')
			off++;		/* CRLF: one line end */
		if (k == -1)
			return -1;
		nl++;
	}
	r->start += off;
	r->line += nl;
	if (k == 1)
		r->rec_line = r->line;
	return k;
}

/*
 * Feed buf[start+*off..start+end) to libcsv, advancing *off.  Strict
 * libcsv stops at a quote inside an unquoted field (the only place it
 * stops at a quote, with no space trimming): that quote is fed again
 * with libcsv's quote character switched to NUL, a byte never fed, so
 * that it is an ordinary character as Python's csv module reads it.
 * Returns 1, 0 on malformed quoting (*off at the offending byte), -1 when
 * libcsv runs out of memory.
 */
static int
lp_feed(struct csv_reader *r, size_t *off, size_t end)
{
	const char *p;
	size_t k;

	while (*off < end) {
		p = r->buf + r->start + *off;
		k = csv_parse(&r->lp, p, end - *off, lcb_field, lcb_row, r);
		*off += k;
		if (*off == end)
			break;
		if (csv_error(&r->lp) != CSV_EPARSE)
			return seterr(r, CSV_ERR_NOMEM, "out of memory (libcsv)");
		if (p[k] != '"')
			return 0;
		csv_set_quote(&r->lp, '\0');
		k = csv_parse(&r->lp, p + k, 1, lcb_field, lcb_row, r);
		csv_set_quote(&r->lp, '"');
		if (k != 1)
			return seterr(r, CSV_ERR_NOMEM, "out of memory (libcsv)");
		(*off)++;
	}
	return 1;
}

/*
 * Parse the record at buf[start] whole with libcsv, one line at a time
 * (each with its line end), until its row callback fires (at a line's
 * end) or the input ends.  A quoted field still open at the end of the
 * input, or after CSV_MAX_SPAN lines, is a syntax error (slow_error).
 * Returns 1, 0 when only line ends were left in the input, or -1 on an
 * error (fatal for I/O and memory, else resumable).  Not inlined: kept
 * out of next_record, plain input reads a few per cent faster
 * (tests/tools/csvcount).
 */
static int __attribute__((noinline))
parse_slow(struct csv_reader *r)
{
	size_t off = 0, len, end, stop;
	unsigned long long nl = 0;
	const char *z;
	char what[64];
	int k, f;

	if ((k = skip_line_ends(r)) <= 0)
		return k;
	r->flen = r->nfoff = r->done = 0;
	while (!r->done) {
		if ((k = line_end(r, off, &len, &end)) == -1)
			return -1;
		z = memchr(r->buf + r->start + off, '\0', end - off);
		stop = z ? (size_t)(z - (r->buf + r->start)) : end;
		if ((f = lp_feed(r, &off, stop)) != 1)
			return f == -1 ? -1 : slow_error(r, nl, 1,
			    "malformed quoting (text after a closing quote)");
		if (z != NULL)
			return slow_error(r, nl, 1,
			    "NUL byte in record (binary data?)");
		if (k == 1) {
			if (r->done)
				continue;
			/* open where an earlier runaway was: its error */
			if (++nl == 1 && r->rec_line > r->run_first &&
			    r->rec_line + 1 <= r->run_last)
				return slow_error(r, 0, 0, r->run_what);
			if (nl >= CSV_MAX_SPAN) {
				snprintf(what, sizeof(what), "quoted field "
				    "still open after %d lines", CSV_MAX_SPAN);
				return slow_error(r, nl, 0, what);
			}
			continue;
		}
		/* the input ends: the record too, unless a quote is open */
		if (!r->done && csv_fini(&r->lp, lcb_field, lcb_row, r) != 0)
			return slow_error(r, nl, 0, "unterminated quoted field");
		break;
	}
	row_from_fbuf(r);
	r->raw_off = r->start;
	r->raw_len = len;
	r->start += off;
	r->line += nl + (k == 1);
	return 1;
}

/* True when some field of the line p[0..len) begins with a quote. */
static int
has_quoted_field(const char *p, size_t len, int delim)
{
	const char *q = p, *e = p + len;

	while ((q = memchr(q, '"', e - q)) != NULL) {
		if (q == p || q[-1] == delim)
			return 1;
		q++;
	}
	return 0;
}

/*
 * --ws: split p[0..len) at runs of blanks and tabs, ignoring those at
 * either end.  Quotes are ordinary characters.
 */
static void
split_ws(struct csv_reader *r, const char *p, size_t len)
{
	const char *end = p + len, *q;

	r->row.n = 0;
	r->row.plain = 0;
	r->row.raw = p;
	r->row.rawlen = len;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			return;
		for (q = p; q < end && *q != ' ' && *q != '\t'; q++)
			;
		row_add(&r->row, p, (size_t)(q - p));
		p = q;
	}
}

/*
 * Cut the next record from the current file.  Returns 1 for a record,
 * 0 at the end of the file, -1 on an error.
 */
static int
next_record(struct csv_reader *r)
{
	const char *p;
	size_t len, next;
	int k, quotes, nul;

	for (;;) {
		if ((k = line_end(r, 0, &len, &next)) == -1)
			return -1;
		if (next == 0)
			return 0;
		p = r->buf + r->start;
		r->rec_line = r->line;
		quotes = !r->ws && memchr(p, '"', len) != NULL;
		nul = memchr(p, '\0', len) != NULL;
		if (!r->ws && (nul || (quotes &&
		    has_quoted_field(p, len, r->delim))))
			return parse_slow(r);
		r->start += next;
		r->line += k;
		r->raw_off = p - r->buf;
		r->raw_len = len;
		if (nul)		/* --ws */
			return seterr(r, CSV_ERR_SYNTAX,
			    "NUL byte in record (binary data?)");
		if (r->ws) {
			split_ws(r, p, len);
			if (r->row.n == 0)
				continue;	/* blanks alone */
			return 1;
		}
		if (len == 0)
			continue;	/* a blank line is not a record */
		split_plain(r, p, len, quotes);
		return 1;
	}
}

/* Open the next file and read its first record (BOM skipped). */
static int
first_record(struct csv_reader *r)
{
	int k;

	for (;;) {
		if ((k = open_next(r)) <= 0)
			return k;
		while (r->end - r->start < 3 && !r->eof)
			if (fill(r) == -1)
				return -1;
		if (r->end - r->start >= 3 &&
		    memcmp(r->buf + r->start, "\xef\xbb\xbf", 3) == 0)
			r->start += 3;
		if ((k = next_record(r)) != 0)
			return k;
		/* an empty file: go on with the next */
	}
}

int
csv_read_header(struct csv_reader *r)
{
	size_t i, len = 0;
	char *q;
	int k;

	if (r->failed)		/* libcsv could not initialise */
		return -1;
	if ((k = first_record(r)) != 1) {
		if (k == -1)
			r->err.fatal = r->failed = 1;	/* no header, no data */
		return k;
	}
	for (i = 0; i < r->row.n; i++)
		len += r->row.f[i].len + 1;
	r->hdrbuf = q = xmalloc(len + 1);
	r->hdr.n = 0;
	for (i = 0; i < r->row.n; i++) {
		memcpy(q, r->row.f[i].p, r->row.f[i].len);
		q[r->row.f[i].len] = '\0';
		row_add(&r->hdr, q, r->row.f[i].len);
		q += r->row.f[i].len + 1;
	}
	r->have_header = 1;
	return 1;
}

/* The header of a further file must equal the first one's. */
static int
same_header(const struct csv_reader *r)
{
	size_t i;

	if (r->row.n != r->hdr.n)
		return 0;
	for (i = 0; i < r->row.n; i++)
		if (r->row.f[i].len != r->hdr.f[i].len ||
		    memcmp(r->row.f[i].p, r->hdr.f[i].p, r->row.f[i].len))
			return 0;
	return 1;
}

int
csv_read(struct csv_reader *r, const struct csv_row **rowp)
{
	int k;

	*rowp = NULL;
	if (r->failed || !r->have_header)
		return -1;
	while ((k = next_record(r)) != 1) {
		if (k == -1)
			return -1;
		if ((k = first_record(r)) <= 0)
			return k;
		if (!same_header(r))
			return seterr(r, CSV_ERR_HEADER,
			    "header differs from the first file's");
	}
	r->nrec++;
	*rowp = &r->row;
	if (r->row.n != r->hdr.n)
		return seterr(r, CSV_ERR_RAGGED,
		    "expected %zu fields, got %zu", r->hdr.n, r->row.n);
	return 1;
}

const struct csv_err *
csv_lasterr(const struct csv_reader *r)
{
	return &r->err;
}

void
csv_on_progress(struct csv_reader *r,
    void (*fn)(void *, uint64_t done, uint64_t total), void *arg)
{
	struct stat st;
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < r->npaths; i++)
		if (strcmp(r->paths[i], "-") != 0 &&
		    stat(r->paths[i], &st) == 0 && S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
	if (r->npaths == 0 && fstat(0, &st) == 0 && S_ISREG(st.st_mode))
		total = (uint64_t)st.st_size;
	r->progfn = fn;
	r->progarg = arg;
	r->progtotal = total;
}

size_t
csv_ncols(const struct csv_reader *r)
{
	return r->hdr.n;
}

const char *
csv_name(const struct csv_reader *r, size_t col)
{
	return col < r->hdr.n ? r->hdr.f[col].p : NULL;
}

const char *
csv_name_len(const struct csv_reader *r, size_t col, size_t *len)
{
	if (col >= r->hdr.n)
		return NULL;
	*len = r->hdr.f[col].len;
	return r->hdr.f[col].p;
}

const struct csv_row *
csv_header(const struct csv_reader *r)
{
	return &r->hdr;
}

/* Column name at i, trimmed of blanks at both ends when trim is set. */
static const char *
hdr_name(const struct csv_reader *r, size_t i, int trim, size_t *len)
{
	const char *p = r->hdr.f[i].p;
	size_t n = r->hdr.f[i].len;

	if (trim) {
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
	}
	*len = n;
	return p;
}

static long
find_col(const struct csv_reader *r, const char *name, size_t len, int trim)
{
	const char *p;
	size_t i, n;
	long found = -1;

	for (i = 0; i < r->hdr.n; i++) {
		p = hdr_name(r, i, trim, &n);
		if (n != len || memcmp(p, name, len) != 0)
			continue;
		if (found >= 0)
			return -2;
		found = (long)i;
	}
	return found;
}

long
csv_col(const struct csv_reader *r, const char *name)
{
	size_t len = strlen(name);
	long k = find_col(r, name, len, 0);

	return k != -1 ? k : find_col(r, name, len, 1);
}

const char *
csv_path(const struct csv_reader *r)
{
	return r->path;
}

unsigned long long
csv_line(const struct csv_reader *r)
{
	return r->rec_line;
}

unsigned long long
csv_nrecords(const struct csv_reader *r)
{
	return r->nrec;
}

const char *
csv_raw(const struct csv_reader *r, size_t *len)
{
	*len = r->raw_len;
	return r->buf + r->raw_off;
}

size_t
csv_nfields(const struct csv_row *row)
{
	return row->n;
}

const char *
csv_field(const struct csv_row *row, size_t i, size_t *len)
{
	assert(i < row->n);
	if (i >= row->n) {	/* NDEBUG: still no read past the row */
		*len = 0;
		return "";
	}
	*len = row->f[i].len;
	return row->f[i].p;
}
