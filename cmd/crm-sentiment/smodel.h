/*
 * smodel.h: crm-sentiment's trained models (model.c): the features of a
 * document (hashed terms of textfeat.h, counted), the labelled data a
 * training run reads, fitting naive Bayes, logistic regression and
 * NB-weighted logistic regression, model files, and prediction.
 */
#ifndef CRM_SMODEL_H
#define CRM_SMODEL_H

#include <stddef.h>
#include <stdint.h>

struct csr;
struct sent_opts;
struct smodel;
struct sm_doc;

/* Labelled documents as counts over their columns (the buckets seen). */
struct sm_data {
	struct csr	*X;		/* n x ncols term counts */
	uint32_t	*bucket;	/* ncols: the hash bucket of a column */
	uint32_t	*y;		/* n: class ids */
	unsigned char	*blank;		/* n: the text is empty */
	int		*fold;		/* n: --fold's fold ids, or NULL */
	size_t		 nfold;		/* distinct --fold values */
	double		*lex;		/* n: lexicon scores, or NULL */
	char		**cls;		/* k class names, sorted */
	size_t		 n, k;
};

/* True when text holds nothing but white space. */
int		 sent_blank(const char *p, size_t len);

/*
 * Read the labelled rows of the input (--text, --label); 0, or -1 for
 * an empty input (no output then).  Bad rows go through the policy.
 */
int		 sm_data_read(const struct sent_opts *, struct sm_data *);
void		 sm_data_free(struct sm_data *);

/* Fit on the rows with use[i] set (NULL: all). */
struct smodel	*smodel_fit(const struct sent_opts *, const struct sm_data *,
		    const unsigned char *use);
void		 smodel_save_or_die(const struct smodel *, const char *path);
struct smodel	*smodel_load_or_die(const char *path);
void		 smodel_free(struct smodel *);
size_t		 smodel_nclass(const struct smodel *);
const char	*smodel_class(const struct smodel *, size_t k);

/* Buffers for one document at a time (one per thread). */
struct sm_doc	*sm_doc_new(const struct smodel *);
void		 sm_doc_free(struct sm_doc *);
/*
 * The class of text (ties to the first class) and its probability in
 * *prob.
 */
size_t		 smodel_predict(const struct smodel *, struct sm_doc *,
		    const char *text, size_t len, double *prob);
/* The same for row i of the data the model was fitted on. */
size_t		 smodel_predict_row(const struct smodel *,
		    const struct sm_data *, size_t i, double *prob);

#endif
