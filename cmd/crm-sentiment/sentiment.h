/*
 * sentiment.h: the parts of crm-sentiment: the lexicon scorer
 * (lexicon.c, score.c, the built-in word lists lex_en.c and lex_zh.c)
 * and the trained models (model.c: features, naive Bayes, logistic
 * regression, NB-weighted logistic regression; evalcmd.c: eval, cv).
 */
#ifndef CRM_SENTIMENT_H
#define CRM_SENTIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "opt.h"

struct strmap;

/* What a lexicon entry is. */
enum lex_kind {
	LEX_WORD,		/* a valence */
	LEX_NEGATE,		/* not, never, 不, 没有 ... */
	LEX_BOOST,		/* very (+), slightly (-): v is the change */
	LEX_CONTRAST,		/* but, however, 但是 ... */
	LEX_NONE		/* only the start of a longer phrase */
};

struct lex_val {
	double	 v;
	int	 kind;
	int	 prefix;	/* a longer phrase starts with these words */
};

/* The built-in tables: NULL-terminated lines "SCORE word word ...". */
extern const char *const sent_lex_en[];
extern const char *const sent_lex_zh[];
/* English phrases: lines "SCORE phrase, phrase, ...". */
extern const char *const sent_phrase_en[];

struct lexicon;

/* The built-in lexicons (builtin 1) or the rule words alone (0). */
struct lexicon	*lex_new(int builtin);
void		 lex_free(struct lexicon *);
/*
 * Add the word<TAB>score lines of path (a word's later score replaces
 * an earlier one; blank lines and lines starting with '#' are skipped).
 * Returns 0, or -1 with a reason in err ("FILE:LINE: what").
 */
int		 lex_load(struct lexicon *, const char *path, char *err,
		    size_t errlen);
/*
 * Set one word (lower-cased by the caller for Latin script).  A Latin
 * entry of several words (separated by spaces or hyphens) is a phrase:
 * its words are kept as "w1 w2 ..." without apostrophes, and each
 * shorter run of its first words is marked as a phrase's start.
 */
void		 lex_set(struct lexicon *, const char *w, size_t len,
		    double v, int kind);
/* The entry of w, or NULL. */
const struct lex_val *lex_find(const struct lexicon *, const char *w,
		    size_t len);
/* The most words of a Latin phrase (1 without phrases). */
size_t		 lex_phrase_maxwords(const struct lexicon *);
/* The longest entry length in bytes of a CJK entry. */
size_t		 lex_cjk_maxlen(const struct lexicon *);
size_t		 lex_count(const struct lexicon *);

/* The scorer's rule constants (documented in the man page). */
#define SENT_NEG	(-0.75)	/* a negated valence is multiplied by it */
#define SENT_CAPS	0.7	/* an ALL-CAPS word among lower case */
#define SENT_EXCL	0.3	/* per '!', up to 4 */
#define SENT_QUEST	0.2	/* per '?' past the first, up to 0.8 */
#define SENT_BEFORE	0.5	/* weight before the last contrast word */
#define SENT_AFTER	1.5	/* weight after it */
#define SENT_ALPHA	15.0	/* compound = s / sqrt(s^2 + alpha) */
#define SENT_WINDOW	3	/* tokens a negator or booster reaches */
#define SENT_THRESH	0.05	/* compound >= t: positive, <= -t: negative */

struct scorer;

struct scorer	*scorer_new(const struct lexicon *);
void		 scorer_free(struct scorer *);
/* The compound score of text in [-1, 1] (0 for no sentiment words). */
double		 scorer_score(struct scorer *, const char *text, size_t len);
/* "positive", "neutral" or "negative" for a compound score. */
const char	*score_label(double compound);

/* The command line (main.c). */
enum sent_cmd { CMD_SCORE, CMD_TRAIN, CMD_PREDICT, CMD_EVAL, CMD_CV };
enum sent_algo { ALGO_NBSVM, ALGO_NB, ALGO_LOGREG };

struct sent_opts {
	struct crm_common com;
	enum sent_cmd	 cmd;
	enum sent_algo	 algo;
	const char	*model;		/* -m */
	const char	*prefix;	/* --prefix */
	const char	**lexicons;	/* --lexicon, in order */
	size_t		 nlex;
	int		 no_builtin;
	int		 bits, bigrams, cjk, negate;
	int		 lexfeat;	/* the lexicon score as a feature */
	double		 cost;		/* logistic C; 0: the algorithm's */
	double		 alpha;		/* NB smoothing */
	int		 folds;
	const char	*fold_col;	/* --fold: folds from a column */
	char *const	*files;
	size_t		 nfiles;
};

int	 sent_score(const struct sent_opts *);
int	 sent_train(const struct sent_opts *);
int	 sent_predict(const struct sent_opts *);
int	 sent_eval(const struct sent_opts *);
int	 sent_cv(const struct sent_opts *);

#endif
