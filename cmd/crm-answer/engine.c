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
	uint32_t	*nphr;		/* phrasings per answer */
};

/* Terms of one text: ids (UNKNOWN for unseen ones when querying). */
struct terms {
	uint32_t	*id;
	double		*cnt, *qw;
	size_t		 n, cap;
};

struct worker {
	const struct engine *e;
	struct textnorm	*tn;
	struct tokenizer *tok;
	struct strbuf	 norm, syn;
	struct terms	 tw, tc;
	struct strmap	*grow;		/* building: the map to add to */
	uint32_t	*cp;		/* code points of the normal form */
	size_t		*pos;		/* their byte offsets (n + 1) */
	size_t		 ncp, cpcap, poscap;
	double		*accb, *accc;	/* per phrasing */
	double		*top;		/* per answer: its best scores */
	uint32_t	*ntop, *best, *ans;	/* ans: touched answers */
	struct topk	*heap;
	size_t		 heapk;
	double		 cjk;		/* of the last question */
};

static void
terms_add(struct terms *t, uint32_t id)
{
	if (t->n == t->cap) {
		t->id = xgrow(t->id, &t->cap, t->n + 1, sizeof(*t->id));
		t->cnt = xreallocarray(t->cnt, t->cap, sizeof(*t->cnt));
		t->qw = xreallocarray(t->qw, t->cap, sizeof(*t->qw));
	}
	t->id[t->n++] = id;
}

/* Sort the ids and merge repeats into counts (unknown ones stay apart). */
static void
terms_merge(struct terms *t)
{
	size_t i, j = 0;

	sort_u32(t->id, t->n);
	for (i = 0; i < t->n; i++) {
		if (j > 0 && t->id[i] == t->id[j - 1] && t->id[i] != UNKNOWN) {
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
}

/* The id of a term: added while building, looked up while querying. */
static uint32_t
term_id(struct worker *w, struct strmap *m, const char *s, size_t len)
{
	size_t id;
	int isnew;

	if (w->grow != NULL)
		id = strmap_intern(m, s, len, &isnew);
	else
		id = strmap_find(m, s, len);
	return id >= UNKNOWN ? UNKNOWN : (uint32_t)id;
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
	size_t i = 0, n, ncjk = 0, nother = 0;
	uint32_t cp;

	w->ncp = 0;
	while (i < len) {
		if ((n = utf8_decode(p + i, len - i, &cp)) == 0)
			n = 1, cp = 0xFFFD;
		w->cp = xgrow(w->cp, &w->cpcap, w->ncp + 1, sizeof(*w->cp));
		w->pos = xgrow(w->pos, &w->poscap, w->ncp + 2, sizeof(*w->pos));
		w->cp[w->ncp] = cp;
		w->pos[w->ncp++] = i;
		if (text_is_cjk(cp))
			ncjk++;
		else if (cp != ' ')
			nother++;
		i += n;
	}
	w->pos = xgrow(w->pos, &w->poscap, w->ncp + 2, sizeof(*w->pos));
	w->pos[w->ncp] = len;
	return ncjk + nother > 0 ? (double)ncjk / (double)(ncjk + nother) : 0;
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
	tok_split(w->tok, s->p, s->len, word_term, w);
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

struct engine *
engine_new(const struct kb *kb, const struct engine_params *p)
{
	struct engine *e = xcalloc(1, sizeof(*e));
	struct csr_builder *bw, *bc;
	struct csr *cw, *cc;
	struct worker *w;
	size_t i, j;

	e->kb = kb;
	e->p = *p;
	e->wv = strmap_new();
	e->cv = strmap_new();
	engine_synonyms(e);
	e->nphr = xcalloc(kb->nans + 1, sizeof(*e->nphr));
	bw = csr_builder_new(NULL, NULL);
	bc = csr_builder_new(NULL, NULL);
	w = worker_new(e);
	w->grow = e->wv;
	for (i = 0; i < kb->nq; i++) {
		e->nphr[kb->qans[i]]++;
		text_terms(w, kb->question[i], strlen(kb->question[i]));
		for (j = 0; j < w->tw.n; j++)
			csr_builder_add_id(bw, (uint32_t)i, w->tw.id[j], 1);
		for (j = 0; j < w->tc.n; j++)
			csr_builder_add_id(bc, (uint32_t)i, w->tc.id[j], 1);
	}
	worker_free(w);
	cw = csr_builder_finish(bw, kb->nq, strmap_count(e->wv), 0);
	cc = csr_builder_finish(bc, kb->nq, strmap_count(e->cv), 0);
	e->bm = search_bm25(cw, kb->k1, kb->b);
	e->tf = search_tfidf(cc, 1);
	csr_free(cw);
	csr_free(cc);
	csr_builder_free(bw);
	csr_builder_free(bc);
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
	free(e->nphr);
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
	size_t nq = e->kb->nq + 1, na = e->kb->nans + 1;

	w->e = e;
	w->tn = textnorm_new();
	w->tok = tok_new(1, 2);
	w->accb = xcalloc(nq, sizeof(*w->accb));
	w->accc = xcalloc(nq, sizeof(*w->accc));
	w->top = xcalloc(na * (size_t)(e->p.phrasings > 0 ?
	    e->p.phrasings : 1), sizeof(*w->top));
	w->ntop = xcalloc(na, sizeof(*w->ntop));
	w->best = xcalloc(na, sizeof(*w->best));
	w->ans = xcalloc(na, sizeof(*w->ans));
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
	free(w->accb);
	free(w->accc);
	free(w->top);
	free(w->ntop);
	free(w->best);
	free(w->ans);
	topk_free(w->heap);
	free(w);
}

/*
 * Keep phrasing q's score s among its answer's best m (descending);
 * the best phrasing is the first of the highest score.
 */
static void
keep(struct worker *w, uint32_t a, uint32_t q, double s, size_t *nans)
{
	size_t m = (size_t)w->e->p.phrasings, n = w->ntop[a], i;
	double *t = w->top + (size_t)a * m;

	if (n == m && s <= t[m - 1])
		return;		/* (q ascends: an equal best comes first) */
	if (n == 0)
		w->ans[(*nans)++] = a;
	if (n == 0 || s > t[0])
		w->best[a] = q;
	i = n < m ? n++ : m - 1;
	for (; i > 0 && t[i - 1] < s; i--)
		t[i] = t[i - 1];
	t[i] = s;
	w->ntop[a] = (uint32_t)n;
}

/* Score the touched phrasings, then their answers into the heap. */
static void
rank(struct worker *w, double wb)
{
	const struct engine *e = w->e;
	size_t i, j, m = (size_t)e->p.phrasings, nans = 0, d;
	uint32_t q, a;
	double s;

	for (q = 0; q < e->kb->nq; q++) {
		if (w->accb[q] == 0 && w->accc[q] == 0)
			continue;
		s = wb * w->accb[q] + (1 - wb) * w->accc[q];
		w->accb[q] = w->accc[q] = 0;
		if (s > 0)
			keep(w, e->kb->qans[q], q, s, &nans);
	}
	for (i = 0; i < nans; i++) {
		a = w->ans[i];
		for (s = 0, j = 0; j < w->ntop[a]; j++)
			s += w->top[(size_t)a * m + j];
		d = e->nphr[a] < m ? e->nphr[a] : m;
		topk_push(w->heap, s / (double)d, a);
		w->ntop[a] = 0;
	}
}

size_t
engine_ask(struct worker *w, const char *text, size_t len, size_t k,
    struct hit *hits)
{
	const struct engine *e = w->e;
	size_t i, n, id[64];
	double cjk, wb, sc[64];

	if (k > 64)
		k = 64;
	if (w->heap == NULL || w->heapk != k) {
		topk_free(w->heap);
		w->heap = topk_new(k);
		w->heapk = k;
	}
	cjk = w->cjk = text_terms(w, text, len);
	wb = cjk * e->p.w_cjk + (1 - cjk) * e->p.w_latin;
	terms_merge(&w->tw);
	terms_merge(&w->tc);
	search_query_bm25(e->bm, w->tw.id, w->tw.cnt, w->tw.n, w->tw.qw);
	search_query_tfidf(e->tf, w->tc.id, w->tc.cnt, w->tc.n, w->tc.qw);
	search_accumulate(e->bm, w->tw.id, w->tw.qw, w->tw.n, w->accb);
	search_accumulate(e->tf, w->tc.id, w->tc.qw, w->tc.n, w->accc);
	rank(w, wb);
	n = topk_take(w->heap, id, sc);
	for (i = 0; i < n; i++) {
		hits[i].ans = (uint32_t)id[i];
		hits[i].q = w->best[id[i]];
		hits[i].rank_score = sc[i];
		hits[i].score = w->top[id[i] * (size_t)e->p.phrasings];
	}
	return n;
}

double
engine_cjk(const struct worker *w)
{
	return w->cjk;
}
