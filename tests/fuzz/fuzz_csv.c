/*
 * fuzz_csv.c: libFuzzer target for the CSV reader.  Any input must be
 * read without a crash, and give exactly the records and errors of the
 * independent reference in tests/unit/csvref.h (ragged-row messages
 * aside, which only crmkit gives).  Build with `make fuzz`; run
 * build-fuzz/fuzz/fuzz_csv -max_total_time=60.
 */
#include <stddef.h>
#include <stdint.h>

#include "csvref.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *mine, *ref, *e;
	size_t cut;
	int err;

	if (size > 1 << 16 || memchr(data, '\0', size) != NULL)
		return 0;	/* NUL is ours alone: an error by design */
	mine = dump(data, size, ',');
	drop_ragged(mine);
	ref = ref2_dump((const char *)data, size, &err);
	e = (char *)first_err(mine);
	cut = e ? (size_t)(e - mine) : strlen(mine);
	if ((e != NULL) != err || strlen(ref) != cut ||
	    strncmp(mine, ref, cut) != 0) {
		show("mine", mine, strlen(mine));
		show("reference", ref, strlen(ref));
		abort();
	}
	free(mine);
	free(ref);
	return 0;
}
