/*
 * The vigil command: find or start the server, run one command there.
 *
 * The command is checked here first, so a typo never reaches (or starts) a
 * server. The config file is read only when a server is started, by this
 * process before it forks, so a bad file refuses to start anything. Then
 * the command goes over the socket with the terminal's fd; for new and
 * attach the server draws on the terminal itself and this process only
 * waits, passing on SIGWINCH, until the server says the client is done.
 */

#include "config.h"

#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "vigil/args.h"
#include "vigil/cli.h"
#include "vigil/cmd.h"
#include "vigil/config.h"
#include "vigil/proto.h"
#include "vigil/server.h"
#include "vigil/sock.h"
#include "vigil/xmalloc.h"

#define CLI_MAX_STRINGS	4096	/* words or environment entries (peer.c) */

extern char	**environ;
extern const struct cmd_entry cmd_new_session_entry;
extern const struct cmd_entry cmd_attach_session_entry;

struct cli {
	int		 fd;		/* the socket */
	struct evbuffer	*in;
	int		 attached;
	int		 tio_saved;
	struct termios	 tio;
	int		 status;
	int		 done;
};

/* Read the config for a server we are about to start; 0 or -1. */
static int
cli_load_config(const char *path)
{
	char	*cause, *found = NULL;

	if (path == NULL)
		path = found = config_default_path();
	if (path == NULL)
		return (0);
	if (config_load(path, &cause) != 0) {
		fprintf(stderr, "vigil: %s\n", cause);
		free(cause);
		free(found);
		return (-1);
	}
	free(found);
	return (0);
}

/*
 * The socket: -S or -L, else the one named in $VIGIL when run inside a
 * pane (which also says which pane), else the default.
 */
static char *
cli_socket(const struct cli_opts *co, char **caller)
{
	const char	*vigil = getenv("VIGIL"), *comma;
	char		*path, *cause;

	*caller = xstrdup("");
	if (co->socket_name == NULL && co->socket_path == NULL &&
	    vigil != NULL && (comma = strrchr(vigil, ',')) != NULL &&
	    comma != vigil) {
		free(*caller);
		*caller = xstrdup(comma + 1);
		return (xstrndup(vigil, comma - vigil));
	}
	if ((path = sock_path(co->socket_name, co->socket_path, &cause)) ==
	    NULL) {
		fprintf(stderr, "vigil: %s\n", cause);
		free(cause);
	}
	return (path);
}

/* Start a server under a lock, so two commands at once start only one. */
static int
cli_start_server(const struct cli_opts *co, const char *path)
{
	char	*lockpath, *cause = NULL;
	int	 lockfd, fd;

	xasprintf(&lockpath, "%s.lock", path);
	lockfd = open(lockpath, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	free(lockpath);
	if (lockfd != -1 && flock(lockfd, LOCK_EX) != 0) {
		close(lockfd);
		lockfd = -1;
	}
	/* Someone else may have started it while we waited. */
	if ((fd = sock_connect(path)) != -1) {
		if (lockfd != -1)
			close(lockfd);
		return (fd);
	}
	if (cli_load_config(co->config) != 0 ||
	    server_start(path, &cause) != 0) {
		if (cause != NULL) {
			fprintf(stderr, "vigil: %s\n", cause);
			free(cause);
		}
		if (lockfd != -1)
			close(lockfd);
		return (-1);
	}
	if (lockfd != -1)
		close(lockfd);
	if ((fd = sock_connect(path)) == -1)
		fprintf(stderr, "vigil: %s: %s\n", path, strerror(errno));
	return (fd);
}

/* Send one message; the terminal's fd rides on IDENTIFY. */
static int
cli_send(struct cli *cl, struct evbuffer *msg, int pass)
{
	size_t	len = evbuffer_get_length(msg);
	int	r;

	r = sock_send_fd(cl->fd, evbuffer_pullup(msg, -1), len, pass);
	evbuffer_drain(msg, len);
	return (r);
}

/* A terminal fd of our own for the server: O_NONBLOCK won't reach the shell. */
static int
cli_tty_fd(void)
{
	const char	*name;
	int		 fd;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return (-1);
	if ((name = ttyname(STDIN_FILENO)) == NULL ||
	    (fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)) ==
	    -1) {
		fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
		if (fd != -1)
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	}
	return (fd);
}

/* IDENTIFY, ENVIRON and COMMAND. */
static int
cli_send_command(struct cli *cl, const char *caller, int argc, char **argv)
{
	struct evbuffer	*b = evbuffer_new();
	char		 cwd[PATH_MAX], *ident[4];
	const char	*term = getenv("TERM"), *ct = getenv("COLORTERM");
	int		 n = 0, tty, r;

	if (getcwd(cwd, sizeof cwd) == NULL)
		strcpy(cwd, "/");
	ident[0] = (char *)(term != NULL ? term : "");
	ident[1] = (char *)(ct != NULL ? ct : "");
	ident[2] = cwd;
	ident[3] = (char *)caller;
	tty = cli_tty_fd();
	if (tty != -1 && tcgetattr(STDIN_FILENO, &cl->tio) == 0)
		cl->tio_saved = 1;
	proto_put_strings(b, PROTO_MSG_IDENTIFY, ident, 4);
	r = cli_send(cl, b, tty);
	if (tty != -1)
		close(tty);
	/* The server takes so many; an environment that large loses its tail. */
	while (environ != NULL && environ[n] != NULL && n < CLI_MAX_STRINGS)
		n++;
	proto_put_strings(b, PROTO_MSG_ENVIRON, environ, n);
	if (r == 0)
		r = cli_send(cl, b, -1);
	proto_put_strings(b, PROTO_MSG_COMMAND, argv, argc);
	if (r == 0)
		r = cli_send(cl, b, -1);
	evbuffer_free(b);
	return (r);
}

static void
cli_write_all(int fd, const char *buf, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

static void
cli_version_mismatch(struct cli *cl, uint32_t theirs)
{
	fprintf(stderr, "vigil: version mismatch: this vigil speaks protocol "
	    "%u, the server %u (stop the old server with its own vigil's "
	    "kill-server, or use -L to run a new one beside it)\n",
	    PROTO_VERSION, theirs);
	cl->status = 1;
	cl->done = 1;
}

/* One message from the server. */
static void
cli_dispatch(struct cli *cl, struct proto_msg *msg)
{
	uint32_t	v;

	if (msg->version != PROTO_VERSION || msg->type == PROTO_MSG_VERSION) {
		if (msg->type != PROTO_MSG_VERSION || proto_number(msg, &v))
			v = msg->version;
		cli_version_mismatch(cl, v);
		return;
	}
	switch (msg->type) {
	case PROTO_MSG_OUTPUT:
		cli_write_all(STDOUT_FILENO, msg->data, msg->len);
		break;
	case PROTO_MSG_ERROR:
		fprintf(stderr, "vigil: %s\n", msg->data);
		break;
	case PROTO_MSG_ATTACHED:
		cl->attached = 1;
		break;
	case PROTO_MSG_EXIT:
		if (proto_number(msg, &v) == 0)
			cl->status = (int)v;
		if (cl->attached && cl->tio_saved)
			tcsetattr(STDIN_FILENO, TCSADRAIN, &cl->tio);
		if (cl->attached && msg->len > 4)
			printf("[%s]\n", msg->data + 4);
		cl->done = 1;
		break;
	}
}

/* The server went away without a word: put the terminal back ourselves. */
static void
cli_lost_server(struct cli *cl)
{
	if (cl->attached) {
		if (cl->tio_saved)
			tcsetattr(STDIN_FILENO, TCSADRAIN, &cl->tio);
		/* Leave the alternate screen, show the cursor, plain modes. */
		cli_write_all(STDOUT_FILENO, "\033[?1049l\033[?25h\033[0m"
		    "\033[?1000l\033[?1002l\033[?1006l\033[?2004l\033[?1004l",
		    strlen("\033[?1049l\033[?25h\033[0m\033[?1000l\033[?1002l"
		    "\033[?1006l\033[?2004l\033[?1004l"));
		printf("[lost server]\n");
	} else
		fprintf(stderr, "vigil: the server closed the connection\n");
	cl->status = 1;
	cl->done = 1;
}

/* A signal while waiting: pass on resizes, detach when told to go. */
static void
cli_signal(struct cli *cl, int sig)
{
	struct evbuffer	*b;

	switch (sig) {
	case SIGWINCH:
	case SIGTERM:
		/* A resize before ATTACHED is read still matters. */
		if (!cl->attached && sig == SIGTERM) {
			cl->status = 1;
			cl->done = 1;
			return;
		}
		b = evbuffer_new();
		proto_put(b, sig == SIGWINCH ? PROTO_MSG_RESIZE :
		    PROTO_MSG_DETACH, NULL, 0);
		if (cli_send(cl, b, -1) != 0)
			cli_lost_server(cl);
		evbuffer_free(b);
		break;
	case SIGHUP:
		/* The terminal is gone; the server notices on its own. */
		cl->status = 1;
		cl->done = 1;
		break;
	}
}

/* Wait for the server's answers until it says we are done. */
static void
cli_wait(struct cli *cl, int sfd)
{
	struct pollfd			pfd[2];
	struct signalfd_siginfo		si;
	struct proto_msg		msg;
	char				buf[65536], *cause;
	ssize_t				n;
	int				r;

	pfd[0].fd = cl->fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = sfd;
	pfd[1].events = POLLIN;
	while (!cl->done) {
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if ((pfd[1].revents & POLLIN) &&
		    read(sfd, &si, sizeof si) == sizeof si)
			cli_signal(cl, si.ssi_signo);
		if (cl->done || !(pfd[0].revents & (POLLIN | POLLHUP)))
			continue;
		n = read(cl->fd, buf, sizeof buf);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			cli_lost_server(cl);
			break;
		}
		evbuffer_add(cl->in, buf, n);
		while (!cl->done && (r = proto_get(cl->in, &msg, &cause)) != 0) {
			if (r == -1) {
				fprintf(stderr, "vigil: %s\n", cause);
				free(cause);
				cl->status = 1;
				cl->done = 1;
				break;
			}
			cli_dispatch(cl, &msg);
			proto_msg_free(&msg);
		}
	}
}

/*
 * Can this command show a session here? It needs a terminal, and not one
 * of the server's own panes, which would draw itself forever.
 */
static int
cli_can_attach(const struct cmd_list *list)
{
	const struct cmd	*cmd = list->cmds[0];
	const char		*vigil = getenv("VIGIL");

	if (cmd->entry != &cmd_attach_session_entry &&
	    (cmd->entry != &cmd_new_session_entry || args_has(cmd->args, 'd')))
		return (1);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "vigil: not a terminal%s\n",
		    cmd->entry == &cmd_new_session_entry ?
		    " (use new -d to start detached)" : "");
		return (0);
	}
	if (vigil != NULL && *vigil != '\0') {
		fprintf(stderr, "vigil: sessions should be nested with care; "
		    "unset VIGIL to force\n");
		return (0);
	}
	return (1);
}

int
cli_run(const struct cli_opts *co, int argc, char **argv)
{
	struct cmd_list	*list;
	struct cli	 cl;
	sigset_t	 set;
	char		*path, *caller, *cause;
	uid_t		 owner = (uid_t)-1;
	size_t		 total = 0;
	u_int		 err;
	int		 sfd, starts, i;

	for (i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	if (total > PROTO_MAX || argc > CLI_MAX_STRINGS) {
		fprintf(stderr, "vigil: command too long (%zu bytes, %d words; "
		    "at most %d bytes)\n", total, argc, PROTO_MAX);
		return (1);
	}
	if ((list = cmd_list_parse(argc, argv, NULL, &err, &cause)) == NULL) {
		fprintf(stderr, "vigil: %s\n", cause);
		free(cause);
		return (1);
	}
	starts = list->cmds[0]->entry == &cmd_new_session_entry;
	if (!cli_can_attach(list)) {
		cmd_list_free(list);
		return (1);
	}
	cmd_list_free(list);
	if ((path = cli_socket(co, &caller)) == NULL) {
		free(caller);
		return (1);
	}

	memset(&cl, 0, sizeof cl);
	signal(SIGPIPE, SIG_IGN);
	if ((cl.fd = sock_connect(path)) == -1) {
		if (starts && (errno == ENOENT || errno == ECONNREFUSED))
			cl.fd = cli_start_server(co, path);
		else if (errno == ENOENT || errno == ECONNREFUSED)
			fprintf(stderr, "vigil: no server running on %s\n",
			    path);
		else
			fprintf(stderr, "vigil: %s: %s\n", path,
			    strerror(errno));
	}
	if (cl.fd != -1 && !sock_peer_allowed(cl.fd, &owner)) {
		/* Our terminal and environment go to no one else. */
		fprintf(stderr, "vigil: %s: the server runs as uid %ld, not us\n",
		    path, (long)owner);
		close(cl.fd);
		cl.fd = -1;
	}
	free(path);
	if (cl.fd == -1) {
		free(caller);
		return (1);
	}

	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((sfd = signalfd(-1, &set, SFD_CLOEXEC)) == -1) {
		fprintf(stderr, "vigil: signalfd: %s\n", strerror(errno));
		return (1);
	}
	cl.in = evbuffer_new();
	if (cli_send_command(&cl, caller, argc, argv) != 0) {
		fprintf(stderr, "vigil: can't talk to the server: %s\n",
		    strerror(errno));
		cl.status = 1;
	} else
		cli_wait(&cl, sfd);
	free(caller);
	evbuffer_free(cl.in);
	close(sfd);
	close(cl.fd);
	return (cl.status);
}
