/*
 * fuzzy.h: the parts of crm-clean --fuzzy shared between fuzzy.c (rows,
 * blocking, clusters, output) and fuzzy_model.c (field comparison and
 * the Fellegi-Sunter model fitted by EM).
 */
#ifndef CRM_CLEAN_FUZZY_H
#define CRM_CLEAN_FUZZY_H

#include <stddef.h>
#include <stdint.h>

/* How a field is compared; each gives a level 0 (disagree) .. 3 (same). */
enum ftype { FT_NAME, FT_TEXT, FT_ID, FT_DATE, FT_EMAIL, FT_PHONE,
	FT_COUNT };
#define FZ_LEVELS	4
#define FZ_MISSING	255	/* an empty value on either side */
#define FZ_MAXFIELDS	27	/* level patterns are base-5 codes in 64 bits */

struct fz_field {
	const char	*name;		/* as given on the command line */
	size_t		 col;
	enum ftype	 type;
};

/*
 * Normalised values of every field of every row: value (r, f) is
 * norm[off[r * nf + f] .. + len[r * nf + f]), empty when missing.
 */
struct fz_values {
	size_t		 nf;
	const struct fz_field *f;
	char		*norm;
	size_t		 normlen;
	size_t		 normcap;
	uint64_t	*off;
	uint32_t	*len;
};

/* The model: log(m/u) per field and level, and the prior of a match. */
struct fz_model {
	size_t		 nf;
	double		(*m)[FZ_LEVELS];
	double		(*u)[FZ_LEVELS];
	double		(*w)[FZ_LEVELS];
	double		(*ur)[FZ_LEVELS];	/* u from random pairs */
	double		(*mf)[FZ_LEVELS];	/* m of the full model */
	double		 prior;		/* share of candidate pairs matching */
	double		 lodds;		/* log odds of a match, any pair */
	int		 iterations;
};

/* Random pairs for the u probabilities, drawn in FZ_UBLOCKS streams. */
#define FZ_UBLOCKS	16		/* fixed streams: same u on any cores */
struct fz_usample {
	const struct fz_values *v;
	size_t		 nrows;
	uint64_t	 seed;
	size_t		 per;		/* pairs per stream */
	double		(*cnt)[FZ_LEVELS];	/* FZ_UBLOCKS * nf */
};

extern const char *const clean_fz_type_names[];

/* fuzzy_model.c */
enum ftype clean_fz_guess_type(const char *colname);
void	 clean_fz_normalise(enum ftype, const char *p, size_t len, char *out,
	    size_t *outlen);
size_t	 clean_fz_key(enum ftype, const char *p, size_t len, char *out,
	    size_t cap);
void	 clean_fz_compare(const struct fz_values *, uint32_t a, uint32_t b,
	    unsigned char *levels);
void	 clean_fz_model_init(struct fz_model *, size_t nf);
void	 clean_fz_model_free(struct fz_model *);
void	 clean_fz_usample_init(struct fz_usample *, const struct fz_values *,
	    size_t nrows, uint64_t seed);
void	 clean_fz_usample_block(struct fz_usample *, size_t k);
void	 clean_fz_usample_finish(struct fz_model *, struct fz_usample *);
void	 clean_fz_em(struct fz_model *, const unsigned char *levels,
	    size_t npairs);
double	 clean_fz_weight(const struct fz_model *, const unsigned char *levels);
double	 clean_fz_probability(const struct fz_model *, double weight);
void	 clean_fz_set_lodds(struct fz_model *, size_t npairs, size_t nrows);
void	 clean_fz_em_full(struct fz_model *, const unsigned char *levels,
	    const float *tfu, size_t npairs, size_t nrows);
double	 clean_fz_full_weight(const struct fz_model *,
	    const unsigned char *levels, const double *tfu);
double	 clean_fz_full_probability(const struct fz_model *, double weight);

#endif
