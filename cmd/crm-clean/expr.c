/*
 * expr.c: the expression language of --where and --derive.
 *
 * An expression is parsed once, before any row is read, into an array
 * of nodes (children by index); evaluation walks it with values that
 * point into the row or into per-node buffers grown once and reused, so
 * that a row costs no allocation.  Values are numbers, text (a column's
 * cell is text until a number or a date is needed, then parsed
 * strictly: a bad value is a bad row, never a silent 0) and dates
 * (seconds since the epoch).  Grammar, lowest precedence first:
 *
 *	or	:= and ('or' and)*
 *	and	:= not ('and' not)*
 *	not	:= 'not' not | cmp
 *	cmp	:= add [(== != < <= > >=) add | (=~ !~) STRING
 *		   | 'in' '(' add (',' add)* ')']
 *	add	:= mul (('+' | '-') mul)*
 *	mul	:= unary (('*' | '/' | '%') unary)*
 *	unary	:= ('-' | '+') unary | primary
 *	primary	:= NUMBER | STRING | @DATE | NAME | ${NAME} | NAME '(' args ')'
 *		   | '(' or ')'
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "err.h"
#include "num.h"
#include "rx.h"
#include "text.h"
#include "clean.h"

enum op {
	N_NUM, N_STR, N_DATE, N_COL, N_NEG, N_NOT, N_AND, N_OR, N_ADD,
	N_SUB, N_MUL, N_DIV, N_MOD, N_EQ, N_NE, N_LT, N_LE, N_GT, N_GE,
	N_MATCH, N_NMATCH, N_IN, N_CALL
};

enum fn {
	F_ABS, F_ROUND, F_FLOOR, F_CEIL, F_LOG, F_EXP, F_MIN, F_MAX, F_LEN,
	F_LOWER, F_UPPER, F_TRIM, F_SUBSTR, F_CONCAT, F_COALESCE, F_IF,
	F_IS_EMPTY, F_YEAR, F_MONTH, F_DAY, F_WEEKDAY, F_DATE_DIFF
};

static const struct fninfo {
	const char	*name;
	enum fn		 fn;
	int		 min, max;	/* argument counts; max -1: any */
} fns[] = {
	{ "abs", F_ABS, 1, 1 },		{ "round", F_ROUND, 1, 2 },
	{ "floor", F_FLOOR, 1, 1 },	{ "ceil", F_CEIL, 1, 1 },
	{ "log", F_LOG, 1, 1 },		{ "exp", F_EXP, 1, 1 },
	{ "min", F_MIN, 1, -1 },	{ "max", F_MAX, 1, -1 },
	{ "len", F_LEN, 1, 1 },		{ "lower", F_LOWER, 1, 1 },
	{ "upper", F_UPPER, 1, 1 },	{ "trim", F_TRIM, 1, 1 },
	{ "substr", F_SUBSTR, 2, 3 },	{ "concat", F_CONCAT, 1, -1 },
	{ "coalesce", F_COALESCE, 1, -1 }, { "if", F_IF, 3, 3 },
	{ "is_empty", F_IS_EMPTY, 1, 1 }, { "year", F_YEAR, 1, 1 },
	{ "month", F_MONTH, 1, 1 },	{ "day", F_DAY, 1, 1 },
	{ "weekday", F_WEEKDAY, 1, 1 },	{ "date_diff", F_DATE_DIFF, 2, 2 },
};

enum vtype { V_NUM, V_STR, V_DATE };

/* A value: n for numbers and dates (seconds), s/len for text. */
struct val {
	enum vtype	 t;
	double		 n;
	const char	*s;
	size_t		 len;
	long		 col;		/* the column it came from, or -1 */
};

struct node {
	enum op		 op;
	enum fn		 fn;
	size_t		 a, b;		/* children */
	size_t		 kid0, nkids;	/* N_CALL, N_IN: kids[kid0..] */
	double		 num;		/* N_NUM; N_DATE: seconds */
	char		*s;		/* N_STR (owned) */
	size_t		 slen;
	size_t		 col;		/* N_COL */
	struct rx	*rx;		/* N_MATCH, N_NMATCH */
	char		*buf;		/* this node's text result */
	size_t		 cap;
};

struct expr {
	struct node	*nodes;
	size_t		 nnodes, ncap;
	size_t		*kids;
	size_t		 nkids, kcap;
	size_t		 root;
	char		*what;		/* "--where", "--derive net" */
	struct expr_scope sc;		/* a copy; its names array owned */
	const struct expr_scope *scope;
	/* parsing */
	const char	*src;
	size_t		 pos;
	/* evaluating */
	const char	*const *val;
	const size_t	*len;
	char		*why;
	size_t		 whylen;
	char		 numbuf[40];
};

/* ---- parsing ---- */

static void __attribute__((noreturn))
syntax(struct expr *e, size_t at, const char *msg)
{
	crm_errx(2, "%s: %s\n  %s\n  %*s^", e->what, msg, e->src, (int)at, "");
}

static size_t
node_new(struct expr *e, enum op op, size_t a, size_t b)
{
	struct node *n;

	e->nodes = xgrow(e->nodes, &e->ncap, e->nnodes + 1, sizeof(*n));
	n = &e->nodes[e->nnodes];
	memset(n, 0, sizeof(*n));
	n->op = op;
	n->a = a;
	n->b = b;
	return e->nnodes++;
}

static void
skip_space(struct expr *e)
{
	while (e->src[e->pos] == ' ' || e->src[e->pos] == '\t' ||
	    e->src[e->pos] == '\n' || e->src[e->pos] == '\r')
		e->pos++;
}

static int
is_name_char(int c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (c & 0x80) || (!first && ((c >= '0' && c <= '9') || c == '.'));
}

/* True (and past it) when the next token is the word w. */
static int
word(struct expr *e, const char *w)
{
	size_t n = strlen(w);

	skip_space(e);
	if (strncmp(e->src + e->pos, w, n) != 0 ||
	    is_name_char((unsigned char)e->src[e->pos + n], 0))
		return 0;
	e->pos += n;
	return 1;
}

/* True (and past it) when the next token is the operator w. */
static int
punct(struct expr *e, const char *w)
{
	size_t n = strlen(w);

	skip_space(e);
	if (strncmp(e->src + e->pos, w, n) != 0)
		return 0;
	/* '<' is not the start of "<=", nor '=' of "==" or "=~" */
	if (n == 1 && strchr("<>!=", w[0]) && e->src[e->pos + 1] == '=')
		return 0;
	if (n == 1 && w[0] == '=' && e->src[e->pos + 1] == '~')
		return 0;
	e->pos += n;
	return 1;
}

static void
expect(struct expr *e, const char *w)
{
	char msg[64];

	if (!punct(e, w)) {
		snprintf(msg, sizeof(msg), "expected '%s'", w);
		syntax(e, e->pos, msg);
	}
}

static size_t parse_or(struct expr *);

/* A quoted string: '...' or "..." with \\ \" \' \n \t escapes. */
static size_t
parse_string(struct expr *e)
{
	char q = e->src[e->pos], *s;
	size_t start = e->pos, n = 0, k;

	s = xmalloc(strlen(e->src + e->pos) + 1);
	for (e->pos++; e->src[e->pos] != q; e->pos++) {
		if (e->src[e->pos] == '\0') {
			free(s);
			syntax(e, start, "unterminated string");
		}
		if (e->src[e->pos] == '\\' && e->src[e->pos + 1] != '\0') {
			/* Other escapes keep their backslash: '\d+' and
			 * '\p{Han}' reach PCRE2 as written. */
			if (strchr("\"'\\nt", e->src[e->pos + 1]) == NULL)
				s[n++] = '\\';
			e->pos++;
			s[n++] = e->src[e->pos] == 'n' ? '\n' :
			    e->src[e->pos] == 't' ? '\t' : e->src[e->pos];
		} else
			s[n++] = e->src[e->pos];
	}
	e->pos++;
	s[n] = '\0';
	k = node_new(e, N_STR, 0, 0);
	e->nodes[k].s = s;
	e->nodes[k].slen = n;
	return k;
}

static size_t
parse_number(struct expr *e)
{
	const char *p = e->src + e->pos, *why;
	size_t n = 0, k;
	double v;

	while ((p[n] >= '0' && p[n] <= '9') || p[n] == '.')
		n++;
	if ((p[n] == 'e' || p[n] == 'E') && (p[n + 1] == '-' ||
	    p[n + 1] == '+' || (p[n + 1] >= '0' && p[n + 1] <= '9'))) {
		n += 2;
		while (p[n] >= '0' && p[n] <= '9')
			n++;
	}
	if (num_parse(p, n, &v, &why) == -1 || is_name_char(p[n], 1))
		syntax(e, e->pos, "bad number");
	e->pos += n;
	k = node_new(e, N_NUM, 0, 0);
	e->nodes[k].num = v;
	return k;
}

/* @YYYY-MM-DD[THH:MM[:SS]] */
static size_t
parse_date(struct expr *e)
{
	const char *p = e->src + e->pos + 1, *why;
	size_t n = 0, k;
	int64_t secs;

	while ((p[n] >= '0' && p[n] <= '9') || p[n] == '-' || p[n] == ':' ||
	    p[n] == 'T')
		n++;
	if (date_parse_iso(p, n, &secs, &why) == -1)
		syntax(e, e->pos, "bad date (expected @YYYY-MM-DD)");
	e->pos += n + 1;
	k = node_new(e, N_DATE, 0, 0);
	e->nodes[k].num = (double)secs;
	return k;
}

/* The slot of a column name, or exit 2 listing the names. */
static size_t
column(struct expr *e, const char *name, size_t n, size_t at)
{
	const struct expr_scope *sc = e->scope;
	char msg[512];
	size_t i, used;
	long found = -1;

	if (sc->names == NULL)		/* a syntax check: any name */
		return 0;
	for (i = 0; i < sc->n; i++)
		if (strlen(sc->names[i]) == n &&
		    memcmp(sc->names[i], name, n) == 0)
			found = (long)i;	/* the last: a derived one */
	if (found >= 0)
		return (size_t)found;
	used = (size_t)snprintf(msg, sizeof(msg), "no column '%.*s' (have: ",
	    (int)n, name);
	for (i = 0; i < sc->n && used < sizeof(msg) - 8; i++)
		used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s%s",
		    i ? "," : "", sc->names[i]);
	if (used < sizeof(msg) - 2)
		snprintf(msg + used, sizeof(msg) - used, ")");
	syntax(e, at, msg);
}

/* NAME '(' args ')' */
static size_t
parse_call(struct expr *e, const char *name, size_t n, size_t at)
{
	size_t i, k, args[64], nargs = 0;
	const struct fninfo *f = NULL;
	char msg[128];

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (strlen(fns[i].name) == n && memcmp(fns[i].name, name, n) == 0)
			f = &fns[i];
	if (f == NULL) {
		snprintf(msg, sizeof(msg), "no function '%.*s'", (int)n, name);
		syntax(e, at, msg);
	}
	if (!punct(e, ")")) {
		do {
			if (nargs == 64)
				syntax(e, e->pos, "too many arguments");
			args[nargs++] = parse_or(e);
		} while (punct(e, ","));
		expect(e, ")");
	}
	if ((int)nargs < f->min || (f->max >= 0 && (int)nargs > f->max)) {
		snprintf(msg, sizeof(msg), "%s() takes %d%s argument%s",
		    f->name, f->min, f->max < 0 ? " or more" :
		    f->max > f->min ? " or 2" : "", f->max == 1 ? "" : "s");
		if (f->fn == F_SUBSTR)
			snprintf(msg, sizeof(msg), "substr() takes 2 or 3 "
			    "arguments");
		syntax(e, at, msg);
	}
	k = node_new(e, N_CALL, 0, 0);
	e->nodes[k].fn = f->fn;
	e->kids = xgrow(e->kids, &e->kcap, e->nkids + nargs, sizeof(size_t));
	e->nodes[k].kid0 = e->nkids;
	e->nodes[k].nkids = nargs;
	memcpy(e->kids + e->nkids, args, nargs * sizeof(size_t));
	e->nkids += nargs;
	return k;
}

static size_t
parse_primary(struct expr *e)
{
	const char *p;
	size_t at, n, k;

	skip_space(e);
	at = e->pos;
	p = e->src + at;
	if (*p == '(') {
		e->pos++;
		k = parse_or(e);
		expect(e, ")");
		return k;
	}
	if (*p == '"' || *p == '\'')
		return parse_string(e);
	if ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' &&
	    p[1] <= '9'))
		return parse_number(e);
	if (*p == '@')
		return parse_date(e);
	if (p[0] == '$' && p[1] == '{') {
		for (n = 2; p[n] != '}'; n++)
			if (p[n] == '\0')
				syntax(e, at, "unterminated ${");
		e->pos += n + 1;
		k = node_new(e, N_COL, 0, 0);
		e->nodes[k].col = column(e, p + 2, n - 2, at);
		return k;
	}
	if (!is_name_char((unsigned char)*p, 1))
		syntax(e, at, *p ? "expected a value" : "unexpected end");
	for (n = 1; is_name_char((unsigned char)p[n], 0); n++)
		;
	e->pos += n;
	if ((n == 3 && memcmp(p, "and", 3) == 0) || (n == 2 &&
	    memcmp(p, "or", 2) == 0) || (n == 2 && memcmp(p, "in", 2) == 0))
		syntax(e, at, "expected a value");
	if (punct(e, "("))
		return parse_call(e, p, n, at);
	k = node_new(e, N_COL, 0, 0);
	e->nodes[k].col = column(e, p, n, at);
	return k;
}

static size_t
parse_unary(struct expr *e)
{
	if (punct(e, "-"))
		return node_new(e, N_NEG, parse_unary(e), 0);
	if (punct(e, "+"))
		return parse_unary(e);
	return parse_primary(e);
}

static size_t
parse_mul(struct expr *e)
{
	size_t k = parse_unary(e);

	for (;;) {
		if (punct(e, "*"))
			k = node_new(e, N_MUL, k, parse_unary(e));
		else if (punct(e, "/"))
			k = node_new(e, N_DIV, k, parse_unary(e));
		else if (punct(e, "%"))
			k = node_new(e, N_MOD, k, parse_unary(e));
		else
			return k;
	}
}

static size_t
parse_add(struct expr *e)
{
	size_t k = parse_mul(e);

	for (;;) {
		if (punct(e, "+"))
			k = node_new(e, N_ADD, k, parse_mul(e));
		else if (punct(e, "-"))
			k = node_new(e, N_SUB, k, parse_mul(e));
		else
			return k;
	}
}

/* x =~ "re": the pattern must be a string, compiled now. */
static size_t
parse_match(struct expr *e, size_t k, enum op op)
{
	char err[256], msg[320];
	size_t at, r;

	skip_space(e);
	at = e->pos;
	if (e->src[at] != '"' && e->src[at] != '\'')
		syntax(e, at, "expected a quoted pattern");
	r = parse_string(e);
	k = node_new(e, op, k, r);
	if ((e->nodes[k].rx = rx_compile(e->nodes[r].s, 0, err,
	    sizeof(err))) == NULL) {
		snprintf(msg, sizeof(msg), "bad pattern: %s", err);
		syntax(e, at, msg);
	}
	return k;
}

static size_t
parse_in(struct expr *e, size_t k)
{
	size_t args[256], n = 0, in;

	expect(e, "(");
	do {
		if (n == 256)
			syntax(e, e->pos, "too many values");
		args[n++] = parse_add(e);
	} while (punct(e, ","));
	expect(e, ")");
	in = node_new(e, N_IN, k, 0);
	e->kids = xgrow(e->kids, &e->kcap, e->nkids + n, sizeof(size_t));
	e->nodes[in].kid0 = e->nkids;
	e->nodes[in].nkids = n;
	memcpy(e->kids + e->nkids, args, n * sizeof(size_t));
	e->nkids += n;
	return in;
}

static size_t
parse_cmp(struct expr *e)
{
	static const struct { const char *s; enum op op; } ops[] = {
		{ "==", N_EQ }, { "!=", N_NE }, { "<=", N_LE }, { ">=", N_GE },
		{ "<", N_LT }, { ">", N_GT }
	};
	size_t k = parse_add(e), i;

	if (punct(e, "=~"))
		return parse_match(e, k, N_MATCH);
	if (punct(e, "!~"))
		return parse_match(e, k, N_NMATCH);
	if (word(e, "in"))
		return parse_in(e, k);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (punct(e, ops[i].s))
			return node_new(e, ops[i].op, k, parse_add(e));
	skip_space(e);
	if (e->src[e->pos] == '=')
		syntax(e, e->pos, "'=' is not an operator: compare with '=='");
	return k;
}

static size_t
parse_not(struct expr *e)
{
	if (word(e, "not"))
		return node_new(e, N_NOT, parse_not(e), 0);
	return parse_cmp(e);
}

static size_t
parse_and(struct expr *e)
{
	size_t k = parse_not(e);

	while (word(e, "and"))
		k = node_new(e, N_AND, k, parse_not(e));
	return k;
}

static size_t
parse_or(struct expr *e)
{
	size_t k = parse_and(e);

	while (word(e, "or"))
		k = node_new(e, N_OR, k, parse_and(e));
	return k;
}

struct expr *
expr_parse(const char *src, const struct expr_scope *scope, const char *what)
{
	struct expr *e;

	e = xcalloc(1, sizeof(*e));
	e->src = src;
	e->sc = *scope;
	if (scope->names != NULL)
		e->sc.names = (const char *const *)xmemdup(scope->names,
		    scope->n * sizeof(char *));
	e->scope = &e->sc;
	e->what = xstrdup(what);
	e->root = parse_or(e);
	skip_space(e);
	if (e->src[e->pos] != '\0')
		syntax(e, e->pos, "unexpected text");
	return e;
}

void
expr_free(struct expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nnodes; i++) {
		free(e->nodes[i].s);
		free(e->nodes[i].buf);
		rx_free(e->nodes[i].rx);
	}
	free(e->nodes);
	free(e->kids);
	free((void *)e->sc.names);
	free(e->what);
	free(e);
}

/* ---- evaluating ---- */

/* The reason of a bad value: "column 'x': what ('v')" or "--where: ...". */
static int
bad(struct expr *e, const struct val *v, const char *what)
{
	int q = clean_quote_len(v->s, v->len);

	if (v->col >= 0)
		snprintf(e->why, e->whylen, "column '%s': %s ('%.*s%s')",
		    e->scope->names[v->col], what, q, v->s,
		    (size_t)q < v->len ? "..." : "");
	else
		snprintf(e->why, e->whylen, "%s: %s ('%.*s%s')", e->what, what,
		    q, v->s, (size_t)q < v->len ? "..." : "");
	return -1;
}

static int
fail(struct expr *e, const char *what)
{
	snprintf(e->why, e->whylen, "%s: %s", e->what, what);
	return -1;
}

static void
set_num(struct val *v, double n)
{
	v->t = V_NUM;
	v->n = n;
	v->col = -1;
}

/* v as text; numbers and dates are written into buf (>= 40 bytes). */
static void
as_text(struct val *v, char *buf)
{
	if (v->t == V_NUM) {
		v->len = num_fmt(buf, v->n);
		v->s = buf;
	} else if (v->t == V_DATE) {
		v->len = date_fmt_secs(buf, (int64_t)v->n);
		v->s = buf;
	}
}

static int
to_num(struct expr *e, const struct val *v, double *out)
{
	const char *why;

	if (v->t == V_NUM) {
		*out = v->n;
		return 0;
	}
	if (v->t == V_DATE)
		return fail(e, "a date where a number is needed");
	if (num_parse(v->s, v->len, out, &why) == -1)
		return bad(e, v, why);
	return 0;
}

/* A date: ISO 8601, else the --date-format formats in order. */
static int
to_date(struct expr *e, const struct val *v, int64_t *secs)
{
	const struct expr_scope *sc = e->scope;
	const char *why;
	size_t i;

	if (v->t == V_DATE) {
		*secs = (int64_t)v->n;
		return 0;
	}
	if (v->t == V_NUM)
		return fail(e, "a number where a date is needed");
	if (date_parse_iso(v->s, v->len, secs, &why) == 0)
		return 0;
	for (i = 0; i < sc->ndatefmt; i++)
		if (date_parse_fmt(sc->datefmt[i], v->s, v->len, secs,
		    &why) == 0)
			return 0;
	return bad(e, v, sc->ndatefmt ? "not a date in the --date-format" :
	    "not a date (expected YYYY-MM-DD; name others with --date-format)");
}

static int eval(struct expr *, size_t, struct val *);

static int
eval_num(struct expr *e, size_t k, double *out)
{
	struct val v;

	if (eval(e, k, &v) == -1)
		return -1;
	return to_num(e, &v, out);
}

static int
truth(struct expr *e, const struct val *v, int *t)
{
	double n;

	if (v->t == V_STR && v->len == 4 && memcmp(v->s, "true", 4) == 0)
		*t = 1;
	else if (v->t == V_STR && v->len == 5 && memcmp(v->s, "false", 5) == 0)
		*t = 0;
	else if (to_num(e, v, &n) == -1)
		return -1;
	else
		*t = n != 0;
	return 0;
}

/*
 * Compare a and b: dates when either is a date, numbers when either is
 * a number or both texts are numbers, else bytes.  *c gets -1, 0 or 1.
 */
static int
compare(struct expr *e, struct val *a, struct val *b, int *c)
{
	const char *why;
	double x, y;
	int64_t s, t;
	size_t n;
	int r;

	if (a->t == V_DATE || b->t == V_DATE) {
		if (to_date(e, a, &s) == -1 || to_date(e, b, &t) == -1)
			return -1;
		*c = (s > t) - (s < t);
		return 0;
	}
	if (a->t == V_NUM || b->t == V_NUM || (num_parse(a->s, a->len, &x,
	    &why) == 0 && num_parse(b->s, b->len, &y, &why) == 0)) {
		if (to_num(e, a, &x) == -1 || to_num(e, b, &y) == -1)
			return -1;
		*c = (x > y) - (x < y);
		return 0;
	}
	n = a->len < b->len ? a->len : b->len;
	r = memcmp(a->s, b->s, n);
	*c = r != 0 ? (r > 0) - (r < 0) : (a->len > b->len) - (a->len < b->len);
	return 0;
}

static int
eval_cmp(struct expr *e, const struct node *nd, struct val *out)
{
	struct val a, b;
	int c, t;

	if (eval(e, nd->a, &a) == -1 || eval(e, nd->b, &b) == -1 ||
	    compare(e, &a, &b, &c) == -1)
		return -1;
	switch (nd->op) {
	case N_EQ: t = c == 0; break;
	case N_NE: t = c != 0; break;
	case N_LT: t = c < 0; break;
	case N_LE: t = c <= 0; break;
	case N_GT: t = c > 0; break;
	default: t = c >= 0; break;
	}
	set_num(out, t);
	return 0;
}

static int
eval_arith(struct expr *e, const struct node *nd, struct val *out)
{
	double x, y, r;

	if (eval_num(e, nd->a, &x) == -1 || eval_num(e, nd->b, &y) == -1)
		return -1;
	switch (nd->op) {
	case N_ADD: r = x + y; break;
	case N_SUB: r = x - y; break;
	case N_MUL: r = x * y; break;
	case N_DIV:
		if (y == 0)
			return fail(e, "division by zero");
		r = x / y;
		break;
	default:			/* floored: the sign of the divisor */
		if (y == 0)
			return fail(e, "division by zero");
		r = fmod(x, y);
		if (r != 0 && (r < 0) != (y < 0))
			r += y;
		break;
	}
	set_num(out, r);
	return 0;
}

static int
eval_logic(struct expr *e, const struct node *nd, struct val *out)
{
	struct val v;
	int t;

	if (eval(e, nd->a, &v) == -1 || truth(e, &v, &t) == -1)
		return -1;
	if (nd->op == N_NOT) {
		set_num(out, !t);
		return 0;
	}
	if ((nd->op == N_AND && !t) || (nd->op == N_OR && t)) {
		set_num(out, t);	/* short circuit */
		return 0;
	}
	if (eval(e, nd->b, &v) == -1 || truth(e, &v, &t) == -1)
		return -1;
	set_num(out, t);
	return 0;
}

static int
eval_match(struct expr *e, struct node *nd, struct val *out)
{
	struct val v;
	int rc;

	if (eval(e, nd->a, &v) == -1)
		return -1;
	as_text(&v, e->numbuf);
	if ((rc = rx_match(nd->rx, v.s, v.len, 0, NULL, NULL)) == -1)
		return fail(e, rx_errmsg(nd->rx));
	set_num(out, nd->op == N_MATCH ? rc : !rc);
	return 0;
}

static int
eval_in(struct expr *e, const struct node *nd, struct val *out)
{
	struct val a, b;
	size_t i;
	int c;

	if (eval(e, nd->a, &a) == -1)
		return -1;
	for (i = 0; i < nd->nkids; i++) {
		if (eval(e, e->kids[nd->kid0 + i], &b) == -1 ||
		    compare(e, &a, &b, &c) == -1)
			return -1;
		if (c == 0)
			break;
	}
	set_num(out, i < nd->nkids);
	return 0;
}

/* Make room for n bytes in node k's buffer. */
static char *
room(struct expr *e, size_t k, size_t n)
{
	struct node *nd = &e->nodes[k];

	if (n + 1 > nd->cap)
		nd->buf = xgrow(nd->buf, &nd->cap, n + 1, 1);
	return nd->buf;
}

/* Argument i of the call node k, evaluated. */
static int
arg(struct expr *e, size_t k, size_t i, struct val *v)
{
	return eval(e, e->kids[e->nodes[k].kid0 + i], v);
}

static int
arg_num(struct expr *e, size_t k, size_t i, double *x)
{
	struct val v;

	if (arg(e, k, i, &v) == -1)
		return -1;
	return to_num(e, &v, x);
}

static size_t
utf8_count(const char *p, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)p[i] & 0xC0) != 0x80;
	return c;
}

/* Byte offset of character ch (0-based) in p[0..n), or n. */
static size_t
utf8_skip(const char *p, size_t n, size_t ch)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80 && ch-- == 0)
			return i;
	return n;
}

static int
fn_math(struct expr *e, size_t k, struct val *out)
{
	const struct node *nd = &e->nodes[k];
	double x, y, p;
	size_t i;

	if (arg_num(e, k, 0, &x) == -1)
		return -1;
	switch (nd->fn) {
	case F_ABS: x = fabs(x); break;
	case F_FLOOR: x = floor(x); break;
	case F_CEIL: x = ceil(x); break;
	case F_EXP: x = exp(x); break;
	case F_LOG:
		if (x <= 0)
			return fail(e, "log of a number not above 0");
		x = log(x);
		break;
	case F_ROUND:
		y = 0;
		if (nd->nkids == 2 && arg_num(e, k, 1, &y) == -1)
			return -1;
		if (y != floor(y) || y < -15 || y > 15)
			return fail(e, "round(): digits must be a whole number "
			    "from -15 to 15");
		p = pow(10, fabs(y));
		x = y >= 0 ? round(x * p) / p : round(x / p) * p;
		break;
	default:			/* min, max */
		for (i = 1; i < nd->nkids; i++) {
			if (arg_num(e, k, i, &y) == -1)
				return -1;
			if (nd->fn == F_MIN ? y < x : y > x)
				x = y;
		}
		break;
	}
	set_num(out, x);
	return 0;
}

/* lower, upper, trim, len, is_empty: one text argument. */
static int
fn_text1(struct expr *e, size_t k, struct val *out)
{
	enum fn fn = e->nodes[k].fn;
	struct val v;
	char *b;

	if (arg(e, k, 0, &v) == -1)
		return -1;
	as_text(&v, e->numbuf);
	if (fn == F_LEN || fn == F_IS_EMPTY) {
		set_num(out, fn == F_LEN ? (double)utf8_count(v.s, v.len) :
		    num_blank(v.s, v.len));
		return 0;
	}
	b = room(e, k, v.len);
	out->t = V_STR;
	out->col = -1;
	out->s = b;
	out->len = fn == F_LOWER ? text_lower(v.s, v.len, b) :
	    fn == F_UPPER ? text_upper(v.s, v.len, b) :
	    text_squeeze(v.s, v.len, b);
	return 0;
}

/* substr(s, start[, n]): characters, counted from 1. */
static int
fn_substr(struct expr *e, size_t k, struct val *out)
{
	struct val v;
	double st, n = -1;
	size_t a, b;

	if (arg(e, k, 0, &v) == -1 || arg_num(e, k, 1, &st) == -1 ||
	    (e->nodes[k].nkids == 3 && arg_num(e, k, 2, &n) == -1))
		return -1;
	as_text(&v, e->numbuf);
	st = floor(st);
	if (st < 1)
		st = 1;
	a = st > 1e15 ? v.len : utf8_skip(v.s, v.len, (size_t)st - 1);
	if (n < 0 && e->nodes[k].nkids == 3)
		n = 0;
	b = n < 0 || n > 1e15 ? v.len : a + utf8_skip(v.s + a, v.len - a,
	    (size_t)floor(n));
	out->t = V_STR;
	out->col = -1;
	out->s = v.s + a;	/* a slice of the argument's own text */
	out->len = b - a;
	if (v.s == e->numbuf) {	/* not stable: copy */
		memcpy(room(e, k, b - a), v.s + a, b - a);
		out->s = e->nodes[k].buf;
	}
	return 0;
}

static int
fn_concat(struct expr *e, size_t k, struct val *out)
{
	const struct node *nd = &e->nodes[k];
	struct val v;
	size_t i, used = 0;
	char *b;

	for (i = 0; i < nd->nkids; i++) {
		if (arg(e, k, i, &v) == -1)
			return -1;
		as_text(&v, e->numbuf);
		b = room(e, k, used + v.len);
		memcpy(b + used, v.s, v.len);
		used += v.len;
	}
	out->t = V_STR;
	out->col = -1;
	out->s = room(e, k, used);
	out->len = used;
	return 0;
}

static int
fn_coalesce(struct expr *e, size_t k, struct val *out)
{
	const struct node *nd = &e->nodes[k];
	size_t i;

	for (i = 0; i < nd->nkids; i++) {
		if (arg(e, k, i, out) == -1)
			return -1;
		if (out->t != V_STR || !num_blank(out->s, out->len))
			return 0;
	}
	return 0;		/* the last, blank */
}

static int
fn_date(struct expr *e, size_t k, struct val *out)
{
	const struct node *nd = &e->nodes[k];
	struct val v;
	int64_t s, t, y;
	unsigned m, d;

	if (arg(e, k, 0, &v) == -1 || to_date(e, &v, &s) == -1)
		return -1;
	if (nd->fn == F_DATE_DIFF) {
		if (arg(e, k, 1, &v) == -1 || to_date(e, &v, &t) == -1)
			return -1;
		set_num(out, (double)(s - t) / 86400);
		return 0;
	}
	date_civil_from_days(date_days(s), &y, &m, &d);
	switch (nd->fn) {
	case F_YEAR: set_num(out, (double)y); break;
	case F_MONTH: set_num(out, m); break;
	case F_DAY: set_num(out, d); break;
	default:			/* ISO: Monday 1 .. Sunday 7 */
		set_num(out, (double)((date_days(s) % 7 + 7 + 3) % 7 + 1));
		break;
	}
	return 0;
}

static int
eval_call(struct expr *e, size_t k, struct val *out)
{
	struct val c;
	int t;

	switch (e->nodes[k].fn) {
	case F_ABS: case F_ROUND: case F_FLOOR: case F_CEIL: case F_LOG:
	case F_EXP: case F_MIN: case F_MAX:
		return fn_math(e, k, out);
	case F_LEN: case F_LOWER: case F_UPPER: case F_TRIM: case F_IS_EMPTY:
		return fn_text1(e, k, out);
	case F_SUBSTR:
		return fn_substr(e, k, out);
	case F_CONCAT:
		return fn_concat(e, k, out);
	case F_COALESCE:
		return fn_coalesce(e, k, out);
	case F_IF:
		if (arg(e, k, 0, &c) == -1 || truth(e, &c, &t) == -1)
			return -1;
		return arg(e, k, t ? 1 : 2, out);
	default:
		return fn_date(e, k, out);
	}
}

static int
eval(struct expr *e, size_t k, struct val *out)
{
	struct node *nd = &e->nodes[k];
	double x;

	switch (nd->op) {
	case N_NUM:
		set_num(out, nd->num);
		return 0;
	case N_DATE:
		out->t = V_DATE;
		out->n = nd->num;
		out->col = -1;
		return 0;
	case N_STR:
		out->t = V_STR;
		out->s = nd->s;
		out->len = nd->slen;
		out->col = -1;
		return 0;
	case N_COL:
		out->t = V_STR;
		out->s = e->val[nd->col];
		out->len = e->len[nd->col];
		out->col = (long)nd->col;
		return 0;
	case N_NEG:
		if (eval_num(e, nd->a, &x) == -1)
			return -1;
		set_num(out, -x);
		return 0;
	case N_NOT: case N_AND: case N_OR:
		return eval_logic(e, nd, out);
	case N_ADD: case N_SUB: case N_MUL: case N_DIV: case N_MOD:
		return eval_arith(e, nd, out);
	case N_EQ: case N_NE: case N_LT: case N_LE: case N_GT: case N_GE:
		return eval_cmp(e, nd, out);
	case N_MATCH: case N_NMATCH:
		return eval_match(e, nd, out);
	case N_IN:
		return eval_in(e, nd, out);
	default:
		return eval_call(e, k, out);
	}
}

static void
begin(struct expr *e, const char *const *val, const size_t *len, char *why,
    size_t whylen)
{
	e->val = val;
	e->len = len;
	e->why = why;
	e->whylen = whylen;
}

int
expr_eval_text(struct expr *e, const char *const *val, const size_t *len,
    const char **p, size_t *plen, char *why, size_t whylen)
{
	struct val v;

	begin(e, val, len, why, whylen);
	if (eval(e, e->root, &v) == -1)
		return -1;
	if (v.t != V_STR)
		as_text(&v, room(e, e->root, 40));
	*p = v.s;
	*plen = v.len;
	return 0;
}

int
expr_truth(struct expr *e, const char *const *val, const size_t *len,
    int *t, char *why, size_t whylen)
{
	struct val v;

	begin(e, val, len, why, whylen);
	if (eval(e, e->root, &v) == -1)
		return -1;
	return truth(e, &v, t);
}
