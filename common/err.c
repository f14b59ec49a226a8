/*
 * err.c: every message crmkit prints comes from here, in the form
 * "prog: [file:line: ]message".  Functions registered with crm_atexit run
 * before an exit through crm_err*, so that half-written outputs vanish.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "err.h"

/*
 * Program-wide state: the name and the cleanup hooks.  These are the only
 * mutable file-scope variables in crmkit; err(3) keeps the same state.
 */
static const char *progname = "crm";
static struct {
	void	(*fn)(void *);
	void	 *arg;
} hooks[8];
static int nhooks;

void
crm_setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL)
		return;
	p = strrchr(argv0, '/');
	progname = p ? p + 1 : argv0;
}

const char *
crm_progname(void)
{
	return progname;
}

void
crm_atexit(void (*fn)(void *), void *arg)
{
	int i;

	if (fn == NULL) {
		/* remove every hook with this argument */
		for (i = 0; i < nhooks; i++)
			if (hooks[i].arg == arg)
				hooks[i].fn = NULL;
		return;
	}
	for (i = 0; i < nhooks; i++)		/* reuse a freed slot */
		if (hooks[i].fn == NULL)
			break;
	if (i == (int)(sizeof(hooks) / sizeof(hooks[0])))
		crm_errx(1, "too many pending output files");
	hooks[i].fn = fn;
	hooks[i].arg = arg;
	if (i == nhooks)
		nhooks++;
}

static void
run_hooks(void)
{
	while (nhooks > 0) {
		nhooks--;
		if (hooks[nhooks].fn)
			hooks[nhooks].fn(hooks[nhooks].arg);
	}
}

static void
vmsg(const char *fmt, va_list ap, const char *sys)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	if (fmt)
		vfprintf(stderr, fmt, ap);
	if (sys)
		fprintf(stderr, "%s%s", fmt ? ": " : "", sys);
	fputc('\n', stderr);
}

void
crm_err(int eval, const char *fmt, ...)
{
	va_list ap;
	const char *sys = strerror(errno);

	va_start(ap, fmt);
	vmsg(fmt, ap, sys);
	va_end(ap);
	run_hooks();
	exit(eval);
}

void
crm_errx(int eval, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
	run_hooks();
	exit(eval);
}

void
crm_warn(const char *fmt, ...)
{
	va_list ap;
	const char *sys = strerror(errno);

	va_start(ap, fmt);
	vmsg(fmt, ap, sys);
	va_end(ap);
}

void
crm_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
}

void
crm_dataerr(const struct csv_reader *r, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s:%llu: ", progname, csv_path(r), csv_line(r));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	run_hooks();
	exit(1);
}
