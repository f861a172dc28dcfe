/*
 * vigil: a terminal multiplexer that keeps watch over coding agents.
 *
 * Parse the command line, load the config, and run the session on this
 * terminal.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil/config.h"
#include "vigil/keys.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/server.h"
#include "vigil/xmalloc.h"

struct main_opts {
	const char	*config;
	const char	*socket_name;
	const char	*socket_path;
	int		 verbose;
};

static void __attribute__((noreturn))
usage(int status)
{
	FILE	*f = status == 0 ? stdout : stderr;

	fprintf(f,
"usage: vigil [-hVv] [-f file] [-L socket-name] [-S socket-path] [command]\n"
"\n"
"commands:\n"
"  new [-d] [-s name] [-x width] [-y height] [command ...]\n"
"      start a session with one pane per command (default: $SHELL)\n"
"\n"
"options:\n"
"  -f file   read this config instead of the default (-f /dev/null: none)\n"
"  -L name   socket name, -S path: socket path (for the server; reserved)\n"
"  -v        write a debug log to vigil-PID.log in the current directory\n"
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

/* Load the config given with -f, else the default one if it exists. */
static void
main_config(const char *path)
{
	char	*cause, *found = NULL;

	if (path == NULL)
		path = found = config_default_path();
	if (path == NULL)
		return;
	if (config_load(path, &cause) != 0) {
		fprintf(stderr, "vigil: %s\n", cause);
		exit(1);
	}
	free(found);
}

/* A terminal fd of our own, so O_NONBLOCK doesn't leak to the shell. */
static int
main_tty_fd(void)
{
	const char	*name;
	int		 fd, flags;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "vigil: not a terminal\n");
		exit(1);
	}
	if ((name = ttyname(STDIN_FILENO)) == NULL ||
	    (fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1)
		fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
	if (fd == -1) {
		fprintf(stderr, "vigil: terminal: %s\n", strerror(errno));
		exit(1);
	}
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1)
		fatal("fcntl");
	return (fd);
}

/* A -x or -y size: a number of cells. */
static void
main_size(const char *arg, const char *what)
{
	char	*end;
	long	 n;

	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || n < 1 || n > 10000) {
		fprintf(stderr, "vigil: new: bad %s '%s'\n", what, arg);
		exit(1);
	}
}

/* The new command: its flags, then one pane per command word. */
static int
main_new(int argc, char **argv)
{
	struct server_start	 ss;
	int			 ch, detached = 0, status;

	memset(&ss, 0, sizeof ss);
	optind = 1;
	while ((ch = getopt(argc, argv, "+ds:x:y:")) != -1) {
		switch (ch) {
		case 'd':
			detached = 1;
			break;
		case 's':
			if (*optarg == '\0' || strpbrk(optarg, ":.") != NULL) {
				fprintf(stderr, "vigil: new: bad session name "
				    "'%s'\n", optarg);
				return (1);
			}
			ss.session_name = optarg;
			break;
		case 'x':
		case 'y':
			main_size(optarg, ch == 'x' ? "width" : "height");
			break;
		default:
			fprintf(stderr, "usage: vigil new [-d] [-s name] "
			    "[-x width] [-y height] [command ...]\n");
			return (1);
		}
	}
	if (detached) {
		fprintf(stderr, "vigil: new -d: detached sessions need the "
		    "server, which is not there yet\n");
		return (1);
	}
	ss.commands = argv + optind;
	ss.ncommands = argc - optind;
	if (ss.session_name == NULL)
		ss.session_name = "main";
	ss.tty_fd = main_tty_fd();
	ss.term = getenv("TERM");
	status = server_run(&ss);
	close(ss.tty_fd);
	return (status);
}

int
main(int argc, char **argv)
{
	struct main_opts	 mo;
	char			*logpath;
	int			 ch, status;

	memset(&mo, 0, sizeof mo);
	main_locale();
	while ((ch = getopt(argc, argv, "+f:hL:S:Vv")) != -1) {
		switch (ch) {
		case 'f':
			mo.config = optarg;
			break;
		case 'h':
			usage(0);
		case 'L':
			mo.socket_name = optarg;
			break;
		case 'S':
			mo.socket_path = optarg;
			break;
		case 'V':
			printf("vigil %s\n", PACKAGE_VERSION);
			return (0);
		case 'v':
			mo.verbose++;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;

	if (argc > 0 && strcmp(argv[0], "new") != 0 &&
	    strcmp(argv[0], "new-session") != 0) {
		fprintf(stderr, "vigil: unknown command '%s' (try vigil -h)\n",
		    argv[0]);
		return (1);
	}
	if (mo.verbose) {
		xasprintf(&logpath, "vigil-%ld.log", (long)getpid());
		log_open(logpath);
		free(logpath);
	}

	options_init();
	keys_init();
	keys_add_defaults();
	main_config(mo.config);

	if (argc == 0)
		status = main_new(1, (char *[]){ "new", NULL });
	else
		status = main_new(argc, argv);

	keys_free();
	options_free();
	log_close();
	return (status);
}
