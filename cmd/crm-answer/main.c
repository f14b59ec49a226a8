/*
 * crm-answer: the customer-service bot.  index builds a model from a
 * knowledge base (id, question, answer; several phrasings per answer),
 * ask appends the best answer to each question (a chat on a terminal),
 * learn adds confirmed phrasings from feedback, eval measures accuracy.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "opt.h"

#include "answer.h"

enum {
	OPT_ANSWER = OPT_COMMON_LAST, OPT_B, OPT_BM25_CJK, OPT_BM25_LATIN,
	OPT_CJK_BIGRAMS,
	OPT_EXPECTED, OPT_ID, OPT_K1, OPT_MIN_SCORE, OPT_PHRASINGS,
	OPT_PREFIX, OPT_QUESTION, OPT_SYNONYMS
};

static const struct option longopts[] = {
	CRM_COMMON_LONGOPTS,
	CRM_OPT_TEXT,
	CRM_OPT_THREADS,
	{ "answer",	required_argument, NULL, OPT_ANSWER },
	{ "b",		required_argument, NULL, OPT_B },
	{ "bm25-cjk",	required_argument, NULL, OPT_BM25_CJK },
	{ "bm25-latin",	required_argument, NULL, OPT_BM25_LATIN },
	{ "cjk-bigrams", required_argument, NULL, OPT_CJK_BIGRAMS },
	{ "expected",	required_argument, NULL, OPT_EXPECTED },
	{ "id",		required_argument, NULL, OPT_ID },
	{ "k1",		required_argument, NULL, OPT_K1 },
	{ "min-score",	required_argument, NULL, OPT_MIN_SCORE },
	{ "model",	required_argument, NULL, 'm' },
	{ "phrasings",	required_argument, NULL, OPT_PHRASINGS },
	{ "prefix",	required_argument, NULL, OPT_PREFIX },
	{ "question",	required_argument, NULL, OPT_QUESTION },
	{ "synonyms",	required_argument, NULL, OPT_SYNONYMS },
	{ "top",	required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 }
};

static const char *const cmd_names[] = { "index", "ask", "learn", "eval",
	NULL };

static const char synopsis[] =
"usage: crm-answer index -m FILE [options] [kb.csv ...]\n"
"       crm-answer ask -m FILE [options] [questions.csv ...]\n"
"       crm-answer learn -m FILE [options] [feedback.csv ...]\n"
"       crm-answer eval -m FILE --expected COL [options] [questions.csv ...]\n"
"       crm-answer -h | -V\n";

static const char help[] =
"\n"
"index:  a knowledge base: --id COL (id)  --question COL (question)\n"
"        --answer COL (answer); rows sharing an id are phrasings of one\n"
"        answer.  --synonyms FILE (one group a line, the first term\n"
"        canonical; commas separate terms of several words)\n"
"        --k1 K (1.2)  --b B (0.75): BM25's parameters\n"
"ask:    appends answer_id, answer, score, matched_question, fallback\n"
"        to each row (the question in --text COL, default text);\n"
"        a chat when standard input is a terminal\n"
"        --min-score S (0.25): below it, fallback 1 and no answer\n"
"        -n, --top N: the N best candidates, a row each, with rank\n"
"        --prefix P: prefix of the appended columns' names\n"
"learn:  feedback rows (--text COL, --id COL): each text becomes a\n"
"        phrasing of its answer; the model is rewritten (or -o FILE)\n"
"eval:   --expected COL (the right answer id): accuracy@1, recall@5,\n"
"        MRR@10 and the fallback rate, for all questions and for CJK\n"
"        and other questions apart\n"
"scoring (ask, eval): --bm25-latin W (0.3)  --bm25-cjk W (0.85):\n"
"        BM25's share of the score for questions without CJK\n"
"        characters / all CJK (TF-IDF of character n-grams has the\n"
"        rest)  --cjk-bigrams W (0.1): a CJK character bigram's\n"
"        weight, a character's being 1  --phrasings N (5): answers\n"
"        rank by the mean of their N best phrasings' scores (score is\n"
"        the best phrasing's)\n"
"common: -m, --model FILE  --threads N (ask, eval; all cores)\n"
"        -d, --delimiter C  -t, --tab  --ws\n"
"        -o, --output FILE  --gzip  --reject FILE  --skip-bad\n"
"        -q, --quiet  -h, --help  -V, --version\n"
"\n"
"example:\n"
"  crm-answer index -m faq.model samples/faq.csv\n"
"  crm-answer ask -m faq.model --min-score 0.4 samples/reviews.csv\n";

static void
opts_init(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	crm_common_init(&o->com);
	o->id_col = "id";
	o->question_col = "question";
	o->answer_col = "answer";
	o->k1 = 1.2;
	o->b = 0.75;
	o->min_score = 0.25;
	o->w_latin = 0.3;
	o->w_cjk = 0.85;
	o->w_bigram = 0.1;
	o->phrasings = 5;
}

/* The options of crm-answer itself; 0 when ch is none of them. */
static int
answer_opt(struct opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'm': o->model = arg; break;
	case 'n': o->top = (int)opt_int(arg, 1, 64, "--top"); break;
	case OPT_ANSWER: o->answer_col = arg; break;
	case OPT_B: o->b = opt_double(arg, 0, 1, "--b"); break;
	case OPT_BM25_CJK: o->w_cjk = opt_double(arg, 0, 1, "--bm25-cjk");
		break;
	case OPT_BM25_LATIN:
		o->w_latin = opt_double(arg, 0, 1, "--bm25-latin");
		break;
	case OPT_CJK_BIGRAMS:
		o->w_bigram = opt_double(arg, 0, 1, "--cjk-bigrams");
		break;
	case OPT_EXPECTED: o->expected = arg; break;
	case OPT_ID: o->id_col = arg; break;
	case OPT_K1: o->k1 = opt_double(arg, 0, 100, "--k1"); break;
	case OPT_MIN_SCORE:
		o->min_score = opt_double(arg, 0, 1, "--min-score");
		break;
	case OPT_PHRASINGS:
		o->phrasings = (int)opt_int(arg, 1, 1000, "--phrasings");
		break;
	case OPT_PREFIX: o->prefix = arg; break;
	case OPT_QUESTION: o->question_col = arg; break;
	case OPT_SYNONYMS: o->synonyms = arg; break;
	default: return 0;
	}
	return 1;
}

static void
parse(struct opts *o, int argc, char **argv)
{
	int ch;

	while ((ch = crm_getopt(argc, argv, CRM_COMMON_SHORTOPTS "m:n:",
	    longopts)) != -1) {
		if (ch == 'h')
			crm_help(synopsis, help);
		if (ch == 'V') {
			crm_version();
			exit(0);
		}
		if (!crm_common_opt(&o->com, ch, optarg) &&
		    !answer_opt(o, ch, optarg))
			crm_usage(synopsis);
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

/* Options that do not fit the subcommand: exit 2. */
static void
check_opts(const struct opts *o)
{
	if (o->model == NULL)
		crm_errx(2, "%s needs -m FILE", cmd_names[o->cmd]);
	if (o->cmd == CMD_EVAL && o->expected == NULL)
		crm_errx(2, "eval needs --expected COL");
	if (o->cmd != CMD_EVAL && o->expected != NULL)
		crm_errx(2, "--expected is an option of eval");
	if (o->cmd != CMD_INDEX && o->synonyms != NULL)
		crm_errx(2, "--synonyms is an option of index (the model "
		    "keeps them)");
	if (o->cmd == CMD_INDEX && (o->com.output != NULL || o->com.gzip))
		crm_errx(2, "index writes the model to -m FILE (a name ending "
		    "in .gz is compressed): no -o or --gzip");
	if (o->cmd != CMD_ASK && (o->top > 0 || o->prefix != NULL))
		crm_errx(2, "--top and --prefix are options of ask");
}

int
main(int argc, char **argv)
{
	static const char *const help_parts[] = { help, NULL };
	struct opts o;

	crm_setprogname("crm-answer");
	opts_init(&o);
	o.cmd = (enum answer_cmd)crm_subcommand(argc, argv, synopsis,
	    help_parts, cmd_names);
	parse(&o, argc - 1, argv + 1);
	check_opts(&o);
	switch (o.cmd) {
	case CMD_INDEX:
		return answer_index(&o);
	case CMD_ASK:
		return answer_ask(&o);
	case CMD_LEARN:
		return answer_learn(&o);
	default:
		return answer_eval(&o);
	}
}
