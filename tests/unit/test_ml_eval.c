/*
 * test_ml_eval.c: metrics against scikit-learn 1.2.1 (roc_auc_score,
 * average_precision_score, log_loss, brier_score_loss, f1_score) on a
 * fixture with tied scores; ranking figures and splits by hand.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ml/eval.h"
#include "t.h"

static const double Y[12] = { 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1 };
static const double S[12] = { 0.9, 0.8, 0.8, 0.7, 0.7, 0.7, 0.4, 0.3, 0.3,
    0.2, 0.1, 0.05 };

static void
t_binary_sklearn(void)
{
	double p[12];

	CHECK(fabs(eval_auc(Y, S, 12) - 0.58333333333333337) < 1e-15);
	CHECK(fabs(eval_avg_precision(Y, S, 12) - 0.63227513227513232) <
	    1e-15);
	CHECK(fabs(eval_logloss(Y, S, 12, 1e-15) - 0.87531144605513245) <
	    1e-15);
	CHECK(fabs(eval_brier(Y, S, 12) - 0.30437499999999995) < 1e-15);
	/* p of exactly 1 and 0: clipped at 1e-15 */
	memcpy(p, S, sizeof(p));
	p[0] = 1;
	p[1] = 0;
	CHECK(fabs(eval_logloss(Y, p, 12, 1e-15) - 0.73241157704747195) <
	    1e-15);
	/* one class only */
	CHECK(isnan(eval_auc(Y, S, 1)));
	CHECK(isnan(eval_avg_precision(Y + 1, S + 1, 1)));
	/* a perfect and a reversed ranking */
	CHECK(eval_auc(Y, Y, 12) == 1);
	for (int i = 0; i < 12; i++)
		p[i] = -Y[i];
	CHECK(eval_auc(Y, p, 12) == 0);
}

static void
t_binary_counts(void)
{
	struct eval_binary e;
	struct eval_bin b[5];

	eval_binary(Y, S, 12, 0.75, &e);
	CHECK(e.tp == 2 && e.fp == 1 && e.fn == 4 && e.tn == 5);
	CHECK(fabs(e.accuracy - 7.0 / 12) < 1e-15);
	CHECK(fabs(e.precision - 2.0 / 3) < 1e-15);
	CHECK(fabs(e.recall - 1.0 / 3) < 1e-15);
	CHECK(fabs(e.f1 - 4.0 / 9) < 1e-15);
	eval_binary(Y, S, 12, 2, &e);		/* nothing predicted */
	CHECK(e.precision == 0 && e.f1 == 0 && e.recall == 0);
	CHECK(eval_calibration(Y, S, 12, 4, b) == 4);
	CHECK(b[0].n == 3 && fabs(b[0].mean_p - 0.35 / 3) < 1e-15 &&
	    fabs(b[0].rate - 1.0 / 3) < 1e-15);
	CHECK(fabs(b[1].mean_p - 1.0 / 3) < 1e-15 &&
	    fabs(b[1].rate - 2.0 / 3) < 1e-15);
	CHECK(fabs(b[2].mean_p - 0.7) < 1e-15 &&
	    fabs(b[2].rate - 1.0 / 3) < 1e-15);
	CHECK(fabs(b[3].mean_p - 2.5 / 3) < 1e-15 &&
	    fabs(b[3].rate - 2.0 / 3) < 1e-15);
	CHECK(eval_calibration(Y, S, 12, 5, b) == 5 && b[0].n == 3 &&
	    b[1].n == 3 && b[2].n == 2 && b[4].n == 2);
	CHECK(eval_calibration(Y, S, 2, 5, b) == 2);
}

static void
t_multiclass(void)
{
	uint32_t y[] = { 0, 0, 1, 1, 2, 2, 2, 0 }, p[] = { 0, 1, 1, 1, 2, 0,
	    2, 0 };
	size_t cm[16], want[9] = { 2, 1, 0, 0, 2, 0, 1, 0, 2 };
	double acc, mf1, prec[4], rec[4];

	eval_confusion(y, p, 8, 3, cm);
	CHECK(memcmp(cm, want, sizeof(want)) == 0);
	eval_multiclass(cm, 3, &acc, &mf1, prec, rec);
	CHECK(acc == 0.75);
	CHECK(fabs(mf1 - 0.7555555555555555) < 1e-15);
	CHECK(fabs(prec[0] - 2.0 / 3) < 1e-15 && fabs(prec[1] - 2.0 / 3) <
	    1e-15 && prec[2] == 1);
	CHECK(fabs(rec[0] - 2.0 / 3) < 1e-15 && rec[1] == 1 &&
	    fabs(rec[2] - 2.0 / 3) < 1e-15);
	/* a fourth class never seen: F1 0 (sklearn zero_division=0) */
	eval_confusion(y, p, 8, 4, cm);
	eval_multiclass(cm, 4, &acc, &mf1, prec, rec);
	CHECK(fabs(mf1 - 0.5666666666666667) < 1e-15 && prec[3] == 0);
}

static void
t_ranking(void)
{
	uint32_t rec[] = { 5, 3, 9, 1, 7 }, rel[] = { 1, 3 }, one[] = { 3 };
	uint32_t many[] = { 1, 2, 2, 5 };
	struct eval_rank e;
	double l3 = log2(3), l5 = log2(5);

	eval_rank_at_k(rec, 5, rel, 2, 5, &e);
	CHECK(fabs(e.precision - 0.4) < 1e-15 && e.recall == 1);
	CHECK(fabs(e.ndcg - (1 / l3 + 1 / l5) / (1 + 1 / l3)) < 1e-15);
	CHECK(fabs(e.ap - 0.5) < 1e-15 && e.hit == 1);
	eval_rank_at_k(rec, 5, rel, 2, 3, &e);
	CHECK(fabs(e.precision - 1.0 / 3) < 1e-15 && e.recall == 0.5);
	CHECK(fabs(e.ndcg - (1 / l3) / (1 + 1 / l3)) < 1e-15);
	CHECK(fabs(e.ap - 0.25) < 1e-15);
	/* fewer recommendations than k, fewer relevant than k */
	eval_rank_at_k(one, 1, rel, 2, 5, &e);
	CHECK(fabs(e.precision - 0.2) < 1e-15 && e.recall == 0.5);
	CHECK(fabs(e.ndcg - 1 / (1 + 1 / l3)) < 1e-15 && e.ap == 0.5);
	eval_rank_at_k(rec + 2, 1, rel, 2, 5, &e);
	CHECK(e.hit == 0 && e.ndcg == 0 && e.ap == 0);
	eval_rank_at_k(rec, 5, rel, 0, 5, &e);
	CHECK(e.precision == 0 && e.recall == 0);
	CHECK(fabs(eval_coverage(many, 4, 10) - 0.3) < 1e-15);
}

static void
t_splits(void)
{
	size_t idx[10], idx2[10], i, cnt[3][2];
	unsigned char te[10], te2[10];
	uint32_t cls[12] = { 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 };
	uint32_t user[] = { 0, 1, 0, 0, 2, 1 };
	double time[] = { 5, 1, 7, 7, 3, 0 };
	unsigned char llo[6], want_llo[6] = { 0, 1, 0, 1, 0, 0 };
	int fold[12], fold2[12], seen[10] = { 0 }, n;

	split_shuffle(10, 1, idx);
	split_shuffle(10, 1, idx2);
	CHECK(memcmp(idx, idx2, sizeof(idx)) == 0);
	for (i = 0; i < 10; i++)
		seen[idx[i]]++;
	for (i = 0; i < 10; i++)
		CHECK(seen[i] == 1);
	split_shuffle(10, 2, idx2);
	CHECK(memcmp(idx, idx2, sizeof(idx)) != 0);
	split_holdout(10, 0.2, 7, te);
	split_holdout(10, 0.2, 7, te2);
	for (n = 0, i = 0; i < 10; i++)
		n += te[i];
	CHECK(n == 2 && memcmp(te, te2, 10) == 0);
	split_holdout(10, 1, 7, te);
	for (n = 0, i = 0; i < 10; i++)
		n += te[i];
	CHECK(n == 10);
	/* 7 of class 0, 5 of class 1, 3 folds: 4 rows each */
	split_kfold(cls, 12, 2, 3, 9, fold);
	split_kfold(cls, 12, 2, 3, 9, fold2);
	CHECK(memcmp(fold, fold2, sizeof(fold)) == 0);
	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < 12; i++)
		cnt[fold[i]][cls[i]]++;
	CHECK(cnt[0][0] == 3 && cnt[1][0] == 2 && cnt[2][0] == 2);
	CHECK(cnt[0][1] == 1 && cnt[1][1] == 2 && cnt[2][1] == 2);
	CHECK(split_leave_last_out(user, time, 6, 3, llo) == 2);
	CHECK(memcmp(llo, want_llo, 6) == 0);
}

int
main(void)
{
	RUN(t_binary_sklearn);
	RUN(t_binary_counts);
	RUN(t_multiclass);
	RUN(t_ranking);
	RUN(t_splits);
	T_EXIT();
}
