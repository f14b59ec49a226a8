/*
 * progress.c: the progress line on stderr, part of the tool runtime: it
 * draws through err.c's crm_ttyline, and only when the caller enabled it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "err.h"
#include "progress.h"

#define PROGRESS_INTERVAL_NS	200000000LL	/* 5 updates a second */

struct progress {
	char		*label;
	uint64_t	 total;
	uint64_t	 done;
	int		 enabled;
	int		 width;		/* length of the line shown, 0: none */
	int64_t		 last;		/* time of the last update, ns */
};

static int64_t
now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct progress *
progress_new(const char *label, uint64_t total, int enabled)
{
	struct progress *p;

	p = xcalloc(1, sizeof(*p));
	p->label = xstrdup(label != NULL ? label : "");
	p->total = total;
	p->enabled = enabled;
	p->last = now_ns();
	return p;
}

/* Draw the line, padding over what the previous one left. */
static void
progress_draw(struct progress *p)
{
	char line[256];
	int n, pct;

	if (p->total > 0) {
		pct = p->done >= p->total ? 100 :
		    (int)((double)p->done * 100.0 / (double)p->total);
		n = snprintf(line, sizeof(line), "%s: %d%% (%llu/%llu)",
		    p->label, pct, (unsigned long long)p->done,
		    (unsigned long long)p->total);
	} else
		n = snprintf(line, sizeof(line), "%s: %llu", p->label,
		    (unsigned long long)p->done);
	if (n < 0)
		return;
	if (n >= (int)sizeof(line))
		n = (int)sizeof(line) - 1;
	crm_ttyline(line, p->width > n ? p->width - n : 0);
	if (n > p->width)
		p->width = n;
}

void
progress_set(struct progress *p, uint64_t done)
{
	int64_t t;

	if (p == NULL || !p->enabled)
		return;
	p->done = done;
	t = now_ns();
	if (t - p->last < PROGRESS_INTERVAL_NS)
		return;
	p->last = t;
	progress_draw(p);
}

void
progress_add(struct progress *p, uint64_t n)
{
	if (p == NULL || !p->enabled)
		return;
	progress_set(p, p->done + n);
}

void
progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	if (p->enabled && p->width > 0) {
		crm_ttyline("", p->width);
	}
	free(p->label);
	free(p);
}
