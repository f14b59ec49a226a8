/*
 * svg.c: the text crm-plot writes: a growable buffer, XML escaping,
 * coordinates rounded to what a screen shows, estimated text widths
 * (fonts cannot be measured here: per-character widths of a common
 * sans-serif, CJK twice as wide), numbers for people, the palette and
 * the SVG pieces every chart shares (header, title, legend, "no data").
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "opt.h"
#include "text.h"

#include "plot.h"

/* Legend labels longer than this many px are cut. */
#define LEGEND_MAX 240.0




void
plot_buf_num(struct strbuf *b, double v)
{
	char s[32];
	long long t;
	int n;

	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	t = llround(v * 10);
	if (t % 10 == 0)
		n = snprintf(s, sizeof(s), "%lld", t / 10);
	else
		n = snprintf(s, sizeof(s), "%s%lld.%lld", t < 0 ? "-" : "",
		    llabs(t) / 10, llabs(t) % 10);
	sb_add(b, s, (size_t)n);
}

void
plot_buf_esc(struct strbuf *b, const char *p, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		k = utf8_decode(p + i, len - i, &cp);
		if (k == 0 || (cp < 0x20 && cp != '\t' && cp != '\n') ||
		    cp == 0xFFFE || cp == 0xFFFF) {
			sb_str(b, "\xEF\xBF\xBD");
			i += k ? k : 1;
			continue;
		}
		switch (cp) {
		case '&':
			sb_str(b, "&amp;");
			break;
		case '<':
			sb_str(b, "&lt;");
			break;
		case '>':
			sb_str(b, "&gt;");
			break;
		case '"':
			sb_str(b, "&quot;");
			break;
		case '\'':
			sb_str(b, "&#39;");
			break;
		default:
			sb_add(b, p + i, k);
		}
		i += k;
	}
}

void
plot_rect(struct strbuf *b, double x, double y, double w, double h)
{
	sb_str(b, "<rect x=\"");
	plot_buf_num(b, x);
	sb_str(b, "\" y=\"");
	plot_buf_num(b, y);
	sb_str(b, "\" width=\"");
	plot_buf_num(b, w);
	sb_str(b, "\" height=\"");
	plot_buf_num(b, h);
	sb_str(b, "\"");
}


/*
 * Advance widths of printable ASCII in 1/1000 em (Helvetica's, a close
 * enough stand-in for the sans-serif fonts browsers pick).
 */
static const unsigned short ascii_w[95] = {278, 278, 355, 556, 556, 889, 667,
    191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722,
    667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556,
    500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556,
    333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};

/* Width of one code point in em. */
static double
cp_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return ascii_w[cp - 0x20] / 1000.0;
	if (text_is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0x1F300 && cp <= 0x1FAFF))
		return 1.0;
	return 0.62;
}

/*
 * Estimated width in px.  The factor 1.12 covers DejaVu Sans, wider
 * than Helvetica, which Linux browsers use for sans-serif.
 */
double
plot_textw(const char *s, size_t len, double size)
{
	size_t i = 0, k;
	uint32_t cp;
	double w = 0;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		w += k ? cp_width(cp) : 1.0;
		i += k ? k : 1;
	}
	return w * size * 1.12;
}

char *
plot_textfit(const char *s, size_t len, double maxw, double size)
{
	struct strbuf b = {0};
	size_t i = 0, k;
	uint32_t cp;
	double w = 0, ell = plot_textw("\xE2\x80\xA6", 3, size);

	if (plot_textw(s, len, size) <= maxw)
		return xmemdup(s, len);
	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		w += (k ? cp_width(cp) : 1.0) * size * 1.12;
		if (w + ell > maxw)
			break;
		sb_add(&b, s + i, k ? k : 1);
		i += k ? k : 1;
	}
	sb_str(&b, "\xE2\x80\xA6");
	return b.p;
}

char *
plot_thousands(char *buf, double v, int decimals)
{
	char tmp[48], *p, *q = buf;
	size_t ndig, i;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 12)
		decimals = 12;
	if (!isfinite(v) || fabs(v) >= 1e15) { /* no 16 digits of commas */
		snprintf(buf, 48, "%.3g", v);
		return buf;
	}
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	p = tmp;
	if (*p == '-') {
		/* "-0" and "-0.0" are 0 */
		if (strspn(p + 1, "0.") != strlen(p + 1))
			*q++ = '-';
		p++;
	}
	ndig = strcspn(p, ".");
	for (i = 0; i < ndig; i++) {
		*q++ = p[i];
		if (ndig - i - 1 > 0 && (ndig - i - 1) % 3 == 0)
			*q++ = ',';
	}
	strcpy(q, p + ndig);
	return buf;
}

char *
plot_value(char *buf, double v)
{
	double a = fabs(v);
	int d;

	if (a == 0 || !isfinite(a))
		return plot_thousands(buf, v, 0);
	d = 2 - (int)floor(log10(a));
	if (d < 0)
		d = 0;
	if (d > 6)
		d = 6;
	plot_thousands(buf, v, d);
	/* 12.50 is 12.5: drop trailing zeros after the point */
	if (strchr(buf, '.') != NULL) {
		size_t n = strlen(buf);
		while (buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	return buf;
}

/* True when name ends in suffix (case-insensitive ASCII). */
static int
ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix), i;

	if (k > n)
		return 0;
	for (i = 0; i < k; i++) {
		char c = name[n - k + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return 0;
	}
	return 1;
}

enum pct
plot_pct(const char *name, double lo, double hi)
{
	if (name == NULL)
		return PCT_NONE;
	if (ends_with(name, "pct") || ends_with(name, "percent"))
		return PCT_POINTS;
	if ((ends_with(name, "rate") || ends_with(name, "share") ||
		ends_with(name, "ratio")) &&
	    lo >= 0 && hi <= 1)
		return PCT_SHARE;
	return PCT_NONE;
}

/* Okabe & Ito (2008): distinguishable with any colour vision. */
static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73",
    "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"};

const char *
plot_colour(size_t i)
{
	return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

void
plot_svg_text(struct strbuf *b, double x, double y, const char *anchor,
    const char *attrs, const char *s, size_t len)
{
	sb_str(b, "<text x=\"");
	plot_buf_num(b, x);
	sb_str(b, "\" y=\"");
	plot_buf_num(b, y);
	sb_str(b, "\"");
	if (anchor != NULL && strcmp(anchor, "start") != 0)
		sb_printf(b, " text-anchor=\"%s\"", anchor);
	if (attrs != NULL && *attrs != '\0')
		sb_printf(b, " %s", attrs);
	sb_str(b, ">");
	plot_buf_esc(b, s, len);
	sb_str(b, "</text>\n");
}

void
plot_svg_begin(struct frame *f, const char *title)
{
	struct strbuf *b = &f->out;

	sb_str(b,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
	plot_buf_num(b, f->w);
	sb_str(b, "\" height=\"");
	plot_buf_num(b, f->h);
	sb_str(b, "\" viewBox=\"0 0 ");
	plot_buf_num(b, f->w);
	sb_str(b, " ");
	plot_buf_num(b, f->h);
	sb_str(b,
	    "\" font-family=\"DejaVu Sans,Helvetica,Arial,"
	    "Noto Sans CJK SC,sans-serif\" font-size=\"12\" fill=\"#222\">\n"
	    "<title>");
	plot_buf_esc(b, title, strlen(title));
	sb_str(b,
	    "</title>\n<rect width=\"100%\" height=\"100%\" "
	    "fill=\"#fff\"/>\n");
}

void
plot_svg_end(struct frame *f)
{
	sb_str(&f->out, "</svg>\n");
}

void
plot_frame_title(struct frame *f, const char *title, const char *note)
{
	plot_svg_text(&f->out, f->w / 2, 22, "middle",
	    "font-size=\"15\" font-weight=\"bold\"", title, strlen(title));
	if (note != NULL)
		plot_svg_text(&f->out, f->w - 8, f->h - 6, "end",
		    "font-size=\"11\" fill=\"#555\"", note, strlen(note));
}

void
plot_svg_nodata(struct frame *f, const char *title, const char *why)
{
	plot_svg_begin(f, title);
	plot_frame_title(f, title, NULL);
	plot_svg_text(&f->out, f->w / 2, f->h / 2, "middle",
	    "font-size=\"16\" fill=\"#777\"", "no data", 7);
	if (why != NULL)
		plot_svg_text(&f->out, f->w / 2, f->h / 2 + 20, "middle",
		    "font-size=\"11\" fill=\"#777\"", why, strlen(why));
	plot_svg_end(f);
}

double
plot_legendw(const char *title, const char *const *names, size_t n)
{
	double w = 0, t;
	size_t i;

	if (title != NULL)	/* bold: about a tenth wider */
		w = plot_textw(title, strlen(title), FONT) * 1.1 - 18;
	for (i = 0; i < n; i++)
		if ((t = plot_textw(names[i], strlen(names[i]), FONT)) > w)
			w = t;
	if (w > LEGEND_MAX)
		w = LEGEND_MAX;
	return n ? w + 30 : 0;
}

void
plot_svg_legend(struct frame *f, const char *title, const char *const *names,
    size_t n, const char *const *colours, int lines)
{
	struct strbuf *b = &f->out;
	double x = f->right + 14, y = f->top + 4;
	size_t i;
	char *s;

	if (title != NULL && n > 0) {
		s = plot_textfit(title, strlen(title), LEGEND_MAX, FONT);
		plot_svg_text(b, x, y + 10.5, "start", "font-weight=\"bold\"",
		    s, strlen(s));
		free(s);
		y += 18;
	}
	for (i = 0; i < n && y + 16 < f->h; i++, y += 18) {
		if (lines) {
			sb_str(b, "<line x1=\"");
			plot_buf_num(b, x);
			sb_str(b, "\" x2=\"");
			plot_buf_num(b, x + 14);
			sb_str(b, "\" y1=\"");
			plot_buf_num(b, y + 6);
			sb_str(b, "\" y2=\"");
			plot_buf_num(b, y + 6);
			sb_printf(b,
			    "\" stroke=\"%s\" stroke-width=\"2.5\"/>\n",
			    colours[i]);
		} else {
			plot_rect(b, x, y, 12, 12);
			sb_printf(b, " fill=\"%s\"/>\n", colours[i]);
		}
		s = plot_textfit(names[i], strlen(names[i]), LEGEND_MAX, FONT);
		plot_svg_text(b, x + 18, y + 10.5, "start", NULL, s, strlen(s));
		free(s);
	}
}

void
plot_frame(struct frame *f, const struct opts *o)
{
	memset(f, 0, sizeof(*f));
	f->w = o->width;
	f->h = o->height;
}

const char *
plot_title(const struct opts *o, char *buf, size_t size)
{
	size_t i, n = 0;

	if (o->title != NULL)
		return o->title;
	buf[0] = '\0';
	if (o->cmd == CMD_HIST)
		n = (size_t)snprintf(buf, size, "distribution of ");
	else if (o->cmd == CMD_HEATMAP && o->z != NULL)
		n = (size_t)snprintf(buf, size, "%s by ", o->z);
	else if (o->y.n == 0)
		n = (size_t)snprintf(buf, size, "rows by ");
	for (i = 0; i < o->y.n && n < size && o->cmd != CMD_HEATMAP; i++)
		n += (size_t)snprintf(
		    buf + n, size - n, "%s%s", i ? ", " : "", o->y.names[i]);
	if (n < size && o->y.n > 0 && o->cmd != CMD_HEATMAP)
		n += (size_t)snprintf(buf + n, size - n, " by ");
	if (n < size)
		snprintf(buf + n, size - n, "%s", o->x ? o->x : "");
	if (o->cmd == CMD_HEATMAP && o->y.n > 0 && n < size)
		snprintf(buf + strlen(buf), size - strlen(buf), " and %s",
		    o->y.names[0]);
	return buf;
}

void
plot_write(const struct opts *o, struct frame *f)
{
	struct csv_writer *w = crm_open_output(&o->com);

	csv_put_raw(w, f->out.p, f->out.len);
	crm_close_output(w);
	sb_free(&f->out);
}
