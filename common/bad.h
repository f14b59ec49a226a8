/*
 * bad.h: what every program does with a bad row.  Without --skip-bad or
 * --reject, the first bad row stops the program ("prog: FILE:LINE: why",
 * exit 1).  With either, the row is counted and, with --reject FILE,
 * written there as it was plus a "reason" column, so that rows in = rows
 * out + rows rejected.
 */
#ifndef CRM_BAD_H
#define CRM_BAD_H

struct badrows;
struct crm_common;
struct csv_reader;
struct csv_row;

/* After csv_read_header; opens the reject file when asked (exit 1 if it
 * cannot be created). */
struct badrows	*bad_new(const struct crm_common *, const struct csv_reader *);
/*
 * Reject the current record of r (row may be NULL for a record that did
 * not parse: its raw text is written as the first field).  Exits 1 when
 * bad rows are not tolerated.  The reason is also the message.
 */
void		 bad_row(struct badrows *, const struct csv_reader *,
		    const struct csv_row *, const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));
/*
 * csv_read with the bad-row policy applied: syntax errors and ragged rows
 * go through bad_row, fatal errors exit 1.  Returns 1 or 0 at the end.
 */
int		 bad_read(struct badrows *, struct csv_reader *,
		    const struct csv_row **);
unsigned long long bad_count(const struct badrows *);
/* Close the reject file (exit 1 on a write error) and free. */
void		 bad_close(struct badrows *);

#endif
