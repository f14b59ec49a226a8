/*
 * rec.h: what the files of crm-recommend share: the options, the
 * interactions read from the input, and the fitted recommender (one
 * algorithm, or a weighted blend of several) with its scoring.
 */
#ifndef CRM_RECOMMEND_H
#define CRM_RECOMMEND_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"

struct csr;
struct strmap;
struct csv_writer;

enum rec_cmd { CMD_TOP, CMD_SIMILAR, CMD_EVAL, CMD_TRAIN };
enum rec_algo { ALGO_POPULAR, ALGO_ITEMKNN, ALGO_USERKNN, ALGO_EASE,
	ALGO_ALS, ALGO_CONTENT, ALGO_HYBRID, ALGO_COUNT };
enum rec_sim { SIM_COSINE, SIM_JACCARD, SIM_ASYM };
enum rec_split { SPLIT_RANDOM, SPLIT_LAST, SPLIT_TIME };

extern const char *const rec_algo_names[];
extern const char *const rec_sim_names[];

#define REC_MAXPARTS	8

struct rec_opts {
	struct crm_common com;
	enum rec_cmd	 cmd;
	int		 algo;			/* enum rec_algo */
	/* eval: the algorithms compared (popular always first) */
	int		 evalgo[ALGO_COUNT];
	size_t		 nevalgo;
	size_t		 n;			/* -n: top N (10) */
	size_t		 k;			/* eval: cut-off k (10) */
	size_t		 neighbours;		/* 0: the algorithm's default */
	int		 sim;
	double		 sim_alpha;
	double		 lambda;		/* < 0: automatic */
	size_t		 max_items;
	size_t		 factors, iterations;
	int		 cg_steps;
	double		 reg, alpha;
	int		 nparts;		/* --blend */
	int		 part_algo[REC_MAXPARTS];
	double		 part_w[REC_MAXPARTS];
	const char	*weight;		/* --weight column, NULL */
	const char	*items;			/* --items FILE */
	struct collist	 text;			/* --text columns */
	const char	*customers;		/* --customers FILE */
	const char	*model;			/* -m FILE */
	const char	*test;			/* --test FILE */
	int		 include_seen;
	int		 split;
	double		 test_share;
	char		**files;
	size_t		 nfiles;
};

/* The interactions of the input, row by row, keys interned. */
struct rec_data {
	struct strmap	*custs, *items;
	uint32_t	*cust, *item;
	double		*w, *t;			/* t: time (or row number) */
	size_t		 n, cap;
	int		 has_time;
};

/* data.c */
/*
 * Read the interactions of files (customer, item, optional weight and
 * date) into d, whose interners may hold keys already (a test file read
 * after the training file).  Returns 0, or -1 on completely empty input.
 */
int	 rec_read(const struct rec_opts *, char *const *files, size_t nfiles,
	    struct rec_data *d, int want_time);
void	 rec_data_init(struct rec_data *);
void	 rec_data_free(struct rec_data *);
/*
 * The customers x items matrix of the rows with keep[i] (all when keep
 * is NULL): weights summed, or 1 for each pair without --weight.
 */
struct csr *rec_matrix(const struct rec_opts *, const struct rec_data *,
	    const unsigned char *keep);

/* The fitted recommender. */
struct rec_model {
	int		 algo;			/* the one named by --algo */
	int		 nparts;
	int		 part_algo[REC_MAXPARTS];
	double		 part_w[REC_MAXPARTS];
	size_t		 ncust, nitems;
	struct csr	*X;			/* customers x items (training) */
	struct csr	*XT;			/* items x customers */
	double		*pop;			/* customers per item */
	uint32_t	*popord;		/* items by popularity */
	/* parameters */
	size_t		 neighbours, uneighbours;
	int		 sim;
	double		 sim_alpha, lambda, reg, alpha;
	size_t		 factors, iterations, max_items;
	int		 cg_steps, nthreads;
	uint64_t	 seed;
	int		 quiet;
	int		 track_loss;		/* ALS: the loss of each iteration */
	/* item-kNN: per item up to neighbours (id, similarity) */
	uint32_t	*nb_n, *nb_id;
	double		*nb_sim;
	/* sums of squares of the rows of X (customers) and XT (items) */
	double		*unorm, *inorm;
	/* EASE: B, nitems x nitems */
	double		*B;
	/* ALS: customer and item factors, the loss after each iteration */
	double		*U, *V, *loss;
	/* content: items x terms (TF-IDF, unit rows) and its transpose */
	struct csr	*C, *CT;
	size_t		 nterms;
};

/* model.c */
void	 rec_model_init(struct rec_model *, const struct rec_opts *);
/*
 * Fit every part on X, with C the items' text features (content.c;
 * NULL without --items).  The model owns X and C from then on.
 */
void	 rec_fit(struct rec_model *, struct csr *X, struct csr *C);
void	 rec_model_free(struct rec_model *);
void	 rec_save(const struct rec_model *, const struct rec_opts *,
	    struct strmap *custs, struct strmap *items, const char *path);
/* Load path; exits 2 on an unreadable or foreign model. */
void	 rec_load(struct rec_model *, const struct rec_opts *,
	    struct strmap **custs, struct strmap **items, const char *path);

/* Scoring workspace of one thread. */
struct rec_ws {
	double		*acc, *tmp, *out;	/* nitems each */
	double		*big;			/* ncust (user-kNN) */
	uint32_t	*touched;
	unsigned char	*mark;
	double		*tvec;			/* nterms (content) */
	uint32_t	*tlist;
	uint32_t	*ulist;			/* ncust (user-kNN) */
	struct topk	*tk;			/* the top n */
	struct topk	*tkn;			/* neighbours (user-kNN) */
};
struct rec_ws *rec_ws_new(const struct rec_model *, size_t n);
void	 rec_ws_free(struct rec_ws *);
/*
 * The top n items for customer u (an index of X; (size_t)-1 for a
 * customer the model does not know: popular) into id/score; returns
 * how many.  Seen items are left out unless include_seen.
 */
size_t	 rec_top(const struct rec_model *, struct rec_ws *, size_t u,
	    size_t n, int include_seen, uint32_t *id, double *score);

/* knn.c */
void	 knn_item_fit(struct rec_model *);
void	 knn_item_score(const struct rec_model *, struct rec_ws *, size_t u,
	    double *out);
void	 knn_user_fit(struct rec_model *);
void	 knn_user_score(const struct rec_model *, struct rec_ws *, size_t u,
	    double *out);
/* ease.c */
void	 ease_fit(struct rec_model *);
void	 ease_score(const struct rec_model *, size_t u, double *out);
/* als.c */
void	 als_fit(struct rec_model *);
void	 als_score(const struct rec_model *, size_t u, double *out);
/* content.c */
/*
 * Read the --items file: one row per item, its --text columns joined,
 * into raw term counts (items x terms; new items are added to items).
 * NULL when the file is empty.
 */
struct csr *content_read(const struct rec_opts *, struct strmap *items);
void	 content_fit(struct rec_model *);
void	 content_score(const struct rec_model *, struct rec_ws *, size_t u,
	    double *out);

/* top.c: the subcommands */
int	 rec_cmd_top(const struct rec_opts *);
int	 rec_cmd_train(const struct rec_opts *);
int	 rec_cmd_similar(const struct rec_opts *);
/* evalrec.c */
int	 rec_cmd_eval(const struct rec_opts *);

#endif
