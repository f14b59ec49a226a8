/*
 * fuzz_csv.c: libFuzzer target for the CSV reader.  Any input (NUL bytes
 * and any size included) must be read without a crash, and give exactly
 * the records and errors, at their lines, of the independent reference
 * in tests/unit/csvref.h, past the errors too (ragged-row messages
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
	char *mine, *ref;
	int err;

	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
		return 0;	/* gzip: fuzz_csv_gz's */
	mine = dump(data, size, ',');
	norm_errs(mine);
	ref = ref2_dump((const char *)data, size, &err);
	if (strcmp(mine, ref) != 0) {
		show("input", (const char *)data, size);
		show("mine", mine, strlen(mine));
		show("reference", ref, strlen(ref));
		abort();
	}
	free(mine);
	free(ref);
	return 0;
}
