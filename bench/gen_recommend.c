/*
 * gen_recommend.c: crm-gen recommend: interactions for crm-recommend's
 * benchmark: customer_id,item,date, one row per item of a basket.
 *
 * 1,000 items in 40 categories of 25; each item has a global weight
 * (Zipf, exponent 0.8).  A customer likes one to three categories
 * (drawn by weight); they make 1 + Poisson-like number of baskets (on
 * distinct days) of 2 to 6 items, each item from a liked category with
 * probability 0.75 (by weight within the category), else from the
 * whole catalogue (by weight).  With the defaults, 118,000 customers
 * give about 1.8 million rows.  Deterministic for a --seed (rng.h);
 * written with the core CSV writer.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "opt.h"
#include "rng.h"

int	 gen_recommend(int argc, char *argv[]);

#define NITEMS	1000
#define NCAT	40
#define PERCAT	(NITEMS / NCAT)

/* An index into the cumulative weights cum[0..n) by a uniform draw. */
static size_t
draw(struct rng *r, const double *cum, size_t n)
{
	double u = rng_uniform(r) * cum[n - 1];
	size_t lo = 0, hi = n - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cum[mid] <= u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
customer(struct csv_writer *w, struct rng *r, size_t c, const double *cum,
    const double *catcum, const double *incat)
{
	size_t likes[3], nl = 1 + rng_below(r, 3), nb, b, k, i, nk;
	int64_t day = date_days_from_civil(2024, 1, 1) +
	    (int64_t)rng_below(r, 200);
	char id[32], item[32], d[16];

	for (i = 0; i < nl; i++)
		likes[i] = draw(r, catcum, NCAT);
	nb = 1 + (size_t)floor(rng_exponential(r, 1.0 / 3.3));
	snprintf(id, sizeof(id), "C%06zu", c);
	for (b = 0; b < nb; b++) {
		day += 1 + (int64_t)rng_below(r, 30);
		date_fmt_day(d, day);
		nk = 2 + rng_below(r, 5);
		for (k = 0; k < nk; k++) {
			if (rng_uniform(r) < 0.75) {
				size_t cat = likes[rng_below(r, nl)];

				i = cat * PERCAT + draw(r, incat + cat * PERCAT,
				    PERCAT);
			} else
				i = draw(r, cum, NITEMS);
			snprintf(item, sizeof(item), "I%04zu", i);
			csv_put_str(w, id);
			csv_put_str(w, item);
			csv_put_str(w, d);
			csv_end_row(w);
		}
	}
}

int
gen_recommend(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "customers",	required_argument, NULL, 'c' },
		{ "output",	required_argument, NULL, 'o' },
		{ "seed",	required_argument, NULL, 's' },
		{ NULL,		0,		   NULL, 0 }
	};
	double cum[NITEMS], catcum[NCAT], incat[NITEMS], s = 0, wt;
	const char *out = NULL;
	long long ncust = 118000;
	uint64_t seed = 1;
	struct csv_writer *w;
	struct rng r;
	size_t i, c;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1)
		switch (ch) {
		case 'c':
			ncust = opt_int(optarg, 1, 100000000, "--customers");
			break;
		case 'o':
			out = optarg;
			break;
		case 's':
			seed = (uint64_t)opt_int(optarg, 0, 1LL << 62,
			    "--seed");
			break;
		default:
			crm_errx(2, "usage: crm-gen recommend [--customers N] "
			    "[--seed N] [-o FILE]");
		}
	rng_seed(&r, seed);
	/* item weights: Zipf over a shuffled order, so that categories mix */
	{
		size_t perm[NITEMS];

		for (i = 0; i < NITEMS; i++)
			perm[i] = i;
		rng_shuffle(&r, perm, NITEMS);
		for (i = 0; i < NITEMS; i++)
			incat[perm[i]] = pow((double)i + 1, -0.8);
	}
	for (i = 0; i < NITEMS; i++) {
		s += incat[i];
		cum[i] = s;
	}
	for (c = 0; c < NCAT; c++) {
		wt = 0;
		for (i = 0; i < PERCAT; i++) {
			wt += incat[c * PERCAT + i];
			incat[c * PERCAT + i] = wt;	/* cumulative in place */
		}
		catcum[c] = (c > 0 ? catcum[c - 1] : 0) + wt;
	}
	if ((w = csv_writer_open(out, 0)) == NULL)
		crm_err(1, "%s", out != NULL ? out : "<stdout>");
	csv_put_str(w, "customer_id");
	csv_put_str(w, "item");
	csv_put_str(w, "date");
	csv_end_row(w);
	for (c = 0; c < (size_t)ncust; c++) {
		rng_seed_stream(&r, seed, c);
		customer(w, &r, c, cum, catcum, incat);
	}
	if (csv_writer_close(w) == -1)
		crm_err(1, "%s", out != NULL ? out : "<stdout>");
	return 0;
}
