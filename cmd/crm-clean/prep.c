/*
 * prep.c: the glue of crm-clean's data preparation.  Options; then per
 * row, after --trim/--lower/--upper: --fill and the normalisers rewrite
 * cells (prep_cells); after --require/--match: the schema, --where,
 * --derive and --outliers (prep_row).  The row's values live in slots:
 * the input columns (as transformed, or as a --derive replaced them),
 * then the new derived columns, the outlier flags and the errors
 * column; the output is a list of slots (--select, --drop), written
 * with --hash, --mask and --excel-safe applied.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "input.h"
#include "num.h"
#include "sha256.h"
#include "text.h"
#include "clean.h"

/* What prep does to an input column's cells (prep->norm). */
#define N_EMAIL		1
#define N_PHONE		2
#define N_DATE		4
#define N_AMOUNT	8
#define N_NAME		16

/* What happens to an output column as it is written (prep->pii). */
#define P_HASH		1
#define P_MASK		2

struct prep {
	struct cleaner	*cl;
	const struct prep_opts *po;
	struct norm_cfg	 cfg;
	size_t		 ncols;
	unsigned char	*norm;		/* per input column: N_* */
	const char	**fillv;	/* per input column: fill, or NULL */
	size_t		*filln;
	unsigned char	*filledrow;	/* per input column: filled now */
	char		*fillbuf;	/* mean/median values, 40 a column */
	long		 country_col;
	char		*buf;		/* this row's normalised cells */
	size_t		 cap;
	struct schema	*schema;
	struct expr	*where;
	struct expr	**derive;
	size_t		*dslot;		/* the slot each derive writes */
	/* slots */
	char		**names;	/* owned */
	size_t		 nslots;
	const char	**sval;
	size_t		*slen;
	size_t		*ocol;		/* --outliers: input column */
	double		*olo, *ohi;	/* its bounds */
	size_t		 oslot0;	/* slot of the first outlier flag */
	size_t		 nout;
	long		 errslot;	/* --flag: the errors slot, or -1 */
	char		*err;		/* this row's errors */
	size_t		 errlen, errcap;
	/* output */
	size_t		*outs;		/* output columns: slots */
	unsigned char	*pii;		/* per output column: P_* */
	size_t		 nouts;
	int		 rowfirst;	/* output = the input row, then more */
	char		*pbuf;		/* a cell with pii applied */
	size_t		 pcap;
	struct csv_writer *filtered;
	uint64_t	**count;	/* the counts reject_value adds to */
	char		 why[1024];
};

static const char *const method_names[] = { "iqr", "zscore", "mad", NULL };
static const double method_k[] = { 1.5, 3, 3.5 };

/* ---- options ---- */

void
prep_opts_init(struct prep_opts *po)
{
	memset(po, 0, sizeof(*po));
	po->mask_keep = 4;
}

static void
add_fill(struct prep_opts *po, const char *arg)
{
	static const char *const kinds[] = { "", "mean", "median", "mode" };
	struct fill *f;
	char *eq;
	int i;

	if ((eq = strchr(arg, '=')) == NULL || eq == arg)
		crm_errx(2, "--fill: expected COL=VALUE|mean|median|mode ('%s')",
		    arg);
	po->fill = xreallocarray(po->fill, po->nfill + 1, sizeof(*po->fill));
	f = &po->fill[po->nfill++];
	f->col = xstrdup(arg);
	f->col[eq - arg] = '\0';
	f->value = f->col + (eq - arg) + 1;
	f->kind = FILL_VALUE;
	for (i = 1; i < 4; i++)
		if (strcmp(f->value, kinds[i]) == 0)
			f->kind = (enum fill_kind)i;
}

static void
add_str(const char ***list, size_t *n, const char *arg)
{
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = arg;
}

int
prep_opt(struct prep_opts *po, int ch, const char *arg)
{
	switch (ch) {
	case OPT_AMOUNT: collist_add(&po->amount, arg); break;
	case OPT_COUNTRY:
		if (!norm_country_known(arg, strlen(arg)))
			crm_errx(2, "--country: unknown country '%s' (AU, CA, "
			    "CN, DE, ES, FR, GB, IN, JP, US)", arg);
		po->country = arg;
		break;
	case OPT_COUNTRY_COLUMN: po->country_col = arg; break;
	case OPT_DATECOLS: collist_add(&po->date, arg); break;
	case OPT_DATE_FORMAT:
		if (date_fmt_check(arg) != NULL)
			crm_errx(2, "--date-format: %s ('%s')",
			    date_fmt_check(arg), arg);
		add_str(&po->datefmt, &po->ndatefmt, arg);
		break;
	case OPT_DECIMAL_COMMA: po->decimal_comma = 1; break;
	case OPT_DERIVE: add_str(&po->derive, &po->nderive, arg); break;
	case OPT_DROP: collist_add(&po->drop, arg); break;
	case OPT_EMAIL: collist_add(&po->email, arg); break;
	case OPT_EMAIL_CANONICAL: po->email_canonical = 1; break;
	case OPT_EMAIL_LOWER_LOCAL: po->email_lower_local = 1; break;
	case OPT_EXCEL_SAFE: po->excel_safe = 1; break;
	case OPT_FILL: add_fill(po, arg); break;
	case OPT_FILTERED: po->filtered = arg; break;
	case OPT_FLAG: po->flag = 1; break;
	case OPT_HASH: collist_add(&po->hash, arg); break;
	case OPT_K: po->k = opt_double(arg, 1e-9, 1e9, "--k"); break;
	case OPT_MASK: collist_add(&po->mask, arg); break;
	case OPT_MASK_KEEP:
		po->mask_keep = opt_int(arg, 0, 1000000, "--mask-keep");
		break;
	case OPT_METHOD:
		po->method = (enum outlier_method)opt_enum(arg, method_names,
		    "--method");
		po->method_set = 1;
		break;
	case OPT_NAME: collist_add(&po->name, arg); break;
	case OPT_OUTLIERS: collist_add(&po->outliers, arg); break;
	case OPT_OUTLIERS_REJECT: po->outliers_reject = 1; break;
	case OPT_PHONE: collist_add(&po->phone, arg); break;
	case OPT_SALT: po->salt = arg; po->saltlen = strlen(arg); break;
	case OPT_SALT_FILE:
		free(po->saltbuf);
		po->saltbuf = pii_read_salt(arg, &po->saltlen);
		po->salt = po->saltbuf;
		break;
	case OPT_SCHEMA: po->schema = arg; break;
	case OPT_SELECT: collist_add(&po->select, arg); break;
	case OPT_WHERE:
		if (po->where != NULL)
			crm_errx(2, "--where given twice (join the conditions "
			    "with 'and')");
		po->where = arg;
		break;
	default:
		return 0;
	}
	return 1;
}

/* True when a first pass over the input is needed. */
static int
two_pass(const struct prep_opts *po)
{
	size_t i;

	for (i = 0; i < po->nfill; i++)
		if (po->fill[i].kind != FILL_VALUE)
			return 1;
	return po->outliers.n > 0;
}

static void
remove_spool(void *path)
{
	unlink(path);
}

/*
 * The first pass of --fill and --outliers cannot read the standard input
 * again: copy it to a temporary file (in TMPDIR, else /tmp; memory: one
 * buffer) that becomes the standard input, so that the main pass reads
 * it as <stdin> and the first pass by its name.  Exit 1 on failure.
 */
static void
spool_stdin(struct prep_opts *po)
{
	const char *dir = getenv("TMPDIR");
	char buf[65536];
	ssize_t n, k, w;
	size_t len;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	len = strlen(dir) + 32;
	po->spool = xmalloc(len);
	snprintf(po->spool, len, "%s/crm-clean.XXXXXX", dir);
	if ((fd = mkstemp(po->spool)) == -1)
		crm_err(1, "%s", po->spool);
	crm_atexit(remove_spool, po->spool);
	crm_tmp_add(po->spool);		/* and on a deadly signal */
	while ((n = read(0, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			crm_err(1, "<stdin>");
		for (k = 0; k < n; k += w)
			if ((w = write(fd, buf + k, (size_t)(n - k))) == -1 &&
			    errno != EINTR)
				crm_err(1, "%s", po->spool);
			else if (w == -1)
				w = 0;
	}
	if (dup2(fd, 0) == -1 || lseek(0, 0, SEEK_SET) == -1)
		crm_err(1, "%s", po->spool);
	close(fd);
}

/* Syntax errors are exit 2 before any input is read, even empty input. */
static void
check_syntax(const struct prep_opts *po)
{
	struct expr_scope sc = { NULL, 0, po->datefmt, po->ndatefmt };
	const char *d, *eq;
	char what[256];
	size_t i, nl;

	if (po->where != NULL)
		expr_free(expr_parse(po->where, &sc, "--where"));
	for (i = 0; i < po->nderive; i++) {
		d = po->derive[i];
		if ((eq = strchr(d, '=')) == NULL || eq[1] == '=')
			continue;	/* setup_exprs says so */
		for (nl = (size_t)(eq - d); nl > 0 && d[nl - 1] == ' '; nl--)
			;
		snprintf(what, sizeof(what), "--derive %.*s", (int)nl, d);
		expr_free(expr_parse(eq + 1, &sc, what));
	}
}

void
prep_opts_check(struct prep_opts *po, int nfiles, char *const *files)
{
	int i;

	if ((po->hash.n > 0) != (po->salt != NULL))
		crm_errx(2, po->salt ? "--salt needs --hash" :
		    "--hash needs --salt or --salt-file");
	if (po->salt != NULL && po->saltlen == 0)
		crm_errx(2, "--salt: empty");
	if ((po->method_set || po->k > 0 || po->outliers_reject) &&
	    po->outliers.n == 0)
		crm_errx(2, "--method, --k and --outliers-reject need "
		    "--outliers");
	if ((po->email_canonical || po->email_lower_local) &&
	    po->email.n == 0)
		crm_errx(2, "--email-canonical and --email-lower-local need "
		    "--email");
	if (po->decimal_comma && po->amount.n == 0)
		crm_errx(2, "--decimal-comma needs --amount");
	if (po->filtered != NULL && po->where == NULL)
		crm_errx(2, "--filtered needs --where");
	if (po->mask_keep != 4 && po->mask.n == 0)
		crm_errx(2, "--mask-keep needs --mask");
	if (po->k == 0)
		po->k = method_k[po->method];
	check_syntax(po);
	if (!two_pass(po))
		return;
	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0)
			break;
	if (nfiles == 0 || i < nfiles)
		spool_stdin(po);
}

void
prep_opts_free(struct prep_opts *po)
{
	size_t i;

	collist_free(&po->select);
	collist_free(&po->drop);
	collist_free(&po->email);
	collist_free(&po->phone);
	collist_free(&po->date);
	collist_free(&po->amount);
	collist_free(&po->name);
	collist_free(&po->outliers);
	collist_free(&po->hash);
	collist_free(&po->mask);
	for (i = 0; i < po->nfill; i++)
		free(po->fill[i].col);
	free(po->fill);
	free(po->derive);
	free(po->datefmt);
	free(po->saltbuf);
	if (po->spool != NULL) {
		crm_atexit(NULL, po->spool);
		crm_tmp_remove(po->spool);
		unlink(po->spool);
		free(po->spool);
	}
}

/* True when any preparation option is given. */
int
prep_wanted(const struct prep_opts *po)
{
	return po->where || po->nderive || po->select.n || po->drop.n ||
	    po->email.n || po->phone.n || po->date.n || po->amount.n ||
	    po->name.n || po->outliers.n || po->hash.n || po->mask.n ||
	    po->nfill || po->schema || po->excel_safe || po->flag;
}

/* ---- setup ---- */

static size_t
add_slot(struct prep *p, const char *name, size_t n)
{
	p->names = xreallocarray(p->names, p->nslots + 1, sizeof(*p->names));
	p->names[p->nslots] = xmemdup(name, n);
	return p->nslots++;
}

static long
find_slot(const struct prep *p, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < p->nslots; i++)
		if (strlen(p->names[i]) == n && memcmp(p->names[i], name, n) == 0)
			return (long)i;
	return -1;
}

/* Mark the columns of list with the normaliser bit. */
static void
mark_norm(struct prep *p, struct collist *list, unsigned char bit)
{
	size_t i;

	collist_resolve(list, p->cl->r);
	for (i = 0; i < list->n; i++) {
		p->norm[list->idx[i]] |= bit;
		p->cl->ops[list->idx[i]] |= OP_PREP;
	}
}

/* Parse --where and each --derive NAME=EXPR, adding the new slots. */
static void
setup_exprs(struct prep *p)
{
	const struct prep_opts *po = p->po;
	struct expr_scope sc;
	const char *d, *eq;
	char what[256];
	size_t i, nl;
	long s;

	sc.datefmt = po->datefmt;
	sc.ndatefmt = po->ndatefmt;
	sc.names = (const char *const *)p->names;
	sc.n = p->nslots;
	if (po->where != NULL)
		p->where = expr_parse(po->where, &sc, "--where");
	p->derive = xcalloc(po->nderive + 1, sizeof(*p->derive));
	p->dslot = xcalloc(po->nderive + 1, sizeof(*p->dslot));
	for (i = 0; i < po->nderive; i++) {
		d = po->derive[i];
		if ((eq = strchr(d, '=')) == NULL || eq[1] == '=')
			crm_errx(2, "--derive: expected NAME=EXPR ('%s')", d);
		nl = (size_t)(eq - d);
		while (nl > 0 && d[nl - 1] == ' ')
			nl--;
		if (nl == 0)
			crm_errx(2, "--derive: expected NAME=EXPR ('%s')", d);
		snprintf(what, sizeof(what), "--derive %.*s", (int)nl, d);
		sc.names = (const char *const *)p->names;
		sc.n = p->nslots;
		p->derive[i] = expr_parse(eq + 1, &sc, what);
		if ((s = find_slot(p, d, nl)) < 0)
			s = (long)add_slot(p, d, nl);
		p->dslot[i] = (size_t)s;
	}
}

/* The slots of the outlier flags and of the errors column. */
static void
setup_flags(struct prep *p)
{
	const struct prep_opts *po = p->po;
	char name[512];
	size_t i;

	collist_resolve((struct collist *)&po->outliers, p->cl->r);
	p->nout = po->outliers.n;
	p->ocol = xcalloc(p->nout + 1, sizeof(*p->ocol));
	p->olo = xcalloc(p->nout + 1, sizeof(double));
	p->ohi = xcalloc(p->nout + 1, sizeof(double));
	p->oslot0 = p->nslots;
	for (i = 0; i < p->nout; i++) {
		p->ocol[i] = (size_t)po->outliers.idx[i];
		if (po->outliers_reject)
			continue;
		snprintf(name, sizeof(name), "%s_outlier", po->outliers.names[i]);
		if (find_slot(p, name, strlen(name)) >= 0)
			crm_errx(2, "--outliers: the input has a column '%s' "
			    "already", name);
		add_slot(p, name, strlen(name));
	}
	p->errslot = -1;
	if (po->flag) {
		if (find_slot(p, "errors", 6) >= 0)
			crm_errx(2, "--flag: the input has a column 'errors' "
			    "already");
		p->errslot = (long)add_slot(p, "errors", 6);
	}
}

/* Resolve a --select/--drop name against the slots; exit 2 if absent. */
static size_t
out_slot(const struct prep *p, const char *name)
{
	char have[1024];
	size_t i, used = 0;
	long s;

	if ((s = find_slot(p, name, strlen(name))) >= 0)
		return (size_t)s;
	for (i = 0; i < p->nslots && used < sizeof(have) - 8; i++)
		used += (size_t)snprintf(have + used, sizeof(have) - used,
		    "%s%s", i ? "," : "", p->names[i]);
	crm_errx(2, "no column '%s' (have: %s)", name, have);
}

/* The output columns: every slot, or --select's, less --drop's. */
static void
setup_outputs(struct prep *p)
{
	const struct prep_opts *po = p->po;
	unsigned char *drop;
	size_t i, k;

	drop = xcalloc(p->nslots + 1, 1);
	for (i = 0; i < po->drop.n; i++)
		drop[out_slot(p, po->drop.names[i])] = 1;
	p->outs = xcalloc(p->nslots + po->select.n + 1, sizeof(*p->outs));
	if (po->select.n > 0)
		for (i = 0; i < po->select.n; i++) {
			k = out_slot(p, po->select.names[i]);
			if (!drop[k])
				p->outs[p->nouts++] = k;
		}
	else
		for (i = 0; i < p->nslots; i++)
			if (!drop[i])
				p->outs[p->nouts++] = i;
	free(drop);
	if (p->nouts == 0)
		crm_errx(2, "--select/--drop leave no column");
	p->rowfirst = p->nouts >= p->ncols && !po->excel_safe;
	for (i = 0; i < p->ncols && p->rowfirst; i++)
		p->rowfirst = p->outs[i] == i;
	for (i = 0; i < po->nderive; i++)
		if (p->dslot[i] < p->ncols)
			p->rowfirst = 0;
	p->pii = xcalloc(p->nouts + 1, 1);
	collist_resolve((struct collist *)&po->hash, p->cl->r);
	collist_resolve((struct collist *)&po->mask, p->cl->r);
	for (k = 0; k < p->nouts; k++) {
		for (i = 0; i < po->hash.n; i++)
			if (p->outs[k] == (size_t)po->hash.idx[i])
				p->pii[k] |= P_HASH;
		for (i = 0; i < po->mask.n; i++)
			if (p->outs[k] == (size_t)po->mask.idx[i])
				p->pii[k] |= P_MASK;
		if (p->pii[k] == (P_HASH | P_MASK))
			crm_errx(2, "column '%s' is in both --hash and --mask",
			    p->names[p->outs[k]]);
		if (p->pii[k] && k < p->ncols)
			p->rowfirst = 0;
	}
}

/* Read the input once for the --fill statistics and --outliers bounds. */
static void
first_pass(struct prep *p, const unsigned char *want, struct colstats *st)
{
	struct crm_common c = p->cl->o->com;
	const struct csv_row *row;
	struct crm_input *in;
	const char *v;
	char why[256], **files;
	size_t i, n, nf;
	long k;

	c.skip_bad = 1;
	c.reject = NULL;
	c.quiet = 1;
	nf = p->cl->o->nfiles;
	files = xcalloc(nf + 1, sizeof(*files));
	for (i = 0; i < nf; i++)
		files[i] = strcmp(p->cl->o->files[i], "-") == 0 ?
		    p->po->spool : p->cl->o->files[i];
	if (nf == 0)
		files[nf++] = p->po->spool;
	in = input_open(&c, files, nf);
	free(files);
	if (in == NULL)
		return;
	while (input_next(in, &row))
		for (i = 0; i < p->ncols; i++) {
			if (!want[i])
				continue;
			v = csv_field(row, i, &n);
			if (want[i] & 2)
				stats_add(&st[2 * i + 1], v, n, 1);
			if (!(want[i] & 1))
				continue;
			if (p->norm[i] & N_AMOUNT) {
				p->buf = xgrow(p->buf, &p->cap, NORM_ROOM(n), 1);
				if ((k = norm_amount(&p->cfg, v, n, p->buf, why,
				    sizeof(why))) >= 0) {
					v = p->buf;
					n = (size_t)k;
				}
			}
			stats_add(&st[2 * i], v, n, 0);
		}
	input_close(in);
}

/* The value of each --fill, and the bounds of each --outliers column. */
static void
setup_fills(struct prep *p)
{
	const struct prep_opts *po = p->po;
	const struct fill *f;
	struct colstats *st;
	unsigned char *want;
	const char *v;
	char num[40];
	size_t i, c, n;

	want = xcalloc(p->ncols + 1, 1);
	st = xcalloc(2 * p->ncols + 2, sizeof(*st));
	for (i = 0; i < po->nfill; i++) {
		c = col_require(p->cl->r, po->fill[i].col);
		if (p->fillv[c] != NULL || (want[c] & 4))
			crm_errx(2, "--fill: column '%s' given twice",
			    po->fill[i].col);
		want[c] |= po->fill[i].kind == FILL_MODE ? 6 :
		    po->fill[i].kind == FILL_VALUE ? 4 : 5;
		p->cl->ops[c] |= OP_PREP;
		if (po->fill[i].kind == FILL_VALUE) {
			p->fillv[c] = xstrdup(po->fill[i].value);
			p->filln[c] = strlen(po->fill[i].value);
		}
	}
	for (i = 0; i < p->nout; i++)
		want[p->ocol[i]] |= 1;
	for (i = 0; i < p->ncols; i++)
		want[i] &= 3;
	if (two_pass(po))
		first_pass(p, want, st);
	for (i = 0; i < po->nfill; i++) {
		f = &po->fill[i];
		if (f->kind == FILL_VALUE)
			continue;
		c = col_require(p->cl->r, f->col);
		if (stats_fill(&st[2 * c + (f->kind == FILL_MODE)], f->kind, num,
		    &v, &n) == -1) {
			crm_warnx("--fill %s=%s: the column has no %s; its empty "
			    "cells stay empty", f->col, f->value,
			    f->kind == FILL_MODE ? "value" : "number");
			continue;
		}
		p->fillv[c] = xmemdup(v, n);
		p->filln[c] = n;
	}
	for (i = 0; i < p->nout; i++)
		if (stats_bounds(&st[2 * p->ocol[i]], po->method, po->k,
		    &p->olo[i], &p->ohi[i]) == -1) {
			p->olo[i] = -HUGE_VAL;
			p->ohi[i] = HUGE_VAL;
		}
	for (i = 0; i < 2 * p->ncols; i++)
		stats_free(&st[i]);
	free(st);
	free(want);
}

struct prep *
prep_new(struct cleaner *cl, struct prep_opts *po)
{
	struct prep *p;
	const char *name;
	size_t i, n;

	if (!prep_wanted(po))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->cl = cl;
	p->po = po;
	p->ncols = cl->ncols;
	norm_cfg_init(&p->cfg, po);
	p->norm = xcalloc(p->ncols + 1, 1);
	p->fillv = xcalloc(p->ncols + 1, sizeof(*p->fillv));
	p->filln = xcalloc(p->ncols + 1, sizeof(*p->filln));
	for (i = 0; i < p->ncols; i++) {
		name = csv_name_len(cl->r, i, &n);
		add_slot(p, name, n);
	}
	mark_norm(p, &po->name, N_NAME);
	mark_norm(p, &po->email, N_EMAIL);
	mark_norm(p, &po->phone, N_PHONE);
	mark_norm(p, &po->date, N_DATE);
	mark_norm(p, &po->amount, N_AMOUNT);
	p->country_col = po->country_col ?
	    (long)col_require(cl->r, po->country_col) : -1;
	if (po->schema != NULL)
		p->schema = schema_load(po->schema, cl->r, &p->cfg);
	setup_exprs(p);
	setup_flags(p);
	setup_fills(p);
	setup_outputs(p);
	p->count = &cl->t.invalid;
	p->sval = xcalloc(p->nslots + 1, sizeof(*p->sval));
	p->slen = xcalloc(p->nslots + 1, sizeof(*p->slen));
	cl->chg = xrealloc(cl->chg, p->nslots + 1);
	memset(cl->chg + p->ncols, 0, p->nslots + 1 - p->ncols);
	if (po->filtered != NULL) {
		p->filtered = crm_open_file(po->filtered, 0);
		csv_put_row(p->filtered, csv_header(cl->r));
		if (csv_end_row(p->filtered) == -1)
			crm_err(1, "write error on %s", po->filtered);
	}
	return p;
}

void
prep_free(struct prep *p)
{
	size_t i;

	if (p == NULL)
		return;
	norm_cfg_free(&p->cfg);
	for (i = 0; i < p->ncols; i++)
		free((char *)p->fillv[i]);
	for (i = 0; i < p->nslots; i++)
		free(p->names[i]);
	for (i = 0; i < p->po->nderive; i++)
		expr_free(p->derive[i]);
	expr_free(p->where);
	schema_free(p->schema);
	free(p->names);
	free(p->norm);
	free(p->fillv);
	free(p->filln);
	free(p->buf);
	free(p->derive);
	free(p->dslot);
	free(p->sval);
	free(p->slen);
	free(p->ocol);
	free(p->olo);
	free(p->ohi);
	free(p->err);
	free(p->outs);
	free(p->pii);
	free(p->pbuf);
	free(p);
}

size_t
prep_nslots(const struct prep *p)
{
	return p->nslots;
}

const char *const *
prep_slots(const struct prep *p, const size_t **len)
{
	*len = p->slen;
	return p->sval;
}

/* ---- rows ---- */

/* Add "COL: why" to this row's errors (--flag). */
static void
add_error(struct prep *p, size_t col, const char *why)
{
	size_t need = p->errlen + strlen(p->names[col]) + strlen(why) + 8;

	p->err = xgrow(p->err, &p->errcap, need, 1);
	p->errlen += (size_t)snprintf(p->err + p->errlen, p->errcap -
	    p->errlen, "%s%s: %s", p->errlen ? "; " : "", p->names[col], why);
}

/* Reject the row for the value v of column col: -1. */
static int
reject_value(struct prep *p, const struct csv_row *row, size_t col,
    const char *why, const char *v, size_t n)
{
	int q = clean_quote_len(v, n);

	(*p->count)[col]++;
	input_reject(p->cl->in, row, "column '%s': %s ('%.*s%s')",
	    p->names[col], why, q, v, (size_t)q < n ? "..." : "");
	return -1;
}

/* Bytes normalise may write for a cell of n bytes with normalisers bits. */
static size_t
norm_room(unsigned bits, size_t n)
{
	size_t k = 0;

	for (; bits; bits >>= 1)
		k += bits & 1;
	return k * NORM_ROOM(n + 64 * k);
}

/*
 * Run the normalisers of column c on *v[0..*n), each writing after the
 * last in buf (norm_room bytes); 0, or -1 with the reason in p->why.
 */
static int
normalise(struct prep *p, const struct csv_row *row, size_t c,
    const char **v, size_t *n, char *buf)
{
	const char *cc = NULL;
	char ccbuf[3];
	size_t ccn;
	long k;
	int bit;

	for (bit = N_EMAIL; bit <= N_NAME; bit <<= 1) {
		if (!(p->norm[c] & bit))
			continue;
		switch (bit) {
		case N_NAME: k = norm_name(*v, *n, buf); break;
		case N_EMAIL:
			k = norm_email(&p->cfg, *v, *n, buf, p->why,
			    sizeof(p->why));
			break;
		case N_PHONE:
			if (p->country_col >= 0) {
				cc = clean_rules_value(p->cl, row,
				    (size_t)p->country_col, &ccn);
				cc = text_strip(cc, &ccn);
				if (norm_country_known(cc, ccn)) {
					memcpy(ccbuf, cc, 2);
					ccbuf[2] = '\0';
					cc = ccbuf;
				} else
					cc = NULL;
			}
			k = norm_phone(&p->cfg, cc, *v, *n, buf, p->why,
			    sizeof(p->why));
			break;
		case N_DATE:
			k = norm_date(&p->cfg, *v, *n, buf, p->why,
			    sizeof(p->why));
			break;
		default:
			k = norm_amount(&p->cfg, *v, *n, buf, p->why,
			    sizeof(p->why));
			break;
		}
		if (k < 0)
			return -1;
		*v = buf;
		buf += NORM_ROOM(*n + 64);
		*n = (size_t)k;
	}
	return 0;
}

/* The room this row's prep cells need in p->buf. */
static size_t
cells_room(const struct prep *p)
{
	const struct cleaner *cl = p->cl;
	size_t k, c, need = 1;

	for (k = 0; k < cl->ntcols; k++) {
		c = cl->tcols[k];
		if (!(cl->ops[c] & OP_PREP))
			continue;
		need += norm_room(p->norm[c], cl->len[c] + p->filln[c]);
	}
	return need;
}

int
prep_cells(struct cleaner *cl, const struct csv_row *row)
{
	struct prep *p = cl->prep;
	const char *v, *orig;
	size_t k, c, n, on;
	char *q;

	p->errlen = 0;
	p->buf = xgrow(p->buf, &p->cap, cells_room(p), 1);
	q = p->buf;
	for (k = 0; k < cl->ntcols; k++) {
		c = cl->tcols[k];
		if (!(cl->ops[c] & OP_PREP))
			continue;
		v = cl->val[c];
		n = cl->len[c];
		if (p->fillv[c] != NULL && num_blank(v, n)) {
			v = p->fillv[c];
			n = p->filln[c];
			cl->t.filled[c]++;
		}
		orig = v;
		on = n;
		if (p->norm[c] && !num_blank(v, n)) {
			if (normalise(p, row, c, &v, &n, q) == -1) {
				if (!p->po->flag)
					return reject_value(p, row, c, p->why,
					    orig, on);
				add_error(p, c, p->why);
				v = orig;
				n = on;
			}
			q += norm_room(p->norm[c], on);
		}
		if (n != cl->len[c] || memcmp(v, cl->val[c], n) != 0) {
			cl->val[c] = v;
			cl->len[c] = n;
			cl->chg[c] = 1;
			cl->changed = 1;
		}
	}
	return 0;
}

/* schema_check's callback: flag, or keep the first reason. */
static void
violation(void *arg, size_t col, const char *why)
{
	struct prep *p = arg;
	int q;

	if (p->po->flag) {
		add_error(p, col, why);
		return;
	}
	if (p->why[0] != '\0')
		return;
	q = clean_quote_len(p->sval[col], p->slen[col]);
	p->cl->t.invalid[col]++;
	snprintf(p->why, sizeof(p->why), "column '%s': %s ('%.*s%s')",
	    p->names[col], why, q, p->sval[col],
	    (size_t)q < p->slen[col] ? "..." : "");
}

/* The flag of each --outliers column, or the rejection of the row. */
static int
outliers(struct prep *p, const struct csv_row *row)
{
	const char *v, *why;
	size_t i, c, n;
	double x;
	int out;

	for (i = 0; i < p->nout; i++) {
		c = p->ocol[i];
		v = p->sval[c];
		n = p->slen[c];
		out = -1;
		if (!num_blank(v, n)) {
			if (num_parse(v, n, &x, &why) == -1)
				return reject_value(p, row, c, why, v, n);
			out = x < p->olo[i] || x > p->ohi[i];
		}
		if (out == 1 && p->po->outliers_reject) {
			snprintf(p->why, sizeof(p->why), "outlier (%s bounds "
			    "%g to %g)", method_names[p->po->method], p->olo[i],
			    p->ohi[i]);
			p->count = &p->cl->t.outlier;
			reject_value(p, row, c, p->why, v, n);
			p->count = &p->cl->t.invalid;
			return -1;
		}
		if (out == 1)
			p->cl->t.outliers[c]++;
		if (!p->po->outliers_reject) {
			p->sval[p->oslot0 + i] = out == -1 ? "" : out ? "1" : "0";
			p->slen[p->oslot0 + i] = out == -1 ? 0 : 1;
		}
	}
	return 0;
}

/* The row went to --filtered: 1. */
static int
filtered(struct prep *p, const struct csv_row *row)
{
	p->cl->t.filtered++;
	if (p->filtered != NULL) {
		csv_put_row(p->filtered, row);
		if (csv_end_row(p->filtered) == -1)
			crm_err(1, "write error on %s", p->po->filtered);
	}
	return 1;
}

int
prep_row(struct cleaner *cl, const struct csv_row *row)
{
	struct prep *p = cl->prep;
	size_t i;
	int t;

	for (i = 0; i < p->ncols; i++)
		p->sval[i] = clean_rules_value(cl, row, i, &p->slen[i]);
	p->why[0] = '\0';
	if (p->schema != NULL && schema_check(p->schema, p->sval, p->slen,
	    violation, p) > 0 && !p->po->flag) {
		input_reject(cl->in, row, "%s", p->why);
		return -1;
	}
	if (p->where != NULL) {
		if (expr_truth(p->where, p->sval, p->slen, &t, p->why,
		    sizeof(p->why)) == -1) {
			cl->t.expr++;
			input_reject(cl->in, row, "%s", p->why);
			return -1;
		}
		if (!t)
			return filtered(p, row);
	}
	for (i = 0; i < p->po->nderive; i++)
		if (expr_eval_text(p->derive[i], p->sval, p->slen,
		    &p->sval[p->dslot[i]], &p->slen[p->dslot[i]], p->why,
		    sizeof(p->why)) == -1) {
			cl->t.expr++;
			input_reject(cl->in, row, "%s", p->why);
			return -1;
		}
	if (outliers(p, row) == -1)
		return -1;
	if (p->errslot >= 0) {
		p->sval[p->errslot] = p->err != NULL ? p->err : "";
		p->slen[p->errslot] = p->errlen;
		cl->t.flagged += p->errlen > 0;
	}
	return 0;
}

/* ---- output ---- */

void
prep_put_header(const struct prep *p, struct csv_writer *w)
{
	size_t k;

	for (k = 0; k < p->nouts; k++)
		csv_put_str(w, p->names[p->outs[k]]);
}

/* Write output columns from.. of the slots' values val, len. */
static void
put_from(struct cleaner *cl, struct csv_writer *w, const char *const *val,
    const size_t *len, size_t from)
{
	struct prep *p = cl->prep;
	int counted = w == cl->out;
	const char *v;
	size_t k, s, n;

	for (k = from; k < p->nouts; k++) {
		s = p->outs[k];
		v = val[s];
		n = len[s];
		if (p->pii[k] && n > 0) {
			p->pbuf = xgrow(p->pbuf, &p->pcap, n + SHA256_HEXLEN + 2, 1);
			if (p->pii[k] & P_HASH) {
				pii_hash(p->po->salt, p->po->saltlen, v, n,
				    p->pbuf);
				n = SHA256_HEXLEN;
				cl->t.hashed[s] += counted;
			} else {
				n = pii_mask(v, n, (size_t)p->po->mask_keep,
				    p->pbuf);
				cl->t.masked[s] += counted;
			}
			v = p->pbuf;
		}
		if (p->po->excel_safe && pii_excel_risky(v, n)) {
			p->pbuf = xgrow(p->pbuf, &p->pcap, n + 2, 1);
			memmove(p->pbuf + 1, v, n);
			p->pbuf[0] = '\'';
			v = p->pbuf;
			n++;
			cl->t.escaped += counted;
		}
		csv_put(w, v, n);
	}
}

void
prep_put_cells(struct cleaner *cl, struct csv_writer *w,
    const char *const *val, const size_t *len)
{
	put_from(cl, w, val, len, 0);
}

/*
 * The current row; when its input columns come first, unchanged, the
 * writer copies the line as it was and only the rest is formatted.
 */
void
prep_put_row(struct cleaner *cl, struct csv_writer *w,
    const struct csv_row *row)
{
	struct prep *p = cl->prep;

	if (p->rowfirst && !cl->changed) {
		csv_put_row(w, row);
		put_from(cl, w, p->sval, p->slen, p->ncols);
	} else
		put_from(cl, w, p->sval, p->slen, 0);
}

void
prep_finish(struct prep *p)
{
	if (p != NULL && p->filtered != NULL) {
		crm_close_output(p->filtered);
		p->filtered = NULL;
	}
}

int
prep_dedup_last(struct prep *p, struct dedup *dd, const unsigned char *flags,
    void (*dropped)(void *, const char *const *, const size_t *), void *arg)
{
	return clean_dedup_last_put(dd, p->sval, p->slen, flags, dropped, arg);
}
