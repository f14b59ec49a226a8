/* test_strbuf.c: the growable text buffer. */
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "t.h"

static void
t_build(void)
{
	struct strbuf b = STRBUF_INIT;
	int i;

	sb_str(&b, "");
	CHECK(b.p != NULL && b.len == 0 && b.p[0] == '\0');
	sb_add(&b, "ab\0cd", 5);		/* bytes, NUL included */
	CHECK(b.len == 5 && memcmp(b.p, "ab\0cd", 6) == 0);
	sb_free(&b);
	CHECK(b.p == NULL && b.len == 0 && b.cap == 0);
	for (i = 0; i < 10000; i++)
		sb_printf(&b, "%d,", i % 10);
	CHECK(b.len == 20000 && strlen(b.p) == 20000);
	CHECK(strncmp(b.p + 19980, "0,1,2,3,4,5,6,7,8,9,", 20) == 0);
	sb_printf(&b, "%s", "");
	CHECK(b.len == 20000);
	sb_free(&b);
}

int
main(void)
{
	RUN(t_build);
	T_EXIT();
}
