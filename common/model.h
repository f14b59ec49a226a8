/*
 * model.h: crmkit model files.  Text, libsvm-style: a first line
 *	crmkit-model 1 PROGRAM ALGORITHM
 * then "key value" lines (a key is one word; the value is the rest of the
 * line after one space), and a last line "end CRC" carrying the CRC-32
 * (zlib's, 8 lower-case hex digits) of every byte before it, so that
 * truncation and corruption are detected.  Gzip when the name ends in
 * ".gz" (and detected by magic on reading; the CRC covers the
 * uncompressed text).  Doubles are written with %.17g in the C locale
 * (whatever the program's locale) and read back exactly; inf and nan
 * are written as "inf", "-inf", "nan".
 *
 * Values may hold any bytes but NUL: model_put escapes a backslash as
 * "\\", a newline as "\n" and a carriage return as "\r", and
 * model_load undoes it, so that a value always stays on its line and
 * model_get returns exactly what was put.
 *
 * PROGRAM is the full program name ("crm-churn"); the algorithm is one
 * word ("logistic").
 */
#ifndef CRM_MODEL_H
#define CRM_MODEL_H

#include <stddef.h>

struct model_writer;
struct model;

#define MODEL_VERSION	1

/*
 * Start writing path: the text goes to a temporary file beside it
 * (path.tmpXXXXXX), renamed into place by model_close, and removed if
 * the program exits through crm_err* or dies by a signal before that;
 * a device or FIFO is written directly, a symbolic link is followed
 * (outfile.h).  Returns NULL with
 * errno set when the temporary file cannot be created, or EINVAL when
 * program or algorithm is not one word.
 */
struct model_writer *model_create(const char *path, const char *program,
		    const char *algorithm);
/*
 * Add the line "key value".  key must be one word (no spaces or control
 * characters) other than "end"; a bad key or a write error is kept and
 * returned by model_close (EINVAL for the key).
 */
void		 model_put(struct model_writer *, const char *key,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void		 model_put_double(struct model_writer *, const char *key,
		    double);
/* A line "key v1 v2 ... vn" of doubles (just "key" when n is 0). */
void		 model_put_doubles(struct model_writer *, const char *key,
		    const double *v, size_t n);
/*
 * Finish: write the end line, flush, sync and rename into place.
 * Returns 0, or -1 with errno (the temporary file is removed and path is
 * left as it was).  Frees the writer in both cases.
 */
int		 model_close(struct model_writer *);
/* Give up: remove the temporary file and free the writer (NULL ok). */
void		 model_abort(struct model_writer *);

/*
 * Read a whole model file (plain or gzip), checking the magic line, the
 * version, the end line, the CRC and the program, in that order.
 * Returns NULL with a message "PATH: reason" in err[errlen], the reason
 * being one of: an I/O error (strerror), "not a crmkit model",
 * "unsupported model version 7", "truncated model (no end line)",
 * "corrupted model (checksum mismatch)", "model for crm-churn, not
 * crm-segment", "corrupted model (...)" for gzip errors or bad lines.
 * program NULL accepts a model of any program.
 */
struct model	*model_load(const char *path, const char *program,
		    char *err, size_t errlen);
void		 model_free(struct model *);
const char	*model_algorithm(const struct model *);
/* The value of the first line with key, or NULL.  (Hashed lookup.) */
const char	*model_get(const struct model *, const char *key);
/*
 * Parse the value of key as one double / exactly n doubles separated by
 * single spaces; returns 0, or -1 if absent or not that (v may then be
 * partly written).
 */
int		 model_get_double(const struct model *, const char *key,
		    double *);
int		 model_get_doubles(const struct model *, const char *key,
		    double *v, size_t n);
/* The number of space-separated words in the value of key, -1 if absent. */
long		 model_count(const struct model *, const char *key);
/*
 * Parse one double from the whole of s (the same rules as
 * model_get_double), for values iterated with model_next.
 */
int		 model_parse_double(const struct model *, const char *s,
		    double *);
/* Exactly n doubles separated by single spaces: the whole of s. */
int		 model_parse_doubles(const struct model *, const char *s,
		    double *v, size_t n);
/*
 * Iterate over all lines in order: *pos starts at 0; returns 1 with the
 * line's key and value, 0 at the end.
 */
int		 model_next(const struct model *, size_t *pos,
		    const char **key, const char **value);

#endif
