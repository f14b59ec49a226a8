/* bad.c: the bad-row policy shared by every program (see bad.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "bad.h"
#include "csv.h"
#include "err.h"
#include "opt.h"

struct badrows {
	int			 tolerate;
	struct csv_writer	*w;
	unsigned long long	 n;
	char			*msg;
	size_t			 msgcap;
};

struct badrows *
bad_new(const struct crm_common *c, const struct csv_reader *r)
{
	struct badrows *b;

	b = xcalloc(1, sizeof(*b));
	b->tolerate = c->skip_bad || c->reject != NULL;
	if (c->reject) {
		if ((b->w = csv_writer_open(c->reject, 0)) == NULL)
			crm_err(1, "%s", c->reject);
		csv_put_row(b->w, csv_header(r));
		csv_put_str(b->w, "reason");
		csv_end_row(b->w);
	}
	return b;
}

static void
vreject(struct badrows *b, const struct csv_reader *r,
    const struct csv_row *row, const char *fmt, va_list ap)
{
	const char *raw;
	size_t len, i;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	b->msg = xgrow(b->msg, &b->msgcap, (size_t)n + 1, 1);
	vsnprintf(b->msg, (size_t)n + 1, fmt, ap);
	if (!b->tolerate)
		crm_dataerr(r, "%s", b->msg);
	b->n++;
	if (b->w == NULL)
		return;
	if (row)
		csv_put_row(b->w, row);
	else {
		raw = csv_raw(r, &len);
		csv_put(b->w, raw, len);
		for (i = 1; i < csv_ncols(r); i++)
			csv_put(b->w, "", 0);
	}
	csv_put(b->w, b->msg, (size_t)n);
	csv_end_row(b->w);
}

void
bad_row(struct badrows *b, const struct csv_reader *r,
    const struct csv_row *row, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreject(b, r, row, fmt, ap);
	va_end(ap);
}

int
bad_read(struct badrows *b, struct csv_reader *r, const struct csv_row **row)
{
	const char *m;
	int k;

	while ((k = csv_read(r, row)) == -1) {
		if (csv_error_fatal(r))
			crm_errx(1, "%s", csv_errmsg(r));
		/* the message is "FILE:LINE: what"; the reason is "what" */
		m = csv_errmsg(r);
		m += strlen(csv_path(r));
		m = strchr(m + 1, ':');
		bad_row(b, r, *row, "%s", m ? m + 2 : csv_errmsg(r));
	}
	return k;
}

unsigned long long
bad_count(const struct badrows *b)
{
	return b ? b->n : 0;
}

void
bad_close(struct badrows *b)
{
	if (b == NULL)
		return;
	if (b->w && csv_writer_close(b->w) == -1)
		crm_err(1, "reject file");
	free(b->msg);
	free(b);
}
