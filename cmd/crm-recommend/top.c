/*
 * top.c: the subcommands top, train and similar of crm-recommend.
 *
 * top ranks items for every customer of the interactions (or those of
 * --customers FILE), or, with -m, for each row of a customers file
 * against a trained model: a pure map from rows to rows, so that shards
 * give the bytes of the whole.  Customers are scored on threads in
 * blocks and written in input order.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "par.h"
#include "strbuf.h"
#include "ml/sparse.h"

#include "rec.h"

#define BLOCK	2048

/* The customers asked for: their model index (-1: unknown) and key. */
struct queries {
	size_t		*u;
	size_t		*off, *len;
	struct strbuf	 keys;
	size_t		 n, cap;
};

static void
q_add(struct queries *q, size_t u, const char *key, size_t len)
{
	size_t cap = q->cap;

	if (q->n == q->cap) {
		q->u = xgrow(q->u, &cap, q->n + 1, sizeof(*q->u));
		cap = q->cap;
		q->off = xgrow(q->off, &cap, q->n + 1, sizeof(*q->off));
		cap = q->cap;
		q->len = xgrow(q->len, &cap, q->n + 1, sizeof(*q->len));
		q->cap = cap;
	}
	q->u[q->n] = u;
	q->off[q->n] = q->keys.len;
	q->len[q->n] = len;
	sb_add(&q->keys, key, len);
	q->n++;
}

static void
q_free(struct queries *q)
{
	free(q->u);
	free(q->off);
	free(q->len);
	sb_free(&q->keys);
}

/* Rows of customer ids (the customer column) looked up in custs. */
static int
read_customers(const struct rec_opts *o, char *const *files, size_t nfiles,
    const struct strmap *custs, struct queries *q)
{
	struct crm_input *in;
	const struct csv_row *row;
	const char *p;
	size_t len;
	long cc;

	if ((in = input_open(&o->com, files, nfiles)) == NULL)
		return -1;
	cc = input_role(in, ROLE_CUSTOMER, INPUT_NEED);
	while (input_next(in, &row) == 1)
		if (input_key(in, row, cc, &p, &len) == 0)
			q_add(q, strmap_find(custs, p, len), p, len);
	input_close(in);
	return 0;
}

struct top_job {
	const struct rec_model *m;
	const struct rec_opts *o;
	const struct queries *q;
	size_t		 base;
	struct rec_ws	**ws;
	uint32_t	*id;		/* BLOCK x n */
	double		*sc;
	size_t		*got;
};

static void
top_rows(void *arg, size_t lo, size_t hi, int th)
{
	struct top_job *jb = arg;
	size_t i, n = jb->o->n;

	for (i = lo; i < hi; i++)
		jb->got[i] = rec_top(jb->m, jb->ws[th], jb->q->u[jb->base + i],
		    n, jb->o->include_seen, jb->id + i * n, jb->sc + i * n);
}

static void
put_header(struct csv_writer *w, const struct rec_opts *o)
{
	csv_put_str(w, o->com.role[ROLE_CUSTOMER]);
	csv_put_str(w, o->com.role[ROLE_ITEM]);
	csv_put_str(w, "rank");
	csv_put_str(w, "score");
	csv_put_str(w, "cold_start");
	csv_end_row(w);
}

static void
write_top(const struct rec_opts *o, const struct rec_model *m,
    const struct strmap *items, const struct queries *q)
{
	struct csv_writer *w = crm_open_output(&o->com);
	struct top_job jb;
	size_t b, i, r, len, n = o->n;
	int t, nt = crm_nthreads(&o->com);
	const char *key;

	put_header(w, o);
	memset(&jb, 0, sizeof(jb));
	jb.m = m;
	jb.o = o;
	jb.q = q;
	jb.ws = xcalloc((size_t)nt, sizeof(*jb.ws));
	for (t = 0; t < nt && q->n > 0 && m != NULL; t++)
		jb.ws[t] = rec_ws_new(m, n);
	jb.id = xcalloc(BLOCK * n + 1, sizeof(*jb.id));
	jb.sc = xcalloc(BLOCK * n + 1, sizeof(*jb.sc));
	jb.got = xcalloc(BLOCK, sizeof(*jb.got));
	for (b = 0; m != NULL && b < q->n; b += BLOCK) {
		jb.base = b;
		par_for_grain(q->n - b < BLOCK ? q->n - b : BLOCK, nt, 16,
		    top_rows, &jb);
		for (i = 0; i < BLOCK && b + i < q->n; i++)
			for (r = 0; r < jb.got[i]; r++) {
				csv_put(w, q->keys.p + q->off[b + i],
				    q->len[b + i]);
				key = strmap_key(items, jb.id[i * n + r], &len);
				csv_put(w, key, len);
				csv_put_int(w, (long long)r + 1);
				csv_put_num(w, jb.sc[i * n + r]);
				csv_put_int(w, q->u[b + i] == (size_t)-1);
				csv_end_row(w);
			}
	}
	for (t = 0; t < nt; t++)
		rec_ws_free(jb.ws[t]);
	free(jb.ws);
	free(jb.id);
	free(jb.sc);
	free(jb.got);
	crm_close_output(w);
}

/*
 * Read the interactions of the operands and fit the model.  Returns 0,
 * -1 on completely empty input (nothing to write) or 1 on a header
 * alone (the output header alone); the model is fitted only for 0.
 */
static int
fit_input(const struct rec_opts *o, struct rec_model *m, struct rec_data *d)
{
	struct csr *C = NULL;

	rec_data_init(d);
	if (rec_read(o, o->files, o->nfiles, d, 0) != 0)
		return -1;
	if (d->n == 0)
		return 1;
	if (o->items != NULL)
		C = content_read(o, d->items);
	rec_model_init(m, o);
	m->track_loss = o->cmd == CMD_TRAIN;
	rec_fit(m, rec_matrix(o, d, NULL), C);
	return 0;
}

int
rec_cmd_top(const struct rec_opts *o)
{
	struct rec_model m;
	struct rec_data d;
	struct queries q;
	struct strmap *custs = NULL, *items = NULL;
	size_t u, len;
	int rc = 0;

	memset(&q, 0, sizeof(q));
	if (o->model != NULL) {
		rec_load(&m, o, &custs, &items, o->model);
		rc = read_customers(o, o->files, o->nfiles, custs, &q);
	} else {
		if ((rc = fit_input(o, &m, &d)) != 0) {
			if (rc == 1)
				write_top(o, NULL, NULL, &q);
			rec_data_free(&d);
			return 0;
		}
		custs = d.custs;
		items = d.items;
		if (o->customers != NULL) {
			char *f[1];

			f[0] = (char *)o->customers;
			rc = read_customers(o, f, 1, custs, &q);
		} else
			for (u = 0; u < m.ncust; u++) {
				const char *k = strmap_key(custs, u, &len);

				q_add(&q, u, k, len);
			}
	}
	if (rc == 0)
		write_top(o, &m, items, &q);
	q_free(&q);
	rec_model_free(&m);
	if (o->model != NULL) {
		strmap_free(custs);
		strmap_free(items);
	} else
		rec_data_free(&d);
	return 0;
}

int
rec_cmd_train(const struct rec_opts *o)
{
	struct rec_model m;
	struct rec_data d;

	if (fit_input(o, &m, &d) != 0) {
		rec_data_free(&d);
		crm_errx(1, "no interactions to train on");
	}
	rec_save(&m, o, d.custs, d.items, o->model);
	rec_model_free(&m);
	rec_data_free(&d);
	return 0;
}

/* similar: each item's neighbours by the --sim of item-kNN. */
int
rec_cmd_similar(const struct rec_opts *o)
{
	struct rec_opts oo = *o;
	struct rec_model m;
	struct rec_data d;
	struct csv_writer *w;
	size_t i, r, len;
	const char *k;
	int rc;

	oo.algo = ALGO_ITEMKNN;
	oo.neighbours = o->n;
	if ((rc = fit_input(&oo, &m, &d)) < 0) {
		rec_data_free(&d);
		return 0;
	}
	w = crm_open_output(&o->com);
	csv_put_str(w, o->com.role[ROLE_ITEM]);
	csv_put_str(w, "similar_item");
	csv_put_str(w, "rank");
	csv_put_str(w, "score");
	csv_end_row(w);
	for (i = 0; rc == 0 && i < m.nitems; i++)
		for (r = 0; r < m.nb_n[i]; r++) {
			k = strmap_key(d.items, i, &len);
			csv_put(w, k, len);
			k = strmap_key(d.items, m.nb_id[i * o->n + r], &len);
			csv_put(w, k, len);
			csv_put_int(w, (long long)r + 1);
			csv_put_num(w, m.nb_sim[i * o->n + r]);
			csv_end_row(w);
		}
	crm_close_output(w);
	if (rc == 0)
		rec_model_free(&m);
	rec_data_free(&d);
	return 0;
}
