/*
 * content.c: content-based recommendations from item attributes
 * (--items FILE, its --text columns): each item's terms through the
 * shared tokenizer (words, and character n-grams for Chinese and
 * Japanese text) into a vocabulary, TF-IDF with unit rows (textfeat.h);
 * a customer's profile is the weighted mean of their items' vectors and
 * an item's score its dot product with the profile.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "strbuf.h"
#include "ml/sparse.h"
#include "ml/textfeat.h"

#include "rec.h"

struct csr *
content_read(const struct rec_opts *o, struct strmap *items)
{
	struct crm_common com = o->com;
	struct crm_input *in;
	const struct csv_row *row;
	struct csr_builder *b;
	struct strmap *vocab = strmap_new();
	struct textfeat *tf;
	struct tf_opts to;
	struct strbuf sb = STRBUF_INIT;
	struct csr *C;
	const char *p;
	size_t i, len;
	long ci, *ct;
	char *files[1];

	com.reject = NULL;
	com.skip_bad = 0;
	files[0] = (char *)o->items;
	if ((in = input_open(&com, files, 1)) == NULL) {
		strmap_free(vocab);
		return NULL;
	}
	ci = input_role(in, ROLE_ITEM, INPUT_NEED);
	ct = xcalloc(o->text.n + 1, sizeof(*ct));
	for (i = 0; i < o->text.n; i++)
		ct[i] = input_col(in, o->text.names[i], INPUT_NEED);
	if (o->text.n == 0)
		ct[0] = input_role(in, ROLE_TEXT, INPUT_NEED);
	tf_defaults(&to);
	to.bigrams = 0;
	tf = tf_new(&to);
	b = csr_builder_new(NULL, NULL);
	while (input_next(in, &row) == 1) {
		if (input_key(in, row, ci, &p, &len) != 0)
			continue;
		i = input_intern(items, p, len, NULL, "items");
		sb.len = 0;
		for (size_t k = 0; k < (o->text.n > 0 ? o->text.n : 1); k++) {
			p = input_str(row, ct[k], &len);
			sb_add(&sb, " ", 1);
			sb_add(&sb, p, len);
		}
		if (tf_add_vocab(tf, b, (uint32_t)i, sb.p, sb.len, vocab, 1))
			crm_errx(1, "%s: too many distinct terms", o->items);
	}
	input_close(in);
	C = csr_builder_finish(b, strmap_count(items), strmap_count(vocab), 0);
	csr_builder_free(b);
	tf_free(tf);
	sb_free(&sb);
	free(ct);
	strmap_free(vocab);
	return C;
}

void
content_fit(struct rec_model *m)
{
	double *idf;

	if (m->C == NULL)
		crm_errx(2, "--algo content needs --items FILE");
	if (m->C->nrows < m->nitems) {
		/* items of the interactions after the file's last row */
		struct csr *C = csr_new(m->nitems, m->C->ncols, csr_nnz(m->C));
		size_t i;

		memcpy(C->col, m->C->col, csr_nnz(m->C) * sizeof(*C->col));
		memcpy(C->val, m->C->val, csr_nnz(m->C) * sizeof(*C->val));
		for (i = 0; i <= m->nitems; i++)
			C->rowptr[i] = m->C->rowptr[i <= m->C->nrows ? i :
			    m->C->nrows];
		csr_free(m->C);
		m->C = C;
	}
	m->nterms = m->C->ncols;
	idf = xcalloc(m->nterms + 1, sizeof(*idf));
	tfidf_fit(m->C, idf);
	tfidf_apply(m->C, idf, 1);
	free(idf);
	m->CT = csr_transpose(m->C);
}

void
content_score(const struct rec_model *m, struct rec_ws *w, size_t u,
    double *out)
{
	const struct csr *X = m->X, *C = m->C, *CT = m->CT;
	size_t p, q, nt = 0, i;
	double x, sum = 0, v;
	uint32_t t;

	memset(out, 0, m->nitems * sizeof(*out));
	for (p = X->rowptr[u]; p < X->rowptr[u + 1]; p++) {
		i = X->col[p];
		x = X->val[p];
		sum += x;
		for (q = C->rowptr[i]; q < C->rowptr[i + 1]; q++) {
			t = C->col[q];
			if (w->tvec[t] == 0)
				w->tlist[nt++] = t;
			w->tvec[t] += x * C->val[q];
		}
	}
	for (p = 0; p < nt; p++) {
		t = w->tlist[p];
		v = sum > 0 ? w->tvec[t] / sum : 0;
		w->tvec[t] = 0;
		for (q = CT->rowptr[t]; q < CT->rowptr[t + 1]; q++)
			out[CT->col[q]] += v * CT->val[q];
	}
}
