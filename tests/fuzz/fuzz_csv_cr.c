/*
 * fuzz_csv_cr.c: libFuzzer target for the reader on CR line ends (old
 * Mac exports).  Every LF of the input becomes a lone CR, or, when the
 * first byte is odd, every line end becomes CRLF; the reader must give
 * the reference's records and errors at the same lines (csvref.h).
 * Build with `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>

#include "csvref.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, *mine, *ref;
	size_t i, n = 0;
	int err, crlf;

	if (size == 0)
		return 0;
	crlf = data[0] & 1;
	in = xmalloc(2 * size + 1);
	for (i = 1; i < size; i++) {
		if (data[i] != '\n' && data[i] != '\r') {
			in[n++] = (char)data[i];
			continue;
		}
		in[n++] = '\r';
		if (crlf)
			in[n++] = '\n';
	}
	if (n >= 2 && in[0] == '\x1f' && in[1] == '\x8b')
		in[0] = ' ';	/* not gzip */
	mine = dump(in, n, ',');
	norm_errs(mine);
	ref = ref2_dump(in, n, &err);
	if (strcmp(mine, ref) != 0) {
		show("input", in, n);
		show("mine", mine, strlen(mine));
		show("reference", ref, strlen(ref));
		abort();
	}
	free(in);
	free(mine);
	free(ref);
	return 0;
}
