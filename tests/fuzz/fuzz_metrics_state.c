/*
 * fuzz_metrics_state.c: libFuzzer target for the partial states that
 * `crm-metrics merge` reads: every record of the input goes through the
 * transaction and the survey state checks (cmd/crm-metrics/state.c) and
 * the accepted ones are folded as merge folds them.  What is accepted
 * must be within the documented ranges, and folding never wraps.  The
 * first byte picks the survey scale, whether --period is on and which.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "date.h"
#include "fixsum.h"

#include "../../cmd/crm-metrics/metrics.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char path[64];

static void
cleanup(void)
{
	unlink(path);
}

/* Check one accepted transaction row and fold it into acc. */
static void
tx(struct rec *acc, const struct state_tx *st)
{
	struct rec r;
	uint32_t before = acc->n;

	if (st->rows == 0 || st->day < date_days_from_civil(0, 1, 1) ||
	    st->day > date_days_from_civil(9999, 12, 31))
		abort();
	if (st->has_amount && (!fixsum_ok(&st->amount) ||
	    !(fabs(fixsum_get(&st->amount)) < 1e15 * st->rows)))
		abort();
	memset(&r, 0, sizeof(r));
	r.n = st->rows;
	r.amount = st->amount;
	if (metrics_rec_fold(acc, &r) == 0) {
		if (acc->n < before || acc->n - before != r.n)
			abort();	/* wrapped */
	} else if (acc->n != before || (uint64_t)before + r.n <= UINT32_MAX)
		abort();	/* refused without cause, or changed */
}

static void
survey(const struct state_sv *st, int lo, int hi, int has_period,
    enum period per)
{
	char buf[32];

	if (st->score < lo || st->score > hi || st->count == 0 ||
	    st->count > (uint64_t)INT64_MAX)
		abort();
	if (!has_period && st->period != 0)
		abort();
	if (has_period && period_label(buf, per, st->period) >= 16)
		abort();	/* a label of a year 0..9999 period */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int his[] = { 10, 5, 7, 10 };
	struct csv_reader *r;
	const struct csv_row *row;
	struct state_tx st;
	struct state_sv sv;
	struct rec acc;
	const char *col, *why;
	char *paths[1];
	int rc, lo, hi, has_period;
	enum period per;
	FILE *f;

	if (size == 0)
		return 0;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz_mstate.%ld",
		    (long)getpid());
		atexit(cleanup);
	}
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	hi = his[data[0] & 3];
	lo = (data[0] & 4) ? 0 : 1;
	has_period = (data[0] & 8) != 0;
	per = (enum period)((data[0] >> 4) % 5);
	memset(&acc, 0, sizeof(acc));
	paths[0] = path;
	r = csv_open(paths, 1, ',');
	if (csv_read_header(r) == 1)
		while ((rc = csv_read(r, &row)) != 0) {
			if (rc < 0) {
				if (csv_lasterr(r)->fatal)
					break;
				continue;
			}
			if (metrics_state_tx(row, &st, &col, &why) == 0)
				tx(&acc, &st);
			else if (col == NULL || why == NULL)
				abort();	/* a refusal always says why */
			if (metrics_state_survey(row, lo, hi, has_period, per,
			    &sv, &col, &why) == 0)
				survey(&sv, lo, hi, has_period, per);
			else if (col == NULL || why == NULL)
				abort();
		}
	csv_close(r);
	return 0;
}
