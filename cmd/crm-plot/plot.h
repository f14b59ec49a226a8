/*
 * plot.h: crm-plot's own interfaces: the options, the SVG text buffer,
 * text measure, scales and axes, the chart frame, and one entry point
 * per subcommand.  Everything here is crm-plot's alone (names plot_,
 * svg_, axis_, ...); what another program would need lives in common/.
 */
#ifndef CRM_PLOT_H
#define CRM_PLOT_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"
#include "strbuf.h"

enum plot_cmd {
	CMD_BAR,
	CMD_HIST,
	CMD_LINE,
	CMD_PIE,
	CMD_SCATTER,
	CMD_HEATMAP,
	CMD_TABLE,
	CMD_PAGE
};

struct opts {
	struct crm_common com;
	enum plot_cmd cmd;
	const char *x, *z, *by, *size;
	const char *low, *high; /* bar: an interval around each value */
	struct collist y; /* -y: one column, or several (line) */
	const char *title, *xlabel, *ylabel;
	double width, height;
	int stacked;
	int bins; /* 0: auto (Freedman-Diaconis) */
	int max_slices;
	double alpha; /* < 0: chosen from the point count */
	size_t max_points;
	int logx, logy;
	long long rows; /* table -n; -1: all */
	int decimals;   /* table numbers */
	char *const *files;
	size_t nfiles;
};

/* A growable text buffer: the SVG or HTML being written. */
/* A coordinate rounded to 0.1 px, without a trailing ".0". */
void plot_buf_num(struct strbuf *, double);
/*
 * Text escaped for XML (text and attributes): & < > " ' as entities,
 * bytes that are not UTF-8 and control characters as U+FFFD, so that
 * the output is always well-formed.
 */
void plot_buf_esc(struct strbuf *, const char *, size_t);
/* "<rect x=.. y=.. width=.. height=.." rounded; the caller ends the tag. */
void plot_rect(struct strbuf *, double x, double y, double w, double h);

/* Estimated width in px of UTF-8 text at a font size (CJK is wide). */
double plot_textw(const char *, size_t, double size);
/*
 * A copy of s cut to at most maxw px at size, ending in "…" when cut
 * (caller frees).
 */
char *plot_textfit(const char *s, size_t len, double maxw, double size);

/*
 * Numbers for people: fixed decimals with a thousands separator
 * ("1,234.5"), into buf (>= 48 bytes); returns buf.
 */
char *plot_thousands(char *buf, double v, int decimals);
/* A value with about three significant digits and separators. */
char *plot_value(char *buf, double v);

/* How a value axis labels its numbers. */
enum pct { PCT_NONE, PCT_SHARE, PCT_POINTS }; /* 0..1, 0..100 */
/* PCT_POINTS when a column name says percent, PCT_SHARE for a share
 * or rate (with values within 0..1), else PCT_NONE. */
enum pct plot_pct(const char *name, double lo, double hi);

enum axis_kind { AXIS_LINEAR, AXIS_LOG, AXIS_TIME, AXIS_BAND };

#define AXIS_MAXTICKS 64

struct axis {
	enum axis_kind kind;
	enum pct pct;
	double lo, hi;           /* domain (days on a time axis) */
	double r0, r1;           /* pixels lo and hi map to */
	size_t nband;            /* band axis: categories 0..nband-1 */
	const char *const *band; /* their labels (borrowed) */
	size_t nt;               /* ticks */
	double tv[AXIS_MAXTICKS];
	char tl[AXIS_MAXTICKS][48];
	int nice;     /* ticks may widen the domain */
	int integer;  /* counts: no step below 1 */
	int tunit;    /* time: the finest tick unit (a
			 PLOT_UNIT_) */
	int rotate;   /* x labels at -45 degrees */
	size_t every; /* label every nth band */
};

/* The 1-2-5 number at or above x > 0 (1, 2, 5 times a power of ten). */
double plot_nice_up(double x);
/* Pixel position of v (band: the centre of category v). */
double plot_axis_map(const struct axis *, double v);
/* Width of one band in px. */
double plot_axis_bandw(const struct axis *);
/*
 * Ticks for at most maxticks labels: 1-2-5 steps (linear; the domain
 * grows to whole steps when nice is set), powers of ten (log), calendar
 * units (time).
 */
void plot_axis_ticks(struct axis *, int maxticks);
/* Widest tick label in px. */
double plot_axis_labelw(const struct axis *);

/* The layout of one chart. */
struct frame {
	double w, h;
	double left, top, right, bottom; /* plot area */
	struct strbuf out;
};

/* The fixed look. */
#define FONT 12.0
#define FONT_SMALL 11.0
#define FONT_TITLE 15.0

/* The colour-blind-safe palette (Okabe-Ito), cycled. */
const char *plot_colour(size_t i);

/* <svg ...> with the title, into f->out. */
void plot_svg_begin(struct frame *, const char *title);
void plot_svg_end(struct frame *);
/* A whole SVG that says "no data" (and why, when given). */
void plot_svg_nodata(struct frame *, const char *title, const char *why);
/* <text> at x,y; anchor "start", "middle" or "end"; extra attributes. */
void plot_svg_text(struct strbuf *, double x, double y, const char *anchor,
    const char *attrs, const char *s, size_t len);
/*
 * Legend entries at the right of the plot area, under a title (the
 * --by column's name) unless it is NULL.
 */
void plot_svg_legend(struct frame *, const char *title,
    const char *const *names, size_t n, const char *const *colours,
    int lines);
/* Width a legend of this title (or NULL) and these names needs. */
double plot_legendw(const char *title, const char *const *names, size_t n);
/*
 * Lay out the frame: title on top, y ticks and their labels at the
 * left, x ticks below as many as their labels leave room for (band
 * labels rotated or thinned when crowded: xa->rotate, xa->every),
 * right_extra px on the right (a legend); sets the pixel ranges.
 */
void plot_frame_layout(struct frame *, const struct opts *, struct axis *xa,
    struct axis *ya, double right_extra);
/* Grid, axes, ticks, labels and the axis titles. */
void plot_frame_axes(struct frame *, const struct axis *xa,
    const struct axis *ya, const char *xlabel, const char *ylabel);
/* The title, and a note under it (may be NULL). */
void plot_frame_title(struct frame *, const char *title, const char *note);

/* Write f->out to the output of the common options and free it. */
void plot_write(const struct opts *, struct frame *);
/* Start a frame of the requested size. */
void plot_frame(struct frame *, const struct opts *);
/* The chart title: --title, or "Y by X". */
const char *plot_title(const struct opts *, char *buf, size_t size);

/*
 * Dates and period labels on x: 2024-03-05, 2024-03, 2024-Q1, 2024-W10
 * as a day number; 0, or -1 when the text is none of them.  *unit (may
 * be NULL) is the finest tick unit such a label calls for.
 */
enum {
	PLOT_UNIT_DAY = 0,
	PLOT_UNIT_WEEK = 2,
	PLOT_UNIT_MONTH = 4,
	PLOT_UNIT_QUARTER = 6
};
int plot_parse_time(const char *, size_t, double *days, int *unit);

/*
 * Categories (x of a bar, the rows and columns of a heatmap): the
 * distinct values of a column, in the order first seen, or in numeric
 * or time order when every one is a number or a date.
 */
struct cats {
	struct strmap *m;
	size_t n;
	size_t *rank;      /* rank[id]: position on the axis */
	const char **name; /* name[rank] (borrowed from m) */
	int time;          /* every value a date or period */
	int numeric;       /* every value a number */
};

void plot_cats_init(struct cats *);
/* The id of a category (the text of an empty cell is "(empty)"). */
size_t plot_cats_add(struct cats *, const char *, size_t);
/* Decide the order once every value is in. */
void plot_cats_finish(struct cats *);
void plot_cats_free(struct cats *);

/*
 * Open the input; NULL on empty input, after writing the "no data"
 * chart (title from the options).
 */
struct crm_input;
struct crm_input *plot_open(const struct opts *);
/* Write the "no data" chart, saying why. */
int plot_nodata(const struct opts *, const char *why);

int plot_bar(const struct opts *);
int plot_hist(const struct opts *);
int plot_line(const struct opts *);
int plot_pie(const struct opts *);
int plot_scatter(const struct opts *);
int plot_heatmap(const struct opts *);
int plot_table(const struct opts *);
int plot_page(const struct opts *);

#endif
