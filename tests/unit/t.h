/* t.h: the smallest test harness: one "ok"/"not ok" line per test. */
#ifndef CRM_T_H
#define CRM_T_H

#include <stdio.h>
#include <string.h>

static int t_failed;		/* failures in the running test */
static int t_total_failed;

#define CHECK(cond) do { \
	if (!(cond)) { \
		if (!t_failed) \
			printf("not ok %s: %s:%d: %s\n", t_name, __FILE__, \
			    __LINE__, #cond); \
		t_failed = 1; \
	} \
} while (0)

#define CHECK_STR(got, len, want) \
	CHECK((len) == strlen(want) && memcmp((got), (want), (len)) == 0)

static const char *t_name;

#define RUN(fn) do { \
	t_name = #fn; \
	t_failed = 0; \
	fn(); \
	if (!t_failed) \
		printf("ok %s\n", #fn); \
	else \
		t_total_failed++; \
} while (0)

#define T_EXIT() return t_total_failed ? 1 : 0

#endif
