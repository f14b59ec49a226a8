/*
 * gen.h: generators of crm-gen kept in their own files.
 *
 * crm-gen's own modes (transactions, people, samples) live in gen.c.  A
 * program that needs benchmark data of another shape adds a file
 * bench/gen_NAME.c with one entry point and one line in gen_extra[]
 * (gen.c): `crm-gen NAME ARGS...` then calls fn(argc, argv) with argv[0]
 * set to NAME.  The function parses its own options (seed, rows, -o),
 * writes deterministic data and returns the exit status.
 */
#ifndef CRM_GEN_H
#define CRM_GEN_H

struct gen_extra {
	const char	*name;
	const char	*usage;		/* its synopsis line, for crm-gen -h */
	int		(*fn)(int argc, char *argv[]);
};

extern const struct gen_extra gen_extra[];

#endif
