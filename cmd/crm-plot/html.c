/*
 * html.c: the report: crm-plot table writes an HTML <table> fragment
 * of a CSV (every cell escaped, numeric columns right-aligned with
 * thousands separators), crm-plot page puts SVG charts and such
 * fragments into one standalone page with a table of contents.  Both
 * write XHTML-compatible markup, so that an XML parser reads it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "input.h"
#include "num.h"

#include "plot.h"

struct cells {
	char **v; /* row-major, ncols per row */
	size_t nrows, ncols, cap;
	unsigned long long total;
};

/* True when the column holds numbers (every non-blank cell, at least
 * one) and is no identifier. */
static int
col_numeric(const struct cells *c, const char *name, size_t j)
{
	size_t i, n = 0, len = strlen(name);
	const char *why;
	double v;

	if ((len >= 2 && strcmp(name + len - 2, "id") == 0) ||
	    (len >= 3 && strcmp(name + len - 3, "_ID") == 0))
		return 0;
	for (i = 0; i < c->nrows; i++) {
		const char *s = c->v[i * c->ncols + j];
		if (num_blank(s, strlen(s)))
			continue;
		if (num_parse(s, strlen(s), &v, &why) != 0)
			return 0;
		n++;
	}
	return n > 0;
}

static void
cell_num(struct strbuf *b, const char *s, int decimals)
{
	double v;
	const char *why;
	char out[64];

	if (num_parse(s, strlen(s), &v, &why) != 0) {
		plot_buf_esc(b, s, strlen(s));
		return;
	}
	plot_thousands(out, v,
	    v == (double)(long long)v && v < 1e15 && v > -1e15 ? 0 : decimals);
	sb_str(b, out);
}

static void
table_write(const struct opts *o, const struct crm_input *in,
    const struct cells *c, struct strbuf *b)
{
	const struct csv_reader *r = input_reader(in);
	int *num = xcalloc(c->ncols + 1, sizeof(int));
	size_t i, j;
	char n1[48], n2[48];

	sb_str(b, "<table class=\"crm-table\">\n");
	if (o->title) {
		sb_str(b, "<caption>");
		plot_buf_esc(b, o->title, strlen(o->title));
		sb_str(b, "</caption>\n");
	}
	sb_str(b, "<thead><tr>");
	for (j = 0; j < c->ncols; j++) {
		num[j] = col_numeric(c, csv_name(r, j), j);
		sb_str(
		    b, num[j] ? "<th style=\"text-align:right\">" : "<th>");
		plot_buf_esc(b, csv_name(r, j), strlen(csv_name(r, j)));
		sb_str(b, "</th>");
	}
	sb_str(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < c->nrows; i++) {
		sb_str(b, "<tr>");
		for (j = 0; j < c->ncols; j++) {
			const char *s = c->v[i * c->ncols + j];
			sb_str(b,
			    num[j] ? "<td style=\"text-align:right\">"
				   : "<td>");
			if (num[j])
				cell_num(b, s, o->decimals);
			else
				plot_buf_esc(b, s, strlen(s));
			sb_str(b, "</td>");
		}
		sb_str(b, "</tr>\n");
	}
	sb_str(b, "</tbody>\n</table>\n");
	if (c->total > c->nrows)
		sb_printf(b,
		    "<p class=\"crm-note\">the first %s of %s "
		    "rows</p>\n",
		    plot_thousands(n1, (double)c->nrows, 0),
		    plot_thousands(n2, (double)c->total, 0));
	free(num);
}

int
plot_table(const struct opts *o)
{
	struct crm_input *in = input_open(&o->com, o->files, o->nfiles);
	struct cells c;
	struct frame f;
	const struct csv_row *row;
	const char *p;
	size_t j, len;

	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	if (in == NULL) {
		sb_str(&f.out, "<p class=\"crm-note\">no data</p>\n");
		plot_write(o, &f);
		return 0;
	}
	c.ncols = csv_ncols(input_reader(in));
	while (input_next(in, &row)) {
		c.total++;
		if (o->rows >= 0 && c.nrows >= (unsigned long long)o->rows)
			continue;
		c.v = xgrow(c.v, &c.cap, (c.nrows + 1) * c.ncols, sizeof(*c.v));
		for (j = 0; j < c.ncols; j++) {
			p = input_str(row, (long)j, &len);
			c.v[c.nrows * c.ncols + j] = xmemdup(p, len);
		}
		c.nrows++;
	}
	table_write(o, in, &c, &f.out);
	input_close(in);
	plot_write(o, &f);
	for (j = 0; j < c.nrows * c.ncols; j++)
		free(c.v[j]);
	free(c.v);
	return 0;
}

/* The whole of a file (exit 1 when it cannot be read). */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf b = {0};
	char chunk[65536];
	size_t n;

	if (fp == NULL)
		crm_err(1, "%s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		sb_add(&b, chunk, n);
	if (ferror(fp))
		crm_err(1, "%s", path);
	fclose(fp);
	sb_add(&b, "", 0);
	*len = b.len;
	return b.p;
}

/* The text between <tag> (or <tag ...>) and </tag>, or NULL. */
static const char *
inner(const char *s, const char *tag, size_t *len)
{
	char open[32], close[32];
	const char *p = s, *q;

	snprintf(open, sizeof(open), "<%s", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	while ((p = strstr(p, open)) != NULL) {
		p += strlen(open);
		if (*p == '>' || *p == ' ')
			break;
	}
	if (p == NULL || (p = strchr(p, '>')) == NULL ||
	    (q = strstr(++p, close)) == NULL)
		return NULL;
	*len = (size_t)(q - p);
	return p;
}

static const char page_css[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,'Noto Sans CJK SC',"
    "sans-serif;color:#222;max-width:1000px;margin:2em auto;padding:0 1em}\n"
    "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;"
    "border-bottom:1px solid #ddd}\n"
    "nav ol{line-height:1.6}svg{max-width:100%;height:auto}\n"
    "table.crm-table{border-collapse:collapse;font-size:0.9em}\n"
    "table.crm-table th,table.crm-table td{padding:3px 10px;"
    "border-bottom:1px solid #e3e3e3;vertical-align:top}\n"
    "table.crm-table th{border-bottom:2px solid #888;text-align:left}\n"
    "table.crm-table caption{text-align:left;font-weight:bold;padding:4px 0}\n"
    ".crm-note{color:#555;font-size:0.85em}\n";

/* One part: its body (SVG without the XML declaration, or the
 * fragment) and its title. */
static void
page_part(struct strbuf *toc, struct strbuf *body, const char *path, size_t k)
{
	size_t len, tl;
	char *s = slurp(path, &len);
	const char *p = s, *t;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	p += strspn(p, " \t\r\n");
	if (strncmp(p, "<?xml", 5) == 0 && (t = strstr(p, "?>")) != NULL)
		p = t + 2 + strspn(t + 2, " \t\r\n");
	if (*p != '<')
		crm_errx(1, "%s: not an SVG file or an HTML fragment", path);
	if ((t = inner(p, strncmp(p, "<svg", 4) == 0 ? "title" : "caption",
		 &tl)) == NULL) {
		t = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		tl = strlen(t);
		sb_printf(toc, "<li><a href=\"#part-%zu\">", k);
		plot_buf_esc(toc, t, tl);
		sb_printf(body, "<section id=\"part-%zu\">\n<h2>", k);
		plot_buf_esc(body, t, tl);
	} else {
		sb_printf(toc, "<li><a href=\"#part-%zu\">", k);
		sb_add(toc, t, tl);
		sb_printf(body, "<section id=\"part-%zu\">\n<h2>", k);
		sb_add(body, t, tl);
	}
	sb_str(toc, "</a></li>\n");
	sb_str(body, "</h2>\n");
	sb_str(body, p);
	sb_str(body, "</section>\n");
	free(s);
}

int
plot_page(const struct opts *o)
{
	struct frame f;
	struct strbuf toc = {0}, body = {0};
	const char *title = o->title ? o->title : "report";
	size_t i;

	memset(&f, 0, sizeof(f));
	for (i = 0; i < o->nfiles; i++)
		page_part(&toc, &body, o->files[i], i + 1);
	sb_str(&f.out,
	    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/"
	    "1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width\"/>\n"
	    "<title>");
	plot_buf_esc(&f.out, title, strlen(title));
	sb_printf(&f.out,
	    "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<h1>",
	    page_css);
	plot_buf_esc(&f.out, title, strlen(title));
	sb_str(&f.out, "</h1>\n<nav>\n<h2>Contents</h2>\n<ol>\n");
	sb_add(&f.out, toc.p, toc.len);
	sb_str(&f.out, "</ol>\n</nav>\n");
	sb_add(&f.out, body.p, body.len);
	sb_str(&f.out,
	    "<p class=\"crm-note\">Made by crm-plot page "
	    "(crmkit).</p>\n</body>\n</html>\n");
	plot_write(o, &f);
	sb_free(&toc);
	sb_free(&body);
	return 0;
}
