/*
 * outfile.c: opening crmkit's output files: temporary file and rename
 * for regular files, direct writing for everything else (outfile.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "err.h"
#include "outfile.h"

/*
 * The descriptor a path names when it is /dev/stdout, /dev/stderr,
 * /dev/fd/N or /proc/self/fd/N; -1 otherwise.
 */
static int
fd_path(const char *path)
{
	const char *n = NULL;
	char *end;
	long v;

	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		n = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		n = path + 14;
	if (n == NULL || *n < '0' || *n > '9')
		return -1;
	v = strtol(n, &end, 10);
	return *end == '\0' && v <= INT_MAX ? (int)v : -1;
}

/*
 * Follow the symbolic links of a name that does not exist yet (a
 * dangling link names the file to create).  Returns a malloc'd name, or
 * NULL with errno set (ELOOP after 40 links).
 */
static char *
follow_links(const char *path)
{
	struct stat st;
	char *p = xstrdup(path), *link, *t, *slash;
	ssize_t n;
	size_t cap;
	int i;

	for (i = 0; i < 40; i++) {
		if (lstat(p, &st) == -1 || !S_ISLNK(st.st_mode))
			return p;
		cap = (size_t)st.st_size + 2;
		link = xmalloc(cap);
		if ((n = readlink(p, link, cap - 1)) < 0) {
			free(link);
			free(p);
			return NULL;
		}
		link[n] = '\0';
		if (link[0] == '/' || (slash = strrchr(p, '/')) == NULL)
			t = link;
		else {
			t = xmalloc((size_t)(slash - p) + 2 + (size_t)n);
			memcpy(t, p, (size_t)(slash - p) + 1);
			strcpy(t + (slash - p) + 1, link);
			free(link);
		}
		free(p);
		p = t;
	}
	free(p);
	errno = ELOOP;
	return NULL;
}

/* A temporary file beside of->target, with the mode the output gets. */
static int
open_tmp(struct outfile *of, mode_t mode)
{
	size_t n = strlen(of->target) + 16;

	of->tmp = xmalloc(n);
	snprintf(of->tmp, n, "%s.tmpXXXXXX", of->target);
	if ((of->fd = mkstemp(of->tmp)) == -1) {
		free(of->tmp);
		of->tmp = NULL;
		return -1;
	}
	crm_tmp_add(of->tmp);
	(void)fchmod(of->fd, mode);	/* mkstemp makes 0600 */
	return 0;
}

int
outfile_open(struct outfile *of, const char *path)
{
	struct stat st;
	mode_t mode;
	int fd, e;

	memset(of, 0, sizeof(*of));
	of->fd = -1;
	if ((fd = fd_path(path)) >= 0) {
		if ((of->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3)) == -1)
			return -1;
		return 0;
	}
	mode = umask(0);
	umask(mode);
	mode = 0666 & ~mode;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			of->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
			return of->fd == -1 ? -1 : 0;
		}
		mode = st.st_mode & 07777;	/* a replaced file keeps it */
		of->target = realpath(path, NULL);
	} else if (errno == ENOENT)
		of->target = follow_links(path);
	if (of->target == NULL)
		return -1;
	if (open_tmp(of, mode) == -1) {
		e = errno;
		outfile_abort(of);
		errno = e;
		return -1;
	}
	return 0;
}

int
outfile_commit(struct outfile *of)
{
	int e = 0;

	if (of->fd != -1 && close(of->fd) == -1)
		e = errno;
	of->fd = -1;
	if (e == 0 && of->tmp != NULL && rename(of->tmp, of->target) == -1)
		e = errno;
	if (e != 0) {
		outfile_abort(of);
		errno = e;
		return -1;
	}
	if (of->tmp != NULL)
		crm_tmp_remove(of->tmp);
	free(of->tmp);
	free(of->target);
	of->tmp = of->target = NULL;
	return 0;
}

void
outfile_abort(struct outfile *of)
{
	if (of->fd != -1)
		close(of->fd);
	of->fd = -1;
	if (of->tmp != NULL) {
		unlink(of->tmp);
		crm_tmp_remove(of->tmp);
	}
	free(of->tmp);
	free(of->target);
	of->tmp = of->target = NULL;
}
