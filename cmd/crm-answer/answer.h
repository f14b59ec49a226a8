/*
 * answer.h: crm-answer's parts: the knowledge base and its model file
 * (kb.c), the retrieval engine (engine.c), the subcommands (ask.c).
 */
#ifndef CRM_ANSWER_H
#define CRM_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"

enum answer_cmd { CMD_INDEX, CMD_ASK, CMD_LEARN, CMD_EVAL };

struct opts {
	struct crm_common com;
	enum answer_cmd	 cmd;
	const char	*model;
	const char	*id_col, *question_col, *answer_col;
	const char	*expected;
	const char	*synonyms;
	const char	*prefix;
	double		 k1, b;
	double		 min_score;
	double		 w_latin, w_cjk;	/* BM25's share of the score */
	double		 w_bigram;	/* a CJK bigram's weight in questions */
	int		 phrasings;	/* an answer's score: mean of its best */
	int		 top;		/* 0: one answer per row */
	char *const	*files;
	size_t		 nfiles;
};

/* The knowledge base: answers (by id) and their phrasings. */
struct kb {
	struct strmap	*ids;		/* answer id -> index */
	const char	**ans_cjk;	/* per answer: its first answer text */
	const char	**ans_other;	/* in CJK / in other text ("": none) */
	size_t		 nans, anscap;
	char		**question;	/* per phrasing, as written */
	char		**qtext;	/* per phrasing: its answer text or "" */
	uint32_t	*qans;		/* per phrasing: its answer */
	size_t		 nq, qcap;
	char		**syn_from, **syn_to;	/* synonyms, normal form */
	size_t		 nsyn, syncap;
	double		 k1, b;
};

struct kb	*kb_new(double k1, double b);
void		 kb_free(struct kb *);
/* The index of answer id, adding it when new. */
size_t		 kb_answer(struct kb *, const char *id, size_t idlen,
		    int *isnew);
/* A phrasing q of answer ans, with its answer text t (may be empty). */
void		 kb_add_question(struct kb *, uint32_t ans, const char *q,
		    size_t qlen, const char *t, size_t tlen);
/*
 * The reply of phrasing q to a question whose share of CJK characters
 * is cjk: the phrasing's own answer text, else the first of its answer
 * in the question's script (CJK or not), else the first in the other.
 */
const char	*kb_reply(const struct kb *, uint32_t q, double cjk);
/* The share of CJK characters among the non-blank ones of p. */
double		 kb_cjk_share(const char *p, size_t len);
/* Read a synonyms file into the knowledge base (exit 1 on errors). */
void		 kb_read_synonyms(struct kb *, const char *path);
/* Write / read the model file (exit 1 / 2 with a message). */
void		 kb_save(const struct kb *, const char *path);
struct kb	*kb_load(const char *path);

/* Retrieval. */
struct engine_params {
	double	 w_latin, w_cjk, w_bigram;
	int	 phrasings;
};
struct engine;
struct engine	*engine_new(const struct kb *, const struct engine_params *);
void		 engine_free(struct engine *);
size_t		 engine_nterms(const struct engine *, size_t *nchar);

/* One candidate answer. */
struct hit {
	uint32_t	 ans;
	uint32_t	 q;		/* its best phrasing */
	double		 score;		/* the best phrasing's */
	double		 rank_score;	/* the mean of the best phrasings' */
};
/* Per-thread state of queries. */
struct worker;
struct worker	*worker_new(const struct engine *);
void		 worker_free(struct worker *);
/* The k best answers for text (best first) into hits; returns count. */
size_t		 engine_ask(struct worker *, const char *text, size_t len,
		    size_t k, struct hit *hits);
/* The share of CJK characters in the last question asked. */
double		 engine_cjk(const struct worker *);

/* Subcommands (ask.c, kb.c). */
int		 answer_index(const struct opts *);
int		 answer_ask(const struct opts *);
int		 answer_learn(const struct opts *);
int		 answer_eval(const struct opts *);

#endif
