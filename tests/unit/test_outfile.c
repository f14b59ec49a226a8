/*
 * test_outfile.c: output files (common/outfile.c) and the removal of
 * their temporary files on a deadly signal (err.c crm_tmp_add).
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "outfile.h"
#include "t.h"

static char dir[] = "/tmp/crm-test-outfileXXXXXX";

/* Files in dir whose name starts with prefix. */
static int
count(const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

/*
 * Each deadly signal, SIGINT included (which a shell's background job
 * ignores, so the golden test cannot send it), removes the temporary
 * file and kills with that signal.
 */
static void
t_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	char path[128];
	struct outfile of;
	size_t i;
	pid_t pid;
	int st, n;

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		fflush(stdout);
		if ((pid = fork()) == 0) {
			signal(sigs[i], SIG_DFL);
			if (outfile_open(&of, path) == -1 ||
			    write(of.fd, "a\n", 2) != 2)
				_exit(3);
			if (count("out.csv.tmp") != 1)
				_exit(4);
			raise(sigs[i]);
			_exit(5);
		}
		CHECK(waitpid(pid, &st, 0) == pid);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i]);
		n = count("out.csv");
		CHECK(n == 0);
	}
}

/* An ignored signal stays ignored (nohup): the writer carries on. */
static void
t_ignored(void)
{
	char path[128];
	struct outfile of;
	pid_t pid;
	int st;

	snprintf(path, sizeof(path), "%s/hup.csv", dir);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		signal(SIGHUP, SIG_IGN);
		if (outfile_open(&of, path) == -1)
			_exit(3);
		raise(SIGHUP);
		_exit(outfile_commit(&of) == 0 ? 0 : 6);
	}
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(count("hup.csv") == 1 && count("hup.csv.tmp") == 0);
	unlink(path);
}

/* Regular files: atomic, mode kept, links followed; the rest direct. */
static void
t_kinds(void)
{
	char path[160], link[160];
	struct outfile of;
	struct stat st;

	snprintf(path, sizeof(path), "%s/reg.csv", dir);
	snprintf(link, sizeof(link), "%s/link.csv", dir);
	CHECK(outfile_open(&of, path) == 0 && of.tmp != NULL);
	CHECK(stat(path, &st) == -1);		/* not yet */
	CHECK(outfile_commit(&of) == 0 && stat(path, &st) == 0);
	chmod(path, 0604);
	CHECK(symlink("reg.csv", link) == 0);
	CHECK(outfile_open(&of, link) == 0 && of.tmp != NULL);
	CHECK(outfile_commit(&of) == 0);
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0604);
	CHECK(outfile_open(&of, "/dev/null") == 0 && of.tmp == NULL);
	CHECK(outfile_commit(&of) == 0);
	CHECK(outfile_open(&of, "/dev/stdout") == 0 && of.tmp == NULL);
	CHECK(outfile_commit(&of) == 0);
	CHECK(outfile_open(&of, dir) == -1);
	CHECK(count("reg.csv.tmp") == 0);
	unlink(link);
	unlink(path);
}

int
main(void)
{
	crm_setprogname("test_outfile");
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(t_signals);
	RUN(t_ignored);
	RUN(t_kinds);
	rmdir(dir);
	T_EXIT();
}
