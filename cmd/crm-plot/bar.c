/*
 * bar.c: crm-plot bar: one bar per category, grouped side by side or
 * stacked with --by; rows with the same category (and group) add up,
 * and without -y each row counts one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "input.h"

#include "plot.h"

struct bars {
	struct cats x, g;
	double *v; /* v[xrank * ng + grank] */
	size_t nx, ng;
	double lo, hi; /* of the value axis */
	double *el, *eh; /* --low, --high of each category (NaN: none) */
};

/* One category's rectangle from value a to value b. */
static void
bar_rect(struct strbuf *b, const struct axis *ya, double x, double w, double a,
    double v, const char *colour, const char *tip)
{
	double y0 = plot_axis_map(ya, a), y1 = plot_axis_map(ya, a + v);

	plot_rect(b, x, y0 < y1 ? y0 : y1, w, fabs(y1 - y0));
	sb_printf(b, " fill=\"%s\"><title>", colour);
	plot_buf_esc(b, tip, strlen(tip));
	sb_str(b, "</title></rect>\n");
}

/* Read the rows into the categories and their sums. */
static int
bar_read(const struct opts *o, struct crm_input *in, struct bars *s)
{
	long cx = input_col(in, o->x, INPUT_NEED);
	long cy = o->y.n ? input_col(in, o->y.names[0], INPUT_NEED) : -1;
	long cb = o->by ? input_col(in, o->by, INPUT_NEED) : -1;
	long cl = o->low ? input_col(in, o->low, INPUT_NEED) : -1;
	long ch = o->high ? input_col(in, o->high, INPUT_NEED) : -1;
	const struct csv_row *row;
	const char *p;
	size_t len, n = 0, cap = 0, i;
	struct {
		size_t x, g;
		double v, el, eh;
	} *t = NULL;
	double v, el = NAN, eh = NAN;

	while (input_next(in, &row)) {
		v = 1;
		if (cy >= 0 && input_num(in, row, cy, &v) != 0)
			continue;
		if (cl >= 0 && (input_num(in, row, cl, &el) != 0 ||
		    input_num(in, row, ch, &eh) != 0))
			continue;
		if (o->logy && !(v > 0)) {
			input_bad(in, row, cy, "not positive (log axis)");
			continue;
		}
		t = xgrow(t, &cap, n + 1, sizeof(*t));
		p = input_str(row, cx, &len);
		t[n].x = plot_cats_add(&s->x, p, len);
		p = input_str(row, cb, &len);
		t[n].g = cb >= 0 ? plot_cats_add(&s->g, p, len) : 0;
		t[n].el = el;
		t[n].eh = eh;
		t[n++].v = v;
	}
	plot_cats_finish(&s->x);
	plot_cats_finish(&s->g);
	s->nx = s->x.n;
	s->ng = cb >= 0 ? s->g.n : 1;
	s->v = xcalloc(s->nx * s->ng + 1, sizeof(double));
	s->el = xcalloc(s->nx + 1, sizeof(double));
	s->eh = xcalloc(s->nx + 1, sizeof(double));
	for (i = 0; i < n; i++) {
		s->v[s->x.rank[t[i].x] * s->ng +
		    (cb >= 0 ? s->g.rank[t[i].g] : 0)] += t[i].v;
		/* the interval of a category: its last row's */
		s->el[s->x.rank[t[i].x]] = t[i].el;
		s->eh[s->x.rank[t[i].x]] = t[i].eh;
	}
	free(t);
	return s->nx > 0;
}

/* The value range: stacks add their positive and negative parts. */
static void
bar_range(const struct opts *o, struct bars *s)
{
	size_t i, j;
	double pos, neg, v;

	s->lo = o->logy ? INFINITY : 0;
	s->hi = o->logy ? -INFINITY : 0;
	for (i = 0; i < s->nx; i++) {
		pos = neg = 0;
		for (j = 0; j < s->ng; j++) {
			v = s->v[i * s->ng + j];
			if (o->stacked)
				*(v >= 0 ? &pos : &neg) += v;
			else {
				pos = fmax(pos, v);
				neg = fmin(neg, v);
			}
			if (o->logy && v > 0)
				s->lo = fmin(s->lo, v);
		}
		s->hi = fmax(s->hi, pos);
		if (!o->logy)
			s->lo = fmin(s->lo, neg);
		if (o->low) {
			s->lo = fmin(s->lo, fmin(s->el[i], s->eh[i]));
			s->hi = fmax(s->hi, fmax(s->el[i], s->eh[i]));
		}
	}
	if (o->logy && !(s->lo <= s->hi))
		s->lo = s->hi = 1;
}

/* The interval lo..hi of a bar as a whisker with caps, at x. */
static void
whisker(struct strbuf *b, const struct axis *ya, double x, double cap,
    double lo, double hi)
{
	double y0 = plot_axis_map(ya, lo), y1 = plot_axis_map(ya, hi);

	sb_str(b, "<path d=\"M");
	plot_buf_num(b, x);
	sb_str(b, " ");
	plot_buf_num(b, y0);
	sb_str(b, "V");
	plot_buf_num(b, y1);
	sb_str(b, "M");
	plot_buf_num(b, x - cap);
	sb_str(b, " ");
	plot_buf_num(b, y1);
	sb_str(b, "H");
	plot_buf_num(b, x + cap);
	sb_str(b, "M");
	plot_buf_num(b, x - cap);
	sb_str(b, " ");
	plot_buf_num(b, y0);
	sb_str(b, "H");
	plot_buf_num(b, x + cap);
	sb_str(b, "\" fill=\"none\" stroke=\"#222\" "
	    "stroke-width=\"1.5\"/>\n");
}

static void
bar_draw(const struct opts *o, struct frame *f, const struct bars *s,
    const struct axis *xa, const struct axis *ya)
{
	double bw = plot_axis_bandw(xa), inner = bw * 0.78, x, w, pos, neg, v,
	       a;
	size_t i, j;
	char tip[512], num[48], n1[48], n2[48];

	for (i = 0; i < s->nx; i++) {
		x = plot_axis_map(xa, (double)i) - inner / 2;
		w = o->stacked || s->ng == 1 ? inner : inner / (double)s->ng;
		pos = neg = 0;
		for (j = 0; j < s->ng; j++) {
			v = s->v[i * s->ng + j];
			a = o->logy ? ya->lo : 0;
			if (o->stacked) {
				a = v >= 0 ? pos : neg;
				*(v >= 0 ? &pos : &neg) += v;
			}
			if (o->logy && v <= 0)
				continue;
			snprintf(tip, sizeof(tip), "%s%s%s: %s", s->x.name[i],
			    s->ng > 1 ? ", " : "",
			    s->ng > 1 ? s->g.name[j] : "", plot_value(num, v));
			if (o->low)
				snprintf(tip + strlen(tip), sizeof(tip) -
				    strlen(tip), " (%s to %s)",
				    plot_value(n1, s->el[i]),
				    plot_value(n2, s->eh[i]));
			bar_rect(&f->out, ya,
			    x + (o->stacked ? 0 : w * (double)j), w, a,
			    o->logy ? v - a : v, plot_colour(j), tip);
		}
		if (o->low) {	/* the whisker takes the label's place */
			whisker(&f->out, ya, plot_axis_map(xa, (double)i),
			    inner / 8, s->el[i], s->eh[i]);
			continue;
		}
		plot_value(num, s->v[i]);
		if (s->ng == 1 && !o->logy &&
		    plot_textw(num, strlen(num), FONT_SMALL) < bw)
			plot_svg_text(&f->out, plot_axis_map(xa, (double)i),
			    plot_axis_map(ya, s->v[i]) +
				(s->v[i] < 0 ? 13 : -4),
			    "middle", "font-size=\"11\"", num, strlen(num));
	}
}

int
plot_bar(const struct opts *o)
{
	struct crm_input *in;
	struct bars s;
	struct axis xa, ya;
	struct frame f;
	char tb[256], yl[256];
	const char *colours[64];
	size_t j;
	double lw;

	if ((in = plot_open(o)) == NULL)
		return 0;
	memset(&s, 0, sizeof(s));
	plot_cats_init(&s.x);
	plot_cats_init(&s.g);
	if (!bar_read(o, in, &s)) {
		input_close(in);
		plot_cats_free(&s.x);
		plot_cats_free(&s.g);
		free(s.v);
		free(s.el);
		free(s.eh);
		return plot_nodata(o, "no rows");
	}
	input_close(in);
	bar_range(o, &s);
	memset(&xa, 0, sizeof(xa));
	memset(&ya, 0, sizeof(ya));
	xa.kind = AXIS_BAND;
	xa.nband = s.nx;
	xa.band = s.x.name;
	ya.kind = o->logy ? AXIS_LOG : AXIS_LINEAR;
	/* on a log axis the smallest bar keeps a height */
	ya.lo = o->logy ? s.lo / 2 : s.lo;
	ya.hi = s.hi;
	ya.nice = 1;
	ya.integer = o->y.n == 0;
	ya.pct = plot_pct(o->y.n ? o->y.names[0] : NULL, s.lo, s.hi);
	plot_frame(&f, o);
	lw = o->by ? plot_legendw(o->by, s.g.name, s.ng) : 0;
	plot_frame_layout(&f, o, &xa, &ya, lw);
	plot_svg_begin(&f, plot_title(o, tb, sizeof(tb)));
	snprintf(yl, sizeof(yl), "%s", o->y.n ? o->y.names[0] : "rows");
	plot_frame_axes(&f, &xa, &ya, o->xlabel ? o->xlabel : o->x,
	    o->ylabel ? o->ylabel : yl);
	bar_draw(o, &f, &s, &xa, &ya);
	for (j = 0; j < s.ng && j < 64; j++)
		colours[j] = plot_colour(j);
	if (o->by)
		plot_svg_legend(
		    &f, o->by, s.g.name, s.ng < 64 ? s.ng : 64, colours, 0);
	plot_frame_title(&f, plot_title(o, tb, sizeof(tb)), NULL);
	plot_svg_end(&f);
	plot_write(o, &f);
	plot_cats_free(&s.x);
	plot_cats_free(&s.g);
	free(s.v);
	free(s.el);
	free(s.eh);
	return 0;
}
