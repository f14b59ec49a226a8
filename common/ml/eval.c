/*
 * eval.c: metrics and splits (see eval.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "rng.h"
#include "ml/eval.h"
#include "ml/order.h"

double
eval_auc(const double *y, const double *s, size_t n)
{
	size_t *idx, i, j, k;
	double npos = 0, nneg = 0, rsum = 0, pos;

	idx = xreallocarray(NULL, n ? n : 1, sizeof(*idx));
	argsort_double(s, n, idx, 0);
	/* Sum of the positives' average ranks (Mann-Whitney U). */
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && s[idx[j]] == s[idx[i]]; j++)
			;
		for (pos = 0, k = i; k < j; k++)
			pos += y[idx[k]] != 0;
		rsum += pos * (double)(i + 1 + j) / 2;
		npos += pos;
		nneg += (double)(j - i) - pos;
	}
	free(idx);
	if (npos == 0 || nneg == 0)
		return NAN;
	return (rsum - npos * (npos + 1) / 2) / (npos * nneg);
}

double
eval_avg_precision(const double *y, const double *s, size_t n)
{
	size_t *idx, i, j;
	double tp = 0, fp = 0, npos = 0, ap = 0, rprev = 0, r;

	for (i = 0; i < n; i++)
		npos += y[i] != 0;
	if (npos == 0)
		return NAN;
	idx = xreallocarray(NULL, n ? n : 1, sizeof(*idx));
	argsort_double(s, n, idx, 1);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && s[idx[j]] == s[idx[i]]; j++) {
			if (y[idx[j]] != 0)
				tp++;
			else
				fp++;
		}
		r = tp / npos;
		ap += (r - rprev) * (tp / (tp + fp));
		rprev = r;
	}
	free(idx);
	return ap;
}

double
eval_logloss(const double *y, const double *p, size_t n, double eps)
{
	double s = 0, q;
	size_t i;

	if (n == 0)
		return NAN;
	for (i = 0; i < n; i++) {
		q = p[i] < eps ? eps : p[i] > 1 - eps ? 1 - eps : p[i];
		s -= y[i] != 0 ? log(q) : log1p(-q);
	}
	return s / (double)n;
}

double
eval_brier(const double *y, const double *p, size_t n)
{
	double s = 0, d;
	size_t i;

	if (n == 0)
		return NAN;
	for (i = 0; i < n; i++) {
		d = p[i] - (y[i] != 0);
		s += d * d;
	}
	return s / (double)n;
}

static double
ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

void
eval_binary(const double *y, const double *p, size_t n, double thr,
    struct eval_binary *e)
{
	size_t i;
	int yp, pp;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < n; i++) {
		yp = y[i] != 0;
		pp = p[i] >= thr;
		if (yp && pp)
			e->tp++;
		else if (pp)
			e->fp++;
		else if (yp)
			e->fn++;
		else
			e->tn++;
	}
	e->accuracy = ratio((double)(e->tp + e->tn), (double)n);
	e->precision = ratio((double)e->tp, (double)(e->tp + e->fp));
	e->recall = ratio((double)e->tp, (double)(e->tp + e->fn));
	e->f1 = ratio(2.0 * (double)e->tp,
	    (double)(2 * e->tp + e->fp + e->fn));
}

size_t
eval_calibration(const double *y, const double *p, size_t n, size_t nbins,
    struct eval_bin *out)
{
	size_t *idx, b, i, lo, hi, q, r;

	if (nbins > n)
		nbins = n;
	if (nbins == 0)
		return 0;
	idx = xreallocarray(NULL, n, sizeof(*idx));
	argsort_double(p, n, idx, 0);
	q = n / nbins;
	r = n % nbins;
	for (b = 0, lo = 0; b < nbins; b++, lo = hi) {
		hi = lo + q + (b < r);
		out[b].n = hi - lo;
		out[b].mean_p = out[b].rate = 0;
		for (i = lo; i < hi; i++) {
			out[b].mean_p += p[idx[i]];
			out[b].rate += y[idx[i]] != 0;
		}
		out[b].mean_p /= (double)(hi - lo);
		out[b].rate /= (double)(hi - lo);
	}
	free(idx);
	return nbins;
}

void
eval_confusion(const uint32_t *y, const uint32_t *pred, size_t n, size_t k,
    size_t *cm)
{
	size_t i;

	memset(cm, 0, k * k * sizeof(*cm));
	for (i = 0; i < n; i++)
		if (y[i] < k && pred[i] < k)
			cm[(size_t)y[i] * k + pred[i]]++;
}

void
eval_multiclass(const size_t *cm, size_t k, double *accuracy,
    double *macro_f1, double *precision, double *recall)
{
	double total = 0, diag = 0, f1sum = 0, tp, rows, cols;
	size_t c, j;

	for (c = 0; c < k; c++) {
		tp = (double)cm[c * k + c];
		for (rows = cols = 0, j = 0; j < k; j++) {
			rows += (double)cm[c * k + j];
			cols += (double)cm[j * k + c];
		}
		total += rows;
		diag += tp;
		f1sum += ratio(2 * tp, rows + cols);
		if (precision != NULL)
			precision[c] = ratio(tp, cols);
		if (recall != NULL)
			recall[c] = ratio(tp, rows);
	}
	if (accuracy != NULL)
		*accuracy = ratio(diag, total);
	if (macro_f1 != NULL)
		*macro_f1 = k > 0 ? f1sum / (double)k : 0;
}

/* Is x among the sorted a[0..n)? */
static int
in_sorted(const uint32_t *a, size_t n, uint32_t x)
{
	size_t lo = 0, hi = n, m;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (a[m] < x)
			lo = m + 1;
		else if (a[m] > x)
			hi = m;
		else
			return 1;
	}
	return 0;
}

void
eval_rank_at_k(const uint32_t *rec, size_t nrec, const uint32_t *rel,
    size_t nrel, size_t k, struct eval_rank *e)
{
	double hits = 0, dcg = 0, idcg = 0, ap = 0;
	size_t i, m = nrec < k ? nrec : k, ideal = nrel < k ? nrel : k;

	memset(e, 0, sizeof(*e));
	if (nrel == 0 || k == 0)
		return;
	for (i = 0; i < m; i++) {
		if (!in_sorted(rel, nrel, rec[i]))
			continue;
		hits++;
		dcg += 1 / log2((double)i + 2);
		ap += hits / (double)(i + 1);
	}
	for (i = 0; i < ideal; i++)
		idcg += 1 / log2((double)i + 2);
	e->precision = hits / (double)k;
	e->recall = hits / (double)nrel;
	e->ndcg = dcg / idcg;
	e->ap = ap / (double)ideal;
	e->hit = hits > 0;
}

double
eval_coverage(const uint32_t *rec, size_t n, size_t nitems)
{
	unsigned char *seen;
	size_t i, d = 0;

	if (nitems == 0)
		return 0;
	seen = xcalloc(nitems, 1);
	for (i = 0; i < n; i++)
		if (rec[i] < nitems && !seen[rec[i]]) {
			seen[rec[i]] = 1;
			d++;
		}
	free(seen);
	return (double)d / (double)nitems;
}

void
split_shuffle(size_t n, uint64_t seed, size_t *idx)
{
	struct rng r;
	size_t i;

	for (i = 0; i < n; i++)
		idx[i] = i;
	rng_seed(&r, seed);
	rng_shuffle(&r, idx, n);
}

void
split_holdout(size_t n, double share, uint64_t seed, unsigned char *test)
{
	size_t *idx, i, m;

	if (!(share >= 0))
		share = 0;
	if (share > 1)
		share = 1;
	m = (size_t)floor(share * (double)n + 0.5);
	idx = xreallocarray(NULL, n ? n : 1, sizeof(*idx));
	split_shuffle(n, seed, idx);
	memset(test, 0, n);
	for (i = 0; i < m; i++)
		test[idx[i]] = 1;
	free(idx);
}

void
split_kfold(const uint32_t *cls, size_t n, size_t nclass, int k,
    uint64_t seed, int *fold)
{
	size_t *idx, *start, i, c, deal = 0;
	uint32_t *key;
	struct rng r;

	if (k < 1)
		k = 1;
	/* Rows grouped by class (stable), then each group shuffled. */
	idx = xreallocarray(NULL, n ? n : 1, sizeof(*idx));
	key = xreallocarray(NULL, n ? n : 1, sizeof(*key));
	start = xcalloc(nclass + 2, sizeof(*start));
	for (i = 0; i < n; i++)
		start[(cls[i] < nclass ? cls[i] : nclass) + 1]++;
	for (c = 0; c <= nclass; c++)
		start[c + 1] += start[c];
	for (i = 0; i < n; i++)
		idx[start[cls[i] < nclass ? cls[i] : nclass]++] = i;
	for (c = nclass + 1; c > 0; c--)
		start[c] = start[c - 1];
	start[0] = 0;
	rng_seed(&r, seed);
	for (c = 0; c <= nclass; c++) {
		rng_shuffle(&r, idx + start[c], start[c + 1] - start[c]);
		for (i = start[c]; i < start[c + 1]; i++)
			fold[idx[i]] = (int)(deal++ % (size_t)k);
	}
	free(start);
	free(key);
	free(idx);
}

size_t
split_leave_last_out(const uint32_t *user, const double *time, size_t n,
    size_t nusers, unsigned char *test)
{
	size_t *last, *count, i, u, m = 0;

	last = xcalloc(nusers ? nusers : 1, sizeof(*last));
	count = xcalloc(nusers ? nusers : 1, sizeof(*count));
	for (i = 0; i < n; i++) {
		test[i] = 0;
		if ((u = user[i]) >= nusers)
			continue;
		if (count[u]++ == 0 || time[i] >= time[last[u]])
			last[u] = i;
	}
	for (u = 0; u < nusers; u++)
		if (count[u] > 1) {
			test[last[u]] = 1;
			m++;
		}
	free(last);
	free(count);
	return m;
}
