/*
 * textfeat.c: terms, hashing, vocabularies and TF-IDF (see textfeat.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "text.h"
#include "ml/sparse.h"
#include "ml/textfeat.h"

struct textfeat {
	struct tf_opts	 o;
	struct tokenizer *tok;
	char		*prev;		/* the previous word, for bigrams */
	size_t		 plen, pcap;	/* plen 0: no previous word */
	char		*big;		/* the bigram being built */
	size_t		 bcap;
	/* the running call of tf_terms */
	void		(*fn)(const char *, size_t, void *);
	void		*arg;
	size_t		 count;
	int		 negleft;	/* words a negator still reaches */
};

void
tf_defaults(struct tf_opts *o)
{
	o->bigrams = 1;
	o->cjk_nmin = 1;
	o->cjk_nmax = 2;
	o->bits = 18;
	o->sign = 1;
	o->negate = 0;
}

struct textfeat *
tf_new(const struct tf_opts *o)
{
	struct textfeat *t = xcalloc(1, sizeof(*t));

	t->o = *o;
	if (t->o.bits < 1)
		t->o.bits = 1;
	if (t->o.bits > 30)
		t->o.bits = 30;
	t->tok = tok_new(o->cjk_nmin, o->cjk_nmax);
	return t;
}

void
tf_free(struct textfeat *t)
{
	if (t == NULL)
		return;
	tok_free(t->tok);
	free(t->prev);
	free(t->big);
	free(t);
}

static int
is_cjk_token(const char *p, size_t len)
{
	uint32_t cp;

	return utf8_decode(p, len, &cp) > 0 && text_is_cjk(cp);
}

/* A word that negates the words after it (negation marking). */
static int
is_negator(const char *p, size_t len)
{
	static const char *const neg[] = { "not", "no", "never", "nor",
	    "cannot", "without", "neither", "nothing", NULL };
	size_t i;

	if (len > 3 && memcmp(p + len - 3, "n't", 3) == 0)
		return 1;
	for (i = 0; neg[i] != NULL; i++)
		if (strlen(neg[i]) == len && memcmp(neg[i], p, len) == 0)
			return 1;
	return 0;
}

/* Emit "!word" for a word within a negator's reach. */
static void
negate_mark(struct textfeat *t, const char *p, size_t len)
{
	if (is_negator(p, len)) {
		t->negleft = TF_NEG_WINDOW;
		return;
	}
	if (t->negleft == 0)
		return;
	t->negleft--;
	t->big = xgrow(t->big, &t->bcap, len + 1, 1);
	t->big[0] = '!';
	memcpy(t->big + 1, p, len);
	t->fn(t->big, len + 1, t->arg);
	t->count++;
}

static void
on_token(const char *p, size_t len, void *arg)
{
	struct textfeat *t = arg;
	size_t n;

	t->fn(p, len, t->arg);
	t->count++;
	if (t->o.negate) {
		if (is_cjk_token(p, len))
			t->negleft = 0;
		else
			negate_mark(t, p, len);
	}
	if (!t->o.bigrams)
		return;
	if (is_cjk_token(p, len)) {
		t->plen = 0;
		return;
	}
	if (t->plen > 0) {
		n = t->plen + 1 + len;
		t->big = xgrow(t->big, &t->bcap, n, 1);
		memcpy(t->big, t->prev, t->plen);
		t->big[t->plen] = ' ';
		memcpy(t->big + t->plen + 1, p, len);
		t->fn(t->big, n, t->arg);
		t->count++;
	}
	t->prev = xgrow(t->prev, &t->pcap, len + 1, 1);
	memcpy(t->prev, p, len);
	t->plen = len;
}

size_t
tf_terms(struct textfeat *t, const char *text, size_t len,
    void (*fn)(const char *, size_t, void *), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->count = 0;
	t->plen = 0;
	t->negleft = 0;
	tok_split(t->tok, text, len, on_token, t);
	return t->count;
}

uint32_t
tf_bucket(const struct textfeat *t, const char *term, size_t len,
    double *sign)
{
	uint64_t h = hash_bytes(term, len, 0);

	*sign = t->o.sign && (h >> 63) ? -1 : 1;
	return (uint32_t)(h & (((uint64_t)1 << t->o.bits) - 1));
}

struct add_ctx {
	struct textfeat		*t;
	struct csr_builder	*b;
	uint32_t		 row;
	struct strmap		*vocab;
	int			 grow, full;
};

static void
add_hashed(const char *p, size_t len, void *arg)
{
	struct add_ctx *c = arg;
	double s;
	uint32_t col = tf_bucket(c->t, p, len, &s);

	csr_builder_add_id(c->b, c->row, col, s);
}

void
tf_add_hashed(struct textfeat *t, struct csr_builder *b, uint32_t row,
    const char *text, size_t len)
{
	struct add_ctx c = { t, b, row, NULL, 0, 0 };

	tf_terms(t, text, len, add_hashed, &c);
}

static void
add_vocab(const char *p, size_t len, void *arg)
{
	struct add_ctx *c = arg;
	size_t id;

	if (c->grow)
		id = strmap_intern(c->vocab, p, len, NULL);
	else
		id = strmap_find(c->vocab, p, len);
	if (id == STRMAP_FULL) {
		c->full |= c->grow;
		return;
	}
	csr_builder_add_id(c->b, c->row, (uint32_t)id, 1);
}

int
tf_add_vocab(struct textfeat *t, struct csr_builder *b, uint32_t row,
    const char *text, size_t len, struct strmap *vocab, int grow)
{
	struct add_ctx c = { t, b, row, vocab, grow, 0 };

	tf_terms(t, text, len, add_vocab, &c);
	return c.full ? -1 : 0;
}

void
tfidf_fit(const struct csr *X, double *idf)
{
	size_t j, p;
	double n = (double)X->nrows;

	memset(idf, 0, X->ncols * sizeof(*idf));
	for (p = 0; p < csr_nnz(X); p++)
		if (X->val[p] != 0)
			idf[X->col[p]]++;
	for (j = 0; j < X->ncols; j++)
		idf[j] = log((1 + n) / (1 + idf[j])) + 1;
}

void
tfidf_apply(struct csr *X, const double *idf, int l2)
{
	size_t p;

	for (p = 0; p < csr_nnz(X); p++)
		X->val[p] *= idf[X->col[p]];
	if (l2)
		csr_normalize_rows(X, 2);
}
