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
#include "strbuf.h"

#include "answer.h"

#define EVAL_K	10

struct asker {
	const struct opts *o;
	struct kb	*kb;
	struct engine	*e;
	struct worker	*w;
	struct hit	 hits[64];
};

static void
asker_open(struct asker *s, const struct opts *o)
{
	struct engine_params p = { o->w_latin, o->w_cjk, o->phrasings };

	s->o = o;
	s->kb = kb_load(o->model);
	s->e = engine_new(s->kb, &p);
	s->w = worker_new(s->e);
}

static void
asker_close(struct asker *s)
{
	worker_free(s->w);
	engine_free(s->e);
	kb_free(s->kb);
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

/* The output rows of one question. */
static void
put_answers(struct asker *s, struct csv_writer *w, const struct csv_row *row,
    size_t n)
{
	int fb = n == 0 || s->hits[0].score < s->o->min_score;
	size_t i;

	if (s->o->top == 0) {
		csv_put_row(w, row);
		put_hit(w, s->kb, n > 0 ? &s->hits[0] : NULL, !fb,
		    engine_cjk(s->w));
		csv_put_int(w, fb);
		csv_end_row(w);
		return;
	}
	for (i = 0; i < n || (i == 0 && n == 0); i++) {
		csv_put_row(w, row);
		if (n == 0)
			csv_put(w, "", 0);
		else
			csv_put_int(w, (long long)i + 1);
		put_hit(w, s->kb, n > 0 ? &s->hits[i] : NULL, 1,
		    engine_cjk(s->w));
		csv_put_int(w, fb);
		csv_end_row(w);
	}
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
		n = engine_ask(s->w, line, len, 1, s->hits);
		if (n == 0 || s->hits[0].score < s->o->min_score)
			printf("(no answer found: a person will reply)\n");
		else
			printf("%s\n", kb_reply(s->kb, s->hits[0].q,
			    engine_cjk(s->w)));
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
	const char *t;
	size_t len, n;
	long col;

	asker_open(&s, o);
	if (o->nfiles == 0 && o->com.output == NULL && isatty(0)) {
		chat(&s);
		asker_close(&s);
		return 0;
	}
	if ((in = input_open(&o->com, o->files, o->nfiles)) == NULL) {
		asker_close(&s);
		return 0;
	}
	col = input_role(in, ROLE_TEXT, INPUT_NEED);
	col_check_new(input_reader(in), o->prefix, o->top ? tnames : names);
	w = crm_open_output(&o->com);
	csv_put_row(w, csv_header(input_reader(in)));
	put_names(w, o, o->top ? tnames : names);
	csv_end_row(w);
	while (input_next(in, &row)) {
		t = input_str(row, col, &len);
		n = engine_ask(s.w, t, len, o->top ? (size_t)o->top : 1,
		    s.hits);
		put_answers(&s, w, row, n);
	}
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

int
answer_eval(const struct opts *o)
{
	struct esum es[3];
	const struct csv_row *row;
	struct crm_input *in;
	struct asker s;
	const char *t, *x;
	size_t len, xlen, n, i, a;
	long col, cx, rank;
	int fb;

	memset(es, 0, sizeof(es));
	asker_open(&s, o);
	if ((in = input_open(&o->com, o->files, o->nfiles)) != NULL) {
		col = input_role(in, ROLE_TEXT, INPUT_NEED);
		cx = input_col(in, o->expected, INPUT_NEED);
		while (input_next(in, &row)) {
			if (input_key(in, row, cx, &x, &xlen) != 0)
				continue;
			t = input_str(row, col, &len);
			n = engine_ask(s.w, t, len, EVAL_K, s.hits);
			a = strmap_find(s.kb->ids, x, xlen);
			for (rank = -1, i = 0; i < n && rank < 0; i++)
				if (s.hits[i].ans == a)
					rank = (long)i;
			fb = n == 0 || s.hits[0].score < o->min_score;
			esum_add(&es[0], rank, fb);
			esum_add(&es[engine_cjk(s.w) >= 0.5 ? 1 : 2], rank, fb);
		}
		input_close(in);
	}
	eval_write(o, es);
	asker_close(&s);
	return 0;
}
