/*
 * eval.h: evaluation of models and the splits that make it honest:
 * binary and multi-class classification metrics, ranking at k, and
 * seeded shuffles, hold-outs, stratified folds and per-user
 * leave-last-out.  Core: nothing here prints or exits (the x-allocators
 * aside).
 *
 * Binary labels are doubles, 0 negative and anything else positive;
 * scores and probabilities are doubles without NaN.
 */
#ifndef CRM_ML_EVAL_H
#define CRM_ML_EVAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * ROC AUC: the Mann-Whitney statistic, a tie between a positive and a
 * negative counting one half (sklearn's roc_auc_score).  NaN when
 * either class is absent.
 */
double	 eval_auc(const double *y, const double *score, size_t n);
/*
 * Average precision as sklearn defines it: sum over the distinct
 * thresholds, from the highest score down, of (R_k - R_{k-1}) P_k.  NaN
 * without positives.
 */
double	 eval_avg_precision(const double *y, const double *score, size_t n);
/*
 * Mean log loss, probabilities clipped to [eps, 1 - eps] (sklearn
 * before 1.5 used 1e-15; from 1.5, DBL_EPSILON).  NaN for n 0.
 */
double	 eval_logloss(const double *y, const double *p, size_t n, double eps);
/* Mean squared difference of p and y (Brier score). */
double	 eval_brier(const double *y, const double *p, size_t n);

/* Counts and rates of a binary decision (p >= threshold: positive). */
struct eval_binary {
	size_t	 tp, fp, tn, fn;
	double	 accuracy, precision, recall, f1;	/* 0 when 0/0 */
};
void	 eval_binary(const double *y, const double *p, size_t n,
	    double threshold, struct eval_binary *);

/*
 * Calibration: the rows sorted by p and cut into nbins groups of equal
 * size (the first n % nbins one row larger; deciles for 10), and per
 * group its size, mean p and observed positive rate.  Returns the
 * number of groups written (min(nbins, n)).
 */
struct eval_bin {
	size_t	 n;
	double	 mean_p, rate;
};
size_t	 eval_calibration(const double *y, const double *p, size_t n,
	    size_t nbins, struct eval_bin *);

/*
 * Multi-class: classes are 0..k-1.  cm (k x k, row = true class, column
 * = predicted) is filled with counts.  eval_multiclass gives accuracy
 * and macro-F1 (the mean of the k per-class F1, 0 for a class never
 * true nor predicted, as sklearn with zero_division=0) and, when not
 * NULL, per-class precision and recall.
 */
void	 eval_confusion(const uint32_t *y, const uint32_t *pred, size_t n,
	    size_t k, size_t *cm);
void	 eval_multiclass(const size_t *cm, size_t k, double *accuracy,
	    double *macro_f1, double *precision, double *recall);

/*
 * Ranking at k for one user: rec[0..nrec) the recommended items best
 * first, rel[0..nrel) the relevant ones (ascending, distinct).  Only the
 * first k recommendations count.  precision = hits / k; recall = hits /
 * nrel; ndcg with binary gains (ideal: min(k, nrel) hits on top); ap =
 * sum of precision at each hit / min(k, nrel); hit = 1 if any.  With
 * nrel 0 every figure is 0.  Callers average over users.
 */
struct eval_rank {
	double	 precision, recall, ndcg, ap, hit;
};
void	 eval_rank_at_k(const uint32_t *rec, size_t nrec, const uint32_t *rel,
	    size_t nrel, size_t k, struct eval_rank *);
/* Distinct items among rec[0..n) over nitems (ids below nitems). */
double	 eval_coverage(const uint32_t *rec, size_t n, size_t nitems);

/* A seeded permutation of 0..n-1 into idx. */
void	 split_shuffle(size_t n, uint64_t seed, size_t *idx);
/*
 * Mark round(share * n) rows, drawn by a seeded shuffle, as test
 * (test[i] = 1, else 0).  share in [0, 1].
 */
void	 split_holdout(size_t n, double share, uint64_t seed,
	    unsigned char *test);
/*
 * Stratified k-fold: fold[i] in 0..k-1, each class's rows shuffled and
 * dealt round-robin, the deal continuing from class to class so that
 * fold sizes differ by at most one and each class is spread evenly.
 * cls holds class ids below nclass.
 */
void	 split_kfold(const uint32_t *cls, size_t n, size_t nclass, int k,
	    uint64_t seed, int *fold);
/*
 * Per-user leave-last-out: for each user (ids below nusers) the row with
 * the latest time (the later row on a tie) is test; a user with a single
 * row keeps it in training.  Returns the number of test rows.
 */
size_t	 split_leave_last_out(const uint32_t *user, const double *time,
	    size_t n, size_t nusers, unsigned char *test);

#endif
