/*
 * gen_sentiment.c: `crm-gen sentiment`: labelled product reviews for the
 * crm-sentiment benchmark (bench/b_sentiment.sh).  Each review is two to
 * five clauses, four in five English and one in five Chinese: opinions
 * on an aspect with an adjective of the review's polarity (one clause in
 * four of the other polarity, some negated, some intensified, some after
 * a contrast word) and neutral filler; one label in twenty is flipped,
 * as in real data.  Columns id,product,text,label (positive/negative);
 * the same seed gives the same bytes.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "err.h"
#include "opt.h"
#include "rng.h"
#include "strbuf.h"

#include "gen.h"

int	 gen_sentiment(int argc, char *argv[]);

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const en_aspect[] = { "the battery", "the screen",
	"the sound", "the food", "the service", "the delivery", "the staff",
	"the price", "the quality", "the case", "the charger", "the fit",
	"the taste", "the portion", "the packaging", "the app", "the camera",
	"the headset", "the room", "the coffee" };
static const char *const en_pos[] = { "great", "good", "excellent",
	"amazing", "fine", "nice", "perfect", "solid", "fast", "friendly",
	"delicious", "reliable", "comfortable", "fresh", "awesome", "decent",
	"impressive", "clear", "sturdy", "worth it" };
static const char *const en_neg[] = { "bad", "terrible", "awful", "poor",
	"slow", "broken", "cheap", "rude", "cold", "bland", "useless",
	"disappointing", "flimsy", "noisy", "horrible", "mediocre", "faulty",
	"overpriced", "weak", "a waste" };
static const char *const en_int[] = { "very ", "really ", "so ",
	"extremely ", "pretty ", "quite ", "" , "", "", "" };
static const char *const en_filler[] = { "I ordered it on Monday",
	"we came here for lunch", "it arrived in a box", "I have had it for a month",
	"my wife picked the colour", "we were a group of four",
	"I bought two of them", "the shop is near the station",
	"it came with a manual", "I used it at work" };
static const char *const en_but[] = { "but", "however", "and", "and",
	"and", "also" };
static const char *const zh_aspect[] = { "味道", "送餐", "包装", "分量",
	"价格", "服务", "米饭", "汤", "肉", "配送" };
static const char *const zh_pos[] = { "好吃", "不错", "很快", "满意",
	"新鲜", "实惠", "热乎", "很好", "给力", "香" };
static const char *const zh_neg[] = { "难吃", "太慢", "很差", "凉了",
	"太少", "太贵", "不新鲜", "失望", "一般", "太咸" };
static const char *const zh_filler[] = { "中午点的", "第二次点了",
	"给同事买的", "晚上加班点的", "周末在家点的" };
static const char *const products[] = { "P01", "P02", "P03", "P04", "P05",
	"P06", "P07", "P08", "P09", "P10" };

#define PICK(r, a)	((a)[rng_below(r, N(a))])

/* One English opinion clause of polarity pol (1 positive). */
static void
en_clause(struct rng *r, struct strbuf *s, int pol)
{
	int negate = rng_uniform(r) < 0.15;
	int p = negate ? !pol : pol;

	sb_printf(s, "%s %s %s%s%s", PICK(r, en_aspect),
	    rng_uniform(r) < 0.5 ? "was" : "is", negate ? "not " : "",
	    PICK(r, en_int), p ? PICK(r, en_pos) : PICK(r, en_neg));
}

static void
en_review(struct rng *r, struct strbuf *s, int label)
{
	int n = 2 + (int)rng_below(r, 4), i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_printf(s, rng_uniform(r) < 0.5 ? ", %s " : ". %s ",
			    PICK(r, en_but));
		if (rng_uniform(r) < 0.25)
			sb_str(s, PICK(r, en_filler));
		else
			en_clause(r, s, rng_uniform(r) < 0.75 ? label : !label);
	}
	sb_str(s, rng_uniform(r) < 0.2 ? "!" : ".");
}

static void
zh_review(struct rng *r, struct strbuf *s, int label)
{
	int n = 2 + (int)rng_below(r, 3), i, p;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_str(s, rng_uniform(r) < 0.2 ? "，但是" : "，");
		if (rng_uniform(r) < 0.2) {
			sb_str(s, PICK(r, zh_filler));
			continue;
		}
		p = rng_uniform(r) < 0.75 ? label : !label;
		sb_printf(s, "%s%s", PICK(r, zh_aspect),
		    p ? PICK(r, zh_pos) : PICK(r, zh_neg));
	}
	sb_str(s, rng_uniform(r) < 0.2 ? "！" : "。");
}

static void
write_reviews(struct csv_writer *w, long long rows, uint64_t seed)
{
	struct rng r;
	struct strbuf s = STRBUF_INIT;
	long long i;
	int label;

	rng_seed(&r, seed);
	csv_put_str(w, "id");
	csv_put_str(w, "product");
	csv_put_str(w, "text");
	csv_put_str(w, "label");
	csv_end_row(w);
	for (i = 0; i < rows; i++) {
		label = rng_uniform(&r) < 0.5;
		s.len = 0;
		if (s.p != NULL)
			s.p[0] = '\0';
		if (rng_uniform(&r) < 0.8)
			en_review(&r, &s, label);
		else
			zh_review(&r, &s, label);
		if (rng_uniform(&r) < 0.05)
			label = !label;
		csv_put_int(w, i + 1);
		csv_put_str(w, PICK(&r, products));
		csv_put(w, s.p, s.len);
		csv_put_str(w, label ? "positive" : "negative");
		if (csv_end_row(w) < 0)
			break;
	}
	sb_free(&s);
}

int
gen_sentiment(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output",	required_argument, NULL, 'o' },
		{ "rows",	required_argument, NULL, 'r' },
		{ "seed",	required_argument, NULL, 's' },
		{ NULL,		0,		   NULL, 0 }
	};
	long long rows = 100000;
	uint64_t seed = 1;
	const char *out = NULL;
	struct csv_writer *w;
	int ch;

	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': out = optarg; break;
		case 'r': rows = opt_int(optarg, 0, LLONG_MAX / 2, "--rows"); break;
		case 's':
			seed = (uint64_t)opt_int(optarg, 0, LLONG_MAX, "--seed");
			break;
		default:
			crm_errx(2, "usage: crm-gen sentiment [--rows N] "
			    "[--seed N] [-o FILE]");
		}
	}
	if ((w = csv_writer_open(out, 0)) == NULL)
		crm_err(1, "%s", out != NULL ? out : "<stdout>");
	write_reviews(w, rows, seed);
	if (csv_writer_close(w) == -1)
		crm_err(1, "%s", out != NULL ? out : "<stdout>");
	return 0;
}
