/*
 * csv_row.h: the record type the reader (csv_read.c) fills and the
 * writer (csv_write.c) copies out; private to those two files, callers
 * see struct csv_row only through csv.h's accessors.
 */
#ifndef CRM_CSV_ROW_H
#define CRM_CSV_ROW_H

#include <stddef.h>

struct field {
	const char	*p;
	size_t		 len;
};

struct csv_row {
	struct field	*f;
	size_t		 n;
	size_t		 cap;
	/*
	 * plain: the record is the line raw[0..rawlen) and no field needs
	 * quoting in CSV output (no quote, CR, LF or comma in any field),
	 * so the writer may copy the line as it is.
	 */
	int		 plain;
	const char	*raw;
	size_t		 rawlen;
};

#endif
