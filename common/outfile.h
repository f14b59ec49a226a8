/*
 * outfile.h: where an output file of crmkit goes (the CSV writer, model
 * files).  A regular file, or a name not taken yet, is written to a
 * temporary file beside it and renamed over it on success, so that a
 * reader never sees half of it; a symbolic link is followed and its
 * target replaced (the link stays).  Anything else (a device such as
 * /dev/null, a FIFO, a socket) is written directly, as are /dev/stdout,
 * /dev/stderr, /dev/fd/N and /proc/self/fd/N, which name an open
 * descriptor (dup'd, so that its offset and append mode hold).  A
 * directory is EISDIR.  The temporary file is removed if the program
 * dies by SIGINT, SIGTERM, SIGHUP or SIGPIPE or exits through crm_err*
 * (err.h, crm_tmp_add).
 */
#ifndef CRM_OUTFILE_H
#define CRM_OUTFILE_H

struct outfile {
	int	 fd;		/* write here */
	char	*tmp;		/* the temporary file, NULL: direct */
	char	*target;	/* what tmp is renamed over */
};

/* Open path; returns 0, or -1 with errno set (nothing is left). */
int	 outfile_open(struct outfile *, const char *path);
/*
 * Close fd and rename the temporary file into place.  Returns 0, or -1
 * with errno set (the temporary file is then removed).  Frees the names.
 */
int	 outfile_commit(struct outfile *);
/* Close fd, remove the temporary file, free the names. */
void	 outfile_abort(struct outfile *);

#endif
