/*
 * err.c: every message crmkit prints comes from here, in the form
 * "prog: [file:line: ]message".  Functions registered with crm_atexit run
 * before an exit through crm_err*, and the temporary files of crm_tmp_add
 * are removed then and on a deadly signal, so that half-written outputs
 * vanish.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "csv.h"
#include "err.h"

/*
 * Program-wide state: the name and the cleanup hooks.  These are the only
 * mutable file-scope variables in crmkit; err(3) keeps the same state.
 */
static const char *progname = "crm";
static struct hook {
	void	(*fn)(void *);
	void	 *arg;
} *hooks;
static size_t nhooks, hookcap;
/*
 * The temporary files being written, for the signal handler, which only
 * reads this table: a slot is filled before the file exists and emptied
 * before its name is freed.
 */
#define MAXTMP	256
static const char *volatile tmps[MAXTMP];
static int handlers;		/* the signal handlers are installed */
static const int deadly[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };

/*
 * A closed standard descriptor is given /dev/null, so that no file the
 * program opens takes its number (and is read as stdin, or receives
 * stdout's rows): opened write-only on 0, reading stdin still fails
 * (EBADF), as the closed descriptor did.  A closed stdout stops the
 * program here, before it opens anything.
 */
static void
check_stdio(void)
{
	int fd, k, closed1 = 0;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		closed1 |= fd == 1;
		/* the lowest free number is fd; no /dev/null: do without */
		k = open("/dev/null", fd == 1 ? O_RDONLY : O_WRONLY);
		if (k != -1 && k != fd)
			close(k);
	}
	if (closed1)
		crm_errx(1, "standard output is closed");
}

void
crm_setprogname(const char *argv0)
{
	const char *p;

	if (argv0 != NULL) {
		p = strrchr(argv0, '/');
		progname = p ? p + 1 : argv0;
	}
	check_stdio();
}

/* Remove the temporary files, then die of the signal as it would have. */
static void
on_signal(int sig)
{
	size_t i;

	for (i = 0; i < MAXTMP; i++)
		if (tmps[i] != NULL)
			unlink(tmps[i]);
	signal(sig, SIG_DFL);
	raise(sig);		/* delivered when the handler returns */
}

static void
install_handlers(void)
{
	struct sigaction sa, old;
	size_t i;

	handlers = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(deadly) / sizeof(deadly[0]); i++)
		sigaddset(&sa.sa_mask, deadly[i]);
	for (i = 0; i < sizeof(deadly) / sizeof(deadly[0]); i++) {
		/* a signal ignored (nohup, a parent's SIGPIPE) stays so */
		if (sigaction(deadly[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(deadly[i], &sa, NULL);
	}
}

void
crm_tmp_add(const char *path)
{
	size_t i;

	if (!handlers)
		install_handlers();
	for (i = 0; i < MAXTMP; i++)
		if (tmps[i] == NULL) {
			tmps[i] = path;
			return;
		}
}

void
crm_tmp_remove(const char *path)
{
	size_t i;

	for (i = 0; i < MAXTMP; i++)
		if (tmps[i] == path)
			tmps[i] = NULL;
}

const char *
crm_progname(void)
{
	return progname;
}

void
crm_atexit(void (*fn)(void *), void *arg)
{
	size_t i;

	if (fn == NULL) {
		/* remove every hook with this argument */
		for (i = 0; i < nhooks; i++)
			if (hooks[i].arg == arg)
				hooks[i].fn = NULL;
		while (nhooks > 0 && hooks[nhooks - 1].fn == NULL)
			nhooks--;
		if (nhooks == 0) {
			free(hooks);
			hooks = NULL;
			hookcap = 0;
		}
		return;
	}
	for (i = 0; i < nhooks; i++)		/* reuse a freed slot */
		if (hooks[i].fn == NULL)
			break;
	if (i == nhooks)
		hooks = xgrow(hooks, &hookcap, ++nhooks, sizeof(*hooks));
	hooks[i].fn = fn;
	hooks[i].arg = arg;
}

static void
run_hooks(void)
{
	size_t i;

	for (i = 0; i < MAXTMP; i++)
		if (tmps[i] != NULL) {
			unlink(tmps[i]);
			tmps[i] = NULL;
		}
	while (nhooks > 0) {
		nhooks--;
		if (hooks[nhooks].fn)
			hooks[nhooks].fn(hooks[nhooks].arg);
	}
	free(hooks);
	hooks = NULL;
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

static const char *dataerr_hint;

void
crm_dataerr_hint(const char *hint)
{
	dataerr_hint = hint;
}

void
crm_dataerr(const struct csv_reader *r, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (csv_line(r) > 0)
		fprintf(stderr, "%s: %s:%llu: ", progname, csv_path(r),
		    csv_line(r));
	else			/* no record yet: the file alone */
		fprintf(stderr, "%s: %s: ", progname, csv_path(r));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (dataerr_hint != NULL && isatty(STDERR_FILENO))
		fprintf(stderr, "%s: %s\n", progname, dataerr_hint);
	run_hooks();
	exit(1);
}

void
crm_readerr(const struct csv_reader *r)
{
	const struct csv_err *e = csv_lasterr(r);

	if (e->line > 0)
		crm_errx(1, "%s:%llu: %s", e->path, e->line, e->what);
	crm_errx(1, "%s: %s", e->path, e->what);
}

void
crm_ttyline(const char *text, int pad)
{
	fprintf(stderr, "\r%s%*s", text, pad, "");
	if (*text == '\0')
		fputc('\r', stderr);
	fflush(stderr);
}
