/*
 * data.c: the interactions of crm-recommend's input (customer, item,
 * optional --weight and date columns) read through the typed input,
 * and the customers x items matrix built from them.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "ml/sparse.h"

#include "rec.h"

void
rec_data_init(struct rec_data *d)
{
	memset(d, 0, sizeof(*d));
	d->custs = strmap_new();
	d->items = strmap_new();
}

void
rec_data_free(struct rec_data *d)
{
	strmap_free(d->custs);
	strmap_free(d->items);
	free(d->cust);
	free(d->item);
	free(d->w);
	free(d->t);
	memset(d, 0, sizeof(*d));
}

static void
push(struct rec_data *d, uint32_t c, uint32_t i, double w, double t)
{
	size_t cap = d->cap;

	if (d->n == d->cap) {
		d->cust = xgrow(d->cust, &cap, d->n + 1, sizeof(*d->cust));
		cap = d->cap;
		d->item = xgrow(d->item, &cap, d->n + 1, sizeof(*d->item));
		cap = d->cap;
		d->w = xgrow(d->w, &cap, d->n + 1, sizeof(*d->w));
		cap = d->cap;
		d->t = xgrow(d->t, &cap, d->n + 1, sizeof(*d->t));
		d->cap = cap;
	}
	d->cust[d->n] = c;
	d->item[d->n] = i;
	d->w[d->n] = w;
	d->t[d->n] = t;
	d->n++;
}

int
rec_read(const struct rec_opts *o, char *const *files, size_t nfiles,
    struct rec_data *d, int want_time)
{
	struct crm_input *in;
	const struct csv_row *row;
	const char *p, *q;
	size_t plen, qlen;
	long cc, ci, cw = -1, cd = -1;
	double w = 1;
	int64_t day;

	if ((in = input_open(&o->com, files, nfiles)) == NULL)
		return -1;
	cc = input_role(in, ROLE_CUSTOMER, INPUT_NEED);
	ci = input_role(in, ROLE_ITEM, INPUT_NEED);
	if (o->weight != NULL)
		cw = input_col(in, o->weight, INPUT_NEED);
	if (want_time)
		cd = input_role(in, ROLE_DATE, INPUT_WANT);
	d->has_time = cd >= 0;
	while (input_next(in, &row) == 1) {
		if (input_key(in, row, cc, &p, &plen) != 0 ||
		    input_key(in, row, ci, &q, &qlen) != 0)
			continue;
		if (cw >= 0) {
			if (input_num(in, row, cw, &w) != 0)
				continue;
			if (w < 0) {
				input_bad(in, row, cw, "negative weight");
				continue;
			}
		}
		day = (int64_t)d->n;
		if (cd >= 0 && input_day(in, row, cd, &day) != 0)
			continue;
		push(d, (uint32_t)input_intern(d->custs, p, plen, NULL,
		    "customers"), (uint32_t)input_intern(d->items, q, qlen,
		    NULL, "items"), w, (double)day);
	}
	input_close(in);
	return 0;
}

struct csr *
rec_matrix(const struct rec_opts *o, const struct rec_data *d,
    const unsigned char *keep)
{
	struct csr_builder *b = csr_builder_new(NULL, NULL);
	struct csr *X;
	size_t i;

	for (i = 0; i < d->n; i++)
		if (keep == NULL || keep[i])
			csr_builder_add_id(b, d->cust[i], d->item[i], d->w[i]);
	X = csr_builder_finish(b, strmap_count(d->custs),
	    strmap_count(d->items), 0);
	csr_builder_free(b);
	if (o->weight == NULL)
		for (i = 0; i < csr_nnz(X); i++)
			X->val[i] = 1;
	return X;
}
