/*
 * rfm.c: RFM scores and named segments, and their apply.
 *
 * Scores 1..N (--bins) by rank, so that equal values always share a
 * score: score = ceil(N * (r - 0.5) / n), r the value's average rank
 * among the n rows (scipy's rankdata "average"); distinct values fall
 * into N groups of equal size, a constant column scores the middle.
 * Recency is reversed (the most recent = N).  The segment comes from
 * the (R, F) cell through the map: the default one below, drawn on a
 * 5 x 5 grid (a score s of N bins reads as ceil(5 s / N)), or --map
 * FILE, a CSV with columns r, f, segment whose r and f are a score or a
 * range LO-HI of scores 1..N (the first line that matches wins; every
 * cell must be matched).
 *
 * The model (algorithm rfm) keeps, per column, the largest value of
 * each score, and the map: apply gives a new value the lowest score
 * whose largest value is not below it (the top score above them all).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "input.h"
#include "model.h"
#include "num.h"
#include "ml/mfile.h"
#include "ml/order.h"

#include "segment.h"

/* The default map: segment of (R, F) on the 5 x 5 grid, rows R 1..5. */
static const char *const seg_names[] = { "Champions", "Loyal",
	"Potential Loyalist", "New", "Promising", "Need Attention",
	"About to Sleep", "At Risk", "Can't Lose Them", "Hibernating", "Lost",
	NULL };
static const unsigned char grid5[5][5] = {
	/* F:  1   2   3   4   5 */
	{ 10,  9,  7,  7,  8 },		/* R 1 */
	{  9,  9,  7,  7,  8 },		/* R 2 */
	{  6,  6,  5,  1,  1 },		/* R 3 */
	{  4,  2,  2,  1,  1 },		/* R 4 */
	{  3,  2,  2,  0,  0 },		/* R 5 */
};

struct rfmap {
	int		 bins;
	size_t		 nseg;
	char		**seg;		/* segment names, map order */
	size_t		*cell;		/* bins x bins: segment of (r, f) */
};

static void
map_default(struct rfmap *m, int bins)
{
	int r, f;

	m->bins = bins;
	for (m->nseg = 0; seg_names[m->nseg] != NULL; m->nseg++)
		;
	m->seg = xcalloc(m->nseg, sizeof(*m->seg));
	for (r = 0; r < (int)m->nseg; r++)
		m->seg[r] = xstrdup(seg_names[r]);
	m->cell = xcalloc((size_t)(bins * bins), sizeof(*m->cell));
	for (r = 0; r < bins; r++)
		for (f = 0; f < bins; f++)
			m->cell[r * bins + f] = grid5[((r + 1) * 5 + bins - 1) /
			    bins - 1][((f + 1) * 5 + bins - 1) / bins - 1];
}

static void
map_free(struct rfmap *m)
{
	size_t i;

	for (i = 0; i < m->nseg; i++)
		free(m->seg[i]);
	free(m->seg);
	free(m->cell);
}

/* "3" or "1-2" within 1..bins into lo, hi; -1 when not that. */
static int
parse_range(const char *p, size_t len, int bins, int *lo, int *hi)
{
	const char *dash = memchr(p, '-', len), *why;
	long long a, b;

	if (dash == NULL) {
		if (num_parse_int(p, len, 1, bins, &a, &why) != 0)
			return -1;
		*lo = *hi = (int)a;
		return 0;
	}
	if (num_parse_int(p, (size_t)(dash - p), 1, bins, &a, &why) != 0 ||
	    num_parse_int(dash + 1, len - (size_t)(dash - p) - 1, 1, bins, &b,
	    &why) != 0 || a > b)
		return -1;
	*lo = (int)a;
	*hi = (int)b;
	return 0;
}

/* Add one --map line's segment to cells lo..hi x flo..fhi not set yet. */
static void
map_line(struct rfmap *m, int rlo, int rhi, int flo, int fhi, const char *s,
    size_t len)
{
	size_t i;
	int r, f;

	for (i = 0; i < m->nseg; i++)
		if (strlen(m->seg[i]) == len && memcmp(m->seg[i], s, len) == 0)
			break;
	if (i == m->nseg) {
		m->seg = xreallocarray(m->seg, m->nseg + 1, sizeof(*m->seg));
		m->seg[m->nseg++] = xmemdup(s, len);
	}
	for (r = rlo; r <= rhi; r++)
		for (f = flo; f <= fhi; f++)
			if (m->cell[(r - 1) * m->bins + f - 1] == SIZE_MAX)
				m->cell[(r - 1) * m->bins + f - 1] = i;
}

/* --map FILE: bad lines and unmatched cells exit (1 and 2). */
static void
map_read(struct rfmap *m, const struct opts *o)
{
	struct crm_common c = o->com;
	char *files[1];
	struct crm_input *in;
	const struct csv_row *row;
	const char *p;
	size_t len, i;
	long cr, cf, cs;
	int rlo, rhi, flo, fhi;

	memset(m, 0, sizeof(*m));
	m->bins = o->bins;
	m->cell = xcalloc((size_t)(o->bins * o->bins), sizeof(*m->cell));
	for (i = 0; i < (size_t)(o->bins * o->bins); i++)
		m->cell[i] = SIZE_MAX;
	c.reject = NULL;
	c.skip_bad = 0;
	c.delim = ',';
	files[0] = (char *)o->map;
	if ((in = input_open(&c, files, 1)) == NULL)
		crm_errx(2, "--map %s: empty", o->map);
	cr = input_col(in, "r", INPUT_NEED);
	cf = input_col(in, "f", INPUT_NEED);
	cs = input_col(in, "segment", INPUT_NEED);
	while (input_next(in, &row)) {
		p = csv_field(row, (size_t)cr, &len);
		if (parse_range(p, len, o->bins, &rlo, &rhi) != 0)
			input_bad(in, row, cr, "not a score or LO-HI of the "
			    "bins");
		p = csv_field(row, (size_t)cf, &len);
		if (parse_range(p, len, o->bins, &flo, &fhi) != 0)
			input_bad(in, row, cf, "not a score or LO-HI of the "
			    "bins");
		if (input_key(in, row, cs, &p, &len) == 0)
			map_line(m, rlo, rhi, flo, fhi, p, len);
	}
	input_close(in);
	for (i = 0; i < (size_t)(o->bins * o->bins); i++)
		if (m->cell[i] == SIZE_MAX)
			crm_errx(2, "--map %s: no segment for r %zu, f %zu",
			    o->map, i / (size_t)o->bins + 1,
			    i % (size_t)o->bins + 1);
}

/*
 * Scores of v[0..n) (1..bins, ascending) and each score's largest value.
 * A NaN (a blank recency: no purchase) is left out of the ranks and
 * scores bins (reversed: R 1).
 */
static void
score_col(const double *v, size_t n, int bins, int *sc, double *edge)
{
	double *rk = xcalloc(n + 1, sizeof(*rk)), *w = xcalloc(n + 1,
	    sizeof(*w));
	size_t i, m = 0, nv;
	int s;

	for (i = 0; i < n; i++)
		if (!isnan(v[i]))
			w[m++] = v[i];
	rank_avg(w, m, rk);
	nv = m;
	for (s = 0; s < bins; s++)
		edge[s] = NAN;
	for (m = 0, i = 0; i < n; i++) {
		if (isnan(v[i])) {
			sc[i] = bins;
			continue;
		}
		s = (int)ceil((double)bins * (rk[m] - 0.5) / (double)nv);
		m++;
		s = s < 1 ? 1 : s > bins ? bins : s;
		sc[i] = s;
		if (isnan(edge[s - 1]) || v[i] > edge[s - 1])
			edge[s - 1] = v[i];
	}
	free(rk);
	free(w);
}

/* The score of a new value from the edges (see the top). */
static int
score_edge(double v, const double *edge, int bins)
{
	int s, top = 1;

	for (s = 1; s <= bins; s++) {
		if (isnan(edge[s - 1]))
			continue;
		if (v <= edge[s - 1])
			return s;
		top = s;
	}
	return top;
}

static const char *const rfm_cols[] = { "r_score", "f_score", "m_score",
	"rfm_cell", "segment", NULL };

/* The appended fields of one row. */
static void
put_scores(struct csv_writer *w, const struct rfmap *m, int r, int f, int mm)
{
	char cell[64];
	size_t s = m->cell[(r - 1) * m->bins + f - 1];

	csv_put_int(w, r);
	csv_put_int(w, f);
	csv_put_int(w, mm);
	snprintf(cell, sizeof(cell), m->bins <= 9 ? "%d%d%d" : "%d-%d-%d", r,
	    f, mm);
	csv_put_str(w, cell);
	csv_put_str(w, m->seg[s]);
	csv_end_row(w);
}

/* --summary: one row per segment of the map. */
static void
summary(const struct opts *o, const struct rfmap *m, const double *v,
    size_t n, const int *sc)
{
	struct csv_writer *w = crm_open_output(&o->com);
	static const char *const h[] = { "segment", "customers", "share",
		"mean_recency", "mean_frequency", "mean_monetary",
		"revenue_share", NULL };
	double *sum = xcalloc(m->nseg * 3, sizeof(*sum)), tot = 0;
	size_t *cnt = xcalloc(m->nseg * 2, sizeof(*cnt)), i, s;
	int j;

	for (i = 0; i < n; i++) {
		s = m->cell[(sc[i * 3] - 1) * m->bins + sc[i * 3 + 1] - 1];
		cnt[s]++;
		/* a blank recency counts in no mean */
		if (!isnan(v[i * 3]))
			cnt[m->nseg + s]++;
		for (j = 0; j < 3; j++)
			if (!isnan(v[i * 3 + (size_t)j]))
				sum[s * 3 + (size_t)j] += v[i * 3 + (size_t)j];
		tot += v[i * 3 + 2];
	}
	for (j = 0; h[j] != NULL; j++)
		csv_put_str(w, h[j]);
	csv_end_row(w);
	for (s = 0; s < m->nseg; s++) {
		csv_put_str(w, m->seg[s]);
		csv_put_int(w, (long long)cnt[s]);
		csv_put_num(w, n ? (double)cnt[s] / (double)n : 0);
		for (j = 0; j < 3; j++)
			if (cnt[j == 0 ? m->nseg + s : s] > 0)
				csv_put_num(w, sum[s * 3 + (size_t)j] /
				    (double)cnt[j == 0 ? m->nseg + s : s]);
			else
				csv_put(w, "", 0);
		csv_put_num(w, tot != 0 ? sum[s * 3 + 2] / tot : 0);
		csv_end_row(w);
	}
	crm_close_output(w);
	free(sum);
	free(cnt);
}

static void
save_rfm(const struct opts *o, const struct rfmap *m, const double *edge)
{
	struct model_writer *w;
	const char *cols[3] = { o->rcol, o->fcol, o->mcol };

	if ((w = model_create(o->model, "crm-segment", "rfm")) == NULL)
		crm_err(1, "%s", o->model);
	model_put(w, "rfm.bins", "%d", m->bins);
	mfile_put_strings(w, "rfm.columns", cols, NULL, 3);
	model_put_doubles(w, "rfm.edges", edge, (size_t)(3 * m->bins));
	mfile_put_strings(w, "rfm.segments", (const char *const *)m->seg,
	    NULL, m->nseg);
	{
		double *c = xcalloc((size_t)(m->bins * m->bins), sizeof(*c));
		int i;

		for (i = 0; i < m->bins * m->bins; i++)
			c[i] = (double)m->cell[i];
		mfile_put_array(w, "rfm.cells", c, (size_t)(m->bins * m->bins));
		free(c);
	}
	if (model_close(w) != 0)
		crm_err(1, "%s", o->model);
}

/*
 * The three values of a row: finite numbers, but a blank recency (a
 * customer without a purchase in crm-metrics rfm) is NaN.
 */
static int
read_values(struct crm_input *in, const struct csv_row *row, const long *c,
    double *x)
{
	const char *p;
	size_t len;
	int j;

	for (j = 0; j < 3; j++) {
		p = csv_field(row, (size_t)c[j], &len);
		if (j == 0 && num_blank(p, len)) {
			x[j] = NAN;
			continue;
		}
		if (input_num(in, row, c[j], &x[j]) != 0)
			return -1;
		if (!isfinite(x[j]))
			return input_bad(in, row, c[j], "not a finite number");
	}
	return 0;
}

/* Read the three columns of every good row; v gets n x 3. */
static double *
read_rfm(const struct opts *o, struct crm_input *in, struct table *t)
{
	long c[3];
	double *v = NULL, x[3];
	size_t cap = 0;
	const struct csv_row *row;

	c[0] = input_col(in, o->rcol, INPUT_NEED);
	c[1] = input_col(in, o->fcol, INPUT_NEED);
	c[2] = input_col(in, o->mcol, INPUT_NEED);
	table_init(t, csv_ncols(input_reader(in)));
	while (input_next(in, &row)) {
		if (read_values(in, row, c, x) != 0)
			continue;
		v = xgrow(v, &cap, (t->n + 1) * 3, sizeof(*v));
		memcpy(v + t->n * 3, x, sizeof(x));
		table_add(t, row);
	}
	return v;
}

int
seg_rfm(const struct opts *o)
{
	struct crm_input *in;
	struct table t;
	struct rfmap m;
	struct csv_writer *w;
	double *v, *col, *edge;
	int *sc, *s1, j;
	size_t i, n;

	if ((in = input_open(&o->com, o->files, o->nfiles)) == NULL)
		return 0;
	if (o->map != NULL)
		map_read(&m, o);
	else
		map_default(&m, o->bins);
	v = read_rfm(o, in, &t);
	n = t.n;
	sc = xcalloc(n * 3 + 1, sizeof(*sc));
	s1 = xcalloc(n + 1, sizeof(*s1));
	col = xcalloc(n + 1, sizeof(*col));
	edge = xcalloc((size_t)(3 * o->bins), sizeof(*edge));
	for (j = 0; j < 3; j++) {
		for (i = 0; i < n; i++)
			col[i] = v[i * 3 + (size_t)j];
		score_col(col, n, o->bins, s1, edge + j * o->bins);
		for (i = 0; i < n; i++)
			sc[i * 3 + (size_t)j] = j == 0 ? o->bins + 1 - s1[i] :
			    s1[i];
	}
	if (o->summary)
		summary(o, &m, v, n, sc);
	else {
		w = crm_open_output(&o->com);
		seg_header(o, in, w, rfm_cols);
		for (i = 0; i < n; i++) {
			table_put(&t, i, w);
			put_scores(w, &m, sc[i * 3], sc[i * 3 + 1],
			    sc[i * 3 + 2]);
		}
		crm_close_output(w);
	}
	if (o->model != NULL && n > 0)
		save_rfm(o, &m, edge);
	free(v);
	free(sc);
	free(s1);
	free(col);
	free(edge);
	map_free(&m);
	table_free(&t);
	input_close(in);
	return 0;
}

/* apply with an rfm model: the scores of each new row, streamed. */
void
rfm_apply(const struct opts *o, const struct model *mo, const char *path,
    struct crm_input *in)
{
	struct mfile_strs *cols, *segs;
	struct rfmap m;
	struct csv_writer *w;
	const struct csv_row *row;
	double bins, *edge, *cells, x[3];
	long c[3];
	int j, s[3];
	size_t i;

	memset(&m, 0, sizeof(m));
	cols = mfile_get_strings(mo, "rfm.columns", NULL);
	segs = mfile_get_strings(mo, "rfm.segments", NULL);
	if (model_get_double(mo, "rfm.bins", &bins) != 0 || bins < 2 ||
	    bins > 100 || cols == NULL || cols->n != 3 || segs == NULL ||
	    segs->n == 0)
		crm_errx(2, "%s: corrupted model (rfm records)", path);
	m.bins = (int)bins;
	edge = xcalloc((size_t)(3 * m.bins), sizeof(*edge));
	cells = xcalloc((size_t)(m.bins * m.bins), sizeof(*cells));
	if (model_get_doubles(mo, "rfm.edges", edge, (size_t)(3 * m.bins)) ||
	    mfile_get_array_n(mo, "rfm.cells", cells, (size_t)(m.bins *
	    m.bins)))
		crm_errx(2, "%s: corrupted model (rfm edges)", path);
	m.nseg = segs->n;
	m.seg = xcalloc(m.nseg, sizeof(*m.seg));
	for (i = 0; i < m.nseg; i++)
		m.seg[i] = xmemdup(segs->s[i], segs->len[i]);
	m.cell = xcalloc((size_t)(m.bins * m.bins), sizeof(*m.cell));
	for (i = 0; i < (size_t)(m.bins * m.bins); i++) {
		if (!(cells[i] >= 0 && cells[i] < (double)m.nseg))
			crm_errx(2, "%s: corrupted model (rfm cells)", path);
		m.cell[i] = (size_t)cells[i];
	}
	for (j = 0; j < 3; j++)
		c[j] = input_col(in, cols->s[j], INPUT_NEED);
	w = crm_open_output(&o->com);
	seg_header(o, in, w, rfm_cols);
	while (input_next(in, &row)) {
		if (read_values(in, row, c, x) != 0)
			continue;
		for (j = 0; j < 3; j++)
			s[j] = isnan(x[j]) ? m.bins :
			    score_edge(x[j], edge + j * m.bins, m.bins);
		csv_put_row(w, row);
		put_scores(w, &m, m.bins + 1 - s[0], s[1], s[2]);
	}
	crm_close_output(w);
	mfile_strs_free(cols);
	mfile_strs_free(segs);
	free(edge);
	free(cells);
	map_free(&m);
}
