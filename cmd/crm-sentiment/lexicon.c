/*
 * lexicon.c: the scorer's lexicon: word valences (the built-in English
 * and Chinese tables and the user's word<TAB>score files) and the rule
 * words (negators, intensifiers and dampeners, contrast words), all in
 * one interner so that one lookup tells what a token is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hash.h"
#include "num.h"
#include "text.h"

#include "sentiment.h"

struct lexicon {
	struct strmap	*map;		/* word -> struct lex_val */
	size_t		 cjkmax;	/* longest CJK entry, bytes */
	size_t		 maxwords;	/* most words of a phrase */
	char		*buf;		/* a phrase being normalised */
	size_t		 bufcap;
};

/* The rule words: what they do does not depend on --lexicon. */
struct rule_word {
	const char	*w;
	double		 v;
	int		 kind;
};

#define NEG(w)	{ w, 0, LEX_NEGATE }
#define NEGX(w)	{ w, 0.3, LEX_NEGATE }	/* emphatic: as a booster before */
#define UP(w)	{ w, 0.3, LEX_BOOST }
#define DOWN(w)	{ w, -0.3, LEX_BOOST }
#define BUT(w)	{ w, 0, LEX_CONTRAST }

static const struct rule_word rule_words[] = {
	NEG("not"), NEG("no"), NEG("never"), NEG("nor"), NEG("neither"),
	NEG("nothing"), NEG("nobody"), NEG("none"), NEG("nowhere"),
	NEG("without"), NEG("cannot"), NEG("hardly"),
	NEG("rarely"), NEG("seldom"), NEG("lack"), NEG("lacks"),
	NEG("lacking"), NEG("neednt"), NEG("aint"), NEG("cant"),
	NEG("dont"), NEG("doesnt"), NEG("didnt"), NEG("isnt"), NEG("wasnt"),
	NEG("arent"), NEG("werent"), NEG("wont"), NEG("wouldnt"),
	NEG("shouldnt"), NEG("couldnt"), NEG("havent"), NEG("hasnt"),
	NEG("hadnt"), NEG("mustnt"), NEG("nt"), NEG("lacked"),
	NEG("anything but"), NEG("far from"),
	NEG("不"), NEG("没"), NEG("没有"), NEG("别"), NEG("无"), NEG("非"),
	NEG("未"), NEG("不是"), NEG("不会"), NEG("不能"), NEG("并不"),
	NEG("毫不"), NEG("从不"), NEG("从来不"), NEG("从没"), NEG("决不"),
	NEG("绝不"), NEG("不要"), NEG("不用"), NEG("甭"), NEG("勿"),
	NEG("莫"), NEG("不够"), NEG("缺乏"), NEG("毫无"), NEG("没什么"),
	NEG("不怎么"), NEG("并没有"), NEG("并没"), NEG("不算"), NEG("谈不上"),
	NEG("算不上"), NEG("称不上"),
	NEG("从来没有"), NEG("从未"),
	NEGX("not at all"), NEGX("not even"),
	NEGX("by no means"), NEGX("in no way"),
	UP("very"), UP("really"), UP("so"), UP("too"), UP("extremely"),
	UP("absolutely"), UP("completely"), UP("totally"), UP("utterly"),
	UP("highly"), UP("incredibly"), UP("amazingly"), UP("awfully"),
	UP("exceptionally"), UP("especially"), UP("particularly"),
	UP("truly"), UP("super"), UP("most"), UP("more"), UP("quite"),
	UP("remarkably"), UP("seriously"), UP("thoroughly"),
	UP("tremendously"), UP("unbelievably"), UP("insanely"),
	UP("immensely"), UP("enormously"), UP("entirely"), UP("fully"),
	UP("hugely"), UP("purely"), UP("deeply"), UP("greatly"),
	UP("exceedingly"), UP("ridiculously"), UP("damn"), UP("freaking"),
	UP("fucking"), UP("effing"), UP("real"), UP("such"), UP("way"),
	UP("terribly"), UP("majorly"), UP("soo"), UP("sooo"), UP("soooo"),
	UP("veryvery"), UP("overly"), UP("definitely"), UP("certainly"),
	DOWN("slightly"), DOWN("somewhat"), DOWN("kinda"), DOWN("sorta"),
	DOWN("barely"), DOWN("little"), DOWN("marginally"),
	DOWN("occasionally"), DOWN("partly"), DOWN("mildly"),
	DOWN("fairly"), DOWN("rather"), DOWN("almost"), DOWN("nearly"),
	DOWN("pretty"), DOWN("reasonably"), DOWN("relatively"),
	DOWN("moderately"), DOWN("less"), DOWN("bit"), DOWN("kind of"),
	DOWN("sort of"), DOWN("a bit"), DOWN("a little"),
	DOWN("a little bit"),
	UP("很"), UP("非常"), UP("太"), UP("特别"), UP("超"), UP("超级"),
	UP("十分"), UP("极"), UP("极其"), UP("极了"), UP("真"), UP("真的"),
	UP("最"), UP("挺"), UP("蛮"), UP("相当"), UP("更"), UP("越来越"),
	UP("实在"), UP("巨"), UP("贼"), UP("忒"), UP("格外"),
	UP("尤其"), UP("异常"), UP("分外"), UP("万分"),
	UP("无比"), UP("绝对"), UP("简直"), UP("完全"), UP("确实"),
	UP("真心"), UP("超级无敌"), UP("这么"), UP("那么"),
	UP("如此"), UP("多么"), UP("一点也"), UP("一点都"), UP("一点儿也"),
	UP("一点儿都"), UP("根本"), UP("压根"), UP("压根儿"), UP("丝毫"),
	DOWN("有点"), DOWN("有点儿"), DOWN("有些"), DOWN("稍微"),
	DOWN("稍"), DOWN("略"), DOWN("略微"), DOWN("比较"), DOWN("一点"),
	DOWN("一点儿"), DOWN("还算"), DOWN("还"), DOWN("较"), DOWN("稍稍"),
	DOWN("些许"), DOWN("一般般"),
	BUT("but"), BUT("however"),
	BUT("nevertheless"), BUT("nonetheless"),
	BUT("但"), BUT("但是"), BUT("可是"), BUT("不过"), BUT("然而"),
	BUT("只是"), BUT("可惜"), BUT("却"),
};

static int
is_cjk_word(const char *w, size_t len)
{
	uint32_t cp;

	return utf8_decode(w, len, &cp) > 0 && text_is_cjk(cp);
}

static void
set_entry(struct lexicon *l, const char *w, size_t len, double v, int kind)
{
	size_t id = strmap_intern(l->map, w, len, NULL);
	struct lex_val *e;

	if (id == STRMAP_FULL)
		return;
	e = strmap_val(l->map, id);
	e->v = v;
	e->kind = kind;
	if (is_cjk_word(w, len) && len > l->cjkmax)
		l->cjkmax = len;
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * A Latin entry of several words: it starts with a letter or digit and
 * has a space, or a hyphen between two letters or digits.
 */
static int
is_phrase(const char *w, size_t len)
{
	size_t i;

	if (len == 0 || !is_alnum(w[0]))
		return 0;
	for (i = 1; i + 1 < len; i++)
		if (w[i] == ' ' || w[i] == '\t' || (w[i] == '-' &&
		    is_alnum(w[i - 1]) && is_alnum(w[i + 1])))
			return 1;
	return 0;
}

void
lex_set(struct lexicon *l, const char *w, size_t len, double v, int kind)
{
	size_t i, n = 0, words = 1, id;
	struct lex_val *e;
	int isnew;

	if (!is_phrase(w, len)) {
		set_entry(l, w, len, v, kind);
		return;
	}
	/* words separated by one space, apostrophes dropped */
	l->buf = xgrow(l->buf, &l->bufcap, len + 1, 1);
	for (i = 0; i < len; i++) {
		if (w[i] == ' ' || w[i] == '\t' || w[i] == '-') {
			if (n > 0 && l->buf[n - 1] != ' ')
				l->buf[n++] = ' ';
		} else if (i + 2 < len &&
		    memcmp(w + i, "\xE2\x80\x99", 3) == 0)
			i += 2;		/* a right single quote */
		else if (w[i] != '\'')
			l->buf[n++] = w[i];
	}
	while (n > 0 && l->buf[n - 1] == ' ')
		n--;
	for (i = 0; i < n; i++) {
		if (l->buf[i] != ' ')
			continue;
		words++;
		id = strmap_intern(l->map, l->buf, i, &isnew);
		if (id == STRMAP_FULL)
			return;
		e = strmap_val(l->map, id);
		if (isnew)
			e->kind = LEX_NONE;
		e->prefix = 1;
	}
	set_entry(l, l->buf, n, v, kind);
	if (words > l->maxwords)
		l->maxwords = words;
}

/*
 * Add one built-in line "SCORE word word ..." (sep ' ') or "SCORE
 * phrase, phrase, ..." (sep ',').
 */
static void
add_line(struct lexicon *l, const char *s, char sep)
{
	char *end;
	double v = strtod(s, &end);
	const char *p = end, *q;

	for (;;) {
		while (*p == ' ' || *p == sep)
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != sep && *q != '\0'; q++)
			;
		lex_set(l, p, (size_t)(q - p), v, LEX_WORD);
		p = q;
	}
}

struct lexicon *
lex_new(int builtin)
{
	struct lexicon *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->map = strmap_new_val(sizeof(struct lex_val));
	l->maxwords = 1;
	if (builtin) {
		for (i = 0; sent_lex_en[i] != NULL; i++)
			add_line(l, sent_lex_en[i], ' ');
		for (i = 0; sent_lex_zh[i] != NULL; i++)
			add_line(l, sent_lex_zh[i], ' ');
		for (i = 0; sent_phrase_en[i] != NULL; i++)
			add_line(l, sent_phrase_en[i], ',');
	}
	/* Rule words last: a rule word is never a plain valence. */
	for (i = 0; i < sizeof(rule_words) / sizeof(rule_words[0]); i++)
		lex_set(l, rule_words[i].w, strlen(rule_words[i].w),
		    rule_words[i].v, rule_words[i].kind);
	return l;
}

void
lex_free(struct lexicon *l)
{
	if (l == NULL)
		return;
	strmap_free(l->map);
	free(l->buf);
	free(l);
}

const struct lex_val *
lex_find(const struct lexicon *l, const char *w, size_t len)
{
	size_t id = strmap_find(l->map, w, len);

	return id == (size_t)-1 ? NULL : strmap_val(l->map, id);
}

size_t
lex_phrase_maxwords(const struct lexicon *l)
{
	return l->maxwords;
}

size_t
lex_cjk_maxlen(const struct lexicon *l)
{
	return l->cjkmax;
}

size_t
lex_count(const struct lexicon *l)
{
	return strmap_count(l->map);
}

/* One line of a user lexicon: "word<TAB>score" (more fields ignored). */
static int
load_line(struct lexicon *l, char *s, size_t len, const char **why)
{
	char *tab = memchr(s, '\t', len), *end;
	double v;
	size_t wl;

	if (tab == NULL) {
		*why = "no tab between word and score";
		return -1;
	}
	end = memchr(tab + 1, '\t', len - (size_t)(tab + 1 - s));
	if (end == NULL)
		end = s + len;
	if (num_parse(tab + 1, (size_t)(end - tab - 1), &v, why) < 0)
		return -1;
	wl = (size_t)(tab - s);
	if (wl == 0 || !utf8_valid(s, wl)) {
		*why = wl == 0 ? "empty word" : "invalid UTF-8";
		return -1;
	}
	text_lower(s, wl, s);
	lex_set(l, s, wl, v, LEX_WORD);
	return 0;
}

int
lex_load(struct lexicon *l, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	const char *why = NULL;

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		if (load_line(l, line, (size_t)n, &why) < 0)
			break;
		why = NULL;
	}
	if (why == NULL && ferror(f))
		why = strerror(errno);
	free(line);
	fclose(f);
	if (why != NULL) {
		snprintf(err, errlen, "%s:%zu: %s", path, lineno, why);
		return -1;
	}
	return 0;
}
