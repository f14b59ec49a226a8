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

int
sent_score(const struct sent_opts *o)
{
	static const char *const names[] = { "sentiment_score", "sentiment",
	    NULL };
	struct lexicon *lex = load_lexicon(o);
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);
	struct csv_writer *w;
	struct scorer *sc;
	const struct csv_row *row;
	const char *p;
	size_t len;
	long col;
	double c;

	if (in == NULL) {
		lex_free(lex);
		return 0;
	}
	col = input_role(in, ROLE_TEXT, INPUT_NEED);
	w = crm_open_output(&o->com);
	put_header(o, in, w, names);
	sc = scorer_new(lex);
	while (input_next(in, &row)) {
		if ((p = row_text(in, row, col, &len)) == NULL)
			continue;
		c = scorer_score(sc, p, len);
		csv_put_row(w, row);
		csv_put_fixed(w, c, 4);
		csv_put_str(w, score_label(c));
		if (csv_end_row(w) < 0)
			crm_err(1, "%s", csv_writer_path(w));
	}
	crm_close_output(w);
	input_close(in);
	scorer_free(sc);
	lex_free(lex);
	return 0;
}

int
sent_predict(const struct sent_opts *o)
{
	static const char *const names[] = { "sentiment_probability",
	    "sentiment", NULL };
	struct smodel *m = smodel_load_or_die(o->model);
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);
	struct sm_doc *d;
	struct csv_writer *w;
	const struct csv_row *row;
	const char *p;
	size_t len, k;
	long col;
	double prob;

	if (in == NULL) {
		smodel_free(m);
		return 0;
	}
	col = input_role(in, ROLE_TEXT, INPUT_NEED);
	w = crm_open_output(&o->com);
	put_header(o, in, w, names);
	d = sm_doc_new(m);
	while (input_next(in, &row)) {
		if ((p = row_text(in, row, col, &len)) == NULL)
			continue;
		csv_put_row(w, row);
		if (sent_blank(p, len)) {
			csv_put(w, "", 0);
			csv_put_str(w, "neutral");
		} else {
			k = smodel_predict(m, d, p, len, &prob);
			csv_put_num(w, prob);
			csv_put_str(w, smodel_class(m, k));
		}
		if (csv_end_row(w) < 0)
			crm_err(1, "%s", csv_writer_path(w));
	}
	crm_close_output(w);
	input_close(in);
	sm_doc_free(d);
	smodel_free(m);
	return 0;
}
