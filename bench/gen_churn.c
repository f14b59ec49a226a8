/*
 * gen_churn.c: `crm-gen churn`: a labelled customer table for
 * crm-churn's benchmark: customer_id, 12 numeric and 8 categorical
 * features (a few blanks in total_charges) and churned (Yes/No) drawn
 * from a logistic model with thresholds and interactions, so that trees
 * have something to find that a linear model does not.  Deterministic
 * for a seed (common/rng.h), written through the core's CSV writer.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "err.h"
#include "opt.h"
#include "rng.h"

#include "gen.h"

int	 gen_churn(int argc, char *argv[]);

static const char *const contracts[] = { "Month-to-month", "One year",
	"Two year" };
static const char *const payments[] = { "Electronic check",
	"Mailed check", "Bank transfer", "Credit card" };
static const char *const plans[] = { "basic", "plus", "premium" };
static const char *const channels[] = { "web", "store", "phone" };
static const char *const devices[] = { "android", "ios", "desktop" };
static const char *const genders[] = { "F", "M" };
static const char *const yesno[] = { "No", "Yes" };
static const char *const header[] = { "customer_id", "tenure",
	"monthly_charges", "total_charges", "age", "calls", "tickets",
	"usage_gb", "late_payments", "discount", "satisfaction", "products",
	"last_login_days", "contract", "payment", "region", "plan", "gender",
	"channel", "device", "paperless", "churned", NULL };

static int
pick(struct rng *r, size_t n)
{
	return (int)rng_below(r, n);
}

/* One customer: the fields and the label. */
static void
customer(struct csv_writer *w, struct rng *r, unsigned long id)
{
	char buf[32];
	int tenure = pick(r, 73), con = pick(r, 3), pay = pick(r, 4);
	int region = pick(r, 12), plan = pick(r, 3), age;
	int tickets = (int)floor(rng_exponential(r, 0.7));
	int late = (int)floor(rng_exponential(r, 1.2)), sat = 1 + pick(r, 5);
	int prods = 1 + pick(r, 6), paper = pick(r, 2);
	double monthly = 20 + 100 * rng_uniform(r), calls, usage, disc;
	double login = rng_exponential(r, 1.0 / 20), z;

	age = 18 + (int)fmin(62, fabs(rng_normal(r) * 15 + 25));
	calls = floor(rng_exponential(r, 0.1));
	usage = exp(2 + rng_normal(r));
	disc = floor(rng_uniform(r) * 31) / 100;
	z = -1.2 + 1.6 * (con == 0) - 0.6 * (con == 2) - 0.035 * tenure +
	    0.012 * (monthly - 60) + 0.45 * tickets * (sat <= 2) +
	    0.6 * (late >= 2) + 0.5 * sin(age / 8.0) +
	    0.9 * (login > 30) * (plan == 0) - 0.25 * prods +
	    0.3 * (region % 4 == 1) + 0.4 * (pay == 0) - 2 * disc * (con == 0) +
	    0.2 * paper - 0.1 * log1p(usage) + 0.3 * rng_normal(r);
	snprintf(buf, sizeof(buf), "C%07lu", id);
	csv_put_str(w, buf);
	csv_put_int(w, tenure);
	csv_put_fixed(w, monthly, 2);
	if (rng_uniform(r) < 0.005)
		csv_put_str(w, "");
	else
		csv_put_fixed(w, monthly * tenure * (0.9 + 0.2 *
		    rng_uniform(r)), 2);
	csv_put_int(w, age);
	csv_put_int(w, (long long)calls);
	csv_put_int(w, tickets);
	csv_put_fixed(w, usage, 2);
	csv_put_int(w, late);
	csv_put_fixed(w, disc, 2);
	csv_put_int(w, sat);
	csv_put_int(w, prods);
	csv_put_fixed(w, login, 1);
	csv_put_str(w, contracts[con]);
	csv_put_str(w, payments[pay]);
	snprintf(buf, sizeof(buf), "R%02d", region);
	csv_put_str(w, buf);
	csv_put_str(w, plans[plan]);
	csv_put_str(w, genders[pick(r, 2)]);
	csv_put_str(w, channels[pick(r, 3)]);
	csv_put_str(w, devices[pick(r, 3)]);
	csv_put_str(w, yesno[paper]);
	csv_put_str(w, yesno[rng_uniform(r) < 1 / (1 + exp(-z))]);
	csv_end_row(w);
}

/* crm-gen churn [--rows N] [--seed N] [-o FILE] */
int
gen_churn(int argc, char *argv[])
{
	static const struct option lo[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "rows", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL;
	unsigned long rows = 200000, i;
	uint64_t seed = 42;
	struct csv_writer *w;
	struct rng r;
	int ch;

	while ((ch = crm_getopt(argc, argv, "o:", lo)) != -1) {
		if (ch == 'o')
			out = optarg;
		else if (ch == 'n')
			rows = (unsigned long)opt_int(optarg, 0, 100000000,
			    "--rows");
		else if (ch == 's')
			seed = (uint64_t)opt_int(optarg, 0, INT64_MAX, "--seed");
		else
			crm_errx(2, "usage: crm-gen churn [--rows N] "
			    "[--seed N] [-o FILE]");
	}
	w = crm_open_file(out, 0);
	for (i = 0; header[i] != NULL; i++)
		csv_put_str(w, header[i]);
	csv_end_row(w);
	rng_seed(&r, seed);
	for (i = 0; i < rows; i++)
		customer(w, &r, i + 1);
	crm_close_output(w);
	return 0;
}
