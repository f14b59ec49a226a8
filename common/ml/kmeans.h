/*
 * kmeans.h: k-means clustering of a dense row-major matrix (n rows of p
 * features, e.g. enc_matrix after standardisation): greedy k-means++
 * seeding, Lloyd's iterations on threads (plain, or Hamerly's or
 * Elkan's exact acceleration, which skip the distances that bounds
 * prove useless),
 * restarts that keep the lowest inertia, and the nearest centre of a
 * new row.
 * Core: nothing here prints or exits (the x-allocators aside).
 *
 * The figures follow scikit-learn's KMeans (algorithm="lloyd"): the
 * same seeding rule (2 + floor(ln k) candidates per centre, the one
 * that lowers the potential most), the same stopping rule (labels
 * unchanged, or the squared centre shift at most tol times the mean
 * column variance), and, after a stop on the shift, one more
 * assignment so that the labels belong to the final centres.  An
 * empty cluster takes the row farthest from its centre (ties: the
 * lowest row), which leaves its old cluster, as sklearn relocates.
 *
 * Results do not depend on nthreads: every row's assignment is its
 * own, and the centres are summed over fixed blocks of rows in order.
 */
#ifndef CRM_ML_KMEANS_H
#define CRM_ML_KMEANS_H

#include <stddef.h>
#include <stdint.h>

struct rng;

/* The algorithm of each run: all give the same centres and labels. */
enum kmeans_algo { KMEANS_HAMERLY, KMEANS_LLOYD, KMEANS_ELKAN };

struct kmeans_opts {
	size_t		 k;		/* clusters (8) */
	int		 maxit;		/* Lloyd iterations per run (300) */
	double		 tol;		/* relative shift to stop (1e-4) */
	int		 ninit;		/* seeded runs, best kept (1) */
	uint64_t	 seed;		/* run r draws from stream r (0) */
	int		 nthreads;	/* (1) */
	enum kmeans_algo algo;		/* (KMEANS_HAMERLY) */
	int		 refine;	/* Hartigan moves after each run (0) */
};

struct kmeans_info {
	double		 inertia;	/* sum of squared distances */
	int		 iters;		/* Lloyd iterations of the run kept */
	int		 run;		/* which run was kept */
	int		 converged;	/* 1: stopped before maxit */
};

void	 kmeans_defaults(struct kmeans_opts *);
/*
 * k-means++ (greedy): k rows of X chosen as centres into C (k x p),
 * drawing from r.  Needs 1 <= k <= n.
 */
void	 kmeans_pp(const double *X, size_t n, size_t p, size_t k,
	    struct rng *r, double *C);
/*
 * Lloyd from the centres in C (k x p), which get the result; labels
 * (n, or NULL) the cluster of each row.  Returns the inertia; info
 * (when not NULL) gets iters and converged (run 0).
 */
double	 kmeans_lloyd(const double *X, size_t n, size_t p, size_t k,
	    double *C, uint32_t *labels, int maxit, double tol, int nthreads,
	    struct kmeans_info *info);
/*
 * The same iterations as kmeans_lloyd (same stopping rule, same
 * relocation, same centres summed in the same order, so the same
 * result to the last bit but for ties within rounding), with
 * Hamerly's bounds: an upper bound on each row's distance to its
 * centre and a lower bound on the distance to its second nearest,
 * moved by the centres' shifts; a row whose upper bound is below
 * max(lower bound, half the distance from its centre to the nearest
 * other centre) keeps its centre without computing distances.
 */
double	 kmeans_hamerly(const double *X, size_t n, size_t p, size_t k,
	    double *C, uint32_t *labels, int maxit, double tol, int nthreads,
	    struct kmeans_info *info);
/*
 * The same iterations again with Elkan's bounds: an upper bound on each
 * row's distance to its centre and k lower bounds, one per centre, each
 * moved by that centre's shift, with half of every pair of centres'
 * distance: a centre is skipped when a bound proves it no nearer.  More
 * memory (n x k bounds) than Hamerly; fewer distances when k is large.
 */
double	 kmeans_elkan(const double *X, size_t n, size_t p, size_t k,
	    double *C, uint32_t *labels, int maxit, double tol, int nthreads,
	    struct kmeans_info *info);
/*
 * Hartigan's single-row moves from a k-means result (C gets the means
 * of the clusters in labels first): row i leaves cluster a for b when
 * n_b / (n_b + 1) ||x - c_b||^2 < n_a / (n_a - 1) ||x - c_a||^2, which
 * lowers the inertia by the difference; rows in order, passes until
 * none moves (at most maxpass).  The centres are then the exact means
 * of the clusters again; the labels need not be the nearest centres
 * (kmeans_fit runs the iterations once more).  Returns the moves.
 */
size_t	 kmeans_hartigan(const double *X, size_t n, size_t p, size_t k,
	    double *C, uint32_t *labels, int maxpass);
/*
 * o->ninit runs of k-means++ then Lloyd, Hamerly or Elkan (o->algo); with
 * o->refine the run kept is polished: Hartigan's moves, then the
 * iterations with no tolerance, while the moves find something (a lower
 * or equal inertia; no longer sklearn's figures).  Run r is seeded with
 * rng_seed_stream(o->seed, r); the runs spread over the threads; keeping
 * the lowest inertia (ties: the lowest run).  C (k x p) and labels (n,
 * or NULL) get the result.  Returns 0, or -1 when k is 0 or more than
 * n, or p is 0 (nothing written).
 */
int	 kmeans_fit(const double *X, size_t n, size_t p,
	    const struct kmeans_opts *, double *C, uint32_t *labels,
	    struct kmeans_info *info);
/* The nearest of the k centres to x (ties: the lowest); *d2 its squared
 * distance (when not NULL). */
uint32_t kmeans_assign(const double *C, size_t k, size_t p, const double *x,
	    double *d2);

#endif
