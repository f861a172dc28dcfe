/*
 * vigil: a terminal multiplexer that keeps watch over coding agents.
 *
 * Parse the global flags and hand the command to the server (cli.c), which
 * this process starts if the command is new and none is running.
 */

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil/cli.h"
#include "vigil/keys.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/xmalloc.h"

static void __attribute__((noreturn))
usage(int status)
{
	FILE	*f = status == 0 ? stdout : stderr;

	fprintf(f,
"usage: vigil [-hVv] [-f file] [-L socket-name] [-S socket-path] [command]\n"
"\n"
"commands (default: new):\n"
"  new [-d] [-s name] [-x width] [-y height] [command ...]\n"
"                     start a session, one pane per command ($SHELL if none)\n"
"  attach [-t session]  show a running session on this terminal\n"
"  ls                 list sessions\n"
"  list-panes [-a] [--json] [-t session]\n"
"  send [-l] [-t target] keys ... type keys or text into a pane\n"
"  split [-h|-v] [-t target] [command]\n"
"  capture [-e] [-t target]       print a pane's screen\n"
"  kill-pane [-t target], kill [-t session], kill-server\n"
"  any other command of vigil(1), such as select-pane or detach -s\n"
"\n"
"targets: SESSION, SESSION:PANE (an index or %%id), or %%id\n"
"\n"
"options:\n"
"  -f file   read this config when starting the server (-f /dev/null: none)\n"
"  -L name   use socket name (default \"default\"), -S path: this socket\n"
"  -v        write debug logs vigil-PID.log and vigil-server-PID.log\n"
"  -V        print the version\n"
"  -h        print this help\n");
	exit(status);
}

/* Panes need a UTF-8 locale to get characters right; use one if we can. */
static void
main_locale(void)
{
	const char	*codeset;

	setlocale(LC_ALL, "");
	codeset = nl_langinfo(CODESET);
	if (strcmp(codeset, "UTF-8") == 0)
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		fprintf(stderr, "vigil: warning: no UTF-8 locale; wide "
		    "characters will not show right\n");
}

int
main(int argc, char **argv)
{
	struct cli_opts	 co;
	char		*logpath, *dflt[] = { (char *)"new-session", NULL };
	int		 ch, status, verbose = 0;

	memset(&co, 0, sizeof co);
	main_locale();
	while ((ch = getopt(argc, argv, "+f:hL:S:Vv")) != -1) {
		switch (ch) {
		case 'f':
			co.config = optarg;
			break;
		case 'h':
			usage(0);
		case 'L':
			co.socket_name = optarg;
			break;
		case 'S':
			co.socket_path = optarg;
			break;
		case 'V':
			printf("vigil %s\n", PACKAGE_VERSION);
			return (0);
		case 'v':
			verbose++;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;

	if (verbose) {
		xasprintf(&logpath, "vigil-%ld.log", (long)getpid());
		log_open(logpath);
		free(logpath);
	}
	options_init();
	keys_init();
	keys_add_defaults();

	if (argc == 0)
		status = cli_run(&co, 1, dflt);
	else
		status = cli_run(&co, argc, argv);

	keys_free();
	options_free();
	log_close();
	return (status);
}
