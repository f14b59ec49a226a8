/*
 * crm: run crm-NAME for "crm NAME ...", as git runs its subcommands.
 * The program is looked for beside this one first, then on PATH.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "opt.h"

static const char *const tools[] = {
	"clean", "metrics", "segment", "churn", "recommend", "rules",
	"sentiment", NULL
};

static void
usage(FILE *f)
{
	int i;

	fprintf(f, "usage: crm NAME [ARG ...]\n"
	    "       crm -h | -V\n"
	    "Run crm-NAME with the arguments; NAME is one of:");
	for (i = 0; tools[i]; i++)
		fprintf(f, " %s", tools[i]);
	fprintf(f, "\nexample: crm clean --trim customers.csv\n"
	    "See crm(7) for the pipeline contract.\n");
}

int
main(int argc, char *argv[])
{
	char path[PATH_MAX], prog[64];
	const char *slash;

	crm_setprogname(argv[0]);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		crm_version();
		return 0;
	}
	if (strchr(argv[1], '/') || strlen(argv[1]) > 40 || argv[1][0] == '-')
		crm_errx(2, "not a crmkit program: '%s' (see crm -h)", argv[1]);
	snprintf(prog, sizeof(prog), "crm-%s", argv[1]);
	argv[1] = prog;
	if ((slash = strrchr(argv[0], '/')) != NULL) {
		snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - argv[0]),
		    argv[0], prog);
		if (access(path, X_OK) == 0)
			execv(path, argv + 1);
	}
	execvp(prog, argv + 1);
	if (errno == ENOENT)
		crm_errx(2, "not a crmkit program: '%s' (no %s found)",
		    prog + 4, prog);
	crm_err(1, "%s", prog);
}
