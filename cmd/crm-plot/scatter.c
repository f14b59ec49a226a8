/*
 * scatter.c: crm-plot scatter: points of -x against -y, coloured by
 * --by, their area following --size.  Above --max-points a uniform
 * sample is drawn (reservoir sampling seeded by --seed: the same input
 * gives the same points), in input order, with a note; the axes still
 * span every point read.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "input.h"
#include "rng.h"

#include "plot.h"

struct spt {
	double x, y, s;
	size_t g;
	unsigned long long seq;
};

struct scatter {
	struct spt *p;
	size_t n; /* kept */
	unsigned long long seen;
	double x0, x1, y0, y1, s0, s1;
	struct cats g;
};

static int
spt_cmp(const void *a, const void *b)
{
	const struct spt *u = a, *v = b;

	return u->seq < v->seq ? -1 : u->seq > v->seq;
}

/* Parse one row's numbers; 0, or -1 when the policy took the row. */
static int
scatter_row(const struct opts *o, struct crm_input *in,
    const struct csv_row *row, const long *c, struct spt *p)
{
	if (input_num(in, row, c[0], &p->x) != 0 ||
	    input_num(in, row, c[1], &p->y) != 0)
		return -1;
	p->s = 0;
	if (c[2] >= 0 && input_num(in, row, c[2], &p->s) != 0)
		return -1;
	if (o->logx && !(p->x > 0))
		return input_bad(in, row, c[0], "not positive (log axis)");
	if (o->logy && !(p->y > 0))
		return input_bad(in, row, c[1], "not positive (log axis)");
	if (c[2] >= 0 && p->s < 0)
		return input_bad(in, row, c[2], "negative (a size)");
	return 0;
}

static void
scatter_read(const struct opts *o, struct crm_input *in, struct scatter *s)
{
	long c[4];
	const struct csv_row *row;
	struct spt p;
	struct rng rng;
	const char *t;
	size_t len;
	uint64_t j;

	c[0] = input_col(in, o->x, INPUT_NEED);
	c[1] = input_col(in, o->y.names[0], INPUT_NEED);
	c[2] = o->size ? input_col(in, o->size, INPUT_NEED) : -1;
	c[3] = o->by ? input_col(in, o->by, INPUT_NEED) : -1;
	rng_seed(&rng, o->com.seed);
	s->p = xcalloc(o->max_points, sizeof(*s->p));
	s->x0 = s->y0 = s->s0 = INFINITY;
	s->x1 = s->y1 = s->s1 = -INFINITY;
	while (input_next(in, &row)) {
		if (scatter_row(o, in, row, c, &p) != 0)
			continue;
		t = input_str(row, c[3], &len);
		p.g = c[3] >= 0 ? plot_cats_add(&s->g, t, len) : 0;
		p.seq = s->seen++;
		s->x0 = fmin(s->x0, p.x);
		s->x1 = fmax(s->x1, p.x);
		s->y0 = fmin(s->y0, p.y);
		s->y1 = fmax(s->y1, p.y);
		s->s0 = fmin(s->s0, p.s);
		s->s1 = fmax(s->s1, p.s);
		if (s->n < o->max_points)
			s->p[s->n++] = p;
		else if ((j = rng_below(&rng, s->seen)) < o->max_points)
			s->p[j] = p;
	}
	qsort(s->p, s->n, sizeof(*s->p), spt_cmp);
	plot_cats_finish(&s->g);
}

static void
scatter_draw(const struct opts *o, struct frame *f, const struct scatter *s,
    const struct axis *xa, const struct axis *ya)
{
	struct strbuf *b = &f->out;
	double alpha = o->alpha, r = s->n > 2000 ? 2 : s->n > 200 ? 3 : 4;
	size_t i, g, ng = o->by ? s->g.n : 1;

	if (alpha < 0)
		alpha = s->n > 2000 ? 0.35 : s->n > 200 ? 0.6 : 0.85;
	for (g = 0; g < ng; g++) {
		sb_printf(b, "<g fill=\"%s\" fill-opacity=\"%.2f\">\n",
		    plot_colour(g), alpha);
		for (i = 0; i < s->n; i++) {
			if (o->by && s->g.rank[s->p[i].g] != g)
				continue;
			sb_str(b, "<circle cx=\"");
			plot_buf_num(b, plot_axis_map(xa, s->p[i].x));
			sb_str(b, "\" cy=\"");
			plot_buf_num(b, plot_axis_map(ya, s->p[i].y));
			sb_str(b, "\" r=\"");
			plot_buf_num(b,
			    o->size == NULL ? r
					    : 2 +
				    10 *
					sqrt(
					    s->s1 > 0 ? s->p[i].s / s->s1 : 0));
			sb_str(b, "\"/>\n");
		}
		sb_str(b, "</g>\n");
	}
}

/* Room around the points so that none sits on the frame. */
static void
pad(struct axis *a)
{
	double d = a->kind == AXIS_LOG ? pow(a->hi / a->lo, 0.04)
				       : (a->hi - a->lo) * 0.04;

	if (a->kind == AXIS_LOG) {
		a->lo /= d;
		a->hi *= d;
	} else if (d > 0) {
		a->lo = a->lo >= 0 && a->lo - d < 0 ? 0 : a->lo - d;
		a->hi += d;
	}
}

int
plot_scatter(const struct opts *o)
{
	struct crm_input *in;
	struct scatter s;
	struct axis xa, ya;
	struct frame f;
	char tb[256], note[160], n1[48], n2[48];
	const char *title, *colours[64];
	size_t i;

	if ((in = plot_open(o)) == NULL)
		return 0;
	memset(&s, 0, sizeof(s));
	plot_cats_init(&s.g);
	scatter_read(o, in, &s);
	input_close(in);
	if (s.n > 0) {
		memset(&xa, 0, sizeof(xa));
		memset(&ya, 0, sizeof(ya));
		xa.kind = o->logx ? AXIS_LOG : AXIS_LINEAR;
		ya.kind = o->logy ? AXIS_LOG : AXIS_LINEAR;
		xa.nice = ya.nice = 1;
		xa.lo = s.x0;
		xa.hi = s.x1;
		ya.lo = s.y0;
		ya.hi = s.y1;
		pad(&xa);
		pad(&ya);
		xa.pct = plot_pct(o->x, s.x0, s.x1);
		ya.pct = plot_pct(o->y.names[0], s.y0, s.y1);
		plot_frame(&f, o);
		plot_frame_layout(
		    &f, o, &xa, &ya, o->by ? plot_legendw(o->by, s.g.name, s.g.n) : 0);
		title = plot_title(o, tb, sizeof(tb));
		plot_svg_begin(&f, title);
		plot_frame_axes(&f, &xa, &ya, o->xlabel ? o->xlabel : o->x,
		    o->ylabel ? o->ylabel : o->y.names[0]);
		scatter_draw(o, &f, &s, &xa, &ya);
		for (i = 0; i < s.g.n && i < 64; i++)
			colours[i] = plot_colour(i);
		if (o->by)
			plot_svg_legend(
			    &f, o->by, s.g.name, s.g.n < 64 ? s.g.n : 64, colours, 0);
		note[0] = '\0';
		if (s.seen > s.n)
			snprintf(note, sizeof(note),
			    "a sample of %s of %s "
			    "points (--max-points)",
			    plot_thousands(n1, (double)s.n, 0),
			    plot_thousands(n2, (double)s.seen, 0));
		plot_frame_title(&f, title, note[0] ? note : NULL);
		plot_svg_end(&f);
		plot_write(o, &f);
	} else
		plot_nodata(o, "no rows");
	free(s.p);
	plot_cats_free(&s.g);
	return 0;
}
