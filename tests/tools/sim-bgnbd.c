/*
 * sim-bgnbd: simulate customers from known BG/NBD and Gamma-Gamma
 * parameters, to test that crm-metrics fits them back.
 *
 * Each customer: lambda ~ Gamma(r, 1/alpha), p ~ Beta(a, b), nu ~
 * Gamma(q, 1/v); the first purchase at a time s uniform in [0, span),
 * then purchases in a Poisson process of rate lambda until T_end, the
 * customer dropping out after each repeat purchase with probability p;
 * every purchase's amount ~ Gamma(pp, 1/nu).
 *
 * usage: sim-bgnbd [-n customers] [-s seed] [-S] [r alpha a b pp q v]
 * Default output: transactions customer_id,date,amount, one time unit a
 * week from 2020-01-06 (dates are days); -S: the exact summary
 * customer_id,frequency,recency,T,monetary_value in time units.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "err.h"
#include "opt.h"
#include "rng.h"

#define SPAN	12.0	/* acquisition over the first 12 units */
#define TEND	52.0	/* observation ends at 52 units */

struct simp {
	double	 r, alpha, a, b, pp, q, v;
};

static void
one(struct rng *g, const struct simp *m, long id, int summary, int64_t day0)
{
	double lam = rng_gamma(g, m->r, 1 / m->alpha);
	double p = rng_beta(g, m->a, m->b);
	double nu = rng_gamma(g, m->q, 1 / m->v);
	double s = SPAN * rng_uniform(g), t = s, last = s, sum = 0, z;
	char buf[16];
	long x = 0;

	z = rng_gamma(g, m->pp, 1 / nu);
	if (!summary) {
		date_fmt_day(buf, day0 + (int64_t)(s * 7));
		printf("c%ld,%s,%.2f\n", id, buf, z);
	}
	for (;;) {
		t += rng_exponential(g, lam);
		if (t >= TEND)
			break;
		z = rng_gamma(g, m->pp, 1 / nu);
		x++;
		sum += z;
		last = t;
		if (!summary) {
			date_fmt_day(buf, day0 + (int64_t)(t * 7));
			printf("c%ld,%s,%.2f\n", id, buf, z);
		}
		if (rng_uniform(g) < p)
			break;
	}
	if (summary)
		printf("c%ld,%ld,%.17g,%.17g,%.17g\n", id, x, last - s, TEND - s,
		    x > 0 ? sum / (double)x : 0.0);
}

int
main(int argc, char **argv)
{
	struct simp m = { 0.25, 4.0, 0.8, 2.5, 6.0, 3.8, 15.0 };
	struct rng g;
	long i, n = 10000;
	int ch, summary = 0;
	uint64_t seed = 1;
	double *v = &m.r;

	crm_setprogname("sim-bgnbd");
	while ((ch = getopt(argc, argv, "n:s:S")) != -1) {
		if (ch == 'n')
			n = (long)opt_int(optarg, 1, 100000000, "-n");
		else if (ch == 's')
			seed = (uint64_t)opt_int(optarg, 0, INT64_MAX, "-s");
		else if (ch == 'S')
			summary = 1;
		else
			crm_errx(2, "usage: sim-bgnbd [-n customers] [-s seed] "
			    "[-S] [r alpha a b p q v]");
	}
	for (i = 0; optind + i < argc && i < 7; i++)
		v[i] = opt_double(argv[optind + i], 1e-6, 1e6, "parameter");
	rng_seed(&g, seed);
	puts(summary ? "customer_id,frequency,recency,T,monetary_value" :
	    "customer_id,date,amount");
	for (i = 0; i < n; i++)
		one(&g, &m, i + 1, summary, date_days_from_civil(2020, 1, 6));
	return fflush(stdout) != 0 || ferror(stdout);
}
