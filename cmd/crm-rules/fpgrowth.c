/*
 * fpgrowth.c: frequent itemsets by FP-growth (Han, Pei and Yin, 2000).
 *
 * The FP-tree lives in arrays (item, count, parent, first child, next
 * sibling, next node of the same item), never a malloc per node.  Items
 * are ranks (0 = most frequent), so a path from the root goes up in
 * rank.  The conditional tree of an item is built into the tree of the
 * next depth of a per-thread stack, reused from one item to the next;
 * a tree that is a single path gives its itemsets by enumeration.  The
 * items of the first tree are mined on threads (sched.h), each item's
 * itemsets kept apart and joined in item order, so that the result does
 * not depend on the thread count.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ml/sched.h"

#include "rules.h"

#define NIL	UINT32_MAX

struct fpt {
	uint32_t	 n, cap;	/* nodes; node 0 is the root */
	uint32_t	*item, *parent, *child, *sib, *next, *count;
	uint32_t	 nitems, icap;	/* items 0..nitems-1 */
	uint32_t	*head;		/* first node of each item */
	uint32_t	*rootch;	/* the root's child of each item */
	uint64_t	*supp;		/* count of each item in the tree */
	int		 single;	/* no node has two children */
};

/* Room for one more node. */
static void
fpt_grow(struct fpt *t)
{
	size_t cap;

	if (t->n + 1 <= t->cap)
		return;
	cap = t->cap < 1024 ? 1024 : (size_t)t->cap * 2;
	if (cap > NIL - 1)
		cap = NIL - 1;
	t->item = xreallocarray(t->item, cap, sizeof(*t->item));
	t->parent = xreallocarray(t->parent, cap, sizeof(*t->parent));
	t->child = xreallocarray(t->child, cap, sizeof(*t->child));
	t->sib = xreallocarray(t->sib, cap, sizeof(*t->sib));
	t->next = xreallocarray(t->next, cap, sizeof(*t->next));
	t->count = xreallocarray(t->count, cap, sizeof(*t->count));
	t->cap = (uint32_t)cap;
}

/* Empty t (the root alone) for items 0..nitems-1. */
static void
fpt_reset(struct fpt *t, uint32_t nitems)
{
	if (nitems > t->icap) {
		t->icap = nitems;
		t->head = xreallocarray(t->head, nitems, sizeof(*t->head));
		t->rootch = xreallocarray(t->rootch, nitems,
		    sizeof(*t->rootch));
		t->supp = xreallocarray(t->supp, nitems, sizeof(*t->supp));
	}
	t->nitems = nitems;
	memset(t->head, 0xff, nitems * sizeof(*t->head));
	memset(t->rootch, 0xff, nitems * sizeof(*t->rootch));
	memset(t->supp, 0, nitems * sizeof(*t->supp));
	t->n = 0;
	fpt_grow(t);
	t->n = 1;
	t->item[0] = t->parent[0] = t->sib[0] = t->next[0] = NIL;
	t->child[0] = NIL;
	t->count[0] = 0;
	t->single = 1;
}

static uint32_t
fpt_node(struct fpt *t, uint32_t it, uint32_t parent)
{
	uint32_t k;

	fpt_grow(t);
	k = t->n++;
	t->item[k] = it;
	t->parent[k] = parent;
	t->child[k] = NIL;
	t->count[k] = 0;
	t->next[k] = t->head[it];
	t->head[it] = k;
	return k;
}

struct frame;

/*
 * Paths to build a tree from: path p is it[start[p]..start[p+1]), items
 * ascending, with weight w[p] (1 for a transaction, a node's count for
 * a conditional pattern base).  With scratch for the build.
 */
struct paths {
	uint32_t	*it;
	size_t		 nit, capit;
	size_t		*start;
	uint32_t	*w;
	size_t		 n, cap;
	uint32_t	*idx, *tmp;	/* path ids, per build */
	size_t		 capidx;
	uint32_t	*cnt;		/* per item, zero between uses */
	uint32_t	*stk;		/* items of the node being built */
	size_t		 nstk, capstk;
	struct frame	*fr;		/* nodes still to build */
	size_t		 nfr, capfr;
};

static void
paths_clear(struct paths *ps)
{
	ps->nit = ps->n = 0;
}

/* Start a new path of weight w; items follow with paths_item. */
static void
paths_begin(struct paths *ps, uint32_t w)
{
	if (ps->n + 2 > ps->cap) {
		size_t cap = ps->cap;

		ps->start = xgrow(ps->start, &cap, ps->n + 2,
		    sizeof(*ps->start));
		ps->w = xreallocarray(ps->w, cap, sizeof(*ps->w));
		ps->cap = cap;
	}
	ps->start[ps->n] = ps->nit;
	ps->w[ps->n++] = w;
	ps->start[ps->n] = ps->nit;
}

static void
paths_item(struct paths *ps, uint32_t it)
{
	if (ps->nit == ps->capit)
		ps->it = xgrow(ps->it, &ps->capit, ps->nit + 1,
		    sizeof(*ps->it));
	ps->it[ps->nit++] = it;
	ps->start[ps->n] = ps->nit;
}

static void
stk_push(struct paths *ps, uint32_t v)
{
	if (ps->nstk == ps->capstk)
		ps->stk = xgrow(ps->stk, &ps->capstk, ps->nstk + 1,
		    sizeof(*ps->stk));
	ps->stk[ps->nstk++] = v;
}

/* A node still to be given its children: the paths idx[lo..hi). */
struct frame {
	uint32_t	 node;
	uint32_t	 d;		/* paths share their first d items */
	size_t		 lo, hi;
};

static void
frame_push(struct paths *ps, uint32_t node, size_t lo, size_t hi,
    uint32_t d)
{
	struct frame *f;

	ps->fr = xgrow(ps->fr, &ps->capfr, ps->nfr + 1, sizeof(*ps->fr));
	f = &ps->fr[ps->nfr++];
	f->node = node;
	f->lo = lo;
	f->hi = hi;
	f->d = d;
}

/*
 * The children of f's node: the paths that go on past its d items are
 * grouped by their item d (a counting sort over the items met), each
 * group one child, which goes on the stack of nodes to do.  No child is
 * ever searched for, and no recursion: a long basket costs heap, not
 * stack.
 */
static void
build_node(struct fpt *t, struct paths *ps, struct frame f)
{
	size_t k, m = f.lo, ng, g, off, end;
	uint32_t it, c, prev = NIL, ch;
	uint64_t sum;

	for (k = f.lo; k < f.hi; k++)	/* paths that end here go */
		if (ps->start[ps->idx[k] + 1] - ps->start[ps->idx[k]] > f.d)
			ps->idx[m++] = ps->idx[k];
	if (m == f.lo)
		return;
	ps->nstk = 0;
	for (k = f.lo; k < m; k++) {
		it = ps->it[ps->start[ps->idx[k]] + f.d];
		if (ps->cnt[it]++ == 0)
			stk_push(ps, it);
	}
	ng = ps->nstk;
	rules_sort_items(ps->stk, ng);
	for (g = 0, off = f.lo; g < ng; g++) {
		c = ps->cnt[ps->stk[g]];
		ps->cnt[ps->stk[g]] = (uint32_t)off;
		off += c;
	}
	for (k = f.lo; k < m; k++) {
		it = ps->it[ps->start[ps->idx[k]] + f.d];
		ps->tmp[ps->cnt[it]++] = ps->idx[k];
	}
	memcpy(ps->idx + f.lo, ps->tmp + f.lo, (m - f.lo) * sizeof(*ps->idx));
	if (ng > 1)
		t->single = 0;
	for (g = 0, off = f.lo; g < ng; g++, off = end) {
		it = ps->stk[g];
		end = ps->cnt[it];
		ps->cnt[it] = 0;
		for (sum = 0, k = off; k < end; k++)
			sum += ps->w[ps->idx[k]];
		ch = fpt_node(t, it, f.node);
		t->count[ch] = (uint32_t)sum;
		t->supp[it] += sum;
		t->sib[ch] = NIL;
		if (prev == NIL)
			t->child[f.node] = ch;
		else
			t->sib[prev] = ch;
		prev = ch;
		frame_push(ps, ch, off, end, f.d + 1);
	}
}

/* Build t (reset for nitems items) from the paths of ps. */
static void
fpt_build(struct fpt *t, struct paths *ps, uint32_t nitems)
{
	size_t k;

	fpt_reset(t, nitems);
	if (ps->n > ps->capidx) {
		ps->capidx = ps->n;
		ps->idx = xreallocarray(ps->idx, ps->n, sizeof(*ps->idx));
		ps->tmp = xreallocarray(ps->tmp, ps->n, sizeof(*ps->tmp));
	}
	for (k = 0; k < ps->n; k++)
		ps->idx[k] = (uint32_t)k;
	ps->nfr = 0;
	frame_push(ps, 0, 0, ps->n, 0);
	while (ps->nfr > 0)
		build_node(t, ps, ps->fr[--ps->nfr]);
}

static void
paths_free(struct paths *ps)
{
	free(ps->it);
	free(ps->start);
	free(ps->w);
	free(ps->idx);
	free(ps->tmp);
	free(ps->cnt);
	free(ps->stk);
	free(ps->fr);
}

static void
fpt_free(struct fpt *t)
{
	free(t->item);
	free(t->parent);
	free(t->child);
	free(t->sib);
	free(t->next);
	free(t->count);
	free(t->head);
	free(t->rootch);
	free(t->supp);
}

/* What one thread needs: a tree per depth and scratch. */
struct fpctx {
	uint64_t	 minc;
	unsigned	 maxlen;
	struct fpt	*tree;		/* [maxlen]; tree[0] unused */
	uint32_t	*prefix;	/* items chosen so far, descending */
	uint32_t	*buf;		/* an itemset being written */
	uint32_t	*path;
	uint64_t	*cnt;
	uint32_t	 nitems;
	struct paths	 ps;		/* conditional pattern base */
	struct isets	*out;
};

/* Emit the prefix (depth items, descending) after lead ascending items. */
static void
emit(struct fpctx *x, const uint32_t *lead, size_t nlead, unsigned depth,
    uint64_t cnt)
{
	size_t k;

	for (k = 0; k < nlead; k++)
		x->buf[k] = lead[k];
	for (k = 0; k < depth; k++)
		x->buf[nlead + k] = x->prefix[depth - 1 - k];
	rules_isets_add(x->out, x->buf, (uint32_t)(nlead + depth), cnt);
}

/* Subsets of a single path, each after the prefix: room items at most. */
static void
single_path(struct fpctx *x, const struct fpt *t, unsigned depth)
{
	uint32_t items[64], cnts[64], sel[64];
	int level[64];
	uint32_t node, len = 0, room = x->maxlen - depth;
	int k;

	for (node = t->child[0]; node != NIL && len < 64;
	    node = t->child[node]) {
		items[len] = t->item[node];
		cnts[len++] = t->count[node];
	}
	if (room > len)
		room = len;
	/* iterative enumeration: sel[0..k] ascending positions */
	k = 0;
	level[0] = 0;
	while (k >= 0) {
		if ((uint32_t)level[k] >= len) {
			k--;
			if (k >= 0)
				level[k]++;
			continue;
		}
		sel[k] = items[level[k]];
		emit(x, sel, (size_t)k + 1, depth, cnts[level[k]]);
		if ((uint32_t)k + 1 < room) {
			level[k + 1] = level[k] + 1;
			k++;
		} else
			level[k]++;
	}
}

static void mine(struct fpctx *, const struct fpt *, unsigned depth);

/*
 * The conditional tree of item i of t into tree[depth]: the paths above
 * i's nodes, with the items frequent among them.  Returns 0 when empty.
 */
static int
cond_tree(struct fpctx *x, const struct fpt *t, uint32_t i, unsigned depth)
{
	struct fpt *c = &x->tree[depth];
	uint32_t node, p, top = 0, len, a;
	int any = 0;

	memset(x->cnt, 0, i * sizeof(*x->cnt));
	for (node = t->head[i]; node != NIL; node = t->next[node])
		for (p = t->parent[node]; p != 0; p = t->parent[p])
			x->cnt[t->item[p]] += t->count[node];
	for (a = 0; a < i; a++)
		if (x->cnt[a] >= x->minc) {
			any = 1;
			top = a + 1;
		}
	if (!any)
		return 0;
	paths_clear(&x->ps);
	for (node = t->head[i]; node != NIL; node = t->next[node]) {
		len = 0;
		for (p = t->parent[node]; p != 0; p = t->parent[p])
			if (x->cnt[t->item[p]] >= x->minc)
				x->path[len++] = t->item[p];
		if (len == 0)
			continue;
		paths_begin(&x->ps, t->count[node]);
		while (len > 0)
			paths_item(&x->ps, x->path[--len]);
	}
	fpt_build(c, &x->ps, top);
	return 1;
}

/* Item i of t after the prefix of depth items. */
static void
mine_item(struct fpctx *x, const struct fpt *t, uint32_t i, unsigned depth)
{
	if (t->supp[i] < x->minc)
		return;
	x->prefix[depth] = i;
	emit(x, NULL, 0, depth + 1, t->supp[i]);
	if (depth + 1 < x->maxlen && cond_tree(x, t, i, depth + 1))
		mine(x, &x->tree[depth + 1], depth + 1);
}

static void
mine(struct fpctx *x, const struct fpt *t, unsigned depth)
{
	uint32_t i;

	if (t->single && t->n <= 65) {
		single_path(x, t, depth);
		return;
	}
	for (i = 0; i < t->nitems; i++)
		mine_item(x, t, i, depth);
}

struct fpjob {
	const struct fpt *root;
	struct fpctx	*ctx;		/* per thread */
	struct isets	*res;		/* per item */
};

static void
job(void *arg, size_t item, struct rng *r, int thread)
{
	struct fpjob *j = arg;
	struct fpctx *x = &j->ctx[thread];

	(void)r;
	x->out = &j->res[item];
	mine_item(x, j->root, (uint32_t)item, 0);
}

static void
ctx_init(struct fpctx *x, const struct txdb *db, uint64_t minc,
    unsigned maxlen)
{
	memset(x, 0, sizeof(*x));
	x->minc = minc;
	x->maxlen = maxlen;
	x->nitems = db->nitems;
	x->tree = xcalloc(maxlen + 1, sizeof(*x->tree));
	x->prefix = xcalloc(maxlen + 1, sizeof(*x->prefix));
	x->buf = xcalloc(maxlen + 65, sizeof(*x->buf));
	x->path = xcalloc(db->nitems + 1, sizeof(*x->path));
	x->cnt = xcalloc(db->nitems + 1, sizeof(*x->cnt));
	x->ps.cnt = xcalloc(db->nitems + 1, sizeof(*x->ps.cnt));
}

static void
ctx_free(struct fpctx *x)
{
	unsigned d;

	for (d = 0; d <= x->maxlen; d++)
		fpt_free(&x->tree[d]);
	free(x->tree);
	free(x->prefix);
	free(x->buf);
	free(x->path);
	free(x->cnt);
	paths_free(&x->ps);
}

void
rules_fpgrowth(const struct txdb *db, uint64_t minc, unsigned maxlen,
    int nthreads, struct isets *out)
{
	struct fpt root;
	struct paths ps;
	struct fpjob j;
	size_t i;
	int t;

	if (db->nitems == 0 || maxlen == 0)
		return;
	memset(&root, 0, sizeof(root));
	memset(&ps, 0, sizeof(ps));
	ps.it = db->item;		/* borrowed: transactions as paths */
	ps.start = db->start;
	ps.n = db->n;
	ps.w = xmalloc((db->n + 1) * sizeof(*ps.w));
	for (i = 0; i < db->n; i++)
		ps.w[i] = 1;
	ps.cnt = xcalloc(db->nitems + 1, sizeof(*ps.cnt));
	fpt_build(&root, &ps, db->nitems);
	free(ps.w);
	free(ps.idx);
	free(ps.tmp);
	free(ps.cnt);
	free(ps.stk);
	free(ps.fr);
	if (nthreads < 1)
		nthreads = 1;
	j.root = &root;
	j.ctx = xcalloc((size_t)nthreads, sizeof(*j.ctx));
	j.res = xcalloc(db->nitems, sizeof(*j.res));
	for (t = 0; t < nthreads; t++)
		ctx_init(&j.ctx[t], db, minc, maxlen);
	if (root.single && root.n <= 65) {
		j.ctx[0].out = out;
		single_path(&j.ctx[0], &root, 0);
	} else
		sched_run(db->nitems, nthreads, 0, job, &j);
	for (i = 0; i < db->nitems; i++)
		rules_isets_append(out, &j.res[i]);
	for (t = 0; t < nthreads; t++)
		ctx_free(&j.ctx[t]);
	free(j.ctx);
	free(j.res);
	fpt_free(&root);
}
