/*
 * progress.h: progress on stderr for long work, only when enabled (pass
 * crm_show_progress(): stderr a terminal and no --quiet).  Shows
 * "\rlabel: 45% (1234567/2700000)", or "\rlabel: 1234567" when the total
 * is unknown; at most five updates a second (CLOCK_MONOTONIC), so
 * progress_set may be called for every row.  The line is cleared when
 * done.  Not thread-safe: call from one thread.
 */
#ifndef CRM_PROGRESS_H
#define CRM_PROGRESS_H

#include <stdint.h>

struct progress;

/* total 0: unknown.  enabled 0 gives a progress that does nothing. */
struct progress	*progress_new(const char *label, uint64_t total, int enabled);
void		 progress_set(struct progress *, uint64_t done);
/* Add n to the count done. */
void		 progress_add(struct progress *, uint64_t n);
void		 progress_free(struct progress *);	/* clears the line */

#endif
