/*
 * survey.c: NPS, CSAT and CES from survey answers, overall or per --by
 * value and --period.  Each group keeps the count of every score, which
 * is also its mergeable partial state.
 *   NPS  (0..10): %promoters (9-10) - %detractors (0-6), with the Wald
 *        95% interval 1.96 * 100 * sqrt((P + D - (P - D)^2) / n).
 *   CSAT (1..5):  100 * share of answers >= --satisfied (4: top-2-box).
 *   CES  (1..7):  the mean answer, with the sample standard deviation.
 * With --period, the first and last days of the answers make the partial
 * column; a state keeps them in one "span" row, so merge is exact.
 */
#include <math.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "u64map.h"
#include "num.h"

#include "metrics.h"

#define NSCORE	11

struct sgroup {
	size_t		 by;		/* id in the by-value map */
	int64_t		 period;
	uint64_t	 count[NSCORE];
};

struct survey {
	struct strmap	*byv;		/* --by values */
	struct u64map	*keys;		/* (by id, period) -> struct sgroup */
	size_t		 n;
	int		 lo, hi;	/* score range */
	int64_t		 minday, maxday;	/* of the answers (--period) */
	int		 has_span;	/* a span is known */
};

/* Widen the span of the answers to first..last. */
static void
sv_span(struct survey *sv, int64_t first, int64_t last)
{
	if (!sv->has_span || first < sv->minday)
		sv->minday = first;
	if (!sv->has_span || last > sv->maxday)
		sv->maxday = last;
	sv->has_span = 1;
}

/* Group i of the table. */
static struct sgroup *
sg(const struct survey *sv, size_t i)
{
	return u64map_val(sv->keys, i);
}

static struct sgroup *
group_of(struct survey *s, size_t by, int64_t period)
{
	struct sgroup *g;
	size_t id;
	int isnew;

	/* by is a strmap id (32 bits); a period index fits 32 bits */
	id = u64map_intern(s->keys, u64map_pair((uint32_t)by,
	    (uint32_t)period), &isnew);
	if (id == U64MAP_FULL)
		crm_errx(1, "too many groups and periods");
	g = u64map_val(s->keys, id);
	if (isnew) {
		g->by = by;
		g->period = period;
		s->n = id + 1;
	}
	return g;
}

static void
survey_row(struct survey *sv, struct src *s, const struct csv_row *row)
{
	const struct opts *o = s->o;
	long long score;
	int64_t per = 0, day;
	const char *p;
	size_t len, by = 0;

	if (input_int(s->in, row, s->c_score, sv->lo, sv->hi, &score) != 0)
		return;
	if (o->has_period) {
		if (input_day(s->in, row, s->c_date, &day) != 0)
			return;
		per = period_index(o->period, day);
	}
	if (s->c_by != NULL) {
		p = metrics_group(s, row, &len);
		by = input_intern(sv->byv, p, len, NULL, "groups");
	}
	group_of(sv, by, per)->count[score]++;
	if (o->has_period)
		sv_span(sv, day, day);
}

static int
survey_read(struct survey *sv, const struct opts *o)
{
	const struct csv_row *row;
	struct src s;

	if (!metrics_open(&s, o, NEED_SCORE | (o->has_period ? NEED_DATE : 0)))
		return 0;
	while (input_next(s.in, &row))
		survey_row(sv, &s, row);
	metrics_close(&s);
	return 1;
}

static const char *const state_cols[] = { "crm_metrics_state", "group",
	"period", "score", "count" };
#define NSTATE	(sizeof(state_cols) / sizeof(state_cols[0]))

/* The responses of a group so far. */
static uint64_t
sg_total(const struct sgroup *g)
{
	uint64_t n = 0;
	int sc;

	for (sc = 0; sc < NSCORE; sc++)
		n += g->count[sc];
	return n;
}

/*
 * A "span" state row (the first and last days of a shard's answers):
 * widen the span and return 1; another kind of row: 0.
 */
static int
survey_span_row(struct survey *sv, struct csv_reader *r,
    const struct csv_row *row)
{
	int64_t first, last;
	const char *p, *col, *why;
	size_t len;

	if (metrics_state_span(row, &first, &last, &col, &why) != 0) {
		if (strcmp(col, "crm_metrics_state") == 0)
			return 0;
		p = csv_field(row, strcmp(col, "group") == 0 ? 1 :
		    strcmp(col, "period") == 0 ? 2 :
		    strcmp(col, "score") == 0 ? 3 : 4, &len);
		crm_dataerr(r, "column '%s': %s ('%.*s')", col, why, (int)len,
		    p);
	}
	sv_span(sv, first, last);
	return 1;
}

/*
 * Read survey partial states (merge).  Every value is range-checked
 * (state.c), and a group's responses stay below 2^63.
 */
static int
survey_merge(struct survey *sv, const struct opts *o)
{
	static const size_t fieldof[] = { 2, 3, 4 };
	struct csv_reader *r;
	const struct csv_row *row;
	struct sgroup *g;
	struct state_sv st;
	const char *p, *col, *why;
	size_t len, by;

	if ((r = metrics_partial_open(o, state_cols, NSTATE, "survey")) == NULL)
		return 0;
	while (metrics_partial_next(r, &row)) {
		if (survey_span_row(sv, r, row))
			continue;
		if (metrics_state_survey(row, sv->lo, sv->hi, o->has_period,
		    o->period, &st, &col, &why) != 0) {
			if (strcmp(col, "crm_metrics_state") == 0)
				crm_dataerr(r, "not a crm-metrics survey "
				    "state row");
			p = csv_field(row, fieldof[strcmp(col, "period") == 0 ?
			    0 : strcmp(col, "score") == 0 ? 1 : 2], &len);
			crm_dataerr(r, "column '%s': %s ('%.*s')", col, why,
			    (int)len, p);
		}
		p = csv_field(row, 1, &len);
		by = input_intern(sv->byv, p, len, NULL, "groups");
		g = group_of(sv, by, st.period);
		if (sg_total(g) > (uint64_t)INT64_MAX - st.count)
			crm_dataerr(r, "column 'count': more than 2^63 - 1 "
			    "responses in one group");
		g->count[st.score] += st.count;
	}
	csv_close(r);
	return 1;
}

static void
survey_partial(const struct survey *sv, struct csv_writer *w)
{
	const char *k;
	size_t i, len;
	int sc;

	for (i = 0; i < NSTATE; i++)
		csv_put_str(w, state_cols[i]);
	csv_end_row(w);
	if (sv->has_span) {
		csv_put_str(w, "span");
		csv_put(w, "", 0);
		metrics_put_day(w, sv->minday);
		metrics_put_day(w, sv->maxday);
		csv_put(w, "", 0);
		csv_end_row(w);
	}
	for (i = 0; i < sv->n; i++)
		for (sc = sv->lo; sc <= sv->hi; sc++) {
			if (sg(sv, i)->count[sc] == 0)
				continue;
			csv_put_str(w, "survey");
			k = strmap_key(sv->byv, sg(sv, i)->by, &len);
			csv_put(w, k, len);
			csv_put_int(w, (long long)sg(sv, i)->period);
			csv_put_int(w, sc);
			csv_put_int(w, (long long)sg(sv, i)->count[sc]);
			csv_end_row(w);
		}
}

static void
survey_put(struct csv_writer *w, const struct opts *o, const uint64_t *c)
{
	uint64_t n = 0, good = 0, pro, det;
	double sum = 0, ss = 0, mean, p, d, se, nps;
	int sc;

	for (sc = 0; sc < NSCORE; sc++) {
		n += c[sc];
		sum += (double)c[sc] * sc;
		if (sc >= o->satisfied)
			good += c[sc];
	}
	csv_put_int(w, (long long)n);
	if (o->cmd == CMD_NPS) {
		pro = c[9] + c[10];
		det = n - pro - c[7] - c[8];
		p = (double)pro / (double)n;
		d = (double)det / (double)n;
		se = 1.96 * 100 * sqrt((p + d - (p - d) * (p - d)) / (double)n);
		/* from the integer counts: one rounding, so 24 prints as 24 */
		nps = 100 * ((double)pro - (double)det) / (double)n;
		csv_put_int(w, (long long)pro);
		csv_put_int(w, (long long)(c[7] + c[8]));
		csv_put_int(w, (long long)det);
		metrics_put_num(w, o, nps);
		metrics_put_num(w, o, fmax(-100, nps - se));
		metrics_put_num(w, o, fmin(100, nps + se));
	} else if (o->cmd == CMD_CSAT) {
		csv_put_int(w, (long long)good);
		metrics_put_num(w, o, 100 * (double)good / (double)n);	/* idem */
	} else {
		mean = sum / (double)n;
		for (sc = 0; sc < NSCORE; sc++)
			ss += (double)c[sc] * (sc - mean) * (sc - mean);
		metrics_put_num(w, o, mean);
		if (n > 1)
			metrics_put_num(w, o, sqrt(ss / (double)(n - 1)));
		else
			csv_put(w, "", 0);
	}
	csv_end_row(w);
}

static void
survey_header(struct csv_writer *w, const struct opts *o)
{
	static const char *const nps[] = { "responses", "promoters",
	    "passives", "detractors", "nps", "nps_low", "nps_high", NULL };
	static const char *const csat[] = { "responses", "satisfied", "csat",
	    NULL };
	static const char *const ces[] = { "responses", "ces", "sd", NULL };
	const char *const *c = o->cmd == CMD_NPS ? nps :
	    o->cmd == CMD_CSAT ? csat : ces;

	metrics_put_by_header(w, o);
	if (o->has_period) {
		csv_put_str(w, "period");
		csv_put_str(w, "partial");
	}
	for (; *c != NULL; c++)
		csv_put_str(w, *c);
	csv_end_row(w);
}

static void
survey_out(const struct survey *sv, const struct opts *o,
    struct csv_writer *w)
{
	struct gkey *k = xcalloc(sv->n + 1, sizeof(*k));
	const struct sgroup *g;
	char buf[32];
	size_t i;

	for (i = 0; i < sv->n; i++) {
		k[i].key = strmap_key(sv->byv, sg(sv, i)->by, &k[i].len);
		k[i].period = sg(sv, i)->period;
		k[i].idx = i;
	}
	qsort(k, sv->n, sizeof(*k), metrics_gkey_cmp);
	survey_header(w, o);
	for (i = 0; i < sv->n; i++) {
		g = sg(sv, k[i].idx);
		metrics_put_group(w, o, k[i].key, k[i].len);
		if (o->has_period) {
			csv_put(w, buf, period_label(buf, o->period,
			    g->period));
			if (sv->has_span)
				csv_put_int(w, metrics_partial_span(o,
				    sv->minday, sv->maxday, g->period));
			else
				csv_put(w, "", 0);
		}
		survey_put(w, o, g->count);
	}
	free(k);
}

/* nps, csat and ces (and their --partial states). */
int
metrics_survey(const struct opts *o)
{
	struct csv_writer *w;
	struct survey sv;
	int rc;

	memset(&sv, 0, sizeof(sv));
	sv.lo = o->scale_lo;
	sv.hi = o->scale_hi;
	sv.byv = strmap_new();
	strmap_intern(sv.byv, "", 0, NULL);
	sv.keys = u64map_new(sizeof(struct sgroup));
	rc = o->merging ? survey_merge(&sv, o) : survey_read(&sv, o);
	if (rc) {
		w = crm_open_output(&o->com);
		if (o->partial)
			survey_partial(&sv, w);
		else
			survey_out(&sv, o, w);
		crm_close_output(w);
	}
	strmap_free(sv.byv);
	u64map_free(sv.keys);
	return 0;
}
