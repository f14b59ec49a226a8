/*
 * apply.c: crm-segment apply -m FILE: the segments of a saved model
 * (kmeans: the nearest centre after the saved transforms; rfm: the
 * saved score edges and map) appended to each row.  A pure map, one
 * row at a time, so that shards of the input give the same rows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "input.h"
#include "model.h"
#include "ml/kmeans.h"
#include "ml/mfile.h"

#include "segment.h"

static void
kmeans_apply(const struct opts *o, const struct model *m, const char *path,
    struct crm_input *in)
{
	static const char *const cols[] = { "segment", "distance", NULL };
	struct feat f;
	struct csv_writer *w;
	const struct csv_row *row;
	double k, *C, *x, d2;
	size_t nc;
	uint32_t c;

	feat_load(&f, m, path, in);
	if (model_get_double(m, "kmeans.k", &k) != 0 || !(k >= 1) ||
	    k > 1e6 || (C = mfile_get_array(m, "kmeans.centres", &nc)) ==
	    NULL || nc != (size_t)k * f.p)
		crm_errx(2, "%s: corrupted model (kmeans centres)", path);
	x = xcalloc(f.p, sizeof(*x));
	w = crm_open_output(&o->com);
	seg_header(o, in, w, cols);
	while (input_next(in, &row)) {
		if (feat_row(&f, in, row, x) != 0)
			continue;
		c = kmeans_assign(C, (size_t)k, f.p, x, &d2);
		csv_put_row(w, row);
		csv_put_int(w, c);
		csv_put_num(w, sqrt(d2));
		csv_end_row(w);
	}
	crm_close_output(w);
	free(C);
	free(x);
	feat_free(&f);
}

int
seg_apply(const struct opts *o)
{
	struct model *m;
	struct crm_input *in;
	char err[512];
	const char *algo;

	if ((m = model_load(o->model, "crm-segment", err, sizeof(err))) ==
	    NULL)
		crm_errx(2, "%s", err);
	algo = model_algorithm(m);
	if (strcmp(algo, "kmeans") != 0 && strcmp(algo, "rfm") != 0)
		crm_errx(2, "%s: a %s model cannot be applied (kmeans or rfm)",
		    o->model, algo);
	if ((in = input_open(&o->com, o->files, o->nfiles)) != NULL) {
		if (strcmp(algo, "kmeans") == 0)
			kmeans_apply(o, m, o->model, in);
		else
			rfm_apply(o, m, o->model, in);
		input_close(in);
	}
	model_free(m);
	return 0;
}
