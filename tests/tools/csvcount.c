/*
 * csvcount: read CSV files with crmkit's reader and print how many
 * records and fields they hold (and how many records were bad), for
 * timing the reader alone.  Usage: csvcount [FILE ...]
 */
#include <stdio.h>

#include "csv.h"
#include "err.h"

int
main(int argc, char *argv[])
{
	const struct csv_row *row;
	struct csv_reader *r;
	unsigned long long nrec = 0, nfield = 0, nbad = 0;
	int k;

	crm_setprogname(argv[0]);
	r = csv_open(argv + 1, (size_t)(argc - 1), ',');
	if ((k = csv_read_header(r)) == -1)
		crm_readerr(r);
	while (k != 0 && (k = csv_read(r, &row)) != 0) {
		if (k == -1 && csv_lasterr(r)->fatal)
			crm_readerr(r);
		if (k == -1) {
			nbad++;		/* ragged or bad quoting: go on */
			continue;
		}
		nrec++;
		nfield += csv_nfields(row);
	}
	printf("%llu records, %llu fields, %llu bad\n", nrec, nfield, nbad);
	csv_close(r);
	return 0;
}
