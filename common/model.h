/*
 * model.h: crmkit model files.  Text, libsvm-style: a first line
 *	crmkit-model 1 PROGRAM ALGORITHM
 * then "key value" lines (a key is one word; the value is the rest of the
 * line), and a last line "end CRC" carrying the CRC-32 of everything
 * before it, so that truncation and corruption are detected.  Gzip when
 * the name ends in ".gz" (and detected by magic on reading).  Doubles
 * are written with %.17g in the C locale.
 */
#ifndef CRM_MODEL_H
#define CRM_MODEL_H

#include <stddef.h>

struct model_writer;
struct model;

#define MODEL_VERSION	1

/* Start writing path (atomically: renamed into place on close). */
struct model_writer *model_create(const char *path, const char *program,
		    const char *algorithm);
void		 model_put(struct model_writer *, const char *key,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void		 model_put_double(struct model_writer *, const char *key,
		    double);
/* A line "key v1 v2 ... vn" of doubles. */
void		 model_put_doubles(struct model_writer *, const char *key,
		    const double *v, size_t n);
/* Finish: returns 0, or -1 with errno (the file is not left behind). */
int		 model_close(struct model_writer *);

/*
 * Read a whole model file, checking the magic line, the version, the
 * program and the final CRC.  Returns NULL with a message in err.
 */
struct model	*model_load(const char *path, const char *program,
		    char *err, size_t errlen);
void		 model_free(struct model *);
const char	*model_algorithm(const struct model *);
/* The value of the first line with key, or NULL. */
const char	*model_get(const struct model *, const char *key);
/* Parse the value of key as a double / n doubles; -1 if absent or bad. */
int		 model_get_double(const struct model *, const char *key,
		    double *);
int		 model_get_doubles(const struct model *, const char *key,
		    double *v, size_t n);
/* Iterate over all lines in order: returns 0 at the end. */
int		 model_next(const struct model *, size_t *pos,
		    const char **key, const char **value);

#endif
