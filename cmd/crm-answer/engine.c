/*
 * engine.c: crm-answer's retrieval.  A question is put in normal form
 * (textnorm.h) and its synonyms replaced by their group's first term;
 * then it is scored against every phrasing of the knowledge base in two
 * ways (search.h):
 *  - BM25 over words and over CJK character unigrams and bigrams (the
 *    tokenizer of text.h), divided by the score of a perfect match so
 *    that it lies in [0, 1];
 *  - TF-IDF cosine over character n-grams: 2 and 3 characters of
 *    non-CJK text (spaces included), 1 and 2 characters of CJK text;
 * blended by BM25's share, which goes from w_latin (a question without
 * CJK characters) to w_cjk (all CJK) with the share of CJK characters
 * in the question.  Answers are ranked by the mean of the scores of
 * their best `phrasings` phrasings (all of them when they have fewer);
 * an answer's score is that of its best phrasing, the one matched.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "par.h"
#include "strbuf.h"
#include "text.h"
#include "ml/order.h"
#include "ml/search.h"
#include "ml/sparse.h"
#include "ml/textnorm.h"

#include "answer.h"

#define LAT_NMIN	2	/* character n-grams of non-CJK text */
#define LAT_NMAX	3
#define CJK_NMAX	2	/* of CJK text: 1..CJK_NMAX */
#define UNKNOWN		UINT32_MAX
#define UNKNOWN_BI	(UINT32_MAX - 1)	/* an unseen CJK bigram */
#define MAX_K		64	/* answers kept per question at most */

struct syn {
	const char	*from, *to;
	size_t		 flen, tlen;
	int		 cjk_first, cjk_last;	/* no word boundary needed */
};

struct engine {
	const struct kb	*kb;
	struct engine_params p;
	struct syn	*syn;		/* by first byte, longest first */
	size_t		 nsyn;
	size_t		 synfirst[257];	/* syn[synfirst[c]..synfirst[c+1]) */
	struct strmap	*wv, *cv;	/* word terms, character n-grams */
	struct search_index *bm, *tf;
	/*
	 * Documents of the index are the phrasings ordered by answer
	 * (stable): answer a's are documents aptr[a] .. aptr[a + 1], and
	 * document d is phrasing doc2q[d].
	 */
	size_t		*aptr;
	uint32_t	*doc2q;
	/* per term of wv / cv: is it a CJK bigram (its weight w_bigram)? */
	unsigned char	*wbi, *cbi;
};

/* Terms of one text: ids (UNKNOWN for unseen ones when querying). */
struct terms {
	uint32_t	*id;
	double		*cnt, *qw, *tw;
	size_t		 n, cap;
};

struct worker {
	const struct engine *e;
	struct textnorm	*tn;
	struct tokenizer *tok;
	struct strbuf	 norm, syn;
	struct terms	 tw, tc;
	struct strmap	*grow;		/* building: the map to add to */
	int		 part;		/* building: 1 words, 2 n-grams */
	uint32_t	*cp;		/* code points of the normal form */
	size_t		*pos;		/* their byte offsets (n + 1) */
	size_t		 ncp, cpcap, poscap;
	double		*acc;		/* per document: the blended score */
	double		*sc;		/* an answer's documents' scores */
	struct hit	*best;		/* the k best so far, best first */
	size_t		 nbest;
	double		 cjk;		/* of the last question */
};

static void
terms_add(struct terms *t, uint32_t id)
{
	if (t->n == t->cap) {
		t->id = xgrow(t->id, &t->cap, t->n + 1, sizeof(*t->id));
		t->cnt = xreallocarray(t->cnt, t->cap, sizeof(*t->cnt));
		t->qw = xreallocarray(t->qw, t->cap, sizeof(*t->qw));
		t->tw = xreallocarray(t->tw, t->cap, sizeof(*t->tw));
	}
	t->id[t->n++] = id;
}

/* Sort the ids and merge repeats into counts (unknown ones stay apart). */
static void
terms_merge(struct terms *t)
{
	size_t i, j = 0;
	uint32_t v;

	if (t->n > 48)
		sort_u32(t->id, t->n);
	else
		for (i = 1; i < t->n; i++) {	/* insertion: short texts */
			v = t->id[i];
			for (j = i; j > 0 && t->id[j - 1] > v; j--)
				t->id[j] = t->id[j - 1];
			t->id[j] = v;
		}
	j = 0;
	for (i = 0; i < t->n; i++) {
		if (j > 0 && t->id[i] == t->id[j - 1] && t->id[i] < UNKNOWN_BI) {
			t->cnt[j - 1]++;
			continue;
		}
		t->id[j] = t->id[i];
		t->cnt[j++] = 1;
	}
	t->n = j;
}

static void
terms_free(struct terms *t)
{
	free(t->id);
	free(t->cnt);
	free(t->qw);
	free(t->tw);
}

/* Is s[0..len) two CJK characters? */
static int
cjk_bigram(const char *s, size_t len)
{
	uint32_t a, b;
	size_t n, m;

	if ((n = utf8_decode(s, len, &a)) == 0 || n >= len ||
	    (m = utf8_decode(s + n, len - n, &b)) == 0 || n + m != len)
		return 0;
	return text_is_cjk(a) && text_is_cjk(b);
}

/*
 * The id of a term: added while building, looked up while querying
 * (UNKNOWN or, for a CJK bigram, UNKNOWN_BI when unseen).
 */
static uint32_t
term_id(struct worker *w, struct strmap *m, const char *s, size_t len)
{
	size_t id;
	int isnew;

	if (w->grow != NULL)
		id = strmap_intern(m, s, len, &isnew);
	else
		id = strmap_find(m, s, len);
	if (id < UNKNOWN_BI)
		return (uint32_t)id;
	return cjk_bigram(s, len) ? UNKNOWN_BI : UNKNOWN;
}

/* Which terms of a vocabulary are CJK bigrams. */
static unsigned char *
bigram_flags(const struct strmap *m)
{
	size_t i, len, n = strmap_count(m);
	unsigned char *f = xcalloc(n + 1, 1);
	const char *s;

	for (i = 0; i < n; i++) {
		s = strmap_key(m, i, &len);
		f[i] = (unsigned char)cjk_bigram(s, len);
	}
	return f;
}

/* The weights of a question's (merged) terms: w_bigram for CJK bigrams. */
static void
term_weights(struct terms *t, const unsigned char *bi, size_t nknown,
    double wbi)
{
	size_t i;
	int isbi;

	for (i = 0; i < t->n; i++) {
		isbi = t->id[i] < nknown ? bi[t->id[i]] : t->id[i] == UNKNOWN_BI;
		t->tw[i] = isbi ? wbi : 1;
	}
}

static void
word_term(const char *s, size_t len, void *arg)
{
	struct worker *w = arg;

	terms_add(&w->tw, term_id(w, w->e->wv, s, len));
}

/* Is p[i..) the start of a synonym (boundaries) matching there? */
static int
syn_at(const struct syn *y, const char *p, size_t len, size_t i)
{
	size_t end = i + y->flen;

	if (end > len || memcmp(p + i, y->from, y->flen) != 0)
		return 0;
	if (!y->cjk_first && i > 0 && p[i - 1] != ' ')
		return 0;
	return y->cjk_last || end == len || p[end] == ' ';
}

/* Replace synonyms in w->norm into w->syn; returns the text to use. */
static const struct strbuf *
syn_apply(struct worker *w)
{
	const struct engine *e = w->e;
	const char *p = w->norm.p;
	size_t i = 0, k, len = w->norm.len;
	unsigned char c;

	if (e->nsyn == 0)
		return &w->norm;
	w->syn.len = 0;
	sb_add(&w->syn, "", 0);
	while (i < len) {
		c = (unsigned char)p[i];
		for (k = e->synfirst[c]; k < e->synfirst[c + 1]; k++)
			if (syn_at(&e->syn[k], p, len, i))
				break;
		if (k < e->synfirst[c + 1]) {
			sb_add(&w->syn, e->syn[k].to, e->syn[k].tlen);
			i += e->syn[k].flen;
		} else
			sb_add(&w->syn, p + i++, 1);
	}
	return &w->syn;
}

/* Decode the normal form into code points; returns the CJK share. */
static double
decode(struct worker *w, const char *p, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	w->ncp = 0;
	while (i < len) {
		if ((n = utf8_decode(p + i, len - i, &cp)) == 0)
			n = 1, cp = 0xFFFD;
		w->cp = xgrow(w->cp, &w->cpcap, w->ncp + 1, sizeof(*w->cp));
		w->pos = xgrow(w->pos, &w->poscap, w->ncp + 2, sizeof(*w->pos));
		w->cp[w->ncp] = cp;
		w->pos[w->ncp++] = i;
		i += n;
	}
	w->pos = xgrow(w->pos, &w->poscap, w->ncp + 2, sizeof(*w->pos));
	w->pos[w->ncp] = len;
	return kb_cjk_share(p, len);
}

/* The character n-grams of the decoded text. */
static void
char_terms(struct worker *w, const char *p)
{
	size_t i, g, ncjk;

	for (i = 0; i < w->ncp; i++) {
		ncjk = 0;
		for (g = 1; g <= LAT_NMAX && i + g <= w->ncp; g++) {
			if (text_is_cjk(w->cp[i + g - 1]))
				ncjk++;
			if (ncjk > 0 && ncjk < g)
				break;		/* CJK mixed with other */
			if (ncjk == g && g > CJK_NMAX)
				break;
			if (ncjk == 0 && g < LAT_NMIN)
				continue;
			terms_add(&w->tc, term_id(w, w->e->cv, p + w->pos[i],
			    w->pos[i + g] - w->pos[i]));
		}
	}
}

/* The terms of text: normal form, synonyms, words, n-grams. */
static double
text_terms(struct worker *w, const char *text, size_t len)
{
	const struct strbuf *s;
	double cjk;

	textnorm(w->tn, text, len, &w->norm);
	s = syn_apply(w);
	w->tw.n = w->tc.n = 0;
	if (w->part != 2)
		tok_split(w->tok, s->p, s->len, word_term, w);
	if (w->part == 1)
		return 0;
	cjk = decode(w, s->p, s->len);
	char_terms(w, s->p);
	return cjk;
}

static int
syn_cmp(const void *a, const void *b, void *ctx)
{
	const struct syn *x = a, *y = b;
	unsigned char cx = (unsigned char)x->from[0];
	unsigned char cy = (unsigned char)y->from[0];

	(void)ctx;
	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->flen != y->flen)
		return x->flen > y->flen ? -1 : 1;
	return strcmp(x->from, y->from);
}

/* Is the first / last character of s (UTF-8) CJK? */
static int
cjk_end(const char *s, size_t len, int last)
{
	size_t i = 0, n;
	uint32_t cp = 0;

	if (last)
		for (i = len; i > 0 && (s[i - 1] & 0xC0) == 0x80; i--)
			;
	if (last && i > 0)
		i--;
	n = utf8_decode(s + i, len - i, &cp);
	return n > 0 && text_is_cjk(cp);
}

static void
engine_synonyms(struct engine *e)
{
	const struct kb *kb = e->kb;
	size_t i, c;

	e->syn = xcalloc(kb->nsyn + 1, sizeof(*e->syn));
	for (i = 0; i < kb->nsyn; i++) {
		e->syn[i].from = kb->syn_from[i];
		e->syn[i].flen = strlen(kb->syn_from[i]);
		e->syn[i].to = kb->syn_to[i];
		e->syn[i].tlen = strlen(kb->syn_to[i]);
		e->syn[i].cjk_first = cjk_end(e->syn[i].from, e->syn[i].flen, 0);
		e->syn[i].cjk_last = cjk_end(e->syn[i].from, e->syn[i].flen, 1);
	}
	e->nsyn = kb->nsyn;
	sort_r(e->syn, e->nsyn, sizeof(*e->syn), syn_cmp, NULL);
	for (c = 0, i = 0; c < 256; c++) {
		e->synfirst[c] = i;
		while (i < e->nsyn && (unsigned char)e->syn[i].from[0] == c)
			i++;
	}
	e->synfirst[256] = i;
}

/* The documents in answer order (a counting sort, stable). */
static void
engine_order(struct engine *e)
{
	const struct kb *kb = e->kb;
	size_t a, i, *next;

	e->aptr = xcalloc(kb->nans + 2, sizeof(*e->aptr));
	e->doc2q = xcalloc(kb->nq + 1, sizeof(*e->doc2q));
	for (i = 0; i < kb->nq; i++)
		e->aptr[kb->qans[i] + 1]++;
	for (a = 0; a < kb->nans; a++)
		e->aptr[a + 1] += e->aptr[a];
	next = xreallocarray(NULL, kb->nans + 1, sizeof(*next));
	memcpy(next, e->aptr, (kb->nans + 1) * sizeof(*next));
	for (i = 0; i < kb->nq; i++)
		e->doc2q[next[kb->qans[i]]++] = (uint32_t)i;
	free(next);
}

/*
 * A matrix of term counts built row by row: each row's terms merged
 * (ascending, counted) are appended, so no triples are kept or sorted.
 */
struct counts {
	size_t		*rowptr;
	uint32_t	*col;
	double		*val;
	size_t		 nnz, cap;
};

static void
counts_row(struct counts *c, size_t row, struct terms *t)
{
	size_t i, cap = c->cap;

	terms_merge(t);
	c->col = xgrow(c->col, &c->cap, c->nnz + t->n, sizeof(*c->col));
	if (c->cap != cap)
		c->val = xreallocarray(c->val, c->cap, sizeof(*c->val));
	for (i = 0; i < t->n; i++) {
		c->col[c->nnz] = t->id[i];
		c->val[c->nnz++] = t->cnt[i];
	}
	c->rowptr[row + 1] = c->nnz;
}

/* The matrix (the arrays move into it). */
static struct csr *
counts_finish(struct counts *c, size_t nrows, size_t ncols)
{
	struct csr *m = csr_new(nrows, ncols, 0);

	free(m->rowptr);
	free(m->col);
	free(m->val);
	m->rowptr = c->rowptr;
	m->col = c->col != NULL ? c->col : xcalloc(1, sizeof(*m->col));
	m->val = c->val != NULL ? c->val : xcalloc(1, sizeof(*m->val));
	memset(c, 0, sizeof(*c));
	return m;
}

/*
 * One of the two indexes (part 0: BM25 of words, 1: TF-IDF of n-grams):
 * each has its own vocabulary, so the two are built on two threads,
 * each reading the phrasings in order (the same result on one).
 */
static void
engine_part(void *arg, size_t lo, size_t hi, int thread)
{
	struct engine *e = arg;
	const struct kb *kb = e->kb;
	struct counts c = { NULL, NULL, NULL, 0, 0 };
	struct strmap *vocab;
	struct worker *w;
	struct csr *m;
	size_t i, q, part;
	double *tw;

	(void)thread;
	for (part = lo; part < hi; part++) {
		c.rowptr = xcalloc(kb->nq + 1, sizeof(*c.rowptr));
		vocab = part == 0 ? e->wv : e->cv;
		w = worker_new(e);
		w->grow = vocab;
		w->part = (int)part + 1;
		for (i = 0; i < kb->nq; i++) {
			q = e->doc2q[i];
			text_terms(w, kb->question[q], strlen(kb->question[q]));
			counts_row(&c, i, part == 0 ? &w->tw : &w->tc);
		}
		worker_free(w);
		m = counts_finish(&c, kb->nq, strmap_count(vocab));
		if (part == 0) {
			e->wbi = bigram_flags(vocab);
			e->bm = search_bm25(m, kb->k1, kb->b);
		} else {
			e->cbi = bigram_flags(vocab);
			tw = xreallocarray(NULL, m->ncols + 1, sizeof(*tw));
			for (i = 0; i < m->ncols; i++)
				tw[i] = e->cbi[i] ? e->p.w_bigram : 1;
			e->tf = search_tfidfw(m, 1, tw);
			free(tw);
		}
		csr_free(m);
	}
}

struct engine *
engine_new(const struct kb *kb, const struct engine_params *p)
{
	struct engine *e = xcalloc(1, sizeof(*e));

	e->kb = kb;
	e->p = *p;
	e->wv = strmap_new();
	e->cv = strmap_new();
	engine_synonyms(e);
	engine_order(e);
	par_for(2, 2, engine_part, e);
	return e;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	strmap_free(e->wv);
	strmap_free(e->cv);
	search_free(e->bm);
	search_free(e->tf);
	free(e->syn);
	free(e->aptr);
	free(e->doc2q);
	free(e->wbi);
	free(e->cbi);
	free(e);
}

size_t
engine_nterms(const struct engine *e, size_t *nchar)
{
	*nchar = strmap_count(e->cv);
	return strmap_count(e->wv);
}

struct worker *
worker_new(const struct engine *e)
{
	struct worker *w = xcalloc(1, sizeof(*w));
	size_t nq = e->kb->nq + 1;

	w->e = e;
	w->tn = textnorm_new();
	w->tok = tok_new(1, 2);
	w->acc = xcalloc(nq, sizeof(*w->acc));
	w->sc = xcalloc(nq, sizeof(*w->sc));
	w->best = xcalloc(MAX_K + 1, sizeof(*w->best));
	return w;
}

void
worker_free(struct worker *w)
{
	if (w == NULL)
		return;
	textnorm_free(w->tn);
	tok_free(w->tok);
	sb_free(&w->norm);
	sb_free(&w->syn);
	terms_free(&w->tw);
	terms_free(&w->tc);
	free(w->cp);
	free(w->pos);
	free(w->acc);
	free(w->sc);
	free(w->best);
	free(w);
}

/*
 * Put answer h among the k best (best first): a higher rank score, or
 * an equal one and a smaller answer (answers come in ascending order,
 * so an equal score never displaces).
 */
static void
offer(struct worker *w, size_t k, const struct hit *h)
{
	size_t i;

	if (w->nbest == k && h->rank_score <= w->best[k - 1].rank_score)
		return;
	i = w->nbest < k ? w->nbest++ : k - 1;
	for (; i > 0 && w->best[i - 1].rank_score < h->rank_score; i--)
		w->best[i] = w->best[i - 1];
	w->best[i] = *h;
}

/*
 * The rank score of an answer: the mean of its best m documents' scores
 * sc[0..n) (of all when n < m), partly sorted in place.
 */
static double
mean_top(double *sc, size_t n, size_t m)
{
	size_t i, j, b;
	double s = 0, t;

	if (m > n)
		m = n;
	for (i = 0; i < m; i++) {
		for (b = i, j = i + 1; j < n; j++)
			if (sc[j] > sc[b])
				b = j;
		t = sc[i], sc[i] = sc[b], sc[b] = t;
		s += sc[i];
	}
	return s / (double)m;
}

/*
 * Score every document (clearing the accumulators) and keep the k best
 * answers.  An answer's rank score is at most its best document's, so
 * an answer whose best does not beat the k-th kept is passed over.
 */
static void
rank(struct worker *w, size_t k)
{
	const struct engine *e = w->e;
	size_t a, d, lo, hi, bd, m = (size_t)e->p.phrasings;
	double s, mx;
	struct hit h;

	w->nbest = 0;
	for (a = 0; a < e->kb->nans; a++) {
		lo = e->aptr[a];
		hi = e->aptr[a + 1];
		for (mx = 0, bd = lo, d = lo; d < hi; d++) {
			s = w->acc[d];
			w->acc[d] = 0;
			w->sc[d] = s;
			if (s > mx)
				mx = s, bd = d;
		}
		if (mx <= 0 || (w->nbest == k &&
		    mx <= w->best[k - 1].rank_score))
			continue;
		h.ans = (uint32_t)a;
		h.q = e->doc2q[bd];
		h.score = mx;
		h.rank_score = mean_top(w->sc + lo, hi - lo, m);
		offer(w, k, &h);
	}
}

size_t
engine_ask(struct worker *w, const char *text, size_t len, size_t k,
    struct hit *hits)
{
	const struct engine *e = w->e;
	double wb;
	size_t i;

	if (k > MAX_K)
		k = MAX_K;
	w->cjk = text_terms(w, text, len);
	wb = w->cjk * e->p.w_cjk + (1 - w->cjk) * e->p.w_latin;
	terms_merge(&w->tw);
	terms_merge(&w->tc);
	term_weights(&w->tw, e->wbi, strmap_count(e->wv), e->p.w_bigram);
	term_weights(&w->tc, e->cbi, strmap_count(e->cv), e->p.w_bigram);
	search_query_bm25w(e->bm, w->tw.id, w->tw.cnt, w->tw.tw, w->tw.n,
	    w->tw.qw);
	search_query_tfidfw(e->tf, w->tc.id, w->tc.cnt, w->tc.tw, w->tc.n,
	    w->tc.qw);
	/* the blend folded into the query: one accumulator */
	for (i = 0; i < w->tw.n; i++)
		w->tw.qw[i] *= wb;
	for (i = 0; i < w->tc.n; i++)
		w->tc.qw[i] *= 1 - wb;
	search_accumulate(e->bm, w->tw.id, w->tw.qw, w->tw.n, w->acc);
	search_accumulate(e->tf, w->tc.id, w->tc.qw, w->tc.n, w->acc);
	rank(w, k);
	memcpy(hits, w->best, w->nbest * sizeof(*hits));
	return w->nbest;
}

double
engine_cjk(const struct worker *w)
{
	return w->cjk;
}
