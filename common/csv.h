/*
 * csv.h: the one CSV reader (csv_read.c) and writer (csv_write.c) of
 * crmkit.
 *
 * The reader reads any number of files (or stdin) as one stream, plain or
 * gzip (detected by magic bytes), and yields records of borrowed fields.
 * Lines end in LF, CRLF or a lone CR (old Mac exports); line numbers
 * count each.  Two paths parse, with one result:
 * - a line in which no field begins with a quote and with no NUL is split
 *   at the delimiter with memchr;
 * - every other record is parsed whole by libcsv in strict mode
 *   (CSV_STRICT | CSV_STRICT_FINI, no space trimming), which reads quoted
 *   fields as RFC 4180 has them (delimiters, doubled quotes and line
 *   breaks inside) and rejects text after a closing quote and an
 *   unterminated quoted field.
 * One deviation from strict libcsv, which rejects it: a quote inside a
 * field that does not begin with one is an ordinary character.  Python's
 * csv module and the csv-spectrum suite read it so, exports hold such
 * quotes (12" pizza), and the memchr path reads it so too: a line reads
 * the same whichever path takes it.  A NUL byte is an error on both.
 *
 * A bad record never takes others with it: text after a closing quote,
 * a NUL byte, a quoted field still open at the end of the input or after
 * CSV_MAX_SPAN lines make the record a syntax error that is the line
 * where it starts alone (csv_raw gives that line, csv_line its number),
 * and reading goes on with the next line.  So a stray quote costs its
 * own line, while a legal quoted field over several lines (RFC 4180) is
 * one record.
 *
 * With delim CSV_WS (--ws) lines are split at runs of blanks and tabs,
 * those at either end ignored, with no quoting at all; a line of blanks
 * alone is not a record.
 *
 * The writer quotes only where needed, writes LF, and can compress and
 * write atomically.
 */
#ifndef CRM_CSV_H
#define CRM_CSV_H

#include <stddef.h>
#include <stdint.h>

struct csv_reader;
struct csv_row;
struct csv_writer;

/* Limits: a record (all its fields) may hold up to this many bytes. */
#define CSV_MAX_RECORD	((size_t)1 << 30)
/*
 * A quoted field may span up to this many lines; one still open after
 * them, or at the end of the input, is a syntax error and its record is
 * rejected as its first line alone (reading goes on with the next line).
 */
#define CSV_MAX_SPAN	100000
/* csv_open's delim for --ws: fields separated by runs of blanks/tabs. */
#define CSV_WS		256

/*
 * Open paths[0..npaths-1] as one stream ("-" or no paths: stdin).  Never
 * fails: errors (unreadable file, bad gzip) are reported by csv_read.
 * delim is the field delimiter (',' by default).
 */
struct csv_reader *csv_open(char *const *paths, size_t npaths, int delim);
void		 csv_close(struct csv_reader *);

/*
 * Read the header.  Returns 1 on success, 0 on empty input (no bytes
 * at all), -1 on error (csv_lasterr).  Must be called before csv_read.
 */
int		 csv_read_header(struct csv_reader *);
/*
 * Read the next record into *row (borrowed until the next call).
 * Returns 1 for a record, 0 at end of input, -1 on error.  Errors:
 * - a ragged record (field count not the header's): -1 with *row set to
 *   the record as read;
 * - a syntax error (text after a closing quote, an unterminated quoted
 *   field, a NUL byte): -1 with *row NULL; csv_raw gives the record's
 *   first line, and reading goes on after it;
 * - fatal (I/O, gzip, limits, a header that differs between files):
 *   -1, and every later call too.
 * After a ragged or syntax error csv_read may be called again: it goes
 * on with the next record.  input.h applies the usual bad-row policy.
 */
int		 csv_read(struct csv_reader *, const struct csv_row **row);

/* What went wrong: the kinds of reader error. */
enum csv_errkind {
	CSV_ERR_NONE,
	CSV_ERR_OPEN,		/* a file cannot be opened (errnum) */
	CSV_ERR_READ,		/* read(2) failed (errnum) */
	CSV_ERR_GZIP,		/* corrupt or truncated gzip data */
	CSV_ERR_LIMIT,		/* a record over CSV_MAX_RECORD */
	CSV_ERR_HEADER,		/* a further file's header differs */
	CSV_ERR_NOMEM,		/* libcsv or zlib out of memory */
	CSV_ERR_RAGGED,		/* not the header's number of fields */
	CSV_ERR_SYNTAX		/* bad quoting or a NUL byte */
};

/*
 * The last error, as a structure so that no caller parses a message
 * apart.  Only RAGGED and SYNTAX are not fatal.
 */
struct csv_err {
	enum csv_errkind kind;
	int		 fatal;		/* no record follows */
	const char	*path;		/* the file, "<stdin>" for stdin */
	unsigned long long line;	/* where the record starts; 0: none */
	int		 errnum;	/* errno of OPEN and READ, else 0 */
	char		 what[160];	/* what is wrong, without position */
};

const struct csv_err *csv_lasterr(const struct csv_reader *);

/*
 * Call fn(arg, bytes read so far, total) as input is read; total is the
 * size of the named regular files, 0 when unknown.  The reader prints
 * nothing itself: the tool runtime (input.h) draws the progress line.
 */
void		 csv_on_progress(struct csv_reader *,
		    void (*fn)(void *, uint64_t done, uint64_t total),
		    void *arg);

/* Header: number of columns and their names. */
size_t		 csv_ncols(const struct csv_reader *);
const char	*csv_name(const struct csv_reader *, size_t col);
const char	*csv_name_len(const struct csv_reader *, size_t col,
		    size_t *len);
/* The header as a row (for writing it back out). */
const struct csv_row *csv_header(const struct csv_reader *);
/*
 * Index of the column named name, or -1 if absent, -2 if the header has
 * it more than once.  Without an exact match, a header name with blanks
 * around it (a file written as "a, b, c") is found by its trimmed name.
 */
long		 csv_col(const struct csv_reader *, const char *name);

/* Current position: file name ("<stdin>") and the line where the
 * current record starts (1-based; the header is line 1). */
const char	*csv_path(const struct csv_reader *);
unsigned long long csv_line(const struct csv_reader *);
/* Number of data records read so far (not the header). */
unsigned long long csv_nrecords(const struct csv_reader *);
/* The raw bytes of the current (or last bad) record, without its newline. */
const char	*csv_raw(const struct csv_reader *, size_t *len);

size_t		 csv_nfields(const struct csv_row *);
/* Field i of row; i must be below csv_nfields (asserted). */
const char	*csv_field(const struct csv_row *, size_t i, size_t *len);

/*
 * Writer.  path NULL or "-" is stdout; otherwise the file is opened as
 * outfile.h says: a regular file (or a new name, symbolic links
 * followed) through a temporary name beside it, renamed on a successful
 * close; a device, FIFO or /dev/stdout directly.
 * gzip: compress (also when path ends in ".gz").  Returns NULL with
 * errno set on failure to create.
 */
struct csv_writer *csv_writer_open(const char *path, int gzip);
/* Fields of one record, then csv_end_row. */
void		 csv_put(struct csv_writer *, const char *p, size_t len);
void		 csv_put_str(struct csv_writer *, const char *s);
/* Numbers: integers plainly, others in the shortest round-trip form
 * (num_fmt, num_fmt_int in num.h). */
void		 csv_put_num(struct csv_writer *, double);
void		 csv_put_int(struct csv_writer *, long long);
/* Numbers with a fixed number of decimals. */
void		 csv_put_fixed(struct csv_writer *, double, int decimals);
/* All fields of row, in order. */
void		 csv_put_row(struct csv_writer *, const struct csv_row *);
/* End the record.  Returns -1 once a write has failed (errno set). */
int		 csv_end_row(struct csv_writer *);
/* Write raw bytes (already CSV) as they are. */
void		 csv_put_raw(struct csv_writer *, const char *p, size_t len);
/*
 * Flush, close, rename into place.  Returns 0, or -1 with errno set
 * (the temporary file is then removed).  Frees w in both cases.
 */
int		 csv_writer_close(struct csv_writer *);
/* Remove the temporary file and free w without publishing anything. */
void		 csv_writer_abort(struct csv_writer *);
/* The name a message should use for the output ("<stdout>" or path). */
const char	*csv_writer_path(const struct csv_writer *);

#endif
