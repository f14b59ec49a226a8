/*
 * test_ml_search.c: BM25 and TF-IDF postings (ml/search.h) against hand
 * computation and scikit-learn 1.2.1's TfidfVectorizer; the normal form
 * of ml/textnorm.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "ml/search.h"
#include "ml/sparse.h"
#include "ml/textnorm.h"
#include "t.h"

/* docs x terms counts from rows of (term, count) pairs, -1 ending a row */
static struct csr *
counts(const int *v, size_t nrows, size_t ncols)
{
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	struct csr *m;
	size_t r = 0;

	for (; r < nrows; v++) {
		if (*v < 0) {
			r++;
			continue;
		}
		csr_builder_add_id(b, (uint32_t)r, (uint32_t)v[0], v[1]);
		v++;
	}
	m = csr_builder_finish(b, nrows, ncols, 0);
	csr_builder_free(b);
	return m;
}

/*
 * "refund my order", "track my order", "change my address", "cancel
 * order" (terms 0 refund, 1 my, 2 order, 3 track, 4 change, 5 address,
 * 6 cancel); the question "refund order cancel".  By hand: idf(df 1) =
 * ln(1 + 3.5 / 1.5), idf(df 3) = ln(1 + 1.5 / 3.5); the question scores
 * (i1 + i3) 2.2 / (1 + 1.2 (0.25 + 0.75 L / 2.75)) against a phrasing of
 * length L with two of its terms, over (2 i1 + i3) times that for L 3:
 * 0.659029142 ("cancel order"), 0.564507034 ("refund my order").
 */
static void
t_bm25(void)
{
	static const int v[] = { 0, 1, 1, 1, 2, 1, -1, 3, 1, 1, 1, 2, 1, -1,
	    4, 1, 1, 1, 5, 1, -1, 6, 1, 2, 1, -1 };
	struct csr *c = counts(v, 4, 7);
	struct search_index *s = search_bm25(c, 1.2, 0.75);
	uint32_t term[3] = { 0, 2, 6 };
	double qtf[3] = { 1, 1, 1 }, qw[3], acc[4] = { 0, 0, 0, 0 };

	csr_free(c);
	CHECK(fabs(search_idf(s, 0, 1) - log(1 + 3.5 / 1.5)) < 1e-15);
	CHECK(fabs(search_idf(s, 1, 1) - log(1 + 1.5 / 3.5)) < 1e-15);
	search_query_bm25(s, term, qtf, 3, qw);
	search_accumulate(s, term, qw, 3, acc);
	CHECK(fabs(acc[3] - 0.6590291420128217) < 1e-12);
	CHECK(fabs(acc[0] - 0.5645070339950465) < 1e-12);
	CHECK(fabs(acc[1] - acc[0] * log(1 + 1.5 / 3.5) /
	    (log(1 + 3.5 / 1.5) + log(1 + 1.5 / 3.5))) < 1e-12);
	CHECK(acc[2] == 0);
	/* an unknown term lowers every score (it counts in the norm) */
	term[2] = 99;
	memset(acc, 0, sizeof(acc));
	search_query_bm25(s, term, qtf, 3, qw);
	search_accumulate(s, term, qw, 3, acc);
	CHECK(acc[0] < 0.5645 && acc[0] > 0);
	search_free(s);
}

/*
 * Documents {a, a, b} and {b}, the question {a}: scikit-learn's
 * TfidfVectorizer (smooth idf, l2, no sublinear tf) gives 0.94215562
 * and 0; 2 idf(a) / sqrt(4 idf(a)^2 + 1), idf(a) = ln(3 / 2) + 1.
 */
static void
t_tfidf(void)
{
	static const int v[] = { 0, 2, 1, 1, -1, 1, 1, -1 };
	struct csr *c = counts(v, 2, 2);
	struct search_index *s = search_tfidf(c, 0);
	uint32_t term[2] = { 0, 7 };
	double qtf[2] = { 1, 3 }, qw[2], acc[2] = { 0, 0 }, ia;

	csr_free(c);
	ia = log(1.5) + 1;
	search_query_tfidf(s, term, qtf, 2, qw);
	CHECK(qw[0] == 1 && qw[1] == 0);	/* unknown terms: no weight */
	search_accumulate(s, term, qw, 2, acc);
	CHECK(fabs(acc[0] - 2 * ia / sqrt(4 * ia * ia + 1)) < 1e-15);
	CHECK(fabs(acc[0] - 0.9421556246632359) < 1e-15);
	CHECK(acc[1] == 0);
	search_free(s);
}

/*
 * Term weights (the CJK bigrams of crm-answer): the 4-phrasing base of
 * t_bm25, the question "refund order cancel" with "cancel" weighing 0.5:
 * against "cancel order" (i1 / 2 + i3) s(2) over (1.5 i1 + i3) s(3),
 * s(L) = 2.2 / (1 + 1.2 (0.25 + 0.75 L / 2.75)) (1.125581, 0.964143):
 * 0.517508; against "refund my order" (i1 + i3) s(3) over the same:
 * 0.721642 (both by hand, and to 1e-12 from the formula); a phrasing
 * equal to a weighted question still scores 1; weights of 1 change
 * nothing.
 */
static void
t_weights(void)
{
	static const int v[] = { 0, 1, 1, 1, 2, 1, -1, 3, 1, 1, 1, 2, 1, -1,
	    4, 1, 1, 1, 5, 1, -1, 6, 1, 2, 1, -1 };
	static const int v2[] = { 0, 2, 1, 1, -1, 1, 1, -1 };
	struct csr *c = counts(v, 4, 7);
	struct search_index *s = search_bm25(c, 1.2, 0.75);
	uint32_t term[3] = { 0, 2, 6 }, t2[2] = { 0, 1 };
	double qtf[3] = { 1, 1, 1 }, tw[3] = { 1, 1, 0.5 }, one[3] = { 1, 1, 1 };
	double qw[3], q1[3], acc[4] = { 0, 0, 0, 0 };
	double i1 = log(1 + 3.5 / 1.5), i3 = log(1 + 1.5 / 3.5);
	double sat3 = 2.2 / (1 + 1.2 * (0.25 + 0.75 * 3 / 2.75)), sat2;
	double ia, ib, d0, q;

	csr_free(c);
	sat2 = 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 2.75));
	search_query_bm25w(s, term, qtf, tw, 3, qw);
	search_accumulate(s, term, qw, 3, acc);
	CHECK(fabs(acc[3] - (0.5 * i1 + i3) * sat2 / ((1.5 * i1 + i3) *
	    sat3)) < 1e-12);
	CHECK(fabs(acc[0] - (i1 + i3) * sat3 / ((1.5 * i1 + i3) * sat3)) <
	    1e-12);
	CHECK(fabs(acc[0] - 0.721642) < 1e-6 && fabs(acc[3] - 0.517508) <
	    1e-6);
	search_query_bm25w(s, term, qtf, one, 3, q1);
	search_query_bm25(s, term, qtf, 3, qw);
	CHECK(q1[0] == qw[0] && q1[1] == qw[1] && q1[2] == qw[2]);
	/* "cancel order" asked with "cancel" at 0.5 still scores 1 */
	memset(acc, 0, sizeof(acc));
	search_query_bm25w(s, term + 1, qtf, tw + 1, 2, qw);
	search_accumulate(s, term + 1, qw, 2, acc);
	CHECK(fabs(acc[3] - 1) < 1e-12);
	search_free(s);

	/*
	 * TF-IDF: documents {a, a, b}, {b}; term b weighs 0.5 on both sides.
	 * The question {a, b}: qv = (ia, ib / 2) / norm, d0 = (2 ia, ib / 2)
	 * / norm; d1 = (0, ib / 2) / (ib / 2) = (0, 1).
	 */
	c = counts(v2, 2, 2);
	s = search_tfidfw(c, 0, tw + 1);
	csr_free(c);
	ia = log(1.5) + 1;
	ib = 1;
	memset(acc, 0, sizeof(acc));
	search_query_tfidfw(s, t2, qtf, tw + 1, 2, qw);
	search_accumulate(s, t2, qw, 2, acc);
	q = sqrt(ia * ia + 0.25 * ib * ib);
	d0 = sqrt(4 * ia * ia + 0.25 * ib * ib);
	CHECK(fabs(acc[0] - (2 * ia * ia + 0.25 * ib * ib) / (q * d0)) <
	    1e-12);
	CHECK(fabs(acc[1] - 0.5 * ib / q) < 1e-12);
	search_free(s);
}

static void
t_textnorm(void)
{
	static const char s2[] = "  Don\xe2\x80\x99t  SHIP!! iPhone手机  ";
	struct textnorm *n = textnorm_new();
	struct strbuf b = STRBUF_INIT;
	size_t len;

	len = textnorm(n, "請問，ＡＰＰ怎麼退款？", strlen("請問，ＡＰＰ怎麼退款？"),
	    &b);
	CHECK_STR(b.p, len, "请问 app 怎么退款");
	len = textnorm(n, s2, strlen(s2), &b);
	CHECK_STR(b.p, len, "don't ship iphone 手机");
	len = textnorm(n, "?!", 2, &b);
	CHECK(len == 0 && b.p[0] == '\0');
	CHECK(text_simplified_cp(0x9322) == 0x94B1);	/* 錢 钱 */
	CHECK(text_simplified_cp(0x94B1) == 0x94B1);
	CHECK(text_simplified_cp('a') == 'a');
	sb_free(&b);
	textnorm_free(n);
}

int
main(void)
{
	RUN(t_bm25);
	RUN(t_tfidf);
	RUN(t_weights);
	RUN(t_textnorm);
	T_EXIT();
}
