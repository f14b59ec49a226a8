/*
 * data.c: what the charts read: the input (with the "no data" chart
 * for an empty one) and categories in the order an axis shows them.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "input.h"
#include "num.h"

#include "plot.h"

int
plot_nodata(const struct opts *o, const char *why)
{
	struct frame f;
	char tb[256];

	plot_frame(&f, o);
	plot_svg_nodata(&f, plot_title(o, tb, sizeof(tb)), why);
	plot_write(o, &f);
	return 0;
}

struct crm_input *
plot_open(const struct opts *o)
{
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);

	if (in == NULL)
		plot_nodata(o, "the input is empty");
	return in;
}

void
plot_cats_init(struct cats *c)
{
	memset(c, 0, sizeof(*c));
	c->m = strmap_new();
}

size_t
plot_cats_add(struct cats *c, const char *p, size_t len)
{
	if (num_blank(p, len)) {
		p = "(empty)";
		len = 7;
	}
	return input_intern(c->m, p, len, NULL, "categories");
}

/* Sort key of each id, and the comparison of two ids by it. */
struct catkey {
	double v;
	size_t id;
};

static int
catkey_cmp(const void *a, const void *b)
{
	const struct catkey *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

void
plot_cats_finish(struct cats *c)
{
	struct catkey *k;
	size_t i, len;
	const char *s, *why;
	int isnum = 1, istime = 1;

	c->n = strmap_count(c->m);
	k = xcalloc(c->n ? c->n : 1, sizeof(*k));
	c->rank = xcalloc(c->n ? c->n : 1, sizeof(*c->rank));
	c->name = xcalloc(c->n ? c->n : 1, sizeof(*c->name));
	for (i = 0; i < c->n && isnum; i++) {
		s = strmap_key(c->m, i, &len);
		isnum = num_parse(s, len, &k[i].v, &why) == 0;
	}
	for (i = 0; i < c->n && !isnum && istime; i++) {
		s = strmap_key(c->m, i, &len);
		istime = plot_parse_time(s, len, &k[i].v, NULL) == 0;
	}
	c->numeric = isnum && c->n > 0;
	c->time = !isnum && istime && c->n > 0;
	for (i = 0; i < c->n; i++) {
		k[i].id = i;
		if (!c->numeric && !c->time)
			k[i].v = (double)i;
	}
	qsort(k, c->n, sizeof(*k), catkey_cmp);
	for (i = 0; i < c->n; i++) {
		c->rank[k[i].id] = i;
		c->name[i] = strmap_key(c->m, k[i].id, &len);
	}
	free(k);
}

void
plot_cats_free(struct cats *c)
{
	strmap_free(c->m);
	free(c->rank);
	free(c->name);
	memset(c, 0, sizeof(*c));
}
