/*
 * fixsum.h: an exact, order-independent sum of doubles.
 *
 * A 64.64 fixed-point number: values below 2^-64 in magnitude are
 * truncated, and |sum| must stay below 2^63.  Shards added in any order
 * give the same bits.  A sum that leaves that range (or takes a value
 * that is not finite) is poisoned: it stays so through every later
 * addition, and fixsum_ok() tells.  Never a wrapped, wrong number.
 */
#ifndef CRM_FIXSUM_H
#define CRM_FIXSUM_H

#include <stdint.h>

struct fixsum {
	int64_t		 hi;
	uint64_t	 lo;
};

#define FIXSUM_ZERO	{ 0, 0 }

void	 fixsum_add(struct fixsum *, double);
void	 fixsum_addf(struct fixsum *, const struct fixsum *);
/* The sum rounded to the nearest double (NaN when poisoned). */
double	 fixsum_get(const struct fixsum *);
/* 1 while the sum is exact, 0 once it overflowed. */
int	 fixsum_ok(const struct fixsum *);

#endif
