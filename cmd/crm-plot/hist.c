/*
 * hist.c: crm-plot hist: the one chart that computes: bins of a numeric
 * column, of --bins N equal widths or (auto) of the Freedman-Diaconis
 * width 2 IQR / n^(1/3) rounded up to 1, 2 or 5 times a power of ten,
 * so that bin edges fall on round numbers.  --log x bins the decimal
 * logarithm.  Quartiles by selection (ml/order.h), O(n): 2 M values
 * take no sort.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "input.h"
#include "ml/order.h"

#include "plot.h"

#define HIST_MAXBINS 200 /* auto: bins of 3 px at least */

struct hist {
	double *v;
	size_t n, cap;
	double min, max, start, width;
	size_t nbins;
	double *count;
};

static void
hist_bins(const struct opts *o, struct hist *h)
{
	double span = h->max - h->min, w, iqr;
	size_t i, k;

	if (o->bins > 0) {
		h->nbins = (size_t)o->bins;
		h->start = h->min;
		h->width = span > 0 ? span / o->bins : 1;
		if (!(span > 0))
			h->start -= h->width * o->bins / 2;
	} else {
		iqr = quantile_sel(h->v, h->n, 0.75) -
		    quantile_sel(h->v, h->n, 0.25);
		w = 2 * iqr / cbrt((double)h->n);
		if (!(w > 0)) /* Sturges when half the values are one */
			w = span / (ceil(log2((double)h->n)) + 1);
		if (!(w > 0))
			w = h->min != 0 ? fabs(h->min) / 10 : 1;
		w = plot_nice_up(w);
		while (span / w >= HIST_MAXBINS)
			w = plot_nice_up(w * 1.01);
		h->width = w;
		h->start = floor(h->min / w) * w;
		h->nbins = (size_t)floor((h->max - h->start) / w) + 1;
	}
	h->count = xcalloc(h->nbins, sizeof(double));
	for (i = 0; i < h->n; i++) {
		double t = floor((h->v[i] - h->start) / h->width);
		k = t < 0                   ? 0
		    : t >= (double)h->nbins ? h->nbins - 1
					    : (size_t)t;
		h->count[k]++;
	}
}

static void
hist_read(const struct opts *o, struct crm_input *in, struct hist *h)
{
	long cx = input_col(in, o->x, INPUT_NEED);
	const struct csv_row *row;
	double v;

	h->min = INFINITY;
	h->max = -INFINITY;
	while (input_next(in, &row)) {
		if (input_num(in, row, cx, &v) != 0)
			continue;
		if (o->logx) {
			if (!(v > 0)) {
				input_bad(
				    in, row, cx, "not positive (log axis)");
				continue;
			}
			v = log10(v);
		}
		if (h->n == h->cap)
			h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof(double));
		h->v[h->n++] = v;
		if (v < h->min)
			h->min = v;
		if (v > h->max)
			h->max = v;
	}
}

static void
hist_draw(struct frame *f, const struct hist *h, const struct axis *xa,
    const struct axis *ya, int logx)
{
	struct strbuf *b = &f->out;
	double x0, x1, y0, y1, e0, e1;
	size_t i;
	char l0[48], l1[48], n[48];

	sb_printf(b,
	    "<g fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.5\">\n",
	    plot_colour(0));
	for (i = 0; i < h->nbins; i++) {
		if (h->count[i] == 0)
			continue;
		e0 = h->start + h->width * (double)i;
		e1 = e0 + h->width;
		x0 = plot_axis_map(xa, logx ? pow(10, e0) : e0);
		x1 = plot_axis_map(xa, logx ? pow(10, e1) : e1);
		y0 = plot_axis_map(ya, ya->kind == AXIS_LOG ? ya->lo : 0);
		y1 = plot_axis_map(ya, h->count[i]);
		plot_rect(b, x0, y1, x1 - x0, y0 - y1);
		/* the bin on hover: [lower, upper): count */
		plot_value(l0, logx ? pow(10, e0) : e0);
		plot_value(l1, logx ? pow(10, e1) : e1);
		sb_printf(b, "><title>[%s, %s): %s</title></rect>\n", l0,
		    l1, plot_thousands(n, h->count[i], 0));
	}
	sb_str(b, "</g>\n");
}

int
plot_hist(const struct opts *o)
{
	struct crm_input *in;
	struct hist h;
	struct axis xa, ya;
	struct frame f;
	char tb[256], note[160], n1[48], n2[48];
	const char *title;
	size_t i;

	if ((in = plot_open(o)) == NULL)
		return 0;
	memset(&h, 0, sizeof(h));
	hist_read(o, in, &h);
	input_close(in);
	if (h.n == 0) {
		free(h.v);
		return plot_nodata(o, "no rows");
	}
	hist_bins(o, &h);
	memset(&xa, 0, sizeof(xa));
	memset(&ya, 0, sizeof(ya));
	xa.kind = o->logx ? AXIS_LOG : AXIS_LINEAR;
	xa.lo = o->logx ? pow(10, h.start) : h.start;
	xa.hi = o->logx ? pow(10, h.start + h.width * (double)h.nbins)
			: h.start + h.width * (double)h.nbins;
	xa.pct = plot_pct(o->x, h.min, h.max);
	ya.kind = o->logy ? AXIS_LOG : AXIS_LINEAR;
	ya.nice = 1;
	ya.integer = 1;
	ya.lo = o->logy ? 0.5 : 0;	/* a count of 1 keeps a height */
	for (i = 0; i < h.nbins; i++)
		ya.hi = fmax(ya.hi, h.count[i]);
	plot_frame(&f, o);
	plot_frame_layout(&f, o, &xa, &ya, 0);
	title = plot_title(o, tb, sizeof(tb));
	plot_svg_begin(&f, title);
	plot_frame_axes(&f, &xa, &ya, o->xlabel ? o->xlabel : o->x,
	    o->ylabel ? o->ylabel : "rows");
	hist_draw(&f, &h, &xa, &ya, o->logx);
	plot_thousands(n1, (double)h.n, 0);
	if (o->logx)
		snprintf(note, sizeof(note), "n = %s, %zu bin%s of %s decades",
		    n1, h.nbins, h.nbins == 1 ? "" : "s",
		    plot_value(n2, h.width));
	else
		snprintf(note, sizeof(note), "n = %s, %zu bin%s of width %s",
		    n1, h.nbins, h.nbins == 1 ? "" : "s",
		    plot_value(n2, h.width));
	plot_frame_title(&f, title, note);
	plot_svg_end(&f);
	plot_write(o, &f);
	free(h.v);
	free(h.count);
	return 0;
}
