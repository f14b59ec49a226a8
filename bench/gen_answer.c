/*
 * gen_answer.c: crm-gen answer, a knowledge base and questions for
 * crm-answer's benchmark.  Each answer has a topic of three words (or
 * CJK characters for about a third of the answers) that its phrasings
 * share, with filler words drawn from a Zipf-like law over a vocabulary
 * of made-up words (or common CJK characters): a vocabulary and
 * posting lengths like those of a real FAQ.  Questions rephrase a
 * random answer (its topic and other fillers, in another order) and
 * name it in the column expected.  Deterministic for a seed.
 */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "opt.h"
#include "rng.h"
#include "strbuf.h"
#include "text.h"

#include "gen.h"

#define NWORDS	6000	/* made-up Latin words */
#define NHANZI	2500	/* CJK characters from U+4E00 on */
#define PERANS	10	/* phrasings per answer */

int	 gen_answer(int argc, char *argv[]);

static const char *const syl[] = { "ba", "ce", "di", "fo", "gu", "ka",
	"le", "mi", "no", "pu", "ra", "se", "ti", "vo", "wa", "xe", "yo", "zu",
	"an", "er", "in", "or", "us", "st", "tr", "pl", "ch", "sh" };

/* Word w of the made-up vocabulary (2 to 4 syllables). */
static void
put_word(struct strbuf *b, uint32_t w)
{
	size_t nsyl = sizeof(syl) / sizeof(syl[0]), n = 2 + w % 3;

	for (w = w * 2654435761u + 1; n-- > 0; w /= (uint32_t)nsyl)
		sb_str(b, syl[w % nsyl]);
}

/* A Zipf-like draw in [0, n): rank r with weight about 1 / (r + 1). */
static uint32_t
zipf(struct rng *r, uint32_t n)
{
	return (uint32_t)(exp(rng_uniform(r) * log((double)n + 1)) - 1);
}

static void
put_token(struct strbuf *b, int cjk, uint32_t t)
{
	char u[4];

	if (cjk)
		sb_add(b, u, utf8_encode(0x4E00 + t % NHANZI, u));
	else {
		if (b->len > 0)
			sb_add(b, " ", 1);
		put_word(b, t % NWORDS);
	}
}

/* A phrasing of answer a: its topic and 3..8 fillers, shuffled. */
static void
phrasing(struct rng *r, uint64_t a, struct strbuf *b)
{
	uint32_t tok[12];
	size_t n = 0, i, j, k;
	int cjk = a % 3 == 0;
	uint32_t t;

	for (i = 0; i < 3; i++)
		tok[n++] = (uint32_t)((a * 7919 + i * 104729) %
		    (cjk ? NHANZI : NWORDS));
	for (k = 3 + rng_below(r, 6), i = 0; i < k; i++)
		tok[n++] = zipf(r, cjk ? NHANZI : NWORDS);
	for (i = n - 1; i > 0; i--) {
		j = rng_below(r, i + 1);
		t = tok[i], tok[i] = tok[j], tok[j] = t;
	}
	b->len = 0;
	sb_add(b, "", 0);
	for (i = 0; i < n; i++)
		put_token(b, cjk, tok[i]);
	if (!cjk)
		sb_str(b, "?");
}

static struct csv_writer *
open_out(const char *path)
{
	struct csv_writer *w = csv_writer_open(path, 0);

	if (w == NULL)
		crm_err(1, "%s", path);
	return w;
}

static void
close_out(struct csv_writer *w)
{
	if (csv_writer_close(w) != 0)
		crm_err(1, "write error");
}

static void
write_kb(const char *path, long long rows, uint64_t seed)
{
	struct csv_writer *w = open_out(path);
	struct strbuf b = STRBUF_INIT;
	struct rng r;
	long long i;
	char id[32], ans[64];

	rng_seed_stream(&r, seed, 1);
	csv_put_str(w, "id");
	csv_put_str(w, "question");
	csv_put_str(w, "answer");
	csv_end_row(w);
	for (i = 0; i < rows; i++) {
		snprintf(id, sizeof(id), "a%lld", i / PERANS);
		phrasing(&r, (uint64_t)(i / PERANS), &b);
		csv_put_str(w, id);
		csv_put(w, b.p, b.len);
		snprintf(ans, sizeof(ans), "The answer to question %s.", id);
		csv_put_str(w, i % PERANS == 0 ? ans : "");
		csv_end_row(w);
	}
	sb_free(&b);
	close_out(w);
}

static void
write_questions(const char *path, long long rows, long long n,
    uint64_t seed)
{
	struct csv_writer *w = open_out(path);
	struct strbuf b = STRBUF_INIT;
	uint64_t nans = (uint64_t)(rows + PERANS - 1) / PERANS, a;
	struct rng r;
	long long i;
	char id[32];

	rng_seed_stream(&r, seed, 2);
	csv_put_str(w, "text");
	csv_put_str(w, "expected");
	csv_end_row(w);
	for (i = 0; i < n && nans > 0; i++) {
		a = rng_below(&r, nans);
		phrasing(&r, a, &b);
		snprintf(id, sizeof(id), "a%llu", (unsigned long long)a);
		csv_put(w, b.p, b.len);
		csv_put_str(w, id);
		csv_end_row(w);
	}
	sb_free(&b);
	close_out(w);
}

/*
 * crm-gen answer [--rows N] [--questions M] [--seed S] KB.csv QUESTIONS.csv
 */
int
gen_answer(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "questions",	required_argument, NULL, 'n' },
		{ "rows",	required_argument, NULL, 'r' },
		{ "seed",	required_argument, NULL, 's' },
		{ NULL,		0,		   NULL, 0 }
	};
	long long rows = 100000, nq = 10000;
	uint64_t seed = 1;
	int ch;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			nq = opt_int(optarg, 0, 1000000000, "--questions");
			break;
		case 'r':
			rows = opt_int(optarg, 0, 1000000000, "--rows");
			break;
		case 's':
			seed = (uint64_t)opt_int(optarg, 0, INT64_MAX, "--seed");
			break;
		default:
			crm_errx(2, "usage: crm-gen answer [--rows N] "
			    "[--questions M] [--seed S] kb.csv questions.csv");
		}
	}
	if (argc - optind != 2)
		crm_errx(2, "usage: crm-gen answer [--rows N] [--questions M] "
		    "[--seed S] kb.csv questions.csv");
	write_kb(argv[optind], rows, seed);
	write_questions(argv[optind + 1], rows, nq, seed);
	return 0;
}
