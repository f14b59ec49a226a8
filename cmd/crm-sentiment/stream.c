/*
 * stream.c: the row-wise subcommands, score and predict: every input
 * row goes out with its fields unchanged and two columns appended.
 * A row whose text is not valid UTF-8 is a bad row; an empty text is
 * neutral.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "input.h"
#include "text.h"

#include "sentiment.h"
#include "smodel.h"

/* The appended names with --prefix; checked against the header. */
static void
put_header(const struct sent_opts *o, struct crm_input *in,
    struct csv_writer *w, const char *const *names)
{
	const struct csv_reader *r = input_reader(in);
	size_t i;
	char *s;

	col_check_new(r, o->prefix, names);
	csv_put_row(w, csv_header(r));
	for (i = 0; names[i] != NULL; i++) {
		s = xmalloc(strlen(o->prefix ? o->prefix : "") +
		    strlen(names[i]) + 1);
		strcpy(s, o->prefix ? o->prefix : "");
		strcat(s, names[i]);
		csv_put_str(w, s);
		free(s);
	}
	if (csv_end_row(w) < 0)
		crm_err(1, "%s", csv_writer_path(w));
}

/* The text of a row, or NULL after the bad-row policy took it. */
static const char *
row_text(struct crm_input *in, const struct csv_row *row, long col,
    size_t *len)
{
	const char *p = input_str(row, col, len);

	if (!utf8_valid(p, *len)) {
		input_bad(in, row, col, "invalid UTF-8");
		return NULL;
	}
	return p;
}

static struct lexicon *
load_lexicon(const struct sent_opts *o)
{
	struct lexicon *l = lex_new(!o->no_builtin);
	char err[512];
	size_t i;

	for (i = 0; i < o->nlex; i++)
		if (lex_load(l, o->lexicons[i], err, sizeof(err)) < 0) {
			lex_free(l);
			crm_errx(2, "%s", err);
		}
	return l;
}

/* What a map appends for one text. */
typedef void append_fn(void *arg, struct csv_writer *, const char *text,
    size_t len);

/*
 * The stream loop of score and predict: every good row out with the
 * columns names appended by fn.
 */
static void
map_rows(const struct sent_opts *o, const char *const *names,
    append_fn *fn, void *arg)
{
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);
	struct csv_writer *w;
	const struct csv_row *row;
	const char *p;
	size_t len;
	long col;

	if (in == NULL)
		return;
	col = input_role(in, ROLE_TEXT, INPUT_NEED);
	w = crm_open_output(&o->com);
	put_header(o, in, w, names);
	while (input_next(in, &row)) {
		if ((p = row_text(in, row, col, &len)) == NULL)
			continue;
		csv_put_row(w, row);
		fn(arg, w, p, len);
		if (csv_end_row(w) < 0)
			crm_err(1, "%s", csv_writer_path(w));
	}
	crm_close_output(w);
	input_close(in);
}

static void
append_score(void *arg, struct csv_writer *w, const char *p, size_t len)
{
	double c = scorer_score(arg, p, len);

	csv_put_fixed(w, c, 4);
	csv_put_str(w, score_label(c));
}

int
sent_score(const struct sent_opts *o)
{
	static const char *const names[] = { "sentiment_score", "sentiment",
	    NULL };
	struct lexicon *lex = load_lexicon(o);
	struct scorer *sc = scorer_new(lex);

	map_rows(o, names, append_score, sc);
	scorer_free(sc);
	lex_free(lex);
	return 0;
}

struct predict_ctx {
	const struct smodel	*m;
	struct sm_doc		*d;
};

static void
append_predict(void *arg, struct csv_writer *w, const char *p, size_t len)
{
	struct predict_ctx *c = arg;
	double prob;
	size_t k;

	if (sent_blank(p, len)) {
		csv_put(w, "", 0);
		csv_put_str(w, "neutral");
		return;
	}
	k = smodel_predict(c->m, c->d, p, len, &prob);
	csv_put_num(w, prob);
	csv_put_str(w, smodel_class(c->m, k));
}

int
sent_predict(const struct sent_opts *o)
{
	static const char *const names[] = { "sentiment_probability",
	    "sentiment", NULL };
	struct smodel *m = smodel_load_or_die(o->model);
	struct predict_ctx c = { m, sm_doc_new(m) };

	map_rows(o, names, append_predict, &c);
	sm_doc_free(c.d);
	smodel_free(m);
	return 0;
}
