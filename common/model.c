/*
 * model.c: writing and reading crmkit model files (see model.h).
 * Writing streams through a temporary file that is renamed into place
 * (or directly to a device: outfile.h);
 * reading loads the whole file, checks it and indexes its keys.
 */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "alloc.h"
#include "err.h"
#include "hash.h"
#include "model.h"
#include "outfile.h"

#define MODEL_MAGIC	"crmkit-model "
#define MODEL_MAXSIZE	((size_t)1 << 32)	/* 4 GiB of text */

struct model_writer {
	char		*path;
	struct outfile	 of;		/* the file (outfile.h) */
	FILE		*fp;		/* plain output, or */
	gzFile		 gz;		/* gzip output */
	int		 syncfd;	/* a dup of the file, for fsync */
	unsigned long	 crc;
	int		 err;		/* errno of the first failure */
	char		*line;		/* the line being built */
	size_t		 len, cap;
	locale_t	 cloc;		/* C locale for number formatting */
};

struct model_line {
	char	*key;
	char	*value;
};

struct model {
	char			*buf;		/* the whole text, split */
	char			*program;
	char			*algorithm;
	struct model_line	*lines;
	size_t			 nlines;
	struct strmap		*keys;		/* key -> id */
	size_t			*first;		/* id -> first line */
	locale_t		 cloc;
};

/* A word: non-empty, no spaces, controls or backslashes. */
static int
model_word(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7F || *s == '\\')
			return 0;
	return 1;
}

static void
line_add(struct model_writer *w, const char *p, size_t n)
{
	if (w->len + n > w->cap)
		w->line = xgrow(w->line, &w->cap, w->len + n, 1);
	memcpy(w->line + w->len, p, n);
	w->len += n;
}

/* Add s to the line, escaping what would break it. */
static void
line_add_escaped(struct model_writer *w, const char *s)
{
	const char *run;

	for (run = s; *s != '\0'; s++) {
		if (*s != '\\' && *s != '\n' && *s != '\r')
			continue;
		line_add(w, run, (size_t)(s - run));
		line_add(w, *s == '\\' ? "\\\\" : *s == '\n' ? "\\n" : "\\r",
		    2);
		run = s + 1;
	}
	line_add(w, run, (size_t)(s - run));
}

/* Write out the line built so far, counting it in the CRC. */
static void
line_flush(struct model_writer *w, int count)
{
	if (count)
		w->crc = crc32_z(w->crc, (const Bytef *)w->line, w->len);
	if (w->err == 0) {
		if (w->gz != NULL) {
			if (w->len > 0 && gzwrite(w->gz, w->line,
			    (unsigned)w->len) == 0) {
				int zerr;

				gzerror(w->gz, &zerr);
				w->err = zerr == Z_ERRNO && errno ? errno : EIO;
			}
		} else if (fwrite(w->line, 1, w->len, w->fp) != w->len)
			w->err = errno ? errno : EIO;
	}
	w->len = 0;
}

/*
 * Open the output (outfile.h: a temporary file renamed into place, or a
 * device written directly) as plain or gzip.  The stdio or zlib stream
 * owns the descriptor from here on.
 */
static int
model_open_tmp(struct model_writer *w, int gzip)
{
	int fd, e;

	if (outfile_open(&w->of, w->path) == -1)
		return -1;
	fd = w->of.fd;
	if ((w->syncfd = dup(fd)) == -1)
		goto fail;
	if (gzip)
		w->gz = gzdopen(fd, "wb");
	else
		w->fp = fdopen(fd, "w");
	if (w->gz != NULL || w->fp != NULL) {
		w->of.fd = -1;
		return 0;
	}
fail:
	e = errno ? errno : ENOMEM;
	outfile_abort(&w->of);
	errno = e;
	return -1;
}

static void
writer_free(struct model_writer *w)
{
	outfile_abort(&w->of);		/* nothing left after a commit */
	if (w->syncfd != -1)
		close(w->syncfd);
	if (w->cloc != (locale_t)0)
		freelocale(w->cloc);
	free(w->line);
	free(w->path);
	free(w);
}

struct model_writer *
model_create(const char *path, const char *program, const char *algorithm)
{
	struct model_writer *w;
	size_t n;
	int gzip, e;

	if (path == NULL || *path == '\0' || !model_word(program) ||
	    !model_word(algorithm)) {
		errno = EINVAL;
		return NULL;
	}
	w = xcalloc(1, sizeof(*w));
	w->syncfd = -1;
	w->of.fd = -1;
	w->path = xstrdup(path);
	n = strlen(path);
	gzip = n >= 3 && strcmp(path + n - 3, ".gz") == 0;
	errno = 0;
	if (model_open_tmp(w, gzip) == -1) {
		e = errno;
		writer_free(w);
		errno = e;
		return NULL;
	}
	w->cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	w->crc = crc32(0, NULL, 0);
	line_add(w, MODEL_MAGIC, strlen(MODEL_MAGIC));
	n = (size_t)snprintf(NULL, 0, "%d", MODEL_VERSION);
	w->line = xgrow(w->line, &w->cap, w->len + n + 1, 1);
	snprintf(w->line + w->len, n + 1, "%d", MODEL_VERSION);
	w->len += n;
	line_add(w, " ", 1);
	line_add(w, program, strlen(program));
	line_add(w, " ", 1);
	line_add(w, algorithm, strlen(algorithm));
	line_add(w, "\n", 1);
	line_flush(w, 1);
	return w;
}

/* Format into a malloc'ed string in the C locale. */
static char *
model_vfmt(struct model_writer *w, const char *fmt, va_list ap)
{
	locale_t old = (locale_t)0;
	va_list ap2;
	char *s;
	int n;

	if (w->cloc != (locale_t)0)
		old = uselocale(w->cloc);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	s = NULL;
	if (n >= 0) {
		s = xmalloc((size_t)n + 1);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	}
	if (old != (locale_t)0)
		uselocale(old);
	return s;
}

void
model_put(struct model_writer *w, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *v;

	if (!model_word(key) || strcmp(key, "end") == 0) {
		if (w->err == 0)
			w->err = EINVAL;
		return;
	}
	va_start(ap, fmt);
	v = model_vfmt(w, fmt, ap);
	va_end(ap);
	if (v == NULL) {
		if (w->err == 0)
			w->err = EINVAL;
		return;
	}
	line_add(w, key, strlen(key));
	line_add(w, " ", 1);
	line_add_escaped(w, v);
	line_add(w, "\n", 1);
	free(v);
	line_flush(w, 1);
}

void
model_put_double(struct model_writer *w, const char *key, double d)
{
	model_put(w, key, "%.17g", d);
}

void
model_put_doubles(struct model_writer *w, const char *key, const double *v,
    size_t n)
{
	locale_t old = (locale_t)0;
	char num[40];
	size_t i;
	int k;

	if (!model_word(key) || strcmp(key, "end") == 0) {
		if (w->err == 0)
			w->err = EINVAL;
		return;
	}
	if (w->cloc != (locale_t)0)
		old = uselocale(w->cloc);
	line_add(w, key, strlen(key));
	for (i = 0; i < n; i++) {
		k = snprintf(num, sizeof(num), " %.17g", v[i]);
		line_add(w, num, (size_t)k);
	}
	if (old != (locale_t)0)
		uselocale(old);
	line_add(w, "\n", 1);
	line_flush(w, 1);
}

/* Close the streams; returns 0 or an errno. */
static int
writer_finish(struct model_writer *w)
{
	int e = w->err, zerr;

	if (w->gz != NULL) {
		zerr = gzclose(w->gz);
		if (e == 0 && zerr != Z_OK)
			e = zerr == Z_ERRNO && errno ? errno : EIO;
	} else if (w->fp != NULL) {
		if (fflush(w->fp) != 0 && e == 0)
			e = errno ? errno : EIO;
		if (fclose(w->fp) != 0 && e == 0)
			e = errno ? errno : EIO;
	}
	w->gz = NULL;
	w->fp = NULL;
	if (e == 0 && fsync(w->syncfd) != 0 && errno != EINVAL)
		e = errno;
	return e;
}

int
model_close(struct model_writer *w)
{
	char end[32];
	int e;

	snprintf(end, sizeof(end), "end %08lx\n", w->crc & 0xffffffffUL);
	line_add(w, end, strlen(end));
	errno = 0;
	line_flush(w, 0);
	e = writer_finish(w);
	if (e == 0 && outfile_commit(&w->of) != 0)
		e = errno;
	writer_free(w);
	errno = e;
	return e == 0 ? 0 : -1;
}

void
model_abort(struct model_writer *w)
{
	if (w == NULL)
		return;
	w->err = ECANCELED;
	writer_finish(w);
	writer_free(w);
}

/*
 * What is wrong with the n bytes read at buf[len], as far as they show
 * (the start must be the magic line's, no NUL, not over the size
 * limit), or NULL.
 */
static const char *
model_early(const char *buf, size_t len, size_t n)
{
	size_t ml = strlen(MODEL_MAGIC);

	if (len < ml && memcmp(buf + len, &MODEL_MAGIC[len],
	    n < ml - len ? n : ml - len) != 0)
		return "not a crmkit model";
	if (memchr(buf + len, '\0', n) != NULL)
		return "corrupted model (NUL byte)";
	if (len + n > MODEL_MAXSIZE)
		return "model too large (over 4 GiB of text)";
	return NULL;
}

/* Read the whole (possibly gzip) file; NULL with a message on failure. */
static char *
model_slurp(const char *path, size_t *lenp, char *err, size_t errlen)
{
	gzFile gz;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	const char *msg;
	int n, zerr;

	errno = 0;
	if ((gz = gzopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path,
		    strerror(errno ? errno : ENOMEM));
		return NULL;
	}
	/*
	 * Checked while inflating, so that a gzip bomb is turned down after
	 * its first chunk rather than once inflated: the magic line (a
	 * foreign file), NUL bytes (never in a model's text) and the size.
	 */
	for (;;) {
		buf = xgrow(buf, &cap, len + 65536, 1);
		errno = 0;
		if ((n = gzread(gz, buf + len, 65536)) <= 0)
			break;
		if ((msg = model_early(buf, len, (size_t)n)) != NULL) {
			snprintf(err, errlen, "%s: %s", path, msg);
			goto fail;
		}
		len += (size_t)n;
	}
	if (n < 0) {
		msg = gzerror(gz, &zerr);
		if (zerr == Z_ERRNO)
			snprintf(err, errlen, "%s: %s", path,
			    strerror(errno ? errno : EIO));
		else if (zerr == Z_BUF_ERROR)
			snprintf(err, errlen, "%s: truncated model (%s)", path,
			    msg);
		else
			snprintf(err, errlen, "%s: corrupted model (%s)", path,
			    msg);
		goto fail;
	}
	/* A stream cut inside its trailer only shows here. */
	if ((zerr = gzclose(gz)) != Z_OK) {
		snprintf(err, errlen, zerr == Z_BUF_ERROR ?
		    "%s: truncated model (unexpected end of file)" :
		    "%s: corrupted model (gzip error)", path);
		free(buf);
		return NULL;
	}
	*lenp = len;
	return buf;
fail:
	gzclose(gz);
	free(buf);
	return NULL;
}

/* Is s[0..n) the end line "end XXXXXXXX\n"?  Stores the CRC. */
static int
model_endline(const char *s, size_t n, unsigned long *crc)
{
	size_t i;
	int c;

	if (n != 13 || memcmp(s, "end ", 4) != 0 || s[12] != '\n')
		return 0;
	*crc = 0;
	for (i = 4; i < 12; i++) {
		c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			*crc = *crc * 16 + (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*crc = *crc * 16 + (unsigned long)(c - 'a' + 10);
		else
			return 0;
	}
	return 1;
}

/*
 * Check the first line (magic, version, program, algorithm) and the end
 * line and CRC.  Splits the first line in place; *body and *bodyend
 * delimit the key-value lines.  Returns a reason or NULL.
 */
static const char *
model_check(struct model *m, size_t len, char **body, char **bodyend,
    char *why, size_t whylen)
{
	char *b = m->buf, *nl, *p, *last;
	unsigned long version = 0, crc;
	size_t ml = strlen(MODEL_MAGIC);

	if (len == 0)
		return "not a crmkit model (empty file)";
	if (memcmp(b, MODEL_MAGIC, len < ml ? len : ml) != 0)
		return "not a crmkit model";
	if (len < ml || (nl = memchr(b, '\n', len)) == NULL)
		return "truncated model (no end line)";
	for (p = b + ml; p < nl && *p >= '0' && *p <= '9' &&
	    version < 100000000; p++)
		version = version * 10 + (unsigned long)(*p - '0');
	if (p == b + ml || (*p != ' ' && *p != '\n'))
		return "not a crmkit model";
	if (version != MODEL_VERSION) {
		snprintf(why, whylen, "unsupported model version %lu",
		    version);
		return why;
	}
	if (b[len - 1] != '\n')
		return "truncated model (no end line)";
	for (last = b + len - 1; last > nl + 1 && last[-1] != '\n'; last--)
		;
	if (last <= nl || !model_endline(last, (size_t)(b + len - last), &crc))
		return "truncated model (no end line)";
	if ((crc32_z(crc32(0, NULL, 0), (const Bytef *)b, (size_t)(last - b)) &
	    0xffffffffUL) != crc)
		return "corrupted model (checksum mismatch)";
	/* "crmkit-model 1 PROGRAM ALGORITHM" */
	*nl = '\0';
	m->program = p + (*p == ' ');
	if ((p = strchr(m->program, ' ')) == NULL || p[1] == '\0' ||
	    p == m->program || strchr(p + 1, ' ') != NULL)
		return "corrupted model (bad first line)";
	*p = '\0';
	m->algorithm = p + 1;
	*body = nl + 1;
	*bodyend = last;
	return NULL;
}

/* Undo the escapes of a value in place; -1 on a bad escape. */
static int
model_unescape(char *s)
{
	char *o = s;

	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		s++;
		if (*s == '\\')
			*o++ = '\\';
		else if (*s == 'n')
			*o++ = '\n';
		else if (*s == 'r')
			*o++ = '\r';
		else
			return -1;
	}
	*o = '\0';
	return 0;
}

/* Split the key-value lines and index their keys. */
static const char *
model_parse(struct model *m, char *p, char *end, char *why, size_t whylen)
{
	size_t cap = 0, fcap = 0, id;
	char *nl, *sp;
	int isnew, bad;

	m->keys = strmap_new();
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		bad = memchr(p, '\0', (size_t)(nl - p)) != NULL;
		*nl = '\0';
		if ((sp = strchr(p, ' ')) != NULL)
			*sp = '\0';
		if (bad || !model_word(p) ||
		    (sp != NULL && model_unescape(sp + 1) == -1)) {
			snprintf(why, whylen, "corrupted model (line %zu)",
			    m->nlines + 2);
			return why;
		}
		m->lines = xgrow(m->lines, &cap, m->nlines + 1,
		    sizeof(m->lines[0]));
		m->lines[m->nlines].key = p;
		m->lines[m->nlines].value = sp != NULL ? sp + 1 : nl;
		id = strmap_intern(m->keys, p, strlen(p), &isnew);
		if (id == STRMAP_FULL) {
			snprintf(why, whylen, "model too large (line %zu)",
			    m->nlines + 2);
			return why;
		}
		if (isnew) {
			m->first = xgrow(m->first, &fcap, id + 1,
			    sizeof(m->first[0]));
			m->first[id] = m->nlines;
		}
		m->nlines++;
	}
	return NULL;
}

struct model *
model_load(const char *path, const char *program, char *err, size_t errlen)
{
	struct model *m;
	char why[128], *body, *bodyend;
	const char *reason;
	size_t len;

	m = xcalloc(1, sizeof(*m));
	if ((m->buf = model_slurp(path, &len, err, errlen)) == NULL) {
		free(m);
		return NULL;
	}
	reason = model_check(m, len, &body, &bodyend, why, sizeof(why));
	if (reason == NULL && program != NULL &&
	    strcmp(program, m->program) != 0) {
		snprintf(why, sizeof(why), "model for %s, not %s",
		    m->program, program);
		reason = why;
	}
	if (reason == NULL)
		reason = model_parse(m, body, bodyend, why, sizeof(why));
	if (reason != NULL) {
		snprintf(err, errlen, "%s: %s", path, reason);
		model_free(m);
		return NULL;
	}
	m->cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return m;
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	if (m->cloc != (locale_t)0)
		freelocale(m->cloc);
	strmap_free(m->keys);
	free(m->first);
	free(m->lines);
	free(m->buf);
	free(m);
}

const char *
model_algorithm(const struct model *m)
{
	return m->algorithm;
}

const char *
model_get(const struct model *m, const char *key)
{
	size_t id;

	id = strmap_find(m->keys, key, strlen(key));
	if (id == (size_t)-1)
		return NULL;
	return m->lines[m->first[id]].value;
}

/*
 * Parse the double at s, ending at a space or NUL (the caller has set
 * the C locale); returns the end or NULL.  Leading spaces and empty
 * numbers are bad.
 */
static const char *
scan_double(const char *s, double *d)
{
	char *end;

	if (*s == '\0' || *s == ' ' || *s == '\t')
		return NULL;
	errno = 0;
	*d = strtod(s, &end);	/* ERANGE: subnormals come back exact */
	if (end == s || (*end != '\0' && *end != ' '))
		return NULL;
	return end;
}

/* scan_double in the model's C locale. */
static const char *
model_strtod(const struct model *m, const char *s, double *d)
{
	locale_t old = (locale_t)0;

	if (m->cloc != (locale_t)0)
		old = uselocale(m->cloc);
	s = scan_double(s, d);
	if (old != (locale_t)0)
		uselocale(old);
	return s;
}

int
model_parse_double(const struct model *m, const char *s, double *d)
{
	const char *e;

	if ((e = model_strtod(m, s, d)) == NULL || *e != '\0')
		return -1;
	return 0;
}

int
model_get_double(const struct model *m, const char *key, double *d)
{
	const char *v;

	if ((v = model_get(m, key)) == NULL)
		return -1;
	return model_parse_double(m, v, d);
}

int
model_parse_doubles(const struct model *m, const char *s, double *v,
    size_t n)
{
	locale_t old = (locale_t)0;
	size_t i;

	if (m->cloc != (locale_t)0)	/* once, not per number */
		old = uselocale(m->cloc);
	for (i = 0; i < n && s != NULL; i++) {
		if (i > 0 && *s++ != ' ')
			s = NULL;
		else
			s = scan_double(s, &v[i]);
	}
	if (old != (locale_t)0)
		uselocale(old);
	return s != NULL && *s == '\0' ? 0 : -1;
}

int
model_get_doubles(const struct model *m, const char *key, double *v,
    size_t n)
{
	const char *s;

	if ((s = model_get(m, key)) == NULL)
		return -1;
	return model_parse_doubles(m, s, v, n);
}

long
model_count(const struct model *m, const char *key)
{
	const char *s;
	long n = 0;
	int inword = 0;

	if ((s = model_get(m, key)) == NULL)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == ' ')
			inword = 0;
		else if (!inword) {
			inword = 1;
			n++;
		}
	}
	return n;
}

int
model_next(const struct model *m, size_t *pos, const char **key,
    const char **value)
{
	if (*pos >= m->nlines)
		return 0;
	*key = m->lines[*pos].key;
	*value = m->lines[*pos].value;
	(*pos)++;
	return 1;
}
