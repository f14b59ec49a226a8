/*
 * report.c: crm-clean's counts, as CSV (--report FILE) with the columns
 * metric,column,count, or as lines on stderr (-v).  The totals always
 * appear; the per-column lines only where the count is not zero.
 */
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "csv.h"
#include "opt.h"
#include "err.h"
#include "clean.h"

void
clean_tally_init(struct tally *t, size_t ncols)
{
	t->in = t->out = t->dup = t->syntax = t->ragged = 0;
	t->ncols = ncols;
	t->required = xcalloc(ncols + 1, sizeof(*t->required));
	t->nomatch = xcalloc(ncols + 1, sizeof(*t->nomatch));
	t->changed = xcalloc(ncols + 1, sizeof(*t->changed));
	t->filtered = t->expr = t->flagged = t->escaped = 0;
	t->invalid = xcalloc(ncols + 1, sizeof(*t->invalid));
	t->outlier = xcalloc(ncols + 1, sizeof(*t->outlier));
	t->outliers = xcalloc(ncols + 1, sizeof(*t->outliers));
	t->filled = xcalloc(ncols + 1, sizeof(*t->filled));
	t->hashed = xcalloc(ncols + 1, sizeof(*t->hashed));
	t->masked = xcalloc(ncols + 1, sizeof(*t->masked));
}

void
clean_tally_free(struct tally *t)
{
	free(t->required);
	free(t->nomatch);
	free(t->changed);
	free(t->invalid);
	free(t->outlier);
	free(t->outliers);
	free(t->filled);
	free(t->hashed);
	free(t->masked);
}

/* All rows rejected, for whatever reason. */
uint64_t
clean_tally_rejected(const struct tally *t)
{
	uint64_t n = t->syntax + t->ragged + t->expr;
	size_t i;

	for (i = 0; i < t->ncols; i++)
		n += t->required[i] + t->nomatch[i] + t->invalid[i] +
		    t->outlier[i];
	return n;
}

static void
put_line(struct csv_writer *w, const char *metric, const char *col,
    uint64_t n)
{
	csv_put_str(w, metric);
	csv_put_str(w, col);
	csv_put_int(w, (long long)n);
	if (csv_end_row(w) == -1)
		crm_err(1, "write error on %s", csv_writer_path(w));
}

/* Per-column lines of one metric, where not zero. */
static void
put_cols(struct csv_writer *w, const struct csv_reader *r,
    const char *metric, const uint64_t *v, size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (v[i] > 0)
			put_line(w, metric, csv_name(r, i), v[i]);
}

/* Write the report to path (atomically); exit 1 on failure. */
void
clean_report_write(const struct tally *t, const struct csv_reader *r,
    const char *path)
{
	struct csv_writer *w;

	w = crm_open_file(path, 0);
	csv_put_str(w, "metric");
	csv_put_str(w, "column");
	csv_put_str(w, "count");
	if (csv_end_row(w) == -1)
		crm_err(1, "%s", path);
	put_line(w, "rows_in", "", t->in);
	put_line(w, "rows_out", "", t->out);
	put_line(w, "rejected", "", clean_tally_rejected(t));
	put_line(w, "duplicates", "", t->dup);
	put_line(w, "rejected_syntax", "", t->syntax);
	put_line(w, "rejected_ragged", "", t->ragged);
	put_line(w, "filtered", "", t->filtered);
	if (t->expr > 0)
		put_line(w, "rejected_expression", "", t->expr);
	if (t->flagged > 0)
		put_line(w, "flagged", "", t->flagged);
	if (t->escaped > 0)
		put_line(w, "excel_escaped", "", t->escaped);
	put_cols(w, r, "rejected_required", t->required, t->ncols);
	put_cols(w, r, "rejected_match", t->nomatch, t->ncols);
	put_cols(w, r, "rejected_invalid", t->invalid, t->ncols);
	put_cols(w, r, "rejected_outlier", t->outlier, t->ncols);
	put_cols(w, r, "changed", t->changed, t->ncols);
	put_cols(w, r, "filled", t->filled, t->ncols);
	put_cols(w, r, "outliers", t->outliers, t->ncols);
	put_cols(w, r, "hashed", t->hashed, t->ncols);
	put_cols(w, r, "masked", t->masked, t->ncols);
	if (csv_writer_close(w) == -1)
		crm_err(1, "%s", path);
}

/* Per-column lines on stderr where not zero; fmt has %s then %llu. */
static void
verbose_cols(const struct csv_reader *r, const char *fmt, const uint64_t *v,
    size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (v[i] > 0)
			crm_warnx(fmt, csv_name(r, i), (unsigned long long)v[i]);
}

/* The same counts as readable lines on stderr. */
void
clean_report_verbose(const struct tally *t, const struct csv_reader *r)
{
	crm_warnx("rows in: %llu", (unsigned long long)t->in);
	crm_warnx("rows out: %llu", (unsigned long long)t->out);
	crm_warnx("rejected: %llu",
	    (unsigned long long)clean_tally_rejected(t));
	crm_warnx("duplicates: %llu", (unsigned long long)t->dup);
	crm_warnx("filtered: %llu", (unsigned long long)t->filtered);
	if (t->syntax > 0)
		crm_warnx("rejected, syntax error: %llu",
		    (unsigned long long)t->syntax);
	if (t->ragged > 0)
		crm_warnx("rejected, ragged row: %llu",
		    (unsigned long long)t->ragged);
	if (t->expr > 0)
		crm_warnx("rejected, expression: %llu",
		    (unsigned long long)t->expr);
	verbose_cols(r, "rejected, column '%s' empty: %llu", t->required,
	    t->ncols);
	verbose_cols(r, "rejected, column '%s' not matching: %llu",
	    t->nomatch, t->ncols);
	verbose_cols(r, "rejected, column '%s' invalid: %llu", t->invalid,
	    t->ncols);
	verbose_cols(r, "rejected, column '%s' outlier: %llu", t->outlier,
	    t->ncols);
	verbose_cols(r, "changed, column '%s': %llu", t->changed, t->ncols);
	verbose_cols(r, "filled, column '%s': %llu", t->filled, t->ncols);
	verbose_cols(r, "outliers, column '%s': %llu", t->outliers, t->ncols);
	verbose_cols(r, "hashed, column '%s': %llu", t->hashed, t->ncols);
	verbose_cols(r, "masked, column '%s': %llu", t->masked, t->ncols);
	if (t->flagged > 0)
		crm_warnx("flagged with errors: %llu",
		    (unsigned long long)t->flagged);
	if (t->escaped > 0)
		crm_warnx("cells escaped for spreadsheets: %llu",
		    (unsigned long long)t->escaped);
}
