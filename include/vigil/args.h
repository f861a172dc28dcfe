/* Command arguments: getopt-style flags and positional words. */
#ifndef VIGIL_ARGS_H
#define VIGIL_ARGS_H

#include <sys/types.h>

struct args {
	char	 flags[128];	/* count of each flag seen */
	char	*values[128];	/* value of flags that take one */
	int	 argc;
	char   **argv;

	/* Where words came from in the argv given to args_parse, for errors. */
	u_int	 value_index[128];
	u_int	 argv_index;	/* index of argv[0] (the first positional) */
};

/*
 * Parse argv (argv[0] is the command name) against a template like "hvt:"
 * (a letter followed by ':' takes a value) and a range of positional
 * arguments. On error returns NULL with *cause set and *errarg the index of
 * the word at fault.
 */
struct args	*args_parse(const char *, int, int, int, char **, u_int *,
		     char **);
void		 args_free(struct args *);
int		 args_has(const struct args *, u_char);
const char	*args_get(const struct args *, u_char);
/* A flag's value as a number in [min, max]; -1 with *cause on error. */
long long	 args_number(const struct args *, u_char, long long,
		     long long, char **);
/* The words as one string, for printing a command back. */
char		*args_print(const struct args *);

#endif
