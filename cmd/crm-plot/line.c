/*
 * line.c: crm-plot line: one line per -y column (or per --by group),
 * x laid out as numbers, in time (dates and period labels, with
 * calendar ticks) or as categories in the order first seen.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "input.h"
#include "num.h"

#include "plot.h"

struct pt {
	size_t x;   /* category id of the x text */
	size_t s;   /* series */
	size_t seq; /* input order */
	double xv, y;
};

struct lines {
	struct cats x, g;
	struct pt *p;
	size_t n, cap, ns;
	char **names; /* series names */
};

static int
pt_cmp(const void *a, const void *b)
{
	const struct pt *u = a, *v = b;

	if (u->s != v->s)
		return u->s < v->s ? -1 : 1;
	if (u->xv != v->xv)
		return u->xv < v->xv ? -1 : 1;
	return u->seq < v->seq ? -1 : u->seq > v->seq;
}

static void
line_read(const struct opts *o, struct crm_input *in, struct lines *l)
{
	long cx = input_col(in, o->x, INPUT_NEED);
	long cb = o->by ? input_col(in, o->by, INPUT_NEED) : -1;
	long *cy = xcalloc(o->y.n, sizeof(*cy));
	double *yv = xcalloc(o->y.n, sizeof(*yv));
	const struct csv_row *row;
	const char *p;
	size_t i, len, x, g;
	int ok;

	for (i = 0; i < o->y.n; i++)
		cy[i] = input_col(in, o->y.names[i], INPUT_NEED);
	while (input_next(in, &row)) {
		for (i = 0, ok = 1; i < o->y.n && ok; i++)
			ok = input_num(in, row, cy[i], &yv[i]) == 0;
		for (i = 0; ok && o->logy && i < o->y.n; i++)
			if (!(yv[i] > 0))
				ok = input_bad(in, row, cy[i],
					 "not positive (log axis)") == 0;
		if (!ok)
			continue;
		p = input_str(row, cx, &len);
		x = plot_cats_add(&l->x, p, len);
		p = input_str(row, cb, &len);
		g = cb >= 0 ? plot_cats_add(&l->g, p, len) : 0;
		for (i = 0; i < o->y.n; i++) {
			l->p = xgrow(l->p, &l->cap, l->n + 1, sizeof(*l->p));
			l->p[l->n].x = x;
			l->p[l->n].s = g * o->y.n + i;
			l->p[l->n].seq = l->n;
			l->p[l->n++].y = yv[i];
		}
	}
	free(cy);
	free(yv);
}

/* Series names, x values, and the points sorted by series and x. */
static void
line_prepare(const struct opts *o, struct lines *l, struct axis *xa)
{
	size_t i, j, len, ng;
	const char *s;
	double v;
	char buf[512];
	int unit;

	plot_cats_finish(&l->x);
	plot_cats_finish(&l->g);
	ng = o->by ? l->g.n : 1;
	l->ns = ng * o->y.n;
	l->names = xcalloc(l->ns + 1, sizeof(*l->names));
	for (i = 0; i < ng; i++)
		for (j = 0; j < o->y.n; j++) {
			if (o->by && o->y.n > 1)
				snprintf(buf, sizeof(buf), "%s %s",
				    strmap_key(l->g.m, i, &len), o->y.names[j]);
			else
				snprintf(buf, sizeof(buf), "%s",
				    o->by ? strmap_key(l->g.m, i, &len)
					  : o->y.names[j]);
			l->names[i * o->y.n + j] = xstrdup(buf);
		}
	xa->kind = l->x.numeric ? AXIS_LINEAR
	    : l->x.time         ? AXIS_TIME
				: AXIS_BAND;
	xa->lo = INFINITY;
	xa->hi = -INFINITY;
	for (i = 0; i < l->n; i++) {
		s = strmap_key(l->x.m, l->p[i].x, &len);
		if (xa->kind == AXIS_LINEAR)
			num_parse(s, len, &v, &s);
		else if (xa->kind == AXIS_TIME) {
			plot_parse_time(s, len, &v, &unit);
			if (unit > xa->tunit)
				xa->tunit = unit;
		} else
			v = (double)l->x.rank[l->p[i].x];
		l->p[i].xv = v;
		xa->lo = fmin(xa->lo, v);
		xa->hi = fmax(xa->hi, v);
	}
	qsort(l->p, l->n, sizeof(*l->p), pt_cmp);
	xa->nband = l->x.n;
	xa->band = l->x.name;
}

/* One vertex of a path: "M" for the first, "L" after. */
static void
vertex(struct strbuf *b, int *first, double x, double y)
{
	sb_str(b, *first ? "M" : "L");
	plot_buf_num(b, x);
	sb_str(b, " ");
	plot_buf_num(b, y);
	*first = 0;
}

/*
 * The path of points p[0..n) in pixels.  A series with more points than
 * two a pixel column keeps, of each column, its first, lowest, highest
 * and last point (in their order): the same picture, a small file.
 */
static void
line_path(struct strbuf *b, const struct pt *p, size_t n, const struct axis *xa,
    const struct axis *ya)
{
	size_t k, lo = 0, hi = 0, first = 0;
	int m = 1, thin = n > 2 * (size_t)fabs(xa->r1 - xa->r0);
	double col = 0, x, y;

	for (k = 0; k <= n; k++) {
		x = k < n ? plot_axis_map(xa, p[k].xv) : 0;
		if (!thin && k < n) {
			vertex(b, &m, x, plot_axis_map(ya, p[k].y));
			continue;
		}
		if (k < n && k > 0 && floor(x) == col) {
			y = p[k].y;
			lo = y < p[lo].y ? k : lo;
			hi = y > p[hi].y ? k : hi;
			continue;
		}
		if (k > 0 && thin) {	/* close the column first..k-1 */
			size_t v[4] = { first, lo < hi ? lo : hi,
			    lo < hi ? hi : lo, k - 1 }, i;
			for (i = 0; i < 4; i++)
				if (i == 0 || v[i] != v[i - 1])
					vertex(b, &m, plot_axis_map(xa, p[v[i]].xv),
					    plot_axis_map(ya, p[v[i]].y));
		}
		first = lo = hi = k;
		col = floor(x);
	}
}

static void
line_draw(struct frame *f, const struct lines *l, const struct axis *xa,
    const struct axis *ya)
{
	struct strbuf *b = &f->out;
	size_t i, j, k;

	for (i = 0; i < l->n; i = j) {
		for (j = i; j < l->n && l->p[j].s == l->p[i].s; j++)
			;
		sb_str(b, "<path d=\"");
		line_path(b, l->p + i, j - i, xa, ya);
		sb_printf(b,
		    "\" fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"2\" stroke-linejoin=\"round\"/>\n",
		    plot_colour(l->p[i].s));
		if (j - i > 60)
			continue;
		sb_printf(b, "<g fill=\"%s\">\n", plot_colour(l->p[i].s));
		for (k = i; k < j; k++) {
			sb_str(b, "<circle cx=\"");
			plot_buf_num(b, plot_axis_map(xa, l->p[k].xv));
			sb_str(b, "\" cy=\"");
			plot_buf_num(b, plot_axis_map(ya, l->p[k].y));
			sb_str(b, "\" r=\"3\"/>\n");
		}
		sb_str(b, "</g>\n");
	}
}

static void
line_yaxis(const struct opts *o, const struct lines *l, struct axis *ya)
{
	size_t i;

	ya->kind = o->logy ? AXIS_LOG : AXIS_LINEAR;
	ya->nice = 1;
	ya->lo = INFINITY;
	ya->hi = -INFINITY;
	for (i = 0; i < l->n; i++) {
		ya->lo = fmin(ya->lo, l->p[i].y);
		ya->hi = fmax(ya->hi, l->p[i].y);
	}
	/* from zero when zero is near enough to show the scale honestly */
	if (!o->logy && ya->lo > 0 && ya->lo < ya->hi - ya->lo)
		ya->lo = 0;
	ya->pct =
	    o->y.n == 1 ? plot_pct(o->y.names[0], ya->lo, ya->hi) : PCT_NONE;
}

int
plot_line(const struct opts *o)
{
	struct crm_input *in;
	struct lines l;
	struct axis xa, ya;
	struct frame f;
	const char *colours[64], *title;
	char tb[256];
	size_t i;

	if ((in = plot_open(o)) == NULL)
		return 0;
	memset(&l, 0, sizeof(l));
	memset(&xa, 0, sizeof(xa));
	memset(&ya, 0, sizeof(ya));
	plot_cats_init(&l.x);
	plot_cats_init(&l.g);
	line_read(o, in, &l);
	input_close(in);
	line_prepare(o, &l, &xa);
	if (l.n == 0)
		plot_nodata(o, "no rows");
	else {
		line_yaxis(o, &l, &ya);
		plot_frame(&f, o);
		plot_frame_layout(&f, o, &xa, &ya, l.ns > 1 ?
		    plot_legendw(o->by, (const char *const *)l.names, l.ns) :
		    0);
		title = plot_title(o, tb, sizeof(tb));
		plot_svg_begin(&f, title);
		plot_frame_axes(&f, &xa, &ya, o->xlabel ? o->xlabel : o->x,
		    o->ylabel         ? o->ylabel
			: o->y.n == 1 ? o->y.names[0]
				      : "");
		line_draw(&f, &l, &xa, &ya);
		for (i = 0; i < l.ns && i < 64; i++)
			colours[i] = plot_colour(i);
		if (l.ns > 1)
			plot_svg_legend(&f, o->by, (const char *const *)l.names,
			    l.ns < 64 ? l.ns : 64, colours, 1);
		plot_frame_title(&f, title, NULL);
		plot_svg_end(&f);
		plot_write(o, &f);
	}
	for (i = 0; i < l.ns; i++)
		free(l.names[i]);
	free(l.names);
	free(l.p);
	plot_cats_free(&l.x);
	plot_cats_free(&l.g);
	return 0;
}
