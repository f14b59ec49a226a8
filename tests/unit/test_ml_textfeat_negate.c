/*
 * test_ml_textfeat_negate.c: textfeat's negation marking (tf_opts.negate):
 * "!word" for the TF_NEG_WINDOW words after a negator, none otherwise,
 * and none across CJK text.
 */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "ml/textfeat.h"

struct terms {
	char	 buf[1024];
	size_t	 len;
};

static void
collect(const char *p, size_t len, void *arg)
{
	struct terms *t = arg;

	if (t->len + len + 2 > sizeof(t->buf))
		return;
	memcpy(t->buf + t->len, p, len);
	t->len += len;
	t->buf[t->len++] = '|';
	t->buf[t->len] = '\0';
}

static const char *
terms_of(const char *text, int negate, int bigrams)
{
	static struct terms t;
	struct tf_opts o;
	struct textfeat *f;

	tf_defaults(&o);
	o.negate = negate;
	o.bigrams = bigrams;
	f = tf_new(&o);
	t.len = 0;
	t.buf[0] = '\0';
	tf_terms(f, text, strlen(text), collect, &t);
	tf_free(f);
	return t.buf;
}

static void
test_default_off(void)
{
	CHECK(strcmp(terms_of("not good at all", 0, 0),
	    "not|good|at|all|") == 0);
}

static void
test_window(void)
{
	CHECK(strcmp(terms_of("not good at all really", 1, 0),
	    "not|good|!good|at|!at|all|!all|really|") == 0);
	CHECK(strcmp(terms_of("I don't like it", 1, 0),
	    "i|don't|like|!like|it|!it|") == 0);
	CHECK(strcmp(terms_of("No, Never bad", 1, 0),
	    "no|never|bad|!bad|") == 0);
}

static void
test_bigrams(void)
{
	CHECK(strcmp(terms_of("not bad", 1, 1),
	    "not|bad|!bad|not bad|") == 0);
}

static void
test_cjk_stops(void)
{
	CHECK(strcmp(terms_of("not 好 good", 1, 0),
	    "not|好|good|") == 0);
}

int
main(void)
{
	RUN(test_default_off);
	RUN(test_window);
	RUN(test_bigrams);
	RUN(test_cjk_stops);
	T_EXIT();
}
