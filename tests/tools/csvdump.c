/*
 * csvdump: print the records crmkit's reader yields as a JSON array of
 * objects keyed by the header (the form of the csv-spectrum suite), for
 * the reference tests.  Usage: csvdump [FILE]
 */
#include <stdio.h>
#include <stdlib.h>

#include "csv.h"
#include "err.h"

static void
json_str(const char *p, size_t len)
{
	size_t i;

	putchar('"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			printf("\\n");
		else if (c == '\r')
			printf("\\r");
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

int
main(int argc, char *argv[])
{
	const struct csv_row *row;
	struct csv_reader *r;
	const char *f;
	size_t i, len;
	int k, first = 1;

	crm_setprogname(argv[0]);
	r = csv_open(argv + 1, (size_t)(argc - 1), ',');
	if ((k = csv_read_header(r)) == -1)
		crm_readerr(r);
	putchar('[');
	while (k == 1 && (k = csv_read(r, &row)) == 1) {
		printf(first ? "\n{" : ",\n{");
		first = 0;
		for (i = 0; i < csv_nfields(row); i++) {
			if (i)
				putchar(',');
			f = csv_name_len(r, i, &len);
			json_str(f, len);
			putchar(':');
			f = csv_field(row, i, &len);
			json_str(f, len);
		}
		putchar('}');
	}
	if (k == -1)
		crm_readerr(r);
	printf("\n]\n");
	csv_close(r);
	return 0;
}
