/*
 * gen_segment.c: crm-gen segment: customers with four numeric features
 * for crm-segment's benchmark (customer_id, recency, frequency,
 * monetary_total, tenure), drawn from eight overlapping latent groups
 * with log-normal spread, so that k-means has real work to do.
 * Deterministic for a seed; written through the core's CSV writer.
 */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "csv.h"
#include "err.h"
#include "gen.h"
#include "opt.h"
#include "rng.h"

/* Per group: mean recency, frequency, monetary, tenure (days, counts,
 * money), each drawn log-normal around it. */
static const double groups[8][4] = {
	{ 10, 25, 2500, 700 }, { 30, 12, 900, 600 }, { 60, 4, 300, 200 },
	{ 20, 2, 120, 40 }, { 200, 6, 500, 650 }, { 350, 1.5, 60, 400 },
	{ 120, 3, 200, 300 }, { 500, 1, 30, 520 },
};

/* Write rows customers; returns the exit status. */
int	 gen_segment(int argc, char *argv[]);

int
gen_segment(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "gzip",	no_argument,	   NULL, 'z' },
		{ "output",	required_argument, NULL, 'o' },
		{ "rows",	required_argument, NULL, 'r' },
		{ "seed",	required_argument, NULL, 's' },
		{ NULL,		0,		   NULL, 0 }
	};
	long long rows = 200000, i;
	uint64_t seed = 1;
	const char *out = NULL;
	struct csv_writer *w;
	struct rng r;
	char id[32];
	int ch, gz = 0, g;

	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1)
		switch (ch) {
		case 'o': out = optarg; break;
		case 'r': rows = opt_int(optarg, 0, 100000000, "--rows"); break;
		case 's': seed = (uint64_t)opt_int(optarg, 0, INT64_MAX,
		    "--seed"); break;
		case 'z': gz = 1; break;
		default:
			crm_errx(2, "usage: crm-gen segment [--rows N] "
			    "[--seed S] [-o FILE] [--gzip]");
		}
	if ((w = csv_writer_open(out, gz)) == NULL)
		crm_err(1, "%s", out ? out : "<stdout>");
	rng_seed(&r, seed);
	csv_put_str(w, "customer_id");
	csv_put_str(w, "recency");
	csv_put_str(w, "frequency");
	csv_put_str(w, "monetary_total");
	csv_put_str(w, "tenure");
	csv_end_row(w);
	for (i = 0; i < rows; i++) {
		g = (int)rng_below(&r, 8);
		snprintf(id, sizeof(id), "S%07lld", i + 1);
		csv_put_str(w, id);
		csv_put_int(w, (long long)(groups[g][0] *
		    exp(0.5 * rng_normal(&r))));
		csv_put_int(w, 1 + (long long)(groups[g][1] *
		    exp(0.4 * rng_normal(&r))));
		csv_put_fixed(w, groups[g][2] * exp(0.6 * rng_normal(&r)), 2);
		csv_put_int(w, (long long)(groups[g][3] *
		    exp(0.3 * rng_normal(&r))));
		csv_end_row(w);
	}
	if (csv_writer_close(w) != 0)
		crm_err(1, "%s", out ? out : "<stdout>");
	return 0;
}
