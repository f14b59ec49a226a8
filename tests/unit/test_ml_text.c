/*
 * test_ml_text.c: the terms of a document, signed hashing, and TF-IDF
 * against scikit-learn 1.2.1's TfidfVectorizer(smooth_idf=True,
 * norm="l2") fed the same terms.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "ml/sparse.h"
#include "ml/textfeat.h"
#include "t.h"

static const char *const docs[4] = {
	"The cat sat on the mat", "The dog sat", "cat and dog",
	"不太好 cat"
};

struct terms {
	char	 buf[512];
	size_t	 len;
};

static void
collect(const char *p, size_t len, void *arg)
{
	struct terms *t = arg;

	memcpy(t->buf + t->len, p, len);
	t->len += len;
	t->buf[t->len++] = '|';
	t->buf[t->len] = '\0';
}

static void
t_terms(void)
{
	struct tf_opts o;
	struct textfeat *tf;
	struct terms t = { "", 0 };

	tf_defaults(&o);
	tf = tf_new(&o);
	CHECK(tf_terms(tf, docs[0], strlen(docs[0]), collect, &t) == 11);
	CHECK(strcmp(t.buf, "the|cat|the cat|sat|cat sat|on|sat on|the|"
	    "on the|mat|the mat|") == 0);
	t.len = 0;
	CHECK(tf_terms(tf, docs[3], strlen(docs[3]), collect, &t) == 6);
	CHECK(strcmp(t.buf, "不|不太|太|太好|好|cat|") == 0);
	tf_free(tf);
	o.bigrams = 0;
	tf = tf_new(&o);
	t.len = 0;
	CHECK(tf_terms(tf, "Don’t STOP", 12, collect, &t) == 2);
	CHECK(strcmp(t.buf, "don't|stop|") == 0);
	tf_free(tf);
}

static void
t_hashing(void)
{
	struct tf_opts o;
	struct textfeat *tf;
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	struct csr *m;
	uint64_t h = hash_bytes("the", 3, 0);
	double s, want;
	uint32_t col;
	size_t p;
	int found = 0;

	tf_defaults(&o);
	o.bits = 10;
	tf = tf_new(&o);
	col = tf_bucket(tf, "the", 3, &s);
	CHECK(col == (h & 1023) && s == ((h >> 63) ? -1 : 1));
	tf_add_hashed(tf, b, 0, docs[0], strlen(docs[0]));
	m = csr_builder_finish(b, 1, 1024, 0);
	CHECK(m->ncols == 1024 && m->nrows == 1);
	/* "the" twice: its bucket holds 2 s (plus any colliding term) */
	for (p = 0; p < csr_nnz(m); p++) {
		double sum = 0;
		const char *const all[] = { "the", "cat", "the cat", "sat",
		    "cat sat", "on", "sat on", "on the", "mat", "the mat" };
		size_t k;

		if (m->col[p] != col)
			continue;
		found = 1;
		for (k = 0; k < 10; k++) {
			double sk;

			if (tf_bucket(tf, all[k], strlen(all[k]), &sk) == col)
				sum += (k == 0 ? 2 : 1) * sk;
		}
		want = sum;
		CHECK(m->val[p] == want);
	}
	CHECK(found);
	csr_free(m);
	tf_free(tf);
	csr_builder_free(b);
}

static const struct {
	int	 row;
	const char *term;
	double	 v;
} sk[] = {
	{ 0, "cat", 0.19683561200088137 },
	{ 0, "cat sat", 0.30838102246853105 },
	{ 0, "mat", 0.30838102246853105 },
	{ 0, "on", 0.30838102246853105 },
	{ 0, "on the", 0.30838102246853105 },
	{ 0, "sat", 0.24313114021740687 },
	{ 0, "sat on", 0.30838102246853105 },
	{ 0, "the", 0.48626228043481373 },
	{ 0, "the cat", 0.30838102246853105 },
	{ 0, "the mat", 0.30838102246853105 },
	{ 1, "dog", 0.40104274646999599 },
	{ 1, "dog sat", 0.50867187189356522 },
	{ 1, "sat", 0.40104274646999599 },
	{ 1, "the", 0.40104274646999599 },
	{ 1, "the dog", 0.50867187189356522 },
	{ 2, "and", 0.4981971092712959 },
	{ 2, "and dog", 0.4981971092712959 },
	{ 2, "cat", 0.31799276140765892 },
	{ 2, "cat and", 0.4981971092712959 },
	{ 2, "dog", 0.39278432330415769 },
	{ 3, "cat", 0.27448673838643983 },
	{ 3, "不", 0.43003651715871155 },
	{ 3, "不太", 0.43003651715871155 },
	{ 3, "太", 0.43003651715871155 },
	{ 3, "太好", 0.43003651715871155 },
	{ 3, "好", 0.43003651715871155 },
};

static void
t_tfidf_sklearn(void)
{
	struct strmap *vocab = strmap_new();
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	struct tf_opts o;
	struct textfeat *tf;
	struct csr *m;
	double *idf;
	size_t i, p, col, n = sizeof(sk) / sizeof(sk[0]), hits = 0;

	tf_defaults(&o);
	tf = tf_new(&o);
	for (i = 0; i < 4; i++)
		CHECK(tf_add_vocab(tf, b, (uint32_t)i, docs[i],
		    strlen(docs[i]), vocab, 1) == 0);
	m = csr_builder_finish(b, 4, strmap_count(vocab), 0);
	CHECK(csr_nnz(m) == n);
	idf = calloc(m->ncols, sizeof(*idf));
	tfidf_fit(m, idf);
	tfidf_apply(m, idf, 1);
	for (i = 0; i < n; i++) {
		col = strmap_find(vocab, sk[i].term, strlen(sk[i].term));
		for (p = m->rowptr[sk[i].row]; p < m->rowptr[sk[i].row + 1];
		    p++)
			if (m->col[p] == col) {
				hits++;
				CHECK(fabs(m->val[p] - sk[i].v) < 1e-15);
			}
	}
	CHECK(hits == n);
	/* apply: unseen terms are skipped, the vocabulary stays */
	CHECK(tf_add_vocab(tf, b, 0, "the zebra", 9, vocab, 0) == 0);
	csr_free(m);
	m = csr_builder_finish(b, 1, strmap_count(vocab), 0);
	CHECK(csr_nnz(m) == 1 && m->col[0] == strmap_find(vocab, "the", 3));
	csr_free(m);
	free(idf);
	tf_free(tf);
	csr_builder_free(b);
	strmap_free(vocab);
}

int
main(void)
{
	RUN(t_terms);
	RUN(t_hashing);
	RUN(t_tfidf_sklearn);
	T_EXIT();
}
