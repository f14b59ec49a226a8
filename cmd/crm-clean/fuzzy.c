/*
 * fuzzy.c: crm-clean --fuzzy, unsupervised record linkage: which rows
 * are the same customer behind typos, swapped fields and missing values.
 *
 * 1. Rows are kept (all cells, after the other cleaning) with each
 *    --fuzzy field normalised by its type (fuzzy_model.c).
 * 2. Blocking: rows that share a key are candidate pairs.  The keys are
 *    the combined phonetic key of all name fields and each email, phone
 *    and long id alone, each when it pairs at most FZ_ALONE pairs per
 *    row; then pairs, and then triples, of fields (the combined names
 *    one of them) whose expected chance collisions, E = n^2/2 * P(f) *
 *    P(g) [* P(h)] with P the share of row pairs agreeing on the field,
 *    stay under FZ_GAMMA * n, fewest first while the sum of their E
 *    stays under FZ_BUDGET * n, unless a key already chosen lies within
 *    it; a field on which over FZ_COARSE of all pairs agree (a state, a
 *    gender) is too coarse for a triple, and too often implied by the
 *    others (a postcode gives the state).  A name field takes part in a
 *    key by each of its first FZ_NTOK tokens' codes, so that a typo in
 *    one name does not matter; with two name fields or more, "a name"
 *    (index nf + 1: a token of any name field) joins the pairs and
 *    triples too, so that swapped given and family names still meet.
 *    Several keys mean that one typo cannot hide a pair; pairs found
 *    by several keys count once; a key value held by more than
 *    FZ_BLOCK_MAX rows is not used (with a message).
 * 3. Each candidate pair gets a level per field and two Fellegi-Sunter
 *    scores fitted without labels (EM, fuzzy_model.c); pairs whose
 *    larger match probability reaches --threshold are linked.  In the
 *    candidates' model the fields of the keys that found a pair (those
 *    all of them hold) count as missing, both for EM and for the pair's
 *    score: they agree because the pair was blocked on them, so among
 *    the candidates their agreement is no evidence (strangers sharing a
 *    birthday and a town are candidates through that key, and must not
 *    look alike for it).  The full model counts every field against the
 *    odds of a match among all pairs of rows, an exact agreement
 *    weighed by how many rows hold the value (value_counts, tf_u): with
 *    few fields the blocked ones are most of the evidence, and a shared
 *    rare surname says more than a shared "smith".
 * 4. Clusters are the transitive closure (union-find).  The chaining
 *    guard: within a cluster of three or more rows, the links are taken
 *    again strongest first, and two parts join only when the mean match
 *    probability over all their pairs of rows reaches the threshold; a
 *    cluster of A~B~C where A and C differ is so split.
 * 5. Output: every row with its cluster id, or (--merge) one golden
 *    record per cluster and its size; --pairs writes the scored pairs.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"
#include "hash.h"
#include "input.h"
#include "ml/sched.h"
#include "num.h"
#include "opt.h"
#include "par.h"
#include "progress.h"
#include "strsim.h"
#include "text.h"
#include "u64map.h"
#include "uf.h"
#include "clean.h"
#include "fuzzy.h"

#define FZ_GAMMA	0.1	/* chance pairs per row one combination may add */
#define FZ_BUDGET	0.2	/* chance pairs per row all of them may add */
#define FZ_ALONE	2.0	/* pairs per row a key alone may give */
#define FZ_COARSE	0.05	/* no triple with a field agreeing more often */
#define FZ_BLOCK_MAX	100	/* rows sharing one key value */
#define FZ_GUARD_MAX	500	/* larger clusters are not checked */
#define FZ_THRESHOLD	0.9
#define FZ_KEYMAX	512	/* bytes of a blocking key value */
#define FZ_NTOK		2	/* name tokens that key a row in field pairs */
#define FZ_MAXKEYS	64	/* blocking keys at most */
#define FZ_KEYVAR	8	/* hashes of one key for one row at most */

enum mrule { MR_LAST, MR_FIRST, MR_LONGEST, MR_COMMON, MR_MAX, MR_MIN };
static const char *const mrule_names[] = { "last", "first", "longest",
	"most-common", "max", "min", NULL };

/*
 * A blocking key: the fields of bit mask (bit f: field f; bit nf: the
 * combined phonetic key of the names) must all agree.
 */
struct bkey {
	uint64_t	 mask;
	size_t		 npairs;	/* pairs it gave */
	size_t		 skipped;	/* values over FZ_BLOCK_MAX rows */
	size_t		 largest;
};

struct fuzzy {
	const struct opts *o;
	size_t		 ncols;
	struct fz_field	*f;
	size_t		 nf;
	unsigned char	*rule;		/* per column: enum mrule */
	/* the rows: cells of row r at arena + roff[r], lengths clen */
	char		*arena;
	size_t		 alen, acap;
	uint64_t	*roff;
	uint32_t	*clen;
	uint64_t	*line;
	size_t		 nrows, rcap;
	struct fz_values v;
	char		*buf;		/* one cell normalised */
	size_t		 bufcap;
	/* blocking */
	uint64_t	*fkey;		/* nrows * (nf + 1): per field, names */
	uint64_t	*tkey;		/* nrows * nf * FZ_NTOK: name tokens */
	struct bkey	*keys;
	size_t		 nkeys;
	uint64_t	*pairs;		/* candidate pairs, a << 32 | b */
	uint64_t	*bmask;		/* fields every key finding it holds */
	size_t		 npairs;
	unsigned char	*levels;	/* npairs * nf */
	unsigned char	*emlv;		/* the same, as EM sees them */
	uint32_t	*tfc;		/* nrows * nf: rows with the value */
	double		*prob;
	struct fz_model	 model;
	uint32_t	*cid;		/* cluster id per row, from 1 */
	size_t		 nclusters;
	size_t		 nsplit;	/* clusters split by the guard */
	size_t		 nunchecked;	/* too large to check */
	size_t		 nlinked;	/* pairs at or over the threshold */
};

/* Exit 2 on a --merge-rule that is not COL=RULE with a known rule. */
static const char *
rule_split(const char *arg, char *col, size_t cap, int *rule)
{
	const char *eq = strrchr(arg, '=');

	if (eq == NULL || eq == arg || (size_t)(eq - arg) >= cap)
		crm_errx(2, "--merge-rule: expected COL=RULE ('%s')", arg);
	memcpy(col, arg, (size_t)(eq - arg));
	col[eq - arg] = '\0';
	*rule = opt_enum(eq + 1, mrule_names, "--merge-rule");
	return col;
}

/* Check the fuzzy options together, before any input is read. */
void
clean_fuzzy_opts_check(const struct opts *o)
{
	char col[1024];
	size_t i;
	int rule;

	if (o->fuzzy.n == 0) {
		if (o->threshold_set || o->cluster_col || o->merge ||
		    o->nmerge_rule || o->pairs)
			crm_errx(2, "--threshold, --cluster-col, --merge, "
			    "--merge-rule and --pairs need --fuzzy");
		return;
	}
	if (o->dedup.n > 0)
		crm_errx(2, "--fuzzy and --dedup cannot be used together");
	if (o->fuzzy.n > FZ_MAXFIELDS)
		crm_errx(2, "--fuzzy: at most %d columns", FZ_MAXFIELDS);
	if (o->nmerge_rule > 0 && !o->merge)
		crm_errx(2, "--merge-rule needs --merge");
	for (i = 0; i < o->nmerge_rule; i++)
		rule_split(o->merge_rule[i], col, sizeof(col), &rule);
}

/* Parse COL or COL:TYPE of --fuzzy into field f (the name is copied). */
static void
field_parse(struct fz_field *f, const char *arg, const struct csv_reader *r)
{
	const char *colon = strrchr(arg, ':');
	char *name;
	int t;

	f->name = name = xstrdup(arg);
	f->type = FT_COUNT;
	if (colon != NULL && colon != arg)
		for (t = 0; clean_fz_type_names[t] != NULL; t++)
			if (strcmp(colon + 1, clean_fz_type_names[t]) == 0) {
				name[colon - arg] = '\0';
				f->type = (enum ftype)t;
			}
	f->col = col_require(r, name);
	if (f->type == FT_COUNT)
		f->type = clean_fz_guess_type(name);
}

struct fuzzy *
clean_fuzzy_new(const struct cleaner *cl)
{
	const struct opts *o = cl->o;
	const char *newcols[3] = { NULL, NULL, NULL };
	struct fuzzy *fz;
	char col[1024];
	size_t i;
	int rule;

	fz = xcalloc(1, sizeof(*fz));
	fz->o = o;
	fz->ncols = cl->ncols;
	fz->nf = o->fuzzy.n;
	fz->f = xcalloc(fz->nf, sizeof(*fz->f));
	for (i = 0; i < fz->nf; i++)
		field_parse(&fz->f[i], o->fuzzy.names[i], cl->r);
	fz->rule = xcalloc(fz->ncols ? fz->ncols : 1, 1);
	for (i = 0; i < o->nmerge_rule; i++) {
		rule_split(o->merge_rule[i], col, sizeof(col), &rule);
		fz->rule[col_require(cl->r, col)] = (unsigned char)rule;
	}
	newcols[0] = o->cluster_col ? o->cluster_col : "cluster_id";
	if (o->merge)
		newcols[1] = "cluster_size";
	for (i = 0; newcols[i] != NULL; i++)
		if (csv_col(cl->r, newcols[i]) != -1)
			crm_errx(2, "the input already has a column '%s' (name "
			    "the cluster id with --cluster-col)", newcols[i]);
	fz->v.nf = fz->nf;
	fz->v.f = fz->f;
	clean_fz_model_init(&fz->model, fz->nf);
	return fz;
}

void
clean_fuzzy_free(struct fuzzy *fz)
{
	size_t i;

	if (fz == NULL)
		return;
	for (i = 0; i < fz->nf; i++)
		free((char *)fz->f[i].name);
	free(fz->f);
	free(fz->rule);
	free(fz->arena);
	free(fz->roff);
	free(fz->clen);
	free(fz->line);
	free(fz->v.norm);
	free(fz->v.off);
	free(fz->v.len);
	free(fz->buf);
	free(fz->fkey);
	free(fz->tkey);
	free(fz->keys);
	free(fz->pairs);
	free(fz->bmask);
	free(fz->levels);
	free(fz->emlv);
	free(fz->tfc);
	free(fz->prob);
	free(fz->cid);
	clean_fz_model_free(&fz->model);
	free(fz);
}

static void
end_row(struct csv_writer *w)
{
	if (csv_end_row(w) == -1)
		crm_err(1, "write error on %s", csv_writer_path(w));
}

/* The output header: the input's, then the cluster columns. */
void
clean_fuzzy_header(struct cleaner *cl)
{
	const struct opts *o = cl->o;

	csv_put_row(cl->out, csv_header(cl->r));
	csv_put_str(cl->out, o->cluster_col ? o->cluster_col : "cluster_id");
	if (o->merge)
		csv_put_str(cl->out, "cluster_size");
	end_row(cl->out);
}

/* Keep a row: its cells (after cleaning) and its fields normalised. */
void
clean_fuzzy_add(struct cleaner *cl, const struct csv_row *row)
{
	struct fuzzy *fz = cl->fz;
	const char *p;
	size_t c, f, n, r = fz->nrows, cap;

	if (r >= UINT32_MAX - 1)
		crm_errx(1, "--fuzzy: more than %u rows", UINT32_MAX - 2);
	if (r == fz->rcap) {
		cap = fz->rcap;
		fz->roff = xgrow(fz->roff, &cap, r + 1, sizeof(*fz->roff));
		fz->line = xreallocarray(fz->line, cap, sizeof(*fz->line));
		fz->clen = xreallocarray(fz->clen, cap,
		    (fz->ncols ? fz->ncols : 1) * sizeof(*fz->clen));
		fz->v.off = xreallocarray(fz->v.off, cap,
		    (fz->nf ? fz->nf : 1) * sizeof(*fz->v.off));
		fz->v.len = xreallocarray(fz->v.len, cap,
		    (fz->nf ? fz->nf : 1) * sizeof(*fz->v.len));
		fz->rcap = cap;
	}
	fz->roff[r] = fz->alen;
	fz->line[r] = csv_line(cl->r);
	for (c = 0; c < fz->ncols; c++) {
		p = clean_rules_value(cl, row, c, &n);
		fz->arena = xgrow(fz->arena, &fz->acap, fz->alen + n + 1, 1);
		memcpy(fz->arena + fz->alen, p, n);
		fz->alen += n;
		fz->clen[r * fz->ncols + c] = (uint32_t)n;
	}
	for (f = 0; f < fz->nf; f++) {
		p = clean_rules_value(cl, row, fz->f[f].col, &n);
		fz->v.norm = xgrow(fz->v.norm, &fz->v.normcap,
		    fz->v.normlen + n + 1, 1);
		clean_fz_normalise(fz->f[f].type, p, n, fz->v.norm + fz->v.normlen,
		    &n);
		fz->v.off[r * fz->nf + f] = fz->v.normlen;
		fz->v.len[r * fz->nf + f] = (uint32_t)n;
		fz->v.normlen += n;
	}
	fz->nrows++;
}

/* Cell c of row r. */
static const char *
cell(const struct fuzzy *fz, size_t r, size_t c, size_t *len)
{
	const uint32_t *l = fz->clen + r * fz->ncols;
	uint64_t off = fz->roff[r];
	size_t i;

	for (i = 0; i < c; i++)
		off += l[i];
	*len = l[c];
	return fz->arena + off;
}

/*
 * The first FZ_NTOK tokens of the phonetic key of a name (its codes are
 * sorted) as hashes into t; the rest of t is 0.
 */
static void
token_keys(const char *key, size_t k, uint64_t *t)
{
	size_t i = 0, j, s;
	uint64_t h;

	for (j = 0; j < FZ_NTOK; j++)
		t[j] = 0;
	for (j = 0; j < FZ_NTOK && i < k; j++) {
		for (s = i; i < k && key[i] != ' '; i++)
			;
		h = hash_bytes(key + s, i - s, 0x4E);
		t[j] = h ? h : 1;
		i++;
	}
}

/*
 * The blocking key hashes of every row: field f at fkey[r * (nf+1) + f]
 * and the names' combined phonetic key at + nf; 0 when missing.  Name
 * fields also have their tokens' codes in tkey (token_keys).
 */
static void
field_keys_run(void *arg, size_t lo, size_t hi, int thread)
{
	struct fuzzy *fz = arg;
	char key[FZ_KEYMAX], names[FZ_KEYMAX];
	const char *p;
	size_t r, f, n, k, nn, w = fz->nf + 1;
	uint64_t h;

	(void)thread;
	for (r = lo; r < hi; r++) {
		nn = 0;
		for (f = 0; f < fz->nf; f++) {
			n = fz->v.len[r * fz->nf + f];
			p = fz->v.norm + fz->v.off[r * fz->nf + f];
			if (n == 0 || n >= FZ_KEYMAX)
				continue;
			k = clean_fz_key(fz->f[f].type, p, n, key, sizeof(key));
			if (k == 0)
				continue;
			h = hash_bytes(key, k, f + 1);
			fz->fkey[r * w + f] = h ? h : 1;
			if (fz->f[f].type == FT_NAME)
				token_keys(key, k, fz->tkey +
				    (r * fz->nf + f) * FZ_NTOK);
			if (fz->f[f].type == FT_NAME && nn + n + 1 <
			    sizeof(names)) {
				names[nn++] = ' ';
				memcpy(names + nn, p, n);
				nn += n;
			}
		}
		if (nn == 0)
			continue;
		k = strsim_phonetic(names, nn, key, sizeof(key));
		if (memchr(key, ' ', k) != NULL) {	/* two tokens or more */
			h = hash_bytes(key, k, 0);
			fz->fkey[r * w + fz->nf] = h ? h : 1;
		}
	}
}

/* (rows in parallel: each writes only its own slots) */
static void
field_keys(struct fuzzy *fz, int nthreads)
{
	fz->fkey = xcalloc(fz->nrows * (fz->nf + 1) + 1, sizeof(*fz->fkey));
	fz->tkey = xcalloc(fz->nrows * fz->nf * FZ_NTOK + 1,
	    sizeof(*fz->tkey));
	par_for_grain(fz->nrows, nthreads, 2048, field_keys_run, fz);
}

static int
seen(const uint64_t *v, size_t n, uint64_t h)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == h)
			return 1;
	return 0;
}

/*
 * The variants of field f of row r in a field-pair key: the codes of
 * its tokens for a name field, else its key; returns how many (0 when
 * missing).
 */
static size_t
variants(const struct fuzzy *fz, size_t r, int f, uint64_t *v)
{
	const uint64_t *t;
	size_t j, g, n = 0;

	if ((size_t)f < fz->nf && fz->f[f].type == FT_NAME) {
		t = fz->tkey + (r * fz->nf + (size_t)f) * FZ_NTOK;
		for (j = 0; j < FZ_NTOK; j++)
			if (t[j] != 0)
				v[n++] = t[j];
		return n;
	}
	if ((size_t)f == fz->nf + 1) {	/* a token of any name field */
		for (g = 0; g < fz->nf; g++) {
			if (fz->f[g].type != FT_NAME)
				continue;
			t = fz->tkey + (r * fz->nf + g) * FZ_NTOK;
			for (j = 0; j < FZ_NTOK && n < FZ_KEYVAR; j++)
				if (t[j] != 0 && !seen(v, n, t[j]))
					v[n++] = t[j];
		}
		return n;
	}
	v[0] = fz->fkey[r * (fz->nf + 1) + (size_t)f];
	return v[0] != 0;
}

/*
 * The share of pairs of rows that agree on the key of field f (f == nf:
 * the names' combined key), or for a name field (and "a name", f == nf
 * + 1) on one of its tokens'.
 */
static double
agree_share(const struct fuzzy *fz, size_t f)
{
	struct u64map *m = u64map_new(sizeof(uint64_t));
	size_t r, id, j, nv, w = fz->nf + 1;
	uint64_t h, *c, v[FZ_KEYVAR];
	double s = 0, n = (double)fz->nrows;

	(void)w;
	for (r = 0; r < fz->nrows; r++) {
		nv = variants(fz, r, (int)f, v);
		for (j = 0; j < nv; j++) {
			h = v[j];
			id = u64map_intern(m, h, NULL);
			c = u64map_val(m, id);
			(*c)++;
		}
	}
	for (id = 0; id < u64map_count(m); id++) {
		c = u64map_val(m, id);
		s += (double)*c * (double)(*c - 1);
	}
	u64map_free(m);
	return n > 1 ? s / (n * (n - 1)) : 1;
}

/* The mean length of field f's non-empty normalised values. */
static double
mean_len(const struct fuzzy *fz, size_t f)
{
	double s = 0, k = 0;
	size_t r, n;

	for (r = 0; r < fz->nrows; r++)
		if ((n = fz->v.len[r * fz->nf + f]) > 0) {
			s += (double)n;
			k++;
		}
	return k > 0 ? s / k : 0;
}

static void
add_key(struct fuzzy *fz, size_t *cap, uint64_t mask)
{
	fz->keys = xgrow(fz->keys, cap, fz->nkeys + 1, sizeof(*fz->keys));
	memset(&fz->keys[fz->nkeys], 0, sizeof(*fz->keys));
	fz->keys[fz->nkeys].mask = mask;
	fz->nkeys++;
}

/*
 * Whether mask may become a key of fields: not the combined names with
 * a name field (it holds them), no key chosen already within it (that
 * one finds every pair this one would), room for one more.
 */
static int
key_ok(const struct fuzzy *fz, uint64_t mask)
{
	size_t i;

	if (fz->nkeys >= FZ_MAXKEYS)
		return 0;
	if ((mask >> fz->nf & 1) || (mask >> (fz->nf + 1) & 1))
		for (i = 0; i <= fz->nf; i++)
			if ((mask >> i & 1) && (i == fz->nf ||
			    fz->f[i].type == FT_NAME) && (i != fz->nf ||
			    (mask >> (fz->nf + 1) & 1)))
				return 0;
	for (i = 0; i < fz->nkeys; i++)
		if ((fz->keys[i].mask & mask) == fz->keys[i].mask)
			return 0;
	return 1;
}

/* A combination of fields and its expected chance agreements. */
struct keycand {
	double		 e;
	uint64_t	 mask;
};

static int
cmp_keycand(const void *x, const void *y)
{
	const struct keycand *a = x, *b = y;

	if (a->e != b->e)
		return a->e < b->e ? -1 : 1;
	return a->mask < b->mask ? -1 : a->mask > b->mask;
}

/*
 * Add the combinations of size fields (2 or 3; the combined names count
 * as one field) whose expected chance agreements, half * the product of
 * their P, are at most FZ_GAMMA * n, fewest first, while the sum of
 * those taken stays within *budget.
 */
static void
add_combos(struct fuzzy *fz, size_t *cap, const double *p, double half,
    int size, double *budget)
{
	struct keycand *c = NULL;
	size_t f, g, h, nc = 0, ccap = 0, nn = fz->nf, i;
	double e, lim = FZ_GAMMA * (double)fz->nrows;
	uint64_t m;

	for (f = 0, g = 0; f < fz->nf; f++)
		g += fz->f[f].type == FT_NAME;
	if (g >= 2)	/* "a name": a token of any name field */
		nn++;

	for (f = 0; f <= nn; f++)
		for (g = f + 1; g <= nn; g++)
			for (h = size == 3 ? g + 1 : nn + 1; h <= nn + 1 &&
			    (size == 2 || h <= nn); h++) {
				m = (uint64_t)1 << f | (uint64_t)1 << g;
				e = half * p[f] * p[g];
				if (size == 3) {
					m |= (uint64_t)1 << h;
					e *= p[h];
					if (fmax(p[f], fmax(p[g], p[h])) >
					    FZ_COARSE)
						continue;
				}
				if (e > lim)
					continue;
				c = xgrow(c, &ccap, nc + 1, sizeof(*c));
				c[nc].e = e;
				c[nc++].mask = m;
			}
	if (nc > 1)
		qsort(c, nc, sizeof(*c), cmp_keycand);
	for (i = 0; i < nc && c[i].e <= *budget; i++)
		if (key_ok(fz, c[i].mask)) {
			add_key(fz, cap, c[i].mask);
			*budget -= c[i].e;
		}
	free(c);
}

struct sharejob {
	const struct fuzzy *fz;
	double		*p;
};

/* agree_share of fields lo..hi (the fields in parallel) */
static void
share_run(void *arg, size_t lo, size_t hi, int thread)
{
	struct sharejob *s = arg;
	size_t f;

	(void)thread;
	for (f = lo; f < hi; f++)
		s->p[f] = agree_share(s->fz, f);
}

/*
 * Choose the blocking keys (see the top of the file): the fields alone
 * that may be, then pairs and then triples of fields within the budget
 * of FZ_BUDGET * n expected chance pairs.
 */
static void
choose_keys(struct fuzzy *fz, int nthreads)
{
	struct sharejob s;
	double *p, n = (double)fz->nrows, half = n * (n - 1) / 2;
	double budget = FZ_BUDGET * n;
	size_t f, cap = 0, nn = fz->nf;
	enum ftype t;

	p = xcalloc(nn + 2, sizeof(*p));
	s.fz = fz;
	s.p = p;
	if (fz->nrows < 2048)
		share_run(&s, 0, nn + 2, 0);
	else
		par_for(nn + 2, nthreads, share_run, &s);
	for (f = 0; f <= nn; f++) {
		t = f < nn ? fz->f[f].type : FT_NAME;
		if ((t == FT_EMAIL || t == FT_PHONE || f == nn || (t == FT_ID &&
		    mean_len(fz, f) >= 6)) && half * p[f] <= FZ_ALONE * n &&
		    p[f] > 0)
			add_key(fz, &cap, (uint64_t)1 << f);
	}
	add_combos(fz, &cap, p, half, 2, &budget);
	add_combos(fz, &cap, p, half, 3, &budget);
	free(p);
}

/* Pairs found by the keys, per thread. */
/* Pairs found by the keys, per thread, each once (seen: pair to index). */
struct pairbuf {
	uint64_t	(*p)[2];	/* a << 32 | b, fields of the keys */
	size_t		 n, cap;
	struct u64map	*seen;
};

struct blockjob {
	struct fuzzy	*fz;
	struct fz_usample *us;		/* random pairs drawn meanwhile */
	struct pairbuf	*out;		/* per thread */
	uint64_t	(**ent)[2];	/* per thread: hash, row */
	size_t		*entcap;
};

/*
 * Sort n entries (key, value) by key, values in their order among
 * equal keys (LSD radix, six passes of 11 bits, a pass skipped when
 * every key has the same digit there; tmp holds n entries).
 */
static void
radix_ent(uint64_t (*e)[2], uint64_t (*tmp)[2], size_t n)
{
	size_t cnt[2048], i, s, c;
	uint64_t (*src)[2] = e, (*dst)[2] = tmp, (*t)[2];
	int pass;

	for (pass = 0; pass < 6; pass++) {
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[(src[i][0] >> (11 * pass)) & 0x7FF]++;
		if (n == 0 || cnt[(src[0][0] >> (11 * pass)) & 0x7FF] == n)
			continue;	/* one digit throughout: nothing moves */
		for (i = 0, s = 0; i < 2048; i++) {
			c = cnt[i];
			cnt[i] = s;
			s += c;
		}
		for (i = 0; i < n; i++) {
			c = (src[i][0] >> (11 * pass)) & 0x7FF;
			dst[cnt[c]][0] = src[i][0];
			dst[cnt[c]++][1] = src[i][1];
		}
		t = src, src = dst, dst = t;
	}
	if (src != e)
		memcpy(e, src, n * sizeof(*e));
}

/*
 * The same for keys that are hashes: sorted on their top 33 bits only
 * (three passes), then each run that shares those bits but not the
 * whole key (rare) sorted by radix_ent.
 */
static void
radix_hash(uint64_t (*e)[2], uint64_t (*tmp)[2], size_t n)
{
	size_t cnt[2048], i, s, c;
	uint64_t (*src)[2] = e, (*dst)[2] = tmp, (*t)[2];
	int pass, sh;

	for (pass = 0; pass < 3; pass++) {
		sh = 31 + 11 * pass;
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[(src[i][0] >> sh) & 0x7FF]++;
		if (n == 0 || cnt[(src[0][0] >> sh) & 0x7FF] == n)
			continue;
		for (i = 0, s = 0; i < 2048; i++) {
			c = cnt[i];
			cnt[i] = s;
			s += c;
		}
		for (i = 0; i < n; i++) {
			c = (src[i][0] >> sh) & 0x7FF;
			dst[cnt[c]][0] = src[i][0];
			dst[cnt[c]++][1] = src[i][1];
		}
		t = src, src = dst, dst = t;
	}
	if (src != e)
		memcpy(e, src, n * sizeof(*e));
	for (s = 0; s < n; s = i) {
		c = 0;
		for (i = s + 1; i < n && e[i][0] >> 31 == e[s][0] >> 31; i++)
			c |= e[i][0] != e[s][0];
		if (c)
			radix_ent(e + s, tmp, i - s);
	}
}

static uint64_t
mix(uint64_t x, uint64_t y)
{
	x = x * 0x9E3779B97F4A7C15ull ^ (y + 0x632BE59BD9B4E019ull +
	    (x << 6) + (x >> 2));
	return x ? x : 1;
}

/*
 * The hashes of key k for row r into h (at most FZ_KEYVAR): one per
 * combination of the variants of its fields; none when the row lacks a
 * part of it.
 */
static size_t
key_of(const struct fuzzy *fz, const struct bkey *k, size_t r, uint64_t *h)
{
	uint64_t v[FZ_KEYVAR], buf[FZ_KEYVAR], *cur = h, *nxt = buf, *tmp;
	uint64_t mask = k->mask & (((uint64_t)2 << (fz->nf + 1)) - 1);
	size_t f, i, j, n = 1, m, nv;

	h[0] = 0x2545F4914F6CDD1Dull;
	while (mask != 0) {
		f = (size_t)__builtin_ctzll(mask);
		mask &= mask - 1;
		if (f < fz->nf && fz->f[f].type != FT_NAME) {
			v[0] = fz->fkey[r * (fz->nf + 1) + f];
			nv = v[0] != 0;
		} else
			nv = variants(fz, r, (int)f, v);
		if (nv == 0)
			return 0;
		if (nv == 1) {
			for (i = 0; i < n; i++)
				cur[i] = mix(cur[i], v[0]);
			continue;
		}
		for (i = 0, m = 0; i < n; i++)
			for (j = 0; j < nv && m < FZ_KEYVAR; j++)
				nxt[m++] = mix(cur[i], v[j]);
		tmp = cur, cur = nxt, nxt = tmp;
		n = m;
	}
	if (cur != h)
		memcpy(h, cur, n * sizeof(*h));
	return n;
}

/* The fields a key holds (the combined names: every name field). */
static uint64_t
key_fields(const struct fuzzy *fz, const struct bkey *k)
{
	uint64_t m = k->mask & (((uint64_t)1 << fz->nf) - 1);
	size_t f;

	if (k->mask >> fz->nf & 1)
		for (f = 0; f < fz->nf; f++)
			if (fz->f[f].type == FT_NAME)
				m |= (uint64_t)1 << f;
	return m;
}

/*
 * Block on one key: sort the rows by its hash, pair within each run;
 * each pair goes with the fields of the key.
 */
static void
block_key(struct fuzzy *fz, struct bkey *k, uint64_t (**ent)[2],
    size_t *entcap, struct pairbuf *out)
{
	size_t r, n = 0, i, j, s, m, q, max = FZ_KEYVAR * fz->nrows, id;
	uint64_t h[FZ_KEYVAR], (*e)[2], fields = key_fields(fz, k), pr;
	int isnew;

	*ent = xgrow(*ent, entcap, 2 * max, sizeof(**ent));
	e = *ent;
	if (out->seen == NULL)
		out->seen = u64map_new(0);
	for (r = 0; r < fz->nrows; r++) {
		m = key_of(fz, k, r, h);
		for (q = 0; q < m; q++) {
			e[n][0] = h[q];
			e[n][1] = r;
			n++;
		}
	}
	radix_hash(e, e + max, n);
	for (s = 0; s < n; s = i) {
		for (i = s + 1; i < n && e[i][0] == e[s][0]; i++)
			;
		if (i - s > FZ_BLOCK_MAX) {
			k->skipped++;
			if (i - s > k->largest)
				k->largest = i - s;
			continue;
		}
		out->p = xgrow(out->p, &out->cap, out->n + (i - s) *
		    (i - s - 1) / 2 + 1, sizeof(*out->p));
		for (j = s; j < i; j++)
			for (r = j + 1; r < i; r++) {
				if (e[j][1] == e[r][1])
					continue;
				pr = e[j][1] << 32 | e[r][1];
				id = u64map_intern(out->seen, pr, &isnew);
				if (id != U64MAP_FULL && !isnew) {
					/* found again: the fields of both */
					out->p[id][1] &= fields;
					continue;
				}
				out->p[out->n][0] = pr;
				out->p[out->n++][1] = fields;
			}
		k->npairs += (i - s) * (i - s - 1) / 2;
	}
}

/* Task k: blocking key k, or after the keys a stream of random pairs. */
static void
block_task(void *arg, size_t k, struct rng *r, int thread)
{
	struct blockjob *b = arg;

	(void)r;
	if (k < b->fz->nkeys)
		block_key(b->fz, &b->fz->keys[k], &b->ent[thread],
		    &b->entcap[thread], &b->out[thread]);
	else
		clean_fz_usample_block(b->us, k - b->fz->nkeys);
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The name of key k for messages, into buf (fields joined by '+'). */
static const char *
key_name(const struct fuzzy *fz, const struct bkey *k, char *buf,
    size_t cap)
{
	size_t f, n = 0;
	int w;

	buf[0] = '\0';
	for (f = 0; f <= fz->nf + 1 && n < cap; f++) {
		if (!(k->mask >> f & 1))
			continue;
		w = snprintf(buf + n, cap - n, "%s%s", n > 0 ? "+" : "",
		    f < fz->nf ? fz->f[f].name : f == fz->nf ? "names" :
		    "a name");
		if (w > 0)
			n += (size_t)w;
	}
	return buf;
}

/*
 * All candidate pairs, sorted, each once; the random pairs of us are
 * drawn on the same threads (tasks handed out as threads come free).
 */
static void
block(struct fuzzy *fz, struct fz_usample *us, int nthreads)
{
	struct blockjob b;
	uint64_t (*all)[2];
	char name[256];
	size_t t, i, n = 0;
	int nt = nthreads < 1 ? 1 : nthreads, bits = 1;

	field_keys(fz, nt);
	choose_keys(fz, nt);
	b.fz = fz;
	b.us = us;
	b.out = xcalloc((size_t)nt, sizeof(*b.out));
	b.ent = xcalloc((size_t)nt, sizeof(*b.ent));
	b.entcap = xcalloc((size_t)nt, sizeof(*b.entcap));
	sched_run(fz->nkeys + FZ_UBLOCKS, nt, 0, block_task, &b);
	for (t = 0; t < (size_t)nt; t++)
		n += b.out[t].n;
	all = xreallocarray(NULL, 2 * n + 1, sizeof(*all));
	for (t = 0, n = 0; t < (size_t)nt; t++) {
		if (b.out[t].n > 0)
			memcpy(all + n, b.out[t].p, b.out[t].n * sizeof(*all));
		n += b.out[t].n;
		free(b.out[t].p);
		if (b.out[t].seen != NULL)
			u64map_free(b.out[t].seen);
		free(b.ent[t]);
	}
	/* sorted as a << bits | b: fewer radix passes, the same order */
	while (bits < 32 && ((uint64_t)1 << bits) < fz->nrows)
		bits++;
	for (i = 0; i < n; i++)
		all[i][0] = (all[i][0] >> 32) << bits | (all[i][0] & 0xFFFFFFFFu);
	radix_ent(all, all + n, n);
	for (i = 0; i < n; i++)
		all[i][0] = (all[i][0] >> bits) << 32 |
		    (all[i][0] & (((uint64_t)1 << bits) - 1));
	fz->pairs = xreallocarray(NULL, n + 1, sizeof(*fz->pairs));
	fz->bmask = xreallocarray(NULL, n + 1, sizeof(*fz->bmask));
	for (i = 0, fz->npairs = 0; i < n; i++)
		if (fz->npairs > 0 && fz->pairs[fz->npairs - 1] == all[i][0])
			fz->bmask[fz->npairs - 1] &= all[i][1];
		else {
			fz->pairs[fz->npairs] = all[i][0];
			fz->bmask[fz->npairs++] = all[i][1];
		}
	free(all);
	for (i = 0; i < fz->nkeys; i++)
		if (fz->keys[i].skipped > 0 && !fz->o->com.quiet)
			crm_warnx("--fuzzy: blocking key %s: %zu value%s "
			    "shared by over %d rows not used (largest: %zu "
			    "rows)", key_name(fz, &fz->keys[i], name,
			    sizeof(name)), fz->keys[i].skipped,
			    fz->keys[i].skipped == 1 ? "" : "s", FZ_BLOCK_MAX,
			    fz->keys[i].largest);
	free(b.out);
	free(b.ent);
	free(b.entcap);
}

struct scorejob {
	struct fuzzy	*fz;
	struct progress	*pg;
};

static void
compare_run(void *arg, size_t lo, size_t hi, int thread)
{
	struct scorejob *s = arg;
	struct fuzzy *fz = s->fz;
	size_t i;

	for (i = lo; i < hi; i++) {
		clean_fz_compare(&fz->v, (uint32_t)(fz->pairs[i] >> 32),
		    (uint32_t)fz->pairs[i], fz->levels + i * fz->nf);
		if (thread == 0 && (i - lo) % 4096 == 0)
			progress_set(s->pg, (uint64_t)(i - lo) *
			    (uint64_t)fz->npairs / (uint64_t)(hi - lo + 1));
	}
}

/*
 * The levels EM learns from and pairs are scored by: each pair's levels
 * with the fields of the keys that found it missing, since those agree
 * because of the blocking and not because the rows are one customer
 * (left in, a block of strangers who share a birthday and a city would
 * teach EM that those two fields make a match).  --pairs shows the
 * levels unmasked.
 */
static const unsigned char *
em_levels(struct fuzzy *fz)
{
	size_t i, f, nf = fz->nf;

	fz->emlv = xreallocarray(NULL, fz->npairs + 1, nf ? nf : 1);
	memcpy(fz->emlv, fz->levels, fz->npairs * nf);
	for (i = 0; i < fz->npairs; i++)
		for (f = 0; f < nf; f++)
			if (fz->bmask[i] >> f & 1)
				fz->emlv[i * nf + f] = FZ_MISSING;
	return fz->emlv;
}

/*
 * For each row and field, how many rows have the same normalised value
 * (0 when missing).
 */
static void
value_counts_run(void *arg, size_t lo, size_t hi, int thread)
{
	struct fuzzy *fz = arg;
	struct u64map *m;
	size_t r, f, n, nf = fz->nf, id;
	uint32_t *c, *ids;

	(void)thread;
	ids = xcalloc(fz->nrows + 1, sizeof(*ids));
	for (f = lo; f < hi; f++) {
		m = u64map_new(sizeof(uint32_t));
		for (r = 0; r < fz->nrows; r++) {
			if ((n = fz->v.len[r * nf + f]) == 0)
				continue;
			id = u64map_intern(m, hash_bytes(fz->v.norm +
			    fz->v.off[r * nf + f], n, f + 1), NULL);
			ids[r] = (uint32_t)id;
			c = u64map_val(m, id);
			(*c)++;
		}
		for (r = 0; r < fz->nrows; r++)
			if (fz->v.len[r * nf + f] > 0)
				fz->tfc[r * nf + f] = *(uint32_t *)u64map_val(m,
				    ids[r]);
		u64map_free(m);
	}
	free(ids);
}

/* (fields in parallel) */
static void
value_counts(struct fuzzy *fz, int nthreads)
{
	fz->tfc = xcalloc(fz->nrows * fz->nf + 1, sizeof(*fz->tfc));
	if (fz->nrows < 2048)
		value_counts_run(fz, 0, fz->nf, 0);
	else
		par_for(fz->nf, nthreads, value_counts_run, fz);
}

/*
 * The u of an agreement at level 3 on each field of rows a and b into
 * tfu: how often another row has the value ((the rows with it less one)
 * over the other rows; the more common value of the two when they
 * differ, as when names were swapped).
 */
static void
tf_u(const struct fuzzy *fz, uint32_t a, uint32_t b, double *tfu)
{
	size_t f, nf = fz->nf;
	uint32_t ca, cb;

	for (f = 0; f < nf; f++) {
		ca = fz->tfc[(size_t)a * nf + f];
		cb = fz->tfc[(size_t)b * nf + f];
		ca = ca > cb ? ca : cb;
		tfu[f] = ((double)(ca > 2 ? ca : 2) - 1.5) /
		    (double)(fz->nrows - 1);
	}
}

/*
 * The match probability of rows a and b with levels lv and masked
 * levels em (NULL: none masked): the larger of the candidates' model
 * (fields blocked on left out) and the full one over all pairs (every
 * field, exact agreement weighed by the value's frequency).
 */
static double
prob_of(const struct fuzzy *fz, uint32_t a, uint32_t b,
    const unsigned char *lv, const unsigned char *em)
{
	double tfu[FZ_MAXFIELDS], p, q;
	size_t f;

	tf_u(fz, a, b, tfu);
	if (em == NULL)
		em = lv;
	for (f = 0, p = 0; f < fz->nf; f++)
		if (em[f] != FZ_MISSING)
			break;
	if (f < fz->nf)
		p = clean_fz_probability(&fz->model,
		    clean_fz_weight(&fz->model, em));
	q = clean_fz_full_probability(&fz->model,
	    clean_fz_full_weight(&fz->model, lv, tfu));
	return p > q ? p : q;
}

/* Fit the full model (clean_fz_em_full) on the candidate pairs. */
static void
fit_full(struct fuzzy *fz, int nthreads)
{
	double t[FZ_MAXFIELDS];
	float *tfu;
	size_t i, f, nf = fz->nf;

	clean_fz_set_lodds(&fz->model, fz->npairs, fz->nrows);
	value_counts(fz, nthreads);
	tfu = xreallocarray(NULL, fz->npairs * nf + 1, sizeof(*tfu));
	for (i = 0; i < fz->npairs; i++) {
		tf_u(fz, (uint32_t)(fz->pairs[i] >> 32), (uint32_t)fz->pairs[i],
		    t);
		for (f = 0; f < nf; f++)
			tfu[i * nf + f] = (float)t[f];
	}
	clean_fz_em_full(&fz->model, fz->levels, tfu, fz->npairs, fz->nrows);
	free(tfu);
}

static void
prob_run(void *arg, size_t lo, size_t hi, int thread)
{
	struct fuzzy *fz = arg;
	size_t i;

	(void)thread;
	for (i = lo; i < hi; i++)
		fz->prob[i] = prob_of(fz, (uint32_t)(fz->pairs[i] >> 32),
		    (uint32_t)fz->pairs[i], fz->levels + i * fz->nf,
		    fz->emlv + i * fz->nf);
}

/* Levels of every candidate pair, the model, each pair's probability. */
static void
score(struct fuzzy *fz, struct fz_usample *us, int nthreads, int show)
{
	struct scorejob s;

	fz->levels = xreallocarray(NULL, fz->npairs + 1, fz->nf ? fz->nf : 1);
	s.fz = fz;
	s.pg = progress_new("crm-clean: comparing pairs", fz->npairs, show);
	par_for_grain(fz->npairs, nthreads, 1024, compare_run, &s);
	progress_free(s.pg);
	clean_fz_usample_finish(&fz->model, us);
	clean_fz_em(&fz->model, em_levels(fz), fz->npairs);
	fit_full(fz, nthreads);
	fz->prob = xreallocarray(NULL, fz->npairs + 1, sizeof(*fz->prob));
	par_for_grain(fz->npairs, nthreads, 4096, prob_run, fz);
}

/*
 * The match probability of rows a < b (for the chaining guard): that of
 * the candidate pair when they are one, else compared now.
 */
static double
pair_prob(const struct fuzzy *fz, uint32_t a, uint32_t b,
    unsigned char *lv)
{
	uint64_t key = (uint64_t)a << 32 | b;
	size_t lo = 0, hi = fz->npairs, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (fz->pairs[m] < key)
			lo = m + 1;
		else
			hi = m;
	}
	if (lo < fz->npairs && fz->pairs[lo] == key)
		return fz->prob[lo];
	clean_fz_compare(&fz->v, a, b, lv);
	return prob_of(fz, a, b, lv, NULL);
}

/* A linked pair inside one cluster: members' local indices. */
struct link {
	double	 p;
	size_t	 a, b;
};

static int
cmp_link(const void *x, const void *y)
{
	const struct link *a = x, *b = y;

	if (a->p != b->p)
		return a->p > b->p ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/*
 * The chaining guard on one cluster of k rows (mem, ascending) and its
 * links: joins the parts strongest link first while the mean
 * probability over all cross pairs (average linkage) reaches thr,
 * uniting accepted links in fin.  sum[i * k + j] holds, for parts with
 * roots i and j, the sum of the probabilities of their cross pairs.
 * Returns 1 when the cluster was split.
 */
static int
guard(const struct fuzzy *fz, const uint32_t *mem, size_t k,
    struct link *lk, size_t nlk, struct uf *fin, double thr)
{
	struct uf *loc = uf_new(k);
	double *sum;
	unsigned char *lv = xmalloc(fz->nf + 1);
	size_t i, j, x, parts = k, ra, rb, nr, old;

	sum = xcalloc(k * k, sizeof(*sum));
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
			sum[i * k + j] = sum[j * k + i] =
			    pair_prob(fz, mem[i], mem[j], lv);
	qsort(lk, nlk, sizeof(*lk), cmp_link);
	for (i = 0; i < nlk; i++) {
		ra = uf_find(loc, lk[i].a);
		rb = uf_find(loc, lk[i].b);
		if (ra == rb || sum[ra * k + rb] / (double)(uf_size(loc, ra) *
		    uf_size(loc, rb)) < thr)
			continue;
		uf_union(loc, ra, rb);
		nr = uf_find(loc, ra);
		old = nr == ra ? rb : ra;
		for (x = 0; x < k; x++) {
			sum[nr * k + x] += sum[old * k + x];
			sum[x * k + nr] = sum[nr * k + x];
		}
		uf_union(fin, mem[lk[i].a], mem[lk[i].b]);
		parts--;
	}
	free(sum);
	free(lv);
	uf_free(loc);
	return parts > 1;
}

/* Index of row r in mem[0..k) (ascending). */
static size_t
member(const uint32_t *mem, size_t k, uint32_t r)
{
	size_t lo = 0, hi = k, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (mem[m] < r)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/*
 * Link the pairs at or over thr in all; lr[0..) gets the linked pairs
 * as (root, pair index), sorted by root (2 * npairs entries of room,
 * half for the sort); returns their number.
 */
static size_t
links(struct fuzzy *fz, struct uf *all, double thr, uint64_t (*lr)[2])
{
	size_t i, n = 0;

	for (i = 0; i < fz->npairs; i++)
		if (fz->prob[i] >= thr) {
			uf_union(all, fz->pairs[i] >> 32,
			    (uint32_t)fz->pairs[i]);
			lr[n++][1] = i;
		}
	for (i = 0; i < n; i++)
		lr[i][0] = uf_find(all, fz->pairs[lr[i][1]] >> 32);
	/* by root, then index: a stable sort, as the indices rise */
	radix_ent(lr, lr + n, n);
	return n;
}

/* Number the clusters of fin 1, 2, ... in the order of their first row. */
static void
number_clusters(struct fuzzy *fz, struct uf *fin)
{
	uint32_t *first = xcalloc(fz->nrows + 1, sizeof(*first));
	size_t i, k;

	fz->cid = xreallocarray(NULL, fz->nrows + 1, sizeof(*fz->cid));
	for (i = 0; i < fz->nrows; i++) {
		k = uf_find(fin, i);
		if (first[k] == 0)
			first[k] = (uint32_t)++fz->nclusters;
		fz->cid[i] = first[k];
	}
	free(first);
}

/*
 * Clusters: the union of the linked pairs, each cluster of three rows
 * or more (up to FZ_GUARD_MAX) put through the guard.  rr: (root, row)
 * sorted, so that each cluster's rows and links are runs.
 */
static void
cluster(struct fuzzy *fz)
{
	struct uf *all = uf_new(fz->nrows), *fin = uf_new(fz->nrows);
	uint64_t (*rr)[2], (*lr)[2], p;
	uint32_t *mem = NULL;
	struct link *lk = NULL;
	size_t i, j, s, e, k, nl, memcap = 0, lkcap = 0, ls;
	double thr = fz->o->threshold_set ? fz->o->threshold : FZ_THRESHOLD;

	lr = xreallocarray(NULL, 2 * fz->npairs + 1, sizeof(*lr));
	fz->nlinked = nl = links(fz, all, thr, lr);
	rr = xreallocarray(NULL, 2 * fz->nrows + 1, sizeof(*rr));
	for (i = 0; i < fz->nrows; i++) {
		rr[i][0] = uf_find(all, i);
		rr[i][1] = i;
	}
	radix_ent(rr, rr + fz->nrows, fz->nrows);	/* stable: by row too */
	for (s = 0, ls = 0; s < fz->nrows; s = e, ls = j) {
		for (e = s + 1; e < fz->nrows && rr[e][0] == rr[s][0]; e++)
			;
		for (j = ls; j < nl && lr[j][0] == rr[s][0]; j++)
			;
		if ((k = e - s) < 3 || k > FZ_GUARD_MAX) {
			fz->nunchecked += k > FZ_GUARD_MAX;
			for (i = ls; i < j; i++)
				uf_union(fin, fz->pairs[lr[i][1]] >> 32,
				    (uint32_t)fz->pairs[lr[i][1]]);
			continue;
		}
		mem = xgrow(mem, &memcap, k, sizeof(*mem));
		lk = xgrow(lk, &lkcap, j - ls + 1, sizeof(*lk));
		for (i = 0; i < k; i++)
			mem[i] = (uint32_t)rr[s + i][1];
		for (i = ls; i < j; i++) {
			p = fz->pairs[lr[i][1]];
			lk[i - ls].p = fz->prob[lr[i][1]];
			lk[i - ls].a = member(mem, k, p >> 32);
			lk[i - ls].b = member(mem, k, (uint32_t)p);
		}
		fz->nsplit += guard(fz, mem, k, lk, j - ls, fin, thr);
	}
	number_clusters(fz, fin);
	free(mem);
	free(lk);
	free(rr);
	free(lr);
	uf_free(all);
	uf_free(fin);
}

/* Write every row with its cluster id, in input order. */
static void
put_rows(struct cleaner *cl)
{
	struct fuzzy *fz = cl->fz;
	const char *p;
	size_t r, c, n;

	for (r = 0; r < fz->nrows; r++) {
		for (c = 0; c < fz->ncols; c++) {
			p = cell(fz, r, c, &n);
			csv_put(cl->out, p, n);
		}
		csv_put_int(cl->out, (long long)fz->cid[r]);
		end_row(cl->out);
		cl->t.out++;
	}
}

/* Does every value of column c over rows mem[0..k) read as a number? */
static int
all_numbers(const struct fuzzy *fz, const uint32_t *mem, size_t k, size_t c)
{
	const char *p, *why;
	double d;
	size_t i, n;

	for (i = 0; i < k; i++) {
		p = cell(fz, mem[i], c, &n);
		if (!num_blank(p, n) && num_parse(p, n, &d, &why) == -1)
			return 0;
	}
	return 1;
}

/* 1 when x is to be preferred to the best so far y under max or min. */
static int
better(const char *x, size_t nx, const char *y, size_t ny, int numeric,
    int max)
{
	const char *why;
	double a, b;
	int c;

	if (numeric) {
		num_parse(x, nx, &a, &why);
		num_parse(y, ny, &b, &why);
		return max ? a > b : a < b;
	}
	c = memcmp(x, y, nx < ny ? nx : ny);
	if (c == 0)
		c = nx < ny ? -1 : nx > ny;
	return max ? c > 0 : c < 0;
}

/* The row (of mem[0..k)) with the most frequent non-blank value of
 * column c, the first of them on a tie; -1 when all are blank. */
static size_t
pick_common(const struct fuzzy *fz, const uint32_t *mem, size_t k, size_t c)
{
	const char *p, *q;
	size_t i, j, n, m, cnt, best = (size_t)-1, bestcnt = 0;

	for (i = 0; i < k; i++) {
		p = cell(fz, mem[i], c, &n);
		if (num_blank(p, n))
			continue;
		for (j = 0, cnt = 0; j < k; j++) {
			q = cell(fz, mem[j], c, &m);
			cnt += m == n && memcmp(p, q, n) == 0;
		}
		if (cnt > bestcnt) {
			bestcnt = cnt;
			best = i;
		}
	}
	return best;
}

/* The row (of mem[0..k)) whose value of column c the rule picks; the
 * first row when every value is blank. */
static size_t
pick(const struct fuzzy *fz, const uint32_t *mem, size_t k, size_t c)
{
	const char *p, *q;
	size_t i, n, m, best = (size_t)-1;
	int rule = fz->rule[c], numeric = 0;

	if (rule == MR_COMMON)
		best = pick_common(fz, mem, k, c);
	else if (rule == MR_MAX || rule == MR_MIN)
		numeric = all_numbers(fz, mem, k, c);
	for (i = 0; i < k && rule != MR_COMMON; i++) {
		p = cell(fz, mem[i], c, &n);
		if (num_blank(p, n))
			continue;
		if (best == (size_t)-1 || rule == MR_LAST) {
			best = i;
			continue;
		}
		q = cell(fz, mem[best], c, &m);
		if ((rule == MR_LONGEST && n > m) || ((rule == MR_MAX ||
		    rule == MR_MIN) && better(p, n, q, m, numeric,
		    rule == MR_MAX)))
			best = i;
	}
	return best == (size_t)-1 ? 0 : best;
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/*
 * --merge: one golden record per cluster, in the order of the
 * clusters' first rows: each column's value picked by its rule (last
 * non-empty by default), then the cluster id and size.
 */
static void
put_merged(struct cleaner *cl)
{
	struct fuzzy *fz = cl->fz;
	uint64_t *ord;
	uint32_t *mem = NULL;
	const char *p;
	size_t i, s, e, k, c, n, memcap = 0;

	ord = xreallocarray(NULL, fz->nrows + 1, sizeof(*ord));
	for (i = 0; i < fz->nrows; i++)
		ord[i] = (uint64_t)fz->cid[i] << 32 | i;
	qsort(ord, fz->nrows, sizeof(*ord), cmp_u64);
	for (s = 0; s < fz->nrows; s = e) {
		for (e = s + 1; e < fz->nrows && ord[e] >> 32 == ord[s] >> 32;
		    e++)
			;
		k = e - s;
		mem = xgrow(mem, &memcap, k, sizeof(*mem));
		for (i = 0; i < k; i++)
			mem[i] = (uint32_t)ord[s + i];
		qsort(mem, k, sizeof(*mem), cmp_u32);
		for (c = 0; c < fz->ncols; c++) {
			p = cell(fz, mem[pick(fz, mem, k, c)], c, &n);
			csv_put(cl->out, p, n);
		}
		csv_put_int(cl->out, (long long)(ord[s] >> 32));
		csv_put_int(cl->out, (long long)k);
		end_row(cl->out);
		cl->t.out++;
		cl->t.dup += k - 1;
	}
	free(mem);
	free(ord);
}

/*
 * --pairs FILE: every candidate pair: the lines of the two rows, the
 * match probability, the Fellegi-Sunter weight, whether it is linked,
 * and the level of each field (empty when missing).
 */
static void
put_pairs(const struct fuzzy *fz, const char *path)
{
	struct csv_writer *w = crm_open_file(path, 0);
	double thr = fz->o->threshold_set ? fz->o->threshold : FZ_THRESHOLD;
	char name[1024];
	size_t i, f;
	unsigned char l;

	csv_put_str(w, "line_a");
	csv_put_str(w, "line_b");
	csv_put_str(w, "probability");
	csv_put_str(w, "weight");
	csv_put_str(w, "linked");
	for (f = 0; f < fz->nf; f++) {
		snprintf(name, sizeof(name), "%s_level", fz->f[f].name);
		csv_put_str(w, name);
	}
	end_row(w);
	for (i = 0; i < fz->npairs; i++) {
		csv_put_int(w, (long long)fz->line[fz->pairs[i] >> 32]);
		csv_put_int(w, (long long)fz->line[(uint32_t)fz->pairs[i]]);
		csv_put_fixed(w, fz->prob[i], 6);
		csv_put_fixed(w, clean_fz_weight(&fz->model, fz->emlv +
		    i * fz->nf), 4);
		csv_put_int(w, fz->prob[i] >= thr);
		for (f = 0; f < fz->nf; f++) {
			l = fz->levels[i * fz->nf + f];
			if (l == FZ_MISSING)
				csv_put(w, "", 0);
			else
				csv_put_int(w, l);
		}
		end_row(w);
	}
	crm_close_output(w);
}

/* -v: what the linkage did. */
static void
verbose(const struct fuzzy *fz)
{
	char name[256];
	size_t i, f;

	crm_warnx("fuzzy: %zu rows, %zu candidate pairs (%.3f per row) from "
	    "%zu blocking keys", fz->nrows, fz->npairs, fz->nrows ?
	    (double)fz->npairs / (double)fz->nrows : 0.0, fz->nkeys);
	for (i = 0; i < fz->nkeys; i++)
		crm_warnx("fuzzy: key %s: %zu pairs", key_name(fz,
		    &fz->keys[i], name, sizeof(name)), fz->keys[i].npairs);
	for (f = 0; f < fz->nf; f++)
		crm_warnx("fuzzy: field %s (%s): weights %.2f %.2f %.2f %.2f",
		    fz->f[f].name, clean_fz_type_names[fz->f[f].type],
		    fz->model.w[f][0], fz->model.w[f][1], fz->model.w[f][2],
		    fz->model.w[f][3]);
	for (f = 0; f < fz->nf; f++)
		crm_warnx("fuzzy: field %s: full model m %.3f %.3f %.3f %.3f, "
		    "u %.4f %.4f %.4f %.4f", fz->f[f].name,
		    fz->model.mf[f][0], fz->model.mf[f][1], fz->model.mf[f][2],
		    fz->model.mf[f][3], fz->model.ur[f][0], fz->model.ur[f][1],
		    fz->model.ur[f][2], fz->model.ur[f][3]);
	crm_warnx("fuzzy: EM: %d rounds, prior %.4f; full model: log odds "
	    "%.2f", fz->model.iterations, fz->model.prior, fz->model.lodds);
	crm_warnx("fuzzy: %zu linked pairs, %zu clusters, %zu split by the "
	    "chaining guard", fz->nlinked, fz->nclusters, fz->nsplit);
}

/* At the end of the input: link, cluster and write everything. */
void
clean_fuzzy_finish(struct cleaner *cl)
{
	struct fuzzy *fz = cl->fz;
	struct fz_usample us;
	int nt = crm_nthreads(&cl->o->com);

	if (fz->nrows > 1) {
		clean_fz_usample_init(&us, &fz->v, fz->nrows,
		    fz->o->com.seed);
		block(fz, &us, nt);
		score(fz, &us, nt, crm_show_progress(&cl->o->com));
	}
	cluster(fz);
	if (fz->nunchecked > 0 && !cl->o->com.quiet)
		crm_warnx("--fuzzy: %zu cluster%s of over %d rows not checked "
		    "for chaining", fz->nunchecked, fz->nunchecked == 1 ? "" :
		    "s", FZ_GUARD_MAX);
	if (cl->o->merge)
		put_merged(cl);
	else
		put_rows(cl);
	if (cl->o->pairs != NULL)
		put_pairs(fz, cl->o->pairs);
	if (cl->o->verbose)
		verbose(fz);
}
