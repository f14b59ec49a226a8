/*
 * kb.c: crm-answer's knowledge base: answers and their phrasings, the
 * synonyms file, the model file, and the subcommands that write it
 * (index, learn).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "model.h"
#include "strbuf.h"
#include "text.h"
#include "ml/mfile.h"
#include "ml/textnorm.h"

#include "answer.h"

struct kb *
kb_new(double k1, double b)
{
	struct kb *kb = xcalloc(1, sizeof(*kb));

	kb->ids = strmap_new();
	kb->k1 = k1;
	kb->b = b;
	return kb;
}

void
kb_free(struct kb *kb)
{
	size_t i;

	if (kb == NULL)
		return;
	for (i = 0; i < kb->nq; i++) {
		free(kb->question[i]);
		free(kb->qtext[i]);
	}
	for (i = 0; i < kb->nsyn; i++) {
		free(kb->syn_from[i]);
		free(kb->syn_to[i]);
	}
	free(kb->ans_cjk);
	free(kb->ans_other);
	free(kb->question);
	free(kb->qtext);
	free(kb->qans);
	free(kb->syn_from);
	free(kb->syn_to);
	strmap_free(kb->ids);
	free(kb);
}

size_t
kb_answer(struct kb *kb, const char *id, size_t idlen, int *isnew)
{
	size_t a, cap = kb->anscap;

	a = input_intern(kb->ids, id, idlen, isnew, "answer ids");
	if (*isnew) {
		kb->ans_cjk = xgrow(kb->ans_cjk, &kb->anscap, a + 1,
		    sizeof(*kb->ans_cjk));
		if (kb->anscap != cap)
			kb->ans_other = xreallocarray(kb->ans_other,
			    kb->anscap, sizeof(*kb->ans_other));
		kb->ans_cjk[a] = kb->ans_other[a] = "";
		kb->nans = a + 1;
	}
	return a;
}

double
kb_cjk_share(const char *p, size_t len)
{
	size_t i = 0, n, ncjk = 0, nother = 0;
	uint32_t cp;

	while (i < len) {
		if ((n = utf8_decode(p + i, len - i, &cp)) == 0)
			n = 1, cp = 0xFFFD;
		if (text_is_cjk(cp))
			ncjk++;
		else if (cp != ' ' && cp != '\t')
			nother++;
		i += n;
	}
	return ncjk + nother > 0 ? (double)ncjk / (double)(ncjk + nother) : 0;
}

void
kb_add_question(struct kb *kb, uint32_t ans, const char *q, size_t qlen,
    const char *t, size_t tlen)
{
	size_t cap = kb->qcap;
	const char **first;

	kb->question = xgrow(kb->question, &kb->qcap, kb->nq + 1,
	    sizeof(*kb->question));
	if (kb->qcap != cap) {
		kb->qans = xreallocarray(kb->qans, kb->qcap,
		    sizeof(*kb->qans));
		kb->qtext = xreallocarray(kb->qtext, kb->qcap,
		    sizeof(*kb->qtext));
	}
	kb->question[kb->nq] = xmemdup(q, qlen);
	kb->qtext[kb->nq] = xmemdup(t, tlen);
	kb->qans[kb->nq] = ans;
	first = kb_cjk_share(t, tlen) >= 0.5 ? &kb->ans_cjk[ans] :
	    &kb->ans_other[ans];
	if (tlen > 0 && (*first)[0] == '\0')
		*first = kb->qtext[kb->nq];
	kb->nq++;
}

const char *
kb_reply(const struct kb *kb, uint32_t q, double cjk)
{
	uint32_t a = kb->qans[q];

	if (kb->qtext[q][0] != '\0')
		return kb->qtext[q];
	if (cjk >= 0.5)
		return kb->ans_cjk[a][0] != '\0' ? kb->ans_cjk[a] :
		    kb->ans_other[a];
	return kb->ans_other[a][0] != '\0' ? kb->ans_other[a] : kb->ans_cjk[a];
}

/* Is term (normal form) in one of the first n synonym pairs? */
static int
kb_syn_find(const struct kb *kb, size_t n, const char *t)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(kb->syn_from[i], t) == 0 ||
		    strcmp(kb->syn_to[i], t) == 0)
			return 1;
	return 0;
}

/*
 * One line of the synonyms file: terms separated by commas when the
 * line has one, else by blanks; the first is the canonical term.
 */
static void
kb_syn_line(struct kb *kb, struct textnorm *tn, char *line,
    const char *path, unsigned long lineno)
{
	const char *sep = strchr(line, ',') != NULL ? "," : " \t";
	struct strbuf nb = STRBUF_INIT;
	char *canon = NULL, *tok, *save = NULL;
	size_t n = 0, before = kb->nsyn;

	for (tok = strtok_r(line, sep, &save); tok != NULL;
	    tok = strtok_r(NULL, sep, &save)) {
		if (textnorm(tn, tok, strlen(tok), &nb) == 0)
			continue;
		if (kb_syn_find(kb, before, nb.p))
			crm_errx(2, "%s:%lu: '%s' is in two synonym groups",
			    path, lineno, nb.p);
		if (n++ == 0) {
			canon = xstrdup(nb.p);
			continue;
		}
		if (strcmp(nb.p, canon) == 0)
			continue;
		kb->syn_from = xgrow(kb->syn_from, &kb->syncap, kb->nsyn + 1,
		    sizeof(char *));
		kb->syn_to = xreallocarray(kb->syn_to, kb->syncap,
		    sizeof(char *));
		kb->syn_from[kb->nsyn] = xstrdup(nb.p);
		kb->syn_to[kb->nsyn++] = xstrdup(canon);
	}
	if (n == 1)
		crm_errx(2, "%s:%lu: a synonym group needs two terms or more",
		    path, lineno);
	free(canon);
	sb_free(&nb);
}

void
kb_read_synonyms(struct kb *kb, const char *path)
{
	struct textnorm *tn = textnorm_new();
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		crm_err(2, "%s", path);
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		kb_syn_line(kb, tn, line, path, lineno);
	}
	if (ferror(f))
		crm_err(2, "%s", path);
	fclose(f);
	free(line);
	textnorm_free(tn);
}

void
kb_save(const struct kb *kb, const char *path)
{
	struct model_writer *w;
	const char **ids;
	double *qa;
	size_t i;

	if ((w = model_create(path, "crm-answer", "bm25-tfidf")) == NULL)
		crm_err(1, "%s", path);
	model_put_double(w, "k1", kb->k1);
	model_put_double(w, "b", kb->b);
	ids = xreallocarray(NULL, kb->nans + 1, sizeof(*ids));
	for (i = 0; i < kb->nans; i++)
		ids[i] = strmap_key(kb->ids, i, NULL);
	mfile_put_strings(w, "ids", ids, NULL, kb->nans);
	mfile_put_strings(w, "questions", (const char *const *)kb->question,
	    NULL, kb->nq);
	mfile_put_strings(w, "question_answers",
	    (const char *const *)kb->qtext, NULL, kb->nq);
	qa = xreallocarray(NULL, kb->nq + 1, sizeof(*qa));
	for (i = 0; i < kb->nq; i++)
		qa[i] = kb->qans[i];
	mfile_put_array(w, "question_answer", qa, kb->nq);
	mfile_put_strings(w, "synonym_from", (const char *const *)kb->syn_from,
	    NULL, kb->nsyn);
	mfile_put_strings(w, "synonym_to", (const char *const *)kb->syn_to,
	    NULL, kb->nsyn);
	free(ids);
	free(qa);
	if (model_close(w) != 0)
		crm_err(1, "%s", path);
}

/* A string list of the model, exactly n strings long unless n is -1. */
static struct mfile_strs *
kb_strings(const struct model *m, const char *path, const char *key,
    long n)
{
	struct mfile_strs *s;

	s = mfile_get_strings(m, key, NULL);
	if (s == NULL || (n >= 0 && s->n != (size_t)n))
		crm_errx(2, "%s: corrupted model (%s)", path, key);
	return s;
}

/* The phrasings: questions and their answers' indices. */
static void
kb_load_questions(struct kb *kb, const struct model *m, const char *path)
{
	struct mfile_strs *q = kb_strings(m, path, "questions", -1);
	struct mfile_strs *t = kb_strings(m, path, "question_answers",
	    (long)q->n);
	double *qa;
	size_t i, n;

	qa = mfile_get_array(m, "question_answer", &n);
	if ((qa == NULL && q->n > 0) || n != q->n)
		crm_errx(2, "%s: corrupted model (question_answer)", path);
	for (i = 0; i < n; i++) {
		if (!(qa[i] >= 0 && qa[i] < (double)kb->nans) ||
		    qa[i] != (double)(uint32_t)qa[i])
			crm_errx(2, "%s: corrupted model (question_answer)",
			    path);
		kb_add_question(kb, (uint32_t)qa[i], q->s[i], q->len[i],
		    t->s[i], t->len[i]);
	}
	free(qa);
	mfile_strs_free(q);
	mfile_strs_free(t);
}

struct kb *
kb_load(const char *path)
{
	struct mfile_strs *ids, *sf, *st;
	char err[512];
	struct model *m;
	struct kb *kb;
	double k1, b;
	size_t i;
	int isnew;

	if ((m = model_load(path, "crm-answer", err, sizeof(err))) == NULL)
		crm_errx(2, "%s", err);
	if (model_get_double(m, "k1", &k1) != 0 ||
	    model_get_double(m, "b", &b) != 0 || !(k1 >= 0) || !(b >= 0) ||
	    b > 1)
		crm_errx(2, "%s: corrupted model (k1, b)", path);
	kb = kb_new(k1, b);
	ids = kb_strings(m, path, "ids", -1);
	for (i = 0; i < ids->n; i++) {
		kb_answer(kb, ids->s[i], ids->len[i], &isnew);
		if (!isnew)
			crm_errx(2, "%s: corrupted model (ids)", path);
	}
	kb_load_questions(kb, m, path);
	sf = kb_strings(m, path, "synonym_from", -1);
	st = kb_strings(m, path, "synonym_to", (long)sf->n);
	kb->syn_from = xreallocarray(NULL, sf->n + 1, sizeof(char *));
	kb->syn_to = xreallocarray(NULL, sf->n + 1, sizeof(char *));
	for (i = 0; i < sf->n; i++) {
		kb->syn_from[i] = xstrdup(sf->s[i]);
		kb->syn_to[i] = xstrdup(st->s[i]);
	}
	kb->nsyn = kb->syncap = sf->n;
	mfile_strs_free(ids);
	mfile_strs_free(sf);
	mfile_strs_free(st);
	model_free(m);
	return kb;
}

/*
 * One row of the knowledge base: its id, question and answer text.
 * Rows sharing an id are phrasings of one answer; each keeps its own
 * text (a bilingual answer has one per language), and a row without
 * one replies with the answer's first text.
 */
static int
kb_row(struct kb *kb, struct crm_input *in, const struct csv_row *row,
    const long col[3])
{
	const char *id, *q, *a;
	size_t idlen, qlen, alen, k;
	int isnew;

	if (input_key(in, row, col[0], &id, &idlen) != 0)
		return -1;
	q = input_str(row, col[1], &qlen);
	a = input_str(row, col[2], &alen);
	if ((q = text_strip(q, &qlen)), qlen == 0)
		return input_bad(in, row, col[1], "empty question");
	k = kb_answer(kb, id, idlen, &isnew);
	kb_add_question(kb, (uint32_t)k, q, qlen, a, alen);
	return 0;
}

/* Build the engine once: the model is checked, and its sizes told. */
static void
kb_report(const struct kb *kb, const struct opts *o, const char *verb,
    size_t n)
{
	struct engine_params p = { o->w_latin, o->w_cjk, o->w_bigram,
	    o->phrasings };
	struct engine *e;
	size_t nw, nc;

	e = engine_new(kb, &p);
	nw = engine_nterms(e, &nc);
	if (!o->com.quiet)
		crm_warnx("%s %zu phrasings: %zu answers, %zu phrasings in "
		    "all, %zu words, %zu character n-grams", verb, n, kb->nans,
		    kb->nq, nw, nc);
	engine_free(e);
}

int
answer_index(const struct opts *o)
{
	struct kb *kb = kb_new(o->k1, o->b);
	const struct csv_row *row;
	struct crm_input *in;
	long col[3];
	size_t n = 0;

	if (o->synonyms != NULL)
		kb_read_synonyms(kb, o->synonyms);
	if ((in = input_open(&o->com, o->files, o->nfiles)) != NULL) {
		col[0] = input_col(in, o->id_col, INPUT_NEED);
		col[1] = input_col(in, o->question_col, INPUT_NEED);
		col[2] = input_col(in, o->answer_col, INPUT_NEED);
		while (input_next(in, &row))
			if (kb_row(kb, in, row, col) == 0)
				n++;
		input_close(in);
	}
	kb_report(kb, o, "indexed", n);
	kb_save(kb, o->model);
	kb_free(kb);
	return 0;
}

/*
 * learn: each feedback row (text, id) becomes a phrasing of its answer,
 * unless that answer has it already; an id the model lacks is a bad
 * row.  The model is rewritten (-o: written elsewhere).
 */
int
answer_learn(const struct opts *o)
{
	struct kb *kb = kb_load(o->model);
	struct strmap *known = strmap_new();
	struct strbuf key = STRBUF_INIT;
	const struct csv_row *row;
	struct crm_input *in;
	const char *id, *t;
	size_t i, a, idlen, tlen, added = 0, dup = 0;
	long cid, ct;
	int isnew;

	for (i = 0; i < kb->nq; i++) {
		key.len = 0;
		sb_printf(&key, "%u %s", kb->qans[i], kb->question[i]);
		strmap_intern(known, key.p, key.len, &isnew);
	}
	if ((in = input_open(&o->com, o->files, o->nfiles)) != NULL) {
		ct = input_role(in, ROLE_TEXT, INPUT_NEED);
		cid = input_col(in, o->id_col, INPUT_NEED);
		while (input_next(in, &row)) {
			if (input_key(in, row, cid, &id, &idlen) != 0)
				continue;
			if ((a = strmap_find(kb->ids, id, idlen)) == (size_t)-1) {
				input_bad(in, row, cid, "no such answer id in "
				    "the model");
				continue;
			}
			t = input_str(row, ct, &tlen);
			if ((t = text_strip(t, &tlen)), tlen == 0) {
				input_bad(in, row, ct, "empty text");
				continue;
			}
			key.len = 0;
			sb_printf(&key, "%zu ", a);
			sb_add(&key, t, tlen);
			input_intern(known, key.p, key.len, &isnew, "phrasings");
			if (!isnew) {
				dup++;
				continue;
			}
			kb_add_question(kb, (uint32_t)a, t, tlen, "", 0);
			added++;
		}
		input_close(in);
	}
	if (!o->com.quiet)
		crm_warnx("learned %zu new phrasings (%zu known already)",
		    added, dup);
	kb_save(kb, o->com.output != NULL ? o->com.output : o->model);
	sb_free(&key);
	strmap_free(known);
	kb_free(kb);
	return 0;
}
