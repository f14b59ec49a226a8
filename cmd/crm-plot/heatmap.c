/*
 * heatmap.c: crm-plot heatmap: a matrix of -z values, columns -x and
 * rows -y (numbers, dates and periods in order, other text as first
 * seen), coloured on a light-to-dark blue scale (one hue: readable by
 * any colour vision and in grey), the value written in each cell it
 * fits in.  Rows with the same x and y add up; an absent cell stays
 * blank.  Made for `crm-metrics retention --long`.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "input.h"

#include "plot.h"

struct heat {
	struct cats x, y;
	double *z; /* z[yrank * nx + xrank]; NaN: none */
	double lo, hi;
	int integral;
};

/* Blues, light to dark. */
static const unsigned char ramp[5][3] = {{0xf7, 0xfb, 0xff}, {0xc6, 0xdb, 0xef},
    {0x6b, 0xae, 0xd6}, {0x21, 0x71, 0xb5}, {0x08, 0x30, 0x6b}};

static void
ramp_colour(double t, char *buf)
{
	double u;
	int k, c[3], i;

	t = t < 0 ? 0 : t > 1 ? 1 : t;
	k = t >= 1 ? 3 : (int)(t * 4);
	u = t * 4 - k;
	for (i = 0; i < 3; i++)
		c[i] =
		    (int)lround(ramp[k][i] + u * (ramp[k + 1][i] - ramp[k][i]));
	snprintf(buf, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
}

static int
heat_read(const struct opts *o, struct crm_input *in, struct heat *h)
{
	long cx = input_col(in, o->x, INPUT_NEED);
	long cy = input_col(in, o->y.names[0], INPUT_NEED);
	long cz = input_col(in, o->z, INPUT_NEED);
	const struct csv_row *row;
	const char *p;
	size_t len, n = 0, cap = 0, i, k;
	struct {
		size_t x, y;
		double z;
	} *t = NULL;
	double z;

	h->integral = 1;
	while (input_next(in, &row)) {
		if (input_num(in, row, cz, &z) != 0)
			continue;
		t = xgrow(t, &cap, n + 1, sizeof(*t));
		p = input_str(row, cx, &len);
		t[n].x = plot_cats_add(&h->x, p, len);
		p = input_str(row, cy, &len);
		t[n].y = plot_cats_add(&h->y, p, len);
		t[n++].z = z;
	}
	plot_cats_finish(&h->x);
	plot_cats_finish(&h->y);
	h->z = xcalloc(h->x.n * h->y.n + 1, sizeof(double));
	for (i = 0; i < h->x.n * h->y.n; i++)
		h->z[i] = NAN;
	for (i = 0; i < n; i++) {
		k = h->y.rank[t[i].y] * h->x.n + h->x.rank[t[i].x];
		h->z[k] = isnan(h->z[k]) ? t[i].z : h->z[k] + t[i].z;
	}
	h->lo = INFINITY;
	h->hi = -INFINITY;
	for (i = 0; i < h->x.n * h->y.n; i++)
		if (!isnan(h->z[i])) {
			h->lo = fmin(h->lo, h->z[i]);
			h->hi = fmax(h->hi, h->z[i]);
			if (h->z[i] != floor(h->z[i]))
				h->integral = 0;
		}
	free(t);
	return n > 0;
}

/* A cell's value as written in it. */
static void
cell_label(const struct heat *h, enum pct pct, double v, char *buf)
{
	int d = 2;

	if (h->integral || h->hi - h->lo >= 10)
		d = 0;
	else if (h->hi - h->lo >= 1)
		d = 1;

	if (pct == PCT_SHARE) {
		v *= 100;
		d = d > 2 ? d - 2 : 0;
	}
	plot_thousands(buf, v, d);
	if (pct != PCT_NONE)
		strcat(buf, "%");
}

static void
heat_cells(struct frame *f, const struct heat *h, const struct axis *xa,
    const struct axis *ya, enum pct pct)
{
	struct strbuf *b = &f->out;
	double cw = plot_axis_bandw(xa), ch = plot_axis_bandw(ya), t, x, y;
	size_t i, j;
	char col[8], lab[64], attr[64];
	double fs;

	for (j = 0; j < h->y.n; j++)
		for (i = 0; i < h->x.n; i++) {
			double v = h->z[j * h->x.n + i];
			if (isnan(v))
				continue;
			t = h->hi > h->lo ? (v - h->lo) / (h->hi - h->lo) : 0.5;
			ramp_colour(t, col);
			x = plot_axis_map(xa, (double)i) - cw / 2;
			y = plot_axis_map(ya, (double)j) - ch / 2;
			cell_label(h, pct, v, lab);
			plot_rect(b, x, y, cw, ch);
			sb_printf(b, " fill=\"%s\"><title>", col);
			plot_buf_esc(b, h->y.name[j], strlen(h->y.name[j]));
			sb_str(b, ", ");
			plot_buf_esc(b, h->x.name[i], strlen(h->x.name[i]));
			sb_printf(b, ": %s</title></rect>\n", lab);
			fs = plot_textw(lab, strlen(lab), 10) <= cw - 3   ? 10
			    : plot_textw(lab, strlen(lab), 8.5) <= cw - 2 ? 8.5
									  : 0;
			if (ch < 12 || fs == 0)
				continue;
			snprintf(attr, sizeof(attr), "font-size=\"%g\"%s", fs,
			    t > 0.55 ? " fill=\"#fff\"" : "");
			plot_svg_text(b, x + cw / 2, y + ch / 2 + 3.5, "middle",
			    attr, lab, strlen(lab));
		}
}

/* The colour key at the right: a column of steps and three labels. */
static void
heat_key(struct frame *f, const struct heat *h, enum pct pct)
{
	struct strbuf *b = &f->out;
	double x = f->right + 16, y0 = f->top, y1 = f->bottom, step;
	int i, n = 20;
	char col[8], lab[64];

	step = (y1 - y0) / n;
	for (i = 0; i < n; i++) {
		ramp_colour(1 - (i + 0.5) / n, col);
		plot_rect(b, x, y0 + step * i, 12, step + 0.3);
		sb_printf(b, " fill=\"%s\"/>\n", col);
	}
	cell_label(h, pct, h->hi, lab);
	plot_svg_text(
	    b, x + 16, y0 + 9, "start", "font-size=\"11\"", lab, strlen(lab));
	cell_label(h, pct, h->lo, lab);
	plot_svg_text(
	    b, x + 16, y1, "start", "font-size=\"11\"", lab, strlen(lab));
}

int
plot_heatmap(const struct opts *o)
{
	struct crm_input *in;
	struct heat h;
	struct axis xa, ya;
	struct frame f;
	char tb[256], lab[64];
	const char *title;
	enum pct pct;
	double kw;

	if ((in = plot_open(o)) == NULL)
		return 0;
	memset(&h, 0, sizeof(h));
	plot_cats_init(&h.x);
	plot_cats_init(&h.y);
	if (!heat_read(o, in, &h)) {
		input_close(in);
		plot_nodata(o, "no rows");
	} else {
		input_close(in);
		pct = plot_pct(o->z, h.lo, h.hi);
		memset(&xa, 0, sizeof(xa));
		memset(&ya, 0, sizeof(ya));
		xa.kind = ya.kind = AXIS_BAND;
		xa.nband = h.x.n;
		xa.band = h.x.name;
		ya.nband = h.y.n;
		ya.band = h.y.name;
		cell_label(&h, pct, h.hi, lab);
		kw = 34 + plot_textw(lab, strlen(lab), FONT_SMALL);
		cell_label(&h, pct, h.lo, lab);
		kw = fmax(kw, 34 + plot_textw(lab, strlen(lab), FONT_SMALL));
		plot_frame(&f, o);
		plot_frame_layout(&f, o, &xa, &ya, kw);
		ya.r0 = f.top; /* the first row on top */
		ya.r1 = f.bottom;
		if (plot_axis_bandw(&ya) < 13)
			ya.every = (size_t)ceil(13 / plot_axis_bandw(&ya));
		title = plot_title(o, tb, sizeof(tb));
		plot_svg_begin(&f, title);
		heat_cells(&f, &h, &xa, &ya, pct);
		plot_frame_axes(&f, &xa, &ya, o->xlabel ? o->xlabel : o->x,
		    o->ylabel ? o->ylabel : o->y.names[0]);
		heat_key(&f, &h, pct);
		plot_frame_title(&f, title, NULL);
		plot_svg_end(&f);
		plot_write(o, &f);
	}
	free(h.z);
	plot_cats_free(&h.x);
	plot_cats_free(&h.y);
	return 0;
}
