/*
 * pie.c: crm-plot pie: slices largest first from 12 o'clock clockwise,
 * the smallest gathered into "other" past --max-slices, the share
 * written in each slice wide enough and in the legend.  A negative
 * value is a bad row; rows with the same label add up.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "input.h"

#include "plot.h"

struct slice {
	const char *name;
	double v;
	size_t rank;
};

static int
slice_cmp(const void *a, const void *b)
{
	const struct slice *x = a, *y = b;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Read and sum the slices; returns how many (n >= 0). */
static size_t
pie_read(const struct opts *o, struct crm_input *in, struct cats *c,
    struct slice **out)
{
	long cx = input_col(in, o->x, INPUT_NEED);
	long cy = input_col(in, o->y.names[0], INPUT_NEED);
	const struct csv_row *row;
	const char *p;
	size_t len, id, i, cap = 0, n = 0;
	double v, *sum = NULL;
	struct slice *s;

	while (input_next(in, &row)) {
		if (input_num(in, row, cy, &v) != 0)
			continue;
		if (v < 0) {
			input_bad(in, row, cy,
			    "negative (a pie shows shares "
			    "of a whole)");
			continue;
		}
		p = input_str(row, cx, &len);
		id = plot_cats_add(c, p, len);
		if (id >= n) {
			sum = xgrow(sum, &cap, id + 1, sizeof(*sum));
			memset(sum + n, 0, (id + 1 - n) * sizeof(*sum));
			n = id + 1;
		}
		sum[id] += v;
	}
	plot_cats_finish(c);
	s = xcalloc(n + 1, sizeof(*s));
	for (i = 0; i < n; i++) {
		s[i].name = c->name[c->rank[i]];
		s[i].v = sum[i];
		s[i].rank = c->rank[i];
	}
	free(sum);
	qsort(s, n, sizeof(*s), slice_cmp);
	*out = s;
	return n;
}

/* A point on the circle at the share t of a turn from 12 o'clock. */
static void
pie_pt(struct strbuf *b, double cx, double cy, double r, double t)
{
	plot_buf_num(b, cx + r * sin(2 * M_PI * t));
	sb_str(b, " ");
	plot_buf_num(b, cy - r * cos(2 * M_PI * t));
}

static void
pie_draw(struct frame *f, const struct slice *s, size_t n, double total,
    double cx, double cy, double r)
{
	struct strbuf *b = &f->out;
	double t = 0, share;
	size_t i;
	char lab[64], num[48];

	for (i = 0; i < n; i++, t += share) {
		share = s[i].v / total;
		if (share >= 1 - 1e-12) {
			sb_str(b, "<circle cx=\"");
			plot_buf_num(b, cx);
			sb_str(b, "\" cy=\"");
			plot_buf_num(b, cy);
			sb_str(b, "\" r=\"");
			plot_buf_num(b, r);
			sb_printf(
			    b, "\" fill=\"%s\"/>\n", plot_colour(i));
		} else if (share > 0) {
			sb_str(b, "<path d=\"M");
			pie_pt(b, cx, cy, 0, 0);
			sb_str(b, " L");
			pie_pt(b, cx, cy, r, t);
			sb_str(b, " A");
			plot_buf_num(b, r);
			sb_str(b, " ");
			plot_buf_num(b, r);
			sb_printf(b, " 0 %d 1 ", share > 0.5);
			pie_pt(b, cx, cy, r, t + share);
			sb_printf(b,
			    " Z\" fill=\"%s\" stroke=\"#fff\"><title>",
			    plot_colour(i));
			plot_buf_esc(b, s[i].name, strlen(s[i].name));
			sb_printf(b, ": %s</title></path>\n",
			    plot_value(num, s[i].v));
		}
		if (share * 2 * M_PI * r * 0.65 < 34 || share < 0.04)
			continue;
		snprintf(lab, sizeof(lab), "%.0f%%", share * 100);
		plot_svg_text(b,
		    cx + 0.68 * r * sin(2 * M_PI * (t + share / 2)),
		    cy - 0.68 * r * cos(2 * M_PI * (t + share / 2)) + 4,
		    "middle",
		    i % 8 == 6 || i % 8 == 1 || i % 8 == 4
			? "font-size=\"12\" font-weight=\"bold\""
			: "font-size=\"12\" font-weight=\"bold\" fill=\"#fff\"",
		    lab, strlen(lab));
	}
}

int
plot_pie(const struct opts *o)
{
	struct crm_input *in;
	struct cats c;
	struct slice *s;
	struct frame f;
	size_t n, i, k;
	double total = 0, lw, r;
	char **names, tb[256], num[48], pc[48];
	const char *colours[101], *title;

	if ((in = plot_open(o)) == NULL)
		return 0;
	plot_cats_init(&c);
	n = pie_read(o, in, &c, &s);
	input_close(in);
	for (i = 0; i < n; i++)
		total += s[i].v;
	if (n > (size_t)o->max_slices) {
		for (i = (size_t)o->max_slices; i < n; i++)
			s[o->max_slices - 1].v += s[i].v;
		s[o->max_slices - 1].name = "other";
		n = (size_t)o->max_slices;
	}
	if (!(total > 0)) {
		plot_nodata(o, n ? "every value is zero" : "no rows");
		free(s);
		plot_cats_free(&c);
		return 0;
	}
	names = xcalloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++) {
		plot_thousands(pc, s[i].v / total * 100, 1);
		k = strlen(s[i].name) + 100;
		names[i] = xmalloc(k);
		snprintf(names[i], k, "%s  %s%%  (%s)", s[i].name, pc,
		    plot_value(num, s[i].v));
		colours[i] = plot_colour(i);
	}
	plot_frame(&f, o);
	title = plot_title(o, tb, sizeof(tb));
	lw = plot_legendw(NULL, (const char *const *)names, n);
	f.top = 40;
	f.bottom = f.h - 16;
	r = fmin((f.bottom - f.top) / 2, (f.w - lw - 60) / 2);
	if (r < 20)
		r = 20;
	f.left = fmax(20, (f.w - (2 * r + 30 + lw)) / 2);
	f.right = f.left + 2 * r + 16;
	plot_svg_begin(&f, title);
	pie_draw(&f, s, n, total, f.left + r, (f.top + f.bottom) / 2, r);
	plot_svg_legend(&f, NULL, (const char *const *)names, n, colours,
	    0);
	plot_frame_title(&f, title, NULL);
	plot_svg_end(&f);
	plot_write(o, &f);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(s);
	plot_cats_free(&c);
	return 0;
}
