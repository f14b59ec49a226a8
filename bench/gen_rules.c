/*
 * gen_rules.c: baskets for crm-rules' benchmark (crm-gen rules).
 *
 * Items have Zipf popularity (exponent 1); a basket holds 1 + a
 * geometric number of items, and with some probability one of a set of
 * planted bundles (2 to 5 items, their own Zipf popularity, each item
 * kept with probability 0.8), so that rules exist to be found.  The same
 * baskets are written in long form (order_id,item; --long FILE) and one
 * basket a line without a header (--lines FILE), through the core's CSV
 * writer; the seed fixes every byte.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "opt.h"
#include "rng.h"

#include "gen.h"

int	gen_rules(int argc, char *argv[]);

#define NBUNDLES	150

struct rgen {
	long long	 baskets;
	long long	 items;
	uint64_t	 seed;
	const char	*longf, *linesf;
};

/* Cumulative Zipf weights 1/(i+1) of n items. */
static double *
zipf_cdf(size_t n)
{
	double *c = xmalloc(n * sizeof(*c)), s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c[i] = (s += 1.0 / (double)(i + 1));
	for (i = 0; i < n; i++)
		c[i] /= s;
	return c;
}

static size_t
zipf_draw(struct rng *r, const double *cdf, size_t n)
{
	double u = rng_uniform(r);
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
rgen_usage(int status)
{
	fprintf(status ? stderr : stdout, "usage: crm-gen rules [--baskets N] "
	    "[--items N] [--seed N] [--long FILE] [--lines FILE]\n");
	exit(status);
}

static void
rgen_args(int argc, char *argv[], struct rgen *g)
{
	static const struct option longopts[] = {
		{ "baskets",	required_argument, NULL, 'b' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ "items",	required_argument, NULL, 'i' },
		{ "lines",	required_argument, NULL, 'L' },
		{ "long",	required_argument, NULL, 'l' },
		{ "seed",	required_argument, NULL, 's' },
		{ NULL,		0,		   NULL, 0 }
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			g->baskets = opt_int(optarg, 1, 1000000000,
			    "--baskets");
			break;
		case 'h':
			rgen_usage(0);
			break;
		case 'i':
			g->items = opt_int(optarg, 10, 10000000, "--items");
			break;
		case 'L': g->linesf = optarg; break;
		case 'l': g->longf = optarg; break;
		case 's':
			g->seed = (uint64_t)opt_int(optarg, 0, LLONG_MAX,
			    "--seed");
			break;
		default:
			rgen_usage(2);
		}
	}
	if (optind != argc || (g->longf == NULL && g->linesf == NULL))
		rgen_usage(2);
}

/* Draw one basket into b (distinct items); returns its size. */
static size_t
draw_basket(struct rng *r, const struct rgen *g, const double *icdf,
    const double *bcdf, uint32_t bundles[][5], size_t *b, size_t cap)
{
	size_t n = 0, want = 1, k, j, it;

	while (rng_uniform(r) < 0.62 && want < cap)
		want++;
	if (rng_uniform(r) < 0.35) {
		size_t bi = zipf_draw(r, bcdf, NBUNDLES);

		for (k = 0; k < 5 && bundles[bi][k] != UINT32_MAX; k++)
			if (rng_uniform(r) < 0.8 && n < cap)
				b[n++] = bundles[bi][k];
	}
	while (n < want) {
		it = zipf_draw(r, icdf, (size_t)g->items);
		for (j = 0; j < n && b[j] != it; j++)
			;
		if (j == n)
			b[n++] = it;
	}
	return n;
}

static struct csv_writer *
open_or_die(const char *path)
{
	struct csv_writer *w;

	if (path == NULL)
		return NULL;
	if ((w = csv_writer_open(path, 0)) == NULL)
		crm_err(1, "%s", path);
	return w;
}

static void
close_or_die(struct csv_writer *w, const char *path)
{
	if (w != NULL && csv_writer_close(w) == -1)
		crm_err(1, "write error on %s", path);
}

int
gen_rules(int argc, char *argv[])
{
	struct rgen g = { 753000, 2000, 1, NULL, NULL };
	uint32_t bundles[NBUNDLES][5];
	double *icdf, *bcdf;
	struct csv_writer *wl, *wb;
	struct rng r;
	size_t b[64], n, k;
	char id[32], name[32];
	long long o;

	rgen_args(argc, argv, &g);
	rng_seed(&r, g.seed);
	icdf = zipf_cdf((size_t)g.items);
	bcdf = zipf_cdf(NBUNDLES);
	for (o = 0; o < NBUNDLES; o++) {
		size_t len = 2 + rng_below(&r, 4);

		for (k = 0; k < 5; k++)
			bundles[o][k] = k < len ? (uint32_t)rng_below(&r,
			    (uint64_t)g.items) : UINT32_MAX;
	}
	wl = open_or_die(g.longf);
	wb = open_or_die(g.linesf);
	if (wl != NULL) {
		csv_put_str(wl, "order_id");
		csv_put_str(wl, "item");
		csv_end_row(wl);
	}
	for (o = 0; o < g.baskets; o++) {
		n = draw_basket(&r, &g, icdf, bcdf, bundles, b, 64);
		snprintf(id, sizeof(id), "B%07lld", o + 1);
		for (k = 0; k < n; k++) {
			snprintf(name, sizeof(name), "P%05zu", b[k]);
			if (wl != NULL) {
				csv_put_str(wl, id);
				csv_put_str(wl, name);
				csv_end_row(wl);
			}
			if (wb != NULL)
				csv_put_str(wb, name);
		}
		if (wb != NULL)
			csv_end_row(wb);
	}
	close_or_die(wl, g.longf);
	close_or_die(wb, g.linesf);
	free(icdf);
	free(bcdf);
	return 0;
}
