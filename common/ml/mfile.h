/*
 * mfile.h: records for large arrays and vocabularies in crmkit model
 * files (model.h), on top of model_put and model_get.
 *
 * An array is one line "KEY N v1 ... vN": the count, then N doubles in
 * %.17g in the C locale (inf, -inf and nan as words), which read back
 * to the same bits.  A string list is one line "KEY N s1 ... sN": each
 * string with '%', bytes up to and including space, and DEL written as
 * %XX (two upper-case hex digits), and the empty string as a lone "%",
 * so that strings never contain the separator and any bytes but NUL
 * survive.  The CRC, gzip and escaping of model.h apply as for every
 * line.  Reading is linear in the size of the line.
 * Core: nothing here prints or exits (the x-allocators aside).
 */
#ifndef CRM_ML_MFILE_H
#define CRM_ML_MFILE_H

#include <stddef.h>

struct model;
struct model_writer;

/* Write the array record KEY (errors are kept by the writer). */
void	 mfile_put_array(struct model_writer *, const char *key,
	    const double *v, size_t n);
/*
 * Read the array KEY: a new array (free(3) it) of *n doubles, or NULL
 * when the key is absent (*n = 0) or the line is malformed (*n = 1:
 * the count does not match, or a value is not a number).
 */
double	*mfile_get_array(const struct model *, const char *key, size_t *n);
/* Read KEY into v when it holds exactly n values: 0, else -1. */
int	 mfile_get_array_n(const struct model *, const char *key, double *v,
	    size_t n);

/* A list of strings read back: s[i] of len[i] bytes, NUL-terminated. */
struct mfile_strs {
	size_t	  n;
	char	**s;
	size_t	 *len;
	char	 *buf;		/* where the strings live */
};

/* Write the string list KEY; len NULL takes strlen of each. */
void	 mfile_put_strings(struct model_writer *, const char *key,
	    const char *const *s, const size_t *len, size_t n);
/* Read KEY; NULL when absent or malformed (*bad set to 1 for the latter
 * when bad is not NULL). */
struct mfile_strs *mfile_get_strings(const struct model *, const char *key,
	    int *bad);
void	 mfile_strs_free(struct mfile_strs *);

#endif
