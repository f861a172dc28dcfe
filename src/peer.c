/*
 * A connection on the server socket: messages in, command results out.
 *
 * A vigil command connects, says who it is (IDENTIFY, with its terminal's
 * fd if it has one, and ENVIRON), and sends one COMMAND. The server runs it
 * and answers with OUTPUT, ERROR and EXIT, or attaches the terminal and
 * keeps the connection until the client detaches, or keeps it for a
 * command that answers later (profile: see peer_wait). Anything malformed
 * closes this connection only, with a line in the log.
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/log.h"
#include "vigil/pane.h"
#include "vigil/peer.h"
#include "vigil/proto.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/sock.h"
#include "vigil/xmalloc.h"

#define PEER_READ_SIZE		65536
#define PEER_MAX_STRINGS	4096		/* argv or environment */
#define PEER_OUT_MAX		(8 * 1024 * 1024)

struct peers	peers = TAILQ_HEAD_INITIALIZER(peers);

static void	peer_read_cb(int, short, void *);
static void	peer_write_cb(int, short, void *);
static void	peer_send(struct peer *, uint32_t, const void *, size_t);

/* Tell a command still waiting to answer that its peer went. */
static void
peer_gone(struct peer *peer)
{
	void	(*cb)(void *) = peer->gone_cb;

	if (cb == NULL)
		return;
	peer->gone_cb = NULL;
	cb(peer->gone_arg);
}

struct peer *
peer_create(int fd, uid_t uid)
{
	struct peer	*peer;

	peer = xcalloc(1, sizeof *peer);
	peer->fd = fd;
	peer->uid = uid;
	peer->tty_fd = -1;
	peer->caller_pane = -1;
	peer->in = evbuffer_new();
	peer->out = evbuffer_new();
	peer->read_ev = event_new(server_base, fd, EV_READ | EV_PERSIST,
	    peer_read_cb, peer);
	peer->write_ev = event_new(server_base, fd, EV_WRITE | EV_PERSIST,
	    peer_write_cb, peer);
	event_add(peer->read_ev, NULL);
	TAILQ_INSERT_TAIL(&peers, peer, entry);
	log_debug("peer %d: connected (uid %ld)", fd, (long)uid);
	return (peer);
}

void
peer_free(struct peer *peer)
{
	char	**e;

	log_debug("peer %d: closed", peer->fd);
	peer_gone(peer);
	if (peer->client != NULL) {
		peer->client->peer = NULL;
		client_destroy(peer->client);
	}
	TAILQ_REMOVE(&peers, peer, entry);
	event_free(peer->read_ev);
	event_free(peer->write_ev);
	evbuffer_free(peer->in);
	evbuffer_free(peer->out);
	close(peer->fd);
	if (peer->tty_fd != -1)
		close(peer->tty_fd);
	free(peer->term);
	free(peer->colorterm);
	free(peer->cwd);
	for (e = peer->environ; e != NULL && *e != NULL; e++)
		free(*e);
	free(peer->environ);
	free(peer);
}

/* Write what we can; a peer that is done closes once all is written. */
static void
peer_flush(struct peer *peer)
{
	if (evbuffer_get_length(peer->out) != 0 &&
	    evbuffer_write(peer->out, peer->fd) == -1 && errno != EAGAIN &&
	    errno != EINTR) {
		log_debug("peer %d: write: %s", peer->fd, strerror(errno));
		evbuffer_drain(peer->out, evbuffer_get_length(peer->out));
		peer->flags |= PEER_CLOSING;
	}
	if (evbuffer_get_length(peer->out) != 0)
		event_add(peer->write_ev, NULL);
	else
		event_del(peer->write_ev);
	if (evbuffer_get_length(peer->out) > PEER_OUT_MAX) {
		/* It stopped reading what it asked for: give up on it. */
		log_warnx("peer %d: not reading its output, closing", peer->fd);
		evbuffer_drain(peer->out, evbuffer_get_length(peer->out));
		peer->flags |= PEER_CLOSING;
	}
	if ((peer->flags & PEER_CLOSING) && peer->client == NULL)
		server_wake();
}

static void
peer_write_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	peer_flush(arg);
}

/* Queue bytes as one message or, past PROTO_MAX, several. */
static void
peer_send(struct peer *peer, uint32_t type, const void *data, size_t len)
{
	const char	*p = data;
	size_t		 n;

	do {
		n = len > PROTO_MAX ? PROTO_MAX : len;
		proto_put(peer->out, type, p, n);
		p += n;
		len -= n;
	} while (len > 0);
	peer_flush(peer);
}

void
peer_wait(struct peer *peer, void (*cb)(void *), void *arg)
{
	peer->gone_cb = cb;
	peer->gone_arg = arg;
}

int
peer_waiting(const struct peer *peer)
{
	return (peer->gone_cb != NULL);
}

void
peer_output(struct peer *peer, const char *data, size_t len)
{
	if (!(peer->flags & PEER_CLOSING) && len != 0)
		peer_send(peer, PROTO_MSG_OUTPUT, data, len);
}

void
peer_exit(struct peer *peer, int status, const char *reason)
{
	peer->gone_cb = NULL;	/* answered: nothing is waiting now */
	if (peer->flags & PEER_CLOSING)
		return;
	proto_put_exit(peer->out, status, reason);
	peer->flags |= PEER_CLOSING;
	event_del(peer->read_ev);
	peer_flush(peer);
}

/* Drop a peer that broke the protocol. */
static void
peer_drop(struct peer *peer, const char *why)
{
	log_warnx("peer %d: %s: closing the connection", peer->fd, why);
	evbuffer_drain(peer->out, evbuffer_get_length(peer->out));
	peer->flags |= PEER_CLOSING;
	event_del(peer->read_ev);
	if (peer->client != NULL)
		client_detach(peer->client, NULL);
	server_wake();
}

int
peer_collect(void)
{
	struct peer	*peer, *peer1;

	TAILQ_FOREACH_SAFE(peer, &peers, entry, peer1) {
		if ((peer->flags & PEER_CLOSING) && peer->client == NULL &&
		    evbuffer_get_length(peer->out) == 0)
			peer_free(peer);
	}
	return (!TAILQ_EMPTY(&peers));
}

/* IDENTIFY: TERM, COLORTERM, cwd and the pane the command runs in. */
static int
peer_identify(struct peer *peer, struct proto_msg *msg)
{
	char	**list;
	int	  n;

	if ((peer->flags & PEER_IDENTIFIED) ||
	    proto_strings(msg, &list, &n, 8) != 0 || n < 4)
		return (-1);
	peer->term = xstrdup(list[0]);
	peer->colorterm = xstrdup(list[1]);
	peer->cwd = xstrdup(list[2]);
	if (list[3][0] == '%')
		peer->caller_pane = (int)strtol(list[3] + 1, NULL, 10);
	free(list);
	peer->flags |= PEER_IDENTIFIED;
	log_debug("peer %d: term %s, tty fd %d", peer->fd, peer->term,
	    peer->tty_fd);
	return (0);
}

/* ENVIRON: the command's environment, for the panes it starts. */
static int
peer_environ(struct peer *peer, struct proto_msg *msg)
{
	char	**list;
	int	  n, i, kept = 0;

	if (peer->environ != NULL ||
	    proto_strings(msg, &list, &n, PEER_MAX_STRINGS) != 0)
		return (-1);
	peer->environ = xcalloc(n + 1, sizeof *peer->environ);
	for (i = 0; i < n; i++) {
		if (strchr(list[i], '=') != NULL)
			peer->environ[kept++] = xstrdup(list[i]);
	}
	free(list);
	return (0);
}

/* COMMAND: parse and run it; answer unless it attached the terminal. */
static int
peer_command(struct peer *peer, struct proto_msg *msg)
{
	struct cmd_list	*cl;
	struct cmd_ctx	 ctx;
	enum cmd_retval	 retval;
	char		**argv, *cause;
	u_int		 err;
	int		 argc, status = 0;

	if (proto_strings(msg, &argv, &argc, PEER_MAX_STRINGS) != 0)
		return (-1);
	if (argc == 0) {
		free(argv);
		return (-1);
	}
	if (server_is_exiting()) {
		free(argv);
		peer_send(peer, PROTO_MSG_ERROR, "the server is exiting", 21);
		peer_exit(peer, 1, NULL);
		return (0);
	}
	if ((cl = cmd_list_parse(argc, argv, NULL, &err, &cause)) == NULL) {
		peer_send(peer, PROTO_MSG_ERROR, cause, strlen(cause));
		free(cause);
		free(argv);
		peer_exit(peer, 1, NULL);
		return (0);
	}
	free(argv);
	server_command_ctx(&ctx, peer);
	retval = cmd_list_exec(cl, &ctx);
	if (retval == CMD_RETURN_ERROR) {
		status = 1;
		if (ctx.error != NULL)
			peer_send(peer, PROTO_MSG_ERROR, ctx.error,
			    strlen(ctx.error));
	}
	if (ctx.output != NULL)
		peer_send(peer, PROTO_MSG_OUTPUT, ctx.output, ctx.output_len);
	cmd_ctx_free(&ctx);
	cmd_list_free(cl);
	/* A command that waits answers later (peer_wait). */
	if (peer->client == NULL && retval != CMD_RETURN_WAIT)
		peer_exit(peer, status, NULL);
	return (0);
}

/* One message; -1 if it breaks the protocol. */
static int
peer_dispatch(struct peer *peer, struct proto_msg *msg)
{
	uint32_t	v = PROTO_VERSION;

	if (msg->version != PROTO_VERSION) {
		log_warnx("peer %d: protocol version %u, ours is %u",
		    peer->fd, msg->version, PROTO_VERSION);
		peer_send(peer, PROTO_MSG_VERSION, &v, sizeof v);
		peer_exit(peer, 1, NULL);
		return (0);
	}
	if (msg->type != PROTO_MSG_IDENTIFY &&
	    !(peer->flags & PEER_IDENTIFIED))
		return (-1);
	switch (msg->type) {
	case PROTO_MSG_IDENTIFY:
		return (peer_identify(peer, msg));
	case PROTO_MSG_ENVIRON:
		return (peer_environ(peer, msg));
	case PROTO_MSG_COMMAND:
		if (peer->client != NULL || peer_waiting(peer))
			return (-1);
		return (peer_command(peer, msg));
	case PROTO_MSG_RESIZE:
		if (peer->client != NULL)
			client_resize(peer->client);
		return (0);
	case PROTO_MSG_DETACH:
		if (peer->client != NULL)
			client_detach(peer->client, "detached");
		return (0);
	}
	return (-1);
}

static void
peer_read_cb(int fd, short events, void *arg)
{
	struct peer		*peer = arg;
	struct proto_msg	 msg;
	char			 buf[PEER_READ_SIZE], *cause, why[64];
	ssize_t			 n;
	int			 r;

	(void)events;
	n = sock_recv(fd, buf, sizeof buf, &peer->tty_fd);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		/* The command went away (closed, killed): let go of it. */
		event_del(peer->read_ev);
		peer->flags |= PEER_CLOSING;
		evbuffer_drain(peer->out, evbuffer_get_length(peer->out));
		if (peer->client != NULL)
			client_detach(peer->client, NULL);
		server_wake();
		return;
	}
	evbuffer_add(peer->in, buf, n);
	while (!(peer->flags & PEER_CLOSING)) {
		if ((r = proto_get(peer->in, &msg, &cause)) == 0)
			break;
		if (r == -1) {
			peer_drop(peer, cause);
			free(cause);
			return;
		}
		r = peer_dispatch(peer, &msg);
		if (r != 0) {
			snprintf(why, sizeof why, "bad message (type %u, %zu "
			    "bytes)", msg.type, msg.len);
			proto_msg_free(&msg);
			peer_drop(peer, why);
			return;
		}
		proto_msg_free(&msg);
	}
}

struct client *
peer_attach(struct peer *peer, struct session *s, char **cause)
{
	struct client	*c;
	int		 fd = peer->tty_fd;

	if (peer->client != NULL) {
		xasprintf(cause, "already attached");
		return (NULL);
	}
	if (fd == -1) {
		xasprintf(cause, "not a terminal");
		return (NULL);
	}
	c = client_create(fd, peer->term, peer->colorterm, s, cause);
	if (c == NULL)
		return (NULL);
	peer->tty_fd = -1;	/* the client owns it now */
	peer->client = c;
	c->peer = peer;
	peer_send(peer, PROTO_MSG_ATTACHED, NULL, 0);
	return (c);
}
