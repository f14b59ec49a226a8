/* err.h: the only places messages come from (err(3)-style, program-named). */
#ifndef CRM_ERR_H
#define CRM_ERR_H

struct csv_reader;

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

#endif
