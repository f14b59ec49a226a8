/*
 * fuzz_write.c: libFuzzer target for the writer: parse(write(x)) = x.
 * The input is cut into rows (byte 0x02) and fields (byte 0x01); every
 * row is padded or cut to the first row's width (a NUL, which no CSV
 * holds, becomes 'N').  The rows are written with csv_put (gzip when
 * the first byte is odd) and read back: the fields must be the same.
 * Then the input as CSV: its good records, written back with
 * csv_put_row (whose fast path copies a plain line whole) and read
 * again, must be the same records.  Build with `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>

#include "csvref.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A fresh empty temporary file's name (static). */
static char *
scratch(void)
{
	static char name[64];
	int fd;

	snprintf(name, sizeof(name), "/tmp/crm-fuzz-wXXXXXX");
	if ((fd = mkstemp(name)) == -1)
		abort();
	close(fd);
	return name;
}

/* Write the fields of data as rows, read them back, compare. */
static void
fields_roundtrip(const uint8_t *data, size_t size, int gz)
{
	char *s = xmalloc(size + 1), *path = xstrdup(scratch());
	char *rows[64], *f;
	size_t nrows = 0, ncols = 0, i, j, n, len;
	struct csv_writer *w;
	struct csv_reader *r;
	const struct csv_row *row;
	const char *p;

	for (i = 0; i < size; i++)
		s[i] = data[i] == 0 ? 'N' : (char)data[i];
	s[size] = '\0';
	for (p = s; nrows < 64; ) {	/* rows: runs up to 0x02 */
		rows[nrows++] = (char *)p;
		if ((f = strchr(p, '\x02')) == NULL)
			break;
		*f = '\0';
		p = f + 1;
	}
	w = csv_writer_open(path, gz);
	for (i = 0; i < nrows; i++) {
		p = rows[i];
		for (j = 0; ; j++) {
			f = strchr(p, '\x01');
			if (i == 0 || j < ncols)
				csv_put(w, p, f ? (size_t)(f - p) : strlen(p));
			if (f == NULL)
				break;
			p = f + 1;
		}
		if (i == 0)
			ncols = j + 1;
		for (j++; j < ncols; j++)
			csv_put(w, "", 0);
		csv_end_row(w);
	}
	if (csv_writer_close(w) != 0)
		abort();
	r = csv_open(&path, 1, ',');
	if (csv_read_header(r) != 1)
		abort();
	for (i = 0; i < nrows; i++) {
		if (i > 0 && csv_read(r, &row) != 1)
			abort();
		if (i == 0)
			row = csv_header(r);
		if (csv_nfields(row) != ncols)
			abort();
		p = rows[i];
		for (j = 0; j < ncols; j++) {
			f = p ? strchr(p, '\x01') : NULL;
			n = p ? (f ? (size_t)(f - p) : strlen(p)) : 0;
			s = (char *)csv_field(row, j, &len);
			if (len != n || (n && memcmp(s, p, n) != 0)) {
				show("wrote", p, n);
				show("read", s, len);
				abort();
			}
			p = f ? f + 1 : NULL;
		}
	}
	if (csv_read(r, &row) != 0)
		abort();
	csv_close(r);
	unlink(path);
	free(path);
	free(rows[0]);
}

/* Drop the error lines of a dump (in place). */
static void
records_only(char *d)
{
	char *p = d, *q = d;
	size_t n;

	while (*p) {
		n = strcspn(p, "\n") + (p[strcspn(p, "\n")] != '\0');
		if (strncmp(p, "E:", 2) != 0) {
			memmove(q, p, n);
			q += n;
		}
		p += n;
	}
	*q = '\0';
}

/* The whole of a file, in memory; *n its size. */
static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL, buf[4096];
	size_t cap = 0, got;

	if (f == NULL)
		abort();
	*n = 0;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		b = xgrow(b, &cap, *n + got, 1);
		memcpy(b + *n, buf, got);
		*n += got;
	}
	fclose(f);
	return b;
}

/*
 * The input as CSV: its records (ragged ones too), written back with
 * csv_put_row and read again, are the same records.
 */
static void
rows_roundtrip(const uint8_t *data, size_t size)
{
	char *in = xstrdup(tmpfile_with(data, size));
	char *out = xstrdup(scratch());
	char *a, *b, *text;
	struct csv_reader *r;
	struct csv_writer *w;
	const struct csv_row *row;
	size_t n;
	int k;

	r = csv_open(&in, 1, ',');
	w = csv_writer_open(out, 0);
	if (csv_read_header(r) == 1) {
		csv_put_row(w, csv_header(r));
		csv_end_row(w);
		while ((k = csv_read(r, &row)) != 0) {
			if (k == -1 && csv_lasterr(r)->fatal)
				break;
			if (row == NULL)
				continue;	/* a syntax error */
			csv_put_row(w, row);
			csv_end_row(w);
		}
	}
	csv_close(r);
	if (csv_writer_close(w) != 0)
		abort();
	a = dump(data, size, ',');
	records_only(a);
	text = slurp(out, &n);
	b = dump(text, n, ',');
	records_only(b);
	if (strcmp(a, b) != 0) {
		show("records", a, strlen(a));
		show("written back", b, strlen(b));
		abort();
	}
	free(a);
	free(b);
	free(text);
	unlink(in);
	unlink(out);
	free(in);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	fields_roundtrip(data + 1, size - 1, data[0] & 1);
	if (size >= 3 && !(data[1] == 0x1f && data[2] == 0x8b))
		rows_roundtrip(data + 1, size - 1);
	return 0;
}
