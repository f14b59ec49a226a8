/*
 * rules.h: what the files of crm-rules share: the options, the baskets
 * read from the input, the itemset store and the miners.  Not a library
 * header: only cmd/crm-rules includes it.
 */
#ifndef CRM_RULES_H
#define CRM_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"

struct crm_input;
struct strmap;

enum rules_algo { ALGO_FPGROWTH, ALGO_ECLAT, ALGO_APRIORI };
enum rules_target { TARGET_RULES, TARGET_FREQUENT, TARGET_CLOSED,
	TARGET_MAXIMAL };
enum rules_sort { SORT_LIFT, SORT_CONFIDENCE, SORT_SUPPORT };

struct opts {
	struct crm_common com;
	int		 apply;		/* the apply subcommand */
	int		 mine_only;	/* an option of mining was given */
	int		 baskets;	/* --baskets: one basket a line */
	int		 no_header;	/* --no-header (with --baskets) */
	enum rules_algo	 algo;
	enum rules_target target;
	enum rules_sort	 sort;
	int		 sort_set;
	double		 min_support;	/* a share */
	unsigned long long min_count;	/* --min-count (0: from support) */
	double		 min_conf, min_lift;
	unsigned	 min_len, max_len;
	unsigned	 max_cons;	/* --max-consequent */
	unsigned long long top;		/* -n, --top (0: all) */
	const char	*cons_item, *ante_item;
	const char	*rules_file;	/* apply --rules */
	char *const	*files;
	size_t		 nfiles;
};

/*
 * The baskets: items interned to ids 0..nitems-1 (first appearance),
 * basket b holding item[start[b]..start[b+1]), each item once.  key is
 * the basket's order id (long input) or its items as read (--baskets),
 * kept only when keep_keys was asked for.
 */
struct baskets {
	struct strmap	*items;
	size_t		 nitems;
	size_t		 n;		/* baskets */
	size_t		*start;		/* n + 1 */
	uint32_t	*item;
	struct strmap	*keys;		/* basket id -> key (keep_keys) */
	uint32_t	*key;		/* key id of each basket */
};

/*
 * Read every basket of the input (long: --order, --item; or --baskets).
 * Returns 0, or -1 on an empty input (nothing to do).  in is left open
 * for input_close.
 */
int	 rules_read(const struct opts *, struct crm_input **in,
	    struct baskets *, int keep_keys);
void	 rules_baskets_free(struct baskets *);

/*
 * Frequent itemsets: items are ranks (0 = the most frequent item), each
 * set ascending; set s is it[off[s]..off[s]+len[s]) with count cnt[s].
 */
struct isets {
	uint32_t	*it;
	size_t		 nit, capit;
	size_t		*off;
	uint32_t	*len;
	uint64_t	*cnt;
	size_t		 n, cap;
};

void	 rules_isets_add(struct isets *, const uint32_t *items, uint32_t len,
	    uint64_t cnt);
/* Append b's sets to a (b emptied). */
void	 rules_isets_append(struct isets *a, struct isets *b);
void	 rules_isets_free(struct isets *);

/*
 * The transactions the miners see: items are ranks of the frequent
 * items (0 = most frequent), each transaction ascending.
 */
struct txdb {
	size_t		 n;		/* transactions (all, empty ones too) */
	size_t		*start;
	uint32_t	*item;
	uint32_t	 nitems;	/* frequent items */
	uint64_t	*supp;		/* count of each rank */
	uint32_t	*orig;		/* rank -> basket item id */
};

/* Sort items ascending (insertion sort for short runs, else radix). */
void	 rules_sort_items(uint32_t *, size_t);

/* Recode baskets into ranks of the items with at least minc baskets. */
void	 rules_txdb_build(struct txdb *, const struct baskets *, uint64_t minc);
void	 rules_txdb_free(struct txdb *);

/*
 * The miners: every itemset of 1..maxlen items with count >= minc into
 * out (in no particular order).  nthreads where the miner uses threads.
 */
void	 rules_fpgrowth(const struct txdb *, uint64_t minc, unsigned maxlen,
	    int nthreads, struct isets *out);
void	 rules_eclat(const struct txdb *, uint64_t minc, unsigned maxlen,
	    struct isets *out);
void	 rules_apriori(const struct txdb *, uint64_t minc, unsigned maxlen,
	    struct isets *out);

/*
 * A lookup of itemsets by their items: the index of a set in s, or
 * (size_t)-1.
 */
struct isindex;
struct isindex	*rules_index_new(const struct isets *);
size_t		 rules_index_find(const struct isindex *, const uint32_t *items,
		    uint32_t len);
void		 rules_index_free(struct isindex *);

/* Keep only closed (TARGET_CLOSED) or maximal sets of s. */
void	 rules_isets_filter(struct isets *, enum rules_target);

/* Write itemsets (itemset,size,support,count) or rules (returns how many). */
struct csv_writer;
void	 rules_write_itemsets(const struct opts *, const struct isets *,
	    const struct txdb *, const struct baskets *, struct csv_writer *);
size_t	 rules_write_rules(const struct opts *, const struct isets *,
	    const struct txdb *, const struct baskets *, struct csv_writer *);

/*
 * An item list as written: names joined by ';', a ';' or '\' inside a
 * name escaped with '\'.  rules_join appends name to buf.
 */
struct strbuf;
void	 rules_join(struct strbuf *, const char *name, size_t len, int first);

/* The names of the frequent items, and their order by name. */
struct rnames {
	const char	**name;		/* by rank */
	size_t		 *len;
	uint32_t	 *order;	/* rank -> place in name order */
};

void	 rules_names_init(struct rnames *, const struct txdb *,
	    const struct baskets *);
void	 rules_names_free(struct rnames *);
/* Sort ranks by name; compare name-sorted lists item by item. */
void	 rules_names_sort(const struct rnames *, uint32_t *items, size_t n);
int	 rules_names_cmp(const struct rnames *, const uint32_t *a, size_t na,
	    const uint32_t *b, size_t nb);
/* Write name-sorted items as one field (sb: scratch). */
void	 rules_names_put(const struct rnames *, struct csv_writer *,
	    struct strbuf *sb, const uint32_t *items, size_t n);

int	 rules_apply(const struct opts *);

#endif
