/*
 * schema.c: --schema FILE, the expected type of each column.  The file
 * is CSV with the header column,type,required; type is int, number,
 * date, email, phone, "enum a|b|c" or "regex PATTERN" (the whole cell
 * must match); required is yes or no (empty: no).  Each cell is checked
 * after the normalisers; every violation is reported with its reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "num.h"
#include "rx.h"
#include "prep.h"

enum stype { S_ANY, S_INT, S_NUMBER, S_DATE, S_EMAIL, S_PHONE, S_ENUM,
	S_REGEX };

struct rule {
	size_t		 col;
	char		*name;
	enum stype	 type;
	int		 required;
	char		*arg;		/* enum alternatives, '|'-separated */
	struct rx	*rx;
};

struct schema {
	struct rule	*rules;
	size_t		 n;
	const struct norm_cfg *cfg;
	char		*buf;		/* normaliser output, checked */
	size_t		 cap;
	char		 why[256];
};

static const char *const type_names[] = {
	"", "int", "number", "date", "email", "phone", NULL
};

/* Field i of row as a NUL-terminated copy. */
static char *
field_dup(const struct csv_row *row, long i)
{
	const char *p;
	size_t n;

	if (i < 0)
		return xstrdup("");
	p = csv_field(row, (size_t)i, &n);
	return xmemdup(p, n);
}

/* Parse the type cell into r; exit 2 when it is not a type. */
static void
parse_type(struct rule *r, const char *t, const char *path,
    unsigned long long line)
{
	char err[256];
	int i;

	for (i = 1; type_names[i] != NULL; i++)
		if (strcmp(t, type_names[i]) == 0) {
			r->type = (enum stype)i;
			return;
		}
	if (strncmp(t, "enum ", 5) == 0 && t[5] != '\0') {
		r->type = S_ENUM;
		r->arg = xstrdup(t + 5);
		return;
	}
	if (strncmp(t, "regex ", 6) == 0) {
		r->type = S_REGEX;
		if ((r->rx = rx_compile(t + 6, RX_ANCHORED, err,
		    sizeof(err))) == NULL)
			crm_errx(2, "%s:%llu: %s ('%s')", path, line, err, t + 6);
		return;
	}
	crm_errx(2, "%s:%llu: unknown type '%s' (int, number, date, email, "
	    "phone, enum a|b|c, regex PATTERN)", path, line, t);
}

static int
parse_required(const char *s, const char *path, unsigned long long line)
{
	if (*s == '\0' || strcmp(s, "no") == 0)
		return 0;
	if (strcmp(s, "yes") == 0)
		return 1;
	crm_errx(2, "%s:%llu: required must be yes or no ('%s')", path, line,
	    s);
}

struct schema *
schema_load(const char *path, const struct csv_reader *in,
    const struct norm_cfg *cfg)
{
	char *paths[1] = { (char *)path }, *type, *req;
	struct csv_reader *r;
	const struct csv_row *row;
	struct schema *s;
	struct rule *ru;
	long cn, ct, cr;
	int rc;

	r = csv_open(paths, 1, ',');
	if (csv_read_header(r) != 1)
		crm_errx(2, "--schema: %s: %s", path, csv_lasterr(r)->kind ==
		    CSV_ERR_NONE ? "empty" : csv_lasterr(r)->what);
	if ((cn = csv_col(r, "column")) < 0 || (ct = csv_col(r, "type")) < 0)
		crm_errx(2, "--schema: %s: the header must be "
		    "column,type[,required]", path);
	cr = csv_col(r, "required");
	s = xcalloc(1, sizeof(*s));
	s->cfg = cfg;
	while ((rc = csv_read(r, &row)) != 0) {
		if (rc == -1)
			crm_errx(2, "--schema: %s:%llu: %s", path,
			    csv_lasterr(r)->line, csv_lasterr(r)->what);
		s->rules = xreallocarray(s->rules, s->n + 1, sizeof(*s->rules));
		ru = &s->rules[s->n++];
		memset(ru, 0, sizeof(*ru));
		ru->name = field_dup(row, cn);
		ru->col = col_require(in, ru->name);
		type = field_dup(row, ct);
		req = field_dup(row, cr);
		parse_type(ru, type, path, csv_line(r));
		ru->required = parse_required(req, path, csv_line(r));
		free(type);
		free(req);
	}
	csv_close(r);
	return s;
}

void
schema_free(struct schema *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->rules[i].name);
		free(s->rules[i].arg);
		rx_free(s->rules[i].rx);
	}
	free(s->rules);
	free(s->buf);
	free(s);
}

static int
enum_has(const char *alts, const char *p, size_t n)
{
	const char *a = alts, *e;

	for (;;) {
		e = strchr(a, '|');
		if ((size_t)((e ? e : a + strlen(a)) - a) == n &&
		    memcmp(a, p, n) == 0)
			return 1;
		if (e == NULL)
			return 0;
		a = e + 1;
	}
}

/* Check one value against one rule: NULL when it passes, else why. */
static const char *
check(struct schema *s, const struct rule *r, const char *p, size_t n)
{
	const char *why;
	long long i;
	double d;

	if (num_blank(p, n))
		return r->required ? "empty (required by the schema)" : NULL;
	s->buf = xgrow(s->buf, &s->cap, NORM_ROOM(n), 1);
	switch (r->type) {
	case S_INT:
		if (num_parse_int(p, n, -0x7fffffffffffffffLL - 1,
		    0x7fffffffffffffffLL, &i, &why) == -1)
			return "not an integer";
		return NULL;
	case S_NUMBER:
		return num_parse(p, n, &d, &why) == -1 ? "not a number" : NULL;
	case S_DATE:
		return norm_date(s->cfg, p, n, s->buf, s->why,
		    sizeof(s->why)) < 0 ? s->why : NULL;
	case S_EMAIL:
		return norm_email(s->cfg, p, n, s->buf, s->why,
		    sizeof(s->why)) < 0 ? s->why : NULL;
	case S_PHONE:
		return norm_phone(s->cfg, NULL, p, n, s->buf, s->why,
		    sizeof(s->why)) < 0 ? s->why : NULL;
	case S_ENUM:
		if (enum_has(r->arg, p, n))
			return NULL;
		snprintf(s->why, sizeof(s->why), "not one of %s", r->arg);
		return s->why;
	case S_REGEX:
		return rx_match(r->rx, p, n, 0, NULL, NULL) == 1 ? NULL :
		    "does not match the schema's pattern";
	default:
		return NULL;
	}
}

size_t
schema_check(struct schema *s, const char *const *val, const size_t *len,
    void (*fn)(void *, size_t, const char *), void *arg)
{
	const char *why;
	size_t i, bad = 0;

	for (i = 0; i < s->n; i++) {
		why = check(s, &s->rules[i], val[s->rules[i].col],
		    len[s->rules[i].col]);
		if (why != NULL) {
			fn(arg, s->rules[i].col, why);
			bad++;
		}
	}
	return bad;
}
