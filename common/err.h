/* err.h: the only places messages come from (err(3)-style, program-named). */
#ifndef CRM_ERR_H
#define CRM_ERR_H

struct csv_reader;

/*
 * Set the program name (the base name of argv0): the first call of every
 * main.  It also checks the standard descriptors: a closed stdout is an
 * error here ("standard output is closed", exit 1), before any file is
 * opened; a closed stdin or stderr is given /dev/null so that no file
 * takes its number (reading the closed stdin still fails).
 */
void		 crm_setprogname(const char *);
const char	*crm_progname(void);

/* Print "prog: msg: strerror(errno)" and exit with eval. */
void	 crm_err(int eval, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
/* Print "prog: msg" and exit with eval. */
void	 crm_errx(int eval, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
/* The same without exiting. */
void	 crm_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 crm_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Print "prog: FILE:LINE: msg" for the reader's current record and exit 1.
 * Use for bad data when --skip-bad is not in force.
 */
void	 crm_dataerr(const struct csv_reader *, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
/*
 * A line crm_dataerr adds when standard error is a terminal (someone
 * at the keyboard, not a log): what to do next.  NULL: none.
 */
void	 crm_dataerr_hint(const char *hint);
/*
 * The reader's last error (csv_lasterr) as "prog: FILE:LINE: what", or
 * "prog: FILE: what" when it has no line; exit 1.
 */
void	 crm_readerr(const struct csv_reader *)
	    __attribute__((noreturn));
/*
 * Draw text over the current terminal line of stderr ("\r" first), with
 * pad spaces after it to cover a longer earlier line; an empty text
 * clears the line.  For progress.c only: it is not a message.
 */
void	 crm_ttyline(const char *text, int pad);
/* to run before an exit through crm_err* or crm_dataerr
 * (writers use it to remove their temporary files).  crm_atexit(NULL,
 * arg) removes every registration with that arg.  Never fails (the
 * list grows; only running out of memory stops the program).
 */
void	 crm_atexit(void (*)(void *), void *);
/*
 * A temporary file being written (path stays valid until
 * crm_tmp_remove): it is removed on an exit through crm_err* and when
 * SIGINT, SIGTERM, SIGHUP or SIGPIPE kills the program (the handler,
 * installed at the first call, unlinks and re-raises the signal, which
 * then kills as usual; a signal that was ignored stays ignored).  Up to
 * 256 at a time; more are only removed by their writer.
 */
void	 crm_tmp_add(const char *path);
void	 crm_tmp_remove(const char *path);

#endif
