/*
 * child.h: for unit tests of the tool runtime, whose failures exit: run
 * a function in a forked child and collect its stderr and exit status.
 */
#ifndef CRM_CHILD_H
#define CRM_CHILD_H

#include <sys/wait.h>

#include <stdio.h>
#include <unistd.h>

/*
 * Run fn(arg) in a child with stderr into a pipe; its output goes to buf
 * (NUL-terminated).  Returns the exit status, 99 when fn returned, -1
 * when the child did not exit normally.
 */
static int
in_child(void (*fn)(const void *), const void *arg, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t got;
	pid_t pid;
	int fd[2], st;

	fflush(stdout);			/* else the child prints it again */
	if (pipe(fd) == -1 || (pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 2);
		fn(arg);
		_exit(99);
	}
	close(fd[1]);
	while (n + 1 < size && (got = read(fd[0], buf + n,
	    size - n - 1)) > 0)
		n += (size_t)got;
	buf[n] = '\0';
	close(fd[0]);
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

#endif
