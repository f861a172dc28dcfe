/* The vigil command: find or start the server, run one command there. */
#ifndef VIGIL_CLI_H
#define VIGIL_CLI_H

struct cli_opts {
	const char	*config;	/* -f, or NULL for the default */
	const char	*socket_name;	/* -L */
	const char	*socket_path;	/* -S */
};

/*
 * Run argv (a command such as "new" or "ls") on the server, starting one
 * for new-session if none runs. Returns the exit status.
 */
int	cli_run(const struct cli_opts *, int, char **);

#endif
