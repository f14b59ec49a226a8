/*
 * axis.c: scales and axes: linear ticks in 1-2-5 steps, log ticks at
 * powers of ten, calendar ticks on a time axis (days, weeks, months,
 * quarters, years), category bands; labels with thousands separators
 * and percent signs; the frame layout that leaves each label its room,
 * and the drawing of grid, axes and labels.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "text.h"

#include "plot.h"

#define BAND_LABEL_MAX 140.0 /* px: longer category labels are cut */

double
plot_axis_map(const struct axis *a, double v)
{
	double t;

	switch (a->kind) {
	case AXIS_BAND:
		return a->r0 +
		    (v + 0.5) * plot_axis_bandw(a) * (a->r1 >= a->r0 ? 1 : -1);
	case AXIS_LOG:
		if (v <= 0 || a->lo <= 0)
			return a->r0;
		t = (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo));
		break;
	default:
		t = a->hi > a->lo ? (v - a->lo) / (a->hi - a->lo) : 0.5;
	}
	return a->r0 + t * (a->r1 - a->r0);
}

double
plot_axis_bandw(const struct axis *a)
{
	return a->nband ? fabs(a->r1 - a->r0) / (double)a->nband : 0;
}

/* The label of value v on an axis of steps of step. */
static void
tick_label(const struct axis *a, double v, double step, char *buf)
{
	int d;

	if (a->pct == PCT_SHARE) {
		v *= 100;
		step *= 100;
	}
	d = step > 0 ? -(int)floor(log10(step) + 1e-9) : 0;
	if (d > 6) { /* 1.5e-07: scientific rather than a row of zeros */
		int sig =
		    v == 0 ? 1 : (int)floor(log10(fabs(v)) + 1e-9) + d + 1;
		snprintf(buf, 40, "%.*g", sig < 1 ? 1 : sig > 15 ? 15 : sig, v);
	} else
		plot_thousands(buf, v, d < 0 ? 0 : d);
	if (a->pct != PCT_NONE)
		strcat(buf, "%");
}

/* The 1-2-5 number at or above x > 0 (1, 2, 5 times a power of ten). */
double
plot_nice_up(double x)
{
	double mag = pow(10, floor(log10(x))), f = x / mag;

	if (f <= 1.0 + 1e-9)
		return mag;
	if (f <= 2.0 + 1e-9)
		return 2 * mag;
	if (f <= 5.0 + 1e-9)
		return 5 * mag;
	return 10 * mag;
}

/* The 1-2-5 step giving at most n intervals over span. */
static double
nice_step(double span, int n)
{
	return plot_nice_up(span / (n > 0 ? n : 1));
}

static void
ticks_linear(struct axis *a, int maxticks)
{
	double step, t0;
	long long i, k0, k1;

	if (!(a->hi > a->lo)) {
		double d = a->lo != 0 ? fabs(a->lo) * 0.1 : 1;
		a->lo -= d;
		a->hi += d;
	}
	step = nice_step(a->hi - a->lo, maxticks > 1 ? maxticks - 1 : 1);
	if (a->integer && step < 1)
		step = 1;
	for (;;) {
		k0 = (long long)ceil(a->lo / step - 1e-9);
		k1 = (long long)floor(a->hi / step + 1e-9);
		if (a->nice) {
			k0 = (long long)floor(a->lo / step + 1e-9);
			k1 = (long long)ceil(a->hi / step - 1e-9);
		}
		if (k1 - k0 + 1 <= maxticks && k1 - k0 + 1 <= AXIS_MAXTICKS)
			break;
		step = nice_step(step * 1.5, 1);
	}
	if (a->nice) {
		a->lo = (double)k0 * step;
		a->hi = (double)k1 * step;
	}
	a->nt = 0;
	for (i = k0; i <= k1; i++) {
		t0 = (double)i * step;
		if (fabs(t0) < step * 1e-9)
			t0 = 0;
		a->tv[a->nt] = t0;
		tick_label(a, t0, step, a->tl[a->nt]);
		a->nt++;
	}
}

static void
ticks_log(struct axis *a, int maxticks)
{
	static const double mult[] = {1, 2, 5};
	double e0, e1, v;
	int e, m, nm;

	if (a->lo <= 0)
		a->lo = a->hi > 0 ? a->hi / 10 : 1;
	if (a->hi <= a->lo)
		a->hi = a->lo * 10;
	e0 = floor(log10(a->lo) + 1e-9);
	e1 = ceil(log10(a->hi) - 1e-9);
	if (e1 <= e0)
		e1 = e0 + 1;
	if (a->nice) {
		a->lo = pow(10, e0);
		a->hi = pow(10, e1);
	}
	nm = (e1 - e0 + 1) * 3 <= maxticks ? 3 : 1;
	a->nt = 0;
	for (e = (int)e0; e <= (int)e1; e++)
		for (m = 0; m < nm; m++) {
			v = mult[m] * pow(10, e);
			if (v < a->lo * (1 - 1e-9) || v > a->hi * (1 + 1e-9) ||
			    a->nt == AXIS_MAXTICKS)
				continue;
			if (nm == 1 &&
			    (e - (int)e0) %
				    (1 +
					(int)(e1 - e0) /
					    (maxticks > 1 ? maxticks : 1)) !=
				0)
				continue;
			a->tv[a->nt] = v;
			plot_value(
			    a->tl[a->nt], a->pct == PCT_SHARE ? v * 100 : v);
			if (a->pct != PCT_NONE)
				strcat(a->tl[a->nt], "%");
			a->nt++;
		}
}

/* Calendar units for ticks: days (1 = a day, 7 = weeks from Monday) or
 * months (12 = years). */
static const struct {
	int days, months;
} tunits[] = {{1, 0}, {2, 0}, {7, 0}, {14, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 6},
    {0, 12}, {0, 24}, {0, 60}, {0, 120}, {0, 240}, {0, 600}, {0, 1200}};

/* Ticks of one calendar unit within the domain: how many, and (when
 * fill) the values and labels. */
static size_t
time_unit(struct axis *a, size_t u, int fill)
{
	int64_t d, y, m0, m;
	unsigned mo, dd;
	size_t n = 0;
	double lo = ceil(a->lo - 1e-9);

	if (tunits[u].days) {
		int k = tunits[u].days;
		d = (int64_t)lo;
		if (k >= 7) /* Mondays: day 4 (1970-01-05) is one */
			d += (((4 - d) % k) + k) % k;
		else
			d += ((-d % k) + k) % k;
		for (; d <= a->hi + 1e-9; d += k, n++)
			if (fill && n < AXIS_MAXTICKS) {
				a->tv[n] = (double)d;
				if (k >= 7 && a->tunit == PLOT_UNIT_WEEK)
					period_label(a->tl[n], PERIOD_WEEK,
					    period_index(PERIOD_WEEK, d));
				else
					date_fmt_day(a->tl[n], d);
			}
		return n;
	}
	date_civil_from_days((int64_t)lo, &y, &mo, &dd);
	m0 = y * 12 + (mo - 1) + (dd > 1);
	for (m = m0; m % tunits[u].months != 0; m++)
		;
	for (;; m += tunits[u].months, n++) {
		y = m / 12;
		d = date_days_from_civil(y, (unsigned)(m % 12) + 1, 1);
		if (d > a->hi + 1e-9)
			break;
		if (fill && n < AXIS_MAXTICKS) {
			a->tv[n] = (double)d;
			if (tunits[u].months % 12 == 0)
				snprintf(a->tl[n], sizeof(a->tl[n]), "%lld",
				    (long long)y);
			else if (tunits[u].months == 3)
				snprintf(a->tl[n], sizeof(a->tl[n]), "%lld-Q%d",
				    (long long)y, (int)(m % 12) / 3 + 1);
			else
				snprintf(a->tl[n], sizeof(a->tl[n]),
				    "%lld-%02d", (long long)y,
				    (int)(m % 12) + 1);
		}
	}
	return n;
}

static void
ticks_time(struct axis *a, int maxticks)
{
	size_t u, nu = sizeof(tunits) / sizeof(tunits[0]), n;

	if (!(a->hi > a->lo)) {
		a->lo -= 1;
		a->hi += 1;
	}
	for (u = (size_t)a->tunit; u < nu - 1; u++)
		if ((n = time_unit(a, u, 0)) <= (size_t)maxticks &&
		    n <= AXIS_MAXTICKS)
			break;
	a->nt = time_unit(a, u, 1);
	if (a->nt > AXIS_MAXTICKS)
		a->nt = AXIS_MAXTICKS;
}

void
plot_axis_ticks(struct axis *a, int maxticks)
{
	if (maxticks < 2)
		maxticks = 2;
	switch (a->kind) {
	case AXIS_LINEAR:
		ticks_linear(a, maxticks);
		break;
	case AXIS_LOG:
		ticks_log(a, maxticks);
		break;
	case AXIS_TIME:
		ticks_time(a, maxticks);
		break;
	case AXIS_BAND:
		break;
	}
}

double
plot_axis_labelw(const struct axis *a)
{
	double w = 0, t;
	size_t i;

	if (a->kind == AXIS_BAND) {
		for (i = 0; i < a->nband; i++) {
			t = plot_textw(
			    a->band[i], strlen(a->band[i]), FONT_SMALL);
			if (t > w)
				w = t;
		}
		return w > BAND_LABEL_MAX ? BAND_LABEL_MAX : w;
	}
	for (i = 0; i < a->nt; i++)
		if ((t = plot_textw(a->tl[i], strlen(a->tl[i]), FONT_SMALL)) >
		    w)
			w = t;
	return w;
}

/* x ticks for a plot width: as many as their labels have room for. */
static void
layout_x(struct axis *xa, double plotw)
{
	double lo = xa->lo, hi = xa->hi, lw, bw;
	int m;

	if (xa->kind == AXIS_BAND) {
		bw = xa->nband ? plotw / (double)xa->nband : plotw;
		lw = plot_axis_labelw(xa);
		xa->rotate = lw + 8 > bw;
		/* rotated labels stand bw * sin 45 apart: keep 14 px */
		xa->every = xa->rotate && bw < 20 ? (size_t)ceil(20 / bw) : 1;
		return;
	}
	for (m = (int)(plotw / 40); m >= 2; m--) {
		xa->lo = lo;
		xa->hi = hi;
		plot_axis_ticks(xa, m);
		lw = plot_axis_labelw(xa);
		if (xa->nt <= 1 || plotw / (double)xa->nt >= lw + 14)
			return;
	}
	xa->lo = lo;
	xa->hi = hi;
	plot_axis_ticks(xa, 2);
}

void
plot_frame_layout(struct frame *f, const struct opts *o, struct axis *xa,
    struct axis *ya, double right_extra)
{
	double ylw, xlw;
	int ylab = o->ylabel == NULL || *o->ylabel != '\0';
	int xlab = o->xlabel == NULL || *o->xlabel != '\0';

	f->top = 40;
	f->right = f->w - 24 - right_extra;
	if (ya->kind != AXIS_BAND)
		plot_axis_ticks(ya, (int)((f->h - f->top - 90) / 40) + 1);
	ylw = plot_axis_labelw(ya);
	f->left = 10 + (ylab ? 22 : 0) + ylw + 8;
	if (f->right - f->left < 40)
		f->right = f->left + 40;
	layout_x(xa, f->right - f->left);
	xlw = xa->kind == AXIS_BAND && xa->rotate
	    ? plot_axis_labelw(xa) * 0.71 + 10
	    : 16;
	f->bottom = f->h - 16 - (xlab ? 22 : 0) - xlw - 8;
	if (f->bottom - f->top < 40)
		f->bottom = f->top + 40;
	xa->r0 = f->left;
	xa->r1 = f->right;
	ya->r0 = f->bottom;
	ya->r1 = f->top;
}

static void
line_at(struct strbuf *b, double x1, double y1, double x2, double y2,
    const char *attrs)
{
	sb_str(b, "<line x1=\"");
	plot_buf_num(b, x1);
	sb_str(b, "\" y1=\"");
	plot_buf_num(b, y1);
	sb_str(b, "\" x2=\"");
	plot_buf_num(b, x2);
	sb_str(b, "\" y2=\"");
	plot_buf_num(b, y2);
	sb_printf(b, "\" %s/>\n", attrs);
}

/* Category labels of a band axis, x (below) or y (left). */
static void
band_labels(struct frame *f, const struct axis *a, int isx)
{
	size_t i, step = a->every ? a->every : 1;
	double p;
	char *s, attr[96];

	for (i = 0; i < a->nband; i += step) {
		p = plot_axis_map(a, (double)i);
		s = plot_textfit(
		    a->band[i], strlen(a->band[i]), BAND_LABEL_MAX, FONT_SMALL);
		if (!isx)
			plot_svg_text(&f->out, f->left - 6, p + 4, "end",
			    "font-size=\"11\"", s, strlen(s));
		else if (a->rotate) {
			snprintf(attr, sizeof(attr),
			    "font-size=\"11\" "
			    "transform=\"rotate(-45 %.1f %.1f)\"",
			    p + 4, f->bottom + 12);
			plot_svg_text(&f->out, p + 4, f->bottom + 12, "end",
			    attr, s, strlen(s));
		} else
			plot_svg_text(&f->out, p, f->bottom + 16, "middle",
			    "font-size=\"11\"", s, strlen(s));
		free(s);
	}
}

void
plot_frame_axes(struct frame *f, const struct axis *xa, const struct axis *ya,
    const char *xlabel, const char *ylabel)
{
	struct strbuf *b = &f->out;
	char attr[96];
	size_t i;
	double p;

	sb_str(b, "<g class=\"grid\">\n");
	for (i = 0; ya->kind != AXIS_BAND && i < ya->nt; i++) {
		p = plot_axis_map(ya, ya->tv[i]);
		line_at(b, f->left, p, f->right, p,
		    ya->tv[i] == 0 && ya->kind == AXIS_LINEAR
			? "stroke=\"#888\""
			: "stroke=\"#e3e3e3\"");
		plot_svg_text(b, f->left - 6, p + 4, "end", "font-size=\"11\"",
		    ya->tl[i], strlen(ya->tl[i]));
	}
	for (i = 0; xa->kind != AXIS_BAND && i < xa->nt; i++) {
		p = plot_axis_map(xa, xa->tv[i]);
		line_at(b, p, f->top, p, f->bottom, "stroke=\"#f0f0f0\"");
		line_at(b, p, f->bottom, p, f->bottom + 4, "stroke=\"#444\"");
		plot_svg_text(b, p, f->bottom + 16, "middle",
		    "font-size=\"11\"", xa->tl[i], strlen(xa->tl[i]));
	}
	sb_str(b, "</g>\n");
	if (xa->kind == AXIS_BAND)
		band_labels(f, xa, 1);
	if (ya->kind == AXIS_BAND)
		band_labels(f, ya, 0);
	line_at(b, f->left, f->bottom, f->right, f->bottom, "stroke=\"#444\"");
	line_at(b, f->left, f->top, f->left, f->bottom, "stroke=\"#444\"");
	if (xlabel != NULL && *xlabel != '\0')
		plot_svg_text(b, (f->left + f->right) / 2, f->h - 22, "middle",
		    NULL, xlabel, strlen(xlabel));
	if (ylabel != NULL && *ylabel != '\0') {
		p = (f->top + f->bottom) / 2;
		snprintf(
		    attr, sizeof(attr), "transform=\"rotate(-90 16 %.1f)\"", p);
		plot_svg_text(b, 16, p, "middle", attr, ylabel, strlen(ylabel));
	}
}

/* Digits p[0..n) as a number, or -1. */
static long
digits(const char *p, size_t n)
{
	long v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

int
plot_parse_time(const char *s, size_t len, double *days, int *unit)
{
	const char *p = text_strip(s, &len), *why;
	long y, k;
	int64_t secs;
	int u;

	if (unit == NULL)
		unit = &u;
	*unit = PLOT_UNIT_DAY;

	if (len >= 7 && p[4] == '-' && (y = digits(p, 4)) >= 0) {
		if (len == 7 && p[5] == 'Q' && (k = digits(p + 6, 1)) >= 1 &&
		    k <= 4) {
			*days = (double)date_days_from_civil(
			    y, (unsigned)(k - 1) * 3 + 1, 1);
			*unit = PLOT_UNIT_QUARTER;
			return 0;
		}
		if (len == 8 && p[5] == 'W' && (k = digits(p + 6, 2)) >= 1 &&
		    k <= 53) {
			/* week 1 holds January 4 */
			*days =
			    (double)(period_start(PERIOD_WEEK,
					 period_index(PERIOD_WEEK,
					     date_days_from_civil(y, 1, 4))) +
				(k - 1) * 7);
			*unit = PLOT_UNIT_WEEK;
			return 0;
		}
		if (len == 7 && (k = digits(p + 5, 2)) >= 1 && k <= 12) {
			*days = (double)date_days_from_civil(y, (unsigned)k, 1);
			*unit = PLOT_UNIT_MONTH;
			return 0;
		}
	}
	if (len < 8 || date_parse_iso(p, len, &secs, &why) != 0)
		return -1;
	*days = (double)secs / 86400.0;
	return 0;
}
