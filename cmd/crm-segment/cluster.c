/*
 * cluster.c: the subcommands that cluster a feature table held in
 * memory: kmeans (k given or chosen by silhouette, profile, model),
 * hierarchical (Ward) and dbscan.  Each reads every row, keeps the
 * rows whose features parse (the others go through the bad-row
 * policy), and writes them back with the segment columns appended.
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
#include "par.h"
#include "rng.h"
#include "ml/kmeans.h"
#include "ml/mfile.h"

#include "segment.h"

/* The data of one clustering run. */
struct data {
	struct crm_input *in;
	struct table	 t;
	struct feat	 f;
};

/*
 * Read every row: the table and the features.  Returns 0 on completely
 * empty input (nothing to write).
 */
static int
load(const struct opts *o, struct data *d)
{
	const struct csv_row *row;
	int more;

	memset(d, 0, sizeof(*d));
	if ((d->in = input_open(&o->com, o->files, o->nfiles)) == NULL)
		return 0;
	table_init(&d->t, csv_ncols(input_reader(d->in)));
	/* the first row tells the numeric columns (without -c) */
	more = input_next(d->in, &row);
	feat_init(&d->f, o, d->in, more ? row : NULL);
	for (; more; more = input_next(d->in, &row))
		if (feat_add(&d->f, d->in, row) == 0)
			table_add(&d->t, row);
	feat_fit(&d->f);
	return 1;
}

static void
unload(struct data *d)
{
	table_free(&d->t);
	feat_free(&d->f);
	input_close(d->in);
}

/* k above the distinct rows: a clear error (exit 1). */
static void
check_k(const struct data *d, size_t k, const char *what)
{
	size_t nd = feat_distinct(&d->f, k);

	if (nd < k)
		crm_errx(1, "%s %zu is above the number of distinct rows "
		    "(%zu)", what, k, nd);
}

/* The rows with their segment (and distance when dist != NULL). */
static void
write_rows(const struct opts *o, struct data *d, const long *lab,
    const double *dist)
{
	static const char *const kcols[] = { "segment", "distance", NULL };
	static const char *const scols[] = { "segment", NULL };
	struct csv_writer *w = crm_open_output(&o->com);
	size_t i;

	seg_header(o, d->in, w, dist != NULL ? kcols : scols);
	for (i = 0; i < d->t.n; i++) {
		table_put(&d->t, i, w);
		csv_put_int(w, lab[i]);
		if (dist != NULL)
			csv_put_num(w, dist[i]);
		csv_end_row(w);
	}
	crm_close_output(w);
}

/* Silhouette of labels on the sampled rows: one row's share. */
struct sil {
	const double	*X;
	size_t		 p, k, m;
	const size_t	*idx;		/* m sampled rows */
	const uint32_t	*lab;
	double		*s;		/* per sampled row */
	double		*sums;		/* per thread: k */
	size_t		*cnt;		/* k: sampled rows per cluster */
};

static void
sil_rows(void *arg, size_t lo, size_t hi, int thread)
{
	const struct sil *s = arg;
	double *sum = s->sums + (size_t)thread * s->k, d, e, a, b;
	const double *x, *y;
	size_t i, j, q, c;

	for (i = lo; i < hi; i++) {
		memset(sum, 0, s->k * sizeof(*sum));
		x = s->X + s->idx[i] * s->p;
		for (j = 0; j < s->m; j++) {
			y = s->X + s->idx[j] * s->p;
			for (d = 0, q = 0; q < s->p; q++) {
				e = x[q] - y[q];
				d += e * e;
			}
			sum[s->lab[s->idx[j]]] += sqrt(d);
		}
		c = s->lab[s->idx[i]];
		if (s->cnt[c] < 2) {
			s->s[i] = 0;	/* a single row: 0, as sklearn */
			continue;
		}
		a = sum[c] / (double)(s->cnt[c] - 1);
		for (b = HUGE_VAL, q = 0; q < s->k; q++)
			if (q != c && s->cnt[q] > 0)
				b = fmin(b, sum[q] / (double)s->cnt[q]);
		s->s[i] = fmax(a, b) > 0 ? (b - a) / fmax(a, b) : 0;
	}
}

/* The mean silhouette of the sample idx[0..m) under labels lab. */
static double
silhouette(const double *X, size_t p, size_t k, const size_t *idx, size_t m,
    const uint32_t *lab, int nthreads)
{
	struct sil s = { X, p, k, m, idx, lab, NULL, NULL, NULL };
	double r = 0;
	size_t i;

	s.s = xcalloc(m, sizeof(*s.s));
	s.sums = xcalloc((size_t)nthreads * k, sizeof(*s.sums));
	s.cnt = xcalloc(k, sizeof(*s.cnt));
	for (i = 0; i < m; i++)
		s.cnt[lab[idx[i]]]++;
	par_for_grain(m, nthreads, 64, sil_rows, &s);
	for (i = 0; i < m; i++)
		r += s.s[i];
	free(s.s);
	free(s.sums);
	free(s.cnt);
	return r / (double)m;
}

/* A seeded sample of up to o->sample rows, in row order. */
static size_t *
sample_rows(const struct opts *o, size_t n, size_t *m)
{
	size_t *idx = xcalloc(n, sizeof(*idx)), i, j, t;
	struct rng r;

	for (i = 0; i < n; i++)
		idx[i] = i;
	*m = n < o->sample ? n : o->sample;
	rng_seed_stream(&r, o->com.seed, 0x5111);
	for (i = 0; i < *m && *m < n; i++) {
		j = i + (size_t)rng_below(&r, n - i);
		t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
	}
	for (i = 1; i < *m; i++)	/* insertion sort is fine: m small */
		for (j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	return idx;
}

/*
 * The curve of -k auto: to --curve FILE as CSV, else (without -q) to
 * stderr as an aligned table, the k chosen marked.
 */
static void
write_curve(const struct opts *o, size_t kmin, size_t kmax,
    const double *inertia, const double *sil, size_t best, size_t m,
    size_t n)
{
	struct csv_writer *w;
	size_t k;

	if (o->curve != NULL) {
		w = crm_open_file(o->curve, 0);
		csv_put_str(w, "k");
		csv_put_str(w, "inertia");
		csv_put_str(w, "silhouette");
		csv_end_row(w);
		for (k = kmin; k <= kmax; k++) {
			csv_put_int(w, (long long)k);
			csv_put_num(w, inertia[k - kmin]);
			csv_put_num(w, sil[k - kmin]);
			csv_end_row(w);
		}
		crm_close_output(w);
		return;
	}
	if (o->com.quiet)
		return;
	crm_warnx("k by silhouette (on %zu of %zu rows):", m, n);
	crm_warnx("%5s %16s %11s", "k", "inertia", "silhouette");
	for (k = kmin; k <= kmax; k++)
		crm_warnx("%5zu %16.6f %11.4f%s", k, inertia[k - kmin],
		    sil[k - kmin], k == best ? "  <- best" : "");
}

/*
 * -k auto: fit every k of the range, keep the best silhouette (ties:
 * the smaller k); the curve goes to --curve FILE or stderr.  C gets
 * the centres of the k chosen (room for kmax x p).
 */
static size_t
choose_k(const struct opts *o, struct data *d, struct kmeans_opts *ko,
    double *C, uint32_t *lab)
{
	size_t kmax = o->kmax, k, m, best = 0, p = d->f.p;
	size_t *idx = sample_rows(o, d->f.n, &m);
	double *Ck = xcalloc(kmax * p, sizeof(*Ck)), bsil = -2;
	double *in = xcalloc(kmax + 1, sizeof(*in));
	double *sil = xcalloc(kmax + 1, sizeof(*sil));
	struct kmeans_info info;

	kmax = feat_distinct(&d->f, kmax);
	if (kmax < o->kmin)
		crm_errx(1, "--k-min %zu is above the number of distinct rows "
		    "(%zu)", o->kmin, kmax);
	for (k = o->kmin; k <= kmax; k++) {
		ko->k = k;
		kmeans_fit(d->f.X, d->f.n, p, ko, Ck, lab, &info);
		in[k - o->kmin] = info.inertia;
		sil[k - o->kmin] = silhouette(d->f.X, p, k, idx, m, lab,
		    ko->nthreads);
		if (sil[k - o->kmin] > bsil) {
			bsil = sil[k - o->kmin];
			best = k;
			memcpy(C, Ck, k * p * sizeof(*C));
		}
	}
	write_curve(o, o->kmin, kmax, in, sil, best, m, d->f.n);
	free(in);
	free(sil);
	free(Ck);
	free(idx);
	return best;
}

/* --profile: size, share and the mean of each feature, original units. */
static void
write_profile(const struct opts *o, const struct data *d, size_t k,
    const long *lab)
{
	struct csv_writer *w = crm_open_file(o->profile, 0);
	double *sum = xcalloc(k * d->f.p, sizeof(*sum));
	size_t *cnt = xcalloc(k, sizeof(*cnt)), i, j, c, n = d->f.n, p = d->f.p;

	for (i = 0; i < n; i++) {
		cnt[lab[i]]++;
		for (j = 0; j < p; j++)
			sum[(size_t)lab[i] * p + j] += d->f.raw[i * p + j];
	}
	csv_put_str(w, "segment");
	csv_put_str(w, "size");
	csv_put_str(w, "share");
	for (j = 0; j < p; j++)
		csv_put_str(w, feat_name(&d->f, j));
	csv_end_row(w);
	for (c = 0; c < k; c++) {
		csv_put_int(w, (long long)c);
		csv_put_int(w, (long long)cnt[c]);
		csv_put_num(w, (double)cnt[c] / (double)n);
		for (j = 0; j < p; j++)
			csv_put_num(w, cnt[c] ? sum[c * p + j] /
			    (double)cnt[c] : 0);
		csv_end_row(w);
	}
	crm_close_output(w);
	free(sum);
	free(cnt);
}

static void
save_kmeans(const struct opts *o, const struct feat *f, const double *C,
    size_t k)
{
	struct model_writer *m;

	if ((m = model_create(o->model, "crm-segment", "kmeans")) == NULL)
		crm_err(1, "%s", o->model);
	feat_save(f, m);
	model_put(m, "kmeans.k", "%zu", k);
	mfile_put_array(m, "kmeans.centres", C, k * f->p);
	if (model_close(m) != 0)
		crm_err(1, "%s", o->model);
}

int
seg_kmeans(const struct opts *o)
{
	struct data d;
	struct kmeans_opts ko;
	struct kmeans_info info;
	size_t k = o->k, i, p;
	double *C, *dist;
	uint32_t *lab;
	long *sl;

	if (!load(o, &d))
		return 0;
	p = d.f.p;
	if (d.f.n == 0) {	/* the header alone, distance too */
		write_rows(o, &d, NULL, &info.inertia);
		unload(&d);
		return 0;
	}
	kmeans_defaults(&ko);
	ko.ninit = o->ninit;
	ko.maxit = o->maxit;
	ko.tol = o->tol;
	ko.seed = o->com.seed;
	ko.nthreads = crm_nthreads(&o->com);
	ko.algo = o->algo;
	ko.refine = !o->norefine;
	C = xcalloc((o->kauto ? o->kmax : k) * p, sizeof(*C));
	lab = xcalloc(d.f.n, sizeof(*lab));
	if (o->kauto)
		k = choose_k(o, &d, &ko, C, lab);
	else
		check_k(&d, k, "-k");
	ko.k = k;
	kmeans_fit(d.f.X, d.f.n, p, &ko, C, lab, &info);
	dist = xcalloc(d.f.n, sizeof(*dist));
	sl = xcalloc(d.f.n, sizeof(*sl));
	for (i = 0; i < d.f.n; i++) {
		sl[i] = (long)kmeans_assign(C, k, p, d.f.X + i * p, &dist[i]);
		dist[i] = sqrt(dist[i]);
	}
	if (!o->com.quiet && o->kauto)
		crm_warnx("k %zu chosen; inertia %.17g", k, info.inertia);
	write_rows(o, &d, sl, dist);
	if (o->profile != NULL)
		write_profile(o, &d, k, sl);
	if (o->model != NULL)
		save_kmeans(o, &d.f, C, k);
	free(C);
	free(lab);
	free(dist);
	free(sl);
	unload(&d);
	return 0;
}

int
seg_hier(const struct opts *o)
{
	struct data d;
	long *lab;

	if (!load(o, &d))
		return 0;
	if (d.f.n > o->maxrows)
		crm_errx(1, "hierarchical: %zu rows are above --max-rows %zu "
		    "(its time grows with the square of the rows)", d.f.n,
		    o->maxrows);
	if (o->height < 0 && d.f.n > 0)
		check_k(&d, o->k, "-k");
	lab = xcalloc(d.f.n + 1, sizeof(*lab));
	ward_labels(d.f.X, d.f.n, d.f.p, o->height < 0 ? o->k : 0, o->height,
	    lab);
	write_rows(o, &d, lab, NULL);
	free(lab);
	unload(&d);
	return 0;
}

int
seg_dbscan(const struct opts *o)
{
	struct dbscan_opts dop = { o->eps, o->minpts, o->maxpairs };
	struct dbscan_info info;
	struct data d;
	long *lab;

	if (!load(o, &d))
		return 0;
	lab = xcalloc(d.f.n + 1, sizeof(*lab));
	if (dbscan_labels(d.f.X, d.f.n, d.f.p, &dop, lab, &info) != 0)
		crm_errx(1, "dbscan: --eps %g makes %.4g pairs of distinct rows "
		    "to compare, above --max-pairs %.4g (a smaller --eps, or "
		    "a larger --max-pairs)", o->eps, info.pairs, o->maxpairs);
	if (!o->com.quiet && d.f.n > 0)
		crm_warnx("dbscan: %zu clusters", info.nclusters);
	write_rows(o, &d, lab, NULL);
	free(lab);
	unload(&d);
	return 0;
}
