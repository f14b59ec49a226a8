/*
 * ask.c: crm-answer ask (a pure map: each row with its answer appended,
 * or a chat on a terminal) and eval (accuracy@1, recall@5, MRR@10 and
 * the fallback rate against an expected answer id).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "par.h"
#include "strbuf.h"

#include "answer.h"

#define EVAL_K	10
#define BATCH	2048	/* questions answered at a time, on the threads */
#define GRAIN	64	/* questions a thread takes at least */

/*
 * A batch of input rows kept for answering on the threads: each row's
 * fields as offsets into one buffer (the reader's rows are borrowed),
 * then its answers.
 */
struct batch {
	struct strbuf	 buf;
	size_t		*fp, *fl;	/* field offsets and lengths */
	size_t		 nf, fcap;
	size_t		 nrows, ncols, k;
	long		 text, key;	/* the question's column, eval's id */
	struct hit	*hits;		/* BATCH * k */
	size_t		 nhits[BATCH];
	double		 cjk[BATCH];
};

struct asker {
	const struct opts *o;
	struct kb	*kb;
	struct engine	*e;
	struct worker	**w;		/* one per thread */
	int		 nthreads;
	struct batch	 b;
};

static void
asker_open(struct asker *s, const struct opts *o, size_t k)
{
	struct engine_params p = { o->w_latin, o->w_cjk, o->w_bigram,
	    o->phrasings };
	int i;

	memset(s, 0, sizeof(*s));
	s->o = o;
	s->kb = kb_load(o->model);
	s->e = engine_new(s->kb, &p);
	s->nthreads = crm_nthreads(&o->com);
	s->w = xcalloc((size_t)s->nthreads, sizeof(*s->w));
	for (i = 0; i < s->nthreads; i++)
		s->w[i] = worker_new(s->e);
	s->b.k = k;
	s->b.hits = xcalloc(BATCH * k, sizeof(*s->b.hits));
}

static void
asker_close(struct asker *s)
{
	int i;

	for (i = 0; i < s->nthreads; i++)
		worker_free(s->w[i]);
	free(s->w);
	free(s->b.hits);
	free(s->b.fp);
	free(s->b.fl);
	sb_free(&s->b.buf);
	engine_free(s->e);
	kb_free(s->kb);
}

/* Keep a row (all its fields) in the batch. */
static void
batch_add(struct batch *b, const struct csv_row *row)
{
	size_t i, n = csv_nfields(row), len, cap = b->fcap;
	const char *p;

	b->fp = xgrow(b->fp, &b->fcap, b->nf + n, sizeof(*b->fp));
	if (b->fcap != cap)
		b->fl = xreallocarray(b->fl, b->fcap, sizeof(*b->fl));
	for (i = 0; i < n; i++) {
		p = csv_field(row, i, &len);
		b->fp[b->nf] = b->buf.len;
		b->fl[b->nf++] = len;
		sb_add(&b->buf, p, len);
	}
	b->ncols = n;
	b->nrows++;
}

static const char *
batch_field(const struct batch *b, size_t r, size_t c, size_t *len)
{
	size_t f = r * b->ncols + c;

	*len = b->fl[f];
	return b->buf.p + b->fp[f];
}

static void
batch_clear(struct batch *b)
{
	b->nrows = b->nf = b->buf.len = 0;
}

/* Answer rows lo..hi of the batch on thread t. */
static void
batch_run(void *arg, size_t lo, size_t hi, int t)
{
	struct asker *s = arg;
	struct batch *b = &s->b;
	const char *p;
	size_t r, len;

	for (r = lo; r < hi; r++) {
		p = batch_field(b, r, (size_t)b->text, &len);
		b->nhits[r] = engine_ask(s->w[t], p, len, b->k,
		    b->hits + r * b->k);
		b->cjk[r] = engine_cjk(s->w[t]);
	}
}

static void
batch_answer(struct asker *s)
{
	par_for_grain(s->b.nrows, s->nthreads, GRAIN, batch_run, s);
}

/* The appended columns' names, with the prefix. */
static void
put_names(struct csv_writer *w, const struct opts *o,
    const char *const *names)
{
	struct strbuf b = STRBUF_INIT;
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		b.len = 0;
		if (o->prefix != NULL)
			sb_str(&b, o->prefix);
		sb_str(&b, names[i]);
		csv_put(w, b.p, b.len);
	}
	sb_free(&b);
}

/* One candidate: id, answer (empty when hidden), score, question. */
static void
put_hit(struct csv_writer *w, const struct kb *kb, const struct hit *h,
    int show, double cjk)
{
	size_t len;
	const char *id;

	if (h == NULL) {
		csv_put(w, "", 0);
		csv_put(w, "", 0);
		csv_put_fixed(w, 0, 6);
		csv_put(w, "", 0);
		return;
	}
	id = strmap_key(kb->ids, h->ans, &len);
	csv_put(w, id, len);
	csv_put_str(w, show ? kb_reply(kb, h->q, cjk) : "");
	csv_put_fixed(w, h->score, 6);
	csv_put_str(w, kb->question[h->q]);
}

/* The input fields of row r of the batch. */
static void
put_fields(struct csv_writer *w, const struct batch *b, size_t r)
{
	const char *p;
	size_t c, len;

	for (c = 0; c < b->ncols; c++) {
		p = batch_field(b, r, c, &len);
		csv_put(w, p, len);
	}
}

/* The output rows of question r of the batch. */
static void
put_answers(struct asker *s, struct csv_writer *w, size_t r)
{
	const struct batch *b = &s->b;
	const struct hit *h = b->hits + r * b->k;
	size_t i, n = b->nhits[r];
	int fb = n == 0 || h[0].score < s->o->min_score;

	if (s->o->top == 0) {
		put_fields(w, b, r);
		put_hit(w, s->kb, n > 0 ? &h[0] : NULL, !fb, b->cjk[r]);
		csv_put_int(w, fb);
		csv_end_row(w);
		return;
	}
	for (i = 0; i < n || (i == 0 && n == 0); i++) {
		put_fields(w, b, r);
		if (n == 0)
			csv_put(w, "", 0);
		else
			csv_put_int(w, (long long)i + 1);
		put_hit(w, s->kb, n > 0 ? &h[i] : NULL, 1, b->cjk[r]);
		csv_put_int(w, fb);
		csv_end_row(w);
	}
}

static void
flush_answers(struct asker *s, struct csv_writer *w)
{
	size_t r;

	batch_answer(s);
	for (r = 0; r < s->b.nrows; r++)
		put_answers(s, w, r);
	batch_clear(&s->b);
}

/*
 * The chat: a prompt on standard error, a question a line, its answer
 * (or the fallback's message) on standard output at once.
 */
static int
chat(struct asker *s)
{
	char *line = NULL;
	size_t cap = 0, n, len;
	ssize_t got;

	for (;;) {
		crm_ttyline("> ", 0);
		if ((got = getline(&line, &cap, stdin)) == -1)
			break;
		len = (size_t)got;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue;
		n = engine_ask(s->w[0], line, len, 1, s->b.hits);
		if (n == 0 || s->b.hits[0].score < s->o->min_score)
			printf("(no answer found: a person will reply)\n");
		else
			printf("%s\n", kb_reply(s->kb, s->b.hits[0].q,
			    engine_cjk(s->w[0])));
		if (fflush(stdout) == EOF)
			crm_err(1, "<stdout>");
	}
	crm_ttyline("", 0);
	free(line);
	return 0;
}

int
answer_ask(const struct opts *o)
{
	static const char *const names[] = { "answer_id", "answer", "score",
	    "matched_question", "fallback", NULL };
	static const char *const tnames[] = { "rank", "answer_id", "answer",
	    "score", "matched_question", "fallback", NULL };
	const struct csv_row *row;
	struct crm_input *in;
	struct csv_writer *w;
	struct asker s;

	asker_open(&s, o, o->top ? (size_t)o->top : 1);
	if (o->nfiles == 0 && o->com.output == NULL && isatty(0)) {
		chat(&s);
		asker_close(&s);
		return 0;
	}
	if ((in = input_open(&o->com, o->files, o->nfiles)) == NULL) {
		asker_close(&s);
		return 0;
	}
	s.b.text = input_role(in, ROLE_TEXT, INPUT_NEED);
	col_check_new(input_reader(in), o->prefix, o->top ? tnames : names);
	w = crm_open_output(&o->com);
	csv_put_row(w, csv_header(input_reader(in)));
	put_names(w, o, o->top ? tnames : names);
	csv_end_row(w);
	while (input_next(in, &row)) {
		batch_add(&s.b, row);
		if (s.b.nrows == BATCH)
			flush_answers(&s, w);
	}
	flush_answers(&s, w);
	crm_close_output(w);
	input_close(in);
	asker_close(&s);
	return 0;
}

/* Sums of eval: all, CJK questions, the others. */
struct esum {
	size_t	 n;
	double	 acc1, rec5, mrr, fb;
};

static void
esum_add(struct esum *e, long rank, int fb)
{
	e->n++;
	e->acc1 += rank == 0;
	e->rec5 += rank >= 0 && rank < 5;
	e->mrr += rank >= 0 && rank < EVAL_K ? 1.0 / (double)(rank + 1) : 0;
	e->fb += fb;
}

static void
esum_put(struct csv_writer *w, const char *name, const struct esum *e,
    double min)
{
	double n = e->n > 0 ? (double)e->n : 1;

	csv_put_str(w, name);
	csv_put_int(w, (long long)e->n);
	csv_put_fixed(w, e->acc1 / n, 4);
	csv_put_fixed(w, e->rec5 / n, 4);
	csv_put_fixed(w, e->mrr / n, 4);
	csv_put_fixed(w, e->fb / n, 4);
	csv_put_num(w, min);
	csv_end_row(w);
}

static void
eval_write(const struct opts *o, const struct esum es[3])
{
	static const char *const hdr[] = { "group", "queries",
	    "accuracy_at_1", "recall_at_5", "mrr_at_10", "fallback_rate",
	    "min_score", NULL };
	struct csv_writer *w = crm_open_output(&o->com);
	size_t i;

	for (i = 0; hdr[i] != NULL; i++)
		csv_put_str(w, hdr[i]);
	csv_end_row(w);
	esum_put(w, "all", &es[0], o->min_score);
	if (es[1].n > 0)
		esum_put(w, "cjk", &es[1], o->min_score);
	if (es[2].n > 0)
		esum_put(w, "other", &es[2], o->min_score);
	crm_close_output(w);
}

/* Add the batch's questions to the sums, in input order. */
static void
eval_batch(struct asker *s, struct esum es[3])
{
	const struct batch *b = &s->b;
	const struct hit *h;
	const char *x;
	size_t r, i, a, xlen;
	long rank;
	int fb;

	batch_answer(s);
	for (r = 0; r < b->nrows; r++) {
		h = b->hits + r * b->k;
		x = batch_field(b, r, (size_t)b->key, &xlen);
		a = strmap_find(s->kb->ids, x, xlen);
		for (rank = -1, i = 0; i < b->nhits[r] && rank < 0; i++)
			if (h[i].ans == a)
				rank = (long)i;
		fb = b->nhits[r] == 0 || h[0].score < s->o->min_score;
		esum_add(&es[0], rank, fb);
		esum_add(&es[b->cjk[r] >= 0.5 ? 1 : 2], rank, fb);
	}
	batch_clear(&s->b);
}

int
answer_eval(const struct opts *o)
{
	struct esum es[3];
	const struct csv_row *row;
	struct crm_input *in;
	struct asker s;
	const char *x;
	size_t xlen;

	memset(es, 0, sizeof(es));
	asker_open(&s, o, EVAL_K);
	if ((in = input_open(&o->com, o->files, o->nfiles)) != NULL) {
		s.b.text = input_role(in, ROLE_TEXT, INPUT_NEED);
		s.b.key = input_col(in, o->expected, INPUT_NEED);
		while (input_next(in, &row)) {
			if (input_key(in, row, s.b.key, &x, &xlen) != 0)
				continue;
			batch_add(&s.b, row);
			if (s.b.nrows == BATCH)
				eval_batch(&s, es);
		}
		eval_batch(&s, es);
		input_close(in);
	}
	eval_write(o, es);
	asker_close(&s);
	return 0;
}
