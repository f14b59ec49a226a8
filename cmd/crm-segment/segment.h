/*
 * segment.h: crm-segment's options and the parts its subcommands share:
 * the buffered table (every input row kept, to be written back with
 * the appended columns) and the numeric features (ml/encode.h: impute,
 * log1p, standardise) that kmeans, hierarchical, dbscan and apply use.
 */
#ifndef CRM_SEGMENT_H
#define CRM_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"
#include "ml/kmeans.h"

struct crm_input;
struct csv_row;
struct csv_writer;
struct model;
struct model_writer;

enum seg_cmd { CMD_RFM, CMD_KMEANS, CMD_APPLY, CMD_HIER, CMD_DBSCAN,
	CMD_LIFECYCLE };
enum seg_impute { IMPUTE_NONE, IMPUTE_MEAN, IMPUTE_MEDIAN };

struct opts {
	struct crm_common com;
	enum seg_cmd	 cmd;
	char *const	*files;
	size_t		 nfiles;
	struct collist	 cols;		/* -c: features */
	struct collist	 logcols;	/* --log */
	const char	*model;		/* -m */
	const char	*profile;	/* --profile FILE */
	const char	*curve;		/* --curve FILE */
	const char	*map;		/* --map FILE */
	const char	*prefix;	/* --prefix */
	const char	*rcol, *fcol, *mcol;	/* rfm columns */
	int		 bins;
	int		 summary;
	size_t		 k;		/* 0: auto (kmeans) or --height */
	int		 kauto;
	size_t		 kmin, kmax, sample;
	int		 ninit, maxit;
	double		 tol;
	enum kmeans_algo algo;		/* --algo */
	int		 norefine;	/* --no-refine */
	int		 nostd;		/* --no-standardize */
	enum seg_impute	 impute;
	double		 height;	/* hierarchical cut, < 0: use k */
	size_t		 maxrows;
	double		 eps;
	size_t		 minpts;
	double		 maxpairs;	/* dbscan */
	int64_t		 asof;		/* lifecycle */
	int		 has_asof;
	int		 window, newdays, lapsed, maturedays;
	double		 change;
};

/* The input rows kept in memory, fields copied. */
struct table {
	size_t		 ncol, n, cap;
	char		*buf;
	size_t		 len, bcap;
	size_t		*off;		/* n x (ncol + 1) offsets into buf */
};

void	 table_init(struct table *, size_t ncol);
void	 table_add(struct table *, const struct csv_row *);
/* Row i's fields, then the writer's row open for appended columns. */
void	 table_put(const struct table *, size_t i, struct csv_writer *);
void	 table_free(struct table *);
/* The input header's names, then extra[] prefixed with o->prefix. */
void	 seg_header(const struct opts *, struct crm_input *,
	    struct csv_writer *, const char *const *extra);

/*
 * Numeric features through the learning layer's encoder (ml/encode.h):
 * the columns, which are log1p'd, the fill of a blank and the scalers.
 * feat_add keeps one row (-1: the row went to the bad-row policy);
 * feat_fit fits the encoder and fills X (n x p, row-major, the
 * transformed features) and raw (the same in original units, blanks
 * filled).
 */
struct encoder;
struct feat {
	struct encoder	*enc;
	size_t		 p;
	long		*col;		/* header index, per feature */
	const char	**fld;		/* one row's fields */
	size_t		*len;
	double		*X, *raw;	/* n x p after feat_fit */
	size_t		 n;
};

void	 feat_init(struct feat *, const struct opts *, struct crm_input *,
	    const struct csv_row *first);
int	 feat_add(struct feat *, struct crm_input *, const struct csv_row *);
void	 feat_fit(struct feat *);
/* One new row's features (apply); -1 after the bad-row policy. */
int	 feat_row(struct feat *, struct crm_input *, const struct csv_row *,
	    double *x);
const char *feat_name(const struct feat *, size_t j);
void	 feat_save(const struct feat *, struct model_writer *);
/* Load and bind to the input's header (missing column: exit 2). */
void	 feat_load(struct feat *, const struct model *, const char *path,
	    struct crm_input *);
void	 feat_free(struct feat *);
/* The number of distinct rows of X (k above it is an error). */
size_t	 feat_distinct(const struct feat *, size_t upto);

int	 seg_rfm(const struct opts *);
int	 seg_kmeans(const struct opts *);
int	 seg_apply(const struct opts *);
int	 seg_hier(const struct opts *);
int	 seg_dbscan(const struct opts *);
int	 seg_lifecycle(const struct opts *);
/* apply of an rfm model (rfm.c). */
void	 rfm_apply(const struct opts *, const struct model *, const char *,
	    struct crm_input *);
/* Ward and DBSCAN labels (ward.c, dbscan.c): 0.., -1 noise. */
void	 ward_labels(const double *X, size_t n, size_t p, size_t k,
	    double height, long *lab);
/*
 * DBSCAN (dbscan.c): minpts counts the point itself; maxpairs bounds
 * the pairs of distinct points compared (each pass compares at most
 * info->pairs).  Returns 0, or -1 with no labels when info->pairs is
 * above maxpairs.
 */
struct dbscan_opts {
	double		 eps;
	size_t		 minpts;
	double		 maxpairs;
};
struct dbscan_info {
	size_t		 distinct, nclusters;
	double		 pairs;
};
int	 dbscan_labels(const double *X, size_t n, size_t p,
	    const struct dbscan_opts *, long *lab, struct dbscan_info *);

#endif
