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

/* The programs the build makes: the Makefile's one TOOLS list. */
#ifndef CRM_TOOLS
#error "CRM_TOOLS (the Makefile's TOOLS list) is not defined"
#endif
static const char tools[] = CRM_TOOLS;

static void
usage(FILE *f)
{
	fprintf(f, "usage: crm NAME [ARG ...]\n"
	    "       crm -h | -V\n"
	    "Run crm-NAME with the arguments; NAME is one of: %s\n"
	    "example: crm clean --trim customers.csv\n"
	    "See crm(7) for the pipeline contract.\n", tools);
}

/* True when name is one of the words of tools. */
static int
known(const char *name)
{
	const char *p = tools;
	size_t n = strlen(name);

	if (n == 0)
		return 0;
	while ((p = strstr(p, name)) != NULL) {
		if ((p == tools || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
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
	if (!known(argv[1]))
		crm_errx(2, "not a crmkit program: '%s' (one of: %s)", argv[1],
		    tools);
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
