/*
 * csv_write.c: the CSV writer every crmkit program uses.
 *
 * Fields are quoted only when they hold the delimiter, a quote, CR or LF
 * (and a lone empty field, which would otherwise read back as a blank
 * line); LF ends records.  Output is buffered, optionally deflated, and
 * written as outfile.h says: regular files through a temporary file
 * renamed into place on close, devices and FIFOs directly.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "csv.h"
#include "csv_row.h"
#include "err.h"
#include "num.h"
#include "outfile.h"

#define WBUFSZ	(1 << 16)

struct csv_writer {
	int		 fd;
	char		*path;		/* the name given, NULL for stdout */
	struct outfile	 of;		/* its file (outfile.h) */
	int		 gz;
	z_stream	 zs;
	unsigned char	*zout;
	char		*buf;
	size_t		 len;
	size_t		 nf;		/* fields in the current record */
	int		 last_empty;
	int		 begun;		/* a record has been ended */
	int		 failed;
	int		 err;
};

/* Bytes that force quoting. */
static const unsigned char needq[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

static int
full_write(int fd, const void *p, size_t n)
{
	const char *q = p;
	ssize_t k;

	while (n > 0) {
		k = write(fd, q, n);
		if (k == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		q += k;
		n -= k;
	}
	return 0;
}

/* Send buffered bytes on (through deflate when compressing). */
static void
wflush(struct csv_writer *w, int finish)
{
	int ret;

	if (w->failed)
		return;
	if (!w->gz) {
		if (w->len && full_write(w->fd, w->buf, w->len) == -1) {
			w->failed = 1;
			w->err = errno;
		}
		w->len = 0;
		return;
	}
	w->zs.next_in = (unsigned char *)w->buf;
	w->zs.avail_in = (uInt)w->len;
	do {
		w->zs.next_out = w->zout;
		w->zs.avail_out = WBUFSZ;
		ret = deflate(&w->zs, finish ? Z_FINISH : Z_NO_FLUSH);
		if (ret == Z_STREAM_ERROR ||
		    full_write(w->fd, w->zout, WBUFSZ - w->zs.avail_out)) {
			w->failed = 1;
			w->err = ret == Z_STREAM_ERROR ? EIO : errno;
			break;
		}
	} while (w->zs.avail_out == 0 || (finish && ret != Z_STREAM_END));
	w->len = 0;
}

static void
wbytes(struct csv_writer *w, const char *p, size_t n)
{
	while (n > 0) {
		size_t k = WBUFSZ - w->len;

		if (k == 0) {
			wflush(w, 0);
			k = WBUFSZ;
		}
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, p, k);
		w->len += k;
		p += k;
		n -= k;
	}
}

struct csv_writer *
csv_writer_open(const char *path, int gzip)
{
	struct csv_writer *w;
	size_t n;
	int e;

	w = xcalloc(1, sizeof(*w));
	w->fd = 1;
	w->of.fd = -1;
	if (path && strcmp(path, "-") != 0) {
		n = strlen(path);
		if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
			gzip = 1;
		if (outfile_open(&w->of, path) == -1) {
			e = errno;
			free(w);
			errno = e;
			return NULL;
		}
		w->path = xstrdup(path);
		w->fd = w->of.fd;
	}
	w->buf = xmalloc(WBUFSZ);
	if (gzip) {
		w->gz = 1;
		w->zout = xmalloc(WBUFSZ);
		if (deflateInit2(&w->zs, 6, Z_DEFLATED, 15 + 16, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK) {
			w->gz = 0;
			csv_writer_abort(w);
			errno = ENOMEM;
			return NULL;
		}
	}
	return w;
}

void
csv_put(struct csv_writer *w, const char *p, size_t len)
{
	size_t i, s;
	int q = 0;

	/* a UTF-8 BOM first in the output would be skipped by a reader */
	if (!w->begun && w->nf == 0 && len >= 3 &&
	    memcmp(p, "\xef\xbb\xbf", 3) == 0)
		q = 1;
	if (w->nf++)
		wbytes(w, ",", 1);
	for (i = 0; i < len && !q; i++)
		if (needq[(unsigned char)p[i]]) {
			q = 1;
			break;
		}
	w->last_empty = len == 0;
	if (!q) {
		if (len <= WBUFSZ - w->len) {
			memcpy(w->buf + w->len, p, len);
			w->len += len;
		} else
			wbytes(w, p, len);
		return;
	}
	wbytes(w, "\"", 1);
	for (s = 0, i = 0; i < len; i++)
		if (p[i] == '"') {
			wbytes(w, p + s, i + 1 - s);
			wbytes(w, "\"", 1);
			s = i + 1;
		}
	wbytes(w, p + s, len - s);
	wbytes(w, "\"", 1);
}

void
csv_put_str(struct csv_writer *w, const char *s)
{
	csv_put(w, s, strlen(s));
}

void
csv_put_num(struct csv_writer *w, double v)
{
	char buf[32];

	csv_put(w, buf, num_fmt(buf, v));
}

void
csv_put_int(struct csv_writer *w, long long v)
{
	char buf[32];

	csv_put(w, buf, num_fmt_int(buf, v));
}

void
csv_put_fixed(struct csv_writer *w, double v, int decimals)
{
	char buf[64];
	int n;

	if (v == 0)
		v = 0;		/* no "-0.00" */
	n = snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (n < 0 || (size_t)n >= sizeof(buf))
		csv_put_num(w, v);
	else
		csv_put(w, buf, (size_t)n);
}

void
csv_put_row(struct csv_writer *w, const struct csv_row *row)
{
	size_t i;

	if (row->plain && row->n > 0 && (w->begun || w->nf > 0 ||
	    row->rawlen < 3 || memcmp(row->raw, "\xef\xbb\xbf", 3) != 0)) {
		/* the line as it was */
		if (w->nf)
			wbytes(w, ",", 1);
		wbytes(w, row->raw, row->rawlen);
		w->nf += row->n;
		w->last_empty = row->f[row->n - 1].len == 0;
		return;
	}
	for (i = 0; i < row->n; i++)
		csv_put(w, row->f[i].p, row->f[i].len);
}

void
csv_put_raw(struct csv_writer *w, const char *p, size_t len)
{
	wbytes(w, p, len);
}

int
csv_end_row(struct csv_writer *w)
{
	if (w->nf == 1 && w->last_empty)
		wbytes(w, "\"\"", 2);	/* else it reads back as a blank line */
	w->nf = 0;
	w->begun = 1;
	if (w->len == WBUFSZ)
		wflush(w, 0);
	if (w->len < WBUFSZ)
		w->buf[w->len++] = '\n';
	else
		wbytes(w, "\n", 1);
	if (w->failed) {
		errno = w->err;
		return -1;
	}
	return 0;
}

const char *
csv_writer_path(const struct csv_writer *w)
{
	return w->path ? w->path : "<stdout>";
}

static void
writer_free(struct csv_writer *w)
{
	if (w->gz)
		deflateEnd(&w->zs);
	free(w->zout);
	free(w->buf);
	free(w->path);
	free(w);
}

int
csv_writer_close(struct csv_writer *w)
{
	int e;

	if (w == NULL)
		return 0;
	wflush(w, 1);
	if (w->path) {
		if (w->failed)
			outfile_abort(&w->of);
		else if (outfile_commit(&w->of) == -1) {
			w->failed = 1;
			w->err = errno;
		}
	}
	e = w->failed ? w->err : 0;
	writer_free(w);
	if (e) {
		errno = e;
		return -1;
	}
	return 0;
}

void
csv_writer_abort(struct csv_writer *w)
{
	if (w == NULL)
		return;
	if (w->path)
		outfile_abort(&w->of);
	writer_free(w);
}
