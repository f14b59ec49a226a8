/*
 * churn.h: crm-churn's options, the feature table it learns from, its
 * models (logistic regression, one CART tree, a random forest,
 * gradient-boosted trees) and the subcommands.
 */
#ifndef CHURN_H
#define CHURN_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"

struct encoder;
struct label_enc;
struct model;
struct model_writer;
struct rng;

enum churn_cmd {
	CMD_TRAIN, CMD_PREDICT, CMD_EVAL, CMD_CV, CMD_IMPORTANCE, CMD_RULES
};
enum churn_algo { ALGO_LOGREG, ALGO_FOREST, ALGO_TREE, ALGO_GBT };

struct opts {
	struct crm_common com;
	enum churn_cmd	 cmd;
	enum churn_algo	 algo;
	const char	*model;
	struct collist	 columns, categorical, numeric, ignore;
	const char	*id;
	const char	*positive;
	const char	*prob;		/* --probability column of eval */
	const char	*prefix;
	int		 balanced;
	double		 C;
	int		 trees, max_depth, min_leaf, mtry, rounds, bins;
	int		 has_depth, has_leaf, has_label;
	double		 lr, l2, valid, threshold;
	int		 k, text, permutation, repeats, calibration;
	char *const	*files;
	size_t		 nfiles;
};

/* The training table: n rows of p features, labels 0/1. */
struct dataset {
	size_t		 n, p;
	double		*X;		/* n x p, row-major */
	double		*y;
	struct encoder	*enc;
	struct label_enc *lab;
};

/* A tree node; children are adjacent (right = left + 1). */
struct tnode {
	int32_t		 feat;		/* -1: leaf */
	int32_t		 left;		/* index within the tree */
	double		 thr;		/* x <= thr goes left */
	double		 value;		/* leaf: probability or score */
	double		 cover;		/* weight of the training rows */
};

/* The node of prediction: v is the threshold, or a leaf's value. */
struct enode {
	double		 v;
	int32_t		 feat;		/* -1: leaf */
	int32_t		 left;
};

/* A node on ranks: x <= thr is rank(x) <= rank(thr); leaves (leaf 1)
 * take their value from en. */
struct qnode {
	uint32_t	 left;
	uint16_t	 feat;
	uint8_t		 rank;
	uint8_t		 leaf;
};

/* A trained model of any algorithm. */
struct churn_model {
	enum churn_algo	 algo;
	size_t		 p;
	/* logreg */
	double		*coef, b0;
	/* trees: ntrees trees, tree t in nodes[start[t] .. start[t+1]) */
	size_t		 ntrees;
	size_t		*start;
	struct tnode	*nodes;
	struct enode	*en;		/* the nodes for prediction */
	/* the same with every feature value replaced by its rank among
	 * the thresholds of its feature (when each has at most 255) */
	struct qnode	*qn;
	double		*qthr;		/* the thresholds by feature, sorted */
	size_t		*qoff;		/* feature f: qthr[qoff[f]..[f+1]) */
	double		 base;		/* gbt: initial log-odds */
	double		*importance;	/* p, trees: normalised gain */
	double		 oob_auc;	/* forest: NaN when unknown */
	size_t		 best_round;	/* gbt: rounds kept */
};

/* data.c */
void	 churn_read_train(const struct opts *, struct dataset *);
void	 churn_dataset_free(struct dataset *);
struct strmap;
void	 churn_label_classes(const struct opts *, const struct strmap *,
	    const char *labname, struct label_enc **, double *cls);
void	 churn_class_weights(const struct opts *, const struct dataset *,
	    const size_t *rows, size_t n, double *cw);
const char *churn_algo_word(enum churn_algo);
void	 churn_feature_ranges(const struct encoder *, size_t *off);
uint64_t churn_seed(const struct opts *);

/* fit.c: fit any algorithm on rows of the dataset (all when rows is
 * NULL: idx[0..n) else). */
struct churn_model *churn_fit(const struct opts *, const struct dataset *,
	    const size_t *rows, size_t n, int progress);
void	 churn_model_free(struct churn_model *);
void	 churn_model_prepare(struct churn_model *);
double	 enode_eval(const struct enode *, const double *x);
void	 churn_rank_rows(const struct churn_model *, const double *X,
	    size_t p, const size_t *rows, size_t k, uint8_t *R);
double	 qnode_eval(const struct churn_model *, size_t tree,
	    const uint8_t *ranks);
void	 qnode_eval8(const struct churn_model *, size_t tree,
	    const uint8_t *const *ranks, double *v);
double	 churn_predict_row(const struct churn_model *, const double *x);
void	 churn_predict_rows(const struct churn_model *, const double *X,
	    size_t n, size_t p, double *out, int nthreads);
void	 churn_model_save(const struct churn_model *, struct model_writer *);
struct churn_model *churn_model_load(const struct model *, size_t p,
	    char *why, size_t whylen);

/* tree.c: histogram CART on binned features */
struct binned {
	size_t		 n, p;
	uint8_t		*b;		/* p x n, column-major */
	uint8_t		*rm;		/* n x p, row-major (forest) */
	/* boosting: the features packed into bundles of at most 255
	 * non-default bins whose features are never off their most
	 * common bin in the same row (one-hot columns of a category
	 * share one), n x nbund row-major: 0 when every feature of the
	 * bundle is at its most common bin, else foff[f] + the rank of
	 * f's bin among its other bins */
	size_t		 nbund;
	uint8_t		*rows;		/* n x nbund */
	size_t		*bstart;	/* bundle k: bfeat[bstart[k]..[k+1]) */
	size_t		*bfeat;		/* p: the features by bundle */
	int		*foff;		/* p: first slot of f in its bundle */
	int		 ngroups;	/* bundles split over the threads */
	size_t		*gbund;		/* group g: bundles gbund[g]..[g+1] */
	uint8_t		*dflt;		/* the most common bin per feature */
	double		*edges;		/* p x 255: upper edge of each bin */
	int		*nb;		/* bins per feature */
};
struct tree_par {
	int		 newton;	/* 0: gini on (w, w*y); 1: (h, g) */
	int		 max_depth;	/* 0: unlimited */
	int		 min_leaf;	/* rows */
	int		 mtry;		/* features tried per node (p: all) */
	double		 l2;		/* newton: lambda */
	double		 min_hess;	/* newton: least hessian in a child */
	int		 nthreads;	/* feature-parallel histograms */
	double		 shrink;	/* newton: leaf values times this */
};
struct tree_ws;
void	 churn_bin(const double *X, size_t n, size_t p, const size_t *rows,
	    size_t nrows, int maxbins, struct binned *);
void	 churn_binned_free(struct binned *);
struct tree_ws *tree_ws_new(size_t n, size_t p);
void	 tree_ws_free(struct tree_ws *);
/*
 * Grow one tree on rows idx[0..m) (reordered) with per-row statistics
 * a (weight or hessian) and b (weighted label or gradient), for
 * tree_grow interleaved: ab[2 * i] and ab[2 * i + 1]; the nodes
 * go to *nodes (a new array, *nnodes of them), the gain of each split
 * is added to gain[feat] when gain is not NULL.
 */
void	 tree_grow(const struct binned *, const struct tree_par *,
	    struct tree_ws *, size_t *idx, size_t m, const double *ab,
	    struct rng *, struct tnode **nodes, size_t *nnodes, double *gain);
/* The same for a forest's bootstrap: row idx[k] with weight code
 * code[k], (a, b) = (wt[2 code], wt[2 code + 1]); the rows are moved
 * as packed records of their bins (needs bd->rm), idx is left alone. */
void	 tree_grow_bag(const struct binned *, const struct tree_par *,
	    struct tree_ws *, size_t *idx, size_t m, const uint8_t *code,
	    const double *wt, struct rng *, struct tnode **nodes,
	    size_t *nnodes, double *gain);
/* The same for boosting: the scores f of the rows move by their
 * leaves' values, the held-out rows va[0..nva) too. */
void	 tree_grow_boost(const struct binned *, const struct tree_par *,
	    struct tree_ws *, size_t *idx, size_t m, const double *a,
	    const double *b, struct tnode **nodes, size_t *nnodes,
	    double *gain, double *f, const size_t *va, size_t nva);
void	 churn_bin_rows(struct binned *, int ngroups);
void	 churn_bin_rowmajor(struct binned *);
double	 tree_eval(const struct tnode *, const double *x);

/* forest.c, gbt.c */
void	 churn_forest(const struct opts *, const struct dataset *,
	    const size_t *rows, size_t n, const struct binned *,
	    struct churn_model *, int progress);
void	 churn_gbt(const struct opts *, const struct dataset *,
	    const size_t *rows, size_t n, const struct binned *,
	    struct churn_model *, int progress);

/* Shared by subcommands: load a model file, exit 2 on error. */
struct loaded {
	struct model	*m;
	struct encoder	*enc;
	struct label_enc *lab;
	struct churn_model *cm;
};
void	 churn_load(const char *path, struct loaded *);
void	 churn_loaded_free(struct loaded *);

/* report.c: the metrics of eval and cv */
enum { MET_ACCURACY, MET_PRECISION, MET_RECALL, MET_F1, MET_ROC_AUC,
	MET_PR_AUC, MET_LOG_LOSS, MET_BRIER, MET_COUNT };
const char *churn_metric_name(int);
void	 churn_metrics(const double *y, const double *p, size_t n,
	    double threshold, double *met, size_t *cm);

struct csv_writer;
/* A line of text on the output (text formats). */
void	 churn_put_line(struct csv_writer *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 churn_read_labelled(const struct opts *, struct loaded *,
	    double **X, double **y, size_t *n);

/* subcommands */
int	 churn_train(const struct opts *);
int	 churn_predict(const struct opts *);
int	 churn_eval(const struct opts *);
int	 churn_cv(const struct opts *);
int	 churn_importance(const struct opts *);
int	 churn_rules(const struct opts *);

#endif
