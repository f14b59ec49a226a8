/*
 * progress.h: progress on stderr for long work, only when stderr is a
 * terminal and the user did not ask for quiet.  At most a few updates a
 * second; the line is cleared when done.
 */
#ifndef CRM_PROGRESS_H
#define CRM_PROGRESS_H

#include <stdint.h>

struct progress;

/* total 0: unknown.  enabled 0 gives a progress that does nothing. */
struct progress	*progress_new(const char *label, uint64_t total, int enabled);
void		 progress_set(struct progress *, uint64_t done);
void		 progress_free(struct progress *);	/* clears the line */

#endif
